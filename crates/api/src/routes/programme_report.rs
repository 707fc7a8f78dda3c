//! `GET /reports/programme` and its CSV tables: a ladder's figures for a period,
//! optionally for one cooperation agreement. Viewers, mentors and partners get
//! counts from 1 to 4 as "<5"; partners only ever their own agreement.

use crate::auth::Caller;
use crate::error::ApiError;
use crate::report_csv;
use crate::routes::{on_store, today};
use crate::state::AppState;
use actix_web::{HttpResponse, get, http::header, web};
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use stige_client::{Problem, ProgrammeReport, ReportQuery, ReportTable};
use stige_domain::report::{Period, PeriodError, programme_report};
use stige_domain::{LadderId, Role, ValidationErrors};
use stige_store::reports::{self, Scope};
use stige_store::{DbConnection, Store, ladders, partners};
use utoipa::IntoParams;

/// The report's period: by default this calendar year up to today.
pub fn period(from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<Period, ApiError> {
    let today = today();
    let to = to.unwrap_or(today);
    let from = from
        .or_else(|| NaiveDate::from_ymd_opt(to.year(), 1, 1))
        .unwrap_or(to);
    Period::parse(from, to).map_err(|e| {
        let mut errors = ValidationErrors::new();
        let field = match e {
            PeriodError::EndsBeforeStart | PeriodError::TooLong => "to",
        };
        errors.add(field, e.to_string());
        ApiError::Validation(errors)
    })
}

/// Which ladder and agreement the caller asks for and may see.
pub fn scope(
    conn: &mut DbConnection,
    caller: &Caller,
    ladder: Option<i64>,
    agreement: Option<i64>,
) -> Result<Scope, ApiError> {
    let agreement = match caller {
        Caller::Partner(p) => match agreement {
            Some(a) if a != p.agreement => return Err(ApiError::NotFound),
            _ => Some(p.agreement),
        },
        Caller::Staff(_) => agreement,
    };
    let agreement_ladder = match agreement {
        Some(a) => Some(
            partners::agreement(conn, a)?
                .ok_or(ApiError::NotFound)?
                .ladder_id,
        ),
        None => None,
    };
    let ladder = match (ladder, agreement_ladder) {
        (Some(l), Some(al)) if l != al => return Err(ApiError::NotFound),
        (Some(l), _) => l,
        (None, Some(al)) => al,
        (None, None) => ladders::list(conn)?
            .first()
            .map(|(l, _)| l.id)
            .ok_or(ApiError::NotFound)?,
    };
    Ok(Scope {
        ladder: LadderId(ladder),
        agreement,
    })
}

/// Whether the caller sees small cells suppressed.
pub fn suppressed(caller: &Caller) -> bool {
    match caller {
        Caller::Partner(_) => true,
        Caller::Staff(s) => matches!(s.role, Role::Viewer | Role::Mentor),
    }
}

fn build(store: &Store, caller: &Caller, q: &ReportQuery) -> Result<ProgrammeReport, ApiError> {
    let period = period(q.from, q.to)?;
    let scope = {
        let mut conn = store.conn()?;
        scope(&mut conn, caller, q.ladder, q.agreement)?
    };
    let input = reports::report_input(store, scope, period)?.ok_or(ApiError::NotFound)?;
    Ok(programme_report(&input, suppressed(caller)))
}

/// Builds the report off the async threads.
async fn build_off_thread(
    state: &web::Data<AppState>,
    caller: Caller,
    q: ReportQuery,
) -> Result<ProgrammeReport, ApiError> {
    on_store(&state.store, move |store, _turn| build(store, &caller, &q)).await?
}

/// A ladder's report for a period: starts, exits by outcome, throughput against
/// the annual target, the ladder as a funnel, moves and days per step,
/// attendance per step and month, goal score change and place usage. Staff,
/// viewers, and partners (for their own agreement only).
#[utoipa::path(tag = "reports", security(("staff" = []), ("partner" = [])), params(ReportQuery), responses(
    (status = 200, body = ProgrammeReport),
    (status = 401, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
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
    /// summary, outcomes, months, steps, attendance or places
    #[param(inline)]
    pub table: ReportTable,
}

/// One table of the programme report as CSV (`text/csv`, UTF-8, a header row).
#[utoipa::path(tag = "reports", security(("staff" = []), ("partner" = [])), params(ReportCsvQuery), responses(
    (status = 200, content_type = "text/csv", body = String),
    (status = 400, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
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
