//! Enrolments in the ladder's parallel activities, and attendance in them.

use crate::DbConnection;
use crate::schema::{activities, activity_attendance, activity_enrolments};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use stige_domain::activity::{Ended, EnrolmentKind, EnrolmentPeriod};
use stige_domain::{ParticipantId, UserId};

/// An enrolment as stored, with the activity's name.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = activity_enrolments)]
pub struct EnrolmentRow {
    pub id: i64,
    pub participant_id: i64,
    pub activity_id: i64,
    #[diesel(select_expression = activities::name)]
    pub activity_name: String,
    #[diesel(deserialize_as = String)]
    pub kind: stige_domain::activity::EnrolmentKind,
    pub placement_id: Option<i64>,
    pub starts_on: NaiveDate,
    pub planned_end_on: Option<NaiveDate>,
    #[diesel(deserialize_as = crate::optional_code::OptionalCode)]
    pub ending: Option<stige_domain::activity::ActivityEnding>,
    pub ended_on: Option<NaiveDate>,
    pub ending_reason: Option<String>,
    pub result: Option<String>,
    pub updated_at: NaiveDateTime,
}

/// The enrolments of `ids`, newest start first.
pub fn of_participants(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<EnrolmentRow>> {
    activity_enrolments::table
        .inner_join(activities::table)
        .filter(activity_enrolments::participant_id.eq_any(ids))
        .order((
            activity_enrolments::starts_on.desc(),
            activity_enrolments::id.desc(),
        ))
        .select(EnrolmentRow::as_select())
        .load(conn)
}

/// The enrolments of `ids` that run on `day`, by activity name.
pub fn running_on(
    conn: &mut DbConnection,
    ids: &[i64],
    day: NaiveDate,
) -> QueryResult<Vec<EnrolmentRow>> {
    activity_enrolments::table
        .inner_join(activities::table)
        .filter(activity_enrolments::participant_id.eq_any(ids))
        .filter(activity_enrolments::starts_on.le(day))
        .filter(
            activity_enrolments::ended_on
                .is_null()
                .or(activity_enrolments::ended_on.ge(day)),
        )
        .order((activities::name, activity_enrolments::id))
        .select(EnrolmentRow::as_select())
        .load(conn)
}

/// One enrolment of `participant`.
pub fn get(
    conn: &mut DbConnection,
    participant: ParticipantId,
    id: i64,
) -> QueryResult<Option<EnrolmentRow>> {
    activity_enrolments::table
        .inner_join(activities::table)
        .filter(activity_enrolments::id.eq(id))
        .filter(activity_enrolments::participant_id.eq(participant.0))
        .select(EnrolmentRow::as_select())
        .first(conn)
        .optional()
}

/// One enrolment, whoever it belongs to (the caller checks who may see them).
pub fn by_id(conn: &mut DbConnection, id: i64) -> QueryResult<Option<EnrolmentRow>> {
    activity_enrolments::table
        .inner_join(activities::table)
        .filter(activity_enrolments::id.eq(id))
        .select(EnrolmentRow::as_select())
        .first(conn)
        .optional()
}

/// Whether `participant` has an enrolment in `activity` that has not ended.
pub fn is_running(
    conn: &mut DbConnection,
    participant: ParticipantId,
    activity: i64,
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        activity_enrolments::table
            .filter(activity_enrolments::participant_id.eq(participant.0))
            .filter(activity_enrolments::activity_id.eq(activity))
            .filter(activity_enrolments::ended_on.is_null()),
    ))
    .get_result(conn)
}

/// What is recorded when a person is enrolled.
pub struct NewEnrolment {
    pub participant: ParticipantId,
    pub activity: i64,
    pub kind: EnrolmentKind,
    pub placement: Option<i64>,
    pub period: EnrolmentPeriod,
}

