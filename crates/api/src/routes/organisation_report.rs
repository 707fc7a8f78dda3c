//! `GET /reports/organisation`: the caller's organisation across all its
//! programmes for a period, for staff who hold a role in every one of them.
//! Each programme's report as `GET /reports/programme` gives it, and the
//! figures that add up across ladders counted once. The same disclosure
//! control as the programme report: exact only for those who see every
//! participant in every programme.

use crate::auth::Staff;
use crate::db::on_store;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use crate::use_cases::reports;
use actix_web::{HttpResponse, get, web};
use stige_wire::{OrganisationReport, OrganisationReportQuery};

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
    let report = on_store(&state.store, move |store, _turn| {
        reports::organisation(store, &staff, &q)
    })
    .await??;
    Ok(HttpResponse::Ok().json(report))
}
