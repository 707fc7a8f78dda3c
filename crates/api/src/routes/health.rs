//! Liveness and readiness.

use crate::error::ApiError;
use crate::routes::on_store;
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use stige_client::{Health, Problem};

/// The server is running.
#[utoipa::path(tag = "health", responses((status = 200, body = Health)))]
#[get("/health")]
pub async fn health() -> HttpResponse {
    HttpResponse::Ok().json(Health {
        status: "ok".into(),
    })
}

/// The server can reach its database.
#[utoipa::path(tag = "health", responses(
    (status = 200, body = Health),
    (status = 503, body = Problem, content_type = "application/problem+json"),
))]
#[get("/ready")]
pub async fn ready(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    on_store(&state.store, |store, _turn| store.ping())
        .await?
        .map_err(|e| {
            tracing::warn!(error = %e, "readiness check failed");
            ApiError::Unavailable
        })?;
    Ok(HttpResponse::Ok().json(Health {
        status: "ready".into(),
    }))
}
