//! `PUT /participants/{id}`: personal details, guarded by `If-Match`.

use crate::auth::Staff;
use crate::calendar::today;
use crate::db::write;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use crate::use_cases::registration;
use actix_web::{HttpRequest, HttpResponse, put, web};
use stige_domain::ParticipantId;
use stige_wire::{ParticipantDetail, ParticipantUpdate};

/// Replace a participant's personal details (admin, coordinator, their mentor).
/// Send the `ETag` you read as `If-Match`: a stale one gets 412, none gets 428.
#[utoipa::path(tag = "participants", security(("staff" = [])), request_body = ParticipantUpdate,
    params(("If-Match" = String, Header, description = "The ETag from the last read")),
    responses(
    (status = 200, body = ParticipantDetail, headers(("ETag" = String, description = "The new version"))),
    problem::NotFound,
    problem::PreconditionFailed,
    problem::ValidationFailed,
    problem::PreconditionRequired,
))]
#[put("/participants/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    staff: Staff,
    req: HttpRequest,
    path: web::Path<i64>,
    body: web::Json<ParticipantUpdate>,
) -> Result<HttpResponse, ApiError> {
    let id = ParticipantId(path.into_inner());
    let expected = crate::conditional::if_match(&req);
    let body = body.into_inner();
    let today = today();
    let cipher = state.cipher.clone();
    let detail = write(&state, move |conn| {
        registration::update_details(conn, &staff, id, &body, expected, &cipher, today)?;
        crate::use_cases::participants::detail_after_change(conn, &staff, id, today)
    })
    .await?;
    Ok(super::with_etag(HttpResponse::Ok(), &detail))
}
