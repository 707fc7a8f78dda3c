//! Production and the enterprise's economy (issue 26, part 4):
//! `GET /ladders/{id}/production`, `PUT /ladders/{id}/workplaces/{workplace}/production/{date}`,
//! `POST /ladders/{id}/workplaces/{workplace}/production/import` (the till's
//! CSV) and the monthly report, `GET /reports/production` and its CSV.
//!
//! Production is the enterprise's own business, not personal data: changes
//! are audited in the organisation's log like the programme's set-up, and
//! partners do not see it. The report's people and hours follow the same
//! disclosure control as the programme report.

use super::programme_report::{csv_response, disclosure};
use crate::auth::{Caller, Staff};
use crate::calendar::today;
use crate::db::{read, write};
use crate::error::ApiError;
use crate::openapi::problem;
use crate::production_csv;
use crate::state::AppState;
use actix_web::{HttpResponse, delete, get, post, put, web};
use chrono::{Datelike, Months, NaiveDate};
use stige_domain::AuditAction;
use stige_domain::production::report::{self, ProductionInput, WorkplaceInfo};
use stige_domain::production::till::{self, MAX_BYTES, TillFile};
use stige_domain::production::{self as production, Currency, OutputUnit, ProductionSource};
use stige_domain::report::Month;
use stige_domain::{Capability, LadderId, ValidationErrors};
use stige_store::DbConnection;
use stige_store::production::{self as store, ProductionDayRow};
use stige_wire::{
    ProductionDay, ProductionDayInput, ProductionLog, ProductionQuery, ProductionReport,
    ProductionReportQuery, TillDayTotal, TillImportQuery, TillImportSummary, WorkplaceProduction,
};

/// The longest period `GET /ladders/{id}/production` answers, in days.
const MAX_PERIOD_DAYS: i64 = 366;

/// 404 unless the staff member works in `ladder`; 403 unless their role
/// there has one of `capabilities`.
fn allowed(staff: &Staff, ladder: i64, capabilities: &[Capability]) -> Result<(), ApiError> {
    let role = staff.works_in(ladder)?;
    if capabilities.iter().any(|c| role.may(*c)) {
        Ok(())
    } else {
        Err(ApiError::Forbidden)
    }
}

fn invalid(field: &str, message: impl Into<String>) -> ApiError {
    let mut errors = ValidationErrors::new();
    errors.add(field, message);
    ApiError::Validation(errors)
}

/// The programme's currency, from its organisation's country.
fn currency(conn: &mut DbConnection, ladder: i64) -> Result<Currency, ApiError> {
    Ok(Currency::of(stige_store::outcomes::country_of_ladder(
        conn, ladder,
    )?))
}

fn day_view(row: &ProductionDayRow) -> ProductionDay {
    ProductionDay {
        workplace_id: row.workplace_id,
        date: row.day,
        units: row.units(),
        orders: row.orders(),
        customers: row.customers(),
        sales: row.sales_minor.map(production::amount_of),
        source: ProductionSource::parse(&row.source).unwrap_or(ProductionSource::Entered),
        recorded_at: row.recorded_at,
    }
}

