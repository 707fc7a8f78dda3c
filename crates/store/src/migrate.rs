//! Embedded migrations, one set per backend, applied at start.

use crate::audit_chain;
use crate::connection::{DbConnection, Store, StoreError};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

const SQLITE: EmbeddedMigrations = embed_migrations!("../../migrations/sqlite");
const POSTGRES: EmbeddedMigrations = embed_migrations!("../../migrations/postgres");

/// Applies the pending migrations up to and including `version` (e.g.
/// `2026-12-02-000013`), and no further: for tests of a migration on data
/// written before it.
pub fn run_through(store: &Store, version: &str) -> Result<usize, StoreError> {
    let mut conn = store.conn()?;
    let boxed = |e: Box<dyn std::error::Error + Send + Sync>| StoreError::Migration(e.to_string());
    let last = version.replace('-', "");
    let mut applied = 0;
    match &mut *conn {
        DbConnection::Sqlite(c) => {
            for m in c.pending_migrations(SQLITE).map_err(boxed)? {
                if m.name().version().to_string().replace('-', "") > last {
                    break;
                }
                c.run_migration(&m).map_err(boxed)?;
                applied += 1;
            }
        }
        DbConnection::Pg(c) => {
            for m in c.pending_migrations(POSTGRES).map_err(boxed)? {
                if m.name().version().to_string().replace('-', "") > last {
                    break;
                }
                c.run_migration(&m).map_err(boxed)?;
                applied += 1;
            }
        }
    }
    Ok(applied)
}

/// Applies pending migrations, then chains the audit events written before
/// there was a chain (see [`crate::audit_chain::seal`]); returns how many
/// migrations ran.
pub fn run(store: &Store) -> Result<usize, StoreError> {
    let mut conn = store.conn()?;
    let applied = match &mut *conn {
        DbConnection::Sqlite(c) => c.run_pending_migrations(SQLITE).map(|v| v.len()),
        DbConnection::Pg(c) => c.run_pending_migrations(POSTGRES).map(|v| v.len()),
    };
    let applied = applied.map_err(|e| StoreError::Migration(e.to_string()))?;
    for &log in audit_chain::logs(&conn) {
        let sealed = audit_chain::seal(&mut conn, log)
            .map_err(|e| StoreError::Migration(format!("chaining {}: {e}", log.table())))?;
        if sealed > 0 {
            tracing::info!(sealed, log = log.table(), "audit events chained");
        }
    }
    Ok(applied)
}
