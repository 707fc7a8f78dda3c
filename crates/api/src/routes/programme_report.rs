//! `GET /reports/programme` and its CSV tables: a ladder's figures for a period,
//! optionally for one cooperation agreement. Admins and coordinators get exact
//! figures; viewers, mentors, researchers and partners figures under disclosure
//! control (whole calendar months, counts rounded to base 5, 1 to 4 as "<5").
//! Partners only ever their own agreement, and of it only the sections their
//! agreement's scope holds, each from the people who consented to share it.

use crate::auth::Caller;
use crate::calendar::today;
use crate::db::on_store;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::report_csv;
use crate::state::AppState;
use actix_web::{HttpResponse, get, http::header, web};
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use std::collections::BTreeMap;
use stige_domain::Capability;
use stige_domain::consent::SharingCategory;
use stige_domain::partner::scope_from_text;
use stige_domain::report::build::by_category;
use stige_domain::report::{Period, PeriodError, programme_report};
use stige_domain::small_cells::Disclosure;
use stige_domain::{LadderId, ValidationErrors};
use stige_store::reports::{self, Scope};
use stige_store::row_security::RowScope;
use stige_store::{DbConnection, Store, consents, partners};
use stige_wire::{ProgrammeReport, ReportQuery, ReportTable};
use utoipa::IntoParams;

/// The report's period: by default this calendar year up to today (under
/// disclosure control up to the end of this month). Audiences under
/// disclosure control ask for whole calendar months only, so that no two of
/// their periods differ by a few days.
pub fn period(
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    disclosure: Disclosure,
) -> Result<Period, ApiError> {
    let today = today();
    let to = to.unwrap_or(match disclosure {
        Disclosure::Exact => today,
        Disclosure::Controlled => Period::month_end(today),
    });
    let from = from
        .or_else(|| NaiveDate::from_ymd_opt(to.year(), 1, 1))
        .unwrap_or(to);
    let period = Period::parse(from, to).and_then(|p| match disclosure {
        Disclosure::Exact => Ok(p),
        Disclosure::Controlled => p.whole_months(),
    });
    period.map_err(|e| {
        let mut errors = ValidationErrors::new();
        match e {
            PeriodError::EndsBeforeStart | PeriodError::TooLong => errors.add("to", e.to_string()),
            PeriodError::NotWholeMonths => {
                if from.day() != 1 {
                    errors.add(
                        "from",
                        format!("the first day of a month, e.g. {}", first_of_month(from)),
                    );
                }
                if Period::month_end(to) != to {
                    errors.add(
                        "to",
                        format!("the last day of a month, e.g. {}", Period::month_end(to)),
                    );
                }
                errors.add("period", e.to_string());
            }
        }
        ApiError::Validation(errors)
    })
}

fn first_of_month(date: NaiveDate) -> NaiveDate {
    date.with_day(1).unwrap_or(date)
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
        (None, None) => match caller {
            Caller::Staff(s) => s.reach.ladders().first().copied(),
            Caller::Partner(p) => Some(p.ladder),
        }
        .ok_or(ApiError::NotFound)?,
    };
    // A programme the staff member holds no role in is not there for them.
    if let Caller::Staff(s) = caller {
        s.works_in(ladder)?;
    }
    Ok(Scope {
        ladder: LadderId(ladder),
        agreement,
    })
}

/// How the caller sees the figures: exact for admins and coordinators, under
/// disclosure control for everyone else (viewers, mentors, researchers,
/// partners).
pub fn disclosure(caller: &Caller) -> Disclosure {
    match caller {
        Caller::Partner(_) => Disclosure::Controlled,
        // Exact only for someone who sees everyone in every programme they work in.
        Caller::Staff(s) => {
            let everywhere =
                (s.reach.programmes().iter()).all(|(_, r)| r.may(Capability::SeeAllParticipants));
            if everywhere {
                s.role.disclosure()
            } else {
                Disclosure::Controlled
            }
        }
    }
}

