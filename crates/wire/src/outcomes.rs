//! Outcomes: a person's situation at the start, at the exit and 3, 6 and 12
//! months after it (income source, occupation, highest completed education),
//! their gender for statistics, and the checks after the exit still to do.

use crate::refs::PersonRef;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use stige_domain::LadderId;
use stige_domain::organisation_number::Country;
use stige_domain::situation::{Education, Gender, IncomeSource, Moment, Occupation};

#[cfg(feature = "openapi")]
use utoipa::{IntoParams, ToSchema};

/// A participant's outcomes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Outcomes {
    /// The programme's country, whose list of income sources applies.
    pub country: Country,
    /// The income sources to choose from, in order.
    pub income_sources: Vec<IncomeSource>,
    /// Only for statistics; absent when not given.
    pub gender: Option<Gender>,
    /// The person declined to be contacted after their exit: no checks are
    /// scheduled.
    pub after_exit_checks_declined: bool,
    /// The day of the person's exit, when they have exited.
    pub exited_on: Option<NaiveDate>,
    /// Each recorded moment, in the order of the moments.
    pub situations: Vec<SituationRecord>,
    /// The checks after the exit not yet recorded, with the day each is due.
    pub checks_to_do: Vec<CheckToDo>,
}

/// A situation as recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SituationRecord {
    pub moment: Moment,
    /// False when a check after the exit did not reach the person; then the
    /// other fields are empty.
    pub reached: bool,
    pub income_source: Option<IncomeSource>,
    pub occupation: Option<Occupation>,
    pub education: Option<Education>,
    /// Who recorded it.
    pub recorded_by: String,
    #[serde(with = "crate::utc")]
    pub recorded_at: NaiveDateTime,
}

/// A situation to record (`PUT /participants/{id}/outcomes/{moment}`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SituationInput {
    /// False for a check after the exit that did not reach the person (then
    /// give nothing else). Absent: reached.
    #[serde(default)]
    pub reached: Option<bool>,
    /// From the programme's country's list; required when reached.
    #[serde(default)]
    pub income_source: Option<IncomeSource>,
    /// Required when reached.
    #[serde(default)]
    pub occupation: Option<Occupation>,
    #[serde(default)]
    pub education: Option<Education>,
}

/// Gender for statistics and whether the person declines the checks after
/// their exit (`PUT /participants/{id}/outcomes`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct OutcomePreferences {
    /// Only for statistics. Absent: not given.
    #[serde(default)]
    pub gender: Option<Gender>,
    /// True: the person does not want to be contacted after the exit, and no
    /// checks are scheduled.
    #[serde(default)]
    pub after_exit_checks_declined: bool,
}

/// A check after the exit not yet recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CheckToDo {
    pub moment: Moment,
    pub due_on: NaiveDate,
}

/// A check after an exit, in the list of checks to do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ExitCheck {
    pub participant: PersonRef,
    pub ladder_id: LadderId,
    pub exited_on: NaiveDate,
    pub moment: Moment,
    pub due_on: NaiveDate,
}

/// Which checks after exits to list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ExitCheckQuery {
    /// Only this programme.
    #[serde(default)]
    pub ladder_id: Option<i64>,
    /// Only checks due on or before this day (e.g. today for those due now).
    /// Absent: every check still to do, also those due later.
    #[serde(default)]
    pub due_by: Option<NaiveDate>,
    #[serde(default)]
    pub page: Option<i64>,
    #[serde(default)]
    pub per_page: Option<i64>,
}
