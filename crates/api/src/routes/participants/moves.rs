//! `POST /participants/{id}/moves`: step moves, up or down.

use crate::auth::Staff;
use crate::calendar::today;
use crate::db::write;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use crate::use_cases::step_moves;
use actix_web::{HttpResponse, post, web};
use stige_domain::ParticipantId;
use stige_wire::{MoveRequestBody, ParticipantDetail};

/// Move an active participant to another step of their ladder, up or down, with a
/// reason. Moving into a full step needs `override_reason`; otherwise 409.
#[utoipa::path(tag = "participants", security(("staff" = [])), request_body = MoveRequestBody, responses(
    (status = 200, body = ParticipantDetail),
    problem::NotFound,
    problem::Conflict,
    problem::ValidationFailed,
))]
#[post("/participants/{id}/moves")]
pub async fn move_participant(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
    body: web::Json<MoveRequestBody>,
) -> Result<HttpResponse, ApiError> {
    let id = ParticipantId(path.into_inner());
    let body = body.into_inner();
    let today = today();
    let detail = write(&state, move |conn| {
        step_moves::move_participant(conn, &staff, id, &body, today)?;
        crate::use_cases::participants::detail_after_change(conn, &staff, id, today)
    })
    .await?;
    Ok(super::with_etag(HttpResponse::Ok(), &detail))
}
