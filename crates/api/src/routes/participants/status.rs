//! `POST /participants/{id}/status`: enrolment status changes.

use crate::auth::Staff;
use crate::calendar::today;
use crate::db::write;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use crate::use_cases::enrolment;
use actix_web::{HttpResponse, post, web};
use stige_domain::ParticipantId;
use stige_wire::{ParticipantDetail, StatusChangeRequest};

/// Change the enrolment status: start assessment, activate, pause (reason, planned
/// return), resume, exit (outcome; "other" needs a text), reactivate (reason).
/// A change the programme does not allow answers 409.
#[utoipa::path(tag = "participants", security(("staff" = [])), request_body = StatusChangeRequest, responses(
    (status = 200, body = ParticipantDetail),
    problem::NotFound,
    problem::Conflict,
    problem::ValidationFailed,
))]
#[post("/participants/{id}/status")]
pub async fn change_status(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
    body: web::Json<StatusChangeRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = ParticipantId(path.into_inner());
    let body = body.into_inner();
    let today = today();
    let detail = write(&state, move |conn| {
        enrolment::change_status(conn, &staff, id, &body, today)?;
        crate::use_cases::participants::detail_after_change(conn, &staff, id, today)
    })
    .await?;
    Ok(super::with_etag(HttpResponse::Ok(), &detail))
}
