//! What a partner reads about the people under its agreement: only the categories
//! that are in the agreement's sharing scope and consented to (and not revoked)
//! today. Anything else is absent.

use crate::auth::PartnerClient;
use crate::calendar::today;
use crate::error::ApiError;
use crate::use_cases::contacts;
use std::collections::BTreeSet;
use stige_domain::AuditAction;
use stige_domain::attendance::attendance_rate;
use stige_domain::consent::{ConsentEntry, SharingCategory, shared_categories};
use stige_domain::goal::GoalStatus;
use stige_domain::partner::scope_from_text;
use stige_domain::{EnrolmentStatus, ExitOutcome, ParticipantId, StepId};
use stige_secrets::cipher::DataCipher;
use stige_store::audit::{self, AuditEvent};
use stige_store::read_audit::ReadEvent;
use stige_store::within::Within;
use stige_store::{DbConnection, consents, participants, partner_reads, partners};
use stige_wire::{
    GoalsSummary, Page, PartnerContactDetails, PartnerParticipant, PartnerSituation, StepRef,
};

/// The audit action of a partner's read of contact details (in the person's
/// access log as contact information).
const CONTACT_READ: AuditAction = AuditAction::ContactRead;
/// The audit action of a partner's read of the individual plan.
const PLAN_READ: AuditAction = AuditAction::PlanRead;
/// The audit action of a partner's read of the work capacity.
const WORK_READ: AuditAction = AuditAction::WorkRead;

/// Days of attendance a partner's attendance rate covers.
pub const ATTENDANCE_WINDOW_DAYS: i64 = 28;

/// The categories the partner may read today for each of `ids`.
pub fn shared_with(
    conn: &mut DbConnection,
    partner: &PartnerClient,
    ids: &[i64],
) -> Result<Vec<(i64, BTreeSet<SharingCategory>)>, ApiError> {
    let agreement = partners::agreement(conn, partner.agreement)?.ok_or(ApiError::NotFound)?;
    let scope = scope_from_text(&agreement.sharing_scope);
    let entries = consents::ledgers(conn, partner.partner, ids)?;
    let today = today();
    Ok(ids
        .iter()
        .map(|id| {
            let ledger: Vec<ConsentEntry> = entries
                .iter()
                .filter(|(p, _)| p == id)
                .map(|(_, e)| e.clone())
                .collect();
            (*id, shared_categories(&scope, &ledger, today))
        })
        .collect())
}

fn page_of(
    conn: &mut DbConnection,
    cipher: &DataCipher,
    partner: &PartnerClient,
    only: Option<i64>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<PartnerParticipant>, i64), ApiError> {
    let (rows, total) = partner_reads::participants(conn, partner.agreement, only, limit, offset)?;
    let ids: Vec<i64> = rows.iter().map(|r| r.participant.id).collect();
    let shared = shared_with(conn, partner, &ids)?;
    let today = today();
    let from = today - chrono::Duration::days(ATTENDANCE_WINDOW_DAYS);
    let marks = partner_reads::marks(conn, &ids, from, today)?;
    let goals = partner_reads::goal_counts(conn, &ids)?;
    let exits = partner_reads::exit_outcomes(conn, &ids)?;
    let situations = stige_store::outcomes::of_participants(conn, &ids)?;
    let mut contacts = vec![];
    for id in &ids {
        let consented = (shared.iter())
            .any(|(p, set)| p == id && set.contains(&SharingCategory::ContactDetails));
        if consented {
            let details = contacts::details_of(conn, cipher, ParticipantId(*id))?;
            contacts.push((*id, details.map(|(d, _)| d).unwrap_or_default()));
        }
    }
    let planned: Vec<i64> = (shared.iter())
        .filter(|(_, set)| set.contains(&SharingCategory::Plan))
        .map(|(id, _)| *id)
        .collect();
    let plans = crate::use_cases::plans::plans_of(conn, &planned)?;
    let mut capacities = vec![];
    for r in &rows {
        let p = &r.participant;
        let consented = (shared.iter())
            .any(|(id, set)| *id == p.id && set.contains(&SharingCategory::WorkCapacity));
        if consented {
            let capacity = crate::use_cases::work_capacity::capacity_of(
                conn,
                ParticipantId(p.id),
                p.ladder_id,
                p.current_step_id,
                today,
            )?;
            let weeks: Vec<stige_wire::CapacityWeek> = (capacity.last_four_weeks.into_iter())
                .map(|w| stige_wire::CapacityWeek { step: None, ..w })
                .collect();
            capacities.push((p.id, weeks));
        }
    }
    let items = rows
        .into_iter()
        .map(|r| {
            let p = r.participant;
            let may = |c: SharingCategory| {
                shared
                    .iter()
                    .any(|(id, set)| *id == p.id && set.contains(&c))
            };
            let status = Some(p.status);
            let goal_count = |s: GoalStatus| {
                goals
                    .iter()
                    .filter(|(id, st, _)| *id == p.id && st == s.as_str())
                    .map(|(_, _, n)| *n)
                    .sum()
            };
            let own_marks: Vec<_> = marks
                .iter()
                .filter(|(id, _)| *id == p.id)
                .map(|(_, m)| *m)
                .collect();
            PartnerParticipant {
                id: ParticipantId(p.id),
                referral_id: r.referral_id,
                enrolment_status: status.filter(|_| may(SharingCategory::EnrolmentStatus)),
                current_step: p
                    .current_step_id
                    .zip(r.step_name)
                    .filter(|_| may(SharingCategory::CurrentStep))
                    .map(|(id, name)| StepRef {
                        id: StepId(id),
                        name,
                    }),
                attendance_rate: attendance_rate(&own_marks)
                    .filter(|_| may(SharingCategory::AttendanceRate)),
                goals_summary: may(SharingCategory::GoalsSummary).then(|| GoalsSummary {
                    active: goal_count(GoalStatus::Active),
                    reached: goal_count(GoalStatus::Reached),
                }),
                outcome: exits
                    .iter()
                    .find(|(id, _)| *id == p.id)
                    .and_then(|(_, o)| o.as_deref().and_then(ExitOutcome::parse))
                    .filter(|_| {
                        status == Some(EnrolmentStatus::Exited) && may(SharingCategory::Outcome)
                    }),
                outcomes_after_exit: may(SharingCategory::OutcomesAfterExit).then(|| {
                    let mut own: Vec<PartnerSituation> = (situations.iter())
                        .filter(|s| s.participant_id == p.id)
                        .map(|s| PartnerSituation {
                            moment: s.moment,
                            reached: s.reached,
                            income_source: s.income_source,
                            occupation: s.occupation,
                        })
                        .collect();
                    own.sort_by_key(|s| s.moment);
                    own
                }),
                contact_details: (contacts.iter()).find(|(id, _)| *id == p.id).map(|(_, d)| {
                    PartnerContactDetails {
                        phone: d.phone.clone(),
                        email: d.email.clone(),
                        address: d.address.clone(),
                    }
                }),
                plan: (plans.iter()).find(|(id, _)| *id == p.id).map(|(_, plan)| {
                    stige_wire::ParticipantPlan {
                        updated_by: None,
                        updated_at: None,
                        ..plan.clone()
                    }
                }),
                work_capacity: (capacities.iter())
                    .find(|(id, _)| *id == p.id)
                    .map(|(_, weeks)| weeks.clone()),
                given_name: p.given_name,
                family_name: p.family_name,
            }
        })
        .collect();
    Ok((items, total))
}

