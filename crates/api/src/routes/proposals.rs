//! Change proposals (issue 22, part 4): a partner proposes a change for a person
//! it follows (`POST /participants/{id}/proposals`, idempotent); staff see them
//! beside the referrals (`GET /proposals`) and accept, which carries the change
//! out in the same step, or decline (`POST /proposals/{id}/decision`); the
//! partner sees the outcome in its list and its events feed.

use crate::auth::{Caller, PartnerClient, Staff};
use crate::calendar::today;
use crate::db::{read, write};
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use crate::use_cases::enrolment;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde_json::json;
use stige_domain::AuditAction;
use stige_domain::attendance::PlannedWeekdays;
use stige_domain::enrolment::{EnrolmentAction, EnrolmentCommand};
use stige_domain::partner::PartnerEventKind;
use stige_domain::proposal::{
    self, EndReason, Proposal, ProposalInput, ProposalKind, check_extension,
};
use stige_domain::{Capability, LadderId, ParticipantId, ValidationErrors};
use stige_store::audit::{self, AuditEvent};
use stige_store::partner_events::{self, NewPartnerEvent};
use stige_store::proposals::{self as store, ProposalListed, Whose};
use stige_store::read_audit::ReadEvent;
use stige_store::within::Within;
use stige_store::{DbConnection, agreement_links};
use stige_wire::{ChangeProposal, NewProposal, ProposalDecision, ProposalQuery};

fn view(l: ProposalListed) -> ChangeProposal {
    let p = l.proposal;
    ChangeProposal {
        id: p.id,
        agreement_id: p.agreement_id,
        partner_name: l.partner_name,
        participant_id: ParticipantId(p.participant_id),
        given_name: l.given_name,
        family_name: l.family_name,
        kind: p.kind,
        until: p.until,
        from: p.from_date,
        weekdays: (p.weekdays)
            .and_then(PlannedWeekdays::from_bits)
            .map(PlannedWeekdays::iso_days)
            .unwrap_or_default(),
        hours_per_week: p.hours_per_week.map(i64::from),
        planned_return: p.planned_return,
        end_reason: p.end_reason.as_deref().and_then(EndReason::parse),
        text: p.text,
        status: p.status,
        comment: p.comment,
        created_at: p.created_at,
        decided_at: p.decided_at,
    }
}

fn shown(conn: &mut DbConnection, id: i64) -> Result<ChangeProposal, ApiError> {
    Ok(view(store::get(conn, id)?.ok_or(ApiError::NotFound)?))
}

/// The link of `agreement` to the person in force today, if any.
fn link_in_force(
    conn: &mut DbConnection,
    person: ParticipantId,
    agreement: i64,
) -> Result<Option<agreement_links::LinkRow>, ApiError> {
    let today = today();
    Ok(agreement_links::of_participant(conn, person)?
        .into_iter()
        .map(|l| l.link)
        .find(|l| l.agreement_id == agreement && l.in_force_on(today)))
}

