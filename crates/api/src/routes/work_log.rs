//! The day's work log (issue 26): `GET`/`PUT /work-log`. Everyone marked
//! present that day (or with work recorded) on one line, prefilled with their
//! last recorded day; staff enter the tasks done, the hours and how
//! independently, and save the whole day at once.

use crate::auth::Staff;
use crate::calendar::today;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use crate::use_cases::work_log as work_log_uc;
use actix_web::{HttpResponse, get, put, web};
use stige_wire::{WorkLog, WorkLogQuery, WorkLogUpdate};

/// The day's work log: everyone marked present (or sent home) that day, and
/// anyone with work recorded for it, by name, each with what is recorded and
/// their last recorded day (to start from); and the workplaces with their
/// tasks. Mentors see their own participants, and everyone on a ladder whose
/// staff on duty mark the whole house. With `ladder_id`, that programme only
/// (404 for a programme the caller holds no role in).
#[utoipa::path(tag = "work", security(("staff" = [])), params(WorkLogQuery), responses(
    (status = 200, body = WorkLog),
    problem::BadRequest,
    problem::Forbidden,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[get("/work-log")]
pub async fn get(
    state: web::Data<AppState>,
    staff: Staff,
    query: web::Query<WorkLogQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
    let today = today();
    super::reply::write_ok(&state, move |conn| {
        work_log_uc::work_log(conn, &staff, &query, today)
    })
    .await
}

/// Saves the day's work of several people at once: for each, the hours (in
/// quarter hours, up to 12), the independence level, the tasks done (of
/// their programme's workplaces) and an optional note; what was recorded for
/// the day is replaced. A person who may not be seen answers 404; any error
/// answers 422 naming `entries[i].field`, and nothing is written.
#[utoipa::path(tag = "work", security(("staff" = [])), request_body = WorkLogUpdate, responses(
    (status = 200, body = WorkLog),
    problem::BadRequest,
    problem::Forbidden,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[put("/work-log")]
pub async fn save(
    state: web::Data<AppState>,
    staff: Staff,
    body: web::Json<WorkLogUpdate>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let today = today();
    super::reply::write_ok(&state, move |conn| {
        work_log_uc::record_work(conn, &staff, &body, today)
    })
    .await
}
