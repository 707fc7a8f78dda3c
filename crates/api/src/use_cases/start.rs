//! Starting a new participant on the ladder in the same transaction that made
//! them (accepting a referral in one step): active from the start date, on the
//! first step, with a mentor. The referral's triage calls it.

use crate::auth::Staff;
use crate::error::ApiError;
use crate::use_cases::access::{changed_meanwhile, record};
use crate::use_cases::step_moves::{record_move, step_on_ladder};
use chrono::NaiveDate;
use stige_domain::AuditAction;
use stige_domain::enrolment::{self, EnrolmentCommand};
use stige_domain::step_move::move_to_step;
use stige_domain::{EnrolmentStatus, LadderId, MoveRequest, ParticipantId, StepId, UserId};
use stige_store::participants::{self, NewStatusChange};
use stige_store::{DbConnection, partner_feed};

/// What to set on the new participant besides creating them.
#[derive(Debug, Clone, Copy)]
pub struct Start {
    pub first_step: Option<StepId>,
    pub mentor: Option<UserId>,
    pub date: NaiveDate,
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
        let activated = enrolment::change_status(
            EnrolmentStatus::Referred,
            &EnrolmentCommand::Activate,
            start.date,
        )
        .map_err(|e| ApiError::Conflict(format!("{e}.")))?;
        if !participants::set_status(conn, id, row.version, activated.to, start.date)? {
            return Err(changed_meanwhile());
        }
        participants::insert_status_change(conn, &NewStatusChange::of(id, &activated, staff.id))?;
        partner_feed::participant_status(conn, &row, activated.to, start.date, None)?;
        let (target, step_name) =
            step_on_ladder(conn, LadderId(row.ladder_id), step)?.ok_or(ApiError::NotFound)?;
        let request = MoveRequest::parse(step, start.date, "Referral accepted", None, today)
            .map_err(ApiError::from)?;
        let moved = move_to_step(activated.to, None, None, &target, request)
            .map_err(|e| ApiError::Conflict(format!("{e}.")))?;
        record_move(conn, staff, &row, &moved, &step_name, row.version + 1)?;
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
        record(
            conn,
            staff,
            AuditAction::ParticipantStatus,
            Some(id),
            Some("to=active".into()),
        )?;
        record(
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
        record(
            conn,
            staff,
            AuditAction::ParticipantMentors,
            Some(id),
            Some(format!("mentors={mentor}")),
        )?;
    }
    Ok(())
}