/// Propose a change for a person the partner follows (its link holds today):
/// extend the link's period (`until`), change the planned participation
/// (`from`, `weekdays`, `hours_per_week`), pause (`text` says why, optional
/// `planned_return`), or end (`end_reason`; `other` needs a `text`). Never health
/// details. Requires an `Idempotency-Key` header, as referrals do.
#[utoipa::path(tag = "referrals", security(("partner" = [])), request_body = NewProposal,
    params(("Idempotency-Key" = String, Header, description = "Unique per proposal; reuse it on retries")),
    responses(
    (status = 201, body = ChangeProposal),
    problem::BadRequest,
    problem::Unauthorized,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[post("/participants/{id}/proposals")]
pub async fn propose(
    state: web::Data<AppState>,
    partner: PartnerClient,
    path: web::Path<i64>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let person = ParticipantId(path.into_inner());
    let request = crate::idempotent::keyed(&req, &body)?;
    let p = partner.clone();
    crate::idempotent::create(&state, partner.owner(), request, move |conn, value| {
        let input: NewProposal = crate::idempotent::body_as(value)?;
        // Only for someone the partner follows now.
        let Some(link) = link_in_force(conn, person, p.agreement)? else {
            return Err(crate::use_cases::partner_reads::refused(
                &p,
                Some(person),
                Some("proposal".into()),
            ));
        };
        let proposal = Proposal::parse(
            &ProposalInput {
                kind: input.kind,
                until: input.until,
                from: input.from,
                weekdays: input.weekdays.as_deref(),
                hours_per_week: input.hours_per_week,
                planned_return: input.planned_return,
                end_reason: input.end_reason,
                text: input.text.as_deref(),
            },
            today(),
        )?;
        if let Proposal::Extend { until } = proposal {
            check_extension(until, link.valid_to)?;
        }
        let id = store::insert(conn, p.agreement, person, &proposal)?;
        audit::record(
            conn,
            AuditEvent {
                actor: p.actor(),
                action: AuditAction::ProposalCreate,
                participant: Some(person),
                ip: p.ip.as_deref(),
                detail: Some(format!("proposal={id} kind={}", proposal.kind().as_str())),
            },
        )?;
        shown(conn, id)
    })
    .await
}

/// Proposals, newest first (at most 200): staff see those for the programmes
/// whose referrals they triage, a partner its own.
#[utoipa::path(tag = "referrals", security(("staff" = []), ("partner" = [])), params(ProposalQuery), responses(
    (status = 200, body = Vec<ChangeProposal>),
    problem::BadRequest,
    problem::Unauthorized,
    problem::Forbidden,
))]
#[get("/proposals")]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<ProposalQuery>,
) -> Result<HttpResponse, ApiError> {
    let whose = match &caller {
        Caller::Staff(staff) => {
            staff.require_that(Capability::TriageReferrals)?;
            Whose::Ladders(crate::use_cases::referrals::triaged_by(staff))
        }
        Caller::Partner(p) => Whose::Agreement(p.agreement),
    };
    let status = query.into_inner().status;
    let list = read(&state, move |conn| {
        Ok(store::list(conn, &whose, status, 200)?
            .into_iter()
            .map(view)
            .collect::<Vec<_>>())
    })
    .await?;
    // The people listed, as for the referral list.
    let (actor, ip) = match &caller {
        Caller::Staff(s) => (s.actor(), s.ip.clone()),
        Caller::Partner(p) => (p.actor(), p.ip.clone()),
    };
    let event = ReadEvent {
        actor,
        action: AuditAction::ProposalList,
        participant: None,
        participants: list.iter().map(|p| p.participant_id).collect(),
        ip,
        detail: None,
    };
    state.store.record_read_async(event).await?;
    Ok(HttpResponse::Ok().json(list))
}

