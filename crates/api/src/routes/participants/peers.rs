//! Peers (issue 26): `GET`/`POST /participants/{id}/peers` and
//! `PUT /participants/{id}/peers/{support}/ending`. A participant who has
//! come some way is named peer support for a newcomer of the same programme;
//! each side's page shows the other.

use crate::auth::{Reader, Staff};
use crate::calendar::today;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::staff_reads::read_audited;
use crate::state::AppState;
use crate::use_cases::peers as peers_uc;
use actix_web::{HttpResponse, get, post, put, web};
use stige_domain::ParticipantId;
use stige_wire::{NewPeerSupport, PeerSupportEnd, Peers};

/// The person's peers as a newcomer and the newcomers they support, newest
/// first. Staff who may see the person; 404 for everyone else.
#[utoipa::path(tag = "work", security(("staff" = [])), responses(
    (status = 200, body = Peers),
    problem::NotFound,
))]
#[get("/participants/{id}/peers")]
pub async fn list(
    state: web::Data<AppState>,
    reader: Reader,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = ParticipantId(path.into_inner());
    let Reader::Staff(token) = reader else {
        return Err(ApiError::NotFound);
    };
    let today = today();
    let peers = read_audited(
        &state,
        token,
        move |conn, staff| peers_uc::peers(conn, staff, id, today),
        move |staff, peers: &Peers| peers_uc::peers_read(staff, id, peers),
    )
    .await?;
    Ok(HttpResponse::Ok().json(peers))
}

/// Names a peer for the newcomer: an active participant of the same
/// programme, not the newcomer, from a day at most 31 days ahead. Refused
/// (422) while the newcomer has a peer whose support has not ended, and for
/// a newcomer who has exited. Admin, coordinator, a mentor of both.
#[utoipa::path(tag = "work", security(("staff" = [])), request_body = NewPeerSupport, responses(
    (status = 201, body = Peers),
    problem::BadRequest,
    problem::Forbidden,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[post("/participants/{id}/peers")]
pub async fn name(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
    body: web::Json<NewPeerSupport>,
) -> Result<HttpResponse, ApiError> {
    let id = ParticipantId(path.into_inner());
    let body = body.into_inner();
    let today = today();
    crate::routes::reply::write_created(&state, move |conn| {
        peers_uc::name_peer(conn, &staff, id, &body, today)
    })
    .await
}

/// Ends one of the person's peer supports (the person may be its peer or its
/// newcomer) on a day from its start to today. 409 once ended.
#[utoipa::path(tag = "work", security(("staff" = [])), request_body = PeerSupportEnd, responses(
    (status = 200, body = Peers),
    problem::BadRequest,
    problem::Forbidden,
    problem::NotFound,
    problem::Conflict,
    problem::ValidationFailed,
))]
#[put("/participants/{id}/peers/{support}/ending")]
pub async fn end(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i64, i64)>,
    body: web::Json<PeerSupportEnd>,
) -> Result<HttpResponse, ApiError> {
    let (id, support) = path.into_inner();
    let id = ParticipantId(id);
    let body = body.into_inner();
    let today = today();
    crate::routes::reply::write_ok(&state, move |conn| {
        peers_uc::end_support(conn, &staff, id, support, &body, today)
    })
    .await
}
