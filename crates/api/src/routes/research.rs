//! Research: the anonymised participant-level extract, and each participant's
//! consent to research (`use_cases::research`).

use super::programme_report::csv_response;
use crate::auth::Staff;
use crate::calendar::today;
use crate::db::write;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::report_csv;
use crate::state::AppState;
use crate::use_cases::research;
use actix_web::{HttpResponse, get, put, web};
use stige_domain::ParticipantId;
use stige_wire::{ReportQuery, ResearchConsent, ResearchConsentChange, ResearchExtract};

/// The anonymised participant-level extract for research: only participants
/// whose consent to research is in force, each under a random pseudonym that
/// changes with every extract; no names, identity numbers or free text; and
/// k-anonymous: ages, dates and days per step are generalised until every
/// combination of them is shared by at least `k` (5) records, and the rest are
/// suppressed (counted in `suppressed_records`). Admins and researchers only;
/// every extract is audited with its parameters.
#[utoipa::path(tag = "reports", security(("staff" = [])), params(ReportQuery), responses(
    (status = 200, body = ResearchExtract),
    problem::Forbidden,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[get("/reports/research-extract")]
pub async fn research_extract(
    state: web::Data<AppState>,
    staff: Staff,
    q: web::Query<ReportQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = q.into_inner();
    super::reply::write_ok(&state, move |conn| {
        research::extract(conn, &staff, &q, "json")
    })
    .await
}

/// The research extract as CSV: one row per record, one `days_step_N` column
/// per step of the ladder.
#[utoipa::path(tag = "reports", security(("staff" = [])), params(ReportQuery), responses(
    (status = 200, content_type = "text/csv", body = String),
    problem::Forbidden,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[get("/reports/research-extract.csv")]
pub async fn research_extract_csv(
    state: web::Data<AppState>,
    staff: Staff,
    q: web::Query<ReportQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = q.into_inner();
    let extract = write(&state, move |conn| {
        research::extract(conn, &staff, &q, "csv")
    })
    .await?;
    let body = report_csv::research(&extract)?;
    Ok(csv_response(
        &format!(
            "stige-research-{}-{}.csv",
            extract.period.from, extract.period.to
        ),
        body,
    ))
}

/// The participant's consent to research.
#[utoipa::path(tag = "consents", security(("staff" = [])), responses(
    (status = 200, body = ResearchConsent),
    problem::NotFound,
))]
#[get("/participants/{id}/research-consent")]
pub async fn get_consent(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = ParticipantId(path.into_inner());
    super::reply::write_ok(&state, move |conn| research::consent(conn, &staff, id)).await
}

/// Record that the participant gave (`given: true`) or revoked (`given: false`)
/// consent to research. Revocation takes them out of every later extract.
#[utoipa::path(tag = "consents", security(("staff" = [])), request_body = ResearchConsentChange, responses(
    (status = 200, body = ResearchConsent),
    problem::NotFound,
    problem::Conflict,
    problem::ValidationFailed,
))]
#[put("/participants/{id}/research-consent")]
pub async fn set_consent(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
    body: web::Json<ResearchConsentChange>,
) -> Result<HttpResponse, ApiError> {
    let id = ParticipantId(path.into_inner());
    let body = body.into_inner();
    let today = today();
    super::reply::write_ok(&state, move |conn| {
        research::set_consent(conn, &staff, id, &body, today)
    })
    .await
}
