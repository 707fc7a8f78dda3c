//! `GET /participants/{id}`.

use crate::auth::Staff;
use crate::error::ApiError;
use crate::routes::{today, write};
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use stige_client::{ParticipantDetail, Problem};
use stige_domain::ParticipantId;

/// A participant with current step, days per step and history. Answers 404 for
/// anyone who may not see them.
#[utoipa::path(tag = "participants", security(("staff" = [])), responses(
    (status = 200, body = ParticipantDetail, headers(("ETag" = String, description = "The version, for If-Match"))),
    (status = 401, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/participants/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = ParticipantId(path.into_inner());
    let detail = write(&state, move |conn| {
        let row = super::visible(conn, &staff, id)?;
        super::record(conn, &staff, "participant.read", Some(id), None)?;
        super::detail_view(conn, row, today())
    })
    .await?;
    Ok(super::with_etag(HttpResponse::Ok(), &detail))
}
