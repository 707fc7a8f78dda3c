//! Moving a participant to another step of their ladder, up or down.

use crate::auth::Staff;
use crate::error::ApiError;
use crate::use_cases::access::{changed_meanwhile, record, visible};
use chrono::NaiveDate;
use stige_domain::step_move::{StepMoved, move_to_step};
use stige_domain::{
    AuditAction, Capability, LadderId, MoveRequest, ParticipantId, StepId, StepOnLadder,
    ValidationErrors,
};
use stige_store::participants::{self, NewStepMove, ParticipantRow};
use stige_store::{DbConnection, ladders, partner_feed};
use stige_wire::MoveRequestBody;

/// The steps of `ladder`, each with its occupancy and its name.
pub fn steps_of(
    conn: &mut DbConnection,
    ladder: LadderId,
) -> Result<Vec<(StepOnLadder, String)>, ApiError> {
    let ladder = ladders::get(conn, ladder)?.ok_or(ApiError::NotFound)?;
    Ok(ladder
        .steps
        .into_iter()
        .map(|(s, occupied)| {
            (
                StepOnLadder {
                    id: StepId(s.id),
                    position: s.position,
                    capacity: s.capacity.and_then(|c| u32::try_from(c).ok()),
                    occupied: u32::try_from(occupied).unwrap_or(u32::MAX),
                },
                s.name,
            )
        })
        .collect())
}

fn find(steps: &[(StepOnLadder, String)], step: StepId) -> Option<&(StepOnLadder, String)> {
    steps.iter().find(|(s, _)| s.id == step)
}

/// The step of `ladder` with its occupancy and name, if it is one of its steps.
pub fn step_on_ladder(
    conn: &mut DbConnection,
    ladder: LadderId,
    step: StepId,
) -> Result<Option<(StepOnLadder, String)>, ApiError> {
    Ok(find(&steps_of(conn, ladder)?, step).cloned())
}

/// Moves participant `id` to the step `body` names, up or down, with a reason
/// (into a full step only with `override_reason`; otherwise 409): the move in
/// the history, the audit event and the partners' feed.
pub fn move_participant(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
    body: &MoveRequestBody,
    today: NaiveDate,
) -> Result<StepMoved, ApiError> {
    staff.require_that(Capability::WorkWithParticipants)?;
    let row = visible(conn, staff, id)?;
    let steps = steps_of(conn, LadderId(row.ladder_id))?;
    let mut errors = ValidationErrors::new();
    let target = match body.to_step_id {
        None => {
            errors.add("to_step_id", "is required");
            None
        }
        Some(step) => {
            let target = find(&steps, step);
            if target.is_none() {
                errors.add("to_step_id", "is not a step of this participant's ladder");
            }
            target
        }
    };
    let request = MoveRequest::parse(
        body.to_step_id.unwrap_or(StepId(0)),
        body.date.unwrap_or(today),
        body.reason.as_deref().unwrap_or(""),
        body.override_reason.as_deref(),
        today,
    );
    let ((target, step_name), request) = match (target, request) {
        (Some(t), Ok(r)) if errors.is_empty() => (t, r),
        (_, Err(mut e)) => {
            errors.0.append(&mut e.0);
            return Err(errors.into());
        }
        _ => return Err(errors.into()),
    };
    let current = row
        .current_step_id
        .and_then(|s| find(&steps, StepId(s)))
        .map(|(s, _)| *s);
    let last = participants::last_move_date(conn, id)?;
    let moved = move_to_step(row.status, current.as_ref(), last, target, request)
        .map_err(|e| ApiError::Conflict(format!("{e}.")))?;
    record_move(conn, staff, &row, &moved, step_name, row.version)?;
    record(
        conn,
        staff,
        AuditAction::ParticipantMove,
        Some(id),
        Some(moved.audit_detail()),
    )?;
    Ok(moved)
}

/// Writes what `moved` did to `row` (whose version is `version`): the current
/// step, the partners' feed and the history. The caller records the audit event.
pub fn record_move(
    conn: &mut DbConnection,
    staff: &Staff,
    row: &ParticipantRow,
    moved: &StepMoved,
    step_name: &str,
    version: i64,
) -> Result<(), ApiError> {
    let id = ParticipantId(row.id);
    if !participants::set_current_step(conn, id, version, moved.to)? {
        return Err(changed_meanwhile());
    }
    partner_feed::participant_moved(conn, row, (moved.to.0, step_name), moved.date)?;
    participants::insert_move(conn, &NewStepMove::of(id, moved, staff.id))?;
    Ok(())
}
