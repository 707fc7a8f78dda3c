//! Production and the enterprise's economy (issue 26, part 4):
//! `GET /ladders/{id}/production`, `PUT /ladders/{id}/workplaces/{workplace}/production/{date}`,
//! `POST /ladders/{id}/workplaces/{workplace}/production/import` (the till's
//! CSV) and the monthly report, `GET /reports/production` and its CSV.
//!
//! Production is the enterprise's own business, not personal data: changes
//! are audited in the organisation's log like the programme's set-up, and
//! partners do not see it. The report's people and hours follow the same
//! disclosure control as the programme report.

use super::programme_report::csv_response;
use crate::auth::{Caller, Staff};
use crate::calendar::today;
use crate::db::{read, write};
use crate::error::ApiError;
use crate::openapi::problem;
use crate::production_csv;
use crate::state::AppState;
use crate::use_cases::production as production_uc;
use crate::use_cases::reports::disclosure;
use actix_web::{HttpResponse, delete, get, post, put, web};
use stige_domain::ValidationErrors;
use stige_domain::production::till::MAX_BYTES;
use stige_wire::{
    ProductionDay, ProductionDayInput, ProductionLog, ProductionQuery, ProductionReport,
    ProductionReportQuery, TillImportQuery, TillImportSummary,
};

/// The programme's production in a period (by default this month): per
/// workplace, by name, its output unit and the days with figures recorded,
/// with the programme's currency. Staff of the programme who work with
/// participants or read reports; 404 for a programme the caller holds no
/// role in; 422 for a period that ends before it starts or runs over 366 days.
#[utoipa::path(tag = "production", security(("staff" = [])), params(ProductionQuery), responses(
    (status = 200, body = ProductionLog),
    problem::Forbidden,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[get("/ladders/{id}/production")]
pub async fn list(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
    query: web::Query<ProductionQuery>,
) -> Result<HttpResponse, ApiError> {
    let ladder = path.into_inner();
    let query = query.into_inner();
    let today = today();
    super::reply::read_ok(&state, move |conn| {
        production_uc::production_log(conn, &staff, ladder, &query, today)
    })
    .await
}

/// Records one workplace's day: units made (items or portions), orders,
/// customers and sales in the programme's currency, at least one of them; a
/// day recorded again is replaced (every figure). The date is today or up to
/// 400 days back. Staff who work with participants (not viewers: 403); 404
/// for a workplace of another programme; 422 naming each bad field, and
/// nothing is written. Recorded in the organisation's audit log.
#[utoipa::path(tag = "production", security(("staff" = [])), params(
    ("id" = i64, Path, description = "The ladder (programme)"),
    ("workplace" = i64, Path, description = "The workplace"),
    ("date" = String, Path, description = "The day, YYYY-MM-DD"),
), request_body = ProductionDayInput, responses(
    (status = 200, body = ProductionDay),
    problem::BadRequest,
    problem::Forbidden,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[put("/ladders/{id}/workplaces/{workplace}/production/{date}")]
pub async fn record(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i64, i64, String)>,
    body: web::Json<ProductionDayInput>,
) -> Result<HttpResponse, ApiError> {
    let (ladder, workplace, date) = path.into_inner();
    let body = body.into_inner();
    let today = today();
    super::reply::write_ok(&state, move |conn| {
        production_uc::record_day(conn, &staff, ladder, workplace, &date, &body, today)
    })
    .await
}

