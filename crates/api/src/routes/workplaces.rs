//! The programme's workplaces and their tasks, and what each step expects of
//! a person's work: `GET`/`POST /ladders/{id}/workplaces`,
//! `PUT /ladders/{id}/workplaces/{workplace}`,
//! `POST /ladders/{id}/workplaces/{workplace}/tasks`,
//! `PUT /ladders/{id}/steps/{step}/work-demand`. Every staff member of the
//! programme reads; admins write.

use crate::auth::Staff;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use crate::use_cases::workplaces as workplaces_uc;
use actix_web::{HttpResponse, get, post, put, web};
use stige_domain::LadderId;
use stige_wire::{NewWorkTask, NewWorkplace, StepWorkDemand, Workplace, WorkplaceUpdate};

/// The programme's workplaces (workshop, kitchen, café, ...) by name, each
/// with its tasks by name. Staff of the programme; 404 for anyone else.
#[utoipa::path(tag = "work", security(("staff" = [])), responses(
    (status = 200, body = Vec<Workplace>),
    problem::NotFound,
))]
#[get("/ladders/{id}/workplaces")]
pub async fn list(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let ladder = LadderId(path.into_inner());
    super::reply::read_ok(&state, move |conn| {
        workplaces_uc::workplaces(conn, &staff, ladder)
    })
    .await
}

/// Adds a workplace to the programme with its first tasks (admin). Its name
/// is unique in the programme, each task's at the workplace.
#[utoipa::path(tag = "work", security(("staff" = [])), request_body = NewWorkplace, responses(
    (status = 201, body = Workplace),
    problem::BadRequest,
    problem::Forbidden,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[post("/ladders/{id}/workplaces")]
pub async fn add(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
    body: web::Json<NewWorkplace>,
) -> Result<HttpResponse, ApiError> {
    let ladder = LadderId(path.into_inner());
    let body = body.into_inner();
    super::reply::write_created(&state, move |conn| {
        workplaces_uc::add_workplace(conn, &staff, ladder, &body)
    })
    .await
}

/// Sets one of the programme's workplaces' name and what its output is
/// counted in, items or portions (admin); both are required, as `PUT`
/// replaces them. Answers the workplace with its tasks.
#[utoipa::path(tag = "work", security(("staff" = [])), request_body = WorkplaceUpdate, responses(
    (status = 200, body = Workplace),
    problem::BadRequest,
    problem::Forbidden,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[put("/ladders/{id}/workplaces/{workplace}")]
pub async fn update(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i64, i64)>,
    body: web::Json<WorkplaceUpdate>,
) -> Result<HttpResponse, ApiError> {
    let (ladder, workplace) = path.into_inner();
    let ladder = LadderId(ladder);
    let body = body.into_inner();
    super::reply::write_ok(&state, move |conn| {
        workplaces_uc::update_workplace(conn, &staff, ladder, workplace, &body)
    })
    .await
}

/// Adds a task to one of the programme's workplaces (admin); answers the
/// workplace with its tasks.
#[utoipa::path(tag = "work", security(("staff" = [])), request_body = NewWorkTask, responses(
    (status = 201, body = Workplace),
    problem::BadRequest,
    problem::Forbidden,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[post("/ladders/{id}/workplaces/{workplace}/tasks")]
pub async fn add_task(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i64, i64)>,
    body: web::Json<NewWorkTask>,
) -> Result<HttpResponse, ApiError> {
    let (ladder, workplace) = path.into_inner();
    let ladder = LadderId(ladder);
    let body = body.into_inner();
    super::reply::write_created(&state, move |conn| {
        workplaces_uc::add_task(conn, &staff, ladder, workplace, &body)
    })
    .await
}

/// Sets what a step expects of a person's work (admin): hours a week and an
/// independence level, drawn as a band beside the person's work capacity.
#[utoipa::path(tag = "work", security(("staff" = [])), request_body = StepWorkDemand, responses(
    (status = 200, body = StepWorkDemand),
    problem::BadRequest,
    problem::Forbidden,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[put("/ladders/{id}/steps/{step_id}/work-demand")]
pub async fn set_demand(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i64, i64)>,
    body: web::Json<StepWorkDemand>,
) -> Result<HttpResponse, ApiError> {
    let (ladder, step) = path.into_inner();
    let body = body.into_inner();
    super::reply::write_ok(&state, move |conn| {
        workplaces_uc::set_step_demand(conn, &staff, ladder, step, &body)
    })
    .await
}
