//! Goals in the participant's own words, their status and scaling scores.

use crate::auth::Staff;
use crate::error::ApiError;
use crate::use_cases::access::{record, visible};
use chrono::NaiveDate;
use stige_domain::goal::{GoalDraft, GoalStatus, ScoreEntry};
use stige_domain::{AuditAction, Capability, ParticipantId, ValidationErrors};
use stige_store::DbConnection;
use stige_store::goals::{self, GoalWithScores};
use stige_wire::{Goal, GoalScore, NewGoal, NewScore};

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

fn to_goal((g, scores): GoalWithScores) -> Goal {
    Goal {
        id: g.id,
        text: g.text,
        category: g.category,
        status: g.status,
        created_at: g.created_at,
        scores: scores
            .into_iter()
            .map(|(s, by)| GoalScore {
                id: s.id,
                date: s.date,
                score: i64::from(s.score),
                comment: s.comment,
                recorded_by: by,
            })
            .collect(),
    }
}

/// Goal `goal` of participant `id` as the API shows it (after a change);
/// 404 for a goal that is not theirs.
pub fn shown(
    conn: &mut DbConnection,
    participant: ParticipantId,
    goal: i64,
) -> Result<Goal, ApiError> {
    goals::for_participant(conn, participant)?
        .into_iter()
        .find(|(g, _)| g.id == goal)
        .map(to_goal)
        .ok_or(ApiError::NotFound)
}

/// Participant `id`'s goals with their scores; the read recorded in the audit.
pub fn goals_of(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
) -> Result<Vec<Goal>, ApiError> {
    staff.require_that(Capability::WorkWithParticipants)?;
    visible(conn, staff, id)?;
    record(conn, staff, AuditAction::GoalList, Some(id), None)?;
    of_participant(conn, id)
}

/// The participant's goals with their scores.
pub fn of_participant(conn: &mut DbConnection, id: ParticipantId) -> Result<Vec<Goal>, ApiError> {
    Ok(goals::for_participant(conn, id)?
        .into_iter()
        .map(to_goal)
        .collect())
}
