//! Contact and safety: a participant's contact details and safety note, kept
//! as one value sealed with the data key (the server seals and opens it; the
//! store never sees the plain text), and the attempts to reach the person.

use crate::DbConnection;
use crate::schema::{participant_contacts, reach_attempts, users};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use stige_domain::contact::ReachOutcome;
use stige_domain::{ParticipantId, UserId};

/// The sealed contact details of one person, with who last changed them.
#[derive(Debug, Clone, PartialEq, Queryable)]
pub struct SealedContact {
    pub sealed: String,
    pub updated_by: String,
    pub updated_at: NaiveDateTime,
}

/// One attempt to reach a person, with the name of who tried.
#[derive(Debug, Clone, PartialEq, Queryable)]
pub struct AttemptRow {
    pub participant_id: i64,
    #[diesel(deserialize_as = String)]
    pub outcome: stige_domain::contact::ReachOutcome,
    pub at: NaiveDateTime,
    pub recorded_by: String,
}

/// The sealed contact details of `participant`, if any are recorded.
pub fn sealed_of(
    conn: &mut DbConnection,
    participant: ParticipantId,
) -> QueryResult<Option<SealedContact>> {
    participant_contacts::table
        .inner_join(users::table)
        .filter(participant_contacts::participant_id.eq(participant.0))
        .select((
            participant_contacts::sealed,
            users::display_name,
            participant_contacts::updated_at,
        ))
        .first(conn)
        .optional()
}

/// Stores `sealed` as the person's contact details, replacing what was there.
pub fn save(
    conn: &mut DbConnection,
    participant: ParticipantId,
    sealed: &str,
    by: UserId,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let changed = diesel::update(
        participant_contacts::table.filter(participant_contacts::participant_id.eq(participant.0)),
    )
    .set((
        participant_contacts::sealed.eq(sealed),
        participant_contacts::updated_by.eq(by.0),
        participant_contacts::updated_at.eq(now),
    ))
    .execute(conn)?;
    if changed == 0 {
        diesel::insert_into(participant_contacts::table)
            .values((
                participant_contacts::participant_id.eq(participant.0),
                participant_contacts::sealed.eq(sealed),
                participant_contacts::updated_by.eq(by.0),
                participant_contacts::updated_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Removes the person's contact details and reach attempts (anonymisation);
/// returns the rows removed.
pub fn remove(conn: &mut DbConnection, participant: ParticipantId) -> QueryResult<usize> {
    let contacts = diesel::delete(
        participant_contacts::table.filter(participant_contacts::participant_id.eq(participant.0)),
    )
    .execute(conn)?;
    let attempts = diesel::delete(
        reach_attempts::table.filter(reach_attempts::participant_id.eq(participant.0)),
    )
    .execute(conn)?;
    Ok(contacts + attempts)
}

/// Records an attempt to reach `participant` at `at`.
pub fn record_attempt(
    conn: &mut DbConnection,
    participant: ParticipantId,
    outcome: ReachOutcome,
    at: NaiveDateTime,
    by: UserId,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(reach_attempts::table)
        .values((
            reach_attempts::participant_id.eq(participant.0),
            reach_attempts::outcome.eq(outcome.as_str()),
            reach_attempts::at.eq(at),
            reach_attempts::recorded_by.eq(by.0),
            reach_attempts::recorded_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// The attempts to reach `ids` at or after `since`, newest first, at most
/// `limit` (all of them for several people).
pub fn attempts(
    conn: &mut DbConnection,
    ids: &[i64],
    since: Option<NaiveDateTime>,
    limit: i64,
) -> QueryResult<Vec<AttemptRow>> {
    let mut q = reach_attempts::table
        .inner_join(users::table)
        .filter(reach_attempts::participant_id.eq_any(ids))
        .order((reach_attempts::at.desc(), reach_attempts::id.desc()))
        .select((
            reach_attempts::participant_id,
            reach_attempts::outcome,
            reach_attempts::at,
            users::display_name,
        ))
        .limit(limit)
        .into_boxed::<<DbConnection as Connection>::Backend>();
    if let Some(since) = since {
        q = q.filter(reach_attempts::at.ge(since));
    }
    q.load(conn)
}
