//! Participants: who may see whom, and the participant page's view.

pub mod access_log;
pub mod activities;
pub mod agreements;
pub mod contact;
pub mod create;
pub mod detail;
pub mod erasure;
pub mod export;
pub mod list;
pub mod mentors;
pub mod moves;
pub mod national_id;
pub mod outcomes;
pub mod peers;
pub mod plan;
pub mod rectifications;
pub mod start;
pub mod status;
pub mod update;
mod view;
pub mod work_capacity;

use crate::auth::Staff;
use crate::error::ApiError;
use actix_web::HttpResponse;
use stige_domain::AuditAction;
use stige_domain::Capability;
use stige_domain::ParticipantId;
use stige_store::DbConnection;
use stige_store::audit::{self, AuditEvent};
use stige_store::participants::{self, ParticipantRow};
use stige_store::read_audit::ReadEvent;
use stige_wire::ParticipantDetail;

pub use view::detail_view;

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

/// A staff member's read of one person's records as JSON, audited as `action`
/// for them: `load` checks who may see what; partners get 404.
pub async fn person_read<T, F>(
    state: &actix_web::web::Data<crate::state::AppState>,
    reader: crate::auth::Reader,
    id: ParticipantId,
    action: AuditAction,
    load: F,
) -> Result<HttpResponse, ApiError>
where
    T: serde::Serialize + Send + 'static,
    F: FnOnce(&mut DbConnection, &Staff) -> Result<T, ApiError> + Send + 'static,
{
    let crate::auth::Reader::Staff(token) = reader else {
        return Err(ApiError::NotFound);
    };
    let value = crate::staff_reads::read_audited(state, token, load, move |staff, _| {
        read_event(staff, action, Some(id), None)
    })
    .await?;
    Ok(HttpResponse::Ok().json(value))
}

/// The detail as JSON with its version as a strong `ETag`.
pub fn with_etag(
    response: actix_web::HttpResponseBuilder,
    detail: &ParticipantDetail,
) -> HttpResponse {
    crate::routes::conditional::with_etag(response, detail.version, detail)
}

/// A concurrent change got in first: nothing was written.
pub fn changed_meanwhile() -> ApiError {
    ApiError::Conflict(
        "The participant was changed by someone else at the same moment. Reload and try again."
            .into(),
    )
}
