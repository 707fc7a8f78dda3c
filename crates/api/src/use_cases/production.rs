//! Production and the enterprise's economy: each workplace's days (units
//! made, orders, customers, sales), the till's CSV imported, and the monthly
//! production report for the steering group.
//!
//! Production is the enterprise's own business, not personal data: changes
//! are audited in the organisation's log like the programme's set-up, and
//! partners do not see it. The report's people and hours follow the same
//! disclosure control as the programme report.

use crate::auth::Staff;
use crate::error::ApiError;
use crate::setup_audit;
use crate::use_cases::workplaces::workplaces_of;
use chrono::{Datelike, Months, NaiveDate};
use stige_domain::production::report::{self, ProductionInput, WorkplaceInfo};
use stige_domain::production::till::{self, TillFile};
use stige_domain::production::{self as production, Currency, OutputUnit};
use stige_domain::report::Month;
use stige_domain::small_cells::Disclosure;
use stige_domain::{AuditAction, Capability, LadderId, ValidationErrors};
use stige_store::DbConnection;
use stige_store::production::{self as store, ProductionDayRow};
use stige_wire::{
    ProductionDay, ProductionDayInput, ProductionLog, ProductionQuery, ProductionReport,
    ProductionReportQuery, TillDayTotal, TillImportSummary, WorkplaceProduction,
};

/// The longest period `GET /ladders/{id}/production` answers, in days.
const MAX_PERIOD_DAYS: i64 = 366;

/// Whether `staff` may record a workplace's production in programme
/// `ladder` (a till's file too): 404 outside their programmes, 403 for a
/// role that does not work with participants. Asked before a file is read.
pub fn may_record(staff: &Staff, ladder: i64) -> Result<(), ApiError> {
    allowed(staff, ladder, &[Capability::WorkWithParticipants])
}

/// 404 unless the staff member works in `ladder`; 403 unless their role
/// there has one of `capabilities`.
fn allowed(staff: &Staff, ladder: i64, capabilities: &[Capability]) -> Result<(), ApiError> {
    let role = staff.works_in(ladder)?;
    if capabilities.iter().any(|c| role.may(*c)) {
        Ok(())
    } else {
        Err(ApiError::Forbidden)
    }
}

fn invalid(field: &str, message: impl Into<String>) -> ApiError {
    let mut errors = ValidationErrors::new();
    errors.add(field, message);
    ApiError::Validation(errors)
}

/// The programme's currency, from its organisation's country.
fn currency(conn: &mut DbConnection, ladder: i64) -> Result<Currency, ApiError> {
    Ok(Currency::of(stige_store::outcomes::country_of_ladder(
        conn, ladder,
    )?))
}

fn day_view(row: &ProductionDayRow) -> ProductionDay {
    ProductionDay {
        workplace_id: row.workplace_id,
        date: row.day,
        units: row.units(),
        orders: row.orders(),
        customers: row.customers(),
        sales: row.sales_minor.map(production::amount_of),
        source: row.source,
        recorded_at: row.recorded_at,
    }
}

