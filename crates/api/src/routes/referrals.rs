//! Referrals: partners refer people (idempotently) and may withdraw them; staff
//! record the referrals that come by phone, letter, e-mail, at a meeting or from
//! the person themselves, and triage them all in the inbox. A partner sees only
//! its agreement's referrals.

use crate::auth::{Caller, PartnerClient, Staff};
use crate::calendar::today;
use crate::db::read;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use crate::use_cases::referral_intake::{self};
use crate::use_cases::referral_triage;
use crate::use_cases::referrals::{self as referrals_uc, shown};
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use stige_domain::ValidationErrors;
use stige_wire::{
    NewReferral, Page, Problem, RecordedReferral, Referral, ReferralQuery, TriageRequest,
};

/// Referrals, newest first. Staff (admin, coordinator) see all, partners their
/// agreement's.
#[utoipa::path(tag = "referrals", security(("staff" = []), ("partner" = [])), params(ReferralQuery), responses(
    (status = 200, body = Page<Referral>),
    problem::BadRequest,
    problem::Unauthorized,
    problem::Forbidden,
    problem::ValidationFailed,
))]
#[get("/referrals")]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<ReferralQuery>,
) -> Result<HttpResponse, ApiError> {
    let mut errors = ValidationErrors::new();
    let paging = crate::routes::paging::checked(query.page, query.per_page, &mut errors);
    let query = query.into_inner();
    let (page, event) = read(&state, move |conn| {
        referrals_uc::list(conn, &caller, &query, paging, errors)
    })
    .await?;
    state.store.record_read_async(event).await?;
    Ok(HttpResponse::Ok().json(page))
}

/// One referral.
#[utoipa::path(tag = "referrals", security(("staff" = []), ("partner" = [])), responses(
    (status = 200, body = Referral),
    problem::Unauthorized,
    problem::NotFound,
))]
#[get("/referrals/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    super::reply::write_ok(&state, move |conn| {
        referrals_uc::referral(conn, &caller, id)
    })
    .await
}

/// What a retry with the same key gets.
/// Refer a person (partner). Requires an `Idempotency-Key` header: a retry with the
/// same key and body gets the original answer, the same key with another body 422,
/// and a retry while the first is in flight 409 or the original answer; never a
/// second referral. Keys are kept for 48 hours (at least 24).
#[utoipa::path(tag = "referrals", security(("partner" = [])), request_body = NewReferral,
    params(("Idempotency-Key" = String, Header, description = "Unique per referral; reuse it on retries")),
    responses(
    (status = 201, body = Referral),
    (status = 400, body = Problem, content_type = "application/problem+json", description = "No Idempotency-Key, or a body that is not JSON"),
    problem::Unauthorized,
    (status = 409, body = Problem, content_type = "application/problem+json", description = "The agreement takes no referrals now, or the same key is in flight"),
    problem::ValidationFailed,
))]
#[post("/referrals")]
pub async fn create(
    state: web::Data<AppState>,
    partner: PartnerClient,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let request = crate::idempotent::keyed(&req, &body)?;
    let cipher = state.cipher.clone();
    let p = partner.clone();
    crate::idempotent::create(&state, partner.owner(), request, move |conn, value| {
        let input: NewReferral = crate::idempotent::body_as(value)?;
        let row = referral_intake::refer(conn, &cipher, &p, &input, today())?;
        shown(conn, row.id, false)
    })
    .await
}

/// Record a referral that came by phone, letter, e-mail or at a meeting on a
/// partner's behalf (`agreement_id`), or a self-referral to a programme
/// (`ladder_id`, no partner contact). Admins and coordinators of the programme;
/// the same checks and duplicate warning as a partner's referral, and the partner
/// sees it in its feed and list as its own. The referral remembers how it came
/// and who recorded it.
#[utoipa::path(tag = "referrals", security(("staff" = [])), request_body = RecordedReferral,
    responses(
    (status = 201, body = Referral),
    problem::BadRequest,
    problem::Unauthorized,
    problem::Forbidden,
    (status = 409, body = Problem, content_type = "application/problem+json", description = "The agreement takes no referrals now"),
    problem::ValidationFailed,
))]
#[post("/referrals/recorded")]
pub async fn record(
    state: web::Data<AppState>,
    staff: Staff,
    body: web::Json<RecordedReferral>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let cipher = state.cipher.clone();
    super::reply::write_created(&state, move |conn| {
        let row = referral_intake::record(conn, &cipher, &staff, &body, today())?;
        shown(conn, row.id, true)
    })
    .await
}

/// Withdraw a referral that is not decided yet (partner).
#[utoipa::path(tag = "referrals", security(("partner" = [])), responses(
    (status = 200, body = Referral),
    problem::Unauthorized,
    problem::NotFound,
    problem::Conflict,
))]
#[post("/referrals/{id}/withdraw")]
pub async fn withdraw(
    state: web::Data<AppState>,
    partner: PartnerClient,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    super::reply::write_ok(&state, move |conn| {
        referrals_uc::withdraw(conn, &partner, id)
    })
    .await
}

/// Triage a referral (admin, coordinator): start the assessment, accept (creates
/// the participant on the agreement's ladder, linked to the agreement), put on the
/// waiting list, or decline with a reason ("other" needs a text). Accepting may
/// also start the person in one step: `first_step_id` makes them active on that
/// step of the agreement's ladder from `start_date` (default today; not in the
/// future, not before the referral came), `mentor_id` assigns their mentor,
/// `situation_at_start` records their situation at the start.
#[utoipa::path(tag = "referrals", security(("staff" = [])), request_body = TriageRequest, responses(
    (status = 200, body = Referral),
    problem::Forbidden,
    problem::NotFound,
    problem::Conflict,
    problem::ValidationFailed,
))]
#[post("/referrals/{id}/triage")]
pub async fn triage(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
    body: web::Json<TriageRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let today = today();
    let command = referral_triage::TriageCommand::parse(&staff, body.into_inner(), today)?;
    super::reply::write_ok(&state, move |conn| {
        referral_triage::triage(conn, &staff, id, command, today)?;
        shown(conn, id, true)
    })
    .await
}
