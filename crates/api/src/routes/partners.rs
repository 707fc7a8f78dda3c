//! Partners and their cooperation agreements (staff). Admins change them;
//! coordinators read them.

use crate::auth::Staff;
use crate::calendar::today;
use crate::conditional::{if_match, with_etag};
use crate::db::{read, write};
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use crate::use_cases::agreements as agreements_uc;
use crate::use_cases::partners as partners_uc;
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use stige_wire::{Agreement, AgreementInput, Partner, PartnerInput};

/// All partners, by name.
#[utoipa::path(tag = "partners", security(("staff" = [])), responses(
    (status = 200, body = Vec<Partner>),
    problem::Forbidden,
))]
#[get("/partners")]
pub async fn list(state: web::Data<AppState>, staff: Staff) -> Result<HttpResponse, ApiError> {
    super::reply::read_ok(&state, move |conn| partners_uc::partners(conn, &staff)).await
}

/// Register a partner (admin).
#[utoipa::path(tag = "partners", security(("staff" = [])), request_body = PartnerInput, responses(
    (status = 201, body = Partner),
    problem::Forbidden,
    problem::ValidationFailed,
))]
#[post("/partners")]
pub async fn create(
    state: web::Data<AppState>,
    staff: Staff,
    body: web::Json<PartnerInput>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    super::reply::write_created(&state, move |conn| {
        partners_uc::register_partner(conn, &staff, &body)
    })
    .await
}

/// Change a partner (admin).
#[utoipa::path(tag = "partners", security(("staff" = [])), request_body = PartnerInput, responses(
    (status = 200, body = Partner),
    problem::Forbidden,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[put("/partners/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
    body: web::Json<PartnerInput>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let body = body.into_inner();
    super::reply::write_ok(&state, move |conn| {
        partners_uc::change_partner(conn, &staff, id, &body)
    })
    .await
}

/// Cooperation agreements with their place usage.
#[utoipa::path(tag = "partners", security(("staff" = [])), responses(
    (status = 200, body = Vec<Agreement>),
    problem::Forbidden,
))]
#[get("/agreements")]
pub async fn list_agreements(
    state: web::Data<AppState>,
    staff: Staff,
) -> Result<HttpResponse, ApiError> {
    let today = today();
    super::reply::read_ok(&state, move |conn| {
        agreements_uc::agreements(conn, &staff, today)
    })
    .await
}

/// One agreement.
#[utoipa::path(tag = "partners", security(("staff" = [])), responses(
    (status = 200, body = Agreement, headers(("ETag" = String, description = "The version, for If-Match"))),
    problem::Forbidden,
    problem::NotFound,
))]
#[get("/agreements/{id}")]
pub async fn get_agreement(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let today = today();
    let agreement = read(&state, move |conn| {
        agreements_uc::agreement(conn, &staff, id, today)
    })
    .await?;
    Ok(with_etag(HttpResponse::Ok(), agreement.version, &agreement))
}

/// Make a cooperation agreement with a partner on a ladder (admin).
#[utoipa::path(tag = "partners", security(("staff" = [])), request_body = AgreementInput, responses(
    (status = 201, body = Agreement, headers(("ETag" = String, description = "The version, for If-Match"))),
    problem::Forbidden,
    problem::ValidationFailed,
))]
#[post("/agreements")]
pub async fn create_agreement(
    state: web::Data<AppState>,
    staff: Staff,
    body: web::Json<AgreementInput>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let today = today();
    let agreement = write(&state, move |conn| {
        agreements_uc::make_agreement(conn, &staff, &body, today)
    })
    .await?;
    Ok(with_etag(
        HttpResponse::Created(),
        agreement.version,
        &agreement,
    ))
}

/// Change an agreement's period, places, scope or contacts (admin). Narrowing the
/// scope applies to partners' next read.
/// Send the `ETag` you read as `If-Match`: a stale one gets 412, none gets 428.
#[utoipa::path(tag = "partners", security(("staff" = [])), request_body = AgreementInput,
    params(("If-Match" = String, Header, description = "The ETag from the last read")),
    responses(
    (status = 200, body = Agreement, headers(("ETag" = String, description = "The new version"))),
    problem::Forbidden,
    problem::NotFound,
    problem::PreconditionFailed,
    problem::ValidationFailed,
    problem::PreconditionRequired,
))]
#[put("/agreements/{id}")]
pub async fn update_agreement(
    state: web::Data<AppState>,
    staff: Staff,
    req: HttpRequest,
    path: web::Path<i64>,
    body: web::Json<AgreementInput>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let expected = if_match(&req);
    let body = body.into_inner();
    let today = today();
    let agreement = write(&state, move |conn| {
        agreements_uc::change_agreement(conn, &staff, id, expected, &body, today)
    })
    .await?;
    Ok(with_etag(HttpResponse::Ok(), agreement.version, &agreement))
}
