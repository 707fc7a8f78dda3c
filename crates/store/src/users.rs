//! Staff users, their sessions, and failed logins.

use crate::DbConnection;
use crate::schema::{ladders, programme_roles, sessions, spent_refresh_tokens, users};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use stige_domain::{Role, UserId};

#[derive(Debug, Clone, Queryable, Selectable, PartialEq)]
#[diesel(table_name = users)]
pub struct UserRow {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub password_hash: String,
    #[diesel(deserialize_as = String)]
    pub role: Role,
    pub active: bool,
    pub created_at: NaiveDateTime,
    /// `None` for a platform admin and a partner user.
    pub organisation_id: Option<i64>,
    /// The cooperation agreement a partner user follows (`None` for staff).
    pub agreement_id: Option<i64>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = users)]
pub struct NewUserRow<'a> {
    pub username: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub role: &'a str,
    pub active: bool,
    pub created_at: NaiveDateTime,
    pub organisation_id: Option<i64>,
    pub agreement_id: Option<i64>,
}

pub fn insert(conn: &mut DbConnection, row: &NewUserRow<'_>) -> QueryResult<UserRow> {
    let id = diesel::insert_into(users::table)
        .values(row)
        .returning(users::id)
        .get_result::<i64>(conn)?;
    users::table
        .find(id)
        .select(UserRow::as_select())
        .first(conn)
}

pub fn by_username(conn: &mut DbConnection, username: &str) -> QueryResult<Option<UserRow>> {
    users::table
        .filter(users::username.eq(username))
        .select(UserRow::as_select())
        .first(conn)
        .optional()
}

pub fn by_id(conn: &mut DbConnection, id: UserId) -> QueryResult<Option<UserRow>> {
    users::table
        .find(id.0)
        .select(UserRow::as_select())
        .first(conn)
        .optional()
}

/// Users whose ids are in `ids` (to check a mentor assignment in one query).
pub fn by_ids(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<UserRow>> {
    users::table
        .filter(users::id.eq_any(ids))
        .select(UserRow::as_select())
        .load(conn)
}

/// Every user of the installation (for the seed, never a request).
pub fn all(conn: &mut DbConnection) -> QueryResult<Vec<UserRow>> {
    users::table
        .order(users::id.asc())
        .select(UserRow::as_select())
        .load(conn)
}

/// The staff of an organisation (`None`: the platform admins); never partner users.
pub fn list(conn: &mut DbConnection, organisation: Option<i64>) -> QueryResult<Vec<UserRow>> {
    let q = users::table
        .filter(users::agreement_id.is_null())
        .into_boxed();
    let q = match organisation {
        Some(o) => q.filter(users::organisation_id.eq(o)),
        None => q.filter(users::organisation_id.is_null()),
    };
    q.order((users::display_name.asc(), users::id.asc()))
        .select(UserRow::as_select())
        .load(conn)
}

/// The partner users who follow `agreement`, by name.
pub fn of_agreement(conn: &mut DbConnection, agreement: i64) -> QueryResult<Vec<UserRow>> {
    users::table
        .filter(users::agreement_id.eq(agreement))
        .order((users::display_name.asc(), users::id.asc()))
        .select(UserRow::as_select())
        .load(conn)
}

pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
    users::table.count().get_result(conn)
}

/// Applies the given changes; `None` keeps a field.
pub fn update(
    conn: &mut DbConnection,
    id: UserId,
    display_name: Option<&str>,
    role: Option<&str>,
    active: Option<bool>,
    password_hash: Option<&str>,
) -> QueryResult<Option<UserRow>> {
    if let Some(v) = display_name {
        diesel::update(users::table.find(id.0))
            .set(users::display_name.eq(v))
            .execute(conn)?;
    }
    if let Some(v) = role {
        diesel::update(users::table.find(id.0))
            .set(users::role.eq(v))
            .execute(conn)?;
    }
    if let Some(v) = active {
        diesel::update(users::table.find(id.0))
            .set(users::active.eq(v))
            .execute(conn)?;
        if !v {
            revoke_all_sessions(conn, id)?;
        }
    }
    if let Some(v) = password_hash {
        diesel::update(users::table.find(id.0))
            .set(users::password_hash.eq(v))
            .execute(conn)?;
    }
    by_id(conn, id)
}

