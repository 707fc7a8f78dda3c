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
//! The file and its table are made when the store opens the main file for
//! the first time (not by a migration). After that a missing reads file stops
//! the start (see [`crate::Store::open`]) instead of being made again empty,
//! which would lose the record of every read unnoticed; a backup of a SQLite
//! installation takes both files.

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
        participant_ids -> Nullable<Text>,
        hash -> Nullable<Text>,
        request_id -> Nullable<Text>,
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
/// main file, and has the table as the migrations of the main file have
/// `audit_events` (see `2026-12-02-000010_audit_chain`): the participants a
/// list returned, the chain's hash, and triggers that keep it insert-only.
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
    // Columns added since the first read logs were made.
    for column in ["participant_ids", "hash", "request_id"] {
        if !has_column(conn, column)? {
            diesel::sql_query(format!(
                "ALTER TABLE reads.read_events ADD COLUMN {column} TEXT"
            ))
            .execute(conn)?;
        }
    }
    for sql in [
        "CREATE INDEX IF NOT EXISTS reads.read_events_unchained
            ON read_events(id) WHERE hash IS NULL",
        "CREATE TRIGGER IF NOT EXISTS reads.read_events_no_update BEFORE UPDATE ON read_events
        WHEN OLD.hash IS NOT NULL OR NEW.hash IS NULL
            OR NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at
            OR NEW.actor_kind IS NOT OLD.actor_kind OR NEW.actor_id IS NOT OLD.actor_id
            OR NEW.action IS NOT OLD.action OR NEW.participant_id IS NOT OLD.participant_id
            OR NEW.participant_ids IS NOT OLD.participant_ids
            OR NEW.ip IS NOT OLD.ip OR NEW.detail IS NOT OLD.detail
        BEGIN
            SELECT RAISE(ABORT, 'audit events are insert-only');
        END",
        "CREATE TRIGGER IF NOT EXISTS reads.read_events_no_delete BEFORE DELETE ON read_events
        BEGIN
            SELECT RAISE(ABORT, 'audit events are insert-only');
        END",
        "CREATE TRIGGER IF NOT EXISTS reads.read_events_chained BEFORE INSERT ON read_events
        WHEN NEW.hash IS NULL
        BEGIN
            SELECT RAISE(ABORT, 'an audit event is inserted with its chain hash');
        END",
    ] {
        diesel::sql_query(sql).execute(conn)?;
    }
    Ok(())
}

fn has_column(conn: &mut SqliteConnection, column: &str) -> QueryResult<bool> {
    #[derive(QueryableByName)]
    struct Found {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let found: Found = diesel::sql_query(
        "SELECT count(*) AS n FROM pragma_table_info('read_events', 'reads') WHERE name = ?",
    )
    .bind::<diesel::sql_types::Text, _>(column)
    .get_result(conn)?;
    Ok(found.n > 0)
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
