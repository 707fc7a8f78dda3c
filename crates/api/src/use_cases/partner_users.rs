//! Partner users of a cooperation agreement (admin): people at a
//! municipality or agency who sign in to the partner view. An admin invites
//! them per agreement, gives a new sign-in link when one is lost, and
//! deactivates or reactivates them.

use crate::auth::Staff;
use crate::error::ApiError;
use crate::use_cases::agreements::reached_agreement;
use crate::use_cases::users::check_names;
use stige_domain::{AuditAction, Capability, Role, UserId, ValidationErrors};
use stige_secrets::token::new_token;
use stige_store::users::{NewUserRow, UserRow};
use stige_store::{DbConnection, password_resets, users};
use stige_wire::{NewPartnerUser, PartnerUser, PartnerUserInvitation, PasswordResetLink};

/// Hours an invitation's link works: longer than a reset's, since it goes to
/// someone outside the organisation.
pub const INVITE_TTL_HOURS: i64 = 72;

fn to_partner_user(row: UserRow, agreement: i64) -> PartnerUser {
    PartnerUser {
        id: UserId(row.id),
        agreement_id: agreement,
        username: row.username,
        display_name: row.display_name,
        active: row.active,
        created_at: row.created_at,
    }
}

/// The partner user `user` of `agreement`, else 404.
fn of_agreement(conn: &mut DbConnection, agreement: i64, user: i64) -> Result<UserRow, ApiError> {
    users::by_id(conn, UserId(user))?
        .filter(|u| u.agreement_id == Some(agreement))
        .ok_or(ApiError::NotFound)
}

/// A one-time link with which `user` chooses their password, replacing any
/// earlier one.
fn sign_in_link(
    conn: &mut DbConnection,
    public_url: &str,
    user: UserId,
    by: UserId,
) -> Result<PasswordResetLink, ApiError> {
    let (token, hash) = new_token();
    let expires_at = stige_store::now() + chrono::Duration::hours(INVITE_TTL_HOURS);
    password_resets::replace(conn, user, &hash, by, expires_at)?;
    Ok(PasswordResetLink {
        link: format!("{public_url}/reset-password#token={token}"),
        expires_at,
    })
}

/// The partner users of agreement `agreement`; 404 unless it is about a
/// programme the admin works in.
pub fn partner_users(
    conn: &mut DbConnection,
    staff: &Staff,
    agreement: i64,
) -> Result<Vec<PartnerUser>, ApiError> {
    staff.require_that(Capability::Administer)?;
    reached_agreement(conn, &staff.reach.ladders(), agreement)?;
    Ok(users::of_agreement(conn, agreement)?
        .into_iter()
        .map(|r| to_partner_user(r, agreement))
        .collect())
}

/// An invitation as checked by [`check_invitation`]: the names with their
/// errors, and a password nobody knows.
pub struct Invitation {
    username: Option<String>,
    display_name: Option<String>,
    errors: ValidationErrors,
    unusable: String,
}

impl Invitation {
    /// The password the account holds until its user chooses one: random and
    /// never shown, so none opens it. Hash it before it is stored.
    pub fn unusable_password(&self) -> &str {
        &self.unusable
    }
}

/// Checks an invitation by an admin (403 for others): the username and
/// display name, whose errors are answered with those found in the store.
pub fn check_invitation(staff: &Staff, body: &NewPartnerUser) -> Result<Invitation, ApiError> {
    staff.require_that(Capability::Administer)?;
    let mut errors = ValidationErrors::new();
    let (username, display_name) = check_names(
        body.username.as_deref(),
        body.display_name.as_deref(),
        &mut errors,
    );
    Ok(Invitation {
        username,
        display_name,
        errors,
        unusable: new_token().0,
    })
}

/// Invites someone at the partner to the partner view of agreement
/// `agreement` (422 naming each bad field, a username already taken among
/// them): they follow its people within scope and consent, refer, and
/// propose changes. Returns them with a one-time link (72 hours) under
/// `public_url` with which they choose their password.
pub fn invite_partner_user(
    conn: &mut DbConnection,
    staff: &Staff,
    agreement: i64,
    invitation: Invitation,
    password_hash: &str,
    public_url: &str,
) -> Result<PartnerUserInvitation, ApiError> {
    let Invitation {
        username,
        display_name,
        mut errors,
        ..
    } = invitation;
    reached_agreement(conn, &staff.reach.ladders(), agreement)?;
    if let Some(name) = &username
        && users::by_username(conn, name)?.is_some()
    {
        errors.add("username", "is already taken");
    }
    let (Some(username), Some(display_name), true) = (username, display_name, errors.is_empty())
    else {
        return Err(errors.into());
    };
    let row = users::insert(
        conn,
        &NewUserRow {
            username: &username,
            display_name: &display_name,
            password_hash,
            role: Role::Partner.as_str(),
            active: true,
            created_at: stige_store::now(),
            organisation_id: None,
            agreement_id: Some(agreement),
        },
    )?;
    let link = sign_in_link(conn, public_url, UserId(row.id), staff.id)?;
    let detail = format!("agreement={agreement} user={}", row.id);
    crate::setup_audit::record(conn, staff, AuditAction::PartnerUserInvite, detail)?;
    Ok(PartnerUserInvitation {
        user: to_partner_user(row, agreement),
        link: link.link,
        expires_at: link.expires_at,
    })
}

/// A new one-time link under `public_url` for partner user `user` of
/// agreement `agreement`, who lost theirs or forgot their password; an
/// earlier link stops working. 409 for a deactivated user.
pub fn new_sign_in_link(
    conn: &mut DbConnection,
    staff: &Staff,
    agreement: i64,
    user: i64,
    public_url: &str,
) -> Result<PasswordResetLink, ApiError> {
    staff.require_that(Capability::Administer)?;
    reached_agreement(conn, &staff.reach.ladders(), agreement)?;
    let row = of_agreement(conn, agreement, user)?;
    if !row.active {
        return Err(ApiError::Conflict(
            "The partner user is deactivated; reactivate them first.".into(),
        ));
    }
    let link = sign_in_link(conn, public_url, UserId(row.id), staff.id)?;
    let detail = format!("agreement={agreement} user={user}");
    crate::setup_audit::record(conn, staff, AuditAction::PartnerUserLink, detail)?;
    Ok(link)
}

/// Deactivates partner user `user` of agreement `agreement` (their sessions
/// end at once) or reactivates them; `active` is required (422). Returns
/// them.
pub fn set_partner_user_active(
    conn: &mut DbConnection,
    staff: &Staff,
    agreement: i64,
    user: i64,
    active: Option<bool>,
) -> Result<PartnerUser, ApiError> {
    staff.require_that(Capability::Administer)?;
    let Some(active) = active else {
        let mut e = ValidationErrors::new();
        e.add("active", "is required");
        return Err(e.into());
    };
    reached_agreement(conn, &staff.reach.ladders(), agreement)?;
    let row = of_agreement(conn, agreement, user)?;
    let row = users::update(conn, UserId(row.id), None, None, Some(active), None)?
        .ok_or(ApiError::NotFound)?;
    let action = if active {
        AuditAction::PartnerUserActivate
    } else {
        AuditAction::PartnerUserDeactivate
    };
    let detail = format!("agreement={agreement} user={user}");
    crate::setup_audit::record(conn, staff, action, detail)?;
    Ok(to_partner_user(row, agreement))
}
