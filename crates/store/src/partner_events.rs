//! The change feed partners sync from: one row per change to their referrals and
//! participants, read in id order. Writers append inside their own transaction.

use crate::DbConnection;
use crate::schema::partner_events;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use stige_domain::consent::SharingCategory;
use stige_domain::partner::PartnerEventKind;

#[derive(Debug, Clone, Queryable, Selectable, PartialEq)]
#[diesel(table_name = partner_events)]
pub struct PartnerEventRow {
    pub id: i64,
    pub agreement_id: i64,
    #[diesel(deserialize_as = String)]
    pub kind: PartnerEventKind,
    pub referral_id: Option<i64>,
    pub participant_id: Option<i64>,
    #[diesel(deserialize_as = crate::optional_code::OptionalCode)]
    pub category: Option<stige_domain::consent::SharingCategory>,
    pub data: String,
    pub occurred_at: NaiveDateTime,
}

/// One change to append.
#[derive(Debug, Clone)]
pub struct NewPartnerEvent {
    pub agreement: i64,
    pub kind: PartnerEventKind,
    pub referral: Option<i64>,
    pub participant: Option<i64>,
    /// The category the partner needs consent for; `None` for its own referrals.
    pub category: Option<SharingCategory>,
    /// JSON, already reduced to what the category allows.
    pub data: String,
}

pub fn append(conn: &mut DbConnection, event: &NewPartnerEvent) -> QueryResult<()> {
    // On PostgreSQL, ids are handed out before commit: two writers could commit out
    // of id order and a reader between them would skip one for good. Serialise the
    // appenders until commit so ids become visible in order. (SQLite writers are
    // serialised already.)
    if matches!(conn, DbConnection::Pg(_)) {
        diesel::sql_query("LOCK TABLE partner_events IN SHARE ROW EXCLUSIVE MODE").execute(conn)?;
    }
    diesel::insert_into(partner_events::table)
        .values((
            partner_events::agreement_id.eq(event.agreement),
            partner_events::kind.eq(event.kind.as_str()),
            partner_events::referral_id.eq(event.referral),
            partner_events::participant_id.eq(event.participant),
            partner_events::category.eq(event.category.map(SharingCategory::as_str)),
            partner_events::data.eq(&event.data),
            partner_events::occurred_at.eq(crate::now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Up to `limit` events of the agreements after `cursor`, oldest first.
pub fn after(
    conn: &mut DbConnection,
    agreement: i64,
    cursor: i64,
    limit: i64,
) -> QueryResult<Vec<PartnerEventRow>> {
    partner_events::table
        .filter(partner_events::agreement_id.eq(agreement))
        .filter(partner_events::id.gt(cursor))
        .order(partner_events::id)
        .limit(limit)
        .select(PartnerEventRow::as_select())
        .load(conn)
}

/// Every event recorded for partners about `participant`, oldest first (the
/// export of what Stige holds about a person).
pub fn about(
    conn: &mut DbConnection,
    participant: stige_domain::ParticipantId,
) -> QueryResult<Vec<PartnerEventRow>> {
    partner_events::table
        .filter(partner_events::participant_id.eq(participant.0))
        .order(partner_events::id)
        .select(PartnerEventRow::as_select())
        .load(conn)
}
