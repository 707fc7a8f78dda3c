//! `GET /agreements/{id}/report`: places, starts, exits, people per step and time
//! to the first step up, exact for admins and coordinators and under
//! disclosure control for everyone else (`use_cases::reports::agreement`).

use crate::auth::Caller;
use crate::calendar::today;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use crate::use_cases::reports;
use actix_web::{HttpResponse, get, web};
use stige_wire::AgreementReport;

/// The agreement's report, for staff (admin, coordinator exact; viewer and
/// researcher under disclosure control) and for the agreement's own partner
/// (under disclosure control, only the sections of the agreement's scope, each
/// from the people who consented to share it); anyone else gets 404.
#[utoipa::path(tag = "partners", security(("staff" = []), ("partner" = [])), responses(
    (status = 200, body = AgreementReport),
    problem::Unauthorized,
    problem::Forbidden,
    problem::NotFound,
))]
#[get("/agreements/{id}/report")]
pub async fn agreement_report(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let today = today();
    super::reply::read_ok(&state, move |conn| {
        reports::agreement(conn, &caller, id, today)
    })
    .await
}
