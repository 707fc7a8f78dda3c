//! `GET /exit-checks`: the checks 3, 6 and 12 months after people's exits
//! still to do, for the staff who follow them (also on the Today page).

use crate::auth::Staff;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use crate::use_cases::exit_checks as exit_checks_uc;
use actix_web::{HttpResponse, get, web};
use stige_domain::ValidationErrors;
use stige_wire::{ExitCheck, ExitCheckQuery, Page, Problem};

/// The checks after exits still to do (3, 6 and 12 months after; none for
/// people who declined them), soonest due first; a check stays listed until
/// recorded, at most 15 months after the exit. Admins, coordinators and
/// mentors (their own people).
#[utoipa::path(tag = "outcomes", security(("staff" = [])), params(ExitCheckQuery), responses(
    (status = 200, body = Page<ExitCheck>),
    problem::BadRequest,
    problem::Unauthorized,
    problem::Forbidden,
    (status = 404, body = Problem, content_type = "application/problem+json", description = "A ladder_id the staff member does not work in"),
    problem::ValidationFailed,
))]
#[get("/exit-checks")]
pub async fn list(
    state: web::Data<AppState>,
    staff: Staff,
    query: web::Query<ExitCheckQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
    let mut errors = ValidationErrors::new();
    let paging = super::paging::checked(query.page, query.per_page, &mut errors);
    let paging = errors.into_result(paging);
    let today = crate::calendar::today();
    super::reply::write_ok(&state, move |conn| {
        exit_checks_uc::exit_checks(conn, &staff, &query, paging, today)
    })
    .await
}
