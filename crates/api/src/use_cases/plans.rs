//! The individual plan: made, changed and reviewed by those who follow the
//! person, and shown to staff and partners.

use crate::auth::Staff;
use crate::error::ApiError;
use crate::use_cases::access::{followed, record};
use chrono::NaiveDate;
use stige_domain::AuditAction;
use stige_domain::ParticipantId;
use stige_domain::plan::{self, PlanAreaEntry};
use stige_store::DbConnection;
use stige_store::plans as store;
use stige_wire::ParticipantPlan;
use stige_wire::PlanInput;

/// The plans of `ids` as the API shows them (people without one are absent).
pub fn plans_of(
    conn: &mut DbConnection,
    ids: &[i64],
) -> Result<Vec<(i64, ParticipantPlan)>, ApiError> {
    let areas = store::areas_of(conn, ids)?;
    Ok(store::of_participants(conn, ids)?
        .into_iter()
        .map(|p| {
            let mut own: Vec<PlanAreaEntry> = (areas.iter())
                .filter(|a| a.participant_id == p.participant_id)
                .map(|a| PlanAreaEntry {
                    area: a.area,
                    goal: a.goal.clone(),
                    responsible: a.responsible,
                    responsible_name: a.responsible_name.clone(),
                    next_step: a.next_step.clone(),
                    next_step_by: a.next_step_by,
                })
                .collect();
            own.sort_by_key(|a| a.area);
            let weeks = i64::from(p.review_every_weeks);
            let view = ParticipantPlan {
                coordinator: Some(p.coordinator),
                review_every_weeks: Some(weeks),
                made_on: Some(p.made_on),
                last_reviewed_on: p.last_reviewed_on,
                next_review_on: Some(plan::next_review(p.made_on, p.last_reviewed_on, weeks)),
                areas: own,
                updated_by: Some(p.updated_by),
                updated_at: Some(p.updated_at),
            };
            (p.participant_id, view)
        })
        .collect())
}

/// The person's plan, or an empty one.
pub fn plan_of(conn: &mut DbConnection, id: ParticipantId) -> Result<ParticipantPlan, ApiError> {
    Ok(plans_of(conn, &[id.0])?
        .pop()
        .map(|(_, p)| p)
        .unwrap_or_default())
}

/// Why a review was refused.
pub const NO_PLAN: &str = "The participant has no plan yet: make one before recording a review";

/// Participant `id`'s plan (an empty one while there is none), for the
/// staff who follow the person (404 or 403 otherwise).
pub fn followed_plan(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
) -> Result<ParticipantPlan, ApiError> {
    followed(conn, staff, id)?;
    plan_of(conn, id)
}

/// Saves participant `id`'s plan as `body` says (those who follow the person:
/// 404 or 403 otherwise; 422 naming each bad field), audited with the number
/// of areas; returns the plan.
pub fn save_plan(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
    body: &PlanInput,
    today: NaiveDate,
) -> Result<ParticipantPlan, ApiError> {
    followed(conn, staff, id)?;
    let draft = plan::parse_plan(
        body.coordinator.as_deref(),
        body.review_every_weeks,
        &body.areas,
    )?;
    store::save(conn, id, &draft, staff.id, today, stige_store::now())?;
    let detail = format!("areas={}", draft.areas.len());
    record(conn, staff, AuditAction::PlanUpdate, Some(id), Some(detail))?;
    plan_of(conn, id)
}

/// Records that participant `id`'s plan was reviewed today (409 without a
/// plan); returns the plan.
pub fn review_plan(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
    today: NaiveDate,
) -> Result<ParticipantPlan, ApiError> {
    followed(conn, staff, id)?;
    if !store::reviewed(conn, id, today, staff.id, stige_store::now())? {
        return Err(ApiError::Conflict(NO_PLAN.into()));
    }
    record(conn, staff, AuditAction::PlanReview, Some(id), None)?;
    plan_of(conn, id)
}
