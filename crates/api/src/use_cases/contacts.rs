//! A person's contact details, kept sealed with the data key: the contact
//! card, replacing the details and safety note, and recording an attempt to
//! reach the person.

use crate::auth::Staff;
use crate::error::ApiError;
use crate::use_cases::access::{followed, record};
use chrono::{Duration, NaiveDateTime};
use stige_domain::contact::{self, ContactDetails, ContactDraft};
use stige_domain::{AuditAction, ParticipantId, ValidationErrors};
use stige_secrets::cipher::DataCipher;
use stige_store::DbConnection;
use stige_store::contacts as store;
use stige_wire::{ParticipantContact, ParticipantContactInput, ReachAttempt, ReachAttemptInput};

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

/// Reach attempts the contact card shows.
const ATTEMPTS_SHOWN: i64 = 20;
/// How far back a reach attempt may be recorded.
const ATTEMPT_WINDOW_DAYS: i64 = 7;

/// The contact card as the API shows it, with the latest `attempts` attempts
/// to reach the person.
pub fn card(
    conn: &mut DbConnection,
    cipher: &DataCipher,
    id: ParticipantId,
    attempts: i64,
) -> Result<ParticipantContact, ApiError> {
    let reach_attempts = store::attempts(conn, &[id.0], None, attempts)?
        .into_iter()
        .map(|a| ReachAttempt {
            outcome: a.outcome,
            at: a.at,
            recorded_by: a.recorded_by,
        })
        .collect();
    let Some((d, sealed)) = details_of(conn, cipher, id)? else {
        return Ok(ParticipantContact {
            reach_attempts,
            ..ParticipantContact::default()
        });
    };
    Ok(ParticipantContact {
        phone: d.phone,
        email: d.email,
        address: d.address,
        emergency_contacts: d.emergency_contacts,
        safety_note: d.safety_note,
        updated_by: Some(sealed.updated_by),
        updated_at: Some(sealed.updated_at),
        reach_attempts,
    })
}

/// Participant `id`'s contact card with the latest attempts to reach them,
/// for the staff who follow the person (404 or 403 otherwise).
pub fn contact_card(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
    cipher: &DataCipher,
) -> Result<ParticipantContact, ApiError> {
    followed(conn, staff, id)?;
    card(conn, cipher, id, ATTEMPTS_SHOWN)
}

/// Replaces participant `id`'s contact details and safety note as `body`
/// says (absent or blank fields are removed; 422 naming each bad field),
/// sealed with the data key, for the staff who follow the person. The audit
/// event says which fields are filled, never their values. Returns the card.
pub fn set_contact(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
    body: &ParticipantContactInput,
    cipher: &DataCipher,
) -> Result<ParticipantContact, ApiError> {
    followed(conn, staff, id)?;
    let details = contact::parse_contact(ContactDraft {
        phone: body.phone.as_deref(),
        email: body.email.as_deref(),
        address: body.address.as_deref(),
        emergency_contacts: &body.emergency_contacts,
        safety_note: body.safety_note.as_deref(),
    })?;
    let plain =
        serde_json::to_string(&details).map_err(|e| anyhow::anyhow!("contact details: {e}"))?;
    store::save(
        conn,
        id,
        &cipher.encrypt(&plain)?,
        staff.id,
        stige_store::now(),
    )?;
    // Which fields are filled, never their values.
    let detail = format!(
        "phone={} email={} address={} emergency_contacts={} safety_note={}",
        details.phone.is_some(),
        details.email.is_some(),
        details.address.is_some(),
        details.emergency_contacts.len(),
        details.safety_note.is_some()
    );
    record(
        conn,
        staff,
        AuditAction::ContactUpdate,
        Some(id),
        Some(detail),
    )?;
    card(conn, cipher, id, ATTEMPTS_SHOWN)
}

/// Checks when an attempt was made: not in the future, at most seven days ago.
fn attempt_time(
    at: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> Result<NaiveDateTime, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let at = at.unwrap_or(now);
    if at > now + Duration::minutes(5) {
        errors.add("at", "must not be in the future");
    } else if at < now - Duration::days(ATTEMPT_WINDOW_DAYS) {
        errors.add(
            "at",
            format!("must be at most {ATTEMPT_WINDOW_DAYS} days ago"),
        );
    }
    errors.into_result(at)
}

/// Records an attempt to reach participant `id`, `tried` or `reached`, now
/// or at a time in the last seven days (422 otherwise), for the staff who
/// follow the person. Audited; returns the card.
pub fn record_attempt(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
    body: &ReachAttemptInput,
    cipher: &DataCipher,
) -> Result<ParticipantContact, ApiError> {
    followed(conn, staff, id)?;
    let now = stige_store::now();
    let at = attempt_time(body.at, now)?;
    store::record_attempt(conn, id, body.outcome, at, staff.id, now)?;
    let detail = format!("outcome={}", body.outcome.as_str());
    record(
        conn,
        staff,
        AuditAction::ContactReach,
        Some(id),
        Some(detail),
    )?;
    card(conn, cipher, id, ATTEMPTS_SHOWN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attempts_are_recorded_for_the_last_seven_days_only() {
        let now = chrono::NaiveDate::from_ymd_opt(2026, 12, 4)
            .and_then(|d| d.and_hms_opt(12, 0, 0))
            .expect("a date");
        assert_eq!(attempt_time(None, now), Ok(now));
        let yesterday = now - Duration::days(1);
        assert_eq!(attempt_time(Some(yesterday), now), Ok(yesterday));
        assert!(attempt_time(Some(now + Duration::hours(1)), now).is_err());
        assert!(attempt_time(Some(now - Duration::days(8)), now).is_err());
    }
}