/// Deletes a workplace's recorded day (a day entered by mistake): 204, or
/// 404 when nothing is recorded for it (or the workplace is not the
/// programme's). Staff who work with participants; recorded in the
/// organisation's audit log.
#[utoipa::path(tag = "production", security(("staff" = [])), params(
    ("id" = i64, Path, description = "The ladder (programme)"),
    ("workplace" = i64, Path, description = "The workplace"),
    ("date" = String, Path, description = "The day, YYYY-MM-DD"),
), responses(
    (status = 204),
    problem::Forbidden,
    problem::NotFound,
))]
#[delete("/ladders/{id}/workplaces/{workplace}/production/{date}")]
pub async fn delete(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i64, i64, String)>,
) -> Result<HttpResponse, ApiError> {
    let (ladder, workplace, date) = path.into_inner();
    write(&state, move |conn| {
        production_uc::delete_day(conn, &staff, ladder, workplace, &date)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Imports the till's CSV export (`text/csv`, at most 1 MB, UTF-8 or
/// Windows-1252) for one workplace: each day's sales, and its customers and
/// orders where the file has them; units entered by hand are kept. The first
/// line names the columns (date|dato|datum and amount|sales|total|sum|beløp|
/// belopp|omsetning|försäljning; optionally customers|receipts|kunder|
/// kvitteringer|kvitton and orders|bestillinger|beställningar), separated by
/// `;`, `,` or tabs; dates YYYY-MM-DD or DD.MM.YYYY; amounts with a decimal
/// comma or point; several lines of one date (a list of transactions) are
/// added up. With `dry_run=true` nothing is written and the answer shows what
/// would be (the preview). Any bad line answers 422 naming
/// `lines[n].column` by its line number in the file, and nothing is
/// written. Staff who work with participants; audited.
#[utoipa::path(tag = "production", security(("staff" = [])), params(
    ("id" = i64, Path, description = "The ladder (programme)"),
    ("workplace" = i64, Path, description = "The workplace"),
    TillImportQuery,
), request_body(content = String, content_type = "text/csv", description = "The till's CSV export"), responses(
    (status = 200, body = TillImportSummary),
    problem::BadRequest,
    problem::Forbidden,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[post("/ladders/{id}/workplaces/{workplace}/production/import")]
pub async fn import(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i64, i64)>,
    query: web::Query<TillImportQuery>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let (ladder, workplace) = path.into_inner();
    // Who may not import is refused before the file is read; an error
    // reading it is answered by the use case.
    production_uc::may_record(&staff, ladder)?;
    let file = match payload.to_bytes_limited(MAX_BYTES).await {
        Ok(Ok(bytes)) => Ok(bytes.to_vec()),
        Ok(Err(e)) => Err(ApiError::BadRequest(format!(
            "The file could not be read: {e}"
        ))),
        Err(_) => {
            let mut errors = ValidationErrors::new();
            errors.add(
                "file",
                format!("must be at most {} MB", MAX_BYTES / 1_000_000),
            );
            Err(ApiError::Validation(errors))
        }
    };
    let dry_run = query.dry_run.unwrap_or(false);
    let today = today();
    let import = move |conn: &mut _| {
        production_uc::import_till(conn, &staff, ladder, workplace, file, dry_run, today)
    };
    let answer = if dry_run {
        read(&state, import).await?
    } else {
        write(&state, import).await?
    };
    Ok(HttpResponse::Ok().json(answer))
}

/// The report as `caller` may see it: staff of the programme only.
async fn build(
    state: &web::Data<AppState>,
    caller: Caller,
    q: ProductionReportQuery,
) -> Result<ProductionReport, ApiError> {
    let disclosure = disclosure(&caller);
    // Production is the enterprise's own business: not there for partners.
    let Caller::Staff(staff) = caller else {
        return Err(ApiError::NotFound);
    };
    let today = today();
    read(state, move |conn| {
        production_uc::production_report(conn, &staff, disclosure, &q, today)
    })
    .await
}

/// The monthly production report for the steering group (by default last
/// month): per workplace the output (items or portions), orders, customers,
/// sales in the programme's currency and the participant hours behind them
/// (a day's hours split equally among the workplaces of its tasks; days
/// without a task as other work), the totals, and the trend of the twelve
/// months ending with the month. Exact for admins and coordinators; for
/// viewers, mentors and researchers people are rounded to base 5 (1 to 4 as
/// "<5") and hours left out where fewer than five people are behind them.
/// Staff of the programme; partners and other organisations get 404.
#[utoipa::path(tag = "production", security(("staff" = [])), params(ProductionReportQuery), responses(
    (status = 200, body = ProductionReport),
    problem::Forbidden,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[get("/reports/production")]
pub async fn production_report(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<ProductionReportQuery>,
) -> Result<HttpResponse, ApiError> {
    let report = build(&state, caller, q.into_inner()).await?;
    Ok(HttpResponse::Ok().json(report))
}

/// The production report as CSV (`text/csv`, UTF-8, a header row): one row
/// per month of the trend and workplace, other work and the total; "<5"
/// where people are suppressed, empty where hours are left out.
#[utoipa::path(tag = "production", security(("staff" = [])), params(ProductionReportQuery), responses(
    (status = 200, content_type = "text/csv", body = String),
    problem::Forbidden,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[get("/reports/production.csv")]
pub async fn production_report_csv(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<ProductionReportQuery>,
) -> Result<HttpResponse, ApiError> {
    let report = build(&state, caller, q.into_inner()).await?;
    let body = production_csv::table(&report)?;
    Ok(csv_response(
        &format!("stige-production-{}.csv", report.month),
        body,
    ))
}
