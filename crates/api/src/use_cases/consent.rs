//! Consent: what a participant agrees to share with which partner, and its
//! revocation (which applies to partners' next read and to their feed).

use crate::auth::Staff;
use crate::error::ApiError;
use crate::use_cases::access::{record, visible};
use chrono::NaiveDate;
use stige_domain::person::required_text;
use stige_domain::{AuditAction, Capability, ParticipantId, ValidationErrors};
use stige_store::consents::ConsentListed;
use stige_store::{DbConnection, consents, partners};
use stige_wire::{Consent, NewConsent, PartnerRef};

fn to_consent(c: ConsentListed) -> Consent {
    Consent {
        id: c.consent.id,
        partner: PartnerRef {
            id: c.consent.partner_id,
            name: c.partner_name,
        },
        category: c.consent.category,
        purpose: c.consent.purpose,
        given_on: c.consent.given_on,
        given_recorded_by: c.given_recorded_by,
        revoked_on: c.consent.revoked_on,
        revoked_recorded_by: c.revoked_recorded_by,
    }
}

/// Participant `id`'s consent ledger, newest first.
pub fn ledger(conn: &mut DbConnection, id: ParticipantId) -> Result<Vec<Consent>, ApiError> {
    Ok(consents::for_participant(conn, id)?
        .into_iter()
        .map(to_consent)
        .collect())
}

/// Participant `id`'s consent ledger, if `staff` sees the person (404
/// otherwise); the read audited.
pub fn list(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
) -> Result<Vec<Consent>, ApiError> {
    staff.require_that(Capability::WorkWithParticipants)?;
    visible(conn, staff, id)?;
    record(conn, staff, AuditAction::ConsentList, Some(id), None)?;
    ledger(conn, id)
}

/// Records participant `id`'s consent as `body` says: a partner of the staff
/// member's organisation, at least one category, a purpose, given today or
/// before (422 naming each bad field); one consent per category. Returns the
/// ledger.
pub fn give(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
    body: &NewConsent,
    today: NaiveDate,
) -> Result<Vec<Consent>, ApiError> {
    staff.require_that(Capability::WorkWithParticipants)?;
    visible(conn, staff, id)?;
    let mut errors = ValidationErrors::new();
    let partner = match body.partner_id {
        None => {
            errors.add("partner_id", "is required");
            None
        }
        Some(p) => {
            // Only a partner of the staff member's own organisation.
            let found = partners::partner(conn, p)?.filter(|p| {
                Some(stige_domain::OrganisationId(p.organisation_id)) == staff.reach.organisation()
            });
            if found.is_none() {
                errors.add("partner_id", "is not a known partner");
            }
            found
        }
    };
    let categories = body.categories.clone().unwrap_or_default();
    if categories.is_empty() {
        errors.add("categories", "choose at least one category");
    }
    let purpose = errors.collect(
        "purpose",
        required_text(body.purpose.as_deref().unwrap_or(""), 500),
    );
    let given_on = body.given_on.unwrap_or(today);
    if given_on > today {
        errors.add("given_on", "cannot be in the future");
    }
    let (Some(partner), Some(purpose)) = (partner, purpose) else {
        return Err(errors.into());
    };
    errors.into_result(())?;
    for category in categories {
        consents::insert(conn, id, partner.id, category, &purpose, given_on, staff.id)?;
    }
    record(
        conn,
        staff,
        AuditAction::ConsentGive,
        Some(id),
        Some(format!("partner={}", partner.id)),
    )?;
    ledger(conn, id)
}

/// Revokes consent `consent` of participant `id` as of `revoked_on` (409 if
/// it is already revoked; 422 in the future or before it was given).
/// Returns the ledger.
pub fn revoke(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
    consent: i64,
    revoked_on: NaiveDate,
    today: NaiveDate,
) -> Result<Vec<Consent>, ApiError> {
    staff.require_that(Capability::WorkWithParticipants)?;
    visible(conn, staff, id)?;
    let row = consents::get(conn, id, consent)?.ok_or(ApiError::NotFound)?;
    if row.revoked_on.is_some() {
        return Err(ApiError::Conflict(
            "This consent is already revoked.".into(),
        ));
    }
    let mut errors = ValidationErrors::new();
    if revoked_on > today {
        errors.add("revoked_on", "cannot be in the future");
    }
    if revoked_on < row.given_on {
        errors.add("revoked_on", "cannot be before the consent was given");
    }
    errors.into_result(())?;
    consents::revoke(conn, consent, revoked_on, staff.id)?;
    record(
        conn,
        staff,
        AuditAction::ConsentRevoke,
        Some(id),
        Some(format!("consent={consent}")),
    )?;
    ledger(conn, id)
}
