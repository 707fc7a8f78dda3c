//! `GET /participants/{id}/rectifications`: what corrections of a person's
//! identity and follow-ups replaced (admins).

use crate::auth::Reader;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use crate::use_cases::rectifications as trail;
use actix_web::{HttpResponse, get, web};
use stige_domain::AuditAction;
use stige_wire::Rectifications;

/// What each correction of the person's identity replaced (who, when, the old
/// value; a national identity number masked), and the earlier versions of
/// corrected follow-ups, oldest first. Admins of the person's programme; 404
/// for everyone else.
#[utoipa::path(tag = "participants", security(("staff" = [])), responses(
    (status = 200, body = Rectifications),
    problem::Unauthorized,
    problem::NotFound,
))]
#[get("/participants/{id}/rectifications")]
pub async fn rectifications(
    state: web::Data<AppState>,
    reader: Reader,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    super::person_read(
        &state,
        reader,
        path,
        AuditAction::ParticipantRectificationsRead,
        trail::of_participant,
    )
    .await
}
