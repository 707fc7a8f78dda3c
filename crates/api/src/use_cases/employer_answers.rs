//! An employer's answers through their link, without an account: the token
//! is the key to one placement and one purpose (confirm or decline it; near
//! the end, how it went). A used or expired link answers 410, an unknown one
//! 404, and failed look-ups are rate limited per address.

use crate::calendar::today;
use crate::error::ApiError;
use stige_domain::AuditAction;
use stige_domain::partner::ContactDraft;
use stige_domain::person::required_text;
use stige_domain::placement::Language;
use stige_domain::placement::{
    Feedback, InvitationPurpose, PlacementCommand, PlacementStatus, placement_transition,
};
use stige_domain::{ParticipantId, UserId, ValidationErrors};
use stige_secrets::token::token_hash;
use stige_store::audit::{self, Actor, AuditEvent};
use stige_store::invitations::{self, InvitationRow};
use stige_store::placements::{self, PlacementListed};
use stige_store::{DbConnection, users};
use stige_wire::{
    CompletionOutcome, Contact, EmployerCompletion, EmployerConfirmation, EmployerReceipt,
    EmployerView,
};

/// What an employer's answer did: the placement's status after it, and who
/// sent the invitation (the programme's contact in the receipt).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Answered {
    pub status: PlacementStatus,
    pub invited_by: i64,
}

/// The invitation and its placement, if the token is good for `purpose`.
pub fn open_invitation(
    conn: &mut DbConnection,
    token: &str,
    ip: &str,
    purpose: Option<InvitationPurpose>,
) -> Result<(InvitationRow, PlacementListed), ApiError> {
    if let Some(wait) = crate::sign_in::link_wait(conn, ip)? {
        return Err(ApiError::TooManyRequests(wait));
    }
    let found = invitations::by_hash(conn, &token_hash(token))?;
    let Some(invitation) = found else {
        return Err(ApiError::NotFound);
    };
    if invitation.used_at.is_some() {
        return Err(ApiError::Gone(
            "This link has already been used. Contact the programme if something needs changing."
                .into(),
        ));
    }
    if invitation.expires_at <= stige_store::now() {
        return Err(ApiError::Gone(
            "This link has expired. Ask the programme for a new one.".into(),
        ));
    }
    if purpose.is_some_and(|p| p != invitation.purpose) {
        return Err(ApiError::NotFound);
    }
    let placement =
        placements::placement(conn, invitation.placement_id)?.ok_or(ApiError::NotFound)?;
    Ok((invitation, placement))
}

/// The employer opened the link: what it is about (the placement's terms
/// in the employer's language and the programme's contact), the look
/// audited.
pub fn show(conn: &mut DbConnection, token: &str, ip: &str) -> Result<EmployerView, ApiError> {
    let (i, p) = open_invitation(conn, token, ip, None)?;
    audit_employer(conn, AuditAction::PlacementEmployerView, &p, ip)?;
    let language = placements::employer(conn, p.placement.employer_id)?
        .map(|e| e.language)
        .unwrap_or(Language::En);
    Ok(EmployerView {
        purpose: i.purpose,
        language,
        employer_name: p.employer_name.clone(),
        participant_name: format!("{} {}", p.given_name, p.family_name),
        kind: p.placement.kind,
        role: p.placement.role.clone(),
        tasks: p.placement.tasks.clone(),
        start_date: p.placement.start_date,
        end_date: p.placement.end_date,
        hours_per_week: i64::from(p.placement.hours_per_week),
        programme_contact: programme_contact(conn, i.created_by)?,
    })
}

/// The programme's contact: the staff member who sent the invitation.
fn programme_contact(conn: &mut DbConnection, by: i64) -> Result<Contact, ApiError> {
    let name = users::by_id(conn, UserId(by))?
        .map(|u| u.display_name)
        .unwrap_or_default();
    Ok(Contact {
        name,
        phone: String::new(),
        email: String::new(),
    })
}

/// The employer's receipt for an answer: the placement's status and the
/// programme's contact.
pub fn receipt(conn: &mut DbConnection, answered: Answered) -> Result<EmployerReceipt, ApiError> {
    Ok(EmployerReceipt {
        status: answered.status,
        programme_contact: programme_contact(conn, answered.invited_by)?,
    })
}

