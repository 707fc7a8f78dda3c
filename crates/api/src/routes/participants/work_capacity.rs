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
use stige_domain::ParticipantId;
use stige_store::DbConnection;
use stige_store::work_log::{self as store};
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
    let id = ParticipantId(path.into_inner());
    super::person_read(
        &state,
        reader,
        id,
        AuditAction::WorkRead,
        move |conn, staff| {
            let row = super::visible(conn, staff, id)?;
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

/// Every day of the person's work log, oldest first (for the export).
pub fn days_of(
    conn: &mut DbConnection,
    id: ParticipantId,
) -> Result<Vec<stige_wire::WorkDayEntry>, ApiError> {
    let rows = store::days_of(conn, id)?;
    Ok(crate::routes::work_log::entries(conn, rows)?
        .into_iter()
        .map(|(_, e)| e)
        .collect())
}

/// The tasks of the programme's workplaces (for the export).
pub fn tasks_of(
    conn: &mut DbConnection,
    ladder: i64,
) -> Result<Vec<stige_wire::WorkTask>, ApiError> {
    Ok(crate::routes::workplaces::workplaces_of(conn, &[ladder])?
        .into_iter()
        .flat_map(|w| w.tasks)
        .collect())
}
