//! Ladders, their steps and parallel activities.

use crate::DbConnection;
use crate::schema::{activities, ladders, participants, steps};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use stige_domain::{EnrolmentStatus, LadderId, OrganisationId, StepDraft, StepId};

#[derive(Debug, Clone, Queryable, Selectable, PartialEq)]
#[diesel(table_name = ladders)]
pub struct LadderRow {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub created_at: NaiveDateTime,
    /// People the ladder aims to bring through (to work or education) per year.
    pub annual_target: Option<i32>,
    /// The staff on duty may mark everyone on the ladder in the register.
    pub whole_house_register: bool,
    /// The organisation that runs the programme.
    pub organisation_id: i64,
    /// Years after exit before a person is anonymised.
    pub retention_years: i32,
    /// The legal basis of the retention period.
    pub retention_basis: String,
    /// People the ladder aims to see leave in a planned way per year.
    pub throughput_target: Option<i32>,
}

#[derive(Debug, Clone, Queryable, Selectable, PartialEq)]
#[diesel(table_name = steps)]
pub struct StepRow {
    pub id: i64,
    pub ladder_id: i64,
    pub name: String,
    pub description: String,
    #[diesel(deserialize_as = String)]
    pub demand_level: stige_domain::DemandLevel,
    pub capacity: Option<i64>,
    pub typical_duration_days: Option<i64>,
    pub position: i32,
    pub expected_minutes_a_week: Option<i32>,
    #[diesel(deserialize_as = crate::optional_code::OptionalCode)]
    pub expected_independence: Option<stige_domain::work::Independence>,
}

#[derive(Debug, Clone, Queryable, Selectable, PartialEq)]
#[diesel(table_name = activities)]
pub struct ActivityRow {
    pub id: i64,
    pub ladder_id: i64,
    pub name: String,
    pub description: String,
}

/// A ladder with its steps (lowest first), activities, and each step's occupancy.
#[derive(Debug, Clone, PartialEq)]
pub struct LadderWithSteps {
    pub ladder: LadderRow,
    pub steps: Vec<(StepRow, i64)>,
    pub activities: Vec<ActivityRow>,
}

/// A new ladder (programme) of `organisation`.
pub fn create(
    conn: &mut DbConnection,
    organisation: OrganisationId,
    name: &str,
    description: &str,
    annual_target: Option<i32>,
) -> QueryResult<LadderRow> {
    let id = diesel::insert_into(ladders::table)
        .values((
            ladders::organisation_id.eq(organisation.0),
            ladders::name.eq(name),
            ladders::description.eq(description),
            ladders::annual_target.eq(annual_target),
            ladders::created_at.eq(crate::now()),
        ))
        .returning(ladders::id)
        .get_result::<i64>(conn)?;
    ladders::table
        .find(id)
        .select(LadderRow::as_select())
        .first(conn)
}

pub fn update(
    conn: &mut DbConnection,
    id: LadderId,
    name: &str,
    description: &str,
    annual_target: Option<i32>,
) -> QueryResult<usize> {
    diesel::update(ladders::table.find(id.0))
        .set((
            ladders::name.eq(name),
            ladders::description.eq(description),
            ladders::annual_target.eq(annual_target),
        ))
        .execute(conn)
}

/// Sets the ladder's throughput target (none when `None`).
pub fn set_throughput_target(
    conn: &mut DbConnection,
    id: LadderId,
    target: Option<i32>,
) -> QueryResult<()> {
    diesel::update(ladders::table.find(id.0))
        .set(ladders::throughput_target.eq(target))
        .execute(conn)?;
    Ok(())
}

/// Sets the ladder's retention period and its legal basis (each if given).
pub fn set_retention(
    conn: &mut DbConnection,
    id: LadderId,
    years: Option<i32>,
    basis: Option<&str>,
) -> QueryResult<()> {
    if let Some(years) = years {
        diesel::update(ladders::table.find(id.0))
            .set(ladders::retention_years.eq(years))
            .execute(conn)?;
    }
    if let Some(basis) = basis {
        diesel::update(ladders::table.find(id.0))
            .set(ladders::retention_basis.eq(basis))
            .execute(conn)?;
    }
    Ok(())
}

/// Lets the staff on duty mark the whole house in the register, or only their own people.
pub fn set_whole_house_register(
    conn: &mut DbConnection,
    id: LadderId,
    whole_house: bool,
) -> QueryResult<usize> {
    diesel::update(ladders::table.find(id.0))
        .set(ladders::whole_house_register.eq(whole_house))
        .execute(conn)
}

/// Every ladder of the installation with its number of steps (for the seed
/// and maintenance, never a request).
pub fn all(conn: &mut DbConnection) -> QueryResult<Vec<(LadderRow, i64)>> {
    let ids: Vec<i64> = ladders::table.select(ladders::id).load(conn)?;
    list(conn, &ids)
}

/// The ladders among `only` (a staff member's programmes) with their number of steps.
pub fn list(conn: &mut DbConnection, only: &[i64]) -> QueryResult<Vec<(LadderRow, i64)>> {
    let rows: Vec<LadderRow> = ladders::table
        .filter(ladders::id.eq_any(only.to_vec()))
        .order(ladders::id.asc())
        .select(LadderRow::as_select())
        .load(conn)?;
    let counts: Vec<(i64, i64)> = steps::table
        .group_by(steps::ladder_id)
        .select((steps::ladder_id, diesel::dsl::count_star()))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|l| {
            let n = counts
                .iter()
                .find(|(id, _)| *id == l.id)
                .map_or(0, |(_, n)| *n);
            (l, n)
        })
        .collect())
}

