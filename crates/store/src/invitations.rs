//! Links sent to employers (only the token's hash is kept), the failed look-ups that
//! rate-limit them, and the outbox of messages with their delivery state. A message
//! never holds a usable link: its body shows the link as `/employer/…`, and the
//! link itself is kept only sealed (encrypted by the API with the data key) for
//! the mailer, until the message is sent.

use crate::DbConnection;
use crate::schema::{employer_invitations, outbox};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use stige_domain::UserId;
use stige_domain::message::MessageState;
use stige_domain::placement::InvitationPurpose;

/// The states the mailer still sends from.
const AWAITING: [&str; 2] = ["pending", "failed"];

#[derive(Debug, Clone, Queryable, Selectable, PartialEq)]
#[diesel(table_name = employer_invitations)]
pub struct InvitationRow {
    pub id: i64,
    pub placement_id: i64,
    #[diesel(deserialize_as = String)]
    pub purpose: stige_domain::placement::InvitationPurpose,
    pub token_hash: String,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
    pub created_by: i64,
    pub created_at: NaiveDateTime,
}

pub fn insert(
    conn: &mut DbConnection,
    placement: i64,
    purpose: InvitationPurpose,
    token_hash: &str,
    expires_at: NaiveDateTime,
    by: UserId,
) -> QueryResult<i64> {
    diesel::insert_into(employer_invitations::table)
        .values((
            employer_invitations::placement_id.eq(placement),
            employer_invitations::purpose.eq(purpose.as_str()),
            employer_invitations::token_hash.eq(token_hash),
            employer_invitations::expires_at.eq(expires_at),
            employer_invitations::created_by.eq(by.0),
            employer_invitations::created_at.eq(crate::now()),
        ))
        .returning(employer_invitations::id)
        .get_result(conn)
}

pub fn by_hash(conn: &mut DbConnection, token_hash: &str) -> QueryResult<Option<InvitationRow>> {
    employer_invitations::table
        .filter(employer_invitations::token_hash.eq(token_hash))
        .select(InvitationRow::as_select())
        .first(conn)
        .optional()
}

/// Marks the invitation used, if it was not. Returns whether this call did it (so
/// two concurrent decisions cannot both succeed).
pub fn use_once(conn: &mut DbConnection, id: i64) -> QueryResult<bool> {
    let n = diesel::update(
        employer_invitations::table
            .filter(employer_invitations::id.eq(id))
            .filter(employer_invitations::used_at.is_null()),
    )
    .set(employer_invitations::used_at.eq(Some(crate::now())))
    .execute(conn)?;
    Ok(n == 1)
}

/// Open invitations of a placement for a purpose are replaced by a new one.
pub fn retire_open(
    conn: &mut DbConnection,
    placement: i64,
    purpose: InvitationPurpose,
) -> QueryResult<()> {
    diesel::update(
        employer_invitations::table
            .filter(employer_invitations::placement_id.eq(placement))
            .filter(employer_invitations::purpose.eq(purpose.as_str()))
            .filter(employer_invitations::used_at.is_null()),
    )
    .set(employer_invitations::expires_at.eq(crate::now()))
    .execute(conn)?;
    Ok(())
}

pub fn for_placement(conn: &mut DbConnection, placement: i64) -> QueryResult<Vec<InvitationRow>> {
    employer_invitations::table
        .filter(employer_invitations::placement_id.eq(placement))
        .order(employer_invitations::id)
        .select(InvitationRow::as_select())
        .load(conn)
}

#[derive(Debug, Clone, Queryable, Selectable, PartialEq)]
#[diesel(table_name = outbox)]
pub struct MessageRow {
    pub id: i64,
    pub placement_id: Option<i64>,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    #[diesel(deserialize_as = String)]
    pub language: stige_domain::placement::Language,
    #[diesel(deserialize_as = String)]
    pub state: MessageState,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub last_error: Option<String>,
    pub created_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
    /// The employer link, encrypted, for the mailer to put into the body; none
    /// once the message is sent.
    pub sealed_link: Option<String>,
}

