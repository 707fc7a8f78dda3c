//! Follow-up conversations, their agreed actions, and earlier versions.

use crate::DbConnection;
use crate::schema::{follow_up_actions, follow_up_versions, follow_ups, users};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;
use stige_domain::follow_up::{Attendee, FollowUpDraft};
use stige_domain::{ParticipantId, UserId};

#[derive(Debug, Clone, Queryable, Selectable, PartialEq, Serialize)]
#[diesel(table_name = follow_ups)]
pub struct FollowUpRow {
    pub id: i64,
    pub participant_id: i64,
    pub date: NaiveDate,
    pub attendees: String,
    pub what_works: String,
    pub scaling_score: Option<i32>,
    pub next_small_step: String,
    pub next_due: Option<NaiveDate>,
    pub confidential: bool,
    pub written_by: i64,
    pub written_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, PartialEq, Serialize)]
#[diesel(table_name = follow_up_actions)]
pub struct ActionRow {
    pub id: i64,
    pub follow_up_id: i64,
    pub position: i32,
    pub owner: String,
    pub what: String,
    pub by_when: Option<NaiveDate>,
    pub done: bool,
}

/// A follow-up with its actions, its author's name and how many earlier versions it has.
#[derive(Debug, Clone, PartialEq)]
pub struct FollowUp {
    pub row: FollowUpRow,
    pub actions: Vec<ActionRow>,
    pub written_by_name: String,
    pub versions: i64,
}

