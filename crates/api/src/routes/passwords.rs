//! Passwords of staff accounts: an admin's one-time reset link for a user,
//! the reset it leads to (no sign-in), and a staff member's change of their
//! own password.

use crate::auth::Staff;
use crate::db::write;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::routes::users::of_organisation;
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, post, web};
use stige_domain::AuditAction;
use stige_domain::Capability;
use stige_domain::{UserId, ValidationErrors};
use stige_secrets::password;
use stige_secrets::token::{new_token, token_hash};
use stige_store::audit::{self, Actor, AuditEvent};
use stige_store::{password_resets, users};
use stige_wire::{PasswordChange, PasswordReset, PasswordResetLink, Problem};

/// How long a reset link works.
pub const RESET_TTL_HOURS: i64 = 24;

/// Start a reset of a user's password (admin of their organisation; another
/// organisation's user is not found): a one-time link with which the user
/// chooses a new password, valid for 24 hours, answered this once (only a
/// hash of its token is kept). A new link replaces an unused one; nothing
/// else changes until the link is used.
#[utoipa::path(tag = "users", security(("staff" = [])), responses(
    (status = 201, body = PasswordResetLink),
    problem::Unauthorized,
    problem::Forbidden,
    problem::NotFound,
    problem::Conflict,
))]
#[post("/users/{id}/password-reset")]
pub async fn start_reset(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    staff.require_that(Capability::Administer)?;
    let id = UserId(path.into_inner());
    let organisation = staff.organisation()?;
    let public_url = state.links.public_url.clone();
    let answer = write(&state, move |conn| {
        let user = of_organisation(conn, id, organisation)?;
        if !user.active {
            return Err(ApiError::Conflict(
                "The user is deactivated; reactivate them first.".into(),
            ));
        }
        let (token, hash) = new_token();
        let expires_at = stige_store::now() + chrono::Duration::hours(RESET_TTL_HOURS);
        password_resets::replace(conn, id, &hash, staff.id, expires_at)?;
        audit::record(
            conn,
            AuditEvent {
                actor: staff.actor(),
                action: AuditAction::UserPasswordResetStarted,
                participant: None,
                ip: staff.ip.as_deref(),
                detail: Some(format!("user={}", id.0)),
            },
        )?;
        Ok(PasswordResetLink {
            link: format!("{public_url}/reset-password#token={token}"),
            expires_at,
        })
    })
    .await?;
    Ok(HttpResponse::Created().json(answer))
}

/// Choose a new password with a reset link's token (no sign-in needed). The
/// token works once and until it expires; every session of the user ends.
/// An unknown token is not found; a used or expired one is gone.
#[utoipa::path(tag = "auth", request_body = PasswordReset, responses(
    (status = 204),
    problem::NotFound,
    problem::Gone,
    problem::ValidationFailed,
    (status = 429, body = Problem, content_type = "application/problem+json", description = "too many password hashes at once"),
))]
#[post("/auth/password-reset")]
pub async fn complete_reset(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<PasswordReset>,
) -> Result<HttpResponse, ApiError> {
    let PasswordReset {
        token,
        new_password,
    } = body.into_inner();
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
    let hash = token_hash(token.trim());
    let ip = crate::auth::principal::peer_ip(&req);
    // The link is checked before the costly hash, so that made-up tokens cost
    // no argon2 work; the write checks it again.
    let probe = hash.clone();
    crate::db::read(&state, move |conn| usable(conn, &probe).map(drop)).await?;
    let password_hash =
        crate::sign_in::bounded(&state, move || password::hash(&new_password)).await??;
    write(&state, move |conn| {
        let reset = usable(conn, &hash)?;
        let now = stige_store::now();
        let user = UserId(reset.user_id);
        let found = users::by_id(conn, user)?.filter(|u| u.active);
        if found.is_none() || !password_resets::spend(conn, user, now)? {
            return Err(ApiError::NotFound);
        }
        users::update(conn, user, None, None, None, Some(&password_hash))?;
        let ended = users::revoke_all_sessions(conn, user)?;
        audit::record(
            conn,
            AuditEvent {
                actor: Actor::User(user),
                action: AuditAction::AuthPasswordReset,
                participant: None,
                ip: ip.as_deref(),
                detail: Some(format!("sessions={ended}")),
            },
        )?;
        Ok(())
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The unused, unexpired reset with the token hash `hash`: 404 for none,
/// 410 for a used or expired one.
fn usable(
    conn: &mut stige_store::DbConnection,
    hash: &str,
) -> Result<password_resets::PasswordResetRow, ApiError> {
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

/// Change one's own password, giving the current one. The session making the
/// change goes on; every other session of the staff member ends.
#[utoipa::path(tag = "auth", security(("staff" = [])), request_body = PasswordChange, responses(
    (status = 204),
    problem::Unauthorized,
    problem::ValidationFailed,
    (status = 429, body = Problem, content_type = "application/problem+json", description = "too many password checks at once"),
))]
#[post("/auth/password")]
pub async fn change_own(
    state: web::Data<AppState>,
    crate::auth::SignedIn(staff): crate::auth::SignedIn,
    body: web::Json<PasswordChange>,
) -> Result<HttpResponse, ApiError> {
    let PasswordChange {
        current_password,
        new_password,
    } = body.into_inner();
    let current = current_password.unwrap_or_default();
    let new_password = new_password.unwrap_or_default();
    let mut errors = ValidationErrors::new();
    if current.is_empty() {
        errors.add("current_password", "is required");
    }
    errors.collect("new_password", password::check_policy(&new_password));
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let id = staff.id;
    let stored = crate::db::read(&state, move |conn| {
        users::by_id(conn, id)?
            .map(|u| u.password_hash)
            .ok_or(ApiError::Unauthorized)
    })
    .await?;
    let matches =
        crate::sign_in::bounded(&state, move || password::verify(&current, &stored)).await?;
    if !matches {
        let mut e = ValidationErrors::new();
        e.add("current_password", "is not right");
        return Err(e.into());
    }
    let hash = crate::sign_in::bounded(&state, move || password::hash(&new_password)).await??;
    write(&state, move |conn| {
        users::update(conn, id, None, None, None, Some(&hash))?;
        let ended = users::revoke_other_sessions(conn, id, staff.session)?;
        audit::record(
            conn,
            AuditEvent {
                actor: staff.actor(),
                action: AuditAction::AuthPasswordChanged,
                participant: None,
                ip: staff.ip.as_deref(),
                detail: Some(format!("sessions={ended}")),
            },
        )?;
        Ok(())
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
