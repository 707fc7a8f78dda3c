//! The hash chain over the audit logs: every event carries the SHA-256 of the
//! event before it (its `hash`) and of its own fields, so altering or removing
//! a row breaks the link of the row after it, and [`verify`] (behind `stige
//! audit verify`) finds the first broken one.
//!
//! The logs, each one chain in id order: `audit_events` (on PostgreSQL every
//! event; on SQLite the events of changes) and, on SQLite, the read log
//! `read_events` in its own file (see [`crate::read_events`]). Appends to a
//! log are serialised, so no two take the same previous hash: on PostgreSQL by
//! an advisory lock held by the appending transaction until it commits (the
//! next appender then sees its row), on SQLite by the database's write lock
//! (`BEGIN IMMEDIATE`, or the write transaction the event is part of). The read
//! events arrive in batches from one writer thread (see [`crate::read_audit`]),
//! so a list or page adds a hash of a few hundred bytes and no round trip of
//! its own: the lock and the last hash are taken once per batch.
//!
//! The chain cannot tell that rows were cut off its end: note the last hash
//! that `verify` prints (e.g. in the operations log) to check that later.

use crate::DbConnection;
use chrono::{NaiveDateTime, Timelike};
use diesel::connection::{AnsiTransactionManager, TransactionManager};
use diesel::prelude::*;
use sha2::{Digest, Sha256};
use stige_domain::ParticipantId;

/// The "previous hash" of a log's first event.
const GENESIS: &str = "";

/// The advisory lock that serialises appends on PostgreSQL ("StigeAud").
const PG_APPEND_LOCK: i64 = 0x5374_6967_6541_7564;

/// Rows read at a time while sealing or verifying.
const CHUNK: i64 = 5_000;

/// One audit log, a chain of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Log {
    /// `audit_events`.
    Changes,
    /// SQLite's `read_events`, in the read log file.
    Reads,
}

impl Log {
    /// The table, as named in reports.
    pub fn table(self) -> &'static str {
        match self {
            Self::Changes => "audit_events",
            Self::Reads => "read_events",
        }
    }
}

/// The logs of the database `conn` is connected to.
pub fn logs(conn: &DbConnection) -> &'static [Log] {
    match conn {
        DbConnection::Sqlite(_) => &[Log::Changes, Log::Reads],
        DbConnection::Pg(_) => &[Log::Changes],
    }
}

/// Runs `$body` with `$t` naming the diesel table module of `$log`.
macro_rules! on_table {
    ($log:expr, $t:ident => $body:expr) => {
        match $log {
            Log::Changes => {
                use crate::schema::audit_events as $t;
                $body
            }
            Log::Reads => {
                use crate::read_events::read_events as $t;
                $body
            }
        }
    };
}

/// An audit row's columns in [`AuditRow`]'s order.
macro_rules! row_columns {
    ($t:ident) => {
        (
            $t::id,
            $t::at,
            $t::actor_kind,
            $t::actor_id,
            $t::action,
            $t::participant_id,
            $t::ip,
            $t::detail,
            $t::participant_ids,
            $t::hash,
            $t::request_id,
        )
    };
}
pub(crate) use {on_table, row_columns};

/// One event to append, its fields as they are stored.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub at: NaiveDateTime,
    pub actor_kind: &'static str,
    pub actor_id: Option<i64>,
    pub action: String,
    pub participant_id: Option<i64>,
    /// `,3,1,7,`: the participants a request returned, in its order.
    pub participant_ids: Option<String>,
    pub ip: Option<String>,
    pub detail: Option<String>,
    /// The request that made the event (see [`crate::request`]).
    pub request_id: Option<String>,
}

/// `at` as both databases keep it: to the microsecond.
pub(crate) fn stored_instant(at: NaiveDateTime) -> NaiveDateTime {
    at.with_nanosecond(at.nanosecond() / 1_000 * 1_000)
        .unwrap_or(at)
}

