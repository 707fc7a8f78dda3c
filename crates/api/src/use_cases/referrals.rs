//! Referrals: who may see one, the referral as staff and partners see it,
//! the list, a partner withdrawing one, and the audit event of what is done
//! with it.

use crate::auth::{Caller, PartnerClient};
use crate::error::ApiError;
use crate::use_cases::partner_reads;
use stige_domain::partner::PartnerEventKind;
use stige_domain::referral::{DeclineReason, ReferralCommand, ReferralStatus, referral_transition};
use stige_domain::{AuditAction, Capability, LadderId, ParticipantId, ValidationErrors};
use stige_store::audit::{self, Actor, AuditEvent};
use stige_store::read_audit::ReadEvent;
use stige_store::referrals::{self, Duplicate, ReferralFilter, ReferralListed};
use stige_store::{DbConnection, partner_feed};
use stige_wire::{Contact, Page, PartnerRef, PossibleDuplicate, Referral, ReferralQuery};

/// Records `action` on referral `referral` (and the person it led to, if any).
pub fn audit_referral(
    conn: &mut DbConnection,
    actor: Actor,
    ip: Option<&str>,
    action: AuditAction,
    referral: i64,
    participant: Option<ParticipantId>,
) -> Result<(), ApiError> {
    audit::record(
        conn,
        AuditEvent {
            actor,
            action,
            participant,
            ip,
            detail: Some(format!("referral={referral}")),
        },
    )?;
    Ok(())
}

/// The programmes whose referrals `staff` triages.
pub fn triaged_by(staff: &crate::auth::Staff) -> Vec<i64> {
    (staff.reach.programmes().iter())
        .filter(|(_, role)| role.may(Capability::TriageReferrals))
        .map(|(ladder, _)| ladder.0)
        .collect()
}

/// The referral if the caller may see it, else 404.
pub fn visible(
    conn: &mut DbConnection,
    caller: &Caller,
    id: i64,
) -> Result<ReferralListed, ApiError> {
    let listed = referrals::get(conn, id)?.ok_or(ApiError::NotFound)?;
    match caller {
        Caller::Staff(staff) => {
            staff.require_that(Capability::TriageReferrals)?;
            if !staff
                .reach
                .may_in(LadderId(listed.ladder_id), Capability::TriageReferrals)
            {
                return Err(ApiError::NotFound);
            }
            Ok(listed)
        }
        Caller::Partner(p) if Some(p.agreement) == listed.referral.agreement_id => Ok(listed),
        Caller::Partner(p) => Err(partner_reads::refused(
            p,
            listed.referral.participant_id.map(ParticipantId),
            Some(format!("referral={id}")),
        )),
    }
}

/// Who the caller is in the audit trail, and from where.
pub fn caller_actor(caller: &Caller) -> (Actor, Option<String>) {
    match caller {
        Caller::Staff(s) => (s.actor(), s.ip.clone()),
        Caller::Partner(p) => (p.actor(), p.ip.clone()),
    }
}

/// Every referral that led to participant `id`, oldest first, as staff see them.
pub fn of_participant(
    conn: &mut DbConnection,
    id: ParticipantId,
) -> Result<Vec<Referral>, ApiError> {
    referrals::all_of_participant(conn, id)?
        .into_iter()
        .map(|r| view(conn, r, true))
        .collect()
}

/// Referral `id` as staff (`for_staff`: who recorded it, possible duplicates)
/// or its partner see it; 404 if there is none.
pub fn shown(conn: &mut DbConnection, id: i64, for_staff: bool) -> Result<Referral, ApiError> {
    let listed = referrals::get(conn, id)?.ok_or(ApiError::NotFound)?;
    view(conn, listed, for_staff)
}

/// The referral as the API shows it: its place on the waiting list and, for
/// staff, who recorded it and the people or referrals it may duplicate.
fn view(
    conn: &mut DbConnection,
    listed: ReferralListed,
    for_staff: bool,
) -> Result<Referral, ApiError> {
    let r = listed.referral;
    let waiting_list_position = if r.status() == ReferralStatus::WaitingList {
        referrals::waiting_positions(conn, r.agreement_id, r.ladder_id)?
            .into_iter()
            .find(|(id, _)| *id == r.id)
            .map(|(_, n)| n)
    } else {
        None
    };
    let possible_duplicates = if for_staff {
        referrals::possible_duplicates(conn, &r)?
            .into_iter()
            .map(|d| match d {
                Duplicate::Participant(id) => PossibleDuplicate::Participant {
                    id: ParticipantId(id),
                },
                Duplicate::Referral(id) => PossibleDuplicate::Referral { id },
            })
            .collect()
    } else {
        vec![]
    };
    Ok(Referral {
        id: r.id,
        agreement_id: r.agreement_id,
        partner: listed.partner.map(|(id, name)| PartnerRef { id, name }),
        ladder_id: LadderId(r.ladder_id),
        channel: r.channel(),
        recorded_by: listed.recorded_by_name.filter(|_| for_staff),
        status: r.status(),
        given_name: r.given_name,
        family_name: r.family_name,
        birth_date: r.birth_date,
        national_id_masked: r.national_id_masked,
        national_id_kind: r.national_id_kind,
        phone: r.phone,
        email: r.email,
        reason: r.reason,
        partner_contact: Contact {
            name: r.partner_contact_name,
            phone: r.partner_contact_phone.unwrap_or_default(),
            email: r.partner_contact_email.unwrap_or_default(),
        },
        consent_collected: r.consent_collected,
        waiting_list_position,
        decline_reason: r.decline_reason.as_deref().and_then(DeclineReason::parse),
        decline_text: r.decline_text,
        participant_id: r.participant_id.map(ParticipantId),
        received_at: r.received_at,
        updated_at: r.updated_at,
        possible_duplicates,
    })
}

