//! Attempts with a secret (a password, a client secret, an employer's link),
//! counted for Stige's one throttle (see `stige_domain::sign_in`).
//!
//! An attempt is written as a failure *before* the password is checked, in
//! the same transaction as the count that lets it through, so parallel bursts
//! cannot pass the limits; a right password then deletes it. The transaction
//! holds a lock on the address (SQLite: the write lock of `BEGIN IMMEDIATE`;
//! PostgreSQL: an advisory lock on door and address), so two attempts from one
//! address are counted one after the other.

use crate::DbConnection;
use crate::schema::login_failures;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{Integer, Text};
use stige_domain::sign_in::Failures;

/// Where an attempt comes in: counted apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum Door {
    /// Staff signing in with a password.
    Staff,
    /// A partner's API client with its secret.
    Partner,
    /// An employer opening a link (no account: the link is the secret).
    EmployerLink,
}

impl Door {
    /// The door's name in the attempts' table.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// First key of the PostgreSQL advisory lock (apart from other locks).
    fn lock_class(self) -> i32 {
        match self {
            Door::Staff => 0x5349_0001,
            Door::Partner => 0x5349_0002,
            Door::EmployerLink => 0x5349_0003,
        }
    }
}

/// One attempt: the account (a username or client id; empty for a link) and
/// the address.
#[derive(Debug, Clone, Copy)]
pub struct Attempt<'a> {
    pub door: Door,
    pub account: &'a str,
    pub ip: &'a str,
}

/// Waits, in this transaction, until no other attempt from the address is
/// being counted (PostgreSQL; on SQLite the write transaction already does).
pub fn lock_address(conn: &mut DbConnection, attempt: Attempt<'_>) -> QueryResult<()> {
    if let DbConnection::Pg(pg) = conn {
        diesel::sql_query("SELECT pg_advisory_xact_lock($1, hashtext($2))")
            .bind::<Integer, _>(attempt.door.lock_class())
            .bind::<Text, _>(attempt.ip)
            .execute(pg)?;
    }
    Ok(())
}

/// The failures within the window that began at `since`, as the throttle
/// reads them; `address_limit` is the door's per-address limit.
pub fn failures(
    conn: &mut DbConnection,
    attempt: Attempt<'_>,
    since: NaiveDateTime,
    now: NaiveDateTime,
    address_limit: i64,
) -> QueryResult<Failures> {
    let at_address = || {
        login_failures::table
            .filter(login_failures::door.eq(attempt.door.as_str()))
            .filter(login_failures::ip.eq(attempt.ip))
            .filter(login_failures::at.gt(since))
    };
    let of_account = || at_address().filter(login_failures::username.eq(attempt.account));
    let account_at_address: i64 = of_account().count().get_result(conn)?;
    let last: Option<NaiveDateTime> = of_account()
        .select(diesel::dsl::max(login_failures::at))
        .first(conn)?;
    let at_address_count: i64 = at_address().count().get_result(conn)?;
    let limiting: Option<NaiveDateTime> = at_address()
        .select(login_failures::at)
        .order(login_failures::at.desc())
        .offset((address_limit - 1).max(0))
        .first(conn)
        .optional()?;
    let age = |t: Option<NaiveDateTime>| t.map_or(0, |t| (now - t).num_seconds().max(0));
    Ok(Failures {
        account_at_address,
        secs_since_last: age(last),
        at_address: at_address_count,
        secs_since_limiting: age(limiting),
    })
}

/// Writes the attempt as a failure; its id, to [`forget`] it if it proves right.
pub fn record(
    conn: &mut DbConnection,
    attempt: Attempt<'_>,
    at: NaiveDateTime,
) -> QueryResult<i64> {
    diesel::insert_into(login_failures::table)
        .values((
            login_failures::door.eq(attempt.door.as_str()),
            login_failures::username.eq(attempt.account),
            login_failures::ip.eq(attempt.ip),
            login_failures::at.eq(at),
        ))
        .returning(login_failures::id)
        .get_result(conn)
}

/// Takes back one recorded attempt (it was never checked, or it proved right).
pub fn forget(conn: &mut DbConnection, id: i64) -> QueryResult<()> {
    diesel::delete(login_failures::table.find(id)).execute(conn)?;
    Ok(())
}

/// After the right password: forgets the account's failures from this
/// address (those from other addresses stay counted).
pub fn clear(conn: &mut DbConnection, attempt: Attempt<'_>) -> QueryResult<()> {
    diesel::delete(
        login_failures::table
            .filter(login_failures::door.eq(attempt.door.as_str()))
            .filter(login_failures::username.eq(attempt.account))
            .filter(login_failures::ip.eq(attempt.ip)),
    )
    .execute(conn)?;
    Ok(())
}

/// Failures recorded for an account, all addresses (for tests and reports).
pub fn count_for_account(conn: &mut DbConnection, door: Door, account: &str) -> QueryResult<i64> {
    login_failures::table
        .filter(login_failures::door.eq(door.as_str()))
        .filter(login_failures::username.eq(account))
        .count()
        .get_result(conn)
}
