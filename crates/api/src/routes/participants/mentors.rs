//! `PUT /participants/{id}/mentors`.

use crate::auth::Staff;
use crate::calendar::today;
use crate::db::write;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use crate::use_cases::mentors;
use actix_web::{HttpResponse, put, web};
use stige_domain::ParticipantId;
use stige_wire::{MentorAssignment, ParticipantDetail};

/// Set the participant's mentors (admin, coordinator). Mentors must be active staff
/// with the role mentor, coordinator or admin.
#[utoipa::path(tag = "participants", security(("staff" = [])), request_body = MentorAssignment, responses(
    (status = 200, body = ParticipantDetail),
    problem::Forbidden,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[put("/participants/{id}/mentors")]
pub async fn assign(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
    body: web::Json<MentorAssignment>,
) -> Result<HttpResponse, ApiError> {
    let id = ParticipantId(path.into_inner());
    let mentors = body.into_inner().mentor_ids;
    let today = today();
    let detail = write(&state, move |conn| {
        mentors::assign_mentors(conn, &staff, id, mentors)?;
        crate::use_cases::participants::detail_after_change(conn, &staff, id, today)
    })
    .await?;
    Ok(super::with_etag(HttpResponse::Ok(), &detail))
}
