//! The attendance register, a participant's attendance summary, and planned participation.

use crate::auth::Staff;
use crate::calendar::today;
use crate::db::write;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use crate::use_cases::attendance as attendance_uc;
use actix_web::{HttpResponse, delete, get, post, put, web};
use stige_domain::ParticipantId;
use stige_wire::{
    AttendanceSummary, NewPlannedParticipation, Register, RegisterQuery, RegisterUpdate,
};

/// The register for a day and a group: every active or paused participant, whether
/// the house expects them that day (planned weekday, not paused, not at an
/// internship), and their mark. Mentors see their own participants, and everyone on
/// a ladder whose staff on duty mark the whole house. With `ladder_id`, that
/// programme's house only (404 for a programme the caller holds no role in).
#[utoipa::path(tag = "attendance", security(("staff" = [])), params(RegisterQuery), responses(
    (status = 200, body = Register),
    problem::Forbidden,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[get("/attendance")]
pub async fn register(
    state: web::Data<AppState>,
    staff: Staff,
    query: web::Query<RegisterQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
    let today = today();
    super::reply::write_ok(&state, move |conn| {
        attendance_uc::register(conn, &staff, &query, today)
    })
    .await
}

/// Save marks for one day. A participant who may not be seen answers 404; a future
/// day, a weekend or an exited participant answers 422; nothing is written then.
#[utoipa::path(tag = "attendance", security(("staff" = [])), request_body = RegisterUpdate, responses(
    (status = 200, body = Register),
    problem::NotFound,
    problem::ValidationFailed,
))]
#[put("/attendance")]
pub async fn save_register(
    state: web::Data<AppState>,
    staff: Staff,
    body: web::Json<RegisterUpdate>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let today = today();
    let delivery = state.delivery;
    super::reply::write_ok(&state, move |conn| {
        attendance_uc::save_register(conn, &staff, &body, today, delivery)
    })
    .await
}

/// A participant's attendance: rate per week (last 8 weeks) and month, planned
/// participation over time, and corrections.
#[utoipa::path(tag = "attendance", security(("staff" = [])), responses(
    (status = 200, body = AttendanceSummary),
    problem::NotFound,
))]
#[get("/participants/{id}/attendance")]
pub async fn participant_summary(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = ParticipantId(path.into_inner());
    let today = today();
    super::reply::write_ok(&state, move |conn| {
        attendance_uc::attendance_summary(conn, &staff, id, today)
    })
    .await
}

/// Record a change of planned participation (days of the week, or hours per week).
#[utoipa::path(tag = "attendance", security(("staff" = [])), request_body = NewPlannedParticipation, responses(
    (status = 201, body = AttendanceSummary),
    problem::NotFound,
    problem::ValidationFailed,
))]
#[post("/participants/{id}/planned-participation")]
pub async fn add_plan(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
    body: web::Json<NewPlannedParticipation>,
) -> Result<HttpResponse, ApiError> {
    let id = ParticipantId(path.into_inner());
    let body = body.into_inner();
    let today = today();
    super::reply::write_created(&state, move |conn| {
        attendance_uc::plan_participation(conn, &staff, id, &body, today)
    })
    .await
}

/// Remove a participant's mark for a day: the register's undo right after marking.
/// A participant who may not be seen, or a day without a mark, answers 404.
#[utoipa::path(tag = "attendance", security(("staff" = [])), params(
    ("id" = i64, Path, description = "The participant"),
    ("date" = String, Path, description = "The day, YYYY-MM-DD"),
), responses(
    (status = 204),
    problem::NotFound,
    problem::ValidationFailed,
))]
#[delete("/participants/{id}/attendance/{date}")]
pub async fn clear_mark(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i64, String)>,
) -> Result<HttpResponse, ApiError> {
    let (id, date) = path.into_inner();
    let id = ParticipantId(id);
    write(&state, move |conn| {
        attendance_uc::clear_mark(conn, &staff, id, &date)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
