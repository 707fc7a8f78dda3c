//! API clients of cooperation agreements (admin): a `client_id` and a secret that
//! is shown once and stored hashed (argon2id); rotate and revoke.

use crate::auth::Staff;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use crate::use_cases::api_clients as clients_uc;
use actix_web::{HttpResponse, get, post, web};
use stige_secrets::password;
use stige_wire::{ApiClient, ApiClientSecret, NewApiClient};

/// The secret's hash, worked out away from the request's thread.
async fn hash_secret(secret: &clients_uc::NewSecret) -> Result<String, ApiError> {
    let secret = secret.plain().to_owned();
    Ok(web::block(move || password::hash(&secret)).await??)
}

/// The agreement's API clients (never their secrets).
#[utoipa::path(tag = "partners", security(("staff" = [])), responses(
    (status = 200, body = Vec<ApiClient>),
    problem::Forbidden,
    problem::NotFound,
))]
#[get("/agreements/{id}/clients")]
pub async fn list(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    super::reply::read_ok(&state, move |conn| {
        clients_uc::clients_of_agreement(conn, &staff, id)
    })
    .await
}

/// Create an API client for the agreement. The secret is in this answer only.
#[utoipa::path(tag = "partners", security(("staff" = [])), request_body = NewApiClient, responses(
    (status = 201, body = ApiClientSecret),
    problem::Forbidden,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[post("/agreements/{id}/clients")]
pub async fn create(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
    body: web::Json<NewApiClient>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let new = clients_uc::check_new_client(&staff, body.into_inner().client_id)?;
    let hash = hash_secret(&new.secret).await?;
    super::reply::write_created(&state, move |conn| {
        clients_uc::create_client(conn, &staff, id, new, &hash)
    })
    .await
}

/// Give the client a new secret (shown once); the old one stops working.
#[utoipa::path(tag = "partners", security(("staff" = [])), responses(
    (status = 200, body = ApiClientSecret),
    problem::Forbidden,
    problem::NotFound,
    problem::Conflict,
))]
#[post("/api-clients/{id}/rotate")]
pub async fn rotate(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let secret = clients_uc::new_secret(&staff)?;
    let hash = hash_secret(&secret).await?;
    super::reply::write_ok(&state, move |conn| {
        clients_uc::rotate_secret(conn, &staff, id, secret, &hash)
    })
    .await
}

/// Revoke the client: its tokens stop working at once.
#[utoipa::path(tag = "partners", security(("staff" = [])), responses(
    (status = 200, body = ApiClient),
    problem::Forbidden,
    problem::NotFound,
))]
#[post("/api-clients/{id}/revoke")]
pub async fn revoke(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    super::reply::write_ok(&state, move |conn| {
        clients_uc::revoke_client(conn, &staff, id)
    })
    .await
}