fn first_of_month(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

fn last_of_month(day: NaiveDate) -> NaiveDate {
    report::month_days(Month::of(day)).1
}

/// The period asked for: by default this month; at most [`MAX_PERIOD_DAYS`].
fn period(
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<(NaiveDate, NaiveDate), ApiError> {
    let from = from.unwrap_or_else(|| first_of_month(to.unwrap_or_else(today)));
    let to = to.unwrap_or_else(|| last_of_month(from));
    if to < from {
        return Err(invalid("to", "the period ends before it starts"));
    }
    if (to - from).num_days() > MAX_PERIOD_DAYS {
        return Err(invalid(
            "to",
            format!("must be at most {MAX_PERIOD_DAYS} days ahead"),
        ));
    }
    Ok((from, to))
}

fn load(
    conn: &mut DbConnection,
    ladder: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<ProductionLog, ApiError> {
    let places = super::workplaces::workplaces_of(conn, &[ladder])?;
    let rows = store::days_of_ladder(conn, ladder, from, to)?;
    Ok(ProductionLog {
        ladder_id: LadderId(ladder),
        from,
        to,
        currency: currency(conn, ladder)?,
        workplaces: places
            .into_iter()
            .map(|w| WorkplaceProduction {
                days: (rows.iter())
                    .filter(|r| r.workplace_id == w.id)
                    .map(day_view)
                    .collect(),
                workplace_id: w.id,
                name: w.name,
                output_unit: w.output_unit,
            })
            .collect(),
    })
}

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
    allowed(
        &staff,
        ladder,
        &[Capability::WorkWithParticipants, Capability::ReadReports],
    )?;
    let (from, to) = period(query.from, query.to)?;
    let log = read(&state, move |conn| load(conn, ladder, from, to)).await?;
    Ok(HttpResponse::Ok().json(log))
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
    allowed(&staff, ladder, &[Capability::WorkWithParticipants])?;
    let body = body.into_inner();
    let today = today();
    let day = write(&state, move |conn| {
        stige_store::work_log::workplace(conn, ladder, workplace)?.ok_or(ApiError::NotFound)?;
        let mut errors = ValidationErrors::new();
        let date = match date.parse::<NaiveDate>() {
            Ok(d) => errors
                .collect("date", production::check_date(d, today))
                .map(|_| d),
            Err(_) => {
                errors.add("date", "is not a plausible date");
                None
            }
        };
        let figures = production::parse_day(body.units, body.orders, body.customers, body.sales);
        if let Err(e) = &figures {
            errors.0.extend(e.0.iter().cloned());
        }
        let (Some(date), Ok(figures)) = (date, figures) else {
            return Err(errors.into());
        };
        let now = chrono::Utc::now().naive_utc();
        let replaced = store::record_day(conn, workplace, date, &figures, staff.id, now)?;
        crate::setup_audit::record(
            conn,
            &staff,
            if replaced {
                AuditAction::ProductionCorrect
            } else {
                AuditAction::ProductionRecord
            },
            format!("ladder={ladder} workplace={workplace} date={date}"),
        )?;
        let row = store::day(conn, workplace, date)?.ok_or(ApiError::NotFound)?;
        Ok(day_view(&row))
    })
    .await?;
    Ok(HttpResponse::Ok().json(day))
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
    allowed(&staff, ladder, &[Capability::WorkWithParticipants])?;
    // A path that names no date names no recorded day.
    let date = date.parse::<NaiveDate>().map_err(|_| ApiError::NotFound)?;
    write(&state, move |conn| {
        stige_store::work_log::workplace(conn, ladder, workplace)?.ok_or(ApiError::NotFound)?;
        if !store::delete_day(conn, workplace, date)? {
            return Err(ApiError::NotFound);
        }
        crate::setup_audit::record(
            conn,
            &staff,
            AuditAction::ProductionDelete,
            format!("ladder={ladder} workplace={workplace} date={date}"),
        )
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// What an import of `file` writes, beside what is recorded now.
fn summary(
    conn: &mut DbConnection,
    ladder: i64,
    workplace: i64,
    file: &TillFile,
    imported: bool,
) -> Result<TillImportSummary, ApiError> {
    let first = file.days.first().map(|d| d.day);
    let last = file.days.last().map(|d| d.day);
    let before: Vec<ProductionDayRow> = match (first, last) {
        (Some(f), Some(l)) => store::days_of_ladder(conn, ladder, f, l)?
            .into_iter()
            .filter(|r| r.workplace_id == workplace)
            .collect(),
        _ => Vec::new(),
    };
    let totals = (file.days.iter())
        .map(|d| {
            let earlier = before.iter().find(|r| r.day == d.day);
            TillDayTotal {
                date: d.day,
                sales: production::amount_of(d.sales_minor),
                customers: d.customers,
                orders: d.orders,
                lines: d.lines,
                recorded_before: earlier.is_some(),
                sales_before: earlier
                    .and_then(|r| r.sales_minor)
                    .map(production::amount_of),
            }
        })
        .collect();
    Ok(TillImportSummary {
        days: u32::try_from(file.days.len()).unwrap_or(u32::MAX),
        first,
        last,
        sales_total: production::amount_of(file.days.iter().map(|d| d.sales_minor).sum()),
        currency: currency(conn, ladder)?,
        imported,
        lines: file.lines,
        totals,
    })
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
    allowed(&staff, ladder, &[Capability::WorkWithParticipants])?;
    let bytes = match payload.to_bytes_limited(MAX_BYTES).await {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(e)) => {
            return Err(ApiError::BadRequest(format!(
                "The file could not be read: {e}"
            )));
        }
        Err(_) => {
            return Err(invalid(
                "file",
                format!("must be at most {} MB", MAX_BYTES / 1_000_000),
            ));
        }
    };
    let text = till::decode(&bytes);
    let today = today();
    let parse = move |conn: &mut DbConnection| -> Result<TillFile, ApiError> {
        stige_store::work_log::workplace(conn, ladder, workplace)?.ok_or(ApiError::NotFound)?;
        Ok(till::parse_till(&text, today)?)
    };
    let answer = if query.dry_run.unwrap_or(false) {
        read(&state, move |conn| {
            let file = parse(conn)?;
            summary(conn, ladder, workplace, &file, false)
        })
        .await?
    } else {
        write(&state, move |conn| {
            let file = parse(conn)?;
            let answer = summary(conn, ladder, workplace, &file, true)?;
            let now = chrono::Utc::now().naive_utc();
            let replaced = store::import_till(conn, workplace, &file.days, staff.id, now)?;
            crate::setup_audit::record(
                conn,
                &staff,
                AuditAction::ProductionImport,
                format!(
                    "ladder={ladder} workplace={workplace} days={} replaced={replaced} first={} last={}",
                    answer.days,
                    answer.first.map(|d| d.to_string()).unwrap_or_default(),
                    answer.last.map(|d| d.to_string()).unwrap_or_default(),
                ),
            )?;
            Ok(answer)
        })
        .await?
    };
    Ok(HttpResponse::Ok().json(answer))
}

/// The month asked for (`YYYY-MM`), by default last month; not ahead of this one.
fn month(asked: Option<&str>) -> Result<Month, ApiError> {
    let today = today();
    let month = match asked {
        Some(text) => {
            Month::parse(text.trim()).ok_or_else(|| invalid("month", "is not a month (YYYY-MM)"))?
        }
        None => Month::of(
            first_of_month(today)
                .checked_sub_months(Months::new(1))
                .unwrap_or(today),
        ),
    };
    if !report::has_begun(month, today) {
        return Err(invalid("month", "must not be in the future"));
    }
    Ok(month)
}

/// Everything the report of `ladder` and `month` is computed from.
fn input(conn: &mut DbConnection, ladder: i64, month: Month) -> Result<ProductionInput, ApiError> {
    let ladder_name = store::ladder_name(conn, ladder)?.ok_or(ApiError::NotFound)?;
    let (from, to) = report::trend_days(month);
    let workplaces = stige_store::work_log::workplaces_of(conn, &[ladder])?
        .into_iter()
        .map(|(w, _)| WorkplaceInfo {
            id: w.id,
            output_unit: OutputUnit::parse(&w.output_unit).unwrap_or_default(),
            name: w.name,
        })
        .collect();
    Ok(ProductionInput {
        month,
        ladder: LadderId(ladder),
        ladder_name,
        currency: currency(conn, ladder)?,
        workplaces,
        produced: (store::days_of_ladder(conn, ladder, from, to)?.iter())
            .map(ProductionDayRow::produced)
            .collect(),
        worked: store::worked(conn, ladder, from, to)?,
    })
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
    staff.require_that(Capability::ReadReports)?;
    let month = month(q.month.as_deref())?;
    let ladder = match q.ladder {
        Some(l) => l,
        None => *staff.reach.ladders().first().ok_or(ApiError::NotFound)?,
    };
    allowed(&staff, ladder, &[Capability::ReadReports])?;
    read(state, move |conn| {
        let input = input(conn, ladder, month)?;
        Ok(report::production_report(&input, disclosure))
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
