//! Attendance marks, their corrections, and planned participation.

use crate::DbConnection;
use crate::optional_code::read_code;
use crate::schema::{
    attendance_corrections, attendance_marks, ladders, participants, placements,
    planned_participation, step_moves,
};
use crate::within::PeopleReached;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use stige_domain::attendance::{AttendanceMark, PlannedWeekdays};
use stige_domain::placement::PlacementStatus;
use stige_domain::{EnrolmentStatus, ParticipantId, UserId};

#[derive(Debug, Clone, Queryable, Selectable, PartialEq)]
#[diesel(table_name = attendance_corrections)]
pub struct CorrectionRow {
    pub id: i64,
    pub participant_id: i64,
    pub date: NaiveDate,
    #[diesel(deserialize_as = String)]
    pub previous_mark: stige_domain::attendance::AttendanceMark,
    #[diesel(deserialize_as = String)]
    pub new_mark: stige_domain::attendance::AttendanceMark,
    pub corrected_by: i64,
    pub corrected_at: NaiveDateTime,
}

/// Which participants a register lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterGroup {
    /// One step, or the whole house (every programme reached).
    pub step: Option<i64>,
    /// One programme's house, or every programme reached.
    pub ladder: Option<i64>,
    /// The people reached; a mentor also reaches everyone on a ladder of
    /// theirs whose staff on duty mark the whole house.
    pub reach: PeopleReached,
}

/// One line of the register: the participant, what the day holds for them, and
/// their mark that day, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct RegisterLine {
    pub participant_id: i64,
    pub given_name: String,
    pub family_name: String,
    pub step_id: Option<i64>,
    pub paused: bool,
    pub day: DayFacts,
    pub mark: Option<stige_domain::attendance::AttendanceMark>,
}

/// What decides whether a participant is expected on a day, besides their status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DayFacts {
    /// The planned days valid that day; `None` without a day plan.
    pub plan: Option<PlannedWeekdays>,
    /// A confirmed or active placement covers the day.
    pub at_internship: bool,
}

/// Each participant's day plan and internship on `date`, in the order of `ids`.
pub fn day_facts(
    conn: &mut DbConnection,
    ids: &[i64],
    date: NaiveDate,
) -> QueryResult<Vec<(i64, DayFacts)>> {
    let plans: Vec<(i64, Option<i32>)> = planned_participation::table
        .filter(planned_participation::participant_id.eq_any(ids))
        .filter(planned_participation::valid_from.le(date))
        .order((
            planned_participation::participant_id.asc(),
            planned_participation::valid_from.asc(),
            planned_participation::id.asc(),
        ))
        .select((
            planned_participation::participant_id,
            planned_participation::weekdays,
        ))
        .load(conn)?;
    let placed: Vec<i64> = placements::table
        .filter(placements::participant_id.eq_any(ids))
        .filter(placements::status.eq_any([
            PlacementStatus::Confirmed.as_str(),
            PlacementStatus::Active.as_str(),
        ]))
        .filter(placements::start_date.le(date))
        .filter(placements::end_date.ge(date))
        .select(placements::participant_id)
        .load(conn)?;
    Ok(ids
        .iter()
        .map(|id| {
            // The latest plan valid on the day wins (rows are oldest first).
            let plan = plans
                .iter()
                .rev()
                .find(|(p, _)| p == id)
                .and_then(|(_, bits)| bits.and_then(PlannedWeekdays::from_bits));
            let day = DayFacts {
                plan,
                at_internship: placed.contains(id),
            };
            (*id, day)
        })
        .collect())
}

/// Whether the ladder lets the staff on duty mark the whole house.
pub fn whole_house(conn: &mut DbConnection, ladder: i64) -> QueryResult<bool> {
    Ok(ladders::table
        .find(ladder)
        .select(ladders::whole_house_register)
        .first(conn)
        .optional()?
        .unwrap_or(false))
}

