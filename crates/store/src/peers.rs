//! Peer supports: a participant named peer for a newcomer, from a day until
//! an end.

use crate::DbConnection;
use crate::schema::{participants, peer_supports};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use stige_domain::{ParticipantId, UserId};

/// A peer support as stored.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = peer_supports)]
pub struct PairRow {
    pub id: i64,
    pub peer_id: i64,
    pub newcomer_id: i64,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub updated_at: NaiveDateTime,
}

/// The supports where the person is the peer or the newcomer, newest first.
pub fn of_person(conn: &mut DbConnection, id: ParticipantId) -> QueryResult<Vec<PairRow>> {
    peer_supports::table
        .filter(
            peer_supports::peer_id
                .eq(id.0)
                .or(peer_supports::newcomer_id.eq(id.0)),
        )
        .order((peer_supports::starts_on.desc(), peer_supports::id.desc()))
        .select(PairRow::as_select())
        .load(conn)
}

/// One support.
pub fn get(conn: &mut DbConnection, id: i64) -> QueryResult<Option<PairRow>> {
    peer_supports::table
        .find(id)
        .select(PairRow::as_select())
        .first(conn)
        .optional()
}

/// Whether the newcomer has a support that has not ended.
pub fn has_running(conn: &mut DbConnection, newcomer: ParticipantId) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        peer_supports::table
            .filter(peer_supports::newcomer_id.eq(newcomer.0))
            .filter(peer_supports::ends_on.is_null()),
    ))
    .get_result(conn)
}

/// Names a peer for a newcomer; returns the support's id.
pub fn start(
    conn: &mut DbConnection,
    peer: ParticipantId,
    newcomer: ParticipantId,
    starts_on: NaiveDate,
    by: UserId,
    now: NaiveDateTime,
) -> QueryResult<i64> {
    diesel::insert_into(peer_supports::table)
        .values((
            peer_supports::peer_id.eq(peer.0),
            peer_supports::newcomer_id.eq(newcomer.0),
            peer_supports::starts_on.eq(starts_on),
            peer_supports::recorded_by.eq(by.0),
            peer_supports::recorded_at.eq(now),
            peer_supports::updated_by.eq(by.0),
            peer_supports::updated_at.eq(now),
        ))
        .returning(peer_supports::id)
        .get_result(conn)
}

/// Ends a support.
pub fn end(
    conn: &mut DbConnection,
    id: i64,
    ends_on: NaiveDate,
    by: UserId,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(peer_supports::table.find(id))
        .set((
            peer_supports::ends_on.eq(Some(ends_on)),
            peer_supports::updated_by.eq(by.0),
            peer_supports::updated_at.eq(now),
        ))
        .execute(conn)
}

/// The supports running on `day` in which one of `ids` is the peer.
pub fn peers_on(conn: &mut DbConnection, ids: &[i64], day: NaiveDate) -> QueryResult<Vec<PairRow>> {
    peer_supports::table
        .filter(peer_supports::peer_id.eq_any(ids))
        .filter(peer_supports::starts_on.le(day))
        .filter(
            peer_supports::ends_on
                .is_null()
                .or(peer_supports::ends_on.ge(day)),
        )
        .select(PairRow::as_select())
        .load(conn)
}

/// Every support of the newcomers on `ladder`.
pub fn of_ladder(conn: &mut DbConnection, ladder: i64) -> QueryResult<Vec<PairRow>> {
    peer_supports::table
        .inner_join(participants::table.on(participants::id.eq(peer_supports::newcomer_id)))
        .filter(participants::ladder_id.eq(ladder))
        .select(PairRow::as_select())
        .load(conn)
}

/// (id, given name, family name) of `ids`.
pub fn names(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<(i64, String, String)>> {
    participants::table
        .filter(participants::id.eq_any(ids))
        .select((
            participants::id,
            participants::given_name,
            participants::family_name,
        ))
        .load(conn)
}
