//! `GET /participants`: filtered, paged; the page and its mentors read in two statements.

use crate::auth::Reader;
use crate::db::write;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::staff_reads::read_audited;
use crate::state::AppState;
use crate::use_cases::participants;
use actix_web::{HttpResponse, get, web};
use stige_domain::AuditAction;
use stige_domain::{ParticipantId, ValidationErrors};
use stige_wire::{Page, ParticipantQuery, ParticipantSummary, PartnerParticipant};

/// Participants, by family name. Mentors see only their own; viewers none (403).
/// A partner gets a page of `PartnerParticipant`: the people under its agreement,
/// only the categories in scope and consented (it may only page; filters are for
/// staff).
#[utoipa::path(tag = "participants", security(("staff" = []), ("partner" = [])), params(ParticipantQuery), responses(
    (status = 200, body = Page<ParticipantSummary>),
    (status = "2XX", body = Page<PartnerParticipant>, description = "The answer to a partner (status 200)"),
    problem::BadRequest,
    problem::Unauthorized,
    problem::Forbidden,
    problem::ValidationFailed,
))]
#[get("/participants")]
pub async fn list(
    state: web::Data<AppState>,
    reader: Reader,
    query: web::Query<ParticipantQuery>,
) -> Result<HttpResponse, ApiError> {
    let mut errors = ValidationErrors::new();
    let paging = crate::routes::paging::checked(query.page, query.per_page, &mut errors);
    let query = query.into_inner();
    let token = match reader {
        Reader::Staff(token) => token,
        Reader::Partner(partner) => {
            let cipher = state.cipher.clone();
            let page = write(&state, move |conn| {
                participants::partner_list(conn, &cipher, &partner, &query, paging, errors)
            })
            .await?;
            return Ok(HttpResponse::Ok().json(page));
        }
    };
    let memory = state.store.list_memory();
    let page = read_audited(
        &state,
        token,
        move |conn, staff| participants::list(conn, staff, &query, paging, errors, &memory),
        move |staff, page| {
            let listed: Vec<ParticipantId> = page.items.iter().map(|p| p.id).collect();
            crate::use_cases::access::read_event(staff, AuditAction::ParticipantList, None, None)
                .with_participants(&listed)
        },
    )
    .await?;
    Ok(HttpResponse::Ok().json(page))
}
