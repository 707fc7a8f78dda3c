//! Partners (municipalities, agencies and others the organisation works
//! with): admins register and change them; coordinators read them.

use crate::auth::Staff;
use crate::error::ApiError;
use stige_domain::organisation_number::OrganisationNumber;
use stige_domain::partner::PartnerDraft;
use stige_domain::{AuditAction, Capability, OrganisationId, ValidationErrors};
use stige_store::DbConnection;
use stige_store::partners::{self, PartnerRow};
use stige_wire::{Partner, PartnerInput};

/// The partner as the API shows it (its organisation number formatted).
pub fn to_partner(row: PartnerRow) -> Partner {
    Partner {
        id: row.id,
        organisation_number: OrganisationNumber::parse(&row.organisation_number)
            .map_or(row.organisation_number.clone(), |n| n.formatted()),
        name: row.name,
        kind: row.kind,
    }
}

fn partner_draft(body: &PartnerInput) -> Result<PartnerDraft, ValidationErrors> {
    PartnerDraft::parse(
        body.name.as_deref(),
        body.kind,
        body.organisation_number.as_deref(),
    )
}

/// 422 when another partner of `organisation` (not `except`) has the draft's
/// organisation number.
fn number_taken(
    conn: &mut DbConnection,
    organisation: OrganisationId,
    draft: &PartnerDraft,
    except: Option<i64>,
) -> Result<(), ApiError> {
    let other =
        partners::partner_by_number(conn, organisation.0, draft.organisation_number.digits())?;
    number_free(other.map(|o| (o.id, o.name)), except)
}

/// 422 on `organisation_number` when `holder` (the id and name of whoever
/// has the number already) is someone other than `except`.
pub fn number_free(holder: Option<(i64, String)>, except: Option<i64>) -> Result<(), ApiError> {
    if let Some((id, name)) = holder
        && Some(id) != except
    {
        let mut e = ValidationErrors::new();
        e.add(
            "organisation_number",
            format!("is already registered for {name}"),
        );
        return Err(e.into());
    }
    Ok(())
}

/// The partners of `staff`'s organisation, by name.
pub fn partners(conn: &mut DbConnection, staff: &Staff) -> Result<Vec<Partner>, ApiError> {
    staff.require_that(Capability::ReadPartners)?;
    let organisation = staff.organisation()?;
    Ok(partners::partners(conn, organisation)?
        .into_iter()
        .map(to_partner)
        .collect())
}

/// Registers a partner of the admin's organisation (422 for an organisation
/// number already registered); returns it.
pub fn register_partner(
    conn: &mut DbConnection,
    staff: &Staff,
    body: &PartnerInput,
) -> Result<Partner, ApiError> {
    staff.require_that(Capability::Administer)?;
    let organisation = staff.organisation()?;
    let draft = partner_draft(body)?;
    number_taken(conn, organisation, &draft, None)?;
    let row = partners::insert_partner(conn, organisation, &draft)?;
    let detail = format!("partner={}", row.id);
    crate::setup_audit::record(conn, staff, AuditAction::PartnerCreate, detail)?;
    Ok(to_partner(row))
}

/// Changes partner `id` of the admin's organisation (another's is not found);
/// returns it.
pub fn change_partner(
    conn: &mut DbConnection,
    staff: &Staff,
    id: i64,
    body: &PartnerInput,
) -> Result<Partner, ApiError> {
    staff.require_that(Capability::Administer)?;
    let organisation = staff.organisation()?;
    partners::partner(conn, id)?
        .filter(|p| p.organisation_id == organisation.0)
        .ok_or(ApiError::NotFound)?;
    let draft = partner_draft(body)?;
    number_taken(conn, organisation, &draft, Some(id))?;
    let row = partners::update_partner(conn, id, &draft)?.ok_or(ApiError::NotFound)?;
    crate::setup_audit::record(
        conn,
        staff,
        AuditAction::PartnerUpdate,
        format!("partner={id}"),
    )?;
    Ok(to_partner(row))
}
