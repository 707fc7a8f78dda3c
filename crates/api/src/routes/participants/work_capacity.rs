//! A person's work capacity over time (issue 26):
//! `GET /participants/{id}/work-capacity`: hours a week and independence,
//! week by week, beside what the step they were on expected.

use crate::auth::Reader;
use crate::calendar::today;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use stige_domain::AuditAction;
use stige_wire::WorkCapacity;

/// The person's work capacity over time: every week with recorded work
/// (hours, days, the median independence), the last four weeks (weeks
/// without work as zero), each beside what the step they were on at the
/// week's end expected. Staff who may see the person; 404 for everyone else.
#[utoipa::path(tag = "work", security(("staff" = [])), responses(
    (status = 200, body = WorkCapacity),
    problem::NotFound,
))]
#[get("/participants/{id}/work-capacity")]
pub async fn get(
    state: web::Data<AppState>,
    reader: Reader,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    super::person_read(
        &state,
        reader,
        path,
        AuditAction::WorkRead,
        move |conn, staff, id| {
            let row = crate::use_cases::access::visible(conn, staff, id)?;
            crate::use_cases::work_capacity::capacity_of(
                conn,
                id,
                row.ladder_id,
                row.current_step_id,
                today(),
            )
        },
    )
    .await
}
