//! Organisations: the platform admin creates them with their first admin;
//! staff read their own.

use crate::auth::Staff;
use crate::error::ApiError;
use crate::organisations::{insert, to_organisation};
use crate::use_cases::users::{check_username, username_free};
use stige_domain::organisation::OrganisationDraft;
use stige_domain::person::required_text;
use stige_domain::{AuditAction, Capability, Role, ValidationErrors};
use stige_secrets::password;
use stige_store::DbConnection;
use stige_store::organisations;
use stige_store::users::{self, NewUserRow};
use stige_wire::{NewOrganisation, Organisation};

/// Every organisation of the installation (platform admin).
pub fn all_organisations(
    conn: &mut DbConnection,
    staff: &Staff,
) -> Result<Vec<Organisation>, ApiError> {
    staff.require_that(Capability::AdministerPlatform)?;
    Ok(organisations::list(conn)?
        .into_iter()
        .map(to_organisation)
        .collect())
}

/// The staff member's own organisation (404 for a platform admin, who has
/// none).
pub fn own_organisation(conn: &mut DbConnection, staff: &Staff) -> Result<Organisation, ApiError> {
    let id = staff.organisation()?;
    organisations::get(conn, id.0)?
        .map(to_organisation)
        .ok_or(ApiError::NotFound)
}

/// A new organisation and its first admin as checked by
/// [`check_new_organisation`], waiting for the admin's password's hash.
pub struct NewOrganisationWithAdmin {
    draft: OrganisationDraft,
    username: String,
    display_name: String,
}

/// Checks a new organisation and its first admin (403 unless platform admin,
/// 422 naming each bad field; the country follows from the organisation
/// number) before anything is stored; returns them with the admin's password
/// to hash.
pub fn check_new_organisation(
    staff: &Staff,
    body: NewOrganisation,
) -> Result<(NewOrganisationWithAdmin, String), ApiError> {
    staff.require_that(Capability::AdministerPlatform)?;
    let organisation = OrganisationDraft::parse(
        body.name.as_deref().unwrap_or(""),
        body.organisation_number.as_deref().unwrap_or(""),
        body.default_language.as_deref().unwrap_or(""),
        body.participant_word.as_deref().unwrap_or(""),
    );
    let mut errors = match &organisation {
        Ok(_) => ValidationErrors::new(),
        Err(e) => e.clone(),
    };
    let admin = body.admin.unwrap_or_default();
    let username = errors.collect(
        "admin.username",
        check_username(admin.username.as_deref().unwrap_or("")),
    );
    let display_name = errors.collect(
        "admin.display_name",
        required_text(admin.display_name.as_deref().unwrap_or(""), 100),
    );
    let pw = admin.password.unwrap_or_default();
    errors.collect("admin.password", password::check_policy(&pw));
    let (Ok(draft), Some(username), Some(display_name), true) =
        (organisation, username, display_name, errors.is_empty())
    else {
        return Err(errors.into());
    };
    let checked = NewOrganisationWithAdmin {
        draft,
        username,
        display_name,
    };
    Ok((checked, pw))
}

/// Creates the organisation checked by [`check_new_organisation`] with its
/// first admin (422 for a username already taken), who then manages its
/// users, programmes, partners and employers; returns the organisation.
pub fn create_organisation(
    conn: &mut DbConnection,
    staff: &Staff,
    new: NewOrganisationWithAdmin,
    password_hash: &str,
) -> Result<Organisation, ApiError> {
    username_free(conn, &new.username, "admin.username")?;
    let row = insert(conn, &new.draft)?;
    let admin = users::insert(
        conn,
        &NewUserRow {
            username: &new.username,
            display_name: &new.display_name,
            password_hash,
            role: Role::Admin.as_str(),
            active: true,
            created_at: stige_store::now(),
            organisation_id: Some(row.id),
            agreement_id: None,
        },
    )?;
    let detail = format!("organisation={} admin={}", row.id, admin.id);
    crate::setup_audit::record(conn, staff, AuditAction::OrganisationCreate, detail)?;
    Ok(to_organisation(row))
}
