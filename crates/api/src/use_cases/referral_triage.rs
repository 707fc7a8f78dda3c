//! Triaging a referral: start the assessment, accept (the person becomes a
//! participant, and may start on the ladder in the same step), put on the
//! waiting list, or decline with a reason.

use crate::auth::{Caller, Staff};
use crate::error::ApiError;
use crate::use_cases::mentors::all_can_mentor;
use crate::use_cases::referrals::{audit_referral, visible};
use crate::use_cases::start::{Start, record_start, start_on_ladder};
use crate::use_cases::step_moves::step_on_ladder;
use chrono::NaiveDate;
use stige_domain::referral::{DeclineReason, ReferralCommand, ReferralStatus, referral_transition};
use stige_domain::{AuditAction, Capability, LadderId, ParticipantId, ValidationErrors};
use stige_store::audit::{self, AuditEvent};
use stige_store::participants::{self, PersonalDetails, StoredNationalId};
use stige_store::{DbConnection, referrals};
use stige_wire::{SituationInput, TriageAction, TriageRequest};

/// A triage, checked before anything is read: what to do, and for an
/// acceptance how the person starts.
#[derive(Debug, Clone)]
pub struct TriageCommand {
    command: ReferralCommand,
    decline_text: Option<String>,
    start: Start,
    situation_at_start: Option<SituationInput>,
}

/// What a triage did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Triaged {
    pub status: ReferralStatus,
    /// The participant an acceptance made.
    pub participant: Option<ParticipantId>,
}

impl TriageCommand {
    /// Checks `body` for `staff` (who must triage referrals: 403 otherwise);
    /// every bad field named (422).
    pub fn parse(staff: &Staff, body: TriageRequest, today: NaiveDate) -> Result<Self, ApiError> {
        staff.require_that(Capability::TriageReferrals)?;
        let mut errors = ValidationErrors::new();
        let decline_text = body
            .decline_text
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned);
        if decline_text
            .as_ref()
            .is_some_and(|t| t.chars().count() > 2000)
        {
            errors.add("decline_text", "must be at most 2000 characters");
        }
        let command = match body.action {
            None => {
                errors.add("action", "is required");
                None
            }
            Some(TriageAction::StartAssessment) => Some(ReferralCommand::StartAssessment),
            Some(TriageAction::Accept) => Some(ReferralCommand::Accept),
            Some(TriageAction::PutOnWaitingList) => Some(ReferralCommand::PutOnWaitingList),
            Some(TriageAction::Decline) => match body.decline_reason {
                None => {
                    errors.add("decline_reason", "is required to decline");
                    None
                }
                Some(DeclineReason::Other) if decline_text.is_none() => {
                    errors.add("decline_text", "is required when the reason is other");
                    None
                }
                Some(reason) => Some(ReferralCommand::Decline(reason)),
            },
        };
        let accepting = command == Some(ReferralCommand::Accept);
        for (field, given) in [
            ("first_step_id", body.first_step_id.is_some()),
            ("mentor_id", body.mentor_id.is_some()),
            ("start_date", body.start_date.is_some()),
            ("situation_at_start", body.situation_at_start.is_some()),
        ] {
            if given && !accepting {
                errors.add(field, "is only for accepting");
            }
        }
        let start = Start {
            first_step: body.first_step_id,
            mentor: body.mentor_id,
            date: body.start_date.unwrap_or(today),
        };
        match command {
            Some(command) if errors.is_empty() => Ok(Self {
                command,
                decline_text,
                start,
                situation_at_start: body.situation_at_start,
            }),
            _ => Err(errors.into()),
        }
    }
}

