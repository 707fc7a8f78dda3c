//! The queries behind the staff home page. Each is one or two queries, whatever
//! the number of participants.

use crate::DbConnection;
use crate::schema::{
    attendance_marks, employers, follow_up_actions, follow_ups, participants, placement_changes,
    placements, status_changes,
};
use crate::within::PeopleReached;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use stige_domain::EnrolmentStatus;
use stige_domain::attendance::AttendanceMark;

type Db = <DbConnection as Connection>::Backend;

/// (id, given name, family name)
pub type Person = (i64, String, String);

fn people<'a>(
    statuses: &[&'static str],
    reach: &PeopleReached,
) -> participants::BoxedQuery<'a, Db> {
    participants::table
        .filter(participants::status.eq_any(statuses.to_vec()))
        .into_boxed::<Db>()
        .filter(reach.filter())
        .order((
            participants::family_name.asc(),
            participants::given_name.asc(),
            participants::id.asc(),
        ))
}

/// Participants with one of the statuses, among the people reached.
pub fn with_status(
    conn: &mut DbConnection,
    statuses: &[EnrolmentStatus],
    reach: &PeopleReached,
) -> QueryResult<Vec<Person>> {
    let names: Vec<&'static str> = statuses.iter().map(|s| s.as_str()).collect();
    people(&names, reach)
        .select((
            participants::id,
            participants::given_name,
            participants::family_name,
        ))
        .load(conn)
}

/// Each participant's latest follow-up with a next due date: (participant, next due).
/// Confidential follow-ups count only when `include_confidential`.
pub fn latest_due_dates(
    conn: &mut DbConnection,
    ids: &[i64],
    include_confidential: bool,
) -> QueryResult<Vec<(i64, NaiveDate)>> {
    let mut q = follow_ups::table
        .filter(follow_ups::participant_id.eq_any(ids))
        .into_boxed::<Db>();
    if !include_confidential {
        q = q.filter(follow_ups::confidential.eq(false));
    }
    let rows: Vec<(i64, NaiveDate, i64, Option<NaiveDate>)> = q
        .order((
            follow_ups::participant_id.asc(),
            follow_ups::date.desc(),
            follow_ups::id.desc(),
        ))
        .select((
            follow_ups::participant_id,
            follow_ups::date,
            follow_ups::id,
            follow_ups::next_due,
        ))
        .load(conn)?;
    let mut latest: Vec<(i64, NaiveDate)> = vec![];
    let mut seen: Option<i64> = None;
    for (pid, _, _, due) in rows {
        if seen == Some(pid) {
            continue;
        }
        seen = Some(pid);
        if let Some(due) = due {
            latest.push((pid, due));
        }
    }
    Ok(latest)
}

/// Agreed actions not done whose date has passed: (participant, owner, what, by when).
pub fn overdue_actions(
    conn: &mut DbConnection,
    ids: &[i64],
    today: NaiveDate,
    include_confidential: bool,
) -> QueryResult<Vec<(i64, String, String, NaiveDate)>> {
    let mut q = follow_up_actions::table
        .inner_join(follow_ups::table)
        .filter(follow_ups::participant_id.eq_any(ids))
        .filter(follow_up_actions::done.eq(false))
        .filter(follow_up_actions::by_when.lt(today))
        .into_boxed::<Db>();
    if !include_confidential {
        q = q.filter(follow_ups::confidential.eq(false));
    }
    let rows: Vec<(i64, String, String, Option<NaiveDate>)> = q
        .order(follow_up_actions::by_when.asc())
        .select((
            follow_ups::participant_id,
            follow_up_actions::owner,
            follow_up_actions::what,
            follow_up_actions::by_when,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(p, o, w, b)| b.map(|b| (p, o, w, b)))
        .collect())
}

/// Marks of the given participants since `from`: (participant, date, mark).
pub fn recent_marks(
    conn: &mut DbConnection,
    ids: &[i64],
    from: NaiveDate,
) -> QueryResult<Vec<(i64, NaiveDate, AttendanceMark)>> {
    let rows: Vec<(i64, NaiveDate, String)> = attendance_marks::table
        .filter(attendance_marks::participant_id.eq_any(ids))
        .filter(attendance_marks::date.ge(from))
        .select((
            attendance_marks::participant_id,
            attendance_marks::date,
            attendance_marks::mark,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(p, d, m)| AttendanceMark::parse(&m).map(|m| (p, d, m)))
        .collect())
}

/// Each of these (paused) participants' planned return from their latest pause,
/// where one was given: (participant, planned return).
pub fn planned_returns(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<(i64, NaiveDate)>> {
    let rows: Vec<(i64, i64, Option<NaiveDate>)> = status_changes::table
        .filter(status_changes::participant_id.eq_any(ids))
        .filter(status_changes::to_status.eq(EnrolmentStatus::Paused.as_str()))
        .select((
            status_changes::participant_id,
            status_changes::id,
            status_changes::planned_return,
        ))
        .order((status_changes::participant_id, status_changes::id))
        .load(conn)?;
    let mut latest: Vec<(i64, Option<NaiveDate>)> = Vec::new();
    for (pid, _, planned) in rows {
        match latest.last_mut() {
            Some((last, p)) if *last == pid => *p = planned,
            _ => latest.push((pid, planned)),
        }
    }
    Ok(latest
        .into_iter()
        .filter_map(|(pid, p)| p.map(|p| (pid, p)))
        .collect())
}

/// An employer's answer through its link: (placement, participant, given name,
/// family name, employer, the status it set, when).
pub type EmployerAnswer = (i64, i64, String, String, String, String, NaiveDateTime);

/// Employers' answers through their links (confirmed, declined, completed or
/// ended early) about the people reached, recorded at or after `since`, newest first.
pub fn employer_answers(
    conn: &mut DbConnection,
    reach: &PeopleReached,
    since: NaiveDateTime,
) -> QueryResult<Vec<EmployerAnswer>> {
    placement_changes::table
        .inner_join(
            placements::table
                .inner_join(participants::table)
                .inner_join(employers::table),
        )
        .filter(placement_changes::by_employer.eq(true))
        .filter(placement_changes::recorded_at.ge(since))
        .order(placement_changes::recorded_at.desc())
        .select((
            placements::id,
            participants::id,
            participants::given_name,
            participants::family_name,
            employers::name,
            placement_changes::to_status,
            placement_changes::recorded_at,
        ))
        .load::<EmployerAnswer>(conn)
        .and_then(|answers| {
            let ids: Vec<i64> = answers.iter().map(|a| a.1).collect();
            let reached = reached_among(conn, reach, &ids)?;
            Ok(answers
                .into_iter()
                .filter(|a| reached.contains(&a.1))
                .collect())
        })
}

/// Which of `ids` are among the people reached.
pub fn reached_among(
    conn: &mut DbConnection,
    reach: &PeopleReached,
    ids: &[i64],
) -> QueryResult<std::collections::HashSet<i64>> {
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let found: Vec<i64> = participants::table
        .into_boxed::<Db>()
        .filter(reach.filter())
        .filter(participants::id.eq_any(ids.to_vec()))
        .select(participants::id)
        .load(conn)?;
    Ok(found.into_iter().collect())
}
