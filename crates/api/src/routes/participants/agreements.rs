//! A participant's links to cooperation agreements (issue 22, part 2):
//! `GET`/`POST /participants/{id}/agreements` and
//! `PUT /participants/{id}/agreements/{link}/ending`. Any number over time, one
//! paying for the place at a time; each partner sees the person through its own
//! links, scope and the person's consents to it.

use crate::auth::{Reader, Staff};
use crate::calendar::today;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use crate::use_cases::agreement_links as links_uc;
use actix_web::{HttpResponse, get, post, put, web};
use stige_domain::AuditAction;
use stige_domain::ParticipantId;
use stige_wire::{AgreementLink, AgreementLinkEnding, NewAgreementLink};

/// The agreements linked to the person over time: which pays for the place and
/// which follow. Staff who may see the person; 404 for everyone else.
#[utoipa::path(tag = "partners", security(("staff" = [])), responses(
    (status = 200, body = Vec<AgreementLink>),
    problem::NotFound,
))]
#[get("/participants/{id}/agreements")]
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
        AuditAction::AgreementLinkRead,
        move |conn, staff, id| links_uc::agreement_links(conn, staff, id, today),
    )
    .await
}

/// Links the person to another cooperation agreement of their programme, from
/// `valid_from` (default today) to `valid_to` (default until further notice),
/// paying for the place (`pays`) or following. Refused (422) for an agreement of
/// another programme, one already linked for part of the period, or a second
/// payer at the same time. Admins and coordinators.
#[utoipa::path(tag = "partners", security(("staff" = [])), request_body = NewAgreementLink, responses(
    (status = 201, body = Vec<AgreementLink>),
    problem::BadRequest,
    problem::Forbidden,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[post("/participants/{id}/agreements")]
pub async fn add(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
    body: web::Json<NewAgreementLink>,
) -> Result<HttpResponse, ApiError> {
    let id = ParticipantId(path.into_inner());
    let body = body.into_inner();
    let today = today();
    crate::routes::reply::write_created(&state, move |conn| {
        links_uc::link_agreement(conn, &staff, id, &body, today)
    })
    .await
}

/// Ends one of the person's links on `valid_to` (its last day, on or after its
/// first). 409 for a link that ended before today. Admins and coordinators.
#[utoipa::path(tag = "partners", security(("staff" = [])), request_body = AgreementLinkEnding, responses(
    (status = 200, body = Vec<AgreementLink>),
    problem::BadRequest,
    problem::Forbidden,
    problem::NotFound,
    problem::Conflict,
    problem::ValidationFailed,
))]
#[put("/participants/{id}/agreements/{link}/ending")]
pub async fn end(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i64, i64)>,
    body: web::Json<AgreementLinkEnding>,
) -> Result<HttpResponse, ApiError> {
    let (id, link) = path.into_inner();
    let id = ParticipantId(id);
    let body = body.into_inner();
    let today = today();
    crate::routes::reply::write_ok(&state, move |conn| {
        links_uc::end_link(conn, &staff, id, link, &body, today)
    })
    .await
}
