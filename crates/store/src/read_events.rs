//! On SQLite, the audit events of reads are kept in a database file of their
//! own beside the main one (`stige.db` → `stige.db-reads`), attached to every
//! connection as `reads`.
//!
//! Every list or page a staff member opens records an event, so under load the
//! read audit commits many times a second. In the main file each of those
//! commits would make every other connection drop its page cache and read the
//! participants' pages again; in a file of their own they leave the main file's
//! caches alone. Events of writes stay in the main file, in the same transaction
//! as the change they record. On PostgreSQL, where a commit empties no cache,
//! both kinds are in `audit_events`.
//!
//! The table is created when the store opens (not by a migration), so a main
//! file restored without its reads file still opens; a backup of a SQLite
//! installation takes both files.

use crate::audit::{AuditRow, actor_columns};
use crate::read_audit::ReadEvent;
use diesel::prelude::*;
use diesel::sqlite::SqliteConnection;
use std::path::{Path, PathBuf};

diesel::table! {
    /// `reads.read_events`: no table of that name is in the main file, so the
    /// name finds the attached one.
    read_events (id) {
        id -> BigInt,
        at -> Timestamp,
        actor_kind -> Text,
        actor_id -> Nullable<BigInt>,
        action -> Text,
        participant_id -> Nullable<BigInt>,
        ip -> Nullable<Text>,
        detail -> Nullable<Text>,
    }
}

/// The reads file of the SQLite database at `main`.
pub fn file_beside(main: &Path) -> PathBuf {
    let mut name = main.as_os_str().to_owned();
    name.push("-reads");
    PathBuf::from(name)
}

/// `ATTACH` for the reads file of the database at `main`.
pub(crate) fn attach_sql(main: &Path) -> String {
    let path = file_beside(main).to_string_lossy().replace('\'', "''");
    format!("ATTACH DATABASE '{path}' AS reads")
}

/// On a connection with the reads file attached: writes ahead to a log like the
/// main file, and has the table.
pub(crate) fn prepare(conn: &mut SqliteConnection) -> QueryResult<()> {
    for sql in [
        "PRAGMA reads.journal_mode = WAL",
        "CREATE TABLE IF NOT EXISTS reads.read_events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TIMESTAMP NOT NULL,
            actor_kind TEXT NOT NULL,
            actor_id BIGINT,
            action TEXT NOT NULL,
            participant_id BIGINT,
            ip TEXT,
            detail TEXT
        )",
        "CREATE INDEX IF NOT EXISTS reads.read_events_participant
            ON read_events(participant_id, at)",
    ] {
        diesel::sql_query(sql).execute(conn)?;
    }
    Ok(())
}

/// Inserts `events`, all at `at`, with one statement.
pub(crate) fn insert(
    conn: &mut SqliteConnection,
    at: chrono::NaiveDateTime,
    events: &[ReadEvent],
) -> QueryResult<usize> {
    let rows: Vec<_> = events
        .iter()
        .map(|e| {
            let (kind, actor_id) = actor_columns(e.actor);
            (
                read_events::at.eq(at),
                read_events::actor_kind.eq(kind),
                read_events::actor_id.eq(actor_id),
                read_events::action.eq(e.action),
                read_events::participant_id.eq(e.participant.map(|p| p.0)),
                read_events::ip.eq(e.ip.as_deref()),
                read_events::detail.eq(e.detail.as_deref()),
            )
        })
        .collect();
    diesel::insert_into(read_events::table)
        .values(&rows)
        .execute(conn)
}

/// The read events about `participant`, oldest first.
pub(crate) fn for_participant(
    conn: &mut SqliteConnection,
    participant: i64,
) -> QueryResult<Vec<AuditRow>> {
    let q = read_events::table.into_boxed();
    load(conn, q.filter(read_events::participant_id.eq(participant)))
}

/// The read events with this action, oldest first.
pub(crate) fn with_action(conn: &mut SqliteConnection, action: &str) -> QueryResult<Vec<AuditRow>> {
    let q = read_events::table.into_boxed();
    load(conn, q.filter(read_events::action.eq(action.to_owned())))
}

/// The events `q` finds, oldest first, as audit rows.
fn load(
    conn: &mut SqliteConnection,
    q: read_events::BoxedQuery<'_, diesel::sqlite::Sqlite>,
) -> QueryResult<Vec<AuditRow>> {
    q.order(read_events::id.asc())
        .select((
            read_events::id,
            read_events::at,
            read_events::actor_kind,
            read_events::actor_id,
            read_events::action,
            read_events::participant_id,
            read_events::ip,
            read_events::detail,
        ))
        .load(conn)
}

pub(crate) fn count(conn: &mut SqliteConnection) -> QueryResult<i64> {
    read_events::table.count().get_result(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reads_file_sits_beside_the_database_and_is_quoted() {
        assert_eq!(
            file_beside(Path::new("data/stige.db")),
            PathBuf::from("data/stige.db-reads")
        );
        assert_eq!(
            attach_sql(Path::new("it's/stige.db")),
            "ATTACH DATABASE 'it''s/stige.db-reads' AS reads"
        );
    }
}