/// Accept a proposal, which carries the change out in the same step (the link
/// extended, the planned participation changed, the person paused, or exited
/// with the outcome the reason suggests unless `outcome` says otherwise), or
/// decline it; `comment` for both sides. 409 once decided, or when the change
/// no longer fits the person's status. Admins and coordinators.
#[utoipa::path(tag = "referrals", security(("staff" = [])), request_body = ProposalDecision, responses(
    (status = 200, body = ChangeProposal),
    problem::BadRequest,
    problem::Forbidden,
    problem::NotFound,
    problem::Conflict,
    problem::ValidationFailed,
))]
#[post("/proposals/{id}/decision")]
pub async fn decide(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
    body: web::Json<ProposalDecision>,
) -> Result<HttpResponse, ApiError> {
    staff.require_that(Capability::TriageReferrals)?;
    let id = path.into_inner();
    let body = body.into_inner();
    let decided = write(&state, move |conn| {
        let listed = store::get(conn, id)?.ok_or(ApiError::NotFound)?;
        if !staff
            .reach
            .may_in(LadderId(listed.ladder_id), Capability::TriageReferrals)
        {
            return Err(ApiError::NotFound);
        }
        let mut errors = ValidationErrors::new();
        let comment = stige_domain::validation::optional_free_text(
            &mut errors,
            "comment",
            body.comment.as_deref(),
            2000,
        );
        let Some(accept) = body.accept else {
            errors.add("accept", "is required");
            return Err(errors.into());
        };
        errors.into_result(())?;
        let p = listed.proposal;
        let next = proposal::decide(p.status(), accept)
            .map_err(|e| ApiError::Conflict(format!("{e}.")))?;
        let person = ParticipantId(p.participant_id);
        if accept {
            carry_out(conn, &staff, &p, body.outcome)?;
        }
        store::decide(conn, id, next, comment.as_deref(), staff.id)?;
        partner_events::append(
            conn,
            &NewPartnerEvent {
                agreement: p.agreement_id,
                kind: PartnerEventKind::ProposalDecided,
                referral: None,
                participant: Some(p.participant_id),
                category: None,
                data: json!({ "proposal_id": id, "status": next, "comment": comment }).to_string(),
            },
        )?;
        crate::routes::participants::record(
            conn,
            &staff,
            if accept {
                AuditAction::ProposalAccepted
            } else {
                AuditAction::ProposalDeclined
            },
            Some(person),
            Some(format!("proposal={id} kind={}", p.kind.as_str())),
        )?;
        shown(conn, id)
    })
    .await?;
    Ok(HttpResponse::Ok().json(decided))
}

/// Carries an accepted proposal out.
fn carry_out(
    conn: &mut DbConnection,
    staff: &Staff,
    p: &stige_store::proposals::ProposalRow,
    outcome: Option<stige_domain::ExitOutcome>,
) -> Result<(), ApiError> {
    let person = ParticipantId(p.participant_id);
    let today = today();
    let row = stige_store::participants::get(conn, Within::Installation, person)?
        .ok_or(ApiError::NotFound)?;
    let command = |action, reason: Option<&str>, outcome, text: Option<&str>| {
        EnrolmentCommand::parse(action, reason, p.planned_return, today, outcome, text)
    };
    match p.kind {
        ProposalKind::Extend => {
            let link = link_in_force(conn, person, p.agreement_id)?
                .ok_or_else(|| ApiError::Conflict("The partner's link no longer holds.".into()))?;
            let until = p.until.ok_or(ApiError::NotFound)?;
            check_extension(until, link.valid_to)?;
            agreement_links::end(conn, link.id, until)?;
            let detail = format!("link={} to={until}", link.id);
            crate::routes::participants::record(
                conn,
                staff,
                AuditAction::AgreementLinkExtend,
                Some(person),
                Some(detail),
            )?;
        }
        ProposalKind::ChangeParticipation => {
            let weekdays = p.weekdays.and_then(PlannedWeekdays::from_bits);
            let from = p.from_date.unwrap_or(today).max(today);
            stige_store::attendance::add_plan(
                conn,
                person,
                from,
                weekdays,
                p.hours_per_week,
                staff.id,
            )?;
            crate::routes::participants::record(
                conn,
                staff,
                AuditAction::AttendancePlan,
                Some(person),
                None,
            )?;
        }
        ProposalKind::Pause => {
            let pause = command(EnrolmentAction::Pause, p.text.as_deref(), None, None)?;
            enrolment::apply(conn, staff, &row, &pause, today)?;
        }
        ProposalKind::End => {
            let reason = p.end_reason.as_deref().and_then(EndReason::parse);
            let outcome = outcome.or(reason.map(EndReason::outcome));
            let exit = command(EnrolmentAction::Exit, None, outcome, p.text.as_deref())?;
            enrolment::apply(conn, staff, &row, &exit, today)?;
        }
    }
    Ok(())
}
