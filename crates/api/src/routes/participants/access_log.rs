//! `GET /participants/{id}/access-log`: who has read or changed the person's
//! information (Normen: the person may ask who has read their record).

use crate::auth::{Reader, Staff};
use crate::error::ApiError;
use crate::openapi::problem;
use crate::staff_reads::read_audited;
use crate::state::AppState;
use crate::use_cases::access_log as log;
use actix_web::{HttpResponse, get, web};
use stige_domain::AuditAction;
use stige_domain::{ParticipantId, ValidationErrors};
use stige_wire::{AccessActorKind, AccessLogEntry, AccessLogQuery, Page};

/// Every read and change of the person's information, newest first: when, who
/// (staff member and role, partner and agreement, employer link, system), what
/// (the action and the kinds of information it touched), and refused attempts.
/// Admins and coordinators of the person's programme; 404 for everyone else.
/// Reading the log is itself recorded (`participant.access_log.read`).
#[utoipa::path(tag = "participants", security(("staff" = [])), params(AccessLogQuery), responses(
    (status = 200, body = Page<AccessLogEntry>),
    problem::BadRequest,
    problem::Unauthorized,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[get("/participants/{id}/access-log")]
pub async fn access_log(
    state: web::Data<AppState>,
    reader: Reader,
    path: web::Path<i64>,
    query: web::Query<AccessLogQuery>,
) -> Result<HttpResponse, ApiError> {
    let id = ParticipantId(path.into_inner());
    let Reader::Staff(token) = reader else {
        return Err(ApiError::NotFound);
    };
    let query = query.into_inner();
    let (page, per_page) = checked(&query)?;
    let found = read_audited(
        &state,
        token,
        move |conn, staff| log::page(conn, staff, id, &query, (page, per_page)),
        move |staff: &Staff, page: &Page<AccessLogEntry>| {
            crate::use_cases::access::read_event(
                staff,
                AuditAction::ParticipantAccessLogRead,
                Some(id),
                Some(format!("page={} total={}", page.page, page.total)),
            )
        },
    )
    .await?;
    Ok(HttpResponse::Ok().json(found))
}

/// The page and its size, or 422 naming each bad parameter.
fn checked(query: &AccessLogQuery) -> Result<(i64, i64), ApiError> {
    let mut errors = ValidationErrors::new();
    let (page, per_page) = crate::routes::paging::checked(query.page, query.per_page, &mut errors);
    if let (Some(from), Some(to)) = (query.from, query.to)
        && from > to
    {
        errors.add("to", "must not be before from");
    }
    if query.user_id.is_some() && query.actor.is_some_and(|a| a != AccessActorKind::Staff) {
        errors.add(
            "user_id",
            "names a staff member; the actor filter must be staff or empty",
        );
    }
    Ok(errors.into_result((page, per_page))?)
}
