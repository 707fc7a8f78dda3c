//! `POST /participants`.

use crate::auth::Staff;
use crate::calendar::today;
use crate::db::write;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use crate::use_cases::registration::{self, Registration};
use actix_web::{HttpResponse, http::header, post, web};
use stige_wire::{NewParticipant, ParticipantDetail};

/// Register a participant (admin, coordinator). They start as "referred".
#[utoipa::path(tag = "participants", security(("staff" = [])), request_body = NewParticipant, responses(
    (status = 201, body = ParticipantDetail, headers(("ETag" = String, description = "The version, for If-Match"))),
    problem::Forbidden,
    problem::ValidationFailed,
))]
#[post("/participants")]
pub async fn create(
    state: web::Data<AppState>,
    staff: Staff,
    body: web::Json<NewParticipant>,
) -> Result<HttpResponse, ApiError> {
    let today = today();
    let registration = Registration::parse(&staff, &body.into_inner(), &state.cipher, today)?;
    let detail = write(&state, move |conn| {
        let row = registration::register(conn, &staff, registration, today)?;
        crate::use_cases::participants::detail_view(conn, row, today)
    })
    .await?;
    let mut response = HttpResponse::Created();
    response.insert_header((
        header::LOCATION,
        format!("/api/v1/participants/{}", detail.id),
    ));
    Ok(super::with_etag(response, &detail))
}
