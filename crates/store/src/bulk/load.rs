//! A bulk load of generated histories: what `attendance_marks` carries for
//! marks written one at a time is taken off while millions of marks load, and
//! put back after it in one pass.
//!
//! - Its foreign keys, on PostgreSQL, which checks them with a query per row
//!   (three per mark, almost half of a seed's time): put back, they check
//!   every mark at once. SQLite checks its keys in place and keeps them.
//! - Its indexes by date and by step (not the unique one by participant and
//!   date, which a load fills in order): a load's marks land all over them,
//!   so each batch rewrote most of their pages; built again from all rows at
//!   once, they are sorted once.
//! - The triggers that count every mark into `attendance_months`: the load
//!   adds its counts itself, one row for many marks. PostgreSQL disables its
//!   trigger; SQLite, which cannot, drops its triggers and creates them again
//!   from their own definitions.
//!
//! Both databases change their schema inside a transaction: if the load's
//! transaction fails, everything taken off comes back with its rollback.

use super::{SeedBatch, insert};
use crate::DbConnection;
use diesel::prelude::*;

/// A key, index or trigger taken off for a load: its name and its definition.
#[derive(Debug, Clone, PartialEq, Eq, QueryableByName)]
pub struct SchemaObject {
    #[diesel(sql_type = diesel::sql_types::Text)]
    pub name: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    pub definition: String,
}

/// A bulk load in progress: [`Load::begin`] inside a transaction, then
/// [`Load::insert`] for each batch, then [`Load::complete`] in the same
/// transaction.
#[derive(Debug)]
#[must_use = "what a load takes off comes back only with `complete` (or a rollback)"]
pub struct Load {
    keys: Vec<SchemaObject>,
    indexes: Vec<SchemaObject>,
    /// SQLite's counting triggers, dropped (PostgreSQL's is only disabled).
    triggers: Vec<SchemaObject>,
}

/// Memory for PostgreSQL's sort when it builds the marks' indexes again
/// (its default, 64 MB, sorts ten million marks in many runs on disk).
const INDEX_BUILD_MEMORY: &str = "512MB";

impl Load {
    /// Takes the keys, indexes and counting off `attendance_marks`; call
    /// inside the transaction that loads.
    pub fn begin(conn: &mut DbConnection) -> QueryResult<Load> {
        let keys = take_off(
            conn,
            "SELECT conname::text AS name, pg_get_constraintdef(oid) AS definition \
             FROM pg_constraint WHERE conrelid = 'attendance_marks'::regclass AND contype = 'f' \
             ORDER BY conname",
            "",
            |name| format!("ALTER TABLE attendance_marks DROP CONSTRAINT \"{name}\""),
        )?;
        let indexes = take_off(
            conn,
            "SELECT i.relname::text AS name, pg_get_indexdef(i.oid) AS definition \
             FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid \
             WHERE x.indrelid = 'attendance_marks'::regclass AND NOT x.indisunique \
             ORDER BY i.relname",
            "SELECT name, sql AS definition FROM sqlite_master \
             WHERE type = 'index' AND tbl_name = 'attendance_marks' AND sql IS NOT NULL \
             AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name",
            |name| format!("DROP INDEX \"{name}\""),
        )?;
        let triggers = take_off(
            conn,
            "",
            "SELECT name, sql AS definition FROM sqlite_master \
             WHERE type = 'trigger' AND tbl_name = 'attendance_marks' \
             AND name LIKE 'attendance_months_%' ORDER BY name",
            |name| format!("DROP TRIGGER \"{name}\""),
        )?;
        if let DbConnection::Pg(_) = conn {
            execute(
                conn,
                "ALTER TABLE attendance_marks DISABLE TRIGGER attendance_months_count",
            )?;
        }
        Ok(Load {
            keys,
            indexes,
            triggers,
        })
    }

    /// The foreign keys taken off (none on SQLite).
    pub fn keys(&self) -> &[SchemaObject] {
        &self.keys
    }

    /// The indexes taken off.
    pub fn indexes(&self) -> &[SchemaObject] {
        &self.indexes
    }

    /// Inserts one batch.
    pub fn insert(
        &self,
        conn: &mut DbConnection,
        batch: &SeedBatch,
        recorded_by: i64,
    ) -> QueryResult<()> {
        insert(conn, batch, recorded_by)
    }

    /// Puts back what [`Load::begin`] took off: the indexes built from all
    /// marks at once, the counting, and the keys, which check every mark (an
    /// error if one refers to a row that does not exist; the transaction must
    /// then roll back).
    pub fn complete(self, conn: &mut DbConnection) -> QueryResult<()> {
        if let DbConnection::Pg(_) = conn {
            execute(
                conn,
                &format!("SET LOCAL maintenance_work_mem = '{INDEX_BUILD_MEMORY}'"),
            )?;
        }
        for index in &self.indexes {
            execute(conn, &index.definition)?;
        }
        for trigger in &self.triggers {
            execute(conn, &trigger.definition)?;
        }
        if let DbConnection::Pg(_) = conn {
            execute(
                conn,
                "ALTER TABLE attendance_marks ENABLE TRIGGER attendance_months_count",
            )?;
        }
        for key in &self.keys {
            execute(
                conn,
                &format!(
                    "ALTER TABLE attendance_marks ADD CONSTRAINT \"{}\" {}",
                    key.name, key.definition
                ),
            )?;
        }
        Ok(())
    }
}

/// Runs one statement of this module's own SQL.
fn execute(conn: &mut DbConnection, sql: &str) -> QueryResult<usize> {
    match conn {
        DbConnection::Pg(c) => diesel::sql_query(sql).execute(c),
        DbConnection::Sqlite(c) => diesel::sql_query(sql).execute(c),
    }
}

/// Takes off the schema objects the backend's query finds (none where it has
/// no query), each by the statement `drop` makes of its name; returns them
/// with their definitions, to be made again.
fn take_off(
    conn: &mut DbConnection,
    postgres: &str,
    sqlite: &str,
    drop: impl Fn(&str) -> String,
) -> QueryResult<Vec<SchemaObject>> {
    let found: Vec<SchemaObject> = match conn {
        DbConnection::Pg(c) if !postgres.is_empty() => diesel::sql_query(postgres).load(c)?,
        DbConnection::Sqlite(c) if !sqlite.is_empty() => diesel::sql_query(sqlite).load(c)?,
        _ => vec![],
    };
    for object in &found {
        execute(conn, &drop(&object.name))?;
    }
    Ok(found)
}