/// Active and paused participants of the group with their day and their mark on
/// `date`, by family name.
pub fn register(
    conn: &mut DbConnection,
    date: NaiveDate,
    group: RegisterGroup,
) -> QueryResult<Vec<RegisterLine>> {
    let mut q = participants::table
        .filter(participants::status.eq_any([
            EnrolmentStatus::Active.as_str(),
            EnrolmentStatus::Paused.as_str(),
        ]))
        .into_boxed::<<DbConnection as Connection>::Backend>();
    if let Some(step) = group.step {
        q = q.filter(participants::current_step_id.eq(step));
    }
    if let Some(ladder) = group.ladder {
        q = q.filter(participants::ladder_id.eq(ladder));
    }
    match &group.reach {
        PeopleReached::Programmes { assigned_in, .. } if !assigned_in.is_empty() => {
            q = q.filter(
                group.reach.filter().or(participants::ladder_id.eq_any(
                    ladders::table
                        .filter(ladders::whole_house_register.eq(true))
                        .filter(ladders::id.eq_any(assigned_in.clone()))
                        .select(ladders::id),
                )),
            );
        }
        reach => q = q.filter(reach.filter()),
    }
    let people: Vec<(i64, String, String, Option<i64>, String)> = q
        .order((
            participants::family_name.asc(),
            participants::given_name.asc(),
            participants::id.asc(),
        ))
        .select((
            participants::id,
            participants::given_name,
            participants::family_name,
            participants::current_step_id,
            participants::status,
        ))
        .load(conn)?;
    let ids: Vec<i64> = people.iter().map(|p| p.0).collect();
    let days = day_facts(conn, &ids, date)?;
    let marks: Vec<(i64, AttendanceMark)> = attendance_marks::table
        .filter(attendance_marks::date.eq(date))
        .filter(attendance_marks::participant_id.eq_any(&ids))
        .select((attendance_marks::participant_id, attendance_marks::mark))
        .load::<(i64, String)>(conn)?
        .into_iter()
        .map(|(id, code)| Ok((id, read_code(code)?)))
        .collect::<QueryResult<_>>()?;
    Ok(people
        .into_iter()
        .zip(days)
        .map(
            |((id, given, family, step, status), (_, day))| RegisterLine {
                participant_id: id,
                given_name: given,
                family_name: family,
                step_id: step,
                paused: status == EnrolmentStatus::Paused.as_str(),
                day,
                mark: marks.iter().find(|(p, _)| *p == id).map(|(_, m)| *m),
            },
        )
        .collect())
}

/// Records a mark; a different earlier mark for the day is kept as a correction.
/// Returns the earlier mark, if there was one.
pub fn set_mark(
    conn: &mut DbConnection,
    participant: ParticipantId,
    date: NaiveDate,
    mark: AttendanceMark,
    by: UserId,
) -> QueryResult<Option<String>> {
    let now = crate::now();
    let existing: Option<String> = attendance_marks::table
        .filter(attendance_marks::participant_id.eq(participant.0))
        .filter(attendance_marks::date.eq(date))
        .select(attendance_marks::mark)
        .first(conn)
        .optional()?;
    match &existing {
        Some(previous) if previous == mark.as_str() => {}
        Some(previous) => {
            diesel::insert_into(attendance_corrections::table)
                .values((
                    attendance_corrections::participant_id.eq(participant.0),
                    attendance_corrections::date.eq(date),
                    attendance_corrections::previous_mark.eq(previous),
                    attendance_corrections::new_mark.eq(mark.as_str()),
                    attendance_corrections::corrected_by.eq(by.0),
                    attendance_corrections::corrected_at.eq(now),
                ))
                .execute(conn)?;
            diesel::update(
                attendance_marks::table
                    .filter(attendance_marks::participant_id.eq(participant.0))
                    .filter(attendance_marks::date.eq(date)),
            )
            .set((
                attendance_marks::mark.eq(mark.as_str()),
                attendance_marks::recorded_by.eq(by.0),
                attendance_marks::recorded_at.eq(now),
            ))
            .execute(conn)?;
        }
        None => {
            let step = step_on(conn, participant, date)?;
            diesel::insert_into(attendance_marks::table)
                .values((
                    attendance_marks::participant_id.eq(participant.0),
                    attendance_marks::date.eq(date),
                    attendance_marks::step_id.eq(step),
                    attendance_marks::mark.eq(mark.as_str()),
                    attendance_marks::recorded_by.eq(by.0),
                    attendance_marks::recorded_at.eq(now),
                ))
                .execute(conn)?;
        }
    }
    Ok(existing)
}

