//! Outcomes: a person's situation at the start, at the exit and after it, their
//! gender for statistics, and whether they declined the checks after the exit.

use crate::DbConnection;
use crate::schema::{ladders, organisations, participants, situations, users};
use crate::within::Within;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use stige_domain::ParticipantId;
use stige_domain::UserId;
use stige_domain::organisation_number::Country;
use stige_domain::situation::Situation;

/// A recorded situation, with the name of who recorded it.
#[derive(Debug, Clone, PartialEq, Queryable)]
pub struct SituationRow {
    pub participant_id: i64,
    #[diesel(deserialize_as = String)]
    pub moment: stige_domain::situation::Moment,
    pub reached: bool,
    #[diesel(deserialize_as = crate::optional_code::OptionalCode)]
    pub income_source: Option<stige_domain::situation::IncomeSource>,
    #[diesel(deserialize_as = crate::optional_code::OptionalCode)]
    pub occupation: Option<stige_domain::situation::Occupation>,
    #[diesel(deserialize_as = crate::optional_code::OptionalCode)]
    pub education: Option<stige_domain::situation::Education>,
    pub recorded_by: String,
    pub recorded_at: NaiveDateTime,
}

/// The situations recorded for `participant`, by moment.
pub fn of_participant(
    conn: &mut DbConnection,
    participant: ParticipantId,
) -> QueryResult<Vec<SituationRow>> {
    of_participants(conn, &[participant.0])
}

/// The situations recorded for `ids`.
pub fn of_participants(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<SituationRow>> {
    situations::table
        .inner_join(users::table)
        .filter(situations::participant_id.eq_any(ids))
        .order((situations::participant_id, situations::recorded_at))
        .select((
            situations::participant_id,
            situations::moment,
            situations::reached,
            situations::income_source,
            situations::occupation,
            situations::education,
            users::display_name,
            situations::recorded_at,
        ))
        .load(conn)
}

/// Records `situation` for `participant`, replacing one recorded earlier for
/// the same moment.
pub fn record(
    conn: &mut DbConnection,
    participant: ParticipantId,
    situation: &Situation,
    by: UserId,
) -> QueryResult<()> {
    let moment = situation.moment.as_str();
    diesel::delete(
        situations::table
            .filter(situations::participant_id.eq(participant.0))
            .filter(situations::moment.eq(moment)),
    )
    .execute(conn)?;
    diesel::insert_into(situations::table)
        .values((
            situations::participant_id.eq(participant.0),
            situations::moment.eq(moment),
            situations::reached.eq(situation.reached),
            situations::income_source.eq(situation.income_source.map(|s| s.as_str())),
            situations::occupation.eq(situation.occupation.map(|s| s.as_str())),
            situations::education.eq(situation.education.map(|s| s.as_str())),
            situations::recorded_by.eq(by.0),
            situations::recorded_at.eq(crate::now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// The person's gender (for statistics) and whether they declined the checks
/// after their exit.
#[derive(Debug, Clone, PartialEq, Queryable)]
pub struct Preferences {
    #[diesel(deserialize_as = crate::optional_code::OptionalCode)]
    pub gender: Option<stige_domain::situation::Gender>,
    pub after_exit_checks_declined: bool,
}

pub fn preferences(
    conn: &mut DbConnection,
    participant: ParticipantId,
) -> QueryResult<Preferences> {
    participants::table
        .find(participant.0)
        .select((
            participants::gender,
            participants::after_exit_checks_declined,
        ))
        .first(conn)
}

pub fn set_preferences(
    conn: &mut DbConnection,
    participant: ParticipantId,
    preferences: &Preferences,
) -> QueryResult<()> {
    diesel::update(participants::table.find(participant.0))
        .set((
            participants::gender.eq(preferences.gender.map(|g| g.as_str())),
            participants::after_exit_checks_declined.eq(preferences.after_exit_checks_declined),
        ))
        .execute(conn)?;
    Ok(())
}

/// The country of the organisation running `ladder` (kept as `NO` or `SE`).
pub fn country_of_ladder(conn: &mut DbConnection, ladder: i64) -> QueryResult<Country> {
    let code: String = ladders::table
        .inner_join(organisations::table)
        .filter(ladders::id.eq(ladder))
        .select(organisations::country)
        .first(conn)?;
    crate::optional_code::read_code(code)
}

/// A person who exited and did not decline the checks after it.
#[derive(Debug, Clone, PartialEq, Queryable)]
pub struct Exited {
    pub id: i64,
    pub ladder_id: i64,
    pub given_name: String,
    pub family_name: String,
    pub exited_on: NaiveDate,
}

/// People within reach who exited on or after `since`, not anonymised and not
/// having declined the checks after their exit, in `ladder` when given.
pub fn exited_to_check(
    conn: &mut DbConnection,
    within: Within<'_>,
    ladder: Option<i64>,
    since: NaiveDate,
) -> QueryResult<Vec<Exited>> {
    let mut query = participants::table
        .filter(within.people().filter())
        .filter(participants::status.eq("exited"))
        .filter(participants::status_since.ge(since))
        .filter(participants::after_exit_checks_declined.eq(false))
        .filter(participants::anonymised_at.is_null())
        .into_boxed();
    if let Some(ladder) = ladder {
        query = query.filter(participants::ladder_id.eq(ladder));
    }
    query
        .order((participants::status_since, participants::id))
        .select((
            participants::id,
            participants::ladder_id,
            participants::given_name,
            participants::family_name,
            participants::status_since,
        ))
        .load(conn)
}

/// The moments recorded for each of `ids`.
pub fn moments_of(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<(i64, String)>> {
    situations::table
        .filter(situations::participant_id.eq_any(ids))
        .select((situations::participant_id, situations::moment))
        .load(conn)
}
