//! The employer's side, without an account: the token in the link is the key to one
//! placement and one purpose. Answers hold only what the employer needs; a used or
//! expired link answers 410, an unknown one 404, and failed look-ups are rate
//! limited per address.

use crate::auth::principal::peer_ip;
use crate::db::write;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use crate::use_cases::employer_answers::{self, Answered};
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use stige_domain::UserId;
use stige_domain::placement::Language;
use stige_store::invitations::InvitationRow;
use stige_store::placements::{self, PlacementListed};
use stige_store::{DbConnection, users};
use stige_wire::{
    Contact, EmployerCompletion, EmployerConfirmation, EmployerDecline, EmployerReceipt,
    EmployerView,
};

/// The programme's contact: the staff member who sent the invitation.
fn programme_contact(conn: &mut DbConnection, by: i64) -> Result<Contact, ApiError> {
    let name = users::by_id(conn, UserId(by))?
        .map(|u| u.display_name)
        .unwrap_or_default();
    Ok(Contact {
        name,
        phone: String::new(),
        email: String::new(),
    })
}

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

fn view(
    conn: &mut DbConnection,
    i: &InvitationRow,
    p: &PlacementListed,
) -> Result<EmployerView, ApiError> {
    let language = placements::employer(conn, p.placement.employer_id)?
        .map(|e| e.language)
        .unwrap_or(Language::En);
    Ok(EmployerView {
        purpose: i.purpose,
        language,
        employer_name: p.employer_name.clone(),
        participant_name: format!("{} {}", p.given_name, p.family_name),
        kind: p.placement.kind,
        role: p.placement.role.clone(),
        tasks: p.placement.tasks.clone(),
        start_date: p.placement.start_date,
        end_date: p.placement.end_date,
        hours_per_week: i64::from(p.placement.hours_per_week),
        programme_contact: programme_contact(conn, i.created_by)?,
    })
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
        let (i, p) = employer_answers::show(conn, &token, &ip2)?;
        view(conn, &i, &p)
    })
    .await;
    Ok(HttpResponse::Ok().json(counted(&state, ip, view).await?))
}

fn receipt(conn: &mut DbConnection, answered: Answered) -> Result<EmployerReceipt, ApiError> {
    Ok(EmployerReceipt {
        status: answered.status,
        programme_contact: programme_contact(conn, answered.invited_by)?,
    })
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
        receipt(conn, answered)
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
        receipt(conn, answered)
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
        receipt(conn, answered)
    })
    .await;
    Ok(HttpResponse::Ok().json(counted(&state, ip, result).await?))
}
