//! What a programme report holds. Counts are [`ShownCount`]s: exact for admins
//! and coordinators; for viewers, mentors and partners rounded to base 5 with
//! 1 to 4 as "<5", and figures derived from fewer than five people left out.
//!
//! A partner's report holds only the sections its agreement's sharing scope
//! holds, each computed from the people who consented to share that category
//! with the partner: a section outside the scope is absent, not zero.

use crate::enrolment::ExitOutcome;
use crate::ids::{LadderId, StepId};
use crate::report::period::Period;
use crate::small_cells::{Disclosure, ShownCount};
use serde::{Deserialize, Serialize};

/// The programme report for one ladder and period, optionally one agreement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProgrammeReport {
    /// Enrolments and completions per parallel activity (ALUP, a course).
    /// Absent in a partner's report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activities: Option<Vec<ActivityFigures>>,
    /// Peer support pairs and the peers' share of the house. Absent in a
    /// partner's report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub peers: Option<PeerFigures>,
    /// Work capacity per step: median hours a week and independence in the
    /// first four weeks on a step and in the last four before leaving it.
    /// Work capacity: absent when a partner's scope lacks it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub work_capacity: Option<Vec<crate::report::work_capacity::StepWorkCapacity>>,
    pub period: Period,
    pub ladder_id: LadderId,
    pub ladder_name: String,
    /// Only participants under this cooperation agreement, when set.
    pub agreement_id: Option<i64>,
    /// Exact counts, or counts under disclosure control (rounded to base 5,
    /// 1 to 4 as "<5").
    pub disclosure: Disclosure,
    /// Participants who became active (not counting returns from a pause).
    /// Enrolment status: absent when a partner's scope lacks it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starts: Option<ShownCount>,
    /// Enrolment status: absent when a partner's scope lacks it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exits: Option<ShownCount>,
    /// Every outcome, also those without exits. Outcome: absent when a
    /// partner's scope lacks it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exits_by_outcome: Option<Vec<OutcomeFigure>>,
    /// Exits to work or education. Outcome: absent when a partner's scope
    /// lacks it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub work_or_education: Option<ShownCount>,
    /// Exits to work or education as a share (0–1) of the exits of the people
    /// whose outcome is counted; under disclosure control computed from the
    /// shown figures and absent when either is hidden.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub work_or_education_share: Option<f64>,
    /// Exits to work or education against the ladder's annual target for
    /// them. Outcome: absent when a partner's scope lacks it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub throughput: Option<Throughput>,
    /// People who left the ladder in a planned way (to work, education,
    /// another measure or treatment) against the ladder's throughput target.
    /// Outcome: absent when a partner's scope lacks it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub planned_exits: Option<Throughput>,
    /// The people who exited in the period: their situation at the start, at
    /// the exit and 3, 6 and 12 months after, by gender and age band.
    /// Outcome: absent when a partner's scope lacks it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before_after: Option<crate::report::before_after::BeforeAfter>,
    /// Each month of the period; its starts and exits follow the enrolment
    /// status section, its exits to work or education the outcome section.
    /// Absent when a partner's scope lacks both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_month: Option<Vec<MonthFigures>>,
    /// Current step: absent when a partner's scope lacks it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub steps: Option<Vec<StepFigures>>,
    /// Attendance rate: absent when a partner's scope lacks it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attendance: Option<Vec<AttendanceFigure>>,
    /// Goals summary: absent when a partner's scope lacks it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goal_scores: Option<GoalScoreFigures>,
    /// Enrolment status: absent when a partner's scope lacks it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place_usage: Option<Vec<PlaceUsage>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutcomeFigure {
    pub outcome: ExitOutcome,
    pub count: ShownCount,
}

/// People through the ladder against an annual target: exits to work or
/// education (`throughput`), or planned exits (`planned_exits`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Throughput {
    /// The ladder's annual target, if one is set.
    pub annual_target: Option<u32>,
    /// The annual target scaled to the period's length (days / 365), rounded to the
    /// nearest whole person.
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starts: Option<ShownCount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exits: Option<ShownCount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub work_or_education: Option<ShownCount>,
}

/// Peer support in the period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PeerFigures {
    /// Pairs (a peer and a newcomer) that ran on some day of the period.
    pub pairs: ShownCount,
    /// People who were someone's peer on the period's last day.
    pub peers_at_end: ShownCount,
    /// Those peers as a share (0–1) of the people on the ladder's steps on
    /// that day; under disclosure control computed from the shown figures.
    pub share_of_house: Option<f64>,
}

/// One of the ladder's parallel activities in the period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActivityFigures {
    pub activity_id: crate::ActivityId,
    pub name: String,
    /// Enrolments that started in the period.
    pub enrolled: ShownCount,
    /// Enrolments completed in the period.
    pub completed: ShownCount,
    /// Enrolments interrupted in the period.
    pub interrupted: ShownCount,
    /// Enrolments started and not ended by the period's last day.
    pub running: ShownCount,
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
    /// The step's name, so the section reads on its own.
    pub step_name: String,
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
