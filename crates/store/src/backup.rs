//! Backup and restore as a logical export: every table's rows as JSON, one
//! line per row, read in one transaction (a consistent snapshot, taken while
//! Stige serves: on SQLite a read transaction over the main file and the read
//! log, on PostgreSQL a repeatable-read, read-only one). Tables are found in
//! the database's catalogue, so a table added by a later migration is backed
//! up without a change here.
//!
//! The file: a header line (JSON: format, backend, migrations, the data key's
//! fingerprint, each table's row count), then `table<TAB>row` lines. A
//! restore goes into a database migrated to the same migrations and never
//! used (no users); it inserts every row, puts back tables that triggers
//! changed meanwhile (derived counts, list versions), checks foreign keys,
//! moves PostgreSQL's id sequences past the restored ids, and finally
//! compares every table with the file, all in one transaction.

use crate::{DbConnection, Store, StoreError};
use diesel::prelude::*;
use diesel::sql_types::Text;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, Write};

pub const FORMAT: &str = "stige-backup/1";

/// Tables the migrations own: listed in the header, not copied.
const MIGRATIONS_TABLE: &str = "__diesel_schema_migrations";

/// The first line of a backup.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Header {
    pub format: String,
    /// `sqlite` or `postgres`: a backup is restored into the same kind.
    pub backend: String,
    /// The fingerprint of the data key the national ids are encrypted with.
    pub data_key: String,
    pub migrations: Vec<String>,
    /// Rows per table.
    pub tables: BTreeMap<String, u64>,
}

/// What went wrong with a backup or restore.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("database: {0}")]
    Query(#[from] diesel::result::Error),
    #[error("file: {0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Refused(String),
}

impl BackupError {
    fn refused(message: impl Into<String>) -> Self {
        Self::Refused(message.into())
    }
}

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

#[derive(QueryableByName)]
struct Line {
    #[diesel(sql_type = Text)]
    line: String,
}

#[derive(QueryableByName)]
struct Edge {
    #[diesel(sql_type = Text)]
    child: String,
    #[diesel(sql_type = Text)]
    parent: String,
}

fn backend_name(conn: &DbConnection) -> &'static str {
    match conn {
        DbConnection::Sqlite(_) => "sqlite",
        DbConnection::Pg(_) => "postgres",
    }
}

fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// A table as written in SQL: SQLite's read log is the attached `reads`.
fn qualified(conn: &DbConnection, table: &str) -> String {
    match (conn, table.split_once('.')) {
        (DbConnection::Sqlite(_), Some((schema, name))) => format!("{schema}.{}", quote(name)),
        (DbConnection::Sqlite(_), None) => format!("main.{}", quote(table)),
        (DbConnection::Pg(_), _) => quote(table),
    }
}

/// Every table but the migrations', by name (`reads.read_events` for SQLite's read log).
pub fn tables(conn: &mut DbConnection) -> QueryResult<Vec<String>> {
    let names: Vec<Name> = match conn {
        DbConnection::Sqlite(_) => diesel::sql_query(
            "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
             UNION ALL SELECT 'reads.' || name FROM reads.sqlite_master \
             WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1",
        )
        .load(conn)?,
        DbConnection::Pg(_) => diesel::sql_query(
            "SELECT tablename::text AS name FROM pg_tables \
             WHERE schemaname = current_schema() ORDER BY 1",
        )
        .load(conn)?,
    };
    Ok(names
        .into_iter()
        .map(|n| n.name)
        .filter(|n| n != MIGRATIONS_TABLE)
        .collect())
}

fn columns(conn: &mut DbConnection, table: &str) -> QueryResult<Vec<String>> {
    let names: Vec<Name> = match conn {
        DbConnection::Sqlite(_) => {
            let (schema, name) = table.split_once('.').unwrap_or(("main", table));
            diesel::sql_query("SELECT name FROM pragma_table_info(?, ?) ORDER BY cid")
                .bind::<Text, _>(name)
                .bind::<Text, _>(schema)
                .load(conn)?
        }
        DbConnection::Pg(_) => diesel::sql_query(
            "SELECT column_name::text AS name FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
        )
        .bind::<Text, _>(table)
        .load(conn)?,
    };
    Ok(names.into_iter().map(|n| n.name).collect())
}

/// A table's rows as JSON lines, in the order of its first column (its id).
pub fn rows(conn: &mut DbConnection, table: &str) -> QueryResult<Vec<String>> {
    let columns = columns(conn, table)?;
    let Some(first) = columns.first() else {
        return Ok(vec![]);
    };
    let from = qualified(conn, table);
    let sql = match conn {
        DbConnection::Sqlite(_) => {
            let pairs: Vec<String> = (columns.iter())
                .map(|c| format!("'{}', {}", c.replace('\'', "''"), quote(c)))
                .collect();
            format!(
                "SELECT json_object({}) AS line FROM {from} ORDER BY {}, line",
                pairs.join(", "),
                quote(first)
            )
        }
        DbConnection::Pg(_) => format!(
            "SELECT row_to_json(t)::text AS line FROM {from} t ORDER BY t.{}, 1",
            quote(first)
        ),
    };
    let lines: Vec<Line> = diesel::sql_query(sql).load(conn)?;
    Ok(lines.into_iter().map(|l| l.line).collect())
}

