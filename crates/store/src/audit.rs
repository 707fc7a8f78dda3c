//! Audit events: who did what to which participant's data, when, from where.

use crate::audit_chain::{self, Entry, Log, on_table, row_columns};
use crate::read_events;
use crate::schema::audit_events;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use stige_domain::{AuditAction, ParticipantId, UserId};

use crate::DbConnection;

/// Who acted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    User(UserId),
    /// Stige itself (demo data, migrations).
    System,
    /// Someone not logged in (a failed login).
    Anonymous,
    /// A partner's API client (its row id).
    Partner(i64),
}

/// The audit event of one read, owned so it can cross to the writer thread.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadEvent {
    pub actor: Actor,
    pub action: AuditAction,
    pub participant: Option<ParticipantId>,
    /// The participants a list returned, in its order.
    pub participants: Vec<ParticipantId>,
    pub ip: Option<String>,
    /// Short, non-sensitive context (ids; never health details).
    pub detail: Option<String>,
}

impl ReadEvent {
    /// The event with the participants the request returned (a list, an extract).
    #[must_use]
    pub fn with_participants(mut self, participants: &[ParticipantId]) -> Self {
        self.participants = participants.to_vec();
        self
    }
}

/// One event to record.
#[derive(Debug, Clone)]
pub struct AuditEvent<'a> {
    pub actor: Actor,
    pub action: AuditAction,
    pub participant: Option<ParticipantId>,
    pub ip: Option<&'a str>,
    /// Short, non-sensitive context (ids, field names; never health details).
    pub detail: Option<String>,
}

pub use crate::audit_chain::AuditRow;

/// Records `event`, chained to the log's last event. On PostgreSQL this takes
/// the log's append lock until the transaction ends (see
/// [`crate::audit_chain`]): record a transaction's events after its other
/// writes, so no transaction waits for a row while holding the lock.
pub fn record(conn: &mut DbConnection, event: AuditEvent<'_>) -> QueryResult<()> {
    record_with_participants(conn, event, &[])
}

/// Records `event` together with the participants the request returned (a
/// list, an extract), so [`touching`] finds it for each of them.
pub fn record_with_participants(
    conn: &mut DbConnection,
    event: AuditEvent<'_>,
    participants: &[ParticipantId],
) -> QueryResult<()> {
    let entry = Entry {
        request_id: crate::request::current(),
        ..entry(
            crate::now(),
            event.actor,
            event.action,
            event.participant,
            participants,
            event.ip,
            event.detail,
        )
    };
    audit_chain::append(conn, Log::Changes, &[entry])
}

fn entry(
    at: NaiveDateTime,
    actor: Actor,
    action: AuditAction,
    participant: Option<ParticipantId>,
    participants: &[ParticipantId],
    ip: Option<&str>,
    detail: Option<String>,
) -> Entry {
    let (actor_kind, actor_id) = actor_columns(actor);
    Entry {
        at: audit_chain::stored_instant(at),
        actor_kind,
        actor_id,
        action: action.as_str().to_owned(),
        participant_id: participant.map(|p| p.0),
        participant_ids: audit_chain::id_list(participants.iter().map(|p| p.0)),
        ip: ip.map(str::to_owned),
        detail,
        request_id: None,
    }
}

/// The events of reads, appended together (see [`crate::read_audit`]); on
/// SQLite to the read log (see [`crate::read_events`]).
pub fn record_reads(conn: &mut DbConnection, events: &[ReadEvent]) -> QueryResult<()> {
    record_reads_of(conn, events, &[])
}

/// Like [`record_reads`], each event with the id of the request that read
/// (`request_ids[i]` for `events[i]`; none where missing).
pub fn record_reads_of(
    conn: &mut DbConnection,
    events: &[ReadEvent],
    request_ids: &[Option<String>],
) -> QueryResult<()> {
    let at = crate::now();
    let entries: Vec<Entry> = events
        .iter()
        .enumerate()
        .map(|(i, e)| Entry {
            request_id: request_ids.get(i).cloned().flatten(),
            ..entry(
                at,
                e.actor,
                e.action,
                e.participant,
                &e.participants,
                e.ip.as_deref(),
                e.detail.clone(),
            )
        })
        .collect();
    let log = match conn {
        DbConnection::Sqlite(_) => Log::Reads,
        DbConnection::Pg(_) => Log::Changes,
    };
    audit_chain::append(conn, log, &entries)
}

pub(crate) fn actor_columns(actor: Actor) -> (&'static str, Option<i64>) {
    match actor {
        Actor::User(id) => ("user", Some(id.0)),
        Actor::System => ("system", None),
        Actor::Anonymous => ("anonymous", None),
        Actor::Partner(id) => ("partner", Some(id)),
    }
}

/// The events about `participant` alone (a page, a change), oldest first:
/// of changes and of reads. [`touching`] adds the lists they were in.
pub fn for_participant(
    conn: &mut DbConnection,
    participant: ParticipantId,
) -> QueryResult<Vec<AuditRow>> {
    let x = participant.0;
    from_each_log(conn, |log, conn| {
        on_table!(log, t => t::table
            .filter(t::participant_id.eq(x))
            .order(t::id.asc())
            .select(row_columns!(t))
            .load(conn))
    })
}

/// Every event that touched `participant`, oldest first: those about them
/// alone and every list or extract that returned them. The lists are found
/// by a scan of the events that carry lists (see [`crate::audit_chain`] on
/// why there is no index per listed participant).
pub fn touching(conn: &mut DbConnection, participant: ParticipantId) -> QueryResult<Vec<AuditRow>> {
    let x = participant.0;
    let listed = format!("%,{x},%");
    from_each_log(conn, |log, conn| {
        on_table!(log, t => t::table
            .filter(t::participant_id.eq(x).or(t::participant_ids.like(&listed)))
            .order(t::id.asc())
            .select(row_columns!(t))
            .load(conn))
    })
}

/// All events with this action, oldest first.
pub fn with_action(conn: &mut DbConnection, action: AuditAction) -> QueryResult<Vec<AuditRow>> {
    from_each_log(conn, |log, conn| {
        on_table!(log, t => t::table
            .filter(t::action.eq(action.as_str()))
            .order(t::id.asc())
            .select(row_columns!(t))
            .load(conn))
    })
}

/// What `find` finds in each log of the database, oldest first.
fn from_each_log(
    conn: &mut DbConnection,
    mut find: impl FnMut(Log, &mut DbConnection) -> QueryResult<Vec<AuditRow>>,
) -> QueryResult<Vec<AuditRow>> {
    let mut found = find(Log::Changes, conn)?;
    if let DbConnection::Sqlite(_) = conn {
        found = oldest_first(found, find(Log::Reads, conn)?);
    }
    Ok(found)
}

/// All events, of changes and of reads.
pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
    let events: i64 = audit_events::table.count().get_result(conn)?;
    match conn {
        DbConnection::Sqlite(c) => Ok(events + read_events::count(c)?),
        DbConnection::Pg(_) => Ok(events),
    }
}

/// Two lists, each oldest first, as one; at the same instant changes come first.
fn oldest_first(mut changes: Vec<AuditRow>, reads: Vec<AuditRow>) -> Vec<AuditRow> {
    changes.extend(reads);
    // Stable: each list keeps its own order among equal times.
    changes.sort_by_key(|e| e.at);
    changes
}
