//! The individual plan: `GET`/`PUT /participants/{id}/plan` and
//! `POST /participants/{id}/plan/reviews`.

use crate::auth::{Reader, Staff};
use crate::calendar::today;
use crate::db::write;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, put, web};
use stige_domain::AuditAction;
use stige_domain::ParticipantId;
use stige_domain::plan::{self};
use stige_store::DbConnection;
use stige_store::plans as store;
use stige_wire::{ParticipantPlan, PlanInput};

/// The person's plan, or an empty one.
pub fn plan_of(conn: &mut DbConnection, id: ParticipantId) -> Result<ParticipantPlan, ApiError> {
    Ok(crate::use_cases::plans::plans_of(conn, &[id.0])?
        .pop()
        .map(|(_, p)| p)
        .unwrap_or_default())
}

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
    let id = ParticipantId(path.into_inner());
    super::person_read(
        &state,
        reader,
        id,
        AuditAction::PlanRead,
        move |conn, staff| {
            super::followed(conn, staff, id)?;
            plan_of(conn, id)
        },
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
    let plan = write(&state, move |conn| {
        super::followed(conn, &staff, id)?;
        let draft = plan::parse_plan(
            body.coordinator.as_deref(),
            body.review_every_weeks,
            &body.areas,
        )?;
        store::save(conn, id, &draft, staff.id, today(), stige_store::now())?;
        let detail = format!("areas={}", draft.areas.len());
        super::record(
            conn,
            &staff,
            AuditAction::PlanUpdate,
            Some(id),
            Some(detail),
        )?;
        plan_of(conn, id)
    })
    .await?;
    Ok(HttpResponse::Ok().json(plan))
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
    let plan = write(&state, move |conn| {
        super::followed(conn, &staff, id)?;
        if !store::reviewed(conn, id, today(), staff.id, stige_store::now())? {
            return Err(ApiError::Conflict(NO_PLAN.into()));
        }
        super::record(conn, &staff, AuditAction::PlanReview, Some(id), None)?;
        plan_of(conn, id)
    })
    .await?;
    Ok(HttpResponse::Created().json(plan))
}

/// Why a review was refused.
pub const NO_PLAN: &str = "The participant has no plan yet: make one before recording a review";
