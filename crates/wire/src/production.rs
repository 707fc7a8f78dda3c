//! Production and the enterprise's economy (issue 26, part 4): per workplace
//! and day the units made (items or portions), the orders, the customers and
//! the sales in the programme's currency, entered or imported from the
//! till's CSV; and the monthly production report for the steering group.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use stige_domain::LadderId;
#[cfg(feature = "openapi")]
use utoipa::{IntoParams, ToSchema};

pub use stige_domain::production::report::{
    OutputFigures, ProductionMonth, ProductionReport, ProductionTotals, WorkFigures,
    WorkplaceFigures,
};
pub use stige_domain::production::{Currency, OutputUnit, ProductionSource};

/// One workplace's day as recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ProductionDay {
    pub workplace_id: i64,
    pub date: NaiveDate,
    /// Items or portions made, as the workplace counts its output.
    #[cfg_attr(feature = "openapi", schema(example = 42))]
    pub units: Option<u32>,
    pub orders: Option<u32>,
    pub customers: Option<u32>,
    /// In the programme's currency, two decimals.
    #[cfg_attr(feature = "openapi", schema(example = 4567.5))]
    pub sales: Option<f64>,
    pub source: ProductionSource,
    #[serde(with = "crate::utc")]
    pub recorded_at: NaiveDateTime,
}

/// A workplace's day as entered; at least one figure. Recording a day again
/// replaces every figure recorded for it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ProductionDayInput {
    /// Items or portions made, a whole number from 0 to 100000.
    #[cfg_attr(feature = "openapi", schema(example = 42))]
    pub units: Option<i64>,
    /// A whole number from 0 to 100000.
    pub orders: Option<i64>,
    /// A whole number from 0 to 100000.
    pub customers: Option<i64>,
    /// In the programme's currency (NOK or SEK), from 0 with at most two
    /// decimals.
    #[cfg_attr(feature = "openapi", schema(example = 4567.5))]
    pub sales: Option<f64>,
}

/// Read only from a JSON object: every field may be absent, so serde's
/// derived reading would also take an array for one.
impl<'de> Deserialize<'de> for ProductionDayInput {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Fields {
            #[serde(default)]
            units: Option<i64>,
            #[serde(default)]
            orders: Option<i64>,
            #[serde(default)]
            customers: Option<i64>,
            #[serde(default)]
            sales: Option<f64>,
        }
        let f: Fields = crate::object::from_object(d)?;
        Ok(ProductionDayInput {
            units: f.units,
            orders: f.orders,
            customers: f.customers,
            sales: f.sales,
        })
    }
}

/// One workplace's recorded days in a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct WorkplaceProduction {
    pub workplace_id: i64,
    #[cfg_attr(feature = "openapi", schema(example = "Kafeen"))]
    pub name: String,
    pub output_unit: OutputUnit,
    /// The days with figures recorded, oldest first.
    pub days: Vec<ProductionDay>,
}

/// The programme's recorded production in a period, per workplace by name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ProductionLog {
    pub ladder_id: LadderId,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub currency: Currency,
    pub workplaces: Vec<WorkplaceProduction>,
}

/// Which days of production: by default this calendar month.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ProductionQuery {
    /// Defaults to the first day of this month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
    /// Defaults to the last day of `from`'s month; at most 366 days after `from`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<NaiveDate>,
}

/// Whether a till import only shows what it would write.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct TillImportQuery {
    /// `true`: read the file and answer what would be written, writing
    /// nothing (the preview before the user confirms). Defaults to `false`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dry_run: Option<bool>,
}

/// One day's totals from the till's file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct TillDayTotal {
    pub date: NaiveDate,
    /// The day's lines added up, in the programme's currency.
    pub sales: f64,
    /// Absent when the file has no customers column.
    pub customers: Option<u32>,
    /// Absent when the file has no orders column.
    pub orders: Option<u32>,
    /// How many of the file's lines are behind the day.
    pub lines: u32,
    /// Whether the day had figures recorded before the import (its sales,
    /// customers and orders are then replaced; its units kept).
    pub recorded_before: bool,
    /// The sales recorded for the day before the import, if any.
    pub sales_before: Option<f64>,
}

/// What a till import read, and whether it was written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct TillImportSummary {
    /// Distinct days in the file.
    pub days: u32,
    pub first: Option<NaiveDate>,
    pub last: Option<NaiveDate>,
    /// All days' sales, in `currency`.
    pub sales_total: f64,
    pub currency: Currency,
    /// False for a dry run.
    pub imported: bool,
    /// The file's lines read (not counting the header, blank lines and the
    /// till's own sum line).
    pub lines: u32,
    /// Each day's totals, oldest first.
    pub totals: Vec<TillDayTotal>,
}

/// Which programme and month the production report is for.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ProductionReportQuery {
    /// The ladder (programme); defaults to the caller's first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ladder: Option<i64>,
    /// `YYYY-MM`; defaults to last month (the last whole month).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub month: Option<String>,
}