#[derive(Debug, Clone, Queryable, Selectable, PartialEq)]
#[diesel(table_name = sessions)]
pub struct SessionRow {
    pub id: i64,
    pub user_id: i64,
    pub refresh_hash: String,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub revoked_at: Option<NaiveDateTime>,
    /// The absolute end: no refresh moves it.
    pub ends_at: NaiveDateTime,
    /// When the session was last used (to the minute, see [`touch_session`]):
    /// it ends when unused for longer than the idle timeout.
    pub last_seen_at: NaiveDateTime,
}

/// When a session is open: not revoked, before its absolute end, and used
/// since `idle_since`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionClock {
    pub now: NaiveDateTime,
    pub idle_since: NaiveDateTime,
}

/// A new session of `user`, used now, ending at `ends_at` whatever happens.
pub fn create_session(
    conn: &mut DbConnection,
    user: UserId,
    refresh_hash: &str,
    ends_at: NaiveDateTime,
) -> QueryResult<SessionRow> {
    let now = crate::now();
    let id = diesel::insert_into(sessions::table)
        .values((
            sessions::user_id.eq(user.0),
            sessions::refresh_hash.eq(refresh_hash),
            sessions::created_at.eq(now),
            // Kept equal to the absolute end; the idle timeout is `last_seen_at`'s.
            sessions::expires_at.eq(ends_at),
            sessions::ends_at.eq(ends_at),
            sessions::last_seen_at.eq(now),
        ))
        .returning(sessions::id)
        .get_result::<i64>(conn)?;
    sessions::table
        .find(id)
        .select(SessionRow::as_select())
        .first(conn)
}

/// Records that the session was used at `now`, unless it was within the
/// last minute (so a busy session is written at most once a minute).
pub fn touch_session(conn: &mut DbConnection, session: i64, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(
        sessions::table
            .filter(sessions::id.eq(session))
            .filter(sessions::last_seen_at.lt(now - chrono::Duration::seconds(TOUCH_SECS))),
    )
    .set(sessions::last_seen_at.eq(now))
    .execute(conn)?;
    Ok(())
}

/// How stale `last_seen_at` may be before a request records its use.
pub const TOUCH_SECS: i64 = 60;

type OpenSession<'a> = diesel::helper_types::IntoBoxed<
    'a,
    diesel::helper_types::InnerJoin<sessions::table, users::table>,
    <DbConnection as Connection>::Backend,
>;

/// The session with its user, if the session is open at `clock` (see
/// [`SessionClock`]) and the user is active.
fn open_session<'a>(session: i64, clock: SessionClock) -> OpenSession<'a> {
    sessions::table
        .inner_join(users::table)
        .filter(sessions::id.eq(session))
        .filter(sessions::revoked_at.is_null())
        .filter(sessions::ends_at.gt(clock.now))
        .filter(sessions::last_seen_at.gt(clock.idle_since))
        .filter(users::active.eq(true))
        .into_boxed()
}

/// The session and its user, if the session is open at `clock` and the user
/// is active.
pub fn active_session(
    conn: &mut DbConnection,
    session: i64,
    clock: SessionClock,
) -> QueryResult<Option<(SessionRow, UserRow)>> {
    open_session(session, clock)
        .select((SessionRow::as_select(), UserRow::as_select()))
        .first(conn)
        .optional()
}

/// What every request needs of an open session: whose it is, with their role,
/// name, organisation and role per programme, and nothing else (no password
/// or refresh token hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionHolder {
    pub session: i64,
    pub user_id: i64,
    pub role: Role,
    pub display_name: String,
    pub organisation_id: Option<i64>,
    /// The agreement a partner user follows.
    pub agreement_id: Option<i64>,
    /// When the session was last recorded as used.
    pub last_seen_at: NaiveDateTime,
    /// (ladder, role) for every programme of the organisation the user holds
    /// a role in; an admin holds admin in all of them.
    pub programmes: Vec<(i64, Role)>,
}

