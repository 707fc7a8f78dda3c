//! Employers and their contact people (staff). Admins and coordinators change
//! them; mentors read them.

use crate::auth::Staff;
use crate::calendar::today;
use crate::db::read;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use crate::use_cases::employers as employers_uc;
use actix_web::{HttpResponse, get, post, put, web};
use stige_wire::{Employer, EmployerDetail, EmployerInput};

/// Employers, by name.
#[utoipa::path(tag = "employers", security(("staff" = [])), responses(
    (status = 200, body = Vec<Employer>),
    problem::Forbidden,
))]
#[get("/employers")]
pub async fn list(state: web::Data<AppState>, staff: Staff) -> Result<HttpResponse, ApiError> {
    super::reply::read_ok(&state, move |conn| employers_uc::employers(conn, &staff)).await
}

/// Register an employer with at least one contact person.
#[utoipa::path(tag = "employers", security(("staff" = [])), request_body = EmployerInput, responses(
    (status = 201, body = Employer),
    problem::Forbidden,
    problem::ValidationFailed,
))]
#[post("/employers")]
pub async fn create(
    state: web::Data<AppState>,
    staff: Staff,
    body: web::Json<EmployerInput>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    super::reply::write_created(&state, move |conn| {
        employers_uc::register_employer(conn, &staff, &body)
    })
    .await
}

/// An employer with its placement history.
#[utoipa::path(tag = "employers", security(("staff" = [])), responses(
    (status = 200, body = EmployerDetail),
    problem::Forbidden,
    problem::NotFound,
))]
#[get("/employers/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let today = today();
    let (detail, event) = read(&state, move |conn| {
        employers_uc::employer_history(conn, &staff, id, today)
    })
    .await?;
    // The placement history names the people placed there: the read is
    // recorded before the answer leaves.
    state.store.record_read_async(event).await?;
    Ok(HttpResponse::Ok().json(detail))
}

/// Change an employer; contact people keep their place in the list.
#[utoipa::path(tag = "employers", security(("staff" = [])), request_body = EmployerInput, responses(
    (status = 200, body = Employer),
    problem::Forbidden,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[put("/employers/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
    body: web::Json<EmployerInput>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let body = body.into_inner();
    super::reply::write_ok(&state, move |conn| {
        employers_uc::change_employer(conn, &staff, id, &body)
    })
    .await
}
