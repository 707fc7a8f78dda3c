//! Change proposals (issue 22, part 4): a partner proposes a change for a person
//! it follows (`POST /participants/{id}/proposals`, idempotent); staff see them
//! beside the referrals (`GET /proposals`) and accept, which carries the change
//! out in the same step, or decline (`POST /proposals/{id}/decision`); the
//! partner sees the outcome in its list and its events feed.

use crate::auth::{Caller, PartnerClient, Staff};
use crate::calendar::today;
use crate::db::read;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use crate::use_cases::proposals;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use stige_domain::ParticipantId;
use stige_wire::{ChangeProposal, NewProposal, ProposalDecision, ProposalQuery};

/// Propose a change for a person the partner follows (its link holds today):
/// extend the link's period (`until`), change the planned participation
/// (`from`, `weekdays`, `hours_per_week`), pause (`text` says why, optional
/// `planned_return`), or end (`end_reason`; `other` needs a `text`). Never health
/// details. Requires an `Idempotency-Key` header, as referrals do.
#[utoipa::path(tag = "referrals", security(("partner" = [])), request_body = NewProposal,
    params(("Idempotency-Key" = String, Header, description = "Unique per proposal; reuse it on retries")),
    responses(
    (status = 201, body = ChangeProposal),
    problem::BadRequest,
    problem::Unauthorized,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[post("/participants/{id}/proposals")]
pub async fn propose(
    state: web::Data<AppState>,
    partner: PartnerClient,
    path: web::Path<i64>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let person = ParticipantId(path.into_inner());
    let request = crate::idempotent::keyed(&req, &body)?;
    let p = partner.clone();
    let today = today();
    crate::idempotent::create(&state, partner.owner(), request, move |conn, value| {
        let input: NewProposal = crate::idempotent::body_as(value)?;
        proposals::propose(conn, &p, person, &input, today)
    })
    .await
}

/// Proposals, newest first (at most 200): staff see those for the programmes
/// whose referrals they triage, a partner its own.
#[utoipa::path(tag = "referrals", security(("staff" = []), ("partner" = [])), params(ProposalQuery), responses(
    (status = 200, body = Vec<ChangeProposal>),
    problem::BadRequest,
    problem::Unauthorized,
    problem::Forbidden,
))]
#[get("/proposals")]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<ProposalQuery>,
) -> Result<HttpResponse, ApiError> {
    let status = query.into_inner().status;
    let (list, event) = read(&state, move |conn| proposals::list(conn, &caller, status)).await?;
    // The people listed, as for the referral list.
    state.store.record_read_async(event).await?;
    Ok(HttpResponse::Ok().json(list))
}

/// Accept a proposal, which carries the change out in the same step (the link
/// extended, the planned participation changed, the person paused, or exited
/// with the outcome the reason suggests unless `outcome` says otherwise), or
/// decline it; `comment` for both sides. 409 once decided, or when the change
/// no longer fits the person's status. Admins and coordinators.
#[utoipa::path(tag = "referrals", security(("staff" = [])), request_body = ProposalDecision, responses(
    (status = 200, body = ChangeProposal),
    problem::BadRequest,
    problem::Forbidden,
    problem::NotFound,
    problem::Conflict,
    problem::ValidationFailed,
))]
#[post("/proposals/{id}/decision")]
pub async fn decide(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
    body: web::Json<ProposalDecision>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let body = body.into_inner();
    let today = today();
    super::reply::write_ok(&state, move |conn| {
        proposals::decide(conn, &staff, id, &body, today)
    })
    .await
}