/// For each category the agreement's sharing scope holds, the participants of
/// `scope` (whose histories can touch `period`, when given) who consent today
/// to share it with the agreement's partner. A category outside the scope is
/// absent.
pub fn consenting_per_category(
    conn: &mut DbConnection,
    scope: Scope,
    period: Option<Period>,
) -> Result<BTreeMap<SharingCategory, Vec<i64>>, ApiError> {
    let agreement_id = scope.agreement.ok_or(ApiError::NotFound)?;
    let agreement = partners::agreement(conn, agreement_id)?.ok_or(ApiError::NotFound)?;
    let sharing = scope_from_text(&agreement.sharing_scope);
    let ids = reports::participant_ids(conn, scope, period)?;
    let ledgers = consents::ledgers(conn, agreement.partner_id, &ids)?;
    let today = today();
    Ok(sharing
        .iter()
        .map(|category| {
            let consenting = ids
                .iter()
                .copied()
                .filter(|id| {
                    ledgers
                        .iter()
                        .any(|(p, e)| p == id && e.category == *category && e.in_force(today))
                })
                .collect();
            (*category, consenting)
        })
        .collect())
}

/// The report as the agreement's partner gets it: under disclosure control,
/// each section from the people who consented to share its category, and
/// only the sections of the agreement's scope.
fn partner_report(
    store: &Store,
    scope: Scope,
    period: Period,
    rows: RowScope,
) -> Result<ProgrammeReport, ApiError> {
    let per_category = {
        let mut conn = store.conn()?;
        store.read_in(&mut conn, rows, |conn| {
            consenting_per_category(conn, scope, Some(period))
        })?
    };
    let report_of = |ids: &[i64]| -> Result<ProgrammeReport, ApiError> {
        let input = reports::report_input(store, scope, period, Some(ids), rows)?
            .ok_or(ApiError::NotFound)?;
        Ok(programme_report(&input, Disclosure::Controlled))
    };
    // One report per distinct set of people: when a person consents to every
    // category (the usual case), the categories share one computation.
    let mut by_people: BTreeMap<&[i64], ProgrammeReport> = BTreeMap::new();
    for ids in per_category.values() {
        if !by_people.contains_key(ids.as_slice()) {
            by_people.insert(ids.as_slice(), report_of(ids)?);
        }
    }
    // The period, ladder and months of any of them; none when nothing is shared.
    let base = match by_people.values().next() {
        Some(report) => report.clone(),
        None => report_of(&[])?,
    };
    Ok(by_category(&base, |c| {
        per_category
            .get(&c)
            .and_then(|ids| by_people.get(ids.as_slice()).cloned())
    }))
}

fn build(store: &Store, caller: &Caller, q: &ReportQuery) -> Result<ProgrammeReport, ApiError> {
    let as_partner = q.as_partner.unwrap_or(false);
    if as_partner {
        preview_allowed(caller, q)?;
    }
    let disclosure = if as_partner {
        Disclosure::Controlled
    } else {
        disclosure(caller)
    };
    let period = period(q.from, q.to, disclosure)?;
    let rows = caller.rows();
    let scope = {
        let mut conn = store.conn()?;
        store.read_in(&mut conn, rows, |conn| {
            scope(conn, caller, q.ladder, q.agreement)
        })?
    };
    if as_partner || matches!(caller, Caller::Partner(_)) {
        return partner_report(store, scope, period, rows);
    }
    let input =
        reports::report_input(store, scope, period, None, rows)?.ok_or(ApiError::NotFound)?;
    Ok(programme_report(&input, disclosure))
}

/// "As the partner sees it" is for admins and coordinators, on one agreement.
fn preview_allowed(caller: &Caller, q: &ReportQuery) -> Result<(), ApiError> {
    match caller {
        Caller::Staff(s) if s.role.may(Capability::SeeAllParticipants) => {}
        Caller::Staff(_) => return Err(ApiError::Forbidden),
        Caller::Partner(_) => {}
    }
    if q.agreement.is_none() && matches!(caller, Caller::Staff(_)) {
        let mut errors = ValidationErrors::new();
        errors.add(
            "agreement",
            "choose the agreement whose partner's report to show",
        );
        return Err(ApiError::Validation(errors));
    }
    Ok(())
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