/// The referrals the caller sees, newest first, a page of `per_page` (the
/// paging's problems so far in `errors`): staff (admins and coordinators;
/// 403 otherwise) those of the programmes they triage, a partner its
/// agreement's (422 naming each bad parameter). Returns the page with the
/// read's audit event: the people listed by participant id once accepted,
/// else by referral id.
pub fn list(
    conn: &mut DbConnection,
    caller: &Caller,
    query: &ReferralQuery,
    (page, per_page): (i64, i64),
    mut errors: ValidationErrors,
) -> Result<(Page<Referral>, ReadEvent), ApiError> {
    let (agreement, ladders) = match caller {
        Caller::Staff(staff) => {
            staff.require_that(Capability::TriageReferrals)?;
            (query.agreement_id, triaged_by(staff))
        }
        Caller::Partner(p) => {
            if query.agreement_id.is_some_and(|a| a != p.agreement) {
                errors.add("agreement_id", "is not this client's agreement");
            }
            (Some(p.agreement), vec![p.ladder])
        }
    };
    errors.into_result(())?;
    let filter = ReferralFilter {
        ladders,
        agreement,
        status: query.status,
        limit: per_page,
        offset: (page - 1).saturating_mul(per_page),
    };
    let for_staff = matches!(caller, Caller::Staff(_));
    let (rows, total) = referrals::list(conn, &filter)?;
    let items = rows
        .into_iter()
        .map(|r| view(conn, r, for_staff))
        .collect::<Result<Vec<_>, _>>()?;
    let listed: Vec<ParticipantId> = items.iter().filter_map(|r| r.participant_id).collect();
    let referral_ids: Vec<String> = items.iter().map(|r| r.id.to_string()).collect();
    let (actor, ip) = caller_actor(caller);
    let event = ReadEvent {
        actor,
        action: AuditAction::ReferralList,
        participant: None,
        participants: listed,
        ip,
        detail: Some(format!("referrals={}", referral_ids.join(","))),
    };
    let page = Page {
        items,
        total,
        page,
        per_page,
    };
    Ok((page, event))
}

/// Referral `id` if the caller may see it (404 otherwise), the read audited.
pub fn referral(conn: &mut DbConnection, caller: &Caller, id: i64) -> Result<Referral, ApiError> {
    let listed = visible(conn, caller, id)?;
    let (actor, ip) = caller_actor(caller);
    audit_referral(
        conn,
        actor,
        ip.as_deref(),
        AuditAction::ReferralRead,
        id,
        None,
    )?;
    view(conn, listed, matches!(caller, Caller::Staff(_)))
}

/// The partner withdraws its referral `id` while it is not decided (409
/// otherwise); the partner's feed hears of it. Returns the referral.
pub fn withdraw(
    conn: &mut DbConnection,
    partner: &PartnerClient,
    id: i64,
) -> Result<Referral, ApiError> {
    let listed = visible(conn, &Caller::Partner(partner.clone()), id)?;
    let next = referral_transition(listed.referral.status(), ReferralCommand::Withdraw)
        .map_err(|e| ApiError::Conflict(format!("{e}.")))?;
    let listed = change_status(conn, id, next, None)?;
    audit_referral(
        conn,
        partner.actor(),
        partner.ip.as_deref(),
        AuditAction::ReferralWithdraw,
        id,
        None,
    )?;
    view(conn, listed, false)
}

/// Sets referral `id`'s status (with the reason when it is declined), tells
/// its partner through their change feed, and returns it as now listed.
pub fn change_status(
    conn: &mut DbConnection,
    id: i64,
    next: ReferralStatus,
    decline: Option<(DeclineReason, Option<&str>)>,
) -> Result<ReferralListed, ApiError> {
    referrals::set_status(conn, id, next, decline)?;
    let listed = referrals::get(conn, id)?.ok_or(ApiError::NotFound)?;
    partner_feed::referral(
        conn,
        &listed.referral,
        PartnerEventKind::ReferralStatusChanged,
    )?;
    Ok(listed)
}
