//! Revealing a participant's full national identity number, audited.

use crate::auth::Staff;
use crate::error::ApiError;
use crate::use_cases::access::{record, visible};
use stige_domain::{AuditAction, Capability, ParticipantId};
use stige_secrets::cipher::DataCipher;
use stige_store::DbConnection;
use stige_wire::RevealedNationalId;

/// Participant `id`'s full national identity number, opened with the data
/// key (admins and coordinators: 403 for other roles; 404 when the person is
/// not visible; 409 when no number is recorded). Every reveal is recorded in
/// the audit trail.
pub fn reveal(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
    cipher: &DataCipher,
) -> Result<RevealedNationalId, ApiError> {
    let row = visible(conn, staff, id)?;
    if !staff.role.may(Capability::RevealNationalId) {
        return Err(ApiError::Forbidden);
    }
    let (Some(stored), Some(kind)) = (row.national_id_cipher, row.national_id_kind) else {
        return Err(ApiError::Conflict(
            "No national identity number is recorded for this participant.".into(),
        ));
    };
    let national_id = cipher.decrypt(&stored)?;
    record(
        conn,
        staff,
        AuditAction::ParticipantNationalIdReveal,
        Some(id),
        None,
    )?;
    Ok(RevealedNationalId { national_id, kind })
}
