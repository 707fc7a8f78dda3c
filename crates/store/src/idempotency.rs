//! Idempotency keys of partners' POSTs: the first answer to a key is kept and
//! replayed to retries for at least 24 hours. A key belongs to its sender (an
//! [`Owner`]): two senders may use the same key.

use crate::DbConnection;
use crate::schema::idempotency_answers as idempotency_keys;
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// How long keys are kept, in hours (the API promises at least 24).
pub const KEEP_HOURS: i64 = 48;

/// Who sent a key: a partner's API client or a partner user (row ids).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    ApiClient(i64),
    User(i64),
}

impl Owner {
    /// The owner as stored: `client:<id>` or `user:<id>`.
    pub fn stored(self) -> String {
        match self {
            Owner::ApiClient(id) => format!("client:{id}"),
            Owner::User(id) => format!("user:{id}"),
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable, PartialEq)]
#[diesel(table_name = idempotency_keys)]
pub struct IdempotencyRow {
    pub owner: String,
    pub key: String,
    pub request_hash: String,
    pub status_code: i32,
    pub response_body: String,
    pub created_at: NaiveDateTime,
}

pub fn get(
    conn: &mut DbConnection,
    owner: Owner,
    key: &str,
) -> QueryResult<Option<IdempotencyRow>> {
    idempotency_keys::table
        .filter(idempotency_keys::owner.eq(owner.stored()))
        .filter(idempotency_keys::key.eq(key))
        .select(IdempotencyRow::as_select())
        .first(conn)
        .optional()
}

/// Stores the answer to a key. Fails with a unique violation if another request
/// stored one first.
pub fn insert(
    conn: &mut DbConnection,
    owner: Owner,
    key: &str,
    request_hash: &str,
    status_code: u16,
    response_body: &str,
) -> QueryResult<()> {
    diesel::insert_into(idempotency_keys::table)
        .values((
            idempotency_keys::owner.eq(owner.stored()),
            idempotency_keys::key.eq(key),
            idempotency_keys::request_hash.eq(request_hash),
            idempotency_keys::status_code.eq(i32::from(status_code)),
            idempotency_keys::response_body.eq(response_body),
            idempotency_keys::created_at.eq(crate::now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Forgets keys older than [`KEEP_HOURS`].
pub fn purge_old(conn: &mut DbConnection) -> QueryResult<usize> {
    let limit = crate::now() - chrono::Duration::hours(KEEP_HOURS);
    diesel::delete(idempotency_keys::table.filter(idempotency_keys::created_at.lt(limit)))
        .execute(conn)
}
