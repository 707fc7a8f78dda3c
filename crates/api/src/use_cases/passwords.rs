//! Passwords of staff accounts: an admin's one-time reset link for a user,
//! the reset it leads to, and a staff member's change of their own password.
//!
//! Hashing and checking a password (argon2) run outside the store's
//! transactions, within the bound on how many run at once, so the handler
//! takes a reset or a change through its steps: the request checked, the
//! link or the current password checked, the new password hashed, then the
//! one transaction that stores it.

use crate::auth::Staff;
use crate::error::ApiError;
use crate::use_cases::sign_in::record_own;
use crate::use_cases::users::of_organisation;
use stige_domain::{AuditAction, Capability, UserId, ValidationErrors};
use stige_secrets::password;
use stige_secrets::token::{new_token, token_hash};
use stige_store::DbConnection;
use stige_store::audit::{self, Actor, AuditEvent};
use stige_store::password_resets::{self, PasswordResetRow};
use stige_store::users;
use stige_wire::{PasswordChange, PasswordReset, PasswordResetLink};

/// How long a reset link works.
pub const RESET_TTL_HOURS: i64 = 24;

/// Starts a reset of user `id`'s password for `staff`, an admin of their
/// organisation (another organisation's user is not found): a one-time link,
/// under `public_url`, valid for [`RESET_TTL_HOURS`], that replaces an unused
/// one. A deactivated user gets none (409: reactivate them first).
pub fn start_reset(
    conn: &mut DbConnection,
    staff: &Staff,
    id: UserId,
    public_url: &str,
) -> Result<PasswordResetLink, ApiError> {
    staff.require_that(Capability::Administer)?;
    let organisation = staff.organisation()?;
    let user = of_organisation(conn, id, organisation)?;
    if !user.active {
        return Err(ApiError::Conflict(
            "The user is deactivated; reactivate them first.".into(),
        ));
    }
    let (token, hash) = new_token();
    let expires_at = stige_store::now() + chrono::Duration::hours(RESET_TTL_HOURS);
    password_resets::replace(conn, id, &hash, staff.id, expires_at)?;
    record_own(
        conn,
        staff,
        AuditAction::UserPasswordResetStarted,
        Some(format!("user={}", id.0)),
    )?;
    Ok(PasswordResetLink {
        link: format!("{public_url}/reset-password#token={token}"),
        expires_at,
    })
}

/// A reset asked for with a link: the hash of the link's token and the new
/// password, which meets the policy.
#[derive(Debug)]
pub struct ResetRequest {
    pub token_hash: String,
    pub new_password: String,
}

/// Checks a reset's fields (a token; a new password meeting the policy):
/// 422 naming each field that is wrong.
pub fn reset_request(body: PasswordReset) -> Result<ResetRequest, ApiError> {
    let PasswordReset {
        token,
        new_password,
    } = body;
    let mut errors = ValidationErrors::new();
    let token = token.unwrap_or_default();
    if token.trim().is_empty() {
        errors.add("token", "is required");
    }
    let new_password = new_password.unwrap_or_default();
    errors.collect("new_password", password::check_policy(&new_password));
    if !errors.is_empty() {
        return Err(errors.into());
    }
    Ok(ResetRequest {
        token_hash: token_hash(token.trim()),
        new_password,
    })
}

/// Whether the reset link whose token hashes to `token_hash` may still be
/// used: 404 for an unknown one, 410 for a used or expired one. Asked before
/// the costly hash of the new password, so that made-up tokens cost none.
pub fn check_reset_link(conn: &mut DbConnection, token_hash: &str) -> Result<(), ApiError> {
    usable(conn, token_hash).map(drop)
}

/// Resets a user's password with the link whose token hashes to
/// `token_hash` (checked again) to the one hashed as `password_hash`: the
/// link is spent and every session of the user ends. `ip` is the caller's
/// address, for the audit trail.
pub fn reset_password(
    conn: &mut DbConnection,
    token_hash: &str,
    password_hash: &str,
    ip: Option<&str>,
) -> Result<(), ApiError> {
    let reset = usable(conn, token_hash)?;
    let now = stige_store::now();
    let user = UserId(reset.user_id);
    let found = users::by_id(conn, user)?.filter(|u| u.active);
    if found.is_none() || !password_resets::spend(conn, user, now)? {
        return Err(ApiError::NotFound);
    }
    users::update(conn, user, None, None, None, Some(password_hash))?;
    let ended = users::revoke_all_sessions(conn, user)?;
    audit::record(
        conn,
        AuditEvent {
            actor: Actor::User(user),
            action: AuditAction::AuthPasswordReset,
            participant: None,
            ip,
            detail: Some(format!("sessions={ended}")),
        },
    )?;
    Ok(())
}

/// The unused, unexpired reset with the token hash `hash`: 404 for none,
/// 410 for a used or expired one.
fn usable(conn: &mut DbConnection, hash: &str) -> Result<PasswordResetRow, ApiError> {
    let reset = password_resets::by_hash(conn, hash)?.ok_or(ApiError::NotFound)?;
    if reset.used_at.is_some() {
        return Err(ApiError::Gone(
            "This link has already been used. Ask an administrator for a new one.".into(),
        ));
    }
    if reset.expires_at <= stige_store::now() {
        return Err(ApiError::Gone(
            "This link has expired. Ask an administrator for a new one.".into(),
        ));
    }
    Ok(reset)
}

/// A change of one's own password: the current password and the new one,
/// which meets the policy.
#[derive(Debug)]
pub struct ChangeRequest {
    pub current_password: String,
    pub new_password: String,
}

/// Checks a change's fields (the current password given; a new password
/// meeting the policy): 422 naming each field that is wrong.
pub fn change_request(body: PasswordChange) -> Result<ChangeRequest, ApiError> {
    let PasswordChange {
        current_password,
        new_password,
    } = body;
    let current_password = current_password.unwrap_or_default();
    let new_password = new_password.unwrap_or_default();
    let mut errors = ValidationErrors::new();
    if current_password.is_empty() {
        errors.add("current_password", "is required");
    }
    errors.collect("new_password", password::check_policy(&new_password));
    if !errors.is_empty() {
        return Err(errors.into());
    }
    Ok(ChangeRequest {
        current_password,
        new_password,
    })
}

/// The hash of staff member `id`'s current password, to check the one they
/// give against; 401 when their account is gone.
pub fn current_password_hash(conn: &mut DbConnection, id: UserId) -> Result<String, ApiError> {
    users::by_id(conn, id)?
        .map(|u| u.password_hash)
        .ok_or(ApiError::Unauthorized)
}

/// Refuses the change (422 on `current_password`) unless the current
/// password given matched.
pub fn require_current_password(matches: bool) -> Result<(), ApiError> {
    if matches {
        return Ok(());
    }
    let mut e = ValidationErrors::new();
    e.add("current_password", "is not right");
    Err(e.into())
}

/// Changes `staff`'s own password to the one hashed as `password_hash`: the
/// session making the change goes on, every other session of theirs ends.
pub fn change_own_password(
    conn: &mut DbConnection,
    staff: &Staff,
    password_hash: &str,
) -> Result<(), ApiError> {
    users::update(conn, staff.id, None, None, None, Some(password_hash))?;
    let ended = users::revoke_other_sessions(conn, staff.id, staff.session)?;
    record_own(
        conn,
        staff,
        AuditAction::AuthPasswordChanged,
        Some(format!("sessions={ended}")),
    )
}
