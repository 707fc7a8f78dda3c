//! Row-level security on PostgreSQL (issue 27): the second wall behind the
//! store's typed reach ([`crate::within`]). A request's transaction is run as
//! role `stige_app` with the principal's organisation in the setting
//! `stige.organisation`; the policies of migration `000015_row_security` then
//! return and accept only that organisation's rows. SQLite has no such thing:
//! there the typed reach is the only wall.

use crate::DbConnection;
use diesel::prelude::*;
use diesel::sql_types::{Bool, Text};

/// The role whose rows the policies limit.
pub const ROLE: &str = "stige_app";

/// Whose rows a transaction may touch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowScope {
    /// Everyone's: the work of the installation itself (jobs, the seed,
    /// sign-in, employers' links, which find their organisation by token).
    Installation,
    /// One organisation's; `None` (a platform admin) reaches no rows at all.
    Organisation(Option<i64>),
}

#[derive(QueryableByName)]
struct Member {
    #[diesel(sql_type = Bool)]
    member: bool,
}

/// Whether the connecting user may act as [`ROLE`] (the migration grants it
/// when it can; see the README for a database user without that right).
pub fn available(conn: &mut DbConnection) -> QueryResult<bool> {
    if !matches!(conn, DbConnection::Pg(_)) {
        return Ok(false);
    }
    let found: Vec<Member> = diesel::sql_query(
        "SELECT pg_has_role(current_user, oid, 'MEMBER') AS member FROM pg_roles WHERE rolname = $1",
    )
    .bind::<Text, _>(ROLE)
    .load(conn)?;
    Ok(found.first().is_some_and(|m| m.member))
}

/// Limits the current transaction to `scope`'s rows (PostgreSQL; nothing on
/// SQLite, or for the installation). Both settings end with the transaction.
pub fn enter(conn: &mut DbConnection, scope: RowScope) -> QueryResult<()> {
    let RowScope::Organisation(organisation) = scope else {
        return Ok(());
    };
    if let DbConnection::Pg(pg) = conn {
        diesel::sql_query(
            "SELECT set_config('role', $1, true), set_config('stige.organisation', $2, true)",
        )
        .bind::<Text, _>(ROLE)
        .bind::<Text, _>(organisation.map(|o| o.to_string()).unwrap_or_default())
        .execute(pg)?;
    }
    Ok(())
}
