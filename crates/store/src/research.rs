//! Consent to research, and the inputs of the anonymised research extract.

use crate::DbConnection;
use crate::reports::CHUNK;
use crate::schema::{attendance_marks, participants, research_consents};
use chrono::NaiveDate;
use diesel::dsl::count_star;
use diesel::prelude::*;
use std::collections::BTreeMap;
use stige_domain::attendance::AttendanceMark;
use stige_domain::{LadderId, ParticipantId, UserId};

/// A participant's consent to research: given, and perhaps revoked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Queryable)]
pub struct ResearchConsent {
    pub given_on: NaiveDate,
    pub revoked_on: Option<NaiveDate>,
}

pub fn consent(
    conn: &mut DbConnection,
    participant: ParticipantId,
) -> QueryResult<Option<ResearchConsent>> {
    research_consents::table
        .find(participant.0)
        .select((research_consents::given_on, research_consents::revoked_on))
        .first(conn)
        .optional()
}

/// Records consent given on `date` (replacing an earlier, revoked one).
pub fn give(
    conn: &mut DbConnection,
    participant: ParticipantId,
    date: NaiveDate,
    by: UserId,
) -> QueryResult<()> {
    let updated = diesel::update(research_consents::table.find(participant.0))
        .set((
            research_consents::given_on.eq(date),
            research_consents::revoked_on.eq(None::<NaiveDate>),
            research_consents::recorded_by.eq(by.0),
            research_consents::recorded_at.eq(crate::now()),
        ))
        .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(research_consents::table)
            .values((
                research_consents::participant_id.eq(participant.0),
                research_consents::given_on.eq(date),
                research_consents::recorded_by.eq(by.0),
                research_consents::recorded_at.eq(crate::now()),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Records the revocation on `date`; returns false when there was no consent.
pub fn revoke(
    conn: &mut DbConnection,
    participant: ParticipantId,
    date: NaiveDate,
    by: UserId,
) -> QueryResult<bool> {
    let updated = diesel::update(
        research_consents::table
            .find(participant.0)
            .filter(research_consents::revoked_on.is_null()),
    )
    .set((
        research_consents::revoked_on.eq(Some(date)),
        research_consents::recorded_by.eq(by.0),
        research_consents::recorded_at.eq(crate::now()),
    ))
    .execute(conn)?;
    Ok(updated > 0)
}

/// Participants of the ladder whose consent to research is in force on `date`,
/// with their birth dates, by id.
pub fn consenting(
    conn: &mut DbConnection,
    ladder: LadderId,
    date: NaiveDate,
) -> QueryResult<Vec<(i64, Option<NaiveDate>)>> {
    participants::table
        .inner_join(research_consents::table)
        .filter(participants::ladder_id.eq(ladder.0))
        .filter(research_consents::given_on.le(date))
        .filter(
            research_consents::revoked_on
                .is_null()
                .or(research_consents::revoked_on.gt(date)),
        )
        .order(participants::id.asc())
        .select((participants::id, participants::birth_date))
        .load(conn)
}

/// Present and scheduled days per participant in `[from, to]`.
pub fn attendance_totals(
    conn: &mut DbConnection,
    ids: &[i64],
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<BTreeMap<i64, (u64, u64)>> {
    let mut out: BTreeMap<i64, (u64, u64)> = BTreeMap::new();
    for chunk in ids.chunks(CHUNK) {
        let rows: Vec<(i64, String, i64)> = attendance_marks::table
            .filter(attendance_marks::participant_id.eq_any(chunk))
            .filter(attendance_marks::date.between(from, to))
            .group_by((attendance_marks::participant_id, attendance_marks::mark))
            .select((
                attendance_marks::participant_id,
                attendance_marks::mark,
                count_star(),
            ))
            .load(conn)?;
        for (participant, mark, n) in rows {
            let n = u64::try_from(n).unwrap_or(0);
            let entry = out.entry(participant).or_default();
            match AttendanceMark::parse(&mark) {
                Some(AttendanceMark::Present) => {
                    entry.0 += n;
                    entry.1 += n;
                }
                Some(m) if m.is_scheduled() => entry.1 += n,
                _ => {}
            }
        }
    }
    Ok(out)
}
