//! Passwords of staff accounts: an admin's one-time reset link for a user,
//! the reset it leads to (no sign-in), and a staff member's change of their
//! own password.

use crate::auth::Staff;
use crate::db::{read, write};
use crate::error::ApiError;
use crate::openapi::problem;
use crate::sign_in::bounded;
use crate::state::AppState;
use crate::use_cases::passwords;
use actix_web::{HttpRequest, HttpResponse, post, web};
use stige_domain::UserId;
use stige_secrets::password;
use stige_wire::{PasswordChange, PasswordReset, PasswordResetLink, Problem};

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
    let id = UserId(path.into_inner());
    let public_url = state.links.public_url.clone();
    super::reply::write_created(&state, move |conn| {
        passwords::start_reset(conn, &staff, id, &public_url)
    })
    .await
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
    let request = passwords::reset_request(body.into_inner())?;
    let ip = crate::auth::principal::peer_ip(&req);
    let probe = request.token_hash.clone();
    read(&state, move |conn| {
        passwords::check_reset_link(conn, &probe)
    })
    .await?;
    let new_password = request.new_password;
    let password_hash = bounded(&state, move || password::hash(&new_password)).await??;
    write(&state, move |conn| {
        passwords::reset_password(conn, &request.token_hash, &password_hash, ip.as_deref())
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
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
    let request = passwords::change_request(body.into_inner())?;
    let id = staff.id;
    let stored = read(&state, move |conn| {
        passwords::current_password_hash(conn, id)
    })
    .await?;
    let current = request.current_password;
    let matches = bounded(&state, move || password::verify(&current, &stored)).await?;
    passwords::require_current_password(matches)?;
    let new_password = request.new_password;
    let hash = bounded(&state, move || password::hash(&new_password)).await??;
    write(&state, move |conn| {
        passwords::change_own_password(conn, &staff, &hash)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