/// Triages referral `id` as `triage` says, in the caller's transaction: the
/// referral's new status (409 when it does not allow it), for an acceptance the
/// participant (linked to the agreement, started on the ladder, with their
/// situation at the start), the partner's feed and the audit events.
pub fn triage(
    conn: &mut DbConnection,
    staff: &Staff,
    id: i64,
    triage: TriageCommand,
    today: NaiveDate,
) -> Result<Triaged, ApiError> {
    let TriageCommand {
        command,
        decline_text,
        start,
        situation_at_start,
    } = triage;
    let listed = visible(conn, &Caller::Staff(staff.clone()), id)?;
    let r = &listed.referral;
    let next = referral_transition(r.status(), command)
        .map_err(|e| ApiError::Conflict(format!("{e}.")))?;
    let decline = match command {
        ReferralCommand::Decline(reason) => Some((reason, decline_text.as_deref())),
        _ => None,
    };
    let mut participant = None;
    if command == ReferralCommand::Accept {
        let ladder_id = r.ladder_id;
        check_start(conn, &start, ladder_id, r.received_at.date(), today)?;
        let situation = situation_at_start
            .as_ref()
            .map(|s| start_situation(conn, ladder_id, s))
            .transpose()?;
        let national_id = match (
            r.national_id_cipher.clone(),
            r.national_id_masked.clone(),
            r.national_id_kind,
        ) {
            (Some(cipher), Some(masked), Some(kind)) => Some(StoredNationalId {
                cipher,
                masked,
                kind,
                lookup: r.national_id_lookup.clone(),
            }),
            _ => None,
        };
        let row = participants::insert(
            conn,
            ladder_id,
            &PersonalDetails {
                given_name: r.given_name.clone(),
                family_name: r.family_name.clone(),
                birth_date: r.birth_date,
                national_id,
            },
            start.date,
            staff.id,
        )?;
        let pid = ParticipantId(row.id);
        if let Some(agreement) = r.agreement_id {
            participants::link_agreement(conn, pid, agreement, start.date)?;
        }
        referrals::link_participant(conn, id, pid)?;
        start_on_ladder(conn, staff, pid, start, today)?;
        if let Some(situation) = &situation {
            stige_store::outcomes::record(conn, pid, situation, staff.id)?;
        }
        participant = Some(pid);
    }
    crate::use_cases::referrals::change_status(conn, id, next, decline)?;
    // The audit events after the writes: on PostgreSQL appending holds the
    // audit log's lock until the commit (see `stige_store::audit_chain`).
    if let Some(pid) = participant {
        audit::record(
            conn,
            AuditEvent {
                actor: staff.actor(),
                action: AuditAction::ParticipantCreate,
                participant: Some(pid),
                ip: staff.ip.as_deref(),
                detail: Some(format!("from referral={id}")),
            },
        )?;
        record_start(conn, staff, pid, start)?;
        if situation_at_start.is_some() {
            audit::record(
                conn,
                AuditEvent {
                    actor: staff.actor(),
                    action: AuditAction::OutcomeRecord,
                    participant: Some(pid),
                    ip: staff.ip.as_deref(),
                    detail: Some("moment=start".into()),
                },
            )?;
        }
    }
    audit_referral(
        conn,
        staff.actor(),
        staff.ip.as_deref(),
        AuditAction::referral_status(next),
        id,
        participant,
    )?;
    Ok(Triaged {
        status: next,
        participant,
    })
}

/// Checks what accepting in one step sets: the first step is on the agreement's
/// ladder, the mentor can mentor, and the start is not before the referral came.
fn check_start(
    conn: &mut DbConnection,
    start: &Start,
    ladder: i64,
    received: chrono::NaiveDate,
    today: chrono::NaiveDate,
) -> Result<(), ApiError> {
    let mut errors = ValidationErrors::new();
    if start.date > today {
        errors.add("start_date", "must not be in the future");
    } else if start.date < received {
        errors.add(
            "start_date",
            format!("must not be before the referral was received ({received})"),
        );
    }
    if let Some(step) = start.first_step
        && step_on_ladder(conn, LadderId(ladder), step)?.is_none()
    {
        errors.add("first_step_id", "is not a step of the agreement's ladder");
    }
    if let Some(mentor) = start.mentor
        && !all_can_mentor(conn, &[mentor.0], ladder)?
    {
        errors.add(
            "mentor_id",
            "must name an active staff member who can mentor",
        );
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.into())
    }
}

/// The situation at the start given with an acceptance, checked against the
/// country of the agreement's ladder; its field errors named under
/// `situation_at_start`.
fn start_situation(
    conn: &mut DbConnection,
    ladder: i64,
    given: &stige_wire::SituationInput,
) -> Result<stige_domain::situation::Situation, ApiError> {
    use stige_domain::situation::{Moment, SituationDraft, parse_situation};
    let country = stige_store::outcomes::country_of_ladder(conn, ladder)?;
    let draft = SituationDraft {
        reached: given.reached,
        income_source: given.income_source,
        occupation: given.occupation,
        education: given.education,
    };
    parse_situation(country, Moment::Start, draft).map_err(|mut errors| {
        for e in &mut errors.0 {
            e.field = format!("situation_at_start.{}", e.field);
        }
        errors.into()
    })
}
