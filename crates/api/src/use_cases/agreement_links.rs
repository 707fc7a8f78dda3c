//! A participant's links to cooperation agreements: any number over time,
//! one paying for the place at a time; each partner sees the person through
//! its own links, scope and the person's consents to it. Admins and
//! coordinators link and end them; staff who see the person read them.

use crate::auth::Staff;
use crate::error::ApiError;
use crate::use_cases::access::{record, visible};
use chrono::NaiveDate;
use stige_domain::agreement_link::{self, EndLinkError, LinkSpan};
use stige_domain::{AuditAction, Capability, ParticipantId, ValidationErrors};
use stige_store::DbConnection;
use stige_store::agreement_links::{self as store, NewLink};
use stige_wire::{AgreementLink, AgreementLinkEnding, NewAgreementLink, PartnerRef};

/// The person's links, oldest first, as the API shows them: whether each is
/// in force `today`.
pub fn links_of(
    conn: &mut DbConnection,
    id: ParticipantId,
    today: NaiveDate,
) -> Result<Vec<AgreementLink>, ApiError> {
    Ok(store::of_participant(conn, id)?
        .into_iter()
        .map(|l| AgreementLink {
            id: l.link.id,
            agreement_id: l.link.agreement_id,
            in_force: l.link.span().in_force_on(today),
            partner: PartnerRef {
                id: l.partner_id,
                name: l.partner_name,
            },
            valid_from: l.link.valid_from,
            valid_to: l.link.valid_to,
            pays: l.link.pays,
        })
        .collect())
}

/// The agreements linked to participant `id` over time, if `staff` may see
/// them (404 otherwise).
pub fn agreement_links(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
    today: NaiveDate,
) -> Result<Vec<AgreementLink>, ApiError> {
    visible(conn, staff, id)?;
    links_of(conn, id, today)
}

/// Links participant `id` to another cooperation agreement of their
/// programme, from `valid_from` (default `today`) to `valid_to` (default until
/// further notice), paying for the place or following. 422 for an agreement
/// of another programme, a start outside its period, one already linked for
/// part of the period, or a second payer at the same time. Returns the
/// person's links.
pub fn link_agreement(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
    body: &NewAgreementLink,
    today: NaiveDate,
) -> Result<Vec<AgreementLink>, ApiError> {
    staff.require_that(Capability::TriageReferrals)?;
    let person = visible(conn, staff, id)?;
    let mut errors = ValidationErrors::new();
    let Some(agreement) = body.agreement_id else {
        errors.add("agreement_id", "is required");
        return Err(errors.into());
    };
    // Another programme's agreement, or none, is no agreement of the person's.
    let Some(terms) = stige_store::partners::agreement(conn, agreement)?
        .filter(|a| a.ladder_id == person.ladder_id)
    else {
        errors.add(
            "agreement_id",
            "is not an agreement of the person's programme",
        );
        return Err(errors.into());
    };
    let new = LinkSpan {
        agreement,
        from: body.valid_from.unwrap_or(today),
        to: body.valid_to,
        pays: body.pays.unwrap_or(false),
    };
    // A link starts within the agreement's period.
    if new.from < terms.valid_from || terms.valid_to.is_some_and(|to| new.from > to) {
        errors.add("valid_from", "is outside the agreement's period");
    }
    let existing: Vec<LinkSpan> = (store::of_participant(conn, id)?.iter())
        .map(|l| l.link.span())
        .collect();
    agreement_link::check_new_link(&new, &existing, &mut errors);
    errors.into_result(())?;
    let added = store::insert(
        conn,
        NewLink {
            participant: id,
            agreement,
            valid_from: new.from,
            valid_to: new.to,
            pays: new.pays,
        },
    )?;
    let detail = format!(
        "link={added} agreement={agreement} from={} pays={}",
        new.from, new.pays
    );
    record(
        conn,
        staff,
        AuditAction::AgreementLinkAdd,
        Some(id),
        Some(detail),
    )?;
    links_of(conn, id, today)
}

/// Ends link `link` of participant `id` on `valid_to` (its last day, on or
/// after its first: 422 otherwise); 409 for a link that ended before `today`.
/// Returns the person's links.
pub fn end_link(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
    link: i64,
    body: &AgreementLinkEnding,
    today: NaiveDate,
) -> Result<Vec<AgreementLink>, ApiError> {
    staff.require_that(Capability::TriageReferrals)?;
    visible(conn, staff, id)?;
    let row = (store::of_participant(conn, id)?.into_iter())
        .find(|l| l.link.id == link)
        .ok_or(ApiError::NotFound)?;
    let Some(valid_to) = body.valid_to else {
        let mut e = ValidationErrors::new();
        e.add("valid_to", "is required");
        return Err(e.into());
    };
    match agreement_link::check_end(&row.link.span(), valid_to, today) {
        Ok(()) => {}
        Err(e @ EndLinkError::AlreadyEnded) => {
            return Err(ApiError::Conflict(format!("{e}.")));
        }
        Err(e @ EndLinkError::BeforeStart) => {
            let mut errors = ValidationErrors::new();
            errors.add("valid_to", e.to_string());
            return Err(errors.into());
        }
    }
    store::end(conn, link, valid_to)?;
    let detail = format!("link={link} to={valid_to}");
    record(
        conn,
        staff,
        AuditAction::AgreementLinkEnd,
        Some(id),
        Some(detail),
    )?;
    links_of(conn, id, today)
}
