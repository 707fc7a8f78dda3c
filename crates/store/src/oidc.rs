//! OpenID Connect sign-in: sign-ins under way, the one-time codes that hand a
//! finished one to the web app, and users matched by issuer and subject.

use crate::DbConnection;
use crate::schema::{oidc_handoffs, oidc_sign_ins, users};
use crate::users::UserRow;
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// A sign-in sent to the identity provider, waiting for the browser's return.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, PartialEq, Eq)]
#[diesel(table_name = oidc_sign_ins)]
pub struct PendingSignIn {
    /// The `state` sent to the provider.
    pub state: String,
    /// SHA-256 of the value in the browser's cookie: the sign-in belongs to
    /// the browser that began it.
    pub browser_hash: String,
    pub nonce: String,
    pub pkce_verifier: String,
    pub created_at: NaiveDateTime,
}

pub fn begin(conn: &mut DbConnection, pending: &PendingSignIn) -> QueryResult<()> {
    diesel::insert_into(oidc_sign_ins::table)
        .values(pending)
        .execute(conn)?;
    Ok(())
}

/// Takes the sign-in with `state` out (each state is used once), if it began
/// after `since`; older ones are deleted on the way.
pub fn take(
    conn: &mut DbConnection,
    state: &str,
    since: NaiveDateTime,
) -> QueryResult<Option<PendingSignIn>> {
    diesel::delete(oidc_sign_ins::table.filter(oidc_sign_ins::created_at.le(since)))
        .execute(conn)?;
    let found = oidc_sign_ins::table
        .find(state)
        .select(PendingSignIn::as_select())
        .first(conn)
        .optional()?;
    if found.is_some() {
        diesel::delete(oidc_sign_ins::table.find(state)).execute(conn)?;
    }
    Ok(found)
}

/// How many sign-ins are under way (for tests and the runbook).
pub fn pending_count(conn: &mut DbConnection) -> QueryResult<i64> {
    oidc_sign_ins::table.count().get_result(conn)
}

/// Replaces the nonce of a sign-in under way (tests of a wrong nonce).
pub fn set_nonce(conn: &mut DbConnection, state: &str, nonce: &str) -> QueryResult<usize> {
    diesel::update(oidc_sign_ins::table.find(state))
        .set(oidc_sign_ins::nonce.eq(nonce))
        .execute(conn)
}

/// Keeps a one-time code (its hash) that signs `user` in.
pub fn hand_off(
    conn: &mut DbConnection,
    code_hash: &str,
    user: i64,
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(oidc_handoffs::table)
        .values((
            oidc_handoffs::code_hash.eq(code_hash),
            oidc_handoffs::user_id.eq(user),
            oidc_handoffs::created_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

/// The user a one-time code signs in, if it was made after `since`; the code
/// is spent either way, and expired ones are deleted.
pub fn redeem(
    conn: &mut DbConnection,
    code_hash: &str,
    since: NaiveDateTime,
) -> QueryResult<Option<i64>> {
    let user = oidc_handoffs::table
        .find(code_hash)
        .filter(oidc_handoffs::created_at.gt(since))
        .select(oidc_handoffs::user_id)
        .first(conn)
        .optional()?;
    diesel::delete(
        oidc_handoffs::table.filter(
            oidc_handoffs::code_hash
                .eq(code_hash)
                .or(oidc_handoffs::created_at.le(since)),
        ),
    )
    .execute(conn)?;
    Ok(user)
}

/// The user the provider `issuer` knows as `subject`.
pub fn user_by_subject(
    conn: &mut DbConnection,
    issuer: &str,
    subject: &str,
) -> QueryResult<Option<UserRow>> {
    users::table
        .filter(users::oidc_issuer.eq(issuer))
        .filter(users::oidc_subject.eq(subject))
        .select(UserRow::as_select())
        .first(conn)
        .optional()
}

/// The provider subject `user` is linked to, if any (issuer, subject).
pub fn subject_of(conn: &mut DbConnection, user: i64) -> QueryResult<Option<(String, String)>> {
    let linked: Option<(Option<String>, Option<String>)> = users::table
        .find(user)
        .select((users::oidc_issuer, users::oidc_subject))
        .first(conn)
        .optional()?;
    Ok(linked.and_then(|(issuer, subject)| Some((issuer?, subject?))))
}

/// Links `user` to the provider's subject.
pub fn link_subject(
    conn: &mut DbConnection,
    user: i64,
    issuer: &str,
    subject: &str,
) -> QueryResult<()> {
    diesel::update(users::table.find(user))
        .set((
            users::oidc_issuer.eq(issuer),
            users::oidc_subject.eq(subject),
        ))
        .execute(conn)?;
    Ok(())
}

/// Sets the role the provider's claims give.
pub fn set_role(conn: &mut DbConnection, user: i64, role: &str) -> QueryResult<()> {
    diesel::update(users::table.find(user))
        .set(users::role.eq(role))
        .execute(conn)?;
    Ok(())
}
