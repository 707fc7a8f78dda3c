//! The consent ledger: per participant, partner, information category and purpose.

use crate::DbConnection;
use crate::schema::{consents, partners, users};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use stige_domain::consent::{ConsentEntry, SharingCategory};
use stige_domain::{ParticipantId, UserId};

#[derive(Debug, Clone, Queryable, Selectable, PartialEq)]
#[diesel(table_name = consents)]
pub struct ConsentRow {
    pub id: i64,
    pub participant_id: i64,
    pub partner_id: i64,
    #[diesel(deserialize_as = String)]
    pub category: stige_domain::consent::SharingCategory,
    pub purpose: String,
    pub given_on: NaiveDate,
    pub given_recorded_by: i64,
    pub revoked_on: Option<NaiveDate>,
    pub revoked_recorded_by: Option<i64>,
    pub recorded_at: NaiveDateTime,
}

impl ConsentRow {
    pub fn entry(&self) -> ConsentEntry {
        ConsentEntry {
            category: self.category,
            given_on: self.given_on,
            revoked_on: self.revoked_on,
        }
    }
}

/// A ledger entry with the partner's name and who recorded it.
#[derive(Debug, Clone, PartialEq)]
pub struct ConsentListed {
    pub consent: ConsentRow,
    pub partner_name: String,
    pub given_recorded_by: String,
    pub revoked_recorded_by: Option<String>,
}

pub fn insert(
    conn: &mut DbConnection,
    participant: ParticipantId,
    partner: i64,
    category: SharingCategory,
    purpose: &str,
    given_on: NaiveDate,
    by: UserId,
) -> QueryResult<ConsentRow> {
    let id = diesel::insert_into(consents::table)
        .values((
            consents::participant_id.eq(participant.0),
            consents::partner_id.eq(partner),
            consents::category.eq(category.as_str()),
            consents::purpose.eq(purpose),
            consents::given_on.eq(given_on),
            consents::given_recorded_by.eq(by.0),
            consents::recorded_at.eq(crate::now()),
        ))
        .returning(consents::id)
        .get_result::<i64>(conn)?;
    consents::table
        .find(id)
        .select(ConsentRow::as_select())
        .first(conn)
}

pub fn get(
    conn: &mut DbConnection,
    participant: ParticipantId,
    id: i64,
) -> QueryResult<Option<ConsentRow>> {
    consents::table
        .filter(consents::id.eq(id))
        .filter(consents::participant_id.eq(participant.0))
        .select(ConsentRow::as_select())
        .first(conn)
        .optional()
}

pub fn revoke(conn: &mut DbConnection, id: i64, on: NaiveDate, by: UserId) -> QueryResult<()> {
    diesel::update(consents::table.find(id))
        .set((
            consents::revoked_on.eq(Some(on)),
            consents::revoked_recorded_by.eq(Some(by.0)),
        ))
        .execute(conn)?;
    Ok(())
}

/// The participant's whole ledger, newest first: three queries.
pub fn for_participant(
    conn: &mut DbConnection,
    participant: ParticipantId,
) -> QueryResult<Vec<ConsentListed>> {
    let rows: Vec<(ConsentRow, String, String)> = consents::table
        .inner_join(partners::table)
        .inner_join(users::table.on(users::id.eq(consents::given_recorded_by)))
        .filter(consents::participant_id.eq(participant.0))
        .order(consents::id.desc())
        .select((ConsentRow::as_select(), partners::name, users::display_name))
        .load(conn)?;
    let revokers: Vec<i64> = rows
        .iter()
        .filter_map(|(c, _, _)| c.revoked_recorded_by)
        .collect();
    let names: Vec<(i64, String)> = users::table
        .filter(users::id.eq_any(revokers))
        .select((users::id, users::display_name))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(consent, partner_name, given_by)| {
            let revoked_recorded_by = consent.revoked_recorded_by.and_then(|id| {
                names
                    .iter()
                    .find(|(uid, _)| *uid == id)
                    .map(|(_, n)| n.clone())
            });
            ConsentListed {
                consent,
                partner_name,
                given_recorded_by: given_by,
                revoked_recorded_by,
            }
        })
        .collect())
}

/// The ledger entries of one partner for several participants: one query.
pub fn ledgers(
    conn: &mut DbConnection,
    partner: i64,
    participants: &[i64],
) -> QueryResult<Vec<(i64, ConsentEntry)>> {
    let rows: Vec<ConsentRow> = consents::table
        .filter(consents::partner_id.eq(partner))
        .filter(consents::participant_id.eq_any(participants))
        .select(ConsentRow::as_select())
        .load(conn)?;
    Ok(rows.iter().map(|r| (r.participant_id, r.entry())).collect())
}