fn attendees_text(attendees: &[Attendee]) -> String {
    attendees
        .iter()
        .filter_map(|a| {
            serde_json::to_value(a)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// Parses the stored attendee list.
pub fn attendees(row: &FollowUpRow) -> Vec<Attendee> {
    row.attendees
        .split(',')
        .filter_map(|a| serde_json::from_value(serde_json::Value::String(a.to_owned())).ok())
        .collect()
}

fn write_actions(
    conn: &mut DbConnection,
    follow_up: i64,
    draft: &FollowUpDraft,
) -> QueryResult<()> {
    diesel::delete(follow_up_actions::table.filter(follow_up_actions::follow_up_id.eq(follow_up)))
        .execute(conn)?;
    for (i, a) in draft.actions.iter().enumerate() {
        diesel::insert_into(follow_up_actions::table)
            .values((
                follow_up_actions::follow_up_id.eq(follow_up),
                follow_up_actions::position.eq(i32::try_from(i).unwrap_or(i32::MAX)),
                follow_up_actions::owner.eq(&a.owner),
                follow_up_actions::what.eq(&a.what),
                follow_up_actions::by_when.eq(a.by_when),
                follow_up_actions::done.eq(a.done),
            ))
            .execute(conn)?;
    }
    Ok(())
}

pub fn insert(
    conn: &mut DbConnection,
    participant: ParticipantId,
    draft: &FollowUpDraft,
    by: UserId,
) -> QueryResult<i64> {
    let now = crate::now();
    let id = diesel::insert_into(follow_ups::table)
        .values((
            follow_ups::participant_id.eq(participant.0),
            follow_ups::date.eq(draft.date),
            follow_ups::attendees.eq(attendees_text(&draft.attendees)),
            follow_ups::what_works.eq(&draft.what_works),
            follow_ups::scaling_score.eq(draft.scaling_score.map(|s| i32::from(s.value()))),
            follow_ups::next_small_step.eq(&draft.next_small_step),
            follow_ups::next_due.eq(draft.next_due),
            follow_ups::confidential.eq(draft.confidential),
            follow_ups::written_by.eq(by.0),
            follow_ups::written_at.eq(now),
            follow_ups::updated_at.eq(now),
        ))
        .returning(follow_ups::id)
        .get_result::<i64>(conn)?;
    write_actions(conn, id, draft)?;
    Ok(id)
}

/// The follow-up, if it belongs to `participant`.
pub fn get(
    conn: &mut DbConnection,
    participant: ParticipantId,
    id: i64,
) -> QueryResult<Option<FollowUp>> {
    let found = load(conn, participant, true, Some(id))?;
    Ok(found.into_iter().next())
}

/// A participant's follow-ups, newest first; confidential ones only if asked for.
pub fn list(
    conn: &mut DbConnection,
    participant: ParticipantId,
    include_confidential: bool,
) -> QueryResult<Vec<FollowUp>> {
    load(conn, participant, include_confidential, None)
}

fn load(
    conn: &mut DbConnection,
    participant: ParticipantId,
    include_confidential: bool,
    only: Option<i64>,
) -> QueryResult<Vec<FollowUp>> {
    let mut q = follow_ups::table
        .inner_join(users::table)
        .filter(follow_ups::participant_id.eq(participant.0))
        .into_boxed::<<DbConnection as Connection>::Backend>();
    if !include_confidential {
        q = q.filter(follow_ups::confidential.eq(false));
    }
    if let Some(id) = only {
        q = q.filter(follow_ups::id.eq(id));
    }
    let rows: Vec<(FollowUpRow, String)> = q
        .order((follow_ups::date.desc(), follow_ups::id.desc()))
        .select((FollowUpRow::as_select(), users::display_name))
        .load(conn)?;
    let ids: Vec<i64> = rows.iter().map(|(r, _)| r.id).collect();
    let actions: Vec<ActionRow> = follow_up_actions::table
        .filter(follow_up_actions::follow_up_id.eq_any(&ids))
        .order((
            follow_up_actions::follow_up_id.asc(),
            follow_up_actions::position.asc(),
        ))
        .select(ActionRow::as_select())
        .load(conn)?;
    let versions: Vec<(i64, i64)> = follow_up_versions::table
        .filter(follow_up_versions::follow_up_id.eq_any(&ids))
        .group_by(follow_up_versions::follow_up_id)
        .select((follow_up_versions::follow_up_id, diesel::dsl::count_star()))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(row, name)| FollowUp {
            actions: actions
                .iter()
                .filter(|a| a.follow_up_id == row.id)
                .cloned()
                .collect(),
            versions: versions
                .iter()
                .find(|(id, _)| *id == row.id)
                .map_or(0, |(_, n)| *n),
            written_by_name: name,
            row,
        })
        .collect())
}

/// Replaces a follow-up's content; with `keep_history` the earlier content is kept
/// as a version first.
pub fn update(
    conn: &mut DbConnection,
    existing: &FollowUp,
    draft: &FollowUpDraft,
    by: UserId,
    keep_history: bool,
) -> QueryResult<()> {
    let now = crate::now();
    if keep_history {
        let content = serde_json::json!({ "follow_up": existing.row, "actions": existing.actions })
            .to_string();
        diesel::insert_into(follow_up_versions::table)
            .values((
                follow_up_versions::follow_up_id.eq(existing.row.id),
                follow_up_versions::content.eq(content),
                follow_up_versions::replaced_by.eq(by.0),
                follow_up_versions::replaced_at.eq(now),
            ))
            .execute(conn)?;
    }
    diesel::update(follow_ups::table.find(existing.row.id))
        .set((
            follow_ups::date.eq(draft.date),
            follow_ups::attendees.eq(attendees_text(&draft.attendees)),
            follow_ups::what_works.eq(&draft.what_works),
            follow_ups::scaling_score.eq(draft.scaling_score.map(|s| i32::from(s.value()))),
            follow_ups::next_small_step.eq(&draft.next_small_step),
            follow_ups::next_due.eq(draft.next_due),
            follow_ups::confidential.eq(draft.confidential),
            follow_ups::updated_at.eq(now),
        ))
        .execute(conn)?;
    write_actions(conn, existing.row.id, draft)
}

/// Earlier versions (JSON), oldest first.
pub fn versions(conn: &mut DbConnection, follow_up: i64) -> QueryResult<Vec<String>> {
    follow_up_versions::table
        .filter(follow_up_versions::follow_up_id.eq(follow_up))
        .order(follow_up_versions::id.asc())
        .select(follow_up_versions::content)
        .load(conn)
}

pub fn set_action_done(conn: &mut DbConnection, action: i64, done: bool) -> QueryResult<()> {
    diesel::update(follow_up_actions::table.find(action))
        .set(follow_up_actions::done.eq(done))
        .execute(conn)?;
    Ok(())
}
