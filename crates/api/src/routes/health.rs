//! Liveness and readiness.

use crate::db::on_store;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use stige_wire::Health;

/// The server is running.
#[utoipa::path(tag = "health", responses((status = 200, body = Health)))]
#[get("/health")]
pub async fn health() -> HttpResponse {
    HttpResponse::Ok().json(Health {
        status: "ok".into(),
    })
}

/// The server can reach its database. When it cannot, the 503's `detail`
/// says why (the connection error, without credentials).
#[utoipa::path(tag = "health", responses(
    (status = 200, body = Health),
    problem::ServiceUnavailable,
))]
#[get("/ready")]
pub async fn ready(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let checked = match on_store(&state.store, |store, _turn| store.ping()).await {
        Ok(result) => result.map_err(|e| e.to_string()),
        Err(_) => Err(state
            .store
            .reachability()
            .why()
            .unwrap_or_else(|| "the database cannot be reached".into())),
    };
    if let Err(why) = checked {
        tracing::warn!(error = %why, "readiness check failed");
        return Err(ApiError::NotReady(why));
    }
    Ok(HttpResponse::Ok().json(Health {
        status: "ready".into(),
    }))
}