/// Enrols a person; returns the enrolment's id.
pub fn enrol(
    conn: &mut DbConnection,
    new: &NewEnrolment,
    by: UserId,
    now: NaiveDateTime,
) -> QueryResult<i64> {
    diesel::insert_into(activity_enrolments::table)
        .values((
            activity_enrolments::participant_id.eq(new.participant.0),
            activity_enrolments::activity_id.eq(new.activity),
            activity_enrolments::kind.eq(new.kind.as_str()),
            activity_enrolments::placement_id.eq(new.placement),
            activity_enrolments::starts_on.eq(new.period.starts_on),
            activity_enrolments::planned_end_on.eq(new.period.planned_end_on),
            activity_enrolments::enrolled_by.eq(by.0),
            activity_enrolments::enrolled_at.eq(now),
            activity_enrolments::updated_by.eq(by.0),
            activity_enrolments::updated_at.eq(now),
        ))
        .returning(activity_enrolments::id)
        .get_result(conn)
}

/// Records how an enrolment ended.
pub fn end(
    conn: &mut DbConnection,
    id: i64,
    ended: &Ended,
    by: UserId,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(activity_enrolments::table.find(id))
        .set((
            activity_enrolments::ending.eq(Some(ended.ending.as_str())),
            activity_enrolments::ended_on.eq(Some(ended.ended_on)),
            activity_enrolments::ending_reason.eq(ended.reason.as_deref()),
            activity_enrolments::result.eq(ended.result.as_deref()),
            activity_enrolments::updated_by.eq(by.0),
            activity_enrolments::updated_at.eq(now),
        ))
        .execute(conn)
}

