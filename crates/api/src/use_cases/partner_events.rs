//! A partner's change feed: what happened to its referrals and participants,
//! in order and resumable, filtered by consent.

use crate::auth::PartnerClient;
use crate::error::ApiError;
use crate::use_cases::partner_reads::shared_with;
use stige_domain::{AuditAction, ParticipantId, ValidationErrors};
use stige_store::DbConnection;
use stige_store::audit::{self, AuditEvent};
use stige_store::partner_events::{self, PartnerEventRow};
use stige_wire::{EventsPage, EventsQuery, PartnerEvent};

const DEFAULT_LIMIT: i64 = 100;
const MAX_LIMIT: i64 = 500;

/// The partner's events after the cursor `query.after` (from the start
/// without one), at most `query.limit` of them, oldest first: status
/// changes, step moves and exits of its referrals and participants. An event
/// about a category the person has not consented to share (or that the
/// agreement does not cover) is left out, also when consent is revoked
/// later. The read is audited with the people listed; a bad cursor or limit
/// is a 422 naming it.
pub fn changes(
    conn: &mut DbConnection,
    partner: &PartnerClient,
    query: &EventsQuery,
) -> Result<EventsPage, ApiError> {
    let (after, limit) = page_asked(query)?;
    let mut rows = partner_events::after(conn, partner.agreement, after, limit + 1)?;
    let has_more = i64::try_from(rows.len()).unwrap_or(i64::MAX) > limit;
    rows.truncate(usize::try_from(limit).unwrap_or(0));
    let next_cursor = rows.last().map_or(after, |r| r.id);
    let mut people: Vec<i64> = rows.iter().filter_map(|r| r.participant_id).collect();
    people.sort_unstable();
    people.dedup();
    let shared = shared_with(conn, partner, &people)?;
    let events: Vec<PartnerEvent> = rows
        .into_iter()
        .filter(|r| match r.category {
            None => true,
            Some(c) => shared
                .iter()
                .any(|(p, set)| Some(*p) == r.participant_id && set.contains(&c)),
        })
        .map(to_event)
        .collect();
    let mut listed: Vec<ParticipantId> = events.iter().filter_map(|e| e.participant_id).collect();
    listed.dedup();
    audit::record_with_participants(
        conn,
        AuditEvent {
            actor: partner.actor(),
            action: AuditAction::EventsRead,
            participant: None,
            ip: partner.ip.as_deref(),
            detail: Some(format!("after={after} count={}", events.len())),
        },
        &listed,
    )?;
    Ok(EventsPage {
        events,
        next_cursor: next_cursor.to_string(),
        has_more,
    })
}

/// The cursor to resume after (0: from the start) and how many events to
/// answer, from the query; 422 naming each that is wrong.
fn page_asked(query: &EventsQuery) -> Result<(i64, i64), ApiError> {
    let mut errors = ValidationErrors::new();
    let after = match query
        .after
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty())
    {
        None => 0,
        Some(a) => match a.parse::<i64>() {
            Ok(n) if n >= 0 => n,
            _ => {
                errors.add("after", "is not a cursor from this feed");
                0
            }
        },
    };
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        errors.add("limit", format!("must be between 1 and {MAX_LIMIT}"));
    }
    Ok(errors.into_result((after, limit))?)
}

/// One event as the partner reads it.
fn to_event(r: PartnerEventRow) -> PartnerEvent {
    PartnerEvent {
        cursor: r.id.to_string(),
        kind: r.kind.as_str().to_owned(),
        referral_id: r.referral_id,
        participant_id: r.participant_id.map(ParticipantId),
        occurred_at: r.occurred_at,
        data: serde_json::from_str(&r.data).unwrap_or(serde_json::Value::Null),
    }
}
