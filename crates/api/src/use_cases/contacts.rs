//! A person's contact details, kept sealed with the data key.

use crate::error::ApiError;
use stige_domain::ParticipantId;
use stige_domain::contact::ContactDetails;
use stige_secrets::cipher::DataCipher;
use stige_store::DbConnection;
use stige_store::contacts as store;

/// The person's contact details, opened with the data key.
pub fn details_of(
    conn: &mut DbConnection,
    cipher: &DataCipher,
    id: ParticipantId,
) -> Result<Option<(ContactDetails, store::SealedContact)>, ApiError> {
    let Some(sealed) = store::sealed_of(conn, id)? else {
        return Ok(None);
    };
    let plain = cipher.decrypt(&sealed.sealed)?;
    let details: ContactDetails = serde_json::from_str(&plain)
        .map_err(|e| anyhow::anyhow!("contact details of {id} are not readable: {e}"))?;
    Ok(Some((details, sealed)))
}
