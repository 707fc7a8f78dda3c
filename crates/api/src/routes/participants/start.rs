//! Starting a new participant on the ladder in the same transaction that made
//! them (accepting a referral in one step): active from the start date, on the
//! first step, with a mentor. Not a route; the referral's triage calls it.

use crate::auth::Staff;
use crate::error::ApiError;
use chrono::NaiveDate;
use stige_domain::AuditAction;
use stige_domain::enrolment::{self, EnrolmentCommand};
use stige_domain::step_move::decide_move;
use stige_domain::{
    EnrolmentStatus, LadderId, MoveRequest, ParticipantId, StepId, StepOnLadder, UserId,
};
use stige_store::participants::{self, NewStatusChange, NewStepMove};
use stige_store::partner_feed;
use stige_store::{DbConnection, ladders};

/// What to set on the new participant besides creating them.
#[derive(Debug, Clone, Copy)]
pub struct Start {
    pub first_step: Option<StepId>,
    pub mentor: Option<UserId>,
    pub date: NaiveDate,
}

/// The step of `ladder` with its occupancy, if it is one of the ladder's steps.
pub fn step_on_ladder(
    conn: &mut DbConnection,
    ladder: LadderId,
    step: StepId,
) -> Result<Option<(StepOnLadder, String)>, ApiError> {
    let ladder = ladders::get(conn, ladder)?.ok_or(ApiError::NotFound)?;
    Ok(ladder
        .steps
        .iter()
        .find(|(s, _)| s.id == step.0)
        .map(|(s, occupied)| {
            (
                StepOnLadder {
                    id: StepId(s.id),
                    position: s.position,
                    capacity: s.capacity.and_then(|c| u32::try_from(c).ok()),
                    occupied: u32::try_from(*occupied).unwrap_or(u32::MAX),
                },
                s.name.clone(),
            )
        }))
}

/// Activates the participant just created (status "referred") and moves them to
/// the first step, then assigns the mentor; each change in the history and the
/// audit log as if made by hand. A full step answers 409 and, the transaction
/// being rolled back, leaves nothing behind.
pub fn start_on_ladder(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
    start: Start,
    today: NaiveDate,
) -> Result<(), ApiError> {
    if let Some(step) = start.first_step {
        let row = participants::get(conn, staff.within(), id)?.ok_or(ApiError::NotFound)?;
        let next = enrolment::transition(EnrolmentStatus::Referred, &EnrolmentCommand::Activate)
            .map_err(|e| ApiError::Conflict(format!("{e}.")))?;
        if !participants::set_status(conn, id, row.version, next, start.date)? {
            return Err(super::changed_meanwhile());
        }
        participants::insert_status_change(
            conn,
            &NewStatusChange {
                participant: id,
                from_status: Some(EnrolmentStatus::Referred),
                to_status: next,
                date: start.date,
                reason: None,
                planned_return: None,
                outcome: None,
                outcome_text: None,
                recorded_by: staff.id,
            },
        )?;
        partner_feed::participant_status(conn, &row, next, start.date, None)?;
        let (target, step_name) =
            step_on_ladder(conn, LadderId(row.ladder_id), step)?.ok_or(ApiError::NotFound)?;
        let request = MoveRequest::parse(step, start.date, "Referral accepted", None, today)
            .map_err(ApiError::from)?;
        let direction = decide_move(next, None, None, &target, &request)
            .map_err(|e| ApiError::Conflict(format!("{e}.")))?;
        if !participants::set_current_step(conn, id, row.version + 1, step)? {
            return Err(super::changed_meanwhile());
        }
        partner_feed::participant_moved(conn, &row, (step.0, &step_name), start.date)?;
        participants::insert_move(
            conn,
            &NewStepMove {
                participant: id,
                from_step: None,
                to_step: step,
                direction: direction.as_str().to_owned(),
                date: start.date,
                reason: request.reason,
                override_reason: None,
                recorded_by: staff.id,
            },
        )?;
    }
    if let Some(mentor) = start.mentor {
        participants::set_mentors(conn, id, &[mentor])?;
    }
    Ok(())
}

/// The audit events of [`start_on_ladder`], recorded by the caller after all its
/// writes: on PostgreSQL appending to the audit log holds its lock until the
/// commit (see `stige_store::audit_chain`).
pub fn record_start(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
    start: Start,
) -> Result<(), ApiError> {
    if start.first_step.is_some() {
        super::record(
            conn,
            staff,
            AuditAction::ParticipantStatus,
            Some(id),
            Some("to=active".into()),
        )?;
        super::record(
            conn,
            staff,
            AuditAction::ParticipantMove,
            Some(id),
            start
                .first_step
                .map(|s| format!("to_step={s} direction=start")),
        )?;
    }
    if let Some(mentor) = start.mentor {
        super::record(
            conn,
            staff,
            AuditAction::ParticipantMentors,
            Some(id),
            Some(format!("mentors={mentor}")),
        )?;
    }
    Ok(())
}
