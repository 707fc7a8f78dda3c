//! Goals in the participant's own words, and their scaling scores.

use super::participants::{record, visible};
use crate::auth::Staff;
use crate::calendar::today;
use crate::db::write;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use crate::use_cases::goals as goals_uc;
use actix_web::{HttpResponse, get, post, put, web};
use stige_domain::AuditAction;
use stige_domain::Capability;
use stige_domain::ParticipantId;
use stige_store::DbConnection;
use stige_store::goals::{self, GoalWithScores};
use stige_wire::{Goal, GoalScore, GoalStatusChange, NewGoal, NewScore};

fn to_goal((g, scores): GoalWithScores) -> Goal {
    Goal {
        id: g.id,
        text: g.text,
        category: g.category,
        status: g.status,
        created_at: g.created_at,
        scores: scores
            .into_iter()
            .map(|(s, by)| GoalScore {
                id: s.id,
                date: s.date,
                score: i64::from(s.score),
                comment: s.comment,
                recorded_by: by,
            })
            .collect(),
    }
}

fn load_goal(
    conn: &mut DbConnection,
    participant: ParticipantId,
    goal: i64,
) -> Result<Goal, ApiError> {
    goals::for_participant(conn, participant)?
        .into_iter()
        .find(|(g, _)| g.id == goal)
        .map(to_goal)
        .ok_or(ApiError::NotFound)
}

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
    staff.require_that(Capability::WorkWithParticipants)?;
    let id = ParticipantId(path.into_inner());
    let goals = write(&state, move |conn| {
        visible(conn, &staff, id)?;
        record(conn, &staff, AuditAction::GoalList, Some(id), None)?;
        of_participant(conn, id)
    })
    .await?;
    Ok(HttpResponse::Ok().json(goals))
}

/// The participant's goals with their scores.
pub fn of_participant(conn: &mut DbConnection, id: ParticipantId) -> Result<Vec<Goal>, ApiError> {
    Ok(goals::for_participant(conn, id)?
        .into_iter()
        .map(to_goal)
        .collect())
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
    let goal = write(&state, move |conn| {
        let goal = goals_uc::add_goal(conn, &staff, id, &body)?;
        load_goal(conn, id, goal)
    })
    .await?;
    Ok(HttpResponse::Created().json(goal))
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
    let goal = write(&state, move |conn| {
        goals_uc::set_goal_status(conn, &staff, id, goal, status)?;
        load_goal(conn, id, goal)
    })
    .await?;
    Ok(HttpResponse::Ok().json(goal))
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
    let goal = write(&state, move |conn| {
        goals_uc::add_score(conn, &staff, id, goal, &body, today)?;
        load_goal(conn, id, goal)
    })
    .await?;
    Ok(HttpResponse::Created().json(goal))
}
