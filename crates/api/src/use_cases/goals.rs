//! Goals in the participant's own words, their status and scaling scores.

use crate::auth::Staff;
use crate::error::ApiError;
use crate::use_cases::access::{record, visible};
use chrono::NaiveDate;
use stige_domain::goal::{GoalDraft, GoalStatus, ScoreEntry};
use stige_domain::{AuditAction, Capability, ParticipantId, ValidationErrors};
use stige_store::DbConnection;
use stige_store::goals;
use stige_wire::{NewGoal, NewScore};

/// Adds a goal for participant `id` in their own words; returns its id.
pub fn add_goal(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
    body: &NewGoal,
) -> Result<i64, ApiError> {
    staff.require_that(Capability::WorkWithParticipants)?;
    visible(conn, staff, id)?;
    let draft = GoalDraft::parse(body.text.as_deref(), body.category)?;
    let row = goals::insert(conn, id, &draft, staff.id)?;
    record(
        conn,
        staff,
        AuditAction::GoalCreate,
        Some(id),
        Some(format!("goal={}", row.id)),
    )?;
    Ok(row.id)
}

/// Marks goal `goal` of participant `id` reached, dropped or replaced (or
/// active again); 404 for a goal that is not theirs.
pub fn set_goal_status(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
    goal: i64,
    status: Option<GoalStatus>,
) -> Result<(), ApiError> {
    staff.require_that(Capability::WorkWithParticipants)?;
    visible(conn, staff, id)?;
    goals::get(conn, id, goal)?.ok_or(ApiError::NotFound)?;
    let Some(status) = status else {
        let mut e = ValidationErrors::new();
        e.add("status", "is required");
        return Err(e.into());
    };
    goals::set_status(conn, goal, status)?;
    record(
        conn,
        staff,
        AuditAction::GoalStatus,
        Some(id),
        Some(format!("goal={goal} status={}", status.as_str())),
    )?;
    Ok(())
}

/// Records a scaling score (0 to 10) for goal `goal` of participant `id`.
pub fn add_score(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
    goal: i64,
    body: &NewScore,
    today: NaiveDate,
) -> Result<(), ApiError> {
    staff.require_that(Capability::WorkWithParticipants)?;
    visible(conn, staff, id)?;
    goals::get(conn, id, goal)?.ok_or(ApiError::NotFound)?;
    let entry = ScoreEntry::parse(body.date, body.score, body.comment.as_deref(), today)?;
    goals::add_score(conn, goal, &entry, staff.id)?;
    record(
        conn,
        staff,
        AuditAction::GoalScore,
        Some(id),
        Some(format!("goal={goal}")),
    )?;
    Ok(())
}