/// The ids as stored in `participant_ids`: `,3,1,7,` (the commas at both ends
/// let `LIKE '%,7,%'` find one id); `None` for none.
pub(crate) fn id_list(ids: impl IntoIterator<Item = i64>) -> Option<String> {
    let mut text = String::from(",");
    for id in ids {
        text.push_str(&id.to_string());
        text.push(',');
    }
    (text.len() > 1).then_some(text)
}

/// The fields a link covers, borrowed from a new entry or a stored row.
struct Fields<'a> {
    at: NaiveDateTime,
    actor_kind: &'a str,
    actor_id: Option<i64>,
    action: &'a str,
    participant_id: Option<i64>,
    participant_ids: Option<&'a str>,
    ip: Option<&'a str>,
    detail: Option<&'a str>,
    request_id: Option<&'a str>,
}

impl Entry {
    fn fields(&self) -> Fields<'_> {
        Fields {
            at: self.at,
            actor_kind: self.actor_kind,
            actor_id: self.actor_id,
            action: &self.action,
            participant_id: self.participant_id,
            participant_ids: self.participant_ids.as_deref(),
            ip: self.ip.as_deref(),
            detail: self.detail.as_deref(),
            request_id: self.request_id.as_deref(),
        }
    }
}

impl AuditRow {
    fn fields(&self) -> Fields<'_> {
        Fields {
            at: self.at,
            actor_kind: &self.actor_kind,
            actor_id: self.actor_id,
            action: &self.action,
            participant_id: self.participant_id,
            participant_ids: self.participant_ids.as_deref(),
            ip: self.ip.as_deref(),
            detail: self.detail.as_deref(),
            request_id: self.request_id.as_deref(),
        }
    }
}

