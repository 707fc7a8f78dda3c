//! Everything Stige holds about a person (GDPR Art. 15 and 20), gathered for
//! their export.

use crate::auth::Staff;
use crate::error::ApiError;
use crate::use_cases::access::record;
use crate::use_cases::access_log::{answerable, described};
use crate::use_cases::research::shown;
use crate::use_cases::{
    activities, agreement_links, attendance, consent, contacts, follow_ups, goals, outcomes,
    participants, peers, placements, plans, rectifications, referrals, work_capacity,
};
use chrono::NaiveDate;
use stige_domain::{AuditAction, ParticipantId};
use stige_secrets::cipher::DataCipher;
use stige_store::{DbConnection, audit, partner_events};
use stige_wire::{ExportedPartnerEvent, ParticipantExport, RevealedNationalId};

/// Everything Stige holds about participant `id`, with the national identity
/// number in full, and the language of their programme for a printed page.
/// Admins and coordinators of the person's programme; 404 for everyone else.
/// The export is recorded in the audit (`participant.export`, with `format`).
pub fn export(
    conn: &mut DbConnection,
    staff: &Staff,
    cipher: &DataCipher,
    id: ParticipantId,
    format: &str,
    today: NaiveDate,
) -> Result<(ParticipantExport, String), ApiError> {
    let row = answerable(conn, staff, id)?;
    let national_id = match (&row.national_id_cipher, row.national_id_kind) {
        (Some(stored), Some(kind)) => Some(
            cipher
                .decrypt(stored)
                .map(|national_id| RevealedNationalId { national_id, kind })?,
        ),
        _ => None,
    };
    let language = stige_store::access_log::language_of(conn, row.ladder_id)?.unwrap_or_default();
    let participant = participants::detail_view(conn, row.clone(), today)?;
    let partner_events = partner_events::about(conn, id)?
        .into_iter()
        .map(|e| ExportedPartnerEvent {
            agreement_id: e.agreement_id,
            kind: e.kind.as_str().to_owned(),
            category: e.category,
            occurred_at: e.occurred_at,
            data: serde_json::from_str(&e.data).unwrap_or(serde_json::Value::String(e.data)),
        })
        .collect();
    let events = audit::touching(conn, id)?;
    let access_log = described(conn, events, id, row.ladder_id)?;
    let exported = ParticipantExport {
        generated_at: stige_store::now(),
        participant,
        national_id,
        goals: goals::of_participant(conn, id)?,
        follow_ups: follow_ups::of_participant(conn, id, true)?,
        attendance: attendance::everything(conn, id, today)?,
        consents: consent::ledger(conn, id)?,
        research_consent: shown(stige_store::research::consent(conn, id)?),
        referrals: referrals::of_participant(conn, id)?,
        agreement_links: agreement_links::links_of(conn, id, today)?,
        placements: placements::of_participant(conn, id, today)?,
        partner_events,
        outcomes: outcomes::outcomes_view(conn, &row)?,
        contact: contacts::card(conn, cipher, id, i64::MAX)?,
        plan: plans::plan_of(conn, id)?,
        activities: activities::enrolments_of(conn, &[id.0], today)?
            .into_iter()
            .map(|(_, e)| e)
            .collect(),
        work_days: work_capacity::days_of(conn, id)?,
        work_tasks: work_capacity::tasks_of(conn, row.ladder_id)?,
        peer_supports: {
            let p = peers::peers_of(conn, id, today)?;
            p.peers.into_iter().chain(p.supports).collect()
        },
        rectifications: rectifications::trail(conn, id, Some(cipher))?,
        access_log,
    };
    record(
        conn,
        staff,
        AuditAction::ParticipantExport,
        Some(id),
        Some(format!("format={format}")),
    )?;
    Ok((exported, language))
}
