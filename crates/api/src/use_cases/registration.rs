//! Registering a person as a participant, and correcting their personal
//! details (each replaced value kept for the rectification record).

use crate::auth::Staff;
use crate::error::ApiError;
use crate::use_cases::access::{record, visible};
use chrono::NaiveDate;
use stige_domain::{
    AuditAction, Capability, LadderId, NationalId, ParticipantId, PersonName, ValidationErrors,
};
use stige_secrets::cipher::DataCipher;
use stige_store::DbConnection;
use stige_store::identity_corrections::Replaced;
use stige_store::participants::{self, ParticipantRow, PersonalDetails, StoredNationalId};
use stige_wire::{IdentityField, NewParticipant, ParticipantUpdate};

/// A registration, checked before anything is read: the person's details
/// (the national id encrypted) and the programme.
#[derive(Debug, Clone)]
pub struct Registration {
    details: PersonalDetails,
    ladder: LadderId,
}

impl Registration {
    /// Checks `body` for `staff` (who must triage referrals: 403 otherwise);
    /// every bad field named (422). The birth date defaults to the one the
    /// national id encodes.
    pub fn parse(
        staff: &Staff,
        body: &NewParticipant,
        cipher: &DataCipher,
        today: NaiveDate,
    ) -> Result<Self, ApiError> {
        staff.require_that(Capability::TriageReferrals)?;
        let mut errors = ValidationErrors::new();
        // The birth date defaults to the one the national id encodes.
        let birth_date = body.birth_date.or_else(|| {
            body.national_id
                .as_deref()
                .and_then(|n| NationalId::parse(n, today).ok())
                .map(|n| n.birth_date())
        });
        let details = parse_details(
            body.given_name.as_deref(),
            body.family_name.as_deref(),
            birth_date,
            body.national_id.as_deref(),
            cipher,
            today,
            &mut errors,
        )?;
        if body.ladder_id.is_none() {
            errors.add("ladder_id", "is required");
        }
        let (Some(details), Some(ladder), true) = (details, body.ladder_id, errors.is_empty())
        else {
            return Err(errors.into());
        };
        Ok(Self { details, ladder })
    }
}

/// Registers the person in the registration's programme (one the staff member
/// may register people in, else 422 as if unknown), as "referred".
pub fn register(
    conn: &mut DbConnection,
    staff: &Staff,
    registration: Registration,
    today: NaiveDate,
) -> Result<ParticipantRow, ApiError> {
    // A ladder of another organisation, or one where the staff member may
    // not register people, is as unknown as one that does not exist.
    if !staff
        .reach
        .may_in(LadderId(registration.ladder.0), Capability::TriageReferrals)
        || stige_store::ladders::get(conn, LadderId(registration.ladder.0))?.is_none()
    {
        let mut e = ValidationErrors::new();
        e.add("ladder_id", "is not a ladder");
        return Err(e.into());
    }
    let row = participants::insert(
        conn,
        registration.ladder.0,
        &registration.details,
        today,
        staff.id,
    )?;
    record(
        conn,
        staff,
        AuditAction::ParticipantCreate,
        Some(ParticipantId(row.id)),
        None,
    )?;
    Ok(row)
}

