//! A person's enrolments in the ladder's parallel activities:
//! `GET`/`POST /participants/{id}/activities`,
//! `PUT /participants/{id}/activities/{enrolment}/ending` and
//! `PUT /participants/{id}/activities/{enrolment}/attendance`.

use crate::auth::{Reader, Staff};
use crate::calendar::today;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use crate::use_cases::activities as activities_uc;
use actix_web::{HttpResponse, get, post, put, web};
use stige_domain::AuditAction;
use stige_domain::ParticipantId;
use stige_wire::{ActivityEnrolment, ActivityMarkInput, EnrolmentEndInput, EnrolmentInput};

/// The person's enrolments in the ladder's parallel activities (ALUP, a
/// course, a placement recorded as an activity), newest start first, each with
/// its marked days. Staff who may see the person; 404 for everyone else.
#[utoipa::path(tag = "activities", security(("staff" = [])), responses(
    (status = 200, body = Vec<ActivityEnrolment>),
    problem::NotFound,
))]
#[get("/participants/{id}/activities")]
pub async fn list(
    state: web::Data<AppState>,
    reader: Reader,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let today = today();
    super::person_read(
        &state,
        reader,
        path,
        AuditAction::ActivityRead,
        move |conn, staff, id| activities_uc::enrolments(conn, staff, id, today),
    )
    .await
}

/// Enrols the person in one of their ladder's activities from a day (at most
/// a year ahead) with an optional planned end. Refused (422) while an
/// enrolment in the same activity runs, and for a person who has exited.
/// Admin, coordinator, the person's mentor.
#[utoipa::path(tag = "activities", security(("staff" = [])), request_body = EnrolmentInput, responses(
    (status = 201, body = ActivityEnrolment),
    problem::BadRequest,
    problem::Forbidden,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[post("/participants/{id}/activities")]
pub async fn enrol(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
    body: web::Json<EnrolmentInput>,
) -> Result<HttpResponse, ApiError> {
    let id = ParticipantId(path.into_inner());
    let body = body.into_inner();
    let today = today();
    crate::routes::reply::write_created(&state, move |conn| {
        activities_uc::enrol(conn, &staff, id, &body, today)
    })
    .await
}

/// Ends an enrolment: completed, or interrupted with a reason, on a day from
/// its start to today (absent: today), with its result in words ("direction:
/// warehouse work"). 409 when it has already ended. Admin, coordinator, the
/// person's mentor.
#[utoipa::path(tag = "activities", security(("staff" = [])), request_body = EnrolmentEndInput, responses(
    (status = 200, body = ActivityEnrolment),
    problem::BadRequest,
    problem::Forbidden,
    problem::NotFound,
    problem::Conflict,
    problem::ValidationFailed,
))]
#[put("/participants/{id}/activities/{enrolment}/ending")]
pub async fn end(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i64, i64)>,
    body: web::Json<EnrolmentEndInput>,
) -> Result<HttpResponse, ApiError> {
    let (id, enrolment) = path.into_inner();
    let id = ParticipantId(id);
    let body = body.into_inner();
    let today = today();
    crate::routes::reply::write_ok(&state, move |conn| {
        activities_uc::end_enrolment(conn, &staff, id, enrolment, &body, today)
    })
    .await
}

/// Marks one day's attendance in an activity (absent date: today), within the
/// enrolment and not ahead of today; a different mark replaces the earlier
/// one. Admin, coordinator, the person's mentor.
#[utoipa::path(tag = "activities", security(("staff" = [])), request_body = ActivityMarkInput, responses(
    (status = 200, body = ActivityEnrolment),
    problem::BadRequest,
    problem::Forbidden,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[put("/participants/{id}/activities/{enrolment}/attendance")]
pub async fn mark_attendance(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i64, i64)>,
    body: web::Json<ActivityMarkInput>,
) -> Result<HttpResponse, ApiError> {
    let (id, enrolment) = path.into_inner();
    let id = ParticipantId(id);
    let body = body.into_inner();
    let today = today();
    crate::routes::reply::write_ok(&state, move |conn| {
        activities_uc::mark_attendance(conn, &staff, id, enrolment, &body, today)
    })
    .await
}
