//! Goals in the participant's own words, and their scaling scores.

use crate::auth::Staff;
use crate::calendar::today;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use crate::use_cases::goals as goals_uc;
use actix_web::{HttpResponse, get, post, put, web};
use stige_domain::ParticipantId;
use stige_wire::{Goal, GoalStatusChange, NewGoal, NewScore};

/// A participant's goals with their scores.
#[utoipa::path(tag = "goals", security(("staff" = [])), responses(
    (status = 200, body = Vec<Goal>),
    problem::NotFound,
))]
#[get("/participants/{id}/goals")]
pub async fn list(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = ParticipantId(path.into_inner());
    super::reply::write_ok(&state, move |conn| goals_uc::goals_of(conn, &staff, id)).await
}

/// Add a goal, in the participant's own words.
#[utoipa::path(tag = "goals", security(("staff" = [])), request_body = NewGoal, responses(
    (status = 201, body = Goal),
    problem::NotFound,
    problem::ValidationFailed,
))]
#[post("/participants/{id}/goals")]
pub async fn create(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
    body: web::Json<NewGoal>,
) -> Result<HttpResponse, ApiError> {
    let id = ParticipantId(path.into_inner());
    let body = body.into_inner();
    super::reply::write_created(&state, move |conn| {
        let goal = goals_uc::add_goal(conn, &staff, id, &body)?;
        goals_uc::shown(conn, id, goal)
    })
    .await
}

/// Mark a goal reached, dropped or replaced (or active again).
#[utoipa::path(tag = "goals", security(("staff" = [])), request_body = GoalStatusChange, responses(
    (status = 200, body = Goal),
    problem::NotFound,
    problem::ValidationFailed,
))]
#[put("/participants/{id}/goals/{goal}/status")]
pub async fn set_status(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i64, i64)>,
    body: web::Json<GoalStatusChange>,
) -> Result<HttpResponse, ApiError> {
    let (id, goal) = path.into_inner();
    let id = ParticipantId(id);
    let status = body.into_inner().status;
    super::reply::write_ok(&state, move |conn| {
        goals_uc::set_goal_status(conn, &staff, id, goal, status)?;
        goals_uc::shown(conn, id, goal)
    })
    .await
}

/// Record a scaling score (0–10) for a goal.
#[utoipa::path(tag = "goals", security(("staff" = [])), request_body = NewScore, responses(
    (status = 201, body = Goal),
    problem::NotFound,
    problem::ValidationFailed,
))]
#[post("/participants/{id}/goals/{goal}/scores")]
pub async fn add_score(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i64, i64)>,
    body: web::Json<NewScore>,
) -> Result<HttpResponse, ApiError> {
    let (id, goal) = path.into_inner();
    let id = ParticipantId(id);
    let body = body.into_inner();
    let today = today();
    super::reply::write_created(&state, move |conn| {
        goals_uc::add_score(conn, &staff, id, goal, &body, today)?;
        goals_uc::shown(conn, id, goal)
    })
    .await
}
