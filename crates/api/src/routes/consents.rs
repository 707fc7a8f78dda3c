//! The consent panel: what each participant agreed to share with which partner.
//! Revocation applies to partners' next read and to their events feed.

use crate::auth::Staff;
use crate::calendar::today;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use crate::use_cases::consent;
use actix_web::{HttpResponse, get, post, web};
use stige_domain::ParticipantId;
use stige_wire::{Consent, ConsentRevocation, NewConsent};

/// The participant's consent ledger, newest first.
#[utoipa::path(tag = "consents", security(("staff" = [])), responses(
    (status = 200, body = Vec<Consent>),
    problem::NotFound,
))]
#[get("/participants/{id}/consents")]
pub async fn list(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = ParticipantId(path.into_inner());
    super::reply::write_ok(&state, move |conn| consent::list(conn, &staff, id)).await
}

/// Record consent to share categories with a partner, for a purpose.
#[utoipa::path(tag = "consents", security(("staff" = [])), request_body = NewConsent, responses(
    (status = 201, body = Vec<Consent>),
    problem::NotFound,
    problem::ValidationFailed,
))]
#[post("/participants/{id}/consents")]
pub async fn give(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
    body: web::Json<NewConsent>,
) -> Result<HttpResponse, ApiError> {
    let id = ParticipantId(path.into_inner());
    let body = body.into_inner();
    let today = today();
    super::reply::write_created(&state, move |conn| {
        consent::give(conn, &staff, id, &body, today)
    })
    .await
}

/// Record that the participant revoked a consent.
#[utoipa::path(tag = "consents", security(("staff" = [])), request_body = ConsentRevocation, responses(
    (status = 200, body = Vec<Consent>),
    problem::NotFound,
    problem::Conflict,
    problem::ValidationFailed,
))]
#[post("/participants/{id}/consents/{consent}/revoke")]
pub async fn revoke(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i64, i64)>,
    body: web::Json<ConsentRevocation>,
) -> Result<HttpResponse, ApiError> {
    let (id, consent) = path.into_inner();
    let id = ParticipantId(id);
    let today = today();
    let revoked_on = body.into_inner().revoked_on.unwrap_or(today);
    super::reply::write_ok(&state, move |conn| {
        consent::revoke(conn, &staff, id, consent, revoked_on, today)
    })
    .await
}
