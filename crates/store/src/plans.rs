//! The individual plan: one per participant, with its areas.

use crate::DbConnection;
use crate::schema::{plan_areas, plans, users};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use stige_domain::plan::PlanDraft;
use stige_domain::{ParticipantId, UserId};

/// A plan as stored, with the name of who last changed it.
#[derive(Debug, Clone, PartialEq, Queryable)]
pub struct PlanRow {
    pub participant_id: i64,
    pub coordinator: String,
    pub review_every_weeks: i32,
    pub made_on: NaiveDate,
    pub last_reviewed_on: Option<NaiveDate>,
    pub updated_by: String,
    pub updated_at: NaiveDateTime,
}

/// One area of a plan as stored.
#[derive(Debug, Clone, PartialEq, Queryable)]
pub struct AreaRow {
    pub participant_id: i64,
    #[diesel(deserialize_as = String)]
    pub area: stige_domain::plan::PlanArea,
    pub goal: String,
    #[diesel(deserialize_as = String)]
    pub responsible: stige_domain::plan::Responsible,
    pub responsible_name: Option<String>,
    pub next_step: Option<String>,
    pub next_step_by: Option<NaiveDate>,
}

/// The plans of `ids`.
pub fn of_participants(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<PlanRow>> {
    plans::table
        .inner_join(users::table)
        .filter(plans::participant_id.eq_any(ids))
        .select((
            plans::participant_id,
            plans::coordinator,
            plans::review_every_weeks,
            plans::made_on,
            plans::last_reviewed_on,
            users::display_name,
            plans::updated_at,
        ))
        .load(conn)
}

/// A plan's review dates: (participant, made on, last reviewed on, weeks
/// between reviews).
pub type ReviewDates = (i64, NaiveDate, Option<NaiveDate>, i32);

/// What the next review of each plan of `ids` follows from. One light query
/// for Today, which needs no goals.
pub fn review_dates(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<ReviewDates>> {
    plans::table
        .filter(plans::participant_id.eq_any(ids))
        .select((
            plans::participant_id,
            plans::made_on,
            plans::last_reviewed_on,
            plans::review_every_weeks,
        ))
        .load(conn)
}

/// The areas of the plans of `ids`, in the order of the areas' codes.
pub fn areas_of(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<AreaRow>> {
    plan_areas::table
        .filter(plan_areas::participant_id.eq_any(ids))
        .order((plan_areas::participant_id, plan_areas::area))
        .load(conn)
}

/// Stores `plan` as the person's plan, replacing its areas; `today` is the
/// day it is made when it is new.
pub fn save(
    conn: &mut DbConnection,
    participant: ParticipantId,
    plan: &PlanDraft,
    by: UserId,
    today: NaiveDate,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let weeks = i32::try_from(plan.review_every_weeks).unwrap_or(i32::MAX);
    let changed = diesel::update(plans::table.find(participant.0))
        .set((
            plans::coordinator.eq(&plan.coordinator),
            plans::review_every_weeks.eq(weeks),
            plans::updated_by.eq(by.0),
            plans::updated_at.eq(now),
        ))
        .execute(conn)?;
    if changed == 0 {
        diesel::insert_into(plans::table)
            .values((
                plans::participant_id.eq(participant.0),
                plans::coordinator.eq(&plan.coordinator),
                plans::review_every_weeks.eq(weeks),
                plans::made_on.eq(today),
                plans::updated_by.eq(by.0),
                plans::updated_at.eq(now),
            ))
            .execute(conn)?;
    }
    diesel::delete(plan_areas::table.filter(plan_areas::participant_id.eq(participant.0)))
        .execute(conn)?;
    for a in &plan.areas {
        diesel::insert_into(plan_areas::table)
            .values((
                plan_areas::participant_id.eq(participant.0),
                plan_areas::area.eq(a.area.as_str()),
                plan_areas::goal.eq(&a.goal),
                plan_areas::responsible.eq(a.responsible.as_str()),
                plan_areas::responsible_name.eq(a.responsible_name.as_deref()),
                plan_areas::next_step.eq(a.next_step.as_deref()),
                plan_areas::next_step_by.eq(a.next_step_by),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Records a review of the plan on `on`; false when there is no plan.
pub fn reviewed(
    conn: &mut DbConnection,
    participant: ParticipantId,
    on: NaiveDate,
    by: UserId,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let n = diesel::update(plans::table.find(participant.0))
        .set((
            plans::last_reviewed_on.eq(Some(on)),
            plans::updated_by.eq(by.0),
            plans::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(n > 0)
}

/// Removes the person's plan (anonymisation: its texts are the person's own
/// words); returns the rows removed.
pub fn remove(conn: &mut DbConnection, participant: ParticipantId) -> QueryResult<usize> {
    let areas =
        diesel::delete(plan_areas::table.filter(plan_areas::participant_id.eq(participant.0)))
            .execute(conn)?;
    let plan = diesel::delete(plans::table.find(participant.0)).execute(conn)?;
    Ok(areas + plan)
}
