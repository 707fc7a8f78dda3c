//! `GET /events`: a partner's ordered, resumable change feed, consent-filtered.

use crate::auth::PartnerClient;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use crate::use_cases::partner_events;
use actix_web::{HttpResponse, get, web};
use stige_wire::{EventsPage, EventsQuery};

/// What happened to the partner's referrals and participants, oldest first: status
/// changes, step moves and exits. Events about a category the person has not
/// consented to share (or that the agreement does not cover) are left out, also
/// when consent is revoked later. Pass `next_cursor` as `after` to resume.
#[utoipa::path(tag = "partners", security(("partner" = [])), params(EventsQuery), responses(
    (status = 200, body = EventsPage),
    problem::Unauthorized,
    problem::ValidationFailed,
))]
#[get("/events")]
pub async fn feed(
    state: web::Data<AppState>,
    partner: PartnerClient,
    query: web::Query<EventsQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
    super::reply::write_ok(&state, move |conn| {
        partner_events::changes(conn, &partner, &query)
    })
    .await
}
