//! Contact and safety: `GET`/`PUT /participants/{id}/contact` (phone, e-mail,
//! address, emergency contacts, safety note; sealed with the data key) and
//! `POST /participants/{id}/reach-attempts` ("tried", "reached").

use crate::auth::{Reader, Staff};
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use crate::use_cases::contacts;
use actix_web::{HttpResponse, get, post, put, web};
use stige_domain::AuditAction;
use stige_domain::ParticipantId;
use stige_wire::{ParticipantContact, ParticipantContactInput, ReachAttemptInput};

/// How to reach the person (phone, e-mail, address), whom to call when they
/// cannot be reached, the safety note, and the latest attempts to reach them.
/// The staff who follow the person (admin, coordinator, their mentor); 404
/// for everyone else. Every read is in the person's access log.
#[utoipa::path(tag = "contact", security(("staff" = [])), responses(
    (status = 200, body = ParticipantContact),
    problem::Forbidden,
    problem::NotFound,
))]
#[get("/participants/{id}/contact")]
pub async fn get(
    state: web::Data<AppState>,
    reader: Reader,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let cipher = state.cipher.clone();
    super::person_read(
        &state,
        reader,
        path,
        AuditAction::ContactRead,
        move |conn, staff, id| contacts::contact_card(conn, staff, id, &cipher),
    )
    .await
}

/// Replaces the person's contact details and safety note (absent or blank
/// fields are removed). Sealed with the data key at rest. Admin, coordinator,
/// their mentor.
#[utoipa::path(tag = "contact", security(("staff" = [])), request_body = ParticipantContactInput,
    responses(
    (status = 200, body = ParticipantContact),
    problem::BadRequest,
    problem::Forbidden,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[put("/participants/{id}/contact")]
pub async fn set(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
    body: web::Json<ParticipantContactInput>,
) -> Result<HttpResponse, ApiError> {
    let id = ParticipantId(path.into_inner());
    let body = body.into_inner();
    let cipher = state.cipher.clone();
    crate::routes::reply::write_ok(&state, move |conn| {
        contacts::set_contact(conn, &staff, id, &body, &cipher)
    })
    .await
}

/// Records an attempt to reach the person: `tried` (no answer) or `reached`,
/// now or at a given time in the last seven days. The early warning on Today
/// shows the latest. Admin, coordinator, their mentor.
#[utoipa::path(tag = "contact", security(("staff" = [])), request_body = ReachAttemptInput,
    responses(
    (status = 201, body = ParticipantContact),
    problem::BadRequest,
    problem::Forbidden,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[post("/participants/{id}/reach-attempts")]
pub async fn record_attempt(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
    body: web::Json<ReachAttemptInput>,
) -> Result<HttpResponse, ApiError> {
    let id = ParticipantId(path.into_inner());
    let body = body.into_inner();
    let cipher = state.cipher.clone();
    crate::routes::reply::write_created(&state, move |conn| {
        contacts::record_attempt(conn, &staff, id, &body, &cipher)
    })
    .await
}
