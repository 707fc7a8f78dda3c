//! Partner users of an agreement (admin): people at a municipality or agency
//! who sign in to the web app's partner view. An admin invites them per
//! agreement, gives a new sign-in link when one is lost, and deactivates them.

use crate::auth::Staff;
use crate::db::{read, write};
use crate::error::ApiError;
use crate::openapi::problem;
use crate::routes::api_clients::reached_agreement;
use crate::routes::users::check_names;
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, put, web};
use stige_domain::AuditAction;
use stige_domain::{Capability, Role, UserId, ValidationErrors};
use stige_secrets::password;
use stige_secrets::token::new_token;
use stige_store::users::{NewUserRow, UserRow};
use stige_store::{DbConnection, password_resets, users};
use stige_wire::{
    NewPartnerUser, PartnerUser, PartnerUserActive, PartnerUserInvitation, PasswordResetLink,
    Problem,
};

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
    staff.require_that(Capability::Administer)?;
    let id = path.into_inner();
    let ladders = staff.reach.ladders();
    let rows = read(&state, move |conn| {
        reached_agreement(conn, &ladders, id)?;
        Ok(users::of_agreement(conn, id)?)
    })
    .await?;
    let users: Vec<PartnerUser> = rows.into_iter().map(|r| to_partner_user(r, id)).collect();
    Ok(HttpResponse::Ok().json(users))
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
    staff.require_that(Capability::Administer)?;
    let id = path.into_inner();
    let ladders = staff.reach.ladders();
    let body = body.into_inner();
    let mut errors = ValidationErrors::new();
    let (username, display_name) = check_names(
        body.username.as_deref(),
        body.display_name.as_deref(),
        &mut errors,
    );
    // Until they choose one, no password opens the account.
    let unusable = new_token().0;
    let hash = web::block(move || password::hash(&unusable)).await??;
    let public_url = state.links.public_url.clone();
    let answer = write(&state, move |conn| {
        reached_agreement(conn, &ladders, id)?;
        if let Some(name) = &username
            && users::by_username(conn, name)?.is_some()
        {
            errors.add("username", "is already taken");
        }
        let (Some(username), Some(display_name), true) =
            (username, display_name, errors.is_empty())
        else {
            return Err(errors.into());
        };
        let row = users::insert(
            conn,
            &NewUserRow {
                username: &username,
                display_name: &display_name,
                password_hash: &hash,
                role: Role::Partner.as_str(),
                active: true,
                created_at: stige_store::now(),
                organisation_id: None,
                agreement_id: Some(id),
            },
        )?;
        let link = sign_in_link(conn, &public_url, UserId(row.id), staff.id)?;
        crate::setup_audit::record(
            conn,
            &staff,
            AuditAction::PartnerUserInvite,
            format!("agreement={id} user={}", row.id),
        )?;
        Ok(PartnerUserInvitation {
            user: to_partner_user(row, id),
            link: link.link,
            expires_at: link.expires_at,
        })
    })
    .await?;
    Ok(HttpResponse::Created().json(answer))
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
    staff.require_that(Capability::Administer)?;
    let (id, user) = path.into_inner();
    let ladders = staff.reach.ladders();
    let public_url = state.links.public_url.clone();
    let link = write(&state, move |conn| {
        reached_agreement(conn, &ladders, id)?;
        let row = of_agreement(conn, id, user)?;
        if !row.active {
            return Err(ApiError::Conflict(
                "The partner user is deactivated; reactivate them first.".into(),
            ));
        }
        let link = sign_in_link(conn, &public_url, UserId(row.id), staff.id)?;
        crate::setup_audit::record(
            conn,
            &staff,
            AuditAction::PartnerUserLink,
            format!("agreement={id} user={user}"),
        )?;
        Ok(link)
    })
    .await?;
    Ok(HttpResponse::Created().json(link))
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
    staff.require_that(Capability::Administer)?;
    let (id, user) = path.into_inner();
    let ladders = staff.reach.ladders();
    let Some(active) = body.into_inner().active else {
        let mut e = ValidationErrors::new();
        e.add("active", "is required");
        return Err(e.into());
    };
    let row = write(&state, move |conn| {
        reached_agreement(conn, &ladders, id)?;
        let row = of_agreement(conn, id, user)?;
        let row = users::update(conn, UserId(row.id), None, None, Some(active), None)?
            .ok_or(ApiError::NotFound)?;
        let action = if active {
            AuditAction::PartnerUserActivate
        } else {
            AuditAction::PartnerUserDeactivate
        };
        crate::setup_audit::record(conn, &staff, action, format!("agreement={id} user={user}"))?;
        Ok(row)
    })
    .await?;
    Ok(HttpResponse::Ok().json(to_partner_user(row, id)))
}