/// The hash of a row: SHA-256 over the previous row's hash and the row's
/// fields, each as `-` when empty or `<length>:<text>`, so no two different
/// rows give the same input. The request id, added later, is put last and
/// only when there is one, so the rows from before it keep their hashes.
/// Lowercase hex.
fn link(previous: &str, f: &Fields<'_>) -> String {
    let mut h = Sha256::new();
    let mut put = |value: Option<&str>| match value {
        None => h.update(b"-"),
        Some(text) => {
            h.update(text.len().to_string().as_bytes());
            h.update(b":");
            h.update(text.as_bytes());
        }
    };
    put(Some(previous));
    put(Some(&f.at.format("%Y-%m-%dT%H:%M:%S%.6f").to_string()));
    put(Some(f.actor_kind));
    put(f.actor_id.map(|id| id.to_string()).as_deref());
    put(Some(f.action));
    put(f.participant_id.map(|id| id.to_string()).as_deref());
    put(f.participant_ids);
    put(f.ip);
    put(f.detail);
    if let Some(request_id) = f.request_id {
        put(Some(request_id));
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Runs `f` with `log`'s appends serialised (see the module doc): in the
/// caller's transaction if there is one (as a savepoint), else in one of its own.
fn serialised<T>(
    conn: &mut DbConnection,
    f: impl FnOnce(&mut DbConnection) -> QueryResult<T>,
) -> QueryResult<T> {
    let in_sqlite_transaction = match conn {
        DbConnection::Sqlite(c) => AnsiTransactionManager::transaction_manager_status_mut(c)
            .transaction_depth()?
            .is_some(),
        DbConnection::Pg(_) => false,
    };
    match conn {
        DbConnection::Pg(_) => conn.transaction(|conn| {
            diesel::sql_query(format!("SELECT pg_advisory_xact_lock({PG_APPEND_LOCK})"))
                .execute(conn)?;
            f(conn)
        }),
        // SQLite: the caller's transaction holds (or takes at its first write)
        // the write lock; alone, take it at the start, so no other writer
        // appends between reading the last hash and inserting.
        DbConnection::Sqlite(_) if in_sqlite_transaction => conn.transaction(f),
        DbConnection::Sqlite(_) => crate::immediate::immediate(conn, f),
    }
}

/// Appends `entries` to `log`, each chained to the one before.
pub(crate) fn append(conn: &mut DbConnection, log: Log, entries: &[Entry]) -> QueryResult<()> {
    if entries.is_empty() {
        return Ok(());
    }
    if let DbConnection::Pg(pg) = conn {
        return append_in_postgres(pg, entries);
    }
    serialised(conn, |conn| {
        let mut previous = match last(conn, log)? {
            None => GENESIS.to_owned(),
            Some(Some(hash)) => hash,
            // Rows from before the chain that were not sealed yet.
            Some(None) => {
                seal_unchained(conn, log)?;
                last(conn, log)?.flatten().unwrap_or_default()
            }
        };
        let rows: Vec<_> = entries
            .iter()
            .map(|e| {
                previous = link(&previous, &e.fields());
                (e, previous.clone())
            })
            .collect();
        on_table!(log, t => {
            let values: Vec<_> = rows
                .iter()
                .map(|(e, hash)| {
                    (
                        t::at.eq(e.at),
                        t::actor_kind.eq(e.actor_kind),
                        t::actor_id.eq(e.actor_id),
                        t::action.eq(&e.action),
                        t::participant_id.eq(e.participant_id),
                        t::participant_ids.eq(e.participant_ids.as_deref()),
                        t::ip.eq(e.ip.as_deref()),
                        t::detail.eq(e.detail.as_deref()),
                        t::hash.eq(hash),
                        t::request_id.eq(e.request_id.as_deref()),
                    )
                })
                .collect();
            // One statement for the batch; the multi-backend connection has
            // no multi-row INSERT, so on each backend's own.
            let insert = diesel::insert_into(t::table).values(&values);
            match conn {
                DbConnection::Sqlite(c) => insert.execute(c)?,
                DbConnection::Pg(c) => insert.execute(c)?,
            };
        });
        Ok(())
    })
}

/// On PostgreSQL, one call of the database function `audit_events_append`
/// (migration `audit_append`): it takes the append lock, reads the last hash
/// and inserts the entries, each linked as [`link`] links it, in one round
/// trip instead of four (lock, last hash, insert, and the transaction around
/// them). The lock is held until the caller's transaction ends, or the call's
/// own when there is none. `verify` checks its links with [`link`], and the
/// store tests append both ways and verify the chain.
fn append_in_postgres(conn: &mut diesel::PgConnection, entries: &[Entry]) -> QueryResult<()> {
    let rows: Vec<serde_json::Value> = entries
        .iter()
        .map(|e| {
            serde_json::json!({
                "at": e.at.format("%Y-%m-%dT%H:%M:%S%.6f").to_string(),
                "actor_kind": e.actor_kind,
                "actor_id": e.actor_id,
                "action": e.action,
                "participant_id": e.participant_id,
                "participant_ids": e.participant_ids,
                "ip": e.ip,
                "detail": e.detail,
                "request_id": e.request_id,
            })
        })
        .collect();
    diesel::sql_query("SELECT audit_events_append(CAST($1 AS JSONB))")
        .bind::<diesel::sql_types::Text, _>(serde_json::Value::Array(rows).to_string())
        .execute(conn)?;
    Ok(())
}

/// The last row's hash: `None` for an empty log, `Some(None)` for a row not chained yet.
fn last(conn: &mut DbConnection, log: Log) -> QueryResult<Option<Option<String>>> {
    on_table!(log, t => t::table
        .select(t::hash)
        .order(t::id.desc())
        .first::<Option<String>>(conn)
        .optional())
}

/// Up to `limit` rows of `log` after id `after`, in id order.
fn rows_after(
    conn: &mut DbConnection,
    log: Log,
    after: i64,
    limit: i64,
) -> QueryResult<Vec<AuditRow>> {
    on_table!(log, t => t::table
        .filter(t::id.gt(after))
        .order(t::id.asc())
        .limit(limit)
        .select(row_columns!(t))
        .load(conn))
}

/// Chains the rows of `log` written before there was a chain (the rows the
/// migration `audit_chain` found), in id order; returns how many. The
/// insert-only trigger lets this one update through: a hash given to a row
/// that has none, nothing else changed.
pub fn seal(conn: &mut DbConnection, log: Log) -> QueryResult<u64> {
    serialised(conn, |conn| seal_unchained(conn, log))
}

fn seal_unchained(conn: &mut DbConnection, log: Log) -> QueryResult<u64> {
    let first: Option<i64> = on_table!(log, t => t::table
        .filter(t::hash.is_null())
        .select(diesel::dsl::min(t::id))
        .first(conn)?);
    let Some(first) = first else {
        return Ok(0);
    };
    let mut previous: String = on_table!(log, t => t::table
        .filter(t::id.lt(first))
        .order(t::id.desc())
        .select(t::hash)
        .first::<Option<String>>(conn)
        .optional()?)
    .flatten()
    .unwrap_or_else(|| GENESIS.to_owned());
    let (mut after, mut sealed) = (first - 1, 0);
    loop {
        let rows = rows_after(conn, log, after, CHUNK)?;
        let Some(end) = rows.last().map(|r| r.id) else {
            return Ok(sealed);
        };
        for row in rows {
            previous = match row.hash {
                Some(hash) => hash,
                None => {
                    let hash = link(&previous, &row.fields());
                    on_table!(log, t => diesel::update(t::table.find(row.id))
                        .set(t::hash.eq(&hash))
                        .execute(conn)?);
                    sealed += 1;
                    hash
                }
            };
        }
        after = end;
    }
}

/// What is wrong with a link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// The row has no hash: it was not chained (or its hash was removed).
    Unchained,
    /// The row's hash is not the hash of its fields and the row before it:
    /// the row was altered, or a row before it was removed or altered.
    Mismatch,
}

/// The first broken link of a log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken {
    pub log: Log,
    pub id: i64,
    pub fault: Fault,
}

