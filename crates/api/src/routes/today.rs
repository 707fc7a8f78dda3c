//! `GET /today`: the staff home page.

use crate::auth::Staff;
use crate::calendar::today;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use crate::use_cases::today as today_uc;
use actix_web::{HttpResponse, get, web};
use stige_wire::Today;

/// Today's register and who is not yet marked, follow-ups due or overdue, agreed
/// actions overdue, referrals waiting (and partners' referrals in the inbox),
/// placements awaiting the employer, anyone absent without notice two or more
/// working days in a row, pauses whose planned return is due, employers'
/// answers since yesterday, and checks after exits due. Mentors see only their
/// own participants.
#[utoipa::path(tag = "today", security(("staff" = [])), responses(
    (status = 200, body = Today),
    problem::Forbidden,
))]
#[get("/today")]
pub async fn today_page(
    state: web::Data<AppState>,
    staff: Staff,
) -> Result<HttpResponse, ApiError> {
    let date = today();
    super::reply::write_ok(&state, move |conn| today_uc::today_page(conn, &staff, date)).await
}
