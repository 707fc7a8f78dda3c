//! A participant's links to cooperation agreements over time: each with its
//! period, one of them paying for the place at a time, the others following.
//! The only writer of `participants.agreement_id`, which names the agreement of
//! the latest paying link (the one a partner's referral or a new link made).

use crate::DbConnection;
use crate::schema::{agreement_links, agreements, participants, partners};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use stige_domain::agreement_link::LinkSpan;
use stige_domain::{EnrolmentStatus, ParticipantId};

#[derive(Debug, Clone, Queryable, Selectable, PartialEq)]
#[diesel(table_name = agreement_links)]
pub struct LinkRow {
    pub id: i64,
    pub participant_id: i64,
    pub agreement_id: i64,
    pub valid_from: NaiveDate,
    /// `None`: until further notice.
    pub valid_to: Option<NaiveDate>,
    /// This agreement pays for the place; the others follow.
    pub pays: bool,
    pub created_at: NaiveDateTime,
}

impl LinkRow {
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        self.valid_from <= date && self.valid_to.is_none_or(|to| to >= date)
    }

    /// The link's period and role, as the domain's rules read it.
    pub fn span(&self) -> LinkSpan {
        LinkSpan {
            agreement: self.agreement_id,
            from: self.valid_from,
            to: self.valid_to,
            pays: self.pays,
        }
    }
}

/// A link with its agreement's partner and programme.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkListed {
    pub link: LinkRow,
    pub partner_id: i64,
    pub partner_name: String,
    pub ladder_id: i64,
}

/// A link to make.
#[derive(Debug, Clone, Copy)]
pub struct NewLink {
    pub participant: ParticipantId,
    pub agreement: i64,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub pays: bool,
}

pub fn insert(conn: &mut DbConnection, l: NewLink) -> QueryResult<i64> {
    let id = diesel::insert_into(agreement_links::table)
        .values((
            agreement_links::participant_id.eq(l.participant.0),
            agreement_links::agreement_id.eq(l.agreement),
            agreement_links::valid_from.eq(l.valid_from),
            agreement_links::valid_to.eq(l.valid_to),
            agreement_links::pays.eq(l.pays),
            agreement_links::created_at.eq(crate::now()),
        ))
        .returning(agreement_links::id)
        .get_result(conn)?;
    if l.pays {
        diesel::update(participants::table.find(l.participant.0))
            .set(participants::agreement_id.eq(Some(l.agreement)))
            .execute(conn)?;
    }
    Ok(id)
}

/// Ends a link on `on` (its last day).
pub fn end(conn: &mut DbConnection, link: i64, on: NaiveDate) -> QueryResult<()> {
    diesel::update(agreement_links::table.find(link))
        .set(agreement_links::valid_to.eq(Some(on)))
        .execute(conn)?;
    Ok(())
}

/// Every link of `participant`, oldest first.
pub fn of_participant(
    conn: &mut DbConnection,
    participant: ParticipantId,
) -> QueryResult<Vec<LinkListed>> {
    let rows: Vec<(LinkRow, i64, String, i64)> = agreement_links::table
        .inner_join(agreements::table.inner_join(partners::table))
        .filter(agreement_links::participant_id.eq(participant.0))
        .order((agreement_links::valid_from, agreement_links::id))
        .select((
            LinkRow::as_select(),
            partners::id,
            partners::name,
            agreements::ladder_id,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(link, partner_id, partner_name, ladder_id)| LinkListed {
            link,
            partner_id,
            partner_name,
            ladder_id,
        })
        .collect())
}

/// The links of several participants, for reports: `(participant, link)`.
pub fn of_participants(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<LinkRow>> {
    agreement_links::table
        .filter(agreement_links::participant_id.eq_any(ids))
        .order((agreement_links::participant_id, agreement_links::valid_from))
        .select(LinkRow::as_select())
        .load(conn)
}

/// Every link to `agreement`, per participant (for the agreement's report).
pub fn of_agreement(conn: &mut DbConnection, agreement: i64) -> QueryResult<Vec<LinkRow>> {
    agreement_links::table
        .filter(agreement_links::agreement_id.eq(agreement))
        .order((agreement_links::participant_id, agreement_links::valid_from))
        .select(LinkRow::as_select())
        .load(conn)
}

/// The agreements following `participant` on `date` (paying or not).
pub fn in_force(
    conn: &mut DbConnection,
    participant: ParticipantId,
    date: NaiveDate,
) -> QueryResult<Vec<i64>> {
    agreement_links::table
        .filter(agreement_links::participant_id.eq(participant.0))
        .filter(agreement_links::valid_from.le(date))
        .filter(
            agreement_links::valid_to
                .is_null()
                .or(agreement_links::valid_to.ge(date)),
        )
        .select(agreement_links::agreement_id)
        .distinct()
        .load(conn)
}

/// Whether `participant` has ever been linked to `agreement`: a partner sees
/// the person through any link of its agreement.
pub fn linked(conn: &mut DbConnection, participant: i64, agreement: i64) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        agreement_links::table
            .filter(agreement_links::participant_id.eq(participant))
            .filter(agreement_links::agreement_id.eq(agreement)),
    ))
    .get_result(conn)
}

/// Active and paused participants per agreement whose paying link is in force
/// on `date`: the places in use.
pub fn places_used(
    conn: &mut DbConnection,
    ids: &[i64],
    date: NaiveDate,
) -> QueryResult<Vec<(i64, i64)>> {
    agreement_links::table
        .inner_join(participants::table)
        .filter(agreement_links::agreement_id.eq_any(ids))
        .filter(agreement_links::pays.eq(true))
        .filter(agreement_links::valid_from.le(date))
        .filter(
            agreement_links::valid_to
                .is_null()
                .or(agreement_links::valid_to.ge(date)),
        )
        .filter(participants::status.eq_any([
            EnrolmentStatus::Active.as_str(),
            EnrolmentStatus::Paused.as_str(),
        ]))
        .group_by(agreement_links::agreement_id)
        .select((agreement_links::agreement_id, diesel::dsl::count_star()))
        .load(conn)
}
