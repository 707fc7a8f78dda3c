//! A write transaction that takes SQLite's write lock at its start.

use crate::DbConnection;
use diesel::connection::{AnsiTransactionManager, TransactionManager};
use diesel::prelude::*;

/// Runs `f` in a transaction begun with `BEGIN IMMEDIATE` (SQLite's write
/// lock taken at the start) and commits it, or rolls back on an error; on
/// PostgreSQL in a plain transaction. The transaction is begun on the SQLite
/// connection inside the multi-backend one, whose transaction state it
/// shares, so `f` gets the multi-backend type and any `transaction` inside
/// it nests as a savepoint.
pub(crate) fn immediate<T, E>(
    conn: &mut DbConnection,
    f: impl FnOnce(&mut DbConnection) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<diesel::result::Error>,
{
    let DbConnection::Sqlite(c) = conn else {
        return conn.transaction(f);
    };
    AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE")?;
    let result = f(conn);
    let DbConnection::Sqlite(c) = conn else {
        return result;
    };
    match result {
        Ok(value) => match AnsiTransactionManager::commit_transaction(c) {
            Ok(()) => Ok(value),
            Err(e) => {
                // A failed COMMIT may leave the transaction open: end it.
                let _ = AnsiTransactionManager::rollback_transaction(c);
                Err(e.into())
            }
        },
        Err(e) => {
            AnsiTransactionManager::rollback_transaction(c)?;
            Err(e)
        }
    }
}