fn migrations(conn: &mut DbConnection) -> QueryResult<Vec<String>> {
    let names: Vec<Name> = diesel::sql_query(format!(
        "SELECT version AS name FROM {MIGRATIONS_TABLE} ORDER BY version"
    ))
    .load(conn)?;
    Ok(names.into_iter().map(|n| n.name).collect())
}

/// Writes a backup of `store` to `out`; `data_key` is the data key's fingerprint.
pub fn export(store: &Store, data_key: &str, out: &mut impl Write) -> Result<Header, BackupError> {
    let mut conn = store.backend().connect()?;
    conn.transaction(|conn| -> Result<Header, BackupError> {
        if let DbConnection::Pg(_) = conn {
            diesel::sql_query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
                .execute(conn)?;
        }
        let tables = tables(conn)?;
        let mut header = Header {
            format: FORMAT.into(),
            backend: backend_name(conn).into(),
            data_key: data_key.into(),
            migrations: migrations(conn)?,
            tables: BTreeMap::new(),
        };
        let mut body = Vec::new();
        for table in &tables {
            let rows = rows(conn, table)?;
            header.tables.insert(table.clone(), rows.len() as u64);
            for row in rows {
                body.push(format!("{table}\t{row}\n"));
            }
        }
        writeln!(
            out,
            "{}",
            serde_json::to_string(&header).map_err(std::io::Error::other)?
        )?;
        for line in body {
            out.write_all(line.as_bytes())?;
        }
        out.flush()?;
        Ok(header)
    })
}

/// Reads a backup's header and rows by table.
pub fn read(input: impl BufRead) -> Result<(Header, BTreeMap<String, Vec<String>>), BackupError> {
    let mut lines = input.lines();
    let first = lines
        .next()
        .ok_or_else(|| BackupError::refused("the backup file is empty"))??;
    let header: Header = serde_json::from_str(&first).map_err(|_| {
        BackupError::refused("this is not a Stige backup (its first line is not a header)")
    })?;
    if header.format != FORMAT {
        return Err(BackupError::refused(format!(
            "the backup's format is {}; this Stige reads {FORMAT}",
            header.format
        )));
    }
    let mut rows: BTreeMap<String, Vec<String>> =
        header.tables.keys().map(|t| (t.clone(), vec![])).collect();
    for line in lines {
        let line = line?;
        let (table, row) = line
            .split_once('\t')
            .ok_or_else(|| BackupError::refused("a line of the backup has no table name"))?;
        rows.get_mut(table)
            .ok_or_else(|| {
                BackupError::refused(format!("the backup's table {table} is not in its header"))
            })?
            .push(row.to_owned());
    }
    for (table, count) in &header.tables {
        let found = rows.get(table).map_or(0, Vec::len) as u64;
        if found != *count {
            return Err(BackupError::refused(format!(
                "the backup is cut short: {table} has {found} of {count} rows"
            )));
        }
    }
    Ok((header, rows))
}

/// PostgreSQL: tables in an order where every table comes after those its
/// foreign keys point to (a table pointing to itself keeps its id order).
fn insert_order(conn: &mut DbConnection, tables: &[String]) -> QueryResult<Vec<String>> {
    let DbConnection::Pg(_) = conn else {
        return Ok(tables.to_vec());
    };
    let edges: Vec<Edge> = diesel::sql_query(
        "SELECT conrelid::regclass::text AS child, confrelid::regclass::text AS parent \
         FROM pg_constraint WHERE contype = 'f' AND connamespace = current_schema()::regnamespace",
    )
    .load(conn)?;
    let mut ordered = Vec::new();
    let mut left: BTreeSet<&String> = tables.iter().collect();
    while !left.is_empty() {
        let ready: Vec<&String> = (left.iter().copied())
            .filter(|t| {
                !edges.iter().any(|e| {
                    e.child == **t && e.parent != **t && left.iter().any(|l| **l == e.parent)
                })
            })
            .collect();
        // A cycle of foreign keys: keep the rest in name order.
        let ready = if ready.is_empty() {
            left.iter().copied().collect()
        } else {
            ready
        };
        for t in ready {
            left.remove(t);
            ordered.push(t.clone());
        }
    }
    Ok(ordered)
}

fn insert_rows(conn: &mut DbConnection, table: &str, rows: &[String]) -> QueryResult<()> {
    let into = qualified(conn, table);
    let sql = match conn {
        DbConnection::Sqlite(_) => {
            let columns = columns(conn, table)?;
            let names: Vec<String> = columns.iter().map(|c| quote(c)).collect();
            let values: Vec<String> = (columns.iter())
                .map(|c| format!("json_extract(?1, '$.\"{}\"')", c.replace('\'', "''")))
                .collect();
            format!(
                "INSERT INTO {into} ({}) SELECT {}",
                names.join(", "),
                values.join(", ")
            )
        }
        DbConnection::Pg(_) => format!(
            "INSERT INTO {into} OVERRIDING SYSTEM VALUE \
             SELECT * FROM json_populate_record(NULL::{into}, $1::json)"
        ),
    };
    for row in rows {
        diesel::sql_query(&sql).bind::<Text, _>(row).execute(conn)?;
    }
    Ok(())
}

