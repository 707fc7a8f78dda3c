//! The individual plan: `GET`/`PUT /participants/{id}/plan` and
//! `POST /participants/{id}/plan/reviews`.

use crate::auth::{Reader, Staff};
use crate::calendar::today;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use crate::use_cases::plans;
use actix_web::{HttpResponse, get, post, put, web};
use stige_domain::AuditAction;
use stige_domain::ParticipantId;
use stige_wire::{ParticipantPlan, PlanInput};

/// The person's individual plan (IP / SIP): per area the goal in their own
/// words, who is responsible, the next step and by when; the coordinator and
/// the next review. Fields are absent while there is no plan. The staff who
/// follow the person; 404 for everyone else.
#[utoipa::path(tag = "plan", security(("staff" = [])), responses(
    (status = 200, body = ParticipantPlan),
    problem::NotFound,
))]
#[get("/participants/{id}/plan")]
pub async fn get(
    state: web::Data<AppState>,
    reader: Reader,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    super::person_read(
        &state,
        reader,
        path,
        AuditAction::PlanRead,
        plans::followed_plan,
    )
    .await
}

/// Makes or replaces the person's plan: coordinator, weeks between reviews
/// (1 to 52, default 12) and the areas, each at most once with a goal.
/// Admin, coordinator, the person's mentor.
#[utoipa::path(tag = "plan", security(("staff" = [])), request_body = PlanInput, responses(
    (status = 200, body = ParticipantPlan),
    problem::BadRequest,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[put("/participants/{id}/plan")]
pub async fn set(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
    body: web::Json<PlanInput>,
) -> Result<HttpResponse, ApiError> {
    let id = ParticipantId(path.into_inner());
    let body = body.into_inner();
    let today = today();
    crate::routes::reply::write_ok(&state, move |conn| {
        plans::save_plan(conn, &staff, id, &body, today)
    })
    .await
}

/// Records that the plan was reviewed today; the next review falls due an
/// interval later. 409 while the person has no plan.
#[utoipa::path(tag = "plan", security(("staff" = [])), responses(
    (status = 201, body = ParticipantPlan),
    problem::NotFound,
    problem::Conflict,
))]
#[post("/participants/{id}/plan/reviews")]
pub async fn review(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = ParticipantId(path.into_inner());
    let today = today();
    crate::routes::reply::write_created(&state, move |conn| {
        plans::review_plan(conn, &staff, id, today)
    })
    .await
}
