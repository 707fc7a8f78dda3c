//! `POST /participants/{id}/erasure`: anonymise one person now, on their
//! request (GDPR Art. 17), unless a documented hold applies.

use crate::auth::{Reader, Staff};
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use crate::use_cases::erasure;
use actix_web::{HttpResponse, post, web};
use stige_domain::ParticipantId;
use stige_wire::{Erasure, ErasureRequest};

/// Anonymises the person now as retention would: identity, national identity
/// number, contact details and free texts are removed, and what the reports
/// count stays. Admins of the person's programme; 404 for everyone else. 409
/// naming the hold while a placement is open or a referral is in progress.
/// The access log keeps that the erasure happened, by whom and why.
#[utoipa::path(tag = "participants", security(("staff" = [])), request_body = ErasureRequest, responses(
    (status = 200, body = Erasure),
    problem::BadRequest,
    problem::Unauthorized,
    problem::NotFound,
    problem::Conflict,
    problem::ValidationFailed,
))]
#[post("/participants/{id}/erasure")]
pub async fn erase(
    state: web::Data<AppState>,
    reader: Reader,
    path: web::Path<i64>,
    body: web::Json<ErasureRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = ParticipantId(path.into_inner());
    let Reader::Staff(token) = reader else {
        return Err(ApiError::NotFound);
    };
    let staff: Staff = token.check(&state).await?;
    let reason = body.into_inner().reason;
    crate::routes::reply::write_ok(&state, move |conn| {
        erasure::erase(conn, &staff, id, reason.as_deref())
    })
    .await
}
