//! Partner users of an agreement (admin): people at a municipality or agency
//! who sign in to the web app's partner view. An admin invites them per
//! agreement, gives a new sign-in link when one is lost, and deactivates them.

use crate::auth::Staff;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use crate::use_cases::partner_users as partner_users_uc;
use actix_web::{HttpResponse, get, post, put, web};
use stige_secrets::password;
use stige_wire::{
    NewPartnerUser, PartnerUser, PartnerUserActive, PartnerUserInvitation, PasswordResetLink,
    Problem,
};

/// The agreement's partner users (admin).
#[utoipa::path(tag = "partners", security(("staff" = [])), responses(
    (status = 200, body = Vec<PartnerUser>),
    problem::Unauthorized,
    problem::Forbidden,
    problem::NotFound,
))]
#[get("/agreements/{id}/users")]
pub async fn list(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    super::reply::read_ok(&state, move |conn| {
        partner_users_uc::partner_users(conn, &staff, id)
    })
    .await
}

/// Invite someone at the partner to the partner view (admin): they follow
/// this agreement's people within scope ∩ consent, refer, see their
/// referrals and the agreement's report, and propose changes; nothing else.
/// The answer holds a one-time link (72 hours) with which they choose their
/// password: send it to them.
#[utoipa::path(tag = "partners", security(("staff" = [])), request_body = NewPartnerUser, responses(
    (status = 201, body = PartnerUserInvitation),
    problem::Unauthorized,
    problem::Forbidden,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[post("/agreements/{id}/users")]
pub async fn invite(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
    body: web::Json<NewPartnerUser>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let invitation = partner_users_uc::check_invitation(&staff, &body)?;
    // Until they choose one, no password opens the account.
    let unusable = invitation.unusable_password().to_owned();
    let hash = web::block(move || password::hash(&unusable)).await??;
    let public_url = state.links.public_url.clone();
    super::reply::write_created(&state, move |conn| {
        partner_users_uc::invite_partner_user(conn, &staff, id, invitation, &hash, &public_url)
    })
    .await
}

/// A new one-time link for a partner user who lost theirs or forgot their
/// password (admin); an earlier link stops working.
#[utoipa::path(tag = "partners", security(("staff" = [])), responses(
    (status = 201, body = PasswordResetLink),
    problem::Unauthorized,
    problem::Forbidden,
    problem::NotFound,
    (status = 409, body = Problem, content_type = "application/problem+json", description = "the partner user is deactivated"),
))]
#[post("/agreements/{id}/users/{user}/link")]
pub async fn new_link(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, ApiError> {
    let (id, user) = path.into_inner();
    let public_url = state.links.public_url.clone();
    super::reply::write_created(&state, move |conn| {
        partner_users_uc::new_sign_in_link(conn, &staff, id, user, &public_url)
    })
    .await
}

/// Deactivate a partner user (their sessions end at once) or reactivate them
/// (admin).
#[utoipa::path(tag = "partners", security(("staff" = [])), request_body = PartnerUserActive, responses(
    (status = 200, body = PartnerUser),
    problem::Unauthorized,
    problem::Forbidden,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[put("/agreements/{id}/users/{user}/active")]
pub async fn set_active(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i64, i64)>,
    body: web::Json<PartnerUserActive>,
) -> Result<HttpResponse, ApiError> {
    let (id, user) = path.into_inner();
    let active = body.into_inner().active;
    super::reply::write_ok(&state, move |conn| {
        partner_users_uc::set_partner_user_active(conn, &staff, id, user, active)
    })
    .await
}