/// A message to send.
#[derive(Debug, Clone)]
pub struct NewMessage<'a> {
    pub placement: Option<i64>,
    pub recipient: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    pub language: stige_domain::placement::Language,
    pub state: MessageState,
    /// The link the body shows as `/employer/…`, encrypted.
    pub sealed_link: Option<&'a str>,
}

pub fn enqueue(conn: &mut DbConnection, m: &NewMessage<'_>) -> QueryResult<i64> {
    let now = crate::now();
    diesel::insert_into(outbox::table)
        .values((
            outbox::placement_id.eq(m.placement),
            outbox::recipient.eq(m.recipient),
            outbox::subject.eq(m.subject),
            outbox::body.eq(m.body),
            outbox::language.eq(m.language.as_str()),
            outbox::state.eq(m.state.as_str()),
            outbox::sealed_link.eq(m.sealed_link),
            outbox::attempts.eq(0),
            outbox::next_attempt_at.eq(now),
            outbox::created_at.eq(now),
        ))
        .returning(outbox::id)
        .get_result(conn)
}

/// The outbox, newest first.
pub fn messages(conn: &mut DbConnection, limit: i64) -> QueryResult<Vec<MessageRow>> {
    outbox::table
        .order(outbox::id.desc())
        .limit(limit)
        .select(MessageRow::as_select())
        .load(conn)
}

/// When each invitation of these placements was made and, once the employer
/// answered through its link, when: `(placement, created_at, used_at)`.
pub fn answers_of(
    conn: &mut DbConnection,
    placements: &[i64],
) -> QueryResult<Vec<(i64, NaiveDateTime, Option<NaiveDateTime>)>> {
    employer_invitations::table
        .filter(employer_invitations::placement_id.eq_any(placements))
        .order(employer_invitations::created_at)
        .select((
            employer_invitations::placement_id,
            employer_invitations::created_at,
            employer_invitations::used_at,
        ))
        .load(conn)
}

/// Messages waiting for a (new) delivery attempt.
pub fn due(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<MessageRow>> {
    outbox::table
        .filter(outbox::state.eq_any(AWAITING))
        .filter(outbox::next_attempt_at.le(now))
        .order(outbox::id)
        .limit(limit)
        .select(MessageRow::as_select())
        .load(conn)
}

/// How many messages wait for delivery (`pending` or `failed`), and when the
/// oldest of them was made.
pub fn undelivered(conn: &mut DbConnection) -> QueryResult<(i64, Option<NaiveDateTime>)> {
    outbox::table
        .filter(outbox::state.eq_any(AWAITING))
        .select((
            diesel::dsl::count_star(),
            diesel::dsl::min(outbox::created_at),
        ))
        .first(conn)
}

/// Marks a message delivered; the sealed link goes with it, so only the token's
/// hash remains.
pub fn mark_sent(conn: &mut DbConnection, id: i64) -> QueryResult<()> {
    let now = crate::now();
    diesel::update(outbox::table.find(id))
        .set((
            outbox::sealed_link.eq(None::<String>),
            outbox::state.eq(MessageState::Sent.as_str()),
            outbox::attempts.eq(outbox::attempts + 1),
            outbox::sent_at.eq(Some(now)),
            outbox::last_error.eq(None::<String>),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn mark_failed(
    conn: &mut DbConnection,
    id: i64,
    error: &str,
    next_attempt_at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(outbox::table.find(id))
        .set((
            outbox::state.eq(MessageState::Failed.as_str()),
            outbox::attempts.eq(outbox::attempts + 1),
            outbox::last_error.eq(Some(error)),
            outbox::next_attempt_at.eq(next_attempt_at),
        ))
        .execute(conn)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mailer_sends_from_the_states_that_await_delivery() {
        let awaiting: Vec<&str> = MessageState::ALL
            .iter()
            .filter(|s| s.awaits_delivery())
            .map(|s| s.as_str())
            .collect();
        assert_eq!(awaiting, AWAITING);
    }
}
