//! API clients of cooperation agreements (admin): a `client_id` and a secret that
//! is shown once and stored hashed (argon2id); rotate and revoke.

use crate::auth::Staff;
use crate::db::{read, write};
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, web};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use stige_domain::AuditAction;
use stige_domain::Capability;
use stige_domain::ValidationErrors;
use stige_secrets::password;
use stige_store::partners::{self, ApiClientRow};
use stige_wire::{ApiClient, ApiClientSecret, NewApiClient};

fn to_client(row: ApiClientRow) -> ApiClient {
    ApiClient {
        id: row.id,
        agreement_id: row.agreement_id,
        client_id: row.client_id,
        created_at: row.created_at,
        rotated_at: row.rotated_at,
        revoked_at: row.revoked_at,
    }
}

fn random(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::rngs::OsRng.fill_bytes(&mut buf);
    URL_SAFE_NO_PAD.encode(buf)
}

/// A new secret: 32 random bytes, base64url.
pub fn new_secret() -> String {
    random(32)
}

fn valid_client_id(id: &str) -> bool {
    (3..=64).contains(&id.len()) && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
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
    staff.require_that(Capability::Administer)?;
    let id = path.into_inner();
    let ladders = staff.reach.ladders();
    let rows = read(&state, move |conn| {
        reached_agreement(conn, &ladders, id)?;
        Ok(partners::clients(conn, id)?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(rows.into_iter().map(to_client).collect::<Vec<_>>()))
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
    staff.require_that(Capability::Administer)?;
    let id = path.into_inner();
    let ladders = staff.reach.ladders();
    let client_id = match body.into_inner().client_id.map(|c| c.trim().to_owned()) {
        Some(c) if !valid_client_id(&c) => {
            let mut e = ValidationErrors::new();
            e.add("client_id", "must be 3 to 64 letters, digits or dashes");
            return Err(e.into());
        }
        Some(c) => c,
        None => format!("client-{}", random(9).to_lowercase().replace('_', "-")),
    };
    let secret = new_secret();
    let hash = {
        let secret = secret.clone();
        web::block(move || password::hash(&secret)).await??
    };
    let row = write(&state, move |conn| {
        reached_agreement(conn, &ladders, id)?;
        if partners::client_by_client_id(conn, &client_id)?.is_some() {
            let mut e = ValidationErrors::new();
            e.add("client_id", "is already taken");
            return Err(e.into());
        }
        let row = partners::insert_client(conn, id, &client_id, &hash)?;
        crate::setup_audit::record(
            conn,
            &staff,
            AuditAction::ApiClientCreate,
            format!("api_client={}", row.id),
        )?;
        Ok(row)
    })
    .await?;
    Ok(HttpResponse::Created().json(ApiClientSecret {
        client: to_client(row),
        client_secret: secret,
    }))
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
    staff.require_that(Capability::Administer)?;
    let id = path.into_inner();
    let ladders = staff.reach.ladders();
    let secret = new_secret();
    let hash = {
        let secret = secret.clone();
        web::block(move || password::hash(&secret)).await??
    };
    let row = write(&state, move |conn| {
        let client = partners::client(conn, id)?.ok_or(ApiError::NotFound)?;
        reached_agreement(conn, &ladders, client.agreement_id)?;
        if client.revoked_at.is_some() {
            return Err(ApiError::Conflict(
                "This client is revoked; create a new one instead.".into(),
            ));
        }
        partners::rotate_client(conn, id, &hash)?;
        crate::setup_audit::record(
            conn,
            &staff,
            AuditAction::ApiClientRotate,
            format!("api_client={}", id),
        )?;
        partners::client(conn, id)?.ok_or(ApiError::NotFound)
    })
    .await?;
    Ok(HttpResponse::Ok().json(ApiClientSecret {
        client: to_client(row),
        client_secret: secret,
    }))
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
    staff.require_that(Capability::Administer)?;
    let id = path.into_inner();
    let ladders = staff.reach.ladders();
    let row = write(&state, move |conn| {
        let client = partners::client(conn, id)?.ok_or(ApiError::NotFound)?;
        reached_agreement(conn, &ladders, client.agreement_id)?;
        partners::revoke_client(conn, id)?;
        crate::setup_audit::record(
            conn,
            &staff,
            AuditAction::ApiClientRevoke,
            format!("api_client={}", id),
        )?;
        partners::client(conn, id)?.ok_or(ApiError::NotFound)
    })
    .await?;
    Ok(HttpResponse::Ok().json(to_client(row)))
}

/// The agreement if it is about one of the programmes `ladders`, else 404.
pub(crate) fn reached_agreement(
    conn: &mut stige_store::DbConnection,
    ladders: &[i64],
    id: i64,
) -> Result<stige_store::partners::AgreementRow, ApiError> {
    partners::agreement(conn, id)?
        .filter(|a| ladders.contains(&a.ladder_id))
        .ok_or(ApiError::NotFound)
}
