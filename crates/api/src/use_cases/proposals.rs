//! A partner's change proposals for a person it follows: proposing one,
//! seeing them (staff beside the referrals, a partner its own), and deciding
//! one, which on acceptance carries the change out in the same step.

use crate::auth::{Caller, PartnerClient, Staff};
use crate::error::ApiError;
use crate::use_cases::access::record;
use crate::use_cases::enrolment;
use crate::use_cases::partner_reads::refused;
use crate::use_cases::referrals::{caller_actor, triaged_by};
use chrono::NaiveDate;
use serde_json::json;
use stige_domain::attendance::PlannedWeekdays;
use stige_domain::enrolment::{EnrolmentAction, EnrolmentCommand};
use stige_domain::partner::PartnerEventKind;
use stige_domain::proposal::{
    self, EndReason, Proposal, ProposalInput, ProposalKind, ProposalStatus, check_extension,
};
use stige_domain::{
    AuditAction, Capability, ExitOutcome, LadderId, ParticipantId, ValidationErrors,
};
use stige_store::audit::{self, AuditEvent};
use stige_store::partner_events::{self, NewPartnerEvent};
use stige_store::proposals::{self as store, ProposalListed, ProposalRow, Whose};
use stige_store::read_audit::ReadEvent;
use stige_store::within::Within;
use stige_store::{DbConnection, agreement_links};
use stige_wire::{ChangeProposal, NewProposal, ProposalDecision};

/// Most proposals a list shows.
const LISTED: i64 = 200;

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
        end_reason: p.end_reason,
        text: p.text,
        status: p.status,
        comment: p.comment,
        created_at: p.created_at,
        decided_at: p.decided_at,
    }
}

/// Proposal `id` as the API shows it, or 404.
fn shown(conn: &mut DbConnection, id: i64) -> Result<ChangeProposal, ApiError> {
    Ok(view(store::get(conn, id)?.ok_or(ApiError::NotFound)?))
}

/// The cooperation agreement's link to the person in force on `today`, if any.
fn link_in_force(
    conn: &mut DbConnection,
    person: ParticipantId,
    agreement: i64,
    today: NaiveDate,
) -> Result<Option<agreement_links::LinkRow>, ApiError> {
    Ok(agreement_links::of_participant(conn, person)?
        .into_iter()
        .map(|l| l.link)
        .find(|l| l.agreement_id == agreement && l.in_force_on(today)))
}

/// A partner proposes a change for a person it follows today (refused as
/// not found otherwise): extend its link, change the planned participation,
/// pause or end. 422 naming each bad field; an extension must lie beyond the
/// link's end. Audited; returns the proposal.
pub fn propose(
    conn: &mut DbConnection,
    partner: &PartnerClient,
    person: ParticipantId,
    input: &NewProposal,
    today: NaiveDate,
) -> Result<ChangeProposal, ApiError> {
    let Some(link) = link_in_force(conn, person, partner.agreement, today)? else {
        return Err(refused(partner, Some(person), Some("proposal".into())));
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
        today,
    )?;
    if let Proposal::Extend { until } = proposal {
        check_extension(until, link.valid_to)?;
    }
    let id = store::insert(conn, partner.agreement, person, &proposal)?;
    audit::record(
        conn,
        AuditEvent {
            actor: partner.actor(),
            action: AuditAction::ProposalCreate,
            participant: Some(person),
            ip: partner.ip.as_deref(),
            detail: Some(format!("proposal={id} kind={}", proposal.kind().as_str())),
        },
    )?;
    shown(conn, id)
}

/// The proposals the caller sees, newest first (at most 200), with `status`
/// if given: staff those for the programmes whose referrals they triage (403
/// for a role that triages none), a partner its own. Returns them with the
/// read's audit event naming the people listed.
pub fn list(
    conn: &mut DbConnection,
    caller: &Caller,
    status: Option<ProposalStatus>,
) -> Result<(Vec<ChangeProposal>, ReadEvent), ApiError> {
    let whose = match caller {
        Caller::Staff(staff) => {
            staff.require_that(Capability::TriageReferrals)?;
            Whose::Ladders(triaged_by(staff))
        }
        Caller::Partner(p) => Whose::Agreement(p.agreement),
    };
    let list: Vec<ChangeProposal> = store::list(conn, &whose, status, LISTED)?
        .into_iter()
        .map(view)
        .collect();
    let (actor, ip) = caller_actor(caller);
    let event = ReadEvent {
        actor,
        action: AuditAction::ProposalList,
        participant: None,
        participants: list.iter().map(|p| p.participant_id).collect(),
        ip,
        detail: None,
    };
    Ok((list, event))
}

/// Staff accept or decline proposal `id` (admins and coordinators of its
/// programme; 404 outside it). Accepting carries the change out first (its
/// own audit events come before the decision is written); 409 once decided
/// or when the change no longer fits. The partner hears of the decision in
/// its events feed. Returns the decided proposal.
pub fn decide(
    conn: &mut DbConnection,
    staff: &Staff,
    id: i64,
    body: &ProposalDecision,
    today: NaiveDate,
) -> Result<ChangeProposal, ApiError> {
    staff.require_that(Capability::TriageReferrals)?;
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
    let next =
        proposal::decide(p.status(), accept).map_err(|e| ApiError::Conflict(format!("{e}.")))?;
    let person = ParticipantId(p.participant_id);
    if accept {
        carry_out(conn, staff, &p, body.outcome, today)?;
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
    record(
        conn,
        staff,
        if accept {
            AuditAction::ProposalAccepted
        } else {
            AuditAction::ProposalDeclined
        },
        Some(person),
        Some(format!("proposal={id} kind={}", p.kind.as_str())),
    )?;
    shown(conn, id)
}

/// Carries an accepted proposal out: the link extended, the planned
/// participation changed, the person paused or exited.
fn carry_out(
    conn: &mut DbConnection,
    staff: &Staff,
    p: &ProposalRow,
    outcome: Option<ExitOutcome>,
    today: NaiveDate,
) -> Result<(), ApiError> {
    let person = ParticipantId(p.participant_id);
    let row = stige_store::participants::get(conn, Within::Installation, person)?
        .ok_or(ApiError::NotFound)?;
    let command = |action, reason: Option<&str>, outcome, text: Option<&str>| {
        EnrolmentCommand::parse(action, reason, p.planned_return, today, outcome, text)
    };
    match p.kind {
        ProposalKind::Extend => {
            let link = link_in_force(conn, person, p.agreement_id, today)?
                .ok_or_else(|| ApiError::Conflict("The partner's link no longer holds.".into()))?;
            let until = p.until.ok_or(ApiError::NotFound)?;
            check_extension(until, link.valid_to)?;
            agreement_links::end(conn, link.id, until)?;
            let detail = format!("link={} to={until}", link.id);
            record(
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
            record(conn, staff, AuditAction::AttendancePlan, Some(person), None)?;
        }
        ProposalKind::Pause => {
            let pause = command(EnrolmentAction::Pause, p.text.as_deref(), None, None)?;
            enrolment::apply(conn, staff, &row, &pause, today)?;
        }
        ProposalKind::End => {
            let reason = p.end_reason;
            let outcome = outcome.or(reason.map(EndReason::outcome));
            let exit = command(EnrolmentAction::Exit, None, outcome, p.text.as_deref())?;
            enrolment::apply(conn, staff, &row, &exit, today)?;
        }
    }
    Ok(())
}