/// Replaces participant `id`'s personal details with `body`'s (admin,
/// coordinator, their mentor) if `expected` (from `If-Match`) is their version
/// (412 otherwise, 428 without): an absent national id keeps the stored one,
/// an empty one removes it; what each change replaced is kept.
pub fn update_details(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
    body: &ParticipantUpdate,
    expected: Result<i64, ApiError>,
    cipher: &DataCipher,
    today: NaiveDate,
) -> Result<(), ApiError> {
    staff.require_that(Capability::WorkWithParticipants)?;
    let row = visible(conn, staff, id)?;
    let expected = expected?;
    if expected != row.version {
        return Err(ApiError::PreconditionFailed);
    }
    let mut errors = ValidationErrors::new();
    let remove = body
        .national_id
        .as_deref()
        .is_some_and(|n| n.trim().is_empty());
    let details = parse_details(
        body.given_name.as_deref(),
        body.family_name.as_deref(),
        body.birth_date,
        body.national_id.as_deref(),
        cipher,
        today,
        &mut errors,
    )?;
    let Some(mut details) = details.filter(|_| errors.is_empty()) else {
        return Err(errors.into());
    };
    if body.national_id.is_none() && !remove {
        details.national_id = match (
            row.national_id_cipher.clone(),
            row.national_id_masked.clone(),
            row.national_id_kind,
        ) {
            (Some(cipher), Some(masked), Some(kind)) => Some(StoredNationalId {
                cipher,
                masked,
                kind,
                lookup: row.national_id_lookup.clone(),
            }),
            _ => None,
        };
    }
    let replaced = replaced(&row, &details);
    if !participants::update_personal(conn, id, expected, &details)? {
        return Err(ApiError::PreconditionFailed);
    }
    stige_store::identity_corrections::record(conn, id, staff.id, &replaced)?;
    record(conn, staff, AuditAction::ParticipantUpdate, Some(id), None)?;
    Ok(())
}

/// Checks names, birth date and national id; encrypts the number.
pub fn parse_details(
    given: Option<&str>,
    family: Option<&str>,
    birth_date: Option<NaiveDate>,
    national_id: Option<&str>,
    cipher: &DataCipher,
    today: NaiveDate,
    errors: &mut ValidationErrors,
) -> Result<Option<PersonalDetails>, ApiError> {
    let given = errors.collect("given_name", PersonName::parse(given.unwrap_or("")));
    let family = errors.collect("family_name", PersonName::parse(family.unwrap_or("")));
    if birth_date.is_some_and(|b| b > today) {
        errors.add("birth_date", "must not be in the future");
    }
    let nid = national_id
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .and_then(|n| errors.collect("national_id", NationalId::parse(n, today)));
    if let (Some(n), Some(b)) = (&nid, birth_date)
        && n.birth_date() != b
    {
        errors.add("birth_date", "does not match the national identity number");
    }
    let (Some(given), Some(family)) = (given, family) else {
        return Ok(None);
    };
    let national_id = match nid {
        Some(n) => Some(StoredNationalId {
            cipher: cipher.encrypt(n.expose())?,
            masked: n.masked(),
            kind: n.kind(),
            lookup: Some(cipher.lookup(n.expose())),
        }),
        None => None,
    };
    Ok(Some(PersonalDetails {
        given_name: given.as_str().to_owned(),
        family_name: family.as_str().to_owned(),
        birth_date,
        national_id,
    }))
}

/// What replacing `row`'s identity with `new` replaces, field by field.
pub fn replaced(row: &ParticipantRow, new: &PersonalDetails) -> Vec<Replaced> {
    let mut out = vec![];
    if row.given_name != new.given_name {
        out.push(Replaced {
            field: IdentityField::GivenName.as_str(),
            old_value: Some(row.given_name.clone()),
            old_cipher: None,
        });
    }
    if row.family_name != new.family_name {
        out.push(Replaced {
            field: IdentityField::FamilyName.as_str(),
            old_value: Some(row.family_name.clone()),
            old_cipher: None,
        });
    }
    if row.birth_date != new.birth_date {
        out.push(Replaced {
            field: IdentityField::BirthDate.as_str(),
            old_value: row.birth_date.map(|d| d.to_string()),
            old_cipher: None,
        });
    }
    // The cipher differs on every encryption; the masked form and the keyed
    // lookup hash tell whether the number itself changed.
    let old = (&row.national_id_masked, &row.national_id_lookup);
    let now = new
        .national_id
        .as_ref()
        .map(|n| (Some(n.masked.clone()), n.lookup.clone()));
    let same = match &now {
        Some((masked, lookup)) => (old.0, old.1) == (masked, lookup),
        None => row.national_id_masked.is_none(),
    };
    if !same {
        out.push(Replaced {
            field: IdentityField::NationalId.as_str(),
            old_value: row.national_id_masked.clone(),
            old_cipher: row.national_id_cipher.clone(),
        });
    }
    out
}
