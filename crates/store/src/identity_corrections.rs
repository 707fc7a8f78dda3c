//! The rectification trail: what a change of a person's identity replaced,
//! who changed it and when; and the earlier versions of their follow-ups.

use crate::DbConnection;
use crate::schema::{follow_up_versions, follow_ups, identity_corrections, users};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use stige_domain::{ParticipantId, UserId};

/// One replaced value. For a national identity number, `old_value` is the
/// masked form and `old_cipher` the number as it was stored (encrypted).
#[derive(Debug, Clone, PartialEq)]
pub struct Replaced {
    pub field: &'static str,
    pub old_value: Option<String>,
    pub old_cipher: Option<String>,
}

/// Keeps what a change of `participant`'s identity by `by` replaced.
pub fn record(
    conn: &mut DbConnection,
    participant: ParticipantId,
    by: UserId,
    replaced: &[Replaced],
) -> QueryResult<()> {
    let now = crate::now();
    // One statement per value: few at a time, and batch inserts do not work
    // across both backends.
    for r in replaced {
        diesel::insert_into(identity_corrections::table)
            .values((
                identity_corrections::participant_id.eq(participant.0),
                identity_corrections::field.eq(r.field),
                identity_corrections::old_value.eq(r.old_value.as_deref()),
                identity_corrections::old_cipher.eq(r.old_cipher.as_deref()),
                identity_corrections::corrected_by.eq(by.0),
                identity_corrections::corrected_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// A kept identity value, with the name of who replaced it.
#[derive(Debug, Clone, PartialEq, Queryable)]
pub struct CorrectionRow {
    pub id: i64,
    pub field: String,
    pub old_value: Option<String>,
    pub old_cipher: Option<String>,
    pub corrected_by: String,
    pub corrected_at: NaiveDateTime,
}

/// The identity values replaced for `participant`, oldest first.
pub fn of_participant(
    conn: &mut DbConnection,
    participant: ParticipantId,
) -> QueryResult<Vec<CorrectionRow>> {
    identity_corrections::table
        .inner_join(users::table)
        .filter(identity_corrections::participant_id.eq(participant.0))
        .order(identity_corrections::id.asc())
        .select((
            identity_corrections::id,
            identity_corrections::field,
            identity_corrections::old_value,
            identity_corrections::old_cipher,
            users::display_name,
            identity_corrections::corrected_at,
        ))
        .load(conn)
}

/// An earlier version of a follow-up (its content as JSON), kept when it was
/// corrected.
#[derive(Debug, Clone, PartialEq, Queryable)]
pub struct FollowUpVersionRow {
    pub follow_up_id: i64,
    pub content: String,
    pub replaced_by: String,
    pub replaced_at: NaiveDateTime,
}

/// The earlier versions of `participant`'s follow-ups, oldest first; the
/// confidential ones' only when `confidential`.
pub fn follow_up_versions(
    conn: &mut DbConnection,
    participant: ParticipantId,
    confidential: bool,
) -> QueryResult<Vec<FollowUpVersionRow>> {
    let mut query = follow_up_versions::table
        .inner_join(follow_ups::table)
        .inner_join(users::table.on(users::id.eq(follow_up_versions::replaced_by)))
        .filter(follow_ups::participant_id.eq(participant.0))
        .into_boxed();
    if !confidential {
        query = query.filter(follow_ups::confidential.eq(false));
    }
    query
        .order(follow_up_versions::id.asc())
        .select((
            follow_up_versions::follow_up_id,
            follow_up_versions::content,
            users::display_name,
            follow_up_versions::replaced_at,
        ))
        .load(conn)
}
