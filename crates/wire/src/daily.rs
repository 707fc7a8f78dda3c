//! Request and response bodies for daily work: goals, follow-ups, attendance, Today.

use crate::refs::PersonRef;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use stige_domain::attendance::{AttendanceMark, Expectation};
use stige_domain::follow_up::Attendee;
use stige_domain::goal::{GoalCategory, GoalStatus};
use stige_domain::placement::PlacementStatus;
use stige_domain::{LadderId, ParticipantId, StepId};

#[cfg(feature = "openapi")]
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct GoalScore {
    pub id: i64,
    pub date: NaiveDate,
    /// 0 to 10: "where are you now, if 10 is the goal reached?"
    pub score: i64,
    pub comment: Option<String>,
    pub recorded_by: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Goal {
    pub id: i64,
    /// In the participant's own words.
    pub text: String,
    pub category: GoalCategory,
    pub status: GoalStatus,
    #[serde(with = "crate::utc")]
    pub created_at: NaiveDateTime,
    /// Oldest first.
    pub scores: Vec<GoalScore>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewGoal {
    pub text: Option<String>,
    pub category: Option<GoalCategory>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct GoalStatusChange {
    pub status: Option<GoalStatus>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewScore {
    /// Defaults to today.
    pub date: Option<NaiveDate>,
    pub score: Option<i64>,
    pub comment: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AgreedAction {
    pub id: i64,
    pub owner: String,
    pub what: String,
    pub by_when: Option<NaiveDate>,
    pub done: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AgreedActionInput {
    /// Who does it (required).
    pub owner: Option<String>,
    pub what: Option<String>,
    pub by_when: Option<NaiveDate>,
    #[serde(default)]
    pub done: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct FollowUp {
    pub id: i64,
    pub date: NaiveDate,
    pub attendees: Vec<Attendee>,
    pub what_works: String,
    pub scaling_score: Option<i64>,
    pub next_small_step: String,
    pub actions: Vec<AgreedAction>,
    pub next_due: Option<NaiveDate>,
    /// Not shown to mentors.
    pub confidential: bool,
    pub written_by: String,
    #[serde(with = "crate::utc")]
    pub written_at: NaiveDateTime,
    #[serde(with = "crate::utc")]
    pub updated_at: NaiveDateTime,
    /// Earlier versions kept by edits made more than 24 hours after writing.
    pub earlier_versions: i64,
}

/// A new follow-up, or its new content.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct FollowUpInput {
    /// Defaults to today; never in the future.
    pub date: Option<NaiveDate>,
    #[serde(default)]
    pub attendees: Vec<Attendee>,
    pub what_works: Option<String>,
    pub scaling_score: Option<i64>,
    pub next_small_step: Option<String>,
    #[serde(default)]
    pub actions: Vec<AgreedActionInput>,
    /// When the next follow-up is due; not before `date`.
    pub next_due: Option<NaiveDate>,
    #[serde(default)]
    pub confidential: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ActionDone {
    pub done: bool,
}

/// Which register: a day, and a step or the whole house.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct RegisterQuery {
    /// Defaults to today.
    pub date: Option<NaiveDate>,
    /// Absent: the whole house.
    pub step_id: Option<StepId>,
    /// One programme's house; absent: every programme the staff member works
    /// in (the organisation's house for its admins).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ladder_id: Option<LadderId>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct RegisterLine {
    pub participant_id: ParticipantId,
    pub given_name: String,
    pub family_name: String,
    pub step: Option<crate::StepRef>,
    /// Whether the house expects the participant that day: planned weekday, not
    /// paused, not at an internship.
    pub expected: Expectation,
    pub mark: Option<AttendanceMark>,
    /// The parallel activities the person is enrolled in that day, with their
    /// marks.
    #[serde(default)]
    pub activities: Vec<crate::RegisterActivity>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Register {
    pub date: NaiveDate,
    /// Active and paused participants of the group, by family name.
    pub lines: Vec<RegisterLine>,
    /// Lines expected that day.
    pub expected: i64,
    /// Expected lines without a mark yet.
    pub unmarked: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct MarkInput {
    pub participant_id: ParticipantId,
    pub mark: AttendanceMark,
}

/// Marks for one day; a mark that differs from an earlier one is kept as a correction.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct RegisterUpdate {
    pub date: Option<NaiveDate>,
    pub step_id: Option<StepId>,
    /// The programme whose register the answer shows (as in [`RegisterQuery`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ladder_id: Option<LadderId>,
    #[serde(default)]
    pub marks: Vec<MarkInput>,
    /// Marks in parallel activities for the same day.
    #[serde(default)]
    pub activity_marks: Vec<crate::RegisterActivityMark>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PeriodRate {
    /// The week's Monday, or the month's first day.
    pub start: NaiveDate,
    /// Present days among scheduled ones, 0 to 1; absent without scheduled days.
    pub rate: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PlannedParticipation {
    pub valid_from: NaiveDate,
    /// The planned days of the week by ISO number (1 = Monday … 7 = Sunday); empty
    /// when only hours are planned (then every working day is expected).
    pub weekdays: Vec<i64>,
    pub hours_per_week: Option<i64>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewPlannedParticipation {
    pub valid_from: Option<NaiveDate>,
    /// The planned days of the week by ISO number (1 = Monday … 7 = Sunday), at
    /// least one; give this or `hours_per_week`.
    #[serde(default)]
    pub weekdays: Option<Vec<i64>>,
    /// 1 to 60.
    pub hours_per_week: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AttendanceCorrection {
    pub date: NaiveDate,
    pub previous_mark: AttendanceMark,
    pub new_mark: AttendanceMark,
    #[serde(with = "crate::utc")]
    pub corrected_at: NaiveDateTime,
}

/// A participant's attendance: trend, rates, plan and corrections.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AttendanceSummary {
    /// The last 8 weeks, oldest first.
    pub weekly: Vec<PeriodRate>,
    /// The months of the last year that have marks, oldest first.
    pub monthly: Vec<PeriodRate>,
    pub consecutive_unnotified_absences: i64,
    pub plans: Vec<PlannedParticipation>,
    pub corrections: Vec<AttendanceCorrection>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct DueFollowUp {
    pub participant: PersonRef,
    pub next_due: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct OverdueAction {
    pub participant: PersonRef,
    pub owner: String,
    pub what: String,
    pub by_when: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct EarlyWarning {
    pub participant: PersonRef,
    /// Working days in a row absent without notice.
    pub days: i64,
    /// The latest attempt to reach the person in the last seven days, if any
    /// (recorded from their contact card).
    #[serde(default)]
    pub last_reach_attempt: Option<crate::contact::ReachAttempt>,
    /// The partner's follow-up service was told of this run of absences (where
    /// the person's consent covers it), and when.
    #[serde(default)]
    pub follow_up_service_told: Option<FollowUpServiceTold>,
}

/// An early warning told to a partner's follow-up service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct FollowUpServiceTold {
    pub partner_name: String,
    /// The e-mail address (or phone number) the message went to.
    pub recipient: String,
    #[serde(with = "crate::utc")]
    pub at: chrono::NaiveDateTime,
}

/// The staff home page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Today {
    pub date: NaiveDate,
    /// Participants expected in today's register (planned weekday, not at an internship).
    pub register_total: i64,
    /// Who is not yet marked today (empty on weekends).
    pub not_marked: Vec<PersonRef>,
    pub follow_ups_due: Vec<DueFollowUp>,
    pub overdue_actions: Vec<OverdueAction>,
    /// Participants referred or in assessment, waiting for a start.
    pub referrals_waiting: Vec<PersonRef>,
    /// Partners' new referrals in the inbox (received, not yet triaged: what the
    /// inbox lists first); 0 for mentors.
    pub open_referrals: i64,
    /// Placements whose employer has not answered the invitation yet.
    pub placements_awaiting_employer: Vec<AwaitingPlacement>,
    pub early_warnings: Vec<EarlyWarning>,
    /// Individual plans whose review is due within a week or overdue.
    #[serde(default)]
    pub plan_reviews_due: Vec<crate::plan::PlanReviewDue>,
    /// Paused participants whose planned return is today or past.
    #[serde(default)]
    pub returns_due: Vec<ReturnDue>,
    /// Employers' answers through their links since the start of yesterday,
    /// newest first.
    #[serde(default)]
    pub employer_answers: Vec<EmployerAnswer>,
    /// Checks after exits (3, 6 and 12 months) due today or earlier and not
    /// yet recorded, soonest due first.
    #[serde(default)]
    pub exit_checks_due: Vec<crate::outcomes::ExitCheck>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ReturnDue {
    pub participant: PersonRef,
    pub planned_return: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct EmployerAnswer {
    pub placement_id: i64,
    pub participant: PersonRef,
    pub employer_name: String,
    /// What the employer's answer made the placement: confirmed, declined,
    /// completed or ended early.
    pub status: PlacementStatus,
    #[serde(with = "crate::utc")]
    pub answered_at: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AwaitingPlacement {
    pub placement_id: i64,
    pub participant: PersonRef,
    pub employer_name: String,
    pub start_date: NaiveDate,
}
