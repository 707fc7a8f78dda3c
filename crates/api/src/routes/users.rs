//! Staff users (admin writes; coordinators may list them to assign mentors).

use crate::auth::Staff;
use crate::db::write;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use crate::use_cases::users as users_uc;
use actix_web::{HttpResponse, delete, get, patch, post, web};
use stige_domain::UserId;
use stige_secrets::password;
use stige_wire::{NewUser, User, UserUpdate};

/// The staff users of the caller's organisation, with their programmes.
#[utoipa::path(tag = "users", security(("staff" = [])), responses(
    (status = 200, body = Vec<User>),
    problem::Unauthorized,
    problem::Forbidden,
))]
#[get("/users")]
pub async fn list(state: web::Data<AppState>, staff: Staff) -> Result<HttpResponse, ApiError> {
    super::reply::read_ok(&state, move |conn| {
        users_uc::staff_of_organisation(conn, &staff)
    })
    .await
}

/// Create a staff user of the admin's organisation, with the programmes they
/// work in (admin).
#[utoipa::path(tag = "users", security(("staff" = [])), request_body = NewUser, responses(
    (status = 201, body = User),
    problem::Forbidden,
    problem::ValidationFailed,
))]
#[post("/users")]
pub async fn create(
    state: web::Data<AppState>,
    staff: Staff,
    body: web::Json<NewUser>,
) -> Result<HttpResponse, ApiError> {
    let (account, pw) = users_uc::check_new_user(&staff, body.into_inner())?;
    let hash = web::block(move || password::hash(&pw)).await??;
    super::reply::write_created(&state, move |conn| {
        users_uc::create_user(conn, &staff, account, &hash)
    })
    .await
}

/// Change a user's name, role, programmes, password, or deactivate them (admin
/// of their organisation; another organisation's user is not found).
/// A new password, role or programmes, and deactivating, end the user's
/// sessions at once (an admin changing their own password keeps the session
/// they make the change in).
#[utoipa::path(tag = "users", security(("staff" = [])), request_body = UserUpdate, responses(
    (status = 200, body = User),
    problem::Forbidden,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[patch("/users/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
    body: web::Json<UserUpdate>,
) -> Result<HttpResponse, ApiError> {
    let id = UserId(path.into_inner());
    let (change, pw) = users_uc::check_user_change(&staff, id, body.into_inner())?;
    let hash = match pw {
        Some(pw) => Some(web::block(move || password::hash(&pw)).await??),
        None => None,
    };
    super::reply::write_ok(&state, move |conn| {
        users_uc::change_user(conn, &staff, change, hash)
    })
    .await
}

/// Sign a user out everywhere (admin of their organisation; another
/// organisation's user is not found): every session of theirs ends at once.
#[utoipa::path(tag = "users", security(("staff" = [])), responses(
    (status = 204),
    problem::Unauthorized,
    problem::Forbidden,
    problem::NotFound,
))]
#[delete("/users/{id}/sessions")]
pub async fn end_sessions(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = UserId(path.into_inner());
    write(&state, move |conn| {
        users_uc::sign_out_everywhere(conn, &staff, id)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
