//! `POST /participants/{id}/national-id/reveal`: the full number, audited.

use crate::auth::Staff;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use crate::use_cases::national_id;
use actix_web::{HttpResponse, post, web};
use stige_domain::ParticipantId;
use stige_wire::RevealedNationalId;

/// The full national identity number (admin, coordinator). Every reveal is recorded
/// in the audit trail. 404 when the participant is not visible; 409 when no number
/// is recorded (the participant exists, there is just nothing to reveal).
#[utoipa::path(tag = "participants", security(("staff" = [])), responses(
    (status = 200, body = RevealedNationalId),
    problem::Forbidden,
    problem::NotFound,
    problem::Conflict,
))]
#[post("/participants/{id}/national-id/reveal")]
pub async fn reveal(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = ParticipantId(path.into_inner());
    let cipher = state.cipher.clone();
    crate::routes::reply::write_ok(&state, move |conn| {
        national_id::reveal(conn, &staff, id, &cipher)
    })
    .await
}
