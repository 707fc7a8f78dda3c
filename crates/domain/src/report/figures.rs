//! What a programme report holds. Counts are [`ShownCount`]s: exact for staff,
//! "<5" from 1 to 4 for viewers and partners; figures derived from fewer than five
//! people are then left out.

use crate::enrolment::ExitOutcome;
use crate::ids::{LadderId, StepId};
use crate::report::period::Period;
use crate::small_cells::ShownCount;
use serde::{Deserialize, Serialize};

/// The programme report for one ladder and period, optionally one agreement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProgrammeReport {
    pub period: Period,
    pub ladder_id: LadderId,
    pub ladder_name: String,
    /// Only participants under this cooperation agreement, when set.
    pub agreement_id: Option<i64>,
    /// Whether counts from 1 to 4 are shown as "<5".
    pub suppressed: bool,
    /// Participants who became active (not counting returns from a pause).
    pub starts: ShownCount,
    pub exits: ShownCount,
    pub exits_by_outcome: Vec<OutcomeFigure>,
    /// Exits to work or education.
    pub work_or_education: ShownCount,
    /// Exits to work or education as a share (0–1) of all exits.
    pub work_or_education_share: Option<f64>,
    pub throughput: Throughput,
    pub per_month: Vec<MonthFigures>,
    pub steps: Vec<StepFigures>,
    pub attendance: Vec<AttendanceFigure>,
    pub goal_scores: GoalScoreFigures,
    pub place_usage: Vec<PlaceUsage>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutcomeFigure {
    pub outcome: ExitOutcome,
    pub count: ShownCount,
}

/// People through the ladder (exits to work or education) against the target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Throughput {
    /// The ladder's annual target, if one is set.
    pub annual_target: Option<u32>,
    /// The annual target scaled to the period's length.
    pub target_for_period: Option<f64>,
    pub through: ShownCount,
    /// Through as a share of the target for the period.
    pub share_of_target: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MonthFigures {
    /// `YYYY-MM`.
    pub month: String,
    pub starts: ShownCount,
    pub exits: ShownCount,
    pub work_or_education: ShownCount,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StepFigures {
    pub step_id: StepId,
    pub name: String,
    pub position: i32,
    /// Active or paused on this step on the period's last day.
    pub people_at_end: ShownCount,
    /// People on this step at some time in the period: the ladder as a funnel.
    pub reached: ShownCount,
    /// Moves out of this step, up and down, in the period.
    pub moves_up: ShownCount,
    pub moves_down: ShownCount,
    /// Stays on this step that ended in the period (a move on or an exit).
    pub finished_stays: ShownCount,
    /// Active days of those stays.
    pub median_days: Option<f64>,
    pub p75_days: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttendanceFigure {
    pub step_id: StepId,
    /// `YYYY-MM`.
    pub month: String,
    /// People with a mark on this step in the month.
    pub people: ShownCount,
    /// Present days over scheduled days (0–1).
    pub rate: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GoalScoreFigures {
    /// Goals with two or more scaling scores in the period.
    pub goals: ShownCount,
    /// Average change from the first to the last score in the period (0–10 scale).
    pub average_change: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlaceUsage {
    pub agreement_id: i64,
    pub partner_name: String,
    pub places: u32,
    /// Active and paused participants under the agreement on the period's last day.
    pub used_at_end: ShownCount,
}
