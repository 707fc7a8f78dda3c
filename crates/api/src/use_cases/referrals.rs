//! Referrals: who may see one, and the audit event of what is done with it.

use crate::auth::Caller;
use crate::error::ApiError;
use crate::use_cases::partner_reads;
use stige_domain::{AuditAction, Capability, LadderId, ParticipantId};
use stige_store::DbConnection;
use stige_store::audit::{self, Actor, AuditEvent};
use stige_store::referrals::{self, ReferralListed};

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