type HolderRow = (
    i64,
    NaiveDateTime,
    i64,
    String,
    String,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<String>,
);

/// Like [`active_session`], reading only what a request's check needs, with
/// the programmes in the same statement (one row per programme of the
/// user's organisation).
pub fn session_holder(
    conn: &mut DbConnection,
    session: i64,
    clock: SessionClock,
) -> QueryResult<Option<SessionHolder>> {
    let rows: Vec<HolderRow> = sessions::table
        .inner_join(users::table)
        .left_join(
            ladders::table.on(ladders::organisation_id
                .nullable()
                .eq(users::organisation_id)),
        )
        .left_join(
            programme_roles::table.on(programme_roles::user_id
                .eq(users::id)
                .and(programme_roles::ladder_id.eq(ladders::id))),
        )
        .filter(sessions::id.eq(session))
        .filter(sessions::revoked_at.is_null())
        .filter(sessions::ends_at.gt(clock.now))
        .filter(sessions::last_seen_at.gt(clock.idle_since))
        .filter(users::active.eq(true))
        .select((
            sessions::id,
            sessions::last_seen_at,
            users::id,
            users::role,
            users::display_name,
            users::organisation_id,
            users::agreement_id,
            ladders::id.nullable(),
            programme_roles::role.nullable(),
        ))
        .load(conn)?;
    let Some(first) = rows.first() else {
        return Ok(None);
    };
    let mut holder = SessionHolder {
        session: first.0,
        last_seen_at: first.1,
        user_id: first.2,
        role: stored_role(first.3.clone())?,
        display_name: first.4.clone(),
        organisation_id: first.5,
        agreement_id: first.6,
        programmes: vec![],
    };
    let admin = holder.role == Role::Admin;
    for (.., ladder, role) in rows {
        match (ladder, role) {
            (Some(ladder), _) if admin => holder.programmes.push((ladder, Role::Admin)),
            (Some(ladder), Some(role)) => holder.programmes.push((ladder, stored_role(role)?)),
            _ => {}
        }
    }
    Ok(Some(holder))
}

/// The roles a user holds per programme (an admin's are implied: none here).
pub fn programme_roles_of(conn: &mut DbConnection, user: UserId) -> QueryResult<Vec<(i64, Role)>> {
    let rows: Vec<(i64, String)> = programme_roles::table
        .filter(programme_roles::user_id.eq(user.0))
        .order(programme_roles::ladder_id.asc())
        .select((programme_roles::ladder_id, programme_roles::role))
        .load(conn)?;
    rows.into_iter()
        .map(|(ladder, role)| Ok((ladder, stored_role(role)?)))
        .collect()
}

/// The roles per programme of several users, as (user, ladder, role).
pub fn programme_roles_of_users(
    conn: &mut DbConnection,
    users: &[i64],
) -> QueryResult<Vec<(i64, i64, Role)>> {
    let rows: Vec<(i64, i64, String)> = programme_roles::table
        .filter(programme_roles::user_id.eq_any(users))
        .order((
            programme_roles::user_id.asc(),
            programme_roles::ladder_id.asc(),
        ))
        .select((
            programme_roles::user_id,
            programme_roles::ladder_id,
            programme_roles::role,
        ))
        .load(conn)?;
    rows.into_iter()
        .map(|(user, ladder, role)| Ok((user, ladder, stored_role(role)?)))
        .collect()
}

/// A role read back from its stored code; an unknown code fails the read.
fn stored_role(code: String) -> QueryResult<Role> {
    crate::optional_code::read_code(code)
}

/// Replaces a user's roles per programme.
pub fn set_programme_roles(
    conn: &mut DbConnection,
    user: UserId,
    roles: &[(i64, Role)],
) -> QueryResult<()> {
    diesel::delete(programme_roles::table.filter(programme_roles::user_id.eq(user.0)))
        .execute(conn)?;
    for (ladder, role) in roles {
        diesel::insert_into(programme_roles::table)
            .values((
                programme_roles::user_id.eq(user.0),
                programme_roles::ladder_id.eq(*ladder),
                programme_roles::role.eq(role.as_str()),
            ))
            .execute(conn)?;
    }
    Ok(())
}

