//! Password resets an admin starts for a user: a one-time link whose token is
//! kept only as its hash. One per user; a new one replaces the old.

use crate::DbConnection;
use crate::schema::password_resets;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use stige_domain::UserId;

#[derive(Debug, Clone, Queryable, Selectable, PartialEq)]
#[diesel(table_name = password_resets)]
pub struct PasswordResetRow {
    pub user_id: i64,
    pub token_hash: String,
    pub created_by: i64,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
}

/// Starts a reset of `user`'s password with the token hashed as
/// `token_hash`, replacing any earlier one of theirs.
pub fn replace(
    conn: &mut DbConnection,
    user: UserId,
    token_hash: &str,
    created_by: UserId,
    expires_at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::delete(password_resets::table.find(user.0)).execute(conn)?;
    diesel::insert_into(password_resets::table)
        .values((
            password_resets::user_id.eq(user.0),
            password_resets::token_hash.eq(token_hash),
            password_resets::created_by.eq(created_by.0),
            password_resets::created_at.eq(crate::now()),
            password_resets::expires_at.eq(expires_at),
        ))
        .execute(conn)?;
    Ok(())
}

/// The reset whose token hashes to `token_hash`, used or not.
pub fn by_hash(conn: &mut DbConnection, token_hash: &str) -> QueryResult<Option<PasswordResetRow>> {
    password_resets::table
        .filter(password_resets::token_hash.eq(token_hash))
        .select(PasswordResetRow::as_select())
        .first(conn)
        .optional()
}

/// Spends the reset of `user` if it is still unused; whether it was.
pub fn spend(conn: &mut DbConnection, user: UserId, now: NaiveDateTime) -> QueryResult<bool> {
    let changed = diesel::update(
        password_resets::table
            .find(user.0)
            .filter(password_resets::used_at.is_null()),
    )
    .set(password_resets::used_at.eq(Some(now)))
    .execute(conn)?;
    Ok(changed == 1)
}
