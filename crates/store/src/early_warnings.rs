//! The early warnings told to partners' follow-up services, one per run of
//! absences without notice and agreement.

use crate::DbConnection;
use crate::schema::{agreements, early_warning_notices, partners};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use stige_domain::ParticipantId;

/// A warning to record as told.
#[derive(Debug, Clone)]
pub struct NewNotice<'a> {
    pub participant: ParticipantId,
    pub agreement: i64,
    /// The first day of the run of absences.
    pub absent_since: NaiveDate,
    pub days: i32,
    pub outbox: Option<i64>,
    pub recipient: &'a str,
}

/// A warning told, with the partner it went to.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub participant_id: i64,
    pub partner_name: String,
    pub recipient: String,
    pub absent_since: NaiveDate,
    pub days: i32,
    pub at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, n: &NewNotice<'_>) -> QueryResult<i64> {
    diesel::insert_into(early_warning_notices::table)
        .values((
            early_warning_notices::participant_id.eq(n.participant.0),
            early_warning_notices::agreement_id.eq(n.agreement),
            early_warning_notices::absent_since.eq(n.absent_since),
            early_warning_notices::days.eq(n.days),
            early_warning_notices::outbox_id.eq(n.outbox),
            early_warning_notices::recipient.eq(n.recipient),
            early_warning_notices::created_at.eq(crate::now()),
        ))
        .returning(early_warning_notices::id)
        .get_result(conn)
}

/// The first days of the runs already told about `participant` under `agreement`.
pub fn told(
    conn: &mut DbConnection,
    participant: ParticipantId,
    agreement: i64,
) -> QueryResult<Vec<NaiveDate>> {
    early_warning_notices::table
        .filter(early_warning_notices::participant_id.eq(participant.0))
        .filter(early_warning_notices::agreement_id.eq(agreement))
        .select(early_warning_notices::absent_since)
        .load(conn)
}

/// The warnings told about `participants` since `since`, newest first.
pub fn told_since(
    conn: &mut DbConnection,
    participants: &[i64],
    since: NaiveDateTime,
) -> QueryResult<Vec<Notice>> {
    let rows: Vec<(i64, String, String, NaiveDate, i32, NaiveDateTime)> =
        early_warning_notices::table
            .inner_join(agreements::table.inner_join(partners::table))
            .filter(early_warning_notices::participant_id.eq_any(participants))
            .filter(early_warning_notices::created_at.ge(since))
            .order(early_warning_notices::id.desc())
            .select((
                early_warning_notices::participant_id,
                partners::name,
                early_warning_notices::recipient,
                early_warning_notices::absent_since,
                early_warning_notices::days,
                early_warning_notices::created_at,
            ))
            .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(participant_id, partner_name, recipient, absent_since, days, at)| Notice {
                participant_id,
                partner_name,
                recipient,
                absent_since,
                days,
                at,
            },
        )
        .collect())
}
