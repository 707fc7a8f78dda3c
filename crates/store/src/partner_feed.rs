//! What a change tells the partners following a person: appends to their
//! change feeds, in the transaction of the change itself.

use crate::DbConnection;
use crate::participants::ParticipantRow;
use crate::partner_events::{self, NewPartnerEvent};
use crate::referrals::ReferralRow;
use diesel::QueryResult;
use serde_json::json;
use stige_domain::consent::SharingCategory;
use stige_domain::partner::PartnerEventKind;
use stige_domain::{EnrolmentStatus, ExitOutcome};

/// A referral was received or changed status (the partner always sees its own).
pub fn referral(
    conn: &mut DbConnection,
    r: &ReferralRow,
    kind: PartnerEventKind,
) -> QueryResult<()> {
    // A self-referral has no partner to tell.
    let Some(agreement) = r.agreement_id else {
        return Ok(());
    };
    partner_events::append(
        conn,
        &NewPartnerEvent {
            agreement,
            kind,
            referral: Some(r.id),
            participant: r.participant_id,
            category: None,
            data: json!({
                "status": r.status,
                "decline_reason": r.decline_reason,
                "participant_id": r.participant_id,
            })
            .to_string(),
        },
    )?;
    Ok(())
}

/// The agreements following `p` on `date`: each gets its own event.
fn following(
    conn: &mut DbConnection,
    p: &ParticipantRow,
    date: chrono::NaiveDate,
) -> QueryResult<Vec<i64>> {
    crate::agreement_links::in_force(conn, stige_domain::ParticipantId(p.id), date)
}

/// A participant under agreements changed status; on exit also the outcome.
pub fn participant_status(
    conn: &mut DbConnection,
    p: &ParticipantRow,
    status: EnrolmentStatus,
    date: chrono::NaiveDate,
    outcome: Option<ExitOutcome>,
) -> QueryResult<()> {
    for agreement in following(conn, p, date)? {
        status_events(conn, p, agreement, status, date, outcome)?;
    }
    Ok(())
}

fn status_events(
    conn: &mut DbConnection,
    p: &ParticipantRow,
    agreement: i64,
    status: EnrolmentStatus,
    date: chrono::NaiveDate,
    outcome: Option<ExitOutcome>,
) -> QueryResult<()> {
    partner_events::append(
        conn,
        &NewPartnerEvent {
            agreement,
            kind: PartnerEventKind::ParticipantStatusChanged,
            referral: None,
            participant: Some(p.id),
            category: Some(SharingCategory::EnrolmentStatus),
            data: json!({ "status": status, "date": date }).to_string(),
        },
    )?;
    if let Some(outcome) = outcome {
        partner_events::append(
            conn,
            &NewPartnerEvent {
                agreement,
                kind: PartnerEventKind::ParticipantExited,
                referral: None,
                participant: Some(p.id),
                category: Some(SharingCategory::Outcome),
                data: json!({ "outcome": outcome, "date": date }).to_string(),
            },
        )?;
    }
    Ok(())
}

/// A participant under agreements moved to another step.
pub fn participant_moved(
    conn: &mut DbConnection,
    p: &ParticipantRow,
    step: (i64, &str),
    date: chrono::NaiveDate,
) -> QueryResult<()> {
    for agreement in following(conn, p, date)? {
        partner_events::append(
            conn,
            &NewPartnerEvent {
                agreement,
                kind: PartnerEventKind::ParticipantMoved,
                referral: None,
                participant: Some(p.id),
                category: Some(SharingCategory::CurrentStep),
                data: json!({ "step": { "id": step.0, "name": step.1 }, "date": date }).to_string(),
            },
        )?;
    }
    Ok(())
}
