//! Goals and their scaling scores.

use crate::DbConnection;
use crate::schema::{goal_scores, goals, users};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use stige_domain::goal::{GoalCategory, GoalDraft, GoalStatus, ScoreEntry};
use stige_domain::{ParticipantId, UserId};

#[derive(Debug, Clone, Queryable, Selectable, PartialEq)]
#[diesel(table_name = goals)]
pub struct GoalRow {
    pub id: i64,
    pub participant_id: i64,
    pub text: String,
    #[diesel(deserialize_as = String)]
    pub category: GoalCategory,
    #[diesel(deserialize_as = String)]
    pub status: GoalStatus,
    pub created_by: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, PartialEq)]
#[diesel(table_name = goal_scores)]
pub struct ScoreRow {
    pub id: i64,
    pub goal_id: i64,
    pub date: NaiveDate,
    pub score: i32,
    pub comment: Option<String>,
    pub recorded_by: i64,
    pub recorded_at: NaiveDateTime,
}

/// A goal with its scores, each with the recorder's display name.
pub type GoalWithScores = (GoalRow, Vec<(ScoreRow, String)>);

pub fn insert(
    conn: &mut DbConnection,
    participant: ParticipantId,
    goal: &GoalDraft,
    by: UserId,
) -> QueryResult<GoalRow> {
    let now = crate::now();
    let id = diesel::insert_into(goals::table)
        .values((
            goals::participant_id.eq(participant.0),
            goals::text.eq(&goal.text),
            goals::category.eq(goal.category.as_str()),
            goals::status.eq(GoalStatus::Active.as_str()),
            goals::created_by.eq(by.0),
            goals::created_at.eq(now),
            goals::updated_at.eq(now),
        ))
        .returning(goals::id)
        .get_result::<i64>(conn)?;
    goals::table
        .find(id)
        .select(GoalRow::as_select())
        .first(conn)
}

/// The goal, if it belongs to `participant`.
pub fn get(
    conn: &mut DbConnection,
    participant: ParticipantId,
    goal: i64,
) -> QueryResult<Option<GoalRow>> {
    goals::table
        .filter(goals::id.eq(goal))
        .filter(goals::participant_id.eq(participant.0))
        .select(GoalRow::as_select())
        .first(conn)
        .optional()
}

pub fn set_status(conn: &mut DbConnection, goal: i64, status: GoalStatus) -> QueryResult<()> {
    diesel::update(goals::table.find(goal))
        .set((
            goals::status.eq(status.as_str()),
            goals::updated_at.eq(crate::now()),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn add_score(
    conn: &mut DbConnection,
    goal: i64,
    entry: &ScoreEntry,
    by: UserId,
) -> QueryResult<()> {
    diesel::insert_into(goal_scores::table)
        .values((
            goal_scores::goal_id.eq(goal),
            goal_scores::date.eq(entry.date),
            goal_scores::score.eq(i32::from(entry.score.value())),
            goal_scores::comment.eq(entry.comment.as_deref()),
            goal_scores::recorded_by.eq(by.0),
            goal_scores::recorded_at.eq(crate::now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// A participant's goals, oldest first, each with its scores (by date) and who
/// recorded each score. Two queries, whatever the number of goals.
pub fn for_participant(
    conn: &mut DbConnection,
    participant: ParticipantId,
) -> QueryResult<Vec<GoalWithScores>> {
    let rows: Vec<GoalRow> = goals::table
        .filter(goals::participant_id.eq(participant.0))
        .order(goals::id.asc())
        .select(GoalRow::as_select())
        .load(conn)?;
    let ids: Vec<i64> = rows.iter().map(|g| g.id).collect();
    let scores: Vec<(ScoreRow, String)> = goal_scores::table
        .inner_join(users::table)
        .filter(goal_scores::goal_id.eq_any(&ids))
        .order((goal_scores::date.asc(), goal_scores::id.asc()))
        .select((ScoreRow::as_select(), users::display_name))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|g| {
            let own = scores
                .iter()
                .filter(|(s, _)| s.goal_id == g.id)
                .cloned()
                .collect();
            (g, own)
        })
        .collect())
}
