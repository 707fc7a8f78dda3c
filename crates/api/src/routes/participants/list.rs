//! `GET /participants`: filtered, paged; the page and its mentors read in two statements.

use crate::auth::{Reader, Staff};
use crate::db::write;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::staff_reads::read_audited;
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use stige_domain::AuditAction;
use stige_domain::Capability;
use stige_domain::{LadderId, ParticipantId, StepId, UserId, ValidationErrors};
use stige_store::participants::{self, ListFilter};
use stige_store::within::PeopleReached;
use stige_wire::{
    LadderRef, MentorRef, Page, ParticipantQuery, ParticipantSummary, PartnerParticipant, StepRef,
};

fn filter(
    query: &ParticipantQuery,
    staff: Option<&Staff>,
) -> Result<(ListFilter, i64, i64), ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let (page, per_page) = crate::routes::paging::checked(query.page, query.per_page, &mut errors);
    let name = query.q.as_deref().map(str::trim).filter(|q| !q.is_empty());
    if name.is_some_and(|q| q.chars().count() > 100) {
        errors.add("q", "must be at most 100 characters");
    }
    let f = ListFilter {
        status: query.status,
        ladder: query.ladder_id.map(|l| l.0),
        step: query.step_id.map(|s| s.0),
        mentor: query.mentor_id.map(|m| m.0),
        name: name.map(str::to_owned),
        // A partner's page is drawn by `partner_reads`, which does not use the filter.
        reach: staff.map_or(PeopleReached::Installation, Staff::people),
        limit: per_page,
        offset: (page.max(1) - 1).saturating_mul(per_page),
    };
    errors.into_result((f, page, per_page))
}

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
    let token = match reader {
        Reader::Staff(token) => token,
        Reader::Partner(partner) => {
            let (_, page, per_page) = filter(&query, None)?;
            let only_paging = query.status.is_none()
                && query.ladder_id.is_none()
                && query.step_id.is_none()
                && query.mentor_id.is_none()
                && query.q.is_none();
            if !only_paging {
                let mut e = ValidationErrors::new();
                e.add("q", "partners may only page: page and per_page");
                return Err(e.into());
            }
            let cipher = state.cipher.clone();
            let page = write(&state, move |conn| {
                crate::use_cases::partner_reads::list(conn, &cipher, &partner, page, per_page)
            })
            .await?;
            return Ok(HttpResponse::Ok().json(page));
        }
    };
    let memory = state.store.list_memory();
    let query = query.into_inner();
    let (rows, total, page, per_page) = read_audited(
        &state,
        token,
        move |conn, staff| {
            staff.require_that(Capability::WorkWithParticipants)?;
            let (f, page, per_page) = filter(&query, Some(staff))?;
            let (rows, total) = participants::list_with(conn, &f, &memory)?;
            Ok((rows, total, page, per_page))
        },
        move |staff, (rows, ..)| {
            let listed: Vec<ParticipantId> = rows
                .iter()
                .map(|r| ParticipantId(r.participant.id))
                .collect();
            super::read_event(staff, AuditAction::ParticipantList, None, None)
                .with_participants(&listed)
        },
    )
    .await?;
    let items = rows
        .into_iter()
        .map(|r| {
            let p = r.participant;
            ParticipantSummary {
                id: ParticipantId(p.id),
                status: p.status,
                ladder: LadderRef {
                    id: LadderId(p.ladder_id),
                    name: r.ladder_name,
                },
                current_step: p
                    .current_step_id
                    .zip(r.step_name)
                    .map(|(id, name)| StepRef {
                        id: StepId(id),
                        name,
                    }),
                mentors: r
                    .mentors
                    .into_iter()
                    .map(|(id, display_name)| MentorRef {
                        id: UserId(id),
                        display_name,
                    })
                    .collect(),
                given_name: p.given_name,
                family_name: p.family_name,
            }
        })
        .collect();
    Ok(HttpResponse::Ok().json(Page {
        items,
        total,
        page,
        per_page,
    }))
}
