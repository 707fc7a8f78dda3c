//! Referrals coming in: a partner refers a person (over the API or in the
//! partner view), or staff record one that came by phone, letter, e-mail, at a
//! meeting or from the person themselves.

use crate::auth::{PartnerClient, Staff};
use crate::error::ApiError;
use crate::use_cases::referrals::audit_referral;
use chrono::NaiveDate;
use stige_domain::partner::AgreementTerms;
use stige_domain::partner::PartnerEventKind;
use stige_domain::referral::{
    ReferralChannel, ReferralDraft, ReferralInput, check_recorded_source,
};
use stige_domain::{AuditAction, Capability, LadderId, ValidationErrors};
use stige_secrets::cipher::DataCipher;
use stige_store::audit::{self, AuditEvent};
use stige_store::participants::StoredNationalId;
use stige_store::referrals::{self, ReferralRow, ReferralSource};
use stige_store::{DbConnection, partner_feed, partners};
use stige_wire::{NewReferral, RecordedReferral};

/// A partner refers a person under its agreement: checked (422 naming each
/// field), only while the agreement takes referrals (409), stored with the
/// national id encrypted, in the partner's feed and audited.
pub fn refer(
    conn: &mut DbConnection,
    cipher: &DataCipher,
    p: &PartnerClient,
    input: &NewReferral,
    today: NaiveDate,
) -> Result<ReferralRow, ApiError> {
    let draft = ReferralDraft::parse(&referral_input(input), today)?;
    check_takes_referrals(conn, p.agreement)?;
    let source = ReferralSource {
        agreement: Some(p.agreement),
        ladder: p.ladder,
        // A partner user's referral names them, as a recorded one names staff.
        channel: if p.user().is_some() {
            ReferralChannel::PartnerView
        } else {
            ReferralChannel::Api
        },
        recorded_by: p.user().map(|u| u.0),
    };
    let row = receive(conn, cipher, source, &draft)?;
    audit_referral(
        conn,
        p.actor(),
        p.ip.as_deref(),
        AuditAction::ReferralCreate,
        row.id,
        None,
    )?;
    Ok(row)
}

/// Staff record a referral that came another way, on a partner's behalf
/// (`agreement_id`) or as a self-referral to a programme (`ladder_id`):
/// admins and coordinators of that programme; the same checks as a partner's.
pub fn record(
    conn: &mut DbConnection,
    cipher: &DataCipher,
    staff: &Staff,
    body: &RecordedReferral,
    today: NaiveDate,
) -> Result<ReferralRow, ApiError> {
    staff.require_that(Capability::TriageReferrals)?;
    let mut errors = ValidationErrors::new();
    let channel = check_recorded_source(
        body.channel,
        body.agreement_id.is_some(),
        body.ladder_id.is_some(),
        &mut errors,
    );
    // The programme: the agreement's, or the self-referral's; one the caller
    // triages for, else the field is wrong (nothing is said about others').
    let triages = |ladder: LadderId| staff.reach.may_in(ladder, Capability::TriageReferrals);
    let ladder = match (body.agreement_id, body.ladder_id) {
        (Some(a), _) => match partners::agreement(conn, a)? {
            Some(agreement) if triages(LadderId(agreement.ladder_id)) => {
                Some(LadderId(agreement.ladder_id))
            }
            _ => {
                errors.add("agreement_id", "is not an agreement of your programmes");
                None
            }
        },
        (None, Some(ladder)) if triages(ladder) => Some(ladder),
        (None, Some(_)) => {
            errors.add("ladder_id", "is not one of your programmes");
            None
        }
        (None, None) => None,
    };
    // The person's fields are checked even without a source, so that one
    // answer names every field to mend; a missing source is one of them.
    let draft = ReferralDraft::parse_from(
        channel.unwrap_or(ReferralChannel::Phone),
        &referral_input(&body.referral),
        today,
        errors.clone(),
    )?;
    let (Some(channel), Some(ladder)) = (channel, ladder) else {
        return Err(errors.into());
    };
    if let Some(agreement) = body.agreement_id {
        check_takes_referrals(conn, agreement)?;
    }
    let source = ReferralSource {
        agreement: body.agreement_id,
        ladder: ladder.0,
        channel,
        recorded_by: Some(staff.id.0),
    };
    let row = receive(conn, cipher, source, &draft)?;
    audit::record(
        conn,
        AuditEvent {
            actor: staff.actor(),
            action: AuditAction::ReferralRecord,
            participant: None,
            ip: staff.ip.as_deref(),
            detail: Some(format!("referral={} channel={}", row.id, channel.as_str())),
        },
    )?;
    Ok(row)
}

/// The fields of a referral as the domain reads them.
pub fn referral_input(input: &NewReferral) -> ReferralInput<'_> {
    ReferralInput {
        given_name: input.given_name.as_deref(),
        family_name: input.family_name.as_deref(),
        birth_date: input.birth_date,
        national_id: input.national_id.as_deref(),
        phone: input.phone.as_deref(),
        email: input.email.as_deref(),
        reason: input.reason.as_deref(),
        partner_contact: [
            input.partner_contact.name.as_deref(),
            input.partner_contact.phone.as_deref(),
            input.partner_contact.email.as_deref(),
        ],
        consent_collected: input.consent_collected,
    }
}

/// 409 unless the agreement is inside its period (404 if there is none).
fn check_takes_referrals(conn: &mut DbConnection, agreement: i64) -> Result<(), ApiError> {
    let agreement = partners::agreement(conn, agreement)?.ok_or(ApiError::NotFound)?;
    let terms = AgreementTerms {
        valid_from: agreement.valid_from,
        valid_to: agreement.valid_to,
        places: u32::try_from(agreement.places).unwrap_or(0),
    };
    if terms.takes_referrals_on(crate::calendar::today()) {
        Ok(())
    } else {
        Err(ApiError::Conflict(
            "The cooperation agreement is outside its period and takes no referrals.".into(),
        ))
    }
}

/// Stores a checked referral (its national id encrypted) and tells the partner's
/// feed; the caller audits.
fn receive(
    conn: &mut DbConnection,
    cipher: &stige_secrets::cipher::DataCipher,
    source: ReferralSource,
    draft: &ReferralDraft,
) -> Result<referrals::ReferralRow, ApiError> {
    let national_id = match &draft.national_id {
        Some(n) => Some(StoredNationalId {
            cipher: cipher.encrypt(n.expose())?,
            masked: n.masked(),
            kind: n.kind(),
            lookup: Some(cipher.lookup(n.expose())),
        }),
        None => None,
    };
    let row = referrals::insert(conn, source, draft, national_id.as_ref())?;
    partner_feed::referral(conn, &row, PartnerEventKind::ReferralReceived)?;
    Ok(row)
}
