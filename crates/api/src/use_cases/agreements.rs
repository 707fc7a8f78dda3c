//! Cooperation agreements between the organisation and a partner about one
//! programme: its period, places, sharing scope and contacts. Admins make
//! and change them; coordinators read them, with the places used.

use crate::auth::Staff;
use crate::error::ApiError;
use chrono::NaiveDate;
use stige_domain::partner::{AgreementDraft, AgreementTerms, scope_from_text};
use stige_domain::{AuditAction, Capability, LadderId, OrganisationId, ValidationErrors};
use stige_store::partners::{self, AgreementListed, AgreementRow};
use stige_store::{DbConnection, ladders};
use stige_wire::{Agreement, AgreementInput, Contact, LadderRef, PartnerRef};

/// The agreement as the API shows it: whether it takes referrals `today`.
pub fn to_agreement(listed: AgreementListed, today: NaiveDate) -> Agreement {
    let a = listed.agreement;
    let terms = AgreementTerms {
        valid_from: a.valid_from,
        valid_to: a.valid_to,
        places: u32::try_from(a.places).unwrap_or(0),
    };
    Agreement {
        id: a.id,
        partner: PartnerRef {
            id: a.partner_id,
            name: listed.partner_name,
        },
        ladder: LadderRef {
            id: LadderId(a.ladder_id),
            name: listed.ladder_name,
        },
        valid_from: a.valid_from,
        valid_to: a.valid_to,
        places: i64::from(a.places),
        places_used: listed.places_used,
        takes_referrals: terms.takes_referrals_on(today),
        sharing_scope: scope_from_text(&a.sharing_scope).into_iter().collect(),
        contact: Contact {
            name: a.contact_name,
            phone: a.contact_phone,
            email: a.contact_email,
        },
        follow_up_service: Contact {
            name: a.follow_up_name,
            phone: a.follow_up_phone,
            email: a.follow_up_email,
        },
        version: a.version,
    }
}

/// One agreement about one of the programmes `ladders` with names and usage, or 404.
pub fn load_agreement(
    conn: &mut DbConnection,
    ladders: &[i64],
    id: i64,
    today: NaiveDate,
) -> Result<Agreement, ApiError> {
    let row = partners::agreement(conn, id)?.ok_or(ApiError::NotFound)?;
    partners::agreements(conn, ladders, Some(row.partner_id))?
        .into_iter()
        .find(|l| l.agreement.id == id)
        .map(|l| to_agreement(l, today))
        .ok_or(ApiError::NotFound)
}

/// The agreement if it is about one of the programmes `ladders`, else 404.
pub fn reached_agreement(
    conn: &mut DbConnection,
    ladders: &[i64],
    id: i64,
) -> Result<AgreementRow, ApiError> {
    partners::agreement(conn, id)?
        .filter(|a| ladders.contains(&a.ladder_id))
        .ok_or(ApiError::NotFound)
}

fn agreement_draft(body: &AgreementInput) -> Result<AgreementDraft, ValidationErrors> {
    AgreementDraft::parse(&stige_domain::partner::AgreementInput {
        valid_from: body.valid_from,
        valid_to: body.valid_to,
        places: body.places,
        sharing_scope: body.sharing_scope.as_deref(),
        contact: [
            body.contact.name.as_deref(),
            body.contact.phone.as_deref(),
            body.contact.email.as_deref(),
        ],
        follow_up_service: [
            body.follow_up_service.name.as_deref(),
            body.follow_up_service.phone.as_deref(),
            body.follow_up_service.email.as_deref(),
        ],
    })
}

/// The cooperation agreements about the programmes `staff` works in, with
/// their place usage.
pub fn agreements(
    conn: &mut DbConnection,
    staff: &Staff,
    today: NaiveDate,
) -> Result<Vec<Agreement>, ApiError> {
    staff.require_that(Capability::ReadPartners)?;
    let ladders = staff.reach.ladders();
    Ok(partners::agreements(conn, &ladders, None)?
        .into_iter()
        .map(|l| to_agreement(l, today))
        .collect())
}

/// Agreement `id`, if it is about a programme `staff` works in (404 otherwise).
pub fn agreement(
    conn: &mut DbConnection,
    staff: &Staff,
    id: i64,
    today: NaiveDate,
) -> Result<Agreement, ApiError> {
    staff.require_that(Capability::ReadPartners)?;
    load_agreement(conn, &staff.reach.ladders(), id, today)
}

/// Makes a cooperation agreement with a partner of the admin's organisation
/// on a programme they work in (422 naming each bad field, an unknown partner
/// or programme among them); returns it.
pub fn make_agreement(
    conn: &mut DbConnection,
    staff: &Staff,
    body: &AgreementInput,
    today: NaiveDate,
) -> Result<Agreement, ApiError> {
    staff.require_that(Capability::Administer)?;
    let mut errors = match agreement_draft(body) {
        Ok(_) => ValidationErrors::new(),
        Err(e) => e,
    };
    let partner = match body.partner_id {
        None => {
            errors.add("partner_id", "is required");
            None
        }
        Some(p) => partners::partner(conn, p)?
            .filter(|p| Some(OrganisationId(p.organisation_id)) == staff.reach.organisation()),
    };
    if body.partner_id.is_some() && partner.is_none() {
        errors.add("partner_id", "is not a known partner");
    }
    let ladder = match body.ladder_id {
        None => {
            errors.add("ladder_id", "is required");
            None
        }
        Some(l) if staff.reach.works_in(l) => ladders::get(conn, l)?.map(|_| l),
        Some(_) => None,
    };
    if body.ladder_id.is_some() && ladder.is_none() {
        errors.add("ladder_id", "is not a known ladder");
    }
    let (Some(partner), Some(ladder), Ok(draft)) = (partner, ladder, agreement_draft(body)) else {
        return Err(errors.into());
    };
    let row = partners::insert_agreement(conn, partner.id, ladder.0, &draft)?;
    let detail = format!("agreement={}", row.id);
    crate::setup_audit::record(conn, staff, AuditAction::AgreementCreate, detail)?;
    load_agreement(conn, &[ladder.0], row.id, today)
}

/// Changes agreement `id`'s period, places, scope or contacts, if it is still
/// at version `expected` (the `If-Match` the request carried, or why it could
/// not be read: 428, 412); a narrower scope applies to the partners' next
/// read. Returns the agreement.
pub fn change_agreement(
    conn: &mut DbConnection,
    staff: &Staff,
    id: i64,
    expected: Result<i64, ApiError>,
    body: &AgreementInput,
    today: NaiveDate,
) -> Result<Agreement, ApiError> {
    staff.require_that(Capability::Administer)?;
    let ladders = staff.reach.ladders();
    let row = reached_agreement(conn, &ladders, id)?;
    let expected = expected?;
    if expected != row.version {
        return Err(ApiError::PreconditionFailed);
    }
    let draft = agreement_draft(body)?;
    if !partners::update_agreement(conn, id, expected, &draft)? {
        return Err(ApiError::PreconditionFailed);
    }
    let detail = format!("agreement={id}");
    crate::setup_audit::record(conn, staff, AuditAction::AgreementUpdate, detail)?;
    load_agreement(conn, &ladders, id, today)
}
