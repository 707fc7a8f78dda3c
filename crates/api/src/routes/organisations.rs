//! Organisations: the platform admin creates them with their first admin;
//! staff read their own.

use crate::auth::Staff;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use crate::use_cases::organisations as organisations_uc;
use actix_web::{HttpResponse, get, post, web};
use stige_secrets::password;
use stige_wire::{NewOrganisation, Organisation};

/// Every organisation of the installation (platform admin).
#[utoipa::path(tag = "organisations", security(("staff" = [])), responses(
    (status = 200, body = Vec<Organisation>),
    problem::Unauthorized,
    problem::Forbidden,
))]
#[get("/organisations")]
pub async fn list(state: web::Data<AppState>, staff: Staff) -> Result<HttpResponse, ApiError> {
    super::reply::read_ok(&state, move |conn| {
        organisations_uc::all_organisations(conn, &staff)
    })
    .await
}

/// The caller's own organisation (404 for a platform admin, who has none).
#[utoipa::path(tag = "organisations", security(("staff" = [])), responses(
    (status = 200, body = Organisation),
    problem::Unauthorized,
    problem::NotFound,
))]
#[get("/organisation")]
pub async fn own(state: web::Data<AppState>, staff: Staff) -> Result<HttpResponse, ApiError> {
    super::reply::read_ok(&state, move |conn| {
        organisations_uc::own_organisation(conn, &staff)
    })
    .await
}

/// Create an organisation with its first admin, who then manages its users,
/// programmes, partners and employers (platform admin).
#[utoipa::path(tag = "organisations", security(("staff" = [])), request_body = NewOrganisation, responses(
    (status = 201, body = Organisation),
    problem::Unauthorized,
    problem::Forbidden,
    problem::ValidationFailed,
))]
#[post("/organisations")]
pub async fn create(
    state: web::Data<AppState>,
    staff: Staff,
    body: web::Json<NewOrganisation>,
) -> Result<HttpResponse, ApiError> {
    let (new, pw) = organisations_uc::check_new_organisation(&staff, body.into_inner())?;
    let hash = web::block(move || password::hash(&pw)).await??;
    super::reply::write_created(&state, move |conn| {
        organisations_uc::create_organisation(conn, &staff, new, &hash)
    })
    .await
}
