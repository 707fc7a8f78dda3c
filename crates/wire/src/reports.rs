//! Reports: the programme report (figures computed by the domain's report
//! maths), its CSV tables, the research extract and consent to research.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use stige_domain::LadderId;
#[cfg(feature = "openapi")]
use utoipa::{IntoParams, ToSchema};

pub use stige_domain::report::research::{DateGrain, Generalisation, ResearchRecord};
pub use stige_domain::report::{
    AttendanceFigure, GoalScoreFigures, MonthFigures, OrganisationReport, OrganisationTotals,
    OutcomeFigure, Period, PlaceUsage, ProgrammeReport, StepFigures, Throughput,
};

/// The organisation's report: a period (default: this calendar year so far)
/// across every programme of the caller's organisation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct OrganisationReportQuery {
    /// First day (ISO date); default 1 January of this year.
    pub from: Option<NaiveDate>,
    /// Last day (ISO date); default today (under disclosure control the last
    /// day of this month, and whole calendar months only).
    pub to: Option<NaiveDate>,
}

/// Which report: a ladder, a period (default: this calendar year so far), and
/// optionally one cooperation agreement.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ReportQuery {
    pub ladder: Option<i64>,
    /// First day (ISO date); default 1 January of this year.
    pub from: Option<NaiveDate>,
    /// Last day (ISO date); default today (under disclosure control the last
    /// day of this month). Viewers, mentors, researchers and partners ask for
    /// whole calendar months: `from` a first and `to` a last day of a month.
    pub to: Option<NaiveDate>,
    pub agreement: Option<i64>,
    /// Admins and coordinators: the report exactly as the agreement's partner
    /// gets it (needs `agreement`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_partner: Option<bool>,
}

/// The tables of a programme report that export as CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum ReportTable {
    Summary,
    Outcomes,
    Months,
    Steps,
    Attendance,
    Places,
    /// Situation at start, exit and after, by moment; by gender and age band.
    BeforeAfter,
    /// Enrolments and completions per parallel activity.
    Activities,
    /// Peer support pairs and the peers' share of the house.
    Peers,
    /// Work capacity per step, at entry and at exit.
    WorkCapacity,
}

impl ReportTable {
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// The anonymised extract: one record per participant who consented to
/// research, in random order, with pseudonyms that change on every extract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ResearchExtract {
    pub period: Period,
    pub ladder_id: LadderId,
    /// Step names by position (1 = lowest), naming `days_per_step`'s entries.
    pub steps: Vec<String>,
    /// Every combination of age band, first start, status at the end, exit
    /// outcome, exit period and days per step is shared by at least this many
    /// records.
    pub k: u32,
    /// How coarsely those are shown to reach it.
    pub generalisation: Generalisation,
    /// Records left out because fewer than `k` shared their combination.
    pub suppressed_records: u32,
    pub records: Vec<ResearchRecord>,
}

/// A participant's consent to take part, pseudonymised, in research.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ResearchConsent {
    /// Whether the consent is in force today.
    pub in_force: bool,
    pub given_on: Option<NaiveDate>,
    pub revoked_on: Option<NaiveDate>,
}

/// Give or revoke consent to research; the date defaults to today.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ResearchConsentChange {
    pub given: Option<bool>,
    #[serde(default)]
    pub date: Option<NaiveDate>,
}
