//! Follow-up conversations. Confidential notes never reach mentors, not even in lists.

use super::participants::{record, visible};
use crate::auth::Staff;
use crate::calendar::today;
use crate::db::write;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use crate::use_cases::follow_ups as follow_ups_uc;
use actix_web::{HttpResponse, get, post, put, web};
use stige_domain::AuditAction;
use stige_domain::Capability;
use stige_domain::ParticipantId;
use stige_store::DbConnection;
use stige_store::follow_ups;
use stige_wire::{ActionDone, AgreedAction, FollowUp, FollowUpInput};

fn to_follow_up(f: follow_ups::FollowUp) -> FollowUp {
    FollowUp {
        id: f.row.id,
        date: f.row.date,
        attendees: follow_ups::attendees(&f.row),
        what_works: f.row.what_works,
        scaling_score: f.row.scaling_score.map(i64::from),
        next_small_step: f.row.next_small_step,
        actions: f
            .actions
            .into_iter()
            .map(|a| AgreedAction {
                id: a.id,
                owner: a.owner,
                what: a.what,
                by_when: a.by_when,
                done: a.done,
            })
            .collect(),
        next_due: f.row.next_due,
        confidential: f.row.confidential,
        written_by: f.written_by_name,
        written_at: f.row.written_at,
        updated_at: f.row.updated_at,
        earlier_versions: f.versions,
    }
}

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
    staff.require_that(Capability::WorkWithParticipants)?;
    let id = ParticipantId(path.into_inner());
    let list = write(&state, move |conn| {
        visible(conn, &staff, id)?;
        record(conn, &staff, AuditAction::FollowUpList, Some(id), None)?;
        of_participant(conn, id, follow_ups_uc::sees_confidential(&staff))
    })
    .await?;
    Ok(HttpResponse::Ok().json(list))
}

/// The participant's follow-ups, the confidential ones too when `confidential`.
pub fn of_participant(
    conn: &mut DbConnection,
    id: ParticipantId,
    confidential: bool,
) -> Result<Vec<FollowUp>, ApiError> {
    let rows = follow_ups::list(conn, id, confidential)?;
    Ok(rows.into_iter().map(to_follow_up).collect())
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
    let created = write(&state, move |conn| {
        let fid = follow_ups_uc::record_follow_up(conn, &staff, id, &body, today)?;
        let f = follow_ups::get(conn, id, fid)?.ok_or(ApiError::NotFound)?;
        Ok(to_follow_up(f))
    })
    .await?;
    Ok(HttpResponse::Created().json(created))
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
    let updated = write(&state, move |conn| {
        follow_ups_uc::change_follow_up(conn, &staff, id, fid, &body, today)?;
        let f = follow_ups::get(conn, id, fid)?.ok_or(ApiError::NotFound)?;
        Ok(to_follow_up(f))
    })
    .await?;
    Ok(HttpResponse::Ok().json(updated))
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
    let updated = write(&state, move |conn| {
        follow_ups_uc::set_action_done(conn, &staff, id, fid, action, done)?;
        let f = follow_ups::get(conn, id, fid)?.ok_or(ApiError::NotFound)?;
        Ok(to_follow_up(f))
    })
    .await?;
    Ok(HttpResponse::Ok().json(updated))
}
