//! A person's enrolments in the ladder's parallel activities (ALUP, a course,
//! treatment), their attendance in them and how they ended.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use stige_domain::ActivityId;
use stige_domain::activity::{ActivityEnding, EnrolmentKind};
use stige_domain::attendance::AttendanceMark;

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// One day's mark in an activity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ActivityDay {
    pub date: NaiveDate,
    pub mark: AttendanceMark,
}

/// A person's enrolment in an activity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ActivityEnrolment {
    pub id: i64,
    pub activity_id: ActivityId,
    #[cfg_attr(feature = "openapi", schema(example = "ALUP"))]
    pub activity_name: String,
    /// `placement` when a placement is recorded as the activity.
    pub kind: EnrolmentKind,
    pub placement_id: Option<i64>,
    pub starts_on: NaiveDate,
    pub planned_end_on: Option<NaiveDate>,
    /// Absent while the enrolment runs.
    pub ending: Option<ActivityEnding>,
    pub ended_on: Option<NaiveDate>,
    /// Why it was interrupted.
    pub reason: Option<String>,
    /// What came of it, in words.
    #[cfg_attr(feature = "openapi", schema(example = "Direction: warehouse work"))]
    pub result: Option<String>,
    /// Whether it runs today.
    pub running: bool,
    /// Days marked present.
    pub days_present: i64,
    /// Days marked, whatever the mark.
    pub days_marked: i64,
    /// Every marked day, oldest first.
    pub days: Vec<ActivityDay>,
    #[serde(with = "crate::utc")]
    pub updated_at: NaiveDateTime,
}

/// Enrols the person in one of their ladder's activities.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct EnrolmentInput {
    pub activity_id: Option<ActivityId>,
    pub starts_on: Option<NaiveDate>,
    pub planned_end_on: Option<NaiveDate>,
}

/// Ends an enrolment: completed, or interrupted with a reason.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct EnrolmentEndInput {
    pub ending: Option<ActivityEnding>,
    /// Absent: today.
    pub ended_on: Option<NaiveDate>,
    /// Required when interrupted.
    pub reason: Option<String>,
    #[cfg_attr(feature = "openapi", schema(example = "Direction: warehouse work"))]
    pub result: Option<String>,
}

/// Marks a day in an activity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ActivityMarkInput {
    pub date: Option<NaiveDate>,
    pub mark: AttendanceMark,
}

/// A running activity on a line of the register, with that day's mark.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct RegisterActivity {
    pub enrolment_id: i64,
    pub activity_id: ActivityId,
    pub name: String,
    pub mark: Option<AttendanceMark>,
}

/// A mark in an activity sent with the register.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct RegisterActivityMark {
    pub enrolment_id: i64,
    pub mark: AttendanceMark,
}
