//! The programme's workplaces and their tasks, the work log (a person's day:
//! tasks, minutes, independence, a note) and what each step expects.

use crate::DbConnection;
use crate::schema::{steps, work_day_tasks, work_days, work_tasks, workplaces};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use stige_domain::production::OutputUnit;
use stige_domain::work::{StepDemand, WorkDay};
use stige_domain::{ParticipantId, UserId};

/// A workplace as stored.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = workplaces)]
pub struct WorkplaceRow {
    pub id: i64,
    pub ladder_id: i64,
    pub name: String,
    /// `items` or `portions` (see `stige_domain::production::OutputUnit`).
    pub output_unit: String,
}

/// A task as stored.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = work_tasks)]
pub struct TaskRow {
    pub id: i64,
    pub workplace_id: i64,
    pub name: String,
}

/// A person's day of work as stored.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = work_days)]
pub struct WorkDayRow {
    pub id: i64,
    pub participant_id: i64,
    pub day: NaiveDate,
    pub minutes: i32,
    #[diesel(deserialize_as = String)]
    pub independence: stige_domain::work::Independence,
    pub note: Option<String>,
    pub recorded_at: NaiveDateTime,
    pub peer_support: bool,
}

/// The workplaces of `ladders` by name, each with its tasks by name.
pub fn workplaces_of(
    conn: &mut DbConnection,
    ladders: &[i64],
) -> QueryResult<Vec<(WorkplaceRow, Vec<TaskRow>)>> {
    let places: Vec<WorkplaceRow> = workplaces::table
        .filter(workplaces::ladder_id.eq_any(ladders))
        .order((workplaces::name, workplaces::id))
        .select(WorkplaceRow::as_select())
        .load(conn)?;
    let ids: Vec<i64> = places.iter().map(|p| p.id).collect();
    let tasks: Vec<TaskRow> = work_tasks::table
        .filter(work_tasks::workplace_id.eq_any(&ids))
        .order((work_tasks::name, work_tasks::id))
        .select(TaskRow::as_select())
        .load(conn)?;
    Ok(places
        .into_iter()
        .map(|p| {
            let own = tasks
                .iter()
                .filter(|t| t.workplace_id == p.id)
                .cloned()
                .collect();
            (p, own)
        })
        .collect())
}

/// One workplace of `ladder`.
pub fn workplace(
    conn: &mut DbConnection,
    ladder: i64,
    id: i64,
) -> QueryResult<Option<WorkplaceRow>> {
    workplaces::table
        .filter(workplaces::id.eq(id))
        .filter(workplaces::ladder_id.eq(ladder))
        .select(WorkplaceRow::as_select())
        .first(conn)
        .optional()
}

/// Whether `ladder` has a workplace called `name`.
pub fn workplace_taken(conn: &mut DbConnection, ladder: i64, name: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        workplaces::table
            .filter(workplaces::ladder_id.eq(ladder))
            .filter(workplaces::name.eq(name)),
    ))
    .get_result(conn)
}

/// Whether the workplace has a task called `name`.
pub fn task_taken(conn: &mut DbConnection, workplace: i64, name: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        work_tasks::table
            .filter(work_tasks::workplace_id.eq(workplace))
            .filter(work_tasks::name.eq(name)),
    ))
    .get_result(conn)
}

/// Adds a workplace with its first tasks; returns its id.
pub fn add_workplace(
    conn: &mut DbConnection,
    ladder: i64,
    name: &str,
    tasks: &[String],
    now: NaiveDateTime,
) -> QueryResult<i64> {
    let id = diesel::insert_into(workplaces::table)
        .values((
            workplaces::ladder_id.eq(ladder),
            workplaces::name.eq(name),
            workplaces::created_at.eq(now),
        ))
        .returning(workplaces::id)
        .get_result(conn)?;
    for t in tasks {
        add_task(conn, id, t)?;
    }
    Ok(id)
}

/// Renames a workplace of `ladder` and sets what its output is counted in
/// (each when given); false when the workplace is not the ladder's.
pub fn update_workplace(
    conn: &mut DbConnection,
    ladder: i64,
    id: i64,
    name: Option<&str>,
    output_unit: Option<OutputUnit>,
) -> QueryResult<bool> {
    let Some(place) = workplace(conn, ladder, id)? else {
        return Ok(false);
    };
    diesel::update(workplaces::table.find(place.id))
        .set((
            workplaces::name.eq(name.unwrap_or(&place.name)),
            workplaces::output_unit.eq(match output_unit {
                Some(unit) => unit.as_str(),
                None => place.output_unit.as_str(),
            }),
        ))
        .execute(conn)?;
    Ok(true)
}

/// Adds a task to a workplace; returns its id.
pub fn add_task(conn: &mut DbConnection, workplace: i64, name: &str) -> QueryResult<i64> {
    diesel::insert_into(work_tasks::table)
        .values((
            work_tasks::workplace_id.eq(workplace),
            work_tasks::name.eq(name),
        ))
        .returning(work_tasks::id)
        .get_result(conn)
}

/// The ids of the tasks at `ladder`'s workplaces.
pub fn task_ids_of_ladder(conn: &mut DbConnection, ladder: i64) -> QueryResult<Vec<i64>> {
    work_tasks::table
        .inner_join(workplaces::table)
        .filter(workplaces::ladder_id.eq(ladder))
        .select(work_tasks::id)
        .load(conn)
}