fn first_of_month(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

fn last_of_month(day: NaiveDate) -> NaiveDate {
    report::month_days(Month::of(day)).1
}

/// The period asked for: by default this month; at most [`MAX_PERIOD_DAYS`].
fn period(
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<(NaiveDate, NaiveDate), ApiError> {
    let from = from.unwrap_or_else(|| first_of_month(to.unwrap_or(today)));
    let to = to.unwrap_or_else(|| last_of_month(from));
    if to < from {
        return Err(invalid("to", "the period ends before it starts"));
    }
    if (to - from).num_days() > MAX_PERIOD_DAYS {
        return Err(invalid(
            "to",
            format!("must be at most {MAX_PERIOD_DAYS} days ahead"),
        ));
    }
    Ok((from, to))
}

fn production_of(
    conn: &mut DbConnection,
    ladder: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<ProductionLog, ApiError> {
    let places = workplaces_of(conn, &[ladder])?;
    let rows = store::days_of_ladder(conn, ladder, from, to)?;
    Ok(ProductionLog {
        ladder_id: LadderId(ladder),
        from,
        to,
        currency: currency(conn, ladder)?,
        workplaces: places
            .into_iter()
            .map(|w| WorkplaceProduction {
                days: (rows.iter())
                    .filter(|r| r.workplace_id == w.id)
                    .map(day_view)
                    .collect(),
                workplace_id: w.id,
                name: w.name,
                output_unit: w.output_unit,
            })
            .collect(),
    })
}

/// Programme `ladder`'s production in the period `query` asks for (by
/// default this month, at most 366 days), per workplace, for its staff who
/// work with participants or read reports.
pub fn production_log(
    conn: &mut DbConnection,
    staff: &Staff,
    ladder: i64,
    query: &ProductionQuery,
    today: NaiveDate,
) -> Result<ProductionLog, ApiError> {
    allowed(
        staff,
        ladder,
        &[Capability::WorkWithParticipants, Capability::ReadReports],
    )?;
    let (from, to) = period(query.from, query.to, today)?;
    production_of(conn, ladder, from, to)
}

/// 404 unless `workplace` is one of programme `ladder`'s.
fn workplace_of(conn: &mut DbConnection, ladder: i64, workplace: i64) -> Result<(), ApiError> {
    stige_store::work_log::workplace(conn, ladder, workplace)?.ok_or(ApiError::NotFound)?;
    Ok(())
}

/// Records workplace `workplace`'s day `date` (`YYYY-MM-DD`, today or up to
/// 400 days back): at least one figure; a day recorded again is replaced.
/// Audited in the organisation's log. Returns the day as recorded.
pub fn record_day(
    conn: &mut DbConnection,
    staff: &Staff,
    ladder: i64,
    workplace: i64,
    date: &str,
    body: &ProductionDayInput,
    today: NaiveDate,
) -> Result<ProductionDay, ApiError> {
    allowed(staff, ladder, &[Capability::WorkWithParticipants])?;
    workplace_of(conn, ladder, workplace)?;
    let mut errors = ValidationErrors::new();
    let date = match date.parse::<NaiveDate>() {
        Ok(d) => errors
            .collect("date", production::check_date(d, today))
            .map(|_| d),
        Err(_) => {
            errors.add("date", "is not a plausible date");
            None
        }
    };
    let figures = production::parse_day(body.units, body.orders, body.customers, body.sales);
    if let Err(e) = &figures {
        errors.0.extend(e.0.iter().cloned());
    }
    let (Some(date), Ok(figures)) = (date, figures) else {
        return Err(errors.into());
    };
    let now = chrono::Utc::now().naive_utc();
    let replaced = store::record_day(conn, workplace, date, &figures, staff.id, now)?;
    setup_audit::record(
        conn,
        staff,
        if replaced {
            AuditAction::ProductionCorrect
        } else {
            AuditAction::ProductionRecord
        },
        format!("ladder={ladder} workplace={workplace} date={date}"),
    )?;
    let row = store::day(conn, workplace, date)?.ok_or(ApiError::NotFound)?;
    Ok(day_view(&row))
}

/// Deletes workplace `workplace`'s recorded day `date` (a day entered by
/// mistake); 404 when nothing is recorded for it. Audited in the
/// organisation's log.
pub fn delete_day(
    conn: &mut DbConnection,
    staff: &Staff,
    ladder: i64,
    workplace: i64,
    date: &str,
) -> Result<(), ApiError> {
    allowed(staff, ladder, &[Capability::WorkWithParticipants])?;
    // A path that names no date names no recorded day.
    let date = date.parse::<NaiveDate>().map_err(|_| ApiError::NotFound)?;
    workplace_of(conn, ladder, workplace)?;
    if !store::delete_day(conn, workplace, date)? {
        return Err(ApiError::NotFound);
    }
    setup_audit::record(
        conn,
        staff,
        AuditAction::ProductionDelete,
        format!("ladder={ladder} workplace={workplace} date={date}"),
    )
}

/// What an import of `file` writes, beside what is recorded now.
fn summary(
    conn: &mut DbConnection,
    ladder: i64,
    workplace: i64,
    file: &TillFile,
    imported: bool,
) -> Result<TillImportSummary, ApiError> {
    let first = file.days.first().map(|d| d.day);
    let last = file.days.last().map(|d| d.day);
    let before: Vec<ProductionDayRow> = match (first, last) {
        (Some(f), Some(l)) => store::days_of_ladder(conn, ladder, f, l)?
            .into_iter()
            .filter(|r| r.workplace_id == workplace)
            .collect(),
        _ => Vec::new(),
    };
    let totals = (file.days.iter())
        .map(|d| {
            let earlier = before.iter().find(|r| r.day == d.day);
            TillDayTotal {
                date: d.day,
                sales: production::amount_of(d.sales_minor),
                customers: d.customers,
                orders: d.orders,
                lines: d.lines,
                recorded_before: earlier.is_some(),
                sales_before: earlier
                    .and_then(|r| r.sales_minor)
                    .map(production::amount_of),
            }
        })
        .collect();
    Ok(TillImportSummary {
        days: u32::try_from(file.days.len()).unwrap_or(u32::MAX),
        first,
        last,
        sales_total: production::amount_of(file.days.iter().map(|d| d.sales_minor).sum()),
        currency: currency(conn, ladder)?,
        imported,
        lines: file.lines,
        totals,
    })
}

/// Imports the till's CSV export `file` for workplace `workplace`: each
/// day's sales, and its customers and orders where the file has them (units
/// entered by hand are kept); with `dry_run` nothing is written and the
/// answer shows what would be. `file` is the request's body as read: an error
/// reading it is answered after the permission check. Audited in the
/// organisation's log.
pub fn import_till(
    conn: &mut DbConnection,
    staff: &Staff,
    ladder: i64,
    workplace: i64,
    file: Result<Vec<u8>, ApiError>,
    dry_run: bool,
    today: NaiveDate,
) -> Result<TillImportSummary, ApiError> {
    allowed(staff, ladder, &[Capability::WorkWithParticipants])?;
    let text = till::decode(&file?);
    workplace_of(conn, ladder, workplace)?;
    let file = till::parse_till(&text, today)?;
    if dry_run {
        return summary(conn, ladder, workplace, &file, false);
    }
    let answer = summary(conn, ladder, workplace, &file, true)?;
    let now = chrono::Utc::now().naive_utc();
    let replaced = store::import_till(conn, workplace, &file.days, staff.id, now)?;
    setup_audit::record(
        conn,
        staff,
        AuditAction::ProductionImport,
        format!(
            "ladder={ladder} workplace={workplace} days={} replaced={replaced} first={} last={}",
            answer.days,
            answer.first.map(|d| d.to_string()).unwrap_or_default(),
            answer.last.map(|d| d.to_string()).unwrap_or_default(),
        ),
    )?;
    Ok(answer)
}

/// The month asked for (`YYYY-MM`), by default last month; not ahead of this one.
fn month(asked: Option<&str>, today: NaiveDate) -> Result<Month, ApiError> {
    let month = match asked {
        Some(text) => {
            Month::parse(text.trim()).ok_or_else(|| invalid("month", "is not a month (YYYY-MM)"))?
        }
        None => Month::of(
            first_of_month(today)
                .checked_sub_months(Months::new(1))
                .unwrap_or(today),
        ),
    };
    if !report::has_begun(month, today) {
        return Err(invalid("month", "must not be in the future"));
    }
    Ok(month)
}

/// Everything the report of `ladder` and `month` is computed from.
fn input(conn: &mut DbConnection, ladder: i64, month: Month) -> Result<ProductionInput, ApiError> {
    let ladder_name = store::ladder_name(conn, ladder)?.ok_or(ApiError::NotFound)?;
    let (from, to) = report::trend_days(month);
    let workplaces = stige_store::work_log::workplaces_of(conn, &[ladder])?
        .into_iter()
        .map(|(w, _)| WorkplaceInfo {
            id: w.id,
            output_unit: OutputUnit::parse(&w.output_unit).unwrap_or_default(),
            name: w.name,
        })
        .collect();
    Ok(ProductionInput {
        month,
        ladder: LadderId(ladder),
        ladder_name,
        currency: currency(conn, ladder)?,
        workplaces,
        produced: (store::days_of_ladder(conn, ladder, from, to)?.iter())
            .map(ProductionDayRow::produced)
            .collect(),
        worked: store::worked(conn, ladder, from, to)?,
    })
}

/// The monthly production report `query` asks for (by default last month,
/// of the first programme `staff` works in), for staff who read reports, as
/// exact as `disclosure` allows.
pub fn production_report(
    conn: &mut DbConnection,
    staff: &Staff,
    disclosure: Disclosure,
    query: &ProductionReportQuery,
    today: NaiveDate,
) -> Result<ProductionReport, ApiError> {
    staff.require_that(Capability::ReadReports)?;
    let month = month(query.month.as_deref(), today)?;
    let ladder = match query.ladder {
        Some(l) => l,
        None => *staff.reach.ladders().first().ok_or(ApiError::NotFound)?,
    };
    allowed(staff, ladder, &[Capability::ReadReports])?;
    let input = input(conn, ladder, month)?;
    Ok(report::production_report(&input, disclosure))
}