impl std::fmt::Display for Broken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (table, id) = (self.log.table(), self.id);
        match self.fault {
            Fault::Unchained => write!(f, "{table} row {id} has no hash: it is not chained"),
            Fault::Mismatch => write!(
                f,
                "{table} row {id}: its hash does not match its fields and the row before it \
                 (this row was altered, or the row before it was altered or removed)"
            ),
        }
    }
}

/// What [`verify`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// Events checked, in all logs (up to the broken link).
    pub events: u64,
    /// Each log's last hash, to note and compare later (cut-off ends).
    pub last: Vec<(Log, String)>,
    /// The first broken link, if any.
    pub broken: Option<Broken>,
}

/// Walks every log's chain from its first row and stops at the first broken link.
pub fn verify(conn: &mut DbConnection) -> QueryResult<Verified> {
    let mut verified = Verified {
        events: 0,
        last: vec![],
        broken: None,
    };
    for &log in logs(conn) {
        let (mut previous, mut after) = (GENESIS.to_owned(), 0);
        loop {
            let rows = rows_after(conn, log, after, CHUNK)?;
            let Some(end) = rows.last().map(|r| r.id) else {
                break;
            };
            for row in &rows {
                let fault = match &row.hash {
                    None => Some(Fault::Unchained),
                    Some(hash) if *hash != link(&previous, &row.fields()) => Some(Fault::Mismatch),
                    Some(_) => None,
                };
                if let Some(fault) = fault {
                    verified.broken = Some(Broken {
                        log,
                        id: row.id,
                        fault,
                    });
                    return Ok(verified);
                }
                if let Some(hash) = &row.hash {
                    previous.clone_from(hash);
                }
                verified.events += 1;
            }
            after = end;
        }
        verified.last.push((log, previous));
    }
    Ok(verified)
}

