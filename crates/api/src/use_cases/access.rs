//! Who may reach a participant, and the audit events of what staff do with
//! them: the first and last steps of every use case about a person.

use crate::auth::Staff;
use crate::error::ApiError;
use stige_domain::AuditAction;
use stige_domain::Capability;
use stige_domain::ParticipantId;
use stige_store::DbConnection;
use stige_store::audit::{self, AuditEvent};
use stige_store::participants::{self, ParticipantRow};
use stige_store::read_audit::ReadEvent;

/// The participant, if `staff` may see them; otherwise 404, never 403, so nobody
/// learns that the record exists. The attempt on someone who exists is
/// recorded as `participant.read.refused` (see [`ApiError::Refused`]).
pub fn visible(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
) -> Result<ParticipantRow, ApiError> {
    if let Some(row) = participants::get(conn, staff.within(), id)? {
        return Ok(row);
    }
    // Not reached: an attempt on someone who exists (in this organisation or
    // another) is recorded; a made-up id is just not found.
    if participants::exists_anywhere(conn, id)? {
        Err(ApiError::Refused(Box::new(read_event(
            staff,
            REFUSED,
            Some(id),
            None,
        ))))
    } else {
        Err(ApiError::NotFound)
    }
}

/// The person, if `staff` follows them and may reach them and keep their
/// plan (`Capability::ReachParticipants`): 404 as in [`visible`], 403 for a
/// role that sees the person but does not follow them day to day.
pub fn followed(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
) -> Result<ParticipantRow, ApiError> {
    let row = visible(conn, staff, id)?;
    if !staff.role.may(Capability::ReachParticipants) {
        return Err(ApiError::Forbidden);
    }
    Ok(row)
}

/// The action of a refused attempt on a person who exists.
pub const REFUSED: AuditAction = AuditAction::ParticipantReadRefused;

pub fn record(
    conn: &mut DbConnection,
    staff: &Staff,
    action: AuditAction,
    id: Option<ParticipantId>,
    detail: Option<String>,
) -> Result<(), ApiError> {
    record_listed(conn, staff, action, id, &[], detail)
}

/// Records an event with the participants the request returned (a list).
pub fn record_listed(
    conn: &mut DbConnection,
    staff: &Staff,
    action: AuditAction,
    id: Option<ParticipantId>,
    listed: &[ParticipantId],
    detail: Option<String>,
) -> Result<(), ApiError> {
    audit::record_with_participants(
        conn,
        AuditEvent {
            actor: staff.actor(),
            action,
            participant: id,
            ip: staff.ip.as_deref(),
            detail,
        },
        listed,
    )?;
    Ok(())
}

/// The audit event of a staff member's read of participant data.
pub fn read_event(
    staff: &Staff,
    action: AuditAction,
    id: Option<ParticipantId>,
    detail: Option<String>,
) -> ReadEvent {
    ReadEvent {
        actor: staff.actor(),
        action,
        participant: id,
        participants: vec![],
        ip: staff.ip.clone(),
        detail,
    }
}

/// A concurrent change got in first: nothing was written.
pub fn changed_meanwhile() -> ApiError {
    ApiError::Conflict(
        "The participant was changed by someone else at the same moment. Reload and try again."
            .into(),
    )
}