/// The employer confirms the placement, naming the supervisor; optionally
/// proposes another start.
pub fn confirm(
    conn: &mut DbConnection,
    token: &str,
    ip: &str,
    body: &EmployerConfirmation,
) -> Result<Answered, ApiError> {
    let (i, p) = open_invitation(conn, token, ip, Some(InvitationPurpose::Confirm))?;
    let mut errors = ValidationErrors::new();
    let s = &body.supervisor;
    let supervisor = ContactDraft::parse(
        "supervisor",
        s.name.as_deref(),
        s.phone.as_deref(),
        s.email.as_deref(),
        &mut errors,
    );
    if body.proposed_start_date.is_some_and(|d| d < today()) {
        errors.add("proposed_start_date", "cannot be in the past");
    }
    let supervisor = match supervisor {
        Some(s) if errors.is_empty() => s,
        _ => return Err(errors.into()),
    };
    let r = &p.placement;
    let (status, next) = decide(conn, &i, &p, PlacementCommand::Confirm)?;
    placements::set_supervisor(
        conn,
        r.id,
        (&supervisor.name, &supervisor.phone, &supervisor.email),
        body.proposed_start_date,
    )?;
    placements::set_status(conn, r.id, next, None, None)?;
    let note = body
        .proposed_start_date
        .map(|d| format!("proposed start {d}"));
    placements::record_change(conn, r.id, Some(status), next, None, note.as_deref(), None)?;
    audit_employer(conn, AuditAction::PlacementEmployerConfirm, &p, ip)?;
    Ok(Answered {
        status: next.on(r.start_date, today()),
        invited_by: i.created_by,
    })
}

/// The employer declines the placement, with a reason.
pub fn decline(
    conn: &mut DbConnection,
    token: &str,
    ip: &str,
    reason: Option<&str>,
) -> Result<Answered, ApiError> {
    let (i, p) = open_invitation(conn, token, ip, Some(InvitationPurpose::Confirm))?;
    let mut errors = ValidationErrors::new();
    let reason = errors.collect("reason", required_text(reason.unwrap_or(""), 1000));
    let Some(reason) = reason else {
        return Err(errors.into());
    };
    let r = &p.placement;
    let (status, next) = decide(conn, &i, &p, PlacementCommand::Decline)?;
    placements::set_status(conn, r.id, next, Some(&reason), None)?;
    placements::record_change(conn, r.id, Some(status), next, None, Some(&reason), None)?;
    audit_employer(conn, AuditAction::PlacementEmployerDecline, &p, ip)?;
    Ok(Answered {
        status: next,
        invited_by: i.created_by,
    })
}

/// The employer reports how the placement ended: completed or ended early
/// (with a reason), and short feedback.
pub fn complete(
    conn: &mut DbConnection,
    token: &str,
    ip: &str,
    body: &EmployerCompletion,
) -> Result<Answered, ApiError> {
    let (i, p) = open_invitation(conn, token, ip, Some(InvitationPurpose::Completion))?;
    let feedback = Feedback::parse(
        [
            ("attendance", body.attendance),
            ("punctuality", body.punctuality),
            ("cooperation", body.cooperation),
            ("quality", body.quality),
        ],
        body.comment.as_deref(),
    );
    let mut errors = feedback.clone().err().unwrap_or_default();
    let command = match body.outcome {
        None => {
            errors.add("outcome", "is required");
            None
        }
        Some(CompletionOutcome::Completed) => Some(PlacementCommand::Complete),
        Some(CompletionOutcome::EndedEarly) => {
            errors.collect(
                "reason",
                required_text(body.reason.as_deref().unwrap_or(""), 1000),
            );
            Some(PlacementCommand::EndEarly)
        }
    };
    let (Some(command), Ok(feedback)) = (command, feedback) else {
        return Err(errors.into());
    };
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let r = &p.placement;
    let (status, next) = decide(conn, &i, &p, command)?;
    let reason = body
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    let end_reason = (command == PlacementCommand::EndEarly)
        .then_some(reason)
        .flatten();
    placements::set_status(conn, r.id, next, None, end_reason)?;
    placements::record_change(conn, r.id, Some(status), next, None, end_reason, None)?;
    placements::insert_feedback(conn, r.id, &feedback)?;
    audit_employer(conn, AuditAction::PlacementEmployerComplete, &p, ip)?;
    Ok(Answered {
        status: next,
        invited_by: i.created_by,
    })
}

/// The placement's status now and after `command`; uses the link up (once only).
fn decide(
    conn: &mut DbConnection,
    i: &InvitationRow,
    p: &PlacementListed,
    command: PlacementCommand,
) -> Result<(PlacementStatus, PlacementStatus), ApiError> {
    let r = &p.placement;
    let status = r.stored_status().on(r.start_date, today());
    let next = placement_transition(status, r.end_date, command)
        .map_err(|e| ApiError::Conflict(format!("{e}.")))?;
    if !invitations::use_once(conn, i.id)? {
        return Err(ApiError::Gone("This link has already been used.".into()));
    }
    // A change by staff committed since the placement was read: nothing is
    // written (the link stays unused), and the employer can try again.
    if !placements::claim(conn, r.id, r.version)? {
        return Err(ApiError::Conflict(
            "The placement was changed by the programme at the same moment. Open the link again and try again.".into(),
        ));
    }
    Ok((status, next))
}

fn audit_employer(
    conn: &mut DbConnection,
    action: AuditAction,
    p: &PlacementListed,
    ip: &str,
) -> Result<(), ApiError> {
    audit::record(
        conn,
        AuditEvent {
            actor: Actor::Anonymous,
            action,
            participant: Some(ParticipantId(p.placement.participant_id)),
            ip: Some(ip),
            detail: Some(format!("placement={} via employer link", p.placement.id)),
        },
    )?;
    Ok(())
}