/// A ladder and its steps (lowest first), without counting who stands where.
pub fn with_steps(
    conn: &mut DbConnection,
    id: LadderId,
) -> QueryResult<Option<(LadderRow, Vec<StepRow>)>> {
    let Some(ladder) = ladders::table
        .find(id.0)
        .select(LadderRow::as_select())
        .first(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let step_rows: Vec<StepRow> = steps::table
        .filter(steps::ladder_id.eq(id.0))
        .order((steps::position.asc(), steps::id.asc()))
        .select(StepRow::as_select())
        .load(conn)?;
    Ok(Some((ladder, step_rows)))
}

pub fn get(conn: &mut DbConnection, id: LadderId) -> QueryResult<Option<LadderWithSteps>> {
    let Some((ladder, step_rows)) = with_steps(conn, id)? else {
        return Ok(None);
    };
    let occupancy = occupancy(conn, id)?;
    let steps = step_rows
        .into_iter()
        .map(|s| {
            let n = occupancy
                .iter()
                .find(|(sid, _)| *sid == s.id)
                .map_or(0, |(_, n)| *n);
            (s, n)
        })
        .collect();
    let activities = activities::table
        .filter(activities::ladder_id.eq(id.0))
        .order(activities::id.asc())
        .select(ActivityRow::as_select())
        .load(conn)?;
    Ok(Some(LadderWithSteps {
        ladder,
        steps,
        activities,
    }))
}

/// Active and paused participants per step of a ladder.
pub fn occupancy(conn: &mut DbConnection, ladder: LadderId) -> QueryResult<Vec<(i64, i64)>> {
    let rows: Vec<(Option<i64>, i64)> = participants::table
        .filter(participants::ladder_id.eq(ladder.0))
        .filter(participants::status.eq_any([
            EnrolmentStatus::Active.as_str(),
            EnrolmentStatus::Paused.as_str(),
        ]))
        .filter(participants::current_step_id.is_not_null())
        .group_by(participants::current_step_id)
        .select((participants::current_step_id, diesel::dsl::count_star()))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(s, n)| s.map(|s| (s, n)))
        .collect())
}

pub fn step(conn: &mut DbConnection, id: StepId) -> QueryResult<Option<StepRow>> {
    steps::table
        .find(id.0)
        .select(StepRow::as_select())
        .first(conn)
        .optional()
}

/// Adds a step at the top of the ladder.
pub fn add_step(
    conn: &mut DbConnection,
    ladder: LadderId,
    draft: &StepDraft,
) -> QueryResult<StepRow> {
    let top: Option<i32> = steps::table
        .filter(steps::ladder_id.eq(ladder.0))
        .select(diesel::dsl::max(steps::position))
        .first(conn)?;
    let id = diesel::insert_into(steps::table)
        .values((
            steps::ladder_id.eq(ladder.0),
            steps::name.eq(&draft.name),
            steps::description.eq(&draft.description),
            steps::demand_level.eq(draft.demand_level.as_str()),
            steps::capacity.eq(draft.capacity.map(i64::from)),
            steps::typical_duration_days.eq(draft.typical_duration_days.map(i64::from)),
            steps::position.eq(top.map_or(0, |t| t + 1)),
        ))
        .returning(steps::id)
        .get_result::<i64>(conn)?;
    steps::table
        .find(id)
        .select(StepRow::as_select())
        .first(conn)
}

pub fn update_step(conn: &mut DbConnection, id: StepId, draft: &StepDraft) -> QueryResult<usize> {
    diesel::update(steps::table.find(id.0))
        .set((
            steps::name.eq(&draft.name),
            steps::description.eq(&draft.description),
            steps::demand_level.eq(draft.demand_level.as_str()),
            steps::capacity.eq(draft.capacity.map(i64::from)),
            steps::typical_duration_days.eq(draft.typical_duration_days.map(i64::from)),
        ))
        .execute(conn)
}

/// Gives the steps the positions of their order in `ids` (lowest first).
pub fn reorder_steps(conn: &mut DbConnection, ladder: LadderId, ids: &[StepId]) -> QueryResult<()> {
    for (position, id) in ids.iter().enumerate() {
        let position = i32::try_from(position).unwrap_or(i32::MAX);
        diesel::update(
            steps::table
                .filter(steps::id.eq(id.0))
                .filter(steps::ladder_id.eq(ladder.0)),
        )
        .set(steps::position.eq(position))
        .execute(conn)?;
    }
    Ok(())
}

pub fn add_activity(
    conn: &mut DbConnection,
    ladder: LadderId,
    name: &str,
    description: &str,
) -> QueryResult<ActivityRow> {
    let id = diesel::insert_into(activities::table)
        .values((
            activities::ladder_id.eq(ladder.0),
            activities::name.eq(name),
            activities::description.eq(description),
        ))
        .returning(activities::id)
        .get_result::<i64>(conn)?;
    activities::table
        .find(id)
        .select(ActivityRow::as_select())
        .first(conn)
}

pub fn activity(conn: &mut DbConnection, id: i64) -> QueryResult<Option<ActivityRow>> {
    activities::table
        .find(id)
        .select(ActivityRow::as_select())
        .first(conn)
        .optional()
}

pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
    ladders::table.count().get_result(conn)
}
