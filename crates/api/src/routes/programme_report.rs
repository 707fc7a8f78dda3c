//! `GET /reports/programme` and its CSV tables: a ladder's figures for a period,
//! optionally for one cooperation agreement (`use_cases::reports`).

use crate::auth::Caller;
use crate::db::on_store;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::report_csv;
use crate::state::AppState;
use crate::use_cases::reports;
use actix_web::{HttpResponse, get, http::header, web};
use chrono::NaiveDate;
use serde::Deserialize;
use stige_wire::{ProgrammeReport, ReportQuery, ReportTable};
use utoipa::IntoParams;

/// Builds the report off the async threads.
async fn build_off_thread(
    state: &web::Data<AppState>,
    caller: Caller,
    q: ReportQuery,
) -> Result<ProgrammeReport, ApiError> {
    on_store(&state.store, move |store, _turn| {
        reports::programme(store, &caller, &q)
    })
    .await?
}

/// A ladder's report for a period: starts, exits by outcome, throughput against
/// the annual target, the ladder as a funnel, moves and days per step,
/// attendance per step and month, goal score change and place usage. Staff,
/// viewers, and partners (for their own agreement only).
#[utoipa::path(tag = "reports", security(("staff" = []), ("partner" = [])), params(ReportQuery), responses(
    (status = 200, body = ProgrammeReport),
    problem::Unauthorized,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[get("/reports/programme")]
pub async fn programme(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<ReportQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = q.into_inner();
    let report = build_off_thread(&state, caller, q).await?;
    Ok(HttpResponse::Ok().json(report))
}

/// Which table of the programme report to export.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportCsvQuery {
    pub ladder: Option<i64>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub agreement: Option<i64>,
    /// Admins and coordinators: the report exactly as the agreement's partner
    /// gets it (needs `agreement`).
    pub as_partner: Option<bool>,
    /// summary, outcomes, months, steps, attendance, places, before_after,
    /// activities, peers or work_capacity
    #[param(inline)]
    pub table: ReportTable,
}

/// One table of the programme report as CSV (`text/csv`, UTF-8, a header row).
#[utoipa::path(tag = "reports", security(("staff" = []), ("partner" = [])), params(ReportCsvQuery), responses(
    (status = 200, content_type = "text/csv", body = String),
    problem::BadRequest,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[get("/reports/programme.csv")]
pub async fn programme_csv(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<ReportCsvQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = q.into_inner();
    let table = q.table;
    let query = ReportQuery {
        ladder: q.ladder,
        from: q.from,
        to: q.to,
        agreement: q.agreement,
        as_partner: q.as_partner,
    };
    let report = build_off_thread(&state, caller, query).await?;
    let body = report_csv::table(&report, table)?;
    Ok(csv_response(
        &format!(
            "stige-{}-{}-{}.csv",
            table.as_str(),
            report.period.from,
            report.period.to
        ),
        body,
    ))
}

pub fn csv_response(filename: &str, body: String) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{filename}\""),
        ))
        .body(body)
}
