//! Outcomes: `GET`/`PUT /participants/{id}/outcomes` (the person's situations,
//! gender for statistics, declining the checks after the exit) and
//! `PUT /participants/{id}/outcomes/{moment}` (record a situation).

use crate::auth::{Reader, Staff};
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use crate::use_cases::outcomes as outcomes_uc;
use actix_web::{HttpResponse, get, put, web};
use stige_domain::AuditAction;
use stige_domain::ParticipantId;
use stige_domain::situation::Moment;
use stige_wire::{OutcomePreferences, Outcomes, SituationInput};

/// The person's situation at the start, at the exit and after it, their
/// gender (for statistics) and the checks after the exit still to do. Staff
/// who see the person; 404 for everyone else.
#[utoipa::path(tag = "outcomes", security(("staff" = [])), responses(
    (status = 200, body = Outcomes),
    problem::Unauthorized,
    problem::NotFound,
))]
#[get("/participants/{id}/outcomes")]
pub async fn get(
    state: web::Data<AppState>,
    reader: Reader,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    super::person_read(
        &state,
        reader,
        path,
        AuditAction::OutcomeRead,
        outcomes_uc::outcomes,
    )
    .await
}

/// Set the person's gender (only for statistics; absent: not given) and
/// whether they decline the checks after their exit (admin, coordinator,
/// their mentor).
#[utoipa::path(tag = "outcomes", security(("staff" = [])), request_body = OutcomePreferences,
    responses(
    (status = 200, body = Outcomes),
    problem::BadRequest,
    problem::Forbidden,
    problem::NotFound,
))]
#[put("/participants/{id}/outcomes")]
pub async fn set_preferences(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
    body: web::Json<OutcomePreferences>,
) -> Result<HttpResponse, ApiError> {
    let id = ParticipantId(path.into_inner());
    let body = body.into_inner();
    crate::routes::reply::write_ok(&state, move |conn| {
        outcomes_uc::set_preferences(conn, &staff, id, &body)
    })
    .await
}

/// Record the person's situation at a moment: `start`, `exit` (once they have
/// exited), or a check `after_3_months`, `after_6_months`, `after_12_months`
/// (which may say the person was not reached). The income source comes from
/// the programme's country's list. Recording a moment again replaces it.
/// Admin, coordinator, their mentor.
#[utoipa::path(tag = "outcomes", security(("staff" = [])), request_body = SituationInput,
    params(("moment" = Moment, Path, description = "When the situation holds")),
    responses(
    (status = 200, body = Outcomes),
    problem::BadRequest,
    problem::Forbidden,
    problem::NotFound,
    problem::Conflict,
    problem::ValidationFailed,
))]
#[put("/participants/{id}/outcomes/{moment}")]
pub async fn record(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i64, String)>,
    body: web::Json<SituationInput>,
) -> Result<HttpResponse, ApiError> {
    let (id, moment) = path.into_inner();
    let id = ParticipantId(id);
    let body = body.into_inner();
    crate::routes::reply::write_ok(&state, move |conn| {
        outcomes_uc::record_situation(conn, &staff, id, &moment, &body)
    })
    .await
}
