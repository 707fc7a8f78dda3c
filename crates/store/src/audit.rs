//! Audit events: who did what to which participant's data, when, from where.

use crate::read_events;
use crate::schema::audit_events;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use stige_domain::{ParticipantId, UserId};

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

/// One event to record.
#[derive(Debug, Clone)]
pub struct AuditEvent<'a> {
    pub actor: Actor,
    /// A stable dotted name, e.g. `participant.read`, `participant.move`.
    pub action: &'a str,
    pub participant: Option<ParticipantId>,
    pub ip: Option<&'a str>,
    /// Short, non-sensitive context (ids, field names; never health details).
    pub detail: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable, PartialEq)]
#[diesel(table_name = audit_events)]
pub struct AuditRow {
    pub id: i64,
    pub at: NaiveDateTime,
    pub actor_kind: String,
    pub actor_id: Option<i64>,
    pub action: String,
    pub participant_id: Option<i64>,
    pub ip: Option<String>,
    pub detail: Option<String>,
}

pub fn record(conn: &mut DbConnection, event: AuditEvent<'_>) -> QueryResult<()> {
    let (kind, actor_id) = actor_columns(event.actor);
    diesel::insert_into(audit_events::table)
        .values((
            audit_events::at.eq(crate::now()),
            audit_events::actor_kind.eq(kind),
            audit_events::actor_id.eq(actor_id),
            audit_events::action.eq(event.action),
            audit_events::participant_id.eq(event.participant.map(|p| p.0)),
            audit_events::ip.eq(event.ip),
            audit_events::detail.eq(event.detail),
        ))
        .execute(conn)?;
    Ok(())
}

/// The events of reads, with one INSERT (see [`crate::read_audit`]); on SQLite
/// into the reads file (see [`crate::read_events`]).
pub fn record_reads(
    conn: &mut DbConnection,
    events: &[crate::read_audit::ReadEvent],
) -> QueryResult<()> {
    let at = crate::now();
    let c = match conn {
        DbConnection::Sqlite(c) => {
            read_events::insert(c, at, events)?;
            return Ok(());
        }
        DbConnection::Pg(c) => c,
    };
    let rows: Vec<_> = events
        .iter()
        .map(|e| {
            let (kind, actor_id) = actor_columns(e.actor);
            (
                audit_events::at.eq(at),
                audit_events::actor_kind.eq(kind),
                audit_events::actor_id.eq(actor_id),
                audit_events::action.eq(e.action),
                audit_events::participant_id.eq(e.participant.map(|p| p.0)),
                audit_events::ip.eq(e.ip.as_deref()),
                audit_events::detail.eq(e.detail.as_deref()),
            )
        })
        .collect();
    diesel::insert_into(audit_events::table)
        .values(&rows)
        .execute(c)?;
    Ok(())
}

pub(crate) fn actor_columns(actor: Actor) -> (&'static str, Option<i64>) {
    match actor {
        Actor::User(id) => ("user", Some(id.0)),
        Actor::System => ("system", None),
        Actor::Anonymous => ("anonymous", None),
        Actor::Partner(id) => ("partner", Some(id)),
    }
}

/// A participant's audit trail, oldest first: events of changes and of reads.
pub fn for_participant(
    conn: &mut DbConnection,
    participant: ParticipantId,
) -> QueryResult<Vec<AuditRow>> {
    let events = audit_events::table
        .filter(audit_events::participant_id.eq(participant.0))
        .order(audit_events::id.asc())
        .select(AuditRow::as_select())
        .load(conn)?;
    match conn {
        DbConnection::Sqlite(c) => Ok(oldest_first(
            events,
            read_events::for_participant(c, participant.0)?,
        )),
        DbConnection::Pg(_) => Ok(events),
    }
}

/// All events with this action, oldest first.
pub fn with_action(conn: &mut DbConnection, action: &str) -> QueryResult<Vec<AuditRow>> {
    let events = audit_events::table
        .filter(audit_events::action.eq(action))
        .order(audit_events::id.asc())
        .select(AuditRow::as_select())
        .load(conn)?;
    match conn {
        DbConnection::Sqlite(c) => Ok(oldest_first(events, read_events::with_action(c, action)?)),
        DbConnection::Pg(_) => Ok(events),
    }
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
