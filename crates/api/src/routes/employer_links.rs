//! The employer's side, without an account: the token in the link is the key to one
//! placement and one purpose. Answers hold only what the employer needs; a used or
//! expired link answers 410, an unknown one 404, and failed look-ups are rate
//! limited per address.

use crate::auth::principal::peer_ip;
use crate::db::write;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use crate::use_cases::employer_answers;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use stige_wire::{
    EmployerCompletion, EmployerConfirmation, EmployerDecline, EmployerReceipt, EmployerView,
};

/// Counts an unknown token against the caller's address (in its own transaction, as
/// the request's own is rolled back), then passes the answer on.
async fn counted<T>(
    state: &web::Data<AppState>,
    ip: String,
    result: Result<T, ApiError>,
) -> Result<T, ApiError> {
    if matches!(result, Err(ApiError::NotFound)) {
        write(state, move |conn| crate::sign_in::link_failed(conn, &ip)).await?;
    }
    result
}

/// What the link is about: the placement's terms and the programme's contact.
#[utoipa::path(tag = "employer", responses(
    (status = 200, body = EmployerView),
    problem::NotFound,
    problem::Gone,
    problem::TooManyRequests,
))]
#[get("/employer/{token}")]
pub async fn show(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let token = path.into_inner();
    let ip = peer_ip(&req).unwrap_or_else(|| "unknown".into());
    let ip2 = ip.clone();
    let view = write(&state, move |conn| {
        employer_answers::show(conn, &token, &ip2)
    })
    .await;
    Ok(HttpResponse::Ok().json(counted(&state, ip, view).await?))
}

/// Confirm the placement, naming the supervisor; optionally propose another start.
#[utoipa::path(tag = "employer", request_body = EmployerConfirmation, responses(
    (status = 200, body = EmployerReceipt),
    problem::NotFound,
    problem::Conflict,
    problem::Gone,
    problem::ValidationFailed,
    problem::TooManyRequests,
))]
#[post("/employer/{token}/confirm")]
pub async fn confirm(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<String>,
    body: web::Json<EmployerConfirmation>,
) -> Result<HttpResponse, ApiError> {
    let token = path.into_inner();
    let ip = peer_ip(&req).unwrap_or_else(|| "unknown".into());
    let body = body.into_inner();
    let ip2 = ip.clone();
    let result = write(&state, move |conn| {
        let answered = employer_answers::confirm(conn, &token, &ip2, &body)?;
        employer_answers::receipt(conn, answered)
    })
    .await;
    Ok(HttpResponse::Ok().json(counted(&state, ip, result).await?))
}

/// Decline the placement, with a reason.
#[utoipa::path(tag = "employer", request_body = EmployerDecline, responses(
    (status = 200, body = EmployerReceipt),
    problem::NotFound,
    problem::Conflict,
    problem::Gone,
    problem::ValidationFailed,
    problem::TooManyRequests,
))]
#[post("/employer/{token}/decline")]
pub async fn decline(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<String>,
    body: web::Json<EmployerDecline>,
) -> Result<HttpResponse, ApiError> {
    let token = path.into_inner();
    let ip = peer_ip(&req).unwrap_or_else(|| "unknown".into());
    let reason = body.into_inner().reason;
    let ip2 = ip.clone();
    let result = write(&state, move |conn| {
        let answered = employer_answers::decline(conn, &token, &ip2, reason.as_deref())?;
        employer_answers::receipt(conn, answered)
    })
    .await;
    Ok(HttpResponse::Ok().json(counted(&state, ip, result).await?))
}

/// Report how the placement ended: completed or ended early (with a reason), and
/// short feedback: attendance, punctuality, cooperation and quality of work, 1–4.
#[utoipa::path(tag = "employer", request_body = EmployerCompletion, responses(
    (status = 200, body = EmployerReceipt),
    problem::NotFound,
    problem::Conflict,
    problem::Gone,
    problem::ValidationFailed,
    problem::TooManyRequests,
))]
#[post("/employer/{token}/complete")]
pub async fn complete(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<String>,
    body: web::Json<EmployerCompletion>,
) -> Result<HttpResponse, ApiError> {
    let token = path.into_inner();
    let ip = peer_ip(&req).unwrap_or_else(|| "unknown".into());
    let body = body.into_inner();
    let ip2 = ip.clone();
    let result = write(&state, move |conn| {
        let answered = employer_answers::complete(conn, &token, &ip2, &body)?;
        employer_answers::receipt(conn, answered)
    })
    .await;
    Ok(HttpResponse::Ok().json(counted(&state, ip, result).await?))
}
