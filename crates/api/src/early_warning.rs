//! Telling a partner's follow-up service of an early warning (issue 22, part 5),
//! in the transaction that records the absence: load what the rule needs, let the
//! domain decide ([`stige_domain::early_warning::to_tell`]), queue the message in
//! the outbox, remember it was told, append the partner's feed event and audit.

use crate::auth::Staff;
use crate::error::ApiError;
use crate::messages::{EarlyWarningMessage, early_warning};
use chrono::{Duration, NaiveDate};
use serde_json::json;
use stige_domain::AuditAction;
use stige_domain::consent::{ConsentEntry, SharingCategory, shared_categories};
use stige_domain::message::MessageState;
use stige_domain::partner::PartnerEventKind;
use stige_domain::partner::scope_from_text;
use stige_domain::{LadderId, ParticipantId, attendance};
use stige_store::early_warnings::{self, NewNotice};
use stige_store::invitations::{self, NewMessage};
use stige_store::participants::ParticipantRow;
use stige_store::partner_events::{self, NewPartnerEvent};
use stige_store::within::Within;
use stige_store::{DbConnection, consents, partners};

/// The audit action of a warning told.
pub const TOLD: AuditAction = AuditAction::AttendanceEarlyWarning;

/// Days of marks read back to find the run of absences (a run longer than
/// this was told long ago).
const LOOK_BACK_DAYS: i64 = 31;

/// Tells the follow-up service of each agreement following `participant`, if
/// the person's latest run of absences without notice has reached the warning
/// and that agreement and the person's consent to its partner share it, once per
/// run and agreement. Returns how many were told.
pub fn tell_if_due(
    conn: &mut DbConnection,
    staff: &Staff,
    participant: ParticipantId,
    today: NaiveDate,
    delivery: crate::mail::Delivery,
) -> Result<usize, ApiError> {
    let Some(row) = stige_store::participants::get(conn, Within::Installation, participant)? else {
        return Ok(0);
    };
    let following = stige_store::agreement_links::in_force(conn, participant, today)?;
    if following.is_empty() {
        return Ok(0);
    }
    let marks = stige_store::attendance::marks(
        conn,
        participant,
        today - Duration::days(LOOK_BACK_DAYS),
        today,
    )?;
    let run = attendance::absence_run(&marks);
    let mut told = 0;
    for agreement in following {
        if tell_one(conn, staff, &row, agreement, run, today, delivery)? {
            told += 1;
        }
    }
    Ok(told)
}

/// Tells one agreement's follow-up service, if the rule says so.
fn tell_one(
    conn: &mut DbConnection,
    staff: &Staff,
    row: &ParticipantRow,
    agreement: i64,
    run: Option<attendance::AbsenceRun>,
    today: NaiveDate,
    delivery: crate::mail::Delivery,
) -> Result<bool, ApiError> {
    let participant = ParticipantId(row.id);
    let Some(agreement) = partners::agreement(conn, agreement)? else {
        return Ok(false);
    };
    let ledger: Vec<ConsentEntry> = consents::ledgers(conn, agreement.partner_id, &[row.id])?
        .into_iter()
        .map(|(_, e)| e)
        .collect();
    let shared = shared_categories(&scope_from_text(&agreement.sharing_scope), &ledger, today);
    let told = early_warnings::told(conn, participant, agreement.id)?;
    let Some(run) = stige_domain::early_warning::to_tell(run, &shared, &told) else {
        return Ok(false);
    };
    let (ladder, _) = stige_store::ladders::with_steps(conn, LadderId(row.ladder_id))?
        .ok_or(ApiError::NotFound)?;
    let organisation =
        stige_store::organisations::get(conn, ladder.organisation_id)?.ok_or(ApiError::NotFound)?;
    let language = organisation.default_language;
    let (subject, body) = early_warning(&EarlyWarningMessage {
        language,
        contact_name: &agreement.follow_up_name,
        programme: &ladder.name,
        organisation: &organisation.name,
        days: run.days,
        since: run.since,
        reference: row.id,
    });
    // Without an e-mail address the message is kept for staff to phone.
    let (recipient, state) = if agreement.follow_up_email.is_empty() {
        (agreement.follow_up_phone.clone(), MessageState::Kept)
    } else {
        (agreement.follow_up_email.clone(), delivery.initial_state())
    };
    let message = invitations::enqueue(
        conn,
        &NewMessage {
            placement: None,
            recipient: &recipient,
            subject: &subject,
            body: &body,
            language,
            state,
            sealed_link: None,
        },
    )?;
    let days = i32::try_from(run.days).unwrap_or(i32::MAX);
    early_warnings::insert(
        conn,
        &NewNotice {
            participant,
            agreement: agreement.id,
            absent_since: run.since,
            days,
            outbox: Some(message),
            recipient: &recipient,
        },
    )?;
    partner_events::append(
        conn,
        &NewPartnerEvent {
            agreement: agreement.id,
            kind: PartnerEventKind::ParticipantEarlyWarning,
            referral: None,
            participant: Some(row.id),
            category: Some(SharingCategory::EarlyWarning),
            data: json!({ "days": run.days, "since": run.since }).to_string(),
        },
    )?;
    crate::routes::participants::record(
        conn,
        staff,
        TOLD,
        Some(participant),
        Some(format!("agreement={} since={}", agreement.id, run.since)),
    )?;
    Ok(true)
}