/// Sets what a step of `ladder` expects; false when the step is not the ladder's.
pub fn set_step_demand(
    conn: &mut DbConnection,
    ladder: i64,
    step: i64,
    demand: StepDemand,
) -> QueryResult<bool> {
    let minutes = demand.minutes_a_week.and_then(|m| i32::try_from(m).ok());
    let n = diesel::update(
        steps::table
            .filter(steps::id.eq(step))
            .filter(steps::ladder_id.eq(ladder)),
    )
    .set((
        steps::expected_minutes_a_week.eq(minutes),
        steps::expected_independence.eq(demand.independence.map(|i| i.as_str())),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// A step's name and what it expects of a person's work.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = steps)]
pub struct StepDemandRow {
    pub id: i64,
    pub name: String,
    pub expected_minutes_a_week: Option<i32>,
    #[diesel(deserialize_as = crate::optional_code::OptionalCode)]
    pub expected_independence: Option<stige_domain::work::Independence>,
}

/// What the steps of `ladders` expect.
pub fn step_demands(conn: &mut DbConnection, ladders: &[i64]) -> QueryResult<Vec<StepDemandRow>> {
    steps::table
        .filter(steps::ladder_id.eq_any(ladders))
        .select(StepDemandRow::as_select())
        .load(conn)
}

/// The days of `ids` on `day`.
pub fn days_on(
    conn: &mut DbConnection,
    ids: &[i64],
    day: NaiveDate,
) -> QueryResult<Vec<WorkDayRow>> {
    work_days::table
        .filter(work_days::participant_id.eq_any(ids))
        .filter(work_days::day.eq(day))
        .select(WorkDayRow::as_select())
        .load(conn)
}

/// The latest day of each of `ids` before `day` and no earlier than `since`.
pub fn last_before(
    conn: &mut DbConnection,
    ids: &[i64],
    day: NaiveDate,
    since: NaiveDate,
) -> QueryResult<Vec<WorkDayRow>> {
    let rows: Vec<WorkDayRow> = work_days::table
        .filter(work_days::participant_id.eq_any(ids))
        .filter(work_days::day.lt(day))
        .filter(work_days::day.ge(since))
        .order((work_days::participant_id, work_days::day.desc()))
        .select(WorkDayRow::as_select())
        .load(conn)?;
    let mut last: Vec<WorkDayRow> = Vec::new();
    for r in rows {
        if last
            .last()
            .is_none_or(|l| l.participant_id != r.participant_id)
        {
            last.push(r);
        }
    }
    Ok(last)
}

/// Every day of one person, oldest first.
pub fn days_of(
    conn: &mut DbConnection,
    participant: ParticipantId,
) -> QueryResult<Vec<WorkDayRow>> {
    work_days::table
        .filter(work_days::participant_id.eq(participant.0))
        .order(work_days::day)
        .select(WorkDayRow::as_select())
        .load(conn)
}

/// The tasks of the given days: (day's id, task's id), in the order they were given.
pub fn tasks_of_days(conn: &mut DbConnection, days: &[i64]) -> QueryResult<Vec<(i64, i64)>> {
    work_day_tasks::table
        .filter(work_day_tasks::work_day_id.eq_any(days))
        .order((work_day_tasks::work_day_id, work_day_tasks::task_id))
        .select((work_day_tasks::work_day_id, work_day_tasks::task_id))
        .load(conn)
}

/// Records a person's day, replacing what was recorded for it; returns whether
/// something was replaced.
pub fn record_day(
    conn: &mut DbConnection,
    participant: ParticipantId,
    day: NaiveDate,
    work: &WorkDay,
    by: UserId,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let earlier: Option<i64> = work_days::table
        .filter(work_days::participant_id.eq(participant.0))
        .filter(work_days::day.eq(day))
        .select(work_days::id)
        .first(conn)
        .optional()?;
    if let Some(id) = earlier {
        diesel::delete(work_day_tasks::table.filter(work_day_tasks::work_day_id.eq(id)))
            .execute(conn)?;
        diesel::delete(work_days::table.find(id)).execute(conn)?;
    }
    let minutes = i32::try_from(work.minutes).unwrap_or(i32::MAX);
    let id: i64 = diesel::insert_into(work_days::table)
        .values((
            work_days::participant_id.eq(participant.0),
            work_days::day.eq(day),
            work_days::minutes.eq(minutes),
            work_days::independence.eq(work.independence.as_str()),
            work_days::note.eq(work.note.as_deref()),
            work_days::peer_support.eq(work.peer_support),
            work_days::recorded_by.eq(by.0),
            work_days::recorded_at.eq(now),
        ))
        .returning(work_days::id)
        .get_result(conn)?;
    for task in &work.tasks {
        diesel::insert_into(work_day_tasks::table)
            .values((
                work_day_tasks::work_day_id.eq(id),
                work_day_tasks::participant_id.eq(participant.0),
                work_day_tasks::task_id.eq(task),
            ))
            .execute(conn)?;
    }
    Ok(earlier.is_some())
}

/// Clears the notes of a person's days (anonymisation); returns how many.
pub fn clear_notes(conn: &mut DbConnection, participant: ParticipantId) -> QueryResult<usize> {
    diesel::update(
        work_days::table
            .filter(work_days::participant_id.eq(participant.0))
            .filter(work_days::note.is_not_null()),
    )
    .set(work_days::note.eq(None::<String>))
    .execute(conn)
}

/// The programme of each of `ids`: (participant, ladder).
pub fn ladders_of(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<(i64, i64)>> {
    use crate::schema::participants;
    participants::table
        .filter(participants::id.eq_any(ids))
        .select((participants::id, participants::ladder_id))
        .load(conn)
}
