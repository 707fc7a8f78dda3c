//! The individual plan (IP / SIP): areas with the person's goals, who is
//! responsible, next steps; the coordinator and the reviews.

use crate::refs::PersonRef;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use stige_domain::plan::PlanAreaEntry;

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// A participant's individual plan; the fields are absent while there is none.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ParticipantPlan {
    /// Who coordinates the plan (a name, at the programme or a partner).
    pub coordinator: Option<String>,
    /// Weeks between reviews.
    pub review_every_weeks: Option<i64>,
    pub made_on: Option<NaiveDate>,
    pub last_reviewed_on: Option<NaiveDate>,
    /// When the plan is next to be reviewed.
    pub next_review_on: Option<NaiveDate>,
    /// In the order of the areas (work, education, housing, money, health,
    /// social network).
    pub areas: Vec<PlanAreaEntry>,
    /// Who last changed the plan (staff only; absent for partners).
    pub updated_by: Option<String>,
    #[serde(default, with = "crate::utc::option")]
    pub updated_at: Option<NaiveDateTime>,
}

/// A plan as sent: replaces the areas and settings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PlanInput {
    #[cfg_attr(feature = "openapi", schema(example = "Karin Lindqvist"))]
    pub coordinator: Option<String>,
    /// 1 to 52; absent: 12.
    #[cfg_attr(feature = "openapi", schema(example = 12))]
    pub review_every_weeks: Option<i64>,
    /// Each area at most once.
    #[serde(default)]
    pub areas: Vec<PlanAreaEntry>,
}

/// A plan whose review is due within a week or overdue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PlanReviewDue {
    pub participant: PersonRef,
    pub due_on: NaiveDate,
}