/// A recorded event. `participant_ids` and `hash` are in the order the
/// chain's queries select them (see [`crate::audit_chain`]).
#[derive(Debug, Clone, Queryable, PartialEq)]
pub struct AuditRow {
    pub id: i64,
    pub at: NaiveDateTime,
    pub actor_kind: String,
    pub actor_id: Option<i64>,
    pub action: String,
    pub participant_id: Option<i64>,
    pub ip: Option<String>,
    pub detail: Option<String>,
    /// The participants a request returned (a list), as `,3,1,7,`; see [`AuditRow::participants`].
    pub participant_ids: Option<String>,
    /// This row's link in the chain (see [`crate::audit_chain`]).
    pub hash: Option<String>,
    /// The request that made the event: the `X-Request-Id` of its answer and
    /// the id in its log lines and problem+json `instance`.
    pub request_id: Option<String>,
}

impl AuditRow {
    /// The participants a request returned, in its order (empty for an event about one or none).
    pub fn participants(&self) -> Vec<ParticipantId> {
        (self.participant_ids.as_deref().unwrap_or(""))
            .split(',')
            .filter_map(|id| id.parse().ok())
            .map(ParticipantId)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(detail: Option<&str>) -> Entry {
        Entry {
            at: chrono::NaiveDate::from_ymd_opt(2026, 12, 2)
                .and_then(|d| d.and_hms_micro_opt(8, 30, 0, 123_456))
                .expect("instant"),
            actor_kind: "user",
            actor_id: Some(7),
            action: stige_domain::AuditAction::ParticipantList.as_str().into(),
            participant_id: None,
            participant_ids: id_list([3, 1, 7]),
            ip: Some("127.0.0.1".into()),
            detail: detail.map(str::to_owned),
            request_id: None,
        }
    }

    #[test]
    fn a_link_depends_on_every_field_and_on_the_previous_hash() {
        let base = link(GENESIS, &entry(None).fields());
        assert_eq!(base.len(), 64);
        assert_eq!(base, link(GENESIS, &entry(None).fields()), "deterministic");
        assert_ne!(base, link("00", &entry(None).fields()));
        assert_ne!(
            base,
            link(GENESIS, &entry(Some("")).fields()),
            "empty is not none"
        );
        let mut other = entry(None);
        other.participant_ids = id_list([3, 1]);
        assert_ne!(base, link(GENESIS, &other.fields()));
        let mut moved = entry(None);
        moved.at += chrono::Duration::microseconds(1);
        assert_ne!(base, link(GENESIS, &moved.fields()));
    }

    #[test]
    fn the_request_id_is_linked_when_there_is_one_and_old_rows_keep_their_hashes() {
        let without = link(GENESIS, &entry(None).fields());
        let mut with = entry(None);
        with.request_id = Some("abc".into());
        let linked = link(GENESIS, &with.fields());
        assert_ne!(without, linked);
        with.request_id = Some("abd".into());
        assert_ne!(linked, link(GENESIS, &with.fields()));
        // The hash of a row without one is computed as before there were any:
        // the fields and nothing after them.
        let mut h = Sha256::new();
        for part in [
            "0:",
            "26:2026-12-02T08:30:00.123456",
            "4:user",
            "1:7",
            "16:participant.list",
            "-",
            "7:,3,1,7,",
            "9:127.0.0.1",
            "-",
        ] {
            h.update(part.as_bytes());
        }
        let before: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(without, before);
    }

    #[test]
    fn field_boundaries_cannot_be_shifted() {
        let mut a = entry(None);
        a.action = "ab".into();
        a.ip = Some("c".into());
        let mut b = entry(None);
        b.action = "a".into();
        b.ip = Some("bc".into());
        assert_ne!(link(GENESIS, &a.fields()), link(GENESIS, &b.fields()));
    }

    #[test]
    fn ids_are_kept_between_commas_and_none_is_null() {
        assert_eq!(id_list([3, 1, 7]).as_deref(), Some(",3,1,7,"));
        assert_eq!(id_list([]), None);
    }

    #[test]
    fn instants_are_kept_to_the_microsecond() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 12, 2)
            .and_then(|d| d.and_hms_nano_opt(8, 0, 0, 123_456_789))
            .expect("instant");
        assert_eq!(stored_instant(at).nanosecond(), 123_456_000);
    }
}
