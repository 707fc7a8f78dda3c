//! Ladders, steps and activities: every staff member reads, admins write.

use crate::auth::Staff;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use crate::use_cases::ladders as ladders_uc;
use actix_web::{HttpResponse, get, post, put, web};
use stige_domain::{LadderId, StepId};
use stige_wire::{Ladder, LadderSummary, NewActivity, NewLadder, StepInput, StepOrder};

/// The ladders (programmes) the staff member works in.
#[utoipa::path(tag = "ladders", security(("staff" = [])), responses(
    (status = 200, body = Vec<LadderSummary>),
    problem::Unauthorized,
))]
#[get("/ladders")]
pub async fn list(state: web::Data<AppState>, staff: Staff) -> Result<HttpResponse, ApiError> {
    super::reply::read_ok(&state, move |conn| ladders_uc::programmes(conn, &staff)).await
}

/// Create a ladder (admin).
#[utoipa::path(tag = "ladders", security(("staff" = [])), request_body = NewLadder, responses(
    (status = 201, body = Ladder),
    problem::Forbidden,
    problem::ValidationFailed,
))]
#[post("/ladders")]
pub async fn create(
    state: web::Data<AppState>,
    staff: Staff,
    body: web::Json<NewLadder>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    super::reply::write_created(&state, move |conn| {
        ladders_uc::create_ladder(conn, &staff, &body)
    })
    .await
}

/// A ladder with its steps (lowest first), their occupancy, and its activities.
#[utoipa::path(tag = "ladders", security(("staff" = [])), responses(
    (status = 200, body = Ladder),
    problem::NotFound,
))]
#[get("/ladders/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = LadderId(path.into_inner());
    super::reply::read_ok(&state, move |conn| ladders_uc::ladder(conn, &staff, id)).await
}

/// Rename a ladder, change its description, target, or whether the staff on duty
/// mark the whole house in the register (admin).
#[utoipa::path(tag = "ladders", security(("staff" = [])), request_body = NewLadder, responses(
    (status = 200, body = Ladder),
    problem::NotFound,
    problem::ValidationFailed,
))]
#[put("/ladders/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
    body: web::Json<NewLadder>,
) -> Result<HttpResponse, ApiError> {
    let id = LadderId(path.into_inner());
    let body = body.into_inner();
    super::reply::write_ok(&state, move |conn| {
        ladders_uc::change_ladder(conn, &staff, id, &body)
    })
    .await
}

/// Add a step at the top of a ladder (admin).
#[utoipa::path(tag = "ladders", security(("staff" = [])), request_body = StepInput, responses(
    (status = 201, body = Ladder),
    problem::NotFound,
    problem::ValidationFailed,
))]
#[post("/ladders/{id}/steps")]
pub async fn add_step(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
    body: web::Json<StepInput>,
) -> Result<HttpResponse, ApiError> {
    let id = LadderId(path.into_inner());
    let body = body.into_inner();
    super::reply::write_created(&state, move |conn| {
        ladders_uc::add_step(conn, &staff, id, &body)
    })
    .await
}

/// Change a step (admin).
#[utoipa::path(tag = "ladders", security(("staff" = [])), request_body = StepInput, responses(
    (status = 200, body = Ladder),
    problem::NotFound,
    problem::ValidationFailed,
))]
#[put("/ladders/{id}/steps/{step_id}")]
pub async fn update_step(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i64, i64)>,
    body: web::Json<StepInput>,
) -> Result<HttpResponse, ApiError> {
    let (id, step) = path.into_inner();
    let (id, step) = (LadderId(id), StepId(step));
    let body = body.into_inner();
    super::reply::write_ok(&state, move |conn| {
        ladders_uc::change_step(conn, &staff, id, step, &body)
    })
    .await
}

/// Put a ladder's steps in a new order, lowest first (admin).
#[utoipa::path(tag = "ladders", security(("staff" = [])), request_body = StepOrder, responses(
    (status = 200, body = Ladder),
    problem::NotFound,
    problem::ValidationFailed,
))]
#[put("/ladders/{id}/step-order")]
pub async fn reorder_steps(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
    body: web::Json<StepOrder>,
) -> Result<HttpResponse, ApiError> {
    let id = LadderId(path.into_inner());
    let order = body.into_inner().step_ids;
    super::reply::write_ok(&state, move |conn| {
        ladders_uc::reorder_steps(conn, &staff, id, &order)
    })
    .await
}

/// Add an activity run in parallel with the ladder (admin).
#[utoipa::path(tag = "ladders", security(("staff" = [])), request_body = NewActivity, responses(
    (status = 201, body = Ladder),
    problem::NotFound,
    problem::ValidationFailed,
))]
#[post("/ladders/{id}/activities")]
pub async fn add_activity(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
    body: web::Json<NewActivity>,
) -> Result<HttpResponse, ApiError> {
    let id = LadderId(path.into_inner());
    let body = body.into_inner();
    super::reply::write_created(&state, move |conn| {
        ladders_uc::add_activity(conn, &staff, id, &body)
    })
    .await
}
