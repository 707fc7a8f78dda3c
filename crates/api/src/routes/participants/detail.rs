//! `GET /participants/{id}`.

use crate::auth::Reader;
use crate::calendar::today;
use crate::db::write;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::staff_reads::read_audited;
use crate::state::AppState;
use crate::use_cases::participants;
use actix_web::{HttpResponse, get, web};
use stige_domain::AuditAction;
use stige_domain::ParticipantId;
use stige_wire::{ParticipantDetail, PartnerParticipant};

/// A participant with current step, days per step and history. Answers 404 for
/// anyone who may not see them. A partner gets the `PartnerParticipant` view of
/// people under its agreement: only the categories in scope and consented.
#[utoipa::path(tag = "participants", security(("staff" = []), ("partner" = [])), responses(
    (status = 200, body = ParticipantDetail, headers(("ETag" = String, description = "The version, for If-Match"))),
    (status = "2XX", body = PartnerParticipant, description = "The answer to a partner (status 200)"),
    problem::Unauthorized,
    problem::NotFound,
))]
#[get("/participants/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    reader: Reader,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = ParticipantId(path.into_inner());
    let token = match reader {
        Reader::Staff(token) => token,
        Reader::Partner(partner) => {
            let cipher = state.cipher.clone();
            let view = write(&state, move |conn| {
                crate::use_cases::partner_reads::one(conn, &cipher, &partner, id)
            })
            .await?;
            return Ok(HttpResponse::Ok().json(view));
        }
    };
    let today = today();
    let detail = read_audited(
        &state,
        token,
        move |conn, staff| participants::detail(conn, staff, id, today),
        move |staff, _| {
            crate::use_cases::access::read_event(
                staff,
                AuditAction::ParticipantRead,
                Some(id),
                None,
            )
        },
    )
    .await?;
    Ok(super::with_etag(HttpResponse::Ok(), &detail))
}