/// Records the placement as an enrolment in `activity` for the placement's
/// period, replacing an earlier choice of activity.
pub fn record_placement(
    conn: &mut DbConnection,
    new: &NewEnrolment,
    by: UserId,
    now: NaiveDateTime,
) -> QueryResult<i64> {
    let existing: Option<i64> = activity_enrolments::table
        .filter(activity_enrolments::placement_id.eq(new.placement))
        .select(activity_enrolments::id)
        .first(conn)
        .optional()?;
    let Some(id) = existing else {
        return enrol(conn, new, by, now);
    };
    diesel::update(activity_enrolments::table.find(id))
        .set((
            activity_enrolments::activity_id.eq(new.activity),
            activity_enrolments::starts_on.eq(new.period.starts_on),
            activity_enrolments::planned_end_on.eq(new.period.planned_end_on),
            activity_enrolments::updated_by.eq(by.0),
            activity_enrolments::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(id)
}

/// Ends the running enrolment a placement is recorded as, if any, as the
/// placement ended on `day`; one that had not started yet is removed.
pub fn end_of_placement(
    conn: &mut DbConnection,
    placement: i64,
    ending: stige_domain::activity::ActivityEnding,
    day: NaiveDate,
    reason: Option<&str>,
    by: UserId,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    let open: Option<(i64, NaiveDate)> = activity_enrolments::table
        .filter(activity_enrolments::placement_id.eq(placement))
        .filter(activity_enrolments::ended_on.is_null())
        .select((activity_enrolments::id, activity_enrolments::starts_on))
        .first(conn)
        .optional()?;
    let Some((id, starts_on)) = open else {
        return Ok(0);
    };
    // A placement that ended before it began was never an activity.
    if day < starts_on {
        return diesel::delete(activity_enrolments::table.find(id)).execute(conn);
    }
    let ended = Ended {
        ending,
        ended_on: day,
        reason: reason.map(str::to_owned),
        result: None,
    };
    end(conn, id, &ended, by, now)
}

/// Moves the planned end of the enrolment a placement is recorded as, when the
/// placement is extended.
pub fn extend_placement(
    conn: &mut DbConnection,
    placement: i64,
    planned_end: NaiveDate,
) -> QueryResult<usize> {
    diesel::update(
        activity_enrolments::table.filter(activity_enrolments::placement_id.eq(placement)),
    )
    .set(activity_enrolments::planned_end_on.eq(Some(planned_end)))
    .execute(conn)
}

/// The activity each of these placements is recorded as: (placement, activity,
/// activity name), in one query.
pub fn of_placements(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<(i64, i64, String)>> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let rows: Vec<(Option<i64>, i64, String)> = activity_enrolments::table
        .inner_join(activities::table)
        .filter(activity_enrolments::placement_id.eq_any(ids))
        .select((
            activity_enrolments::placement_id,
            activities::id,
            activities::name,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(p, a, n)| Some((p?, a, n)))
        .collect())
}

/// Sets a mark in an activity for a day; returns the earlier mark, if any.
pub fn set_mark(
    conn: &mut DbConnection,
    enrolment: &EnrolmentRow,
    day: NaiveDate,
    mark: &str,
    by: UserId,
    now: NaiveDateTime,
) -> QueryResult<Option<String>> {
    let earlier: Option<String> = activity_attendance::table
        .find((enrolment.id, day))
        .select(activity_attendance::mark)
        .first(conn)
        .optional()?;
    if earlier.is_some() {
        diesel::update(activity_attendance::table.find((enrolment.id, day)))
            .set((
                activity_attendance::mark.eq(mark),
                activity_attendance::marked_by.eq(by.0),
                activity_attendance::marked_at.eq(now),
            ))
            .execute(conn)?;
    } else {
        diesel::insert_into(activity_attendance::table)
            .values((
                activity_attendance::enrolment_id.eq(enrolment.id),
                activity_attendance::participant_id.eq(enrolment.participant_id),
                activity_attendance::day.eq(day),
                activity_attendance::mark.eq(mark),
                activity_attendance::marked_by.eq(by.0),
                activity_attendance::marked_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(earlier)
}

/// The marks of `participants` in their activities: (enrolment, day, mark),
/// by day.
pub fn marks_of(
    conn: &mut DbConnection,
    participants: &[i64],
) -> QueryResult<Vec<(i64, NaiveDate, String)>> {
    activity_attendance::table
        .filter(activity_attendance::participant_id.eq_any(participants))
        .order((activity_attendance::enrolment_id, activity_attendance::day))
        .select((
            activity_attendance::enrolment_id,
            activity_attendance::day,
            activity_attendance::mark,
        ))
        .load(conn)
}

/// The marks of `participants` for one day: (enrolment, mark).
pub fn marks_on(
    conn: &mut DbConnection,
    participants: &[i64],
    day: NaiveDate,
) -> QueryResult<Vec<(i64, String)>> {
    activity_attendance::table
        .filter(activity_attendance::participant_id.eq_any(participants))
        .filter(activity_attendance::day.eq(day))
        .select((activity_attendance::enrolment_id, activity_attendance::mark))
        .load(conn)
}

/// One enrolment as the report reads it: (participant, activity, start,
/// ending, ended on).
pub type SpanRow = (i64, i64, NaiveDate, Option<String>, Option<NaiveDate>);

/// Every enrolment in the activities of `ladder`, for the report.
pub fn spans_of_ladder(conn: &mut DbConnection, ladder: i64) -> QueryResult<Vec<SpanRow>> {
    activity_enrolments::table
        .inner_join(activities::table)
        .filter(activities::ladder_id.eq(ladder))
        .select((
            activity_enrolments::participant_id,
            activity_enrolments::activity_id,
            activity_enrolments::starts_on,
            activity_enrolments::ending,
            activity_enrolments::ended_on,
        ))
        .load(conn)
}

/// Removes the free texts of a person's enrolments (anonymisation); the
/// dates and endings stay for the report.
pub fn clear_texts(conn: &mut DbConnection, participant: ParticipantId) -> QueryResult<usize> {
    diesel::update(
        activity_enrolments::table.filter(activity_enrolments::participant_id.eq(participant.0)),
    )
    .set((
        activity_enrolments::ending_reason.eq(None::<String>),
        activity_enrolments::result.eq(None::<String>),
    ))
    .execute(conn)
}
