//! Follow-up conversations. Confidential notes never reach mentors, not even in lists.

use crate::auth::Staff;
use crate::calendar::today;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use crate::use_cases::follow_ups as follow_ups_uc;
use actix_web::{HttpResponse, get, post, put, web};
use stige_domain::ParticipantId;
use stige_wire::{ActionDone, FollowUp, FollowUpInput};

/// A participant's follow-ups, newest first (mentors: without confidential notes).
#[utoipa::path(tag = "follow-ups", security(("staff" = [])), responses(
    (status = 200, body = Vec<FollowUp>),
    problem::NotFound,
))]
#[get("/participants/{id}/follow-ups")]
pub async fn list(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = ParticipantId(path.into_inner());
    super::reply::write_ok(&state, move |conn| {
        follow_ups_uc::follow_ups(conn, &staff, id)
    })
    .await
}

/// Record a follow-up conversation.
#[utoipa::path(tag = "follow-ups", security(("staff" = [])), request_body = FollowUpInput, responses(
    (status = 201, body = FollowUp),
    problem::NotFound,
    problem::ValidationFailed,
))]
#[post("/participants/{id}/follow-ups")]
pub async fn create(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
    body: web::Json<FollowUpInput>,
) -> Result<HttpResponse, ApiError> {
    let id = ParticipantId(path.into_inner());
    let body = body.into_inner();
    let today = today();
    super::reply::write_created(&state, move |conn| {
        let fid = follow_ups_uc::record_follow_up(conn, &staff, id, &body, today)?;
        follow_ups_uc::shown(conn, id, fid)
    })
    .await
}

/// Change a follow-up. Edits more than 24 hours after it was written keep the
/// earlier version.
#[utoipa::path(tag = "follow-ups", security(("staff" = [])), request_body = FollowUpInput, responses(
    (status = 200, body = FollowUp),
    problem::NotFound,
    problem::ValidationFailed,
))]
#[put("/participants/{id}/follow-ups/{follow_up}")]
pub async fn update(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i64, i64)>,
    body: web::Json<FollowUpInput>,
) -> Result<HttpResponse, ApiError> {
    let (id, fid) = path.into_inner();
    let id = ParticipantId(id);
    let body = body.into_inner();
    let today = today();
    super::reply::write_ok(&state, move |conn| {
        follow_ups_uc::change_follow_up(conn, &staff, id, fid, &body, today)?;
        follow_ups_uc::shown(conn, id, fid)
    })
    .await
}

/// Mark an agreed action done (or not done).
#[utoipa::path(tag = "follow-ups", security(("staff" = [])), request_body = ActionDone, responses(
    (status = 200, body = FollowUp),
    problem::NotFound,
))]
#[put("/participants/{id}/follow-ups/{follow_up}/actions/{action}")]
pub async fn set_action_done(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i64, i64, i64)>,
    body: web::Json<ActionDone>,
) -> Result<HttpResponse, ApiError> {
    let (id, fid, action) = path.into_inner();
    let id = ParticipantId(id);
    let done = body.done;
    super::reply::write_ok(&state, move |conn| {
        follow_ups_uc::set_action_done(conn, &staff, id, fid, action, done)?;
        follow_ups_uc::shown(conn, id, fid)
    })
    .await
}