/// Removes a day's mark (an undo right after marking). Returns the removed mark.
pub fn clear_mark(
    conn: &mut DbConnection,
    participant: ParticipantId,
    date: NaiveDate,
) -> QueryResult<Option<String>> {
    let target = attendance_marks::table
        .filter(attendance_marks::participant_id.eq(participant.0))
        .filter(attendance_marks::date.eq(date));
    let existing: Option<String> = target
        .select(attendance_marks::mark)
        .first(conn)
        .optional()?;
    if existing.is_some() {
        diesel::delete(target).execute(conn)?;
    }
    Ok(existing)
}

/// The step the participant stood on at `date`: the last move dated on or before it.
pub fn step_on(
    conn: &mut DbConnection,
    participant: ParticipantId,
    date: NaiveDate,
) -> QueryResult<Option<i64>> {
    step_moves::table
        .filter(step_moves::participant_id.eq(participant.0))
        .filter(step_moves::date.le(date))
        .order((step_moves::date.desc(), step_moves::id.desc()))
        .select(step_moves::to_step_id)
        .first(conn)
        .optional()
}

/// A participant's marks in `[from, to]`, by date.
pub fn marks(
    conn: &mut DbConnection,
    participant: ParticipantId,
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<Vec<(NaiveDate, AttendanceMark)>> {
    let rows: Vec<(NaiveDate, String)> = attendance_marks::table
        .filter(attendance_marks::participant_id.eq(participant.0))
        .filter(attendance_marks::date.between(from, to))
        .order(attendance_marks::date.asc())
        .select((attendance_marks::date, attendance_marks::mark))
        .load(conn)?;
    rows.into_iter()
        .map(|(d, m)| Ok((d, read_code(m)?)))
        .collect()
}

pub fn corrections(
    conn: &mut DbConnection,
    participant: ParticipantId,
) -> QueryResult<Vec<CorrectionRow>> {
    attendance_corrections::table
        .filter(attendance_corrections::participant_id.eq(participant.0))
        .order(attendance_corrections::id.asc())
        .select(CorrectionRow::as_select())
        .load(conn)
}

#[derive(Debug, Clone, Queryable, Selectable, PartialEq)]
#[diesel(table_name = planned_participation)]
pub struct PlanRow {
    pub id: i64,
    pub participant_id: i64,
    pub valid_from: NaiveDate,
    pub hours_per_week: Option<i32>,
    pub recorded_by: i64,
    pub recorded_at: NaiveDateTime,
    /// The planned days as bits (see `PlannedWeekdays`).
    pub weekdays: Option<i32>,
}

impl PlanRow {
    pub fn weekdays(&self) -> Option<PlannedWeekdays> {
        self.weekdays.and_then(PlannedWeekdays::from_bits)
    }
}

pub fn add_plan(
    conn: &mut DbConnection,
    participant: ParticipantId,
    valid_from: NaiveDate,
    weekdays: Option<PlannedWeekdays>,
    hours_per_week: Option<i32>,
    by: UserId,
) -> QueryResult<()> {
    diesel::insert_into(planned_participation::table)
        .values((
            planned_participation::participant_id.eq(participant.0),
            planned_participation::valid_from.eq(valid_from),
            planned_participation::weekdays.eq(weekdays.map(PlannedWeekdays::bits)),
            planned_participation::hours_per_week.eq(hours_per_week),
            planned_participation::recorded_by.eq(by.0),
            planned_participation::recorded_at.eq(crate::now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// The plan's changes over time, oldest first.
pub fn plans(conn: &mut DbConnection, participant: ParticipantId) -> QueryResult<Vec<PlanRow>> {
    planned_participation::table
        .filter(planned_participation::participant_id.eq(participant.0))
        .order((
            planned_participation::valid_from.asc(),
            planned_participation::id.asc(),
        ))
        .select(PlanRow::as_select())
        .load(conn)
}
