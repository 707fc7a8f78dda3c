//! `GET /reports/organisation`: the caller's organisation across all its
//! programmes for a period, for staff who hold a role in every one of them.
//! Each programme's report as `GET /reports/programme` gives it, and the
//! figures that add up across ladders counted once. The same disclosure
//! control as the programme report: exact only for those who see every
//! participant in every programme.

use crate::auth::{Caller, Staff};
use crate::db::on_store;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::routes::programme_report::{disclosure, period};
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use stige_domain::LadderId;
use stige_domain::report::organisation_report;
use stige_store::reports::{self, Scope};
use stige_store::row_security::RowScope;
use stige_store::{Store, organisations};
use stige_wire::{OrganisationReport, OrganisationReportQuery};

fn build(
    store: &Store,
    staff: &Staff,
    q: &OrganisationReportQuery,
) -> Result<OrganisationReport, ApiError> {
    let organisation = staff.organisation()?;
    let disclosure = disclosure(&Caller::Staff(staff.clone()));
    let period = period(q.from, q.to, disclosure)?;
    let rows = RowScope::Organisation(Some(organisation.0));
    let (name, ladders) = {
        let mut conn = store.conn()?;
        store.read_in(&mut conn, rows, |conn| -> Result<_, ApiError> {
            let row = organisations::get(conn, organisation.0)?.ok_or(ApiError::NotFound)?;
            Ok((row.name, organisations::ladder_ids(conn, organisation.0)?))
        })?
    };
    let ladders: Vec<LadderId> = ladders.into_iter().map(LadderId).collect();
    // Figures across programmes only for someone who works in all of them.
    if !staff.reach.works_in_all(&ladders) {
        return Err(ApiError::Forbidden);
    }
    let mut inputs = Vec::with_capacity(ladders.len());
    for ladder in ladders {
        let scope = Scope {
            ladder,
            agreement: None,
        };
        if let Some(input) = reports::report_input(store, scope, period, None, rows)? {
            inputs.push(input);
        }
    }
    Ok(organisation_report(
        organisation,
        &name,
        period,
        &inputs,
        disclosure,
    ))
}

/// Every programme of the caller's organisation for a period, with totals of
/// starts, exits by outcome, throughput against the sum of the annual targets,
/// and months. Staff who hold a role in every programme of the organisation
/// (403 otherwise); a platform admin has no organisation (404).
#[utoipa::path(tag = "reports", security(("staff" = [])), params(OrganisationReportQuery), responses(
    (status = 200, body = OrganisationReport),
    problem::Unauthorized,
    problem::Forbidden,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[get("/reports/organisation")]
pub async fn report(
    state: web::Data<AppState>,
    staff: Staff,
    q: web::Query<OrganisationReportQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = q.into_inner();
    let report = on_store(&state.store, move |store, _turn| build(store, &staff, &q)).await??;
    Ok(HttpResponse::Ok().json(report))
}