pub fn session_by_refresh_hash(
    conn: &mut DbConnection,
    hash: &str,
) -> QueryResult<Option<SessionRow>> {
    sessions::table
        .filter(sessions::refresh_hash.eq(hash))
        .select(SessionRow::as_select())
        .first(conn)
        .optional()
}

/// Replaces a session's refresh token (each refresh token works once) and
/// records the session as used now; the old token is kept as spent, so that
/// a replay of it is recognised (see [`session_of_spent_refresh`]).
pub fn rotate_refresh(
    conn: &mut DbConnection,
    session: i64,
    old_hash: &str,
    new_hash: &str,
) -> QueryResult<bool> {
    let now = crate::now();
    let changed = diesel::update(
        sessions::table
            .filter(sessions::id.eq(session))
            .filter(sessions::refresh_hash.eq(old_hash))
            .filter(sessions::revoked_at.is_null()),
    )
    .set((
        sessions::refresh_hash.eq(new_hash),
        sessions::last_seen_at.eq(now),
    ))
    .execute(conn)?;
    if changed != 1 {
        return Ok(false);
    }
    diesel::insert_into(spent_refresh_tokens::table)
        .values((
            spent_refresh_tokens::refresh_hash.eq(old_hash),
            spent_refresh_tokens::session_id.eq(session),
            spent_refresh_tokens::spent_at.eq(now),
        ))
        .execute(conn)?;
    Ok(true)
}

/// The session and user of a refresh token that was already traded in.
pub fn session_of_spent_refresh(
    conn: &mut DbConnection,
    hash: &str,
) -> QueryResult<Option<(i64, i64)>> {
    spent_refresh_tokens::table
        .inner_join(sessions::table)
        .filter(spent_refresh_tokens::refresh_hash.eq(hash))
        .select((sessions::id, sessions::user_id))
        .get_result(conn)
        .optional()
}

pub fn revoke_session(conn: &mut DbConnection, session: i64) -> QueryResult<()> {
    diesel::update(sessions::table.filter(sessions::id.eq(session)))
        .set(sessions::revoked_at.eq(Some(crate::now())))
        .execute(conn)?;
    Ok(())
}

/// Ends every open session of `user`; how many there were.
pub fn revoke_all_sessions(conn: &mut DbConnection, user: UserId) -> QueryResult<usize> {
    diesel::update(
        sessions::table
            .filter(sessions::user_id.eq(user.0))
            .filter(sessions::revoked_at.is_null()),
    )
    .set(sessions::revoked_at.eq(Some(crate::now())))
    .execute(conn)
}

/// Ends every open session of `user` but `keep` (the one making the change).
pub fn revoke_other_sessions(
    conn: &mut DbConnection,
    user: UserId,
    keep: i64,
) -> QueryResult<usize> {
    diesel::update(
        sessions::table
            .filter(sessions::user_id.eq(user.0))
            .filter(sessions::id.ne(keep))
            .filter(sessions::revoked_at.is_null()),
    )
    .set(sessions::revoked_at.eq(Some(crate::now())))
    .execute(conn)
}

/// When each of `users` last signed in: the start of their newest session
/// (users who never did are left out).
pub fn last_sign_ins(
    conn: &mut DbConnection,
    users: &[i64],
) -> QueryResult<Vec<(i64, NaiveDateTime)>> {
    let rows: Vec<(i64, Option<NaiveDateTime>)> = sessions::table
        .filter(sessions::user_id.eq_any(users))
        .group_by(sessions::user_id)
        .select((sessions::user_id, diesel::dsl::max(sessions::created_at)))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(user, at)| Some((user, at?)))
        .collect())
}

/// One session, open or not.
pub fn session_by_id(conn: &mut DbConnection, session: i64) -> QueryResult<Option<SessionRow>> {
    sessions::table
        .find(session)
        .select(SessionRow::as_select())
        .first(conn)
        .optional()
}
