//! `GET /privacy`: for an organisation's admins, retention per programme with
//! what the next anonymisation run would do, the erasures done, and the record
//! of processing (GDPR Art. 30) generated from the data.

use crate::auth::Staff;
use crate::calendar::today;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use crate::use_cases::privacy;
use actix_web::{HttpResponse, get, web};
use stige_wire::PrivacyOverview;

/// The organisation's privacy overview (admins). 403 for other roles.
#[utoipa::path(tag = "privacy", security(("staff" = [])), responses(
    (status = 200, body = PrivacyOverview),
    problem::Unauthorized,
    problem::Forbidden,
))]
#[get("/privacy")]
pub async fn overview(state: web::Data<AppState>, staff: Staff) -> Result<HttpResponse, ApiError> {
    let today = today();
    super::reply::write_ok(&state, move |conn| privacy::overview(conn, &staff, today)).await
}