fn record(
    conn: &mut DbConnection,
    partner: &PartnerClient,
    action: AuditAction,
    participant: Option<ParticipantId>,
    listed: &[ParticipantId],
) -> Result<(), ApiError> {
    audit::record_with_participants(
        conn,
        AuditEvent {
            actor: partner.actor(),
            action,
            participant,
            ip: partner.ip.as_deref(),
            detail: None,
        },
        listed,
    )?;
    Ok(())
}

/// A page of the partner's participants.
pub fn list(
    conn: &mut DbConnection,
    cipher: &DataCipher,
    partner: &PartnerClient,
    page: i64,
    per_page: i64,
) -> Result<Page<PartnerParticipant>, ApiError> {
    let (items, total) = page_of(
        conn,
        cipher,
        partner,
        None,
        per_page,
        (page - 1).saturating_mul(per_page),
    )?;
    let listed: Vec<ParticipantId> = items.iter().map(|p| p.id).collect();
    record(conn, partner, AuditAction::ParticipantList, None, &listed)?;
    let with_contact: Vec<ParticipantId> = (items.iter())
        .filter(|p| p.contact_details.is_some())
        .map(|p| p.id)
        .collect();
    if !with_contact.is_empty() {
        record(conn, partner, CONTACT_READ, None, &with_contact)?;
    }
    let with_plan: Vec<ParticipantId> = (items.iter())
        .filter(|p| p.plan.is_some())
        .map(|p| p.id)
        .collect();
    if !with_plan.is_empty() {
        record(conn, partner, PLAN_READ, None, &with_plan)?;
    }
    let with_work: Vec<ParticipantId> = (items.iter())
        .filter(|p| p.work_capacity.is_some())
        .map(|p| p.id)
        .collect();
    if !with_work.is_empty() {
        record(conn, partner, WORK_READ, None, &with_work)?;
    }
    Ok(Page {
        items,
        total,
        page,
        per_page,
    })
}

/// One participant under the partner's agreement, or 404 (an attempt on
/// someone who exists outside it is recorded, see [`ApiError::Refused`]).
pub fn one(
    conn: &mut DbConnection,
    cipher: &DataCipher,
    partner: &PartnerClient,
    id: ParticipantId,
) -> Result<PartnerParticipant, ApiError> {
    let (mut items, _) = page_of(conn, cipher, partner, Some(id.0), 1, 0)?;
    let Some(found) = items.pop() else {
        if participants::get(conn, Within::Installation, id)?.is_none() {
            return Err(ApiError::NotFound);
        }
        return Err(refused(partner, Some(id), None));
    };
    record(conn, partner, AuditAction::ParticipantRead, Some(id), &[])?;
    if found.contact_details.is_some() {
        record(conn, partner, CONTACT_READ, Some(id), &[])?;
    }
    if found.plan.is_some() {
        record(conn, partner, PLAN_READ, Some(id), &[])?;
    }
    if found.work_capacity.is_some() {
        record(conn, partner, WORK_READ, Some(id), &[])?;
    }
    Ok(found)
}

/// A partner's refused attempt on a person who exists (a participant, or a
/// referral described in `detail`), recorded as `participant.read.refused`.
pub fn refused(
    partner: &PartnerClient,
    participant: Option<ParticipantId>,
    detail: Option<String>,
) -> ApiError {
    ApiError::Refused(Box::new(ReadEvent {
        actor: partner.actor(),
        action: crate::use_cases::access::REFUSED,
        participant,
        participants: vec![],
        ip: partner.ip.clone(),
        detail,
    }))
}
