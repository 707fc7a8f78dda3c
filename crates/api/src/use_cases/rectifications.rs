//! What corrections of a person's identity and follow-ups replaced: the
//! trail admins read, and the export gives in full.

use crate::auth::Staff;
use crate::error::ApiError;
use crate::use_cases::access::visible;
use stige_domain::Capability;
use stige_domain::{LadderId, ParticipantId};
use stige_secrets::cipher::DataCipher;
use stige_store::DbConnection;
use stige_store::identity_corrections::{self};
use stige_wire::{FollowUpCorrection, IdentityCorrection, IdentityField, Rectifications};

/// Participant `id`'s trail of corrections, old national identity numbers
/// masked: admins of the person's programme; 404 for everyone else.
pub fn of_participant(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
) -> Result<Rectifications, ApiError> {
    let row = visible(conn, staff, id)?;
    if !staff
        .reach
        .may_in(LadderId(row.ladder_id), Capability::Administer)
    {
        return Err(ApiError::NotFound);
    }
    trail(conn, id, None)
}

/// The trail of `id`; with `cipher`, old national identity numbers in full
/// (the export), else masked.
pub fn trail(
    conn: &mut DbConnection,
    id: ParticipantId,
    cipher: Option<&DataCipher>,
) -> Result<Rectifications, ApiError> {
    let mut identity = vec![];
    for row in identity_corrections::of_participant(conn, id)? {
        let Some(field) = IdentityField::parse(&row.field) else {
            continue;
        };
        let old_value = match (cipher, &row.old_cipher) {
            (Some(cipher), Some(stored)) => Some(cipher.decrypt(stored)?),
            _ => row.old_value,
        };
        identity.push(IdentityCorrection {
            field,
            old_value,
            corrected_by: row.corrected_by,
            corrected_at: row.corrected_at,
        });
    }
    let follow_ups = identity_corrections::follow_up_versions(conn, id, true)?
        .into_iter()
        .map(|v| FollowUpCorrection {
            follow_up_id: v.follow_up_id,
            earlier: serde_json::from_str(&v.content)
                .unwrap_or(serde_json::Value::String(v.content)),
            replaced_by: v.replaced_by,
            replaced_at: v.replaced_at,
        })
        .collect();
    Ok(Rectifications {
        identity,
        follow_ups,
    })
}