fn count(conn: &mut DbConnection, table: &str) -> QueryResult<i64> {
    #[derive(QueryableByName)]
    struct N {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let sql = format!("SELECT count(*) AS n FROM {}", qualified(conn, table));
    Ok(diesel::sql_query(sql).get_result::<N>(conn)?.n)
}

fn sorted(mut rows: Vec<String>) -> Vec<String> {
    rows.sort();
    rows
}

/// Restores a backup read from `input` into `store`, which must be migrated
/// and unused; `data_key` is the fingerprint of the key it will run with.
pub fn import(store: &Store, data_key: &str, input: impl BufRead) -> Result<Header, BackupError> {
    let (header, rows) = read(input)?;
    let mut conn = store.backend().connect()?;
    if header.backend != backend_name(&conn) {
        return Err(BackupError::refused(format!(
            "the backup is of a {} database; restore it into one of the same kind",
            header.backend
        )));
    }
    if header.data_key != data_key {
        return Err(BackupError::refused(format!(
            "the backup was taken with the data key {}, but STIGE_DATA_KEY is {data_key}: \
             restore it with the key it was taken with",
            header.data_key
        )));
    }
    if migrations(&mut conn)? != header.migrations {
        return Err(BackupError::refused(
            "the database's migrations differ from the backup's: restore with the Stige \
             version that took it, into a database migrated by it (`stige migrate`)",
        ));
    }
    let present = tables(&mut conn)?;
    if present != header.tables.keys().cloned().collect::<Vec<_>>() {
        return Err(BackupError::refused(
            "the database's tables differ from the backup's",
        ));
    }
    if count(&mut conn, "users")? > 0 {
        return Err(BackupError::refused(
            "the database is in use (it has users): restore into an empty database",
        ));
    }
    if let DbConnection::Sqlite(_) = conn {
        // Parents and children come in any order; checked before the commit.
        diesel::sql_query("PRAGMA foreign_keys = OFF").execute(&mut conn)?;
    }
    let order = insert_order(&mut conn, &present)?;
    crate::immediate::immediate(&mut conn, |conn| -> Result<(), BackupError> {
        for table in &order {
            if count(conn, table)? > 0 {
                diesel::sql_query(format!("DELETE FROM {}", qualified(conn, table)))
                    .execute(conn)?;
            }
            insert_rows(conn, table, &rows[table])?;
        }
        // Triggers of later tables may have changed earlier ones (derived
        // counts, list versions): put those back as they were.
        for _ in 0..3 {
            let mut changed = false;
            for table in &order {
                if sorted(self::rows(conn, table)?) != sorted(rows[table].clone()) {
                    changed = true;
                    diesel::sql_query(format!("DELETE FROM {}", qualified(conn, table)))
                        .execute(conn)?;
                    insert_rows(conn, table, &rows[table])?;
                }
            }
            if !changed {
                break;
            }
        }
        for table in &order {
            if sorted(self::rows(conn, table)?) != sorted(rows[table].clone()) {
                return Err(BackupError::refused(format!(
                    "{table} does not read back as it was backed up"
                )));
            }
        }
        match conn {
            DbConnection::Sqlite(_) => {
                #[derive(QueryableByName)]
                #[allow(dead_code)]
                struct Violation {
                    #[diesel(sql_type = Text)]
                    table: String,
                }
                let broken: Vec<Violation> =
                    diesel::sql_query("SELECT \"table\" FROM pragma_foreign_key_check")
                        .load(conn)?;
                if !broken.is_empty() {
                    return Err(BackupError::refused("the backup's rows break foreign keys"));
                }
            }
            DbConnection::Pg(_) => restart_sequences(conn)?,
        }
        Ok(())
    })?;
    if let DbConnection::Sqlite(_) = conn {
        diesel::sql_query("PRAGMA foreign_keys = ON").execute(&mut conn)?;
    }
    Ok(header)
}

/// PostgreSQL: every id sequence continues after the highest restored id.
fn restart_sequences(conn: &mut DbConnection) -> QueryResult<()> {
    let serials: Vec<Edge> = diesel::sql_query(
        "SELECT table_name::text AS child, column_name::text AS parent \
         FROM information_schema.columns WHERE table_schema = current_schema() \
         AND (column_default LIKE 'nextval(%' OR is_identity = 'YES')",
    )
    .load(conn)?;
    for Edge {
        child: table,
        parent: column,
    } in serials
    {
        diesel::sql_query(format!(
            "SELECT setval(pg_get_serial_sequence('{t}', '{c}'), \
             COALESCE((SELECT max({qc}) FROM {qt}), 0) + 1, false)",
            t = quote(&table).replace('\'', "''"),
            c = column.replace('\'', "''"),
            qc = quote(&column),
            qt = quote(&table),
        ))
        .execute(conn)?;
    }
    Ok(())
}
