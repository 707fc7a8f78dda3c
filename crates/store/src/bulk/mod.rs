//! Bulk inserts for generated histories (`stige seed`): many rows per statement,
//! explicit ids where children refer to their parents, no audit event per row
//! (the seed records one for the whole run).

use crate::DbConnection;
use crate::schema::{
    agreement_links, attendance_marks, attendance_months, follow_ups, goal_scores, goals,
    participant_mentors, participants, planned_participation, research_consents, situations,
    status_changes, step_moves, work_days,
};
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use std::collections::BTreeMap;

mod load;

pub use load::{Load, SchemaObject};

#[derive(Debug, Clone, PartialEq)]
pub struct SeedParticipant {
    pub id: i64,
    pub ladder_id: i64,
    pub given_name: String,
    pub family_name: String,
    pub birth_date: Option<NaiveDate>,
    pub status: &'static str,
    pub status_since: NaiveDate,
    pub current_step_id: Option<i64>,
    pub agreement_id: Option<i64>,
    pub created_at: NaiveDateTime,
    pub mentor: Option<i64>,
    /// Consent to research, given on this day.
    pub research_consent: Option<NaiveDate>,
    /// Gender for statistics, if given.
    pub gender: Option<&'static str>,
}

/// A situation at a moment (see `stige_domain::situation`), recorded on `date`.
#[derive(Debug, Clone, PartialEq)]
pub struct SeedSituation {
    pub participant_id: i64,
    pub moment: &'static str,
    pub reached: bool,
    pub income_source: Option<&'static str>,
    pub occupation: Option<&'static str>,
    pub education: Option<&'static str>,
    pub date: NaiveDate,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SeedStatus {
    pub participant_id: i64,
    pub from: Option<&'static str>,
    pub to: &'static str,
    pub date: NaiveDate,
    pub reason: Option<&'static str>,
    pub planned_return: Option<NaiveDate>,
    pub outcome: Option<&'static str>,
    pub outcome_text: Option<&'static str>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SeedMove {
    pub participant_id: i64,
    pub from_step: Option<i64>,
    pub to_step: i64,
    pub direction: &'static str,
    pub date: NaiveDate,
    pub reason: &'static str,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SeedMark {
    pub participant_id: i64,
    pub date: NaiveDate,
    pub mark: &'static str,
    pub step_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SeedGoal {
    pub id: i64,
    pub participant_id: i64,
    pub text: &'static str,
    pub category: &'static str,
    pub status: &'static str,
    pub created_at: NaiveDateTime,
    pub scores: Vec<(NaiveDate, i32)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SeedFollowUp {
    pub participant_id: i64,
    pub date: NaiveDate,
    pub what_works: &'static str,
    pub scaling_score: Option<i32>,
    pub next_small_step: &'static str,
    pub next_due: Option<NaiveDate>,
}

/// One batch of generated participants and everything that hangs off them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SeedBatch {
    pub participants: Vec<SeedParticipant>,
    pub statuses: Vec<SeedStatus>,
    pub moves: Vec<SeedMove>,
    pub marks: Vec<SeedMark>,
    pub goals: Vec<SeedGoal>,
    pub follow_ups: Vec<SeedFollowUp>,
    /// (participant, valid from, days per week)
    pub plans: Vec<(i64, NaiveDate, i32)>,
    pub situations: Vec<SeedSituation>,
    pub work_days: Vec<SeedWorkDay>,
}

/// A day of work in the work log.
#[derive(Debug, Clone, PartialEq)]
pub struct SeedWorkDay {
    pub participant_id: i64,
    pub day: NaiveDate,
    pub minutes: i32,
    pub independence: &'static str,
}

/// Rows per INSERT: under SQLite's 32 766 and PostgreSQL's 65 535 bound
/// parameters for the widest table here.
const ROWS: usize = 2_000;

/// Runs one insert statement on whichever backend the connection is.
macro_rules! exec {
    ($conn:expr, $query:expr) => {
        match $conn {
            DbConnection::Sqlite(c) => $query.execute(c),
            DbConnection::Pg(c) => $query.execute(c),
        }
    };
}

/// Loads `items` (a slice) into `table`, each made a row by `row`: by COPY on
/// PostgreSQL, which takes many rows fastest, and by INSERTs of up to
/// `2 * ROWS` rows on SQLite.
macro_rules! load {
    ($conn:expr, $table:expr, $items:expr, $row:expr) => {
        match $conn {
            DbConnection::Pg(c) => {
                let rows: Vec<_> = $items.iter().map($row).collect();
                diesel::copy_from($table)
                    .from_insertable(&rows)
                    .execute(c)?;
            }
            DbConnection::Sqlite(c) => {
                for chunk in $items.chunks(ROWS * 2) {
                    let rows: Vec<_> = chunk.iter().map($row).collect();
                    diesel::insert_into($table).values(&rows).execute(c)?;
                }
            }
        }
    };
}

/// The first free ids for participants and goals.
pub fn next_ids(conn: &mut DbConnection) -> QueryResult<(i64, i64)> {
    let p: Option<i64> = participants::table
        .select(diesel::dsl::max(participants::id))
        .first(conn)?;
    let g: Option<i64> = goals::table
        .select(diesel::dsl::max(goals::id))
        .first(conn)?;
    Ok((p.unwrap_or(0) + 1, g.unwrap_or(0) + 1))
}

/// Page cache for a bulk load on SQLite, per connection (1 GiB at most, where
/// connections otherwise keep 32 MiB): a seed is one transaction, and the
/// counts per month and other indexes it fills take each batch's rows at
/// places all over them; with the usual cache, pages the transaction changed
/// spill to the log and are read back batch after batch (50 000 participants
/// on SQLite: 128 s with the usual cache, 87 s with this one). Put back to the
/// usual size afterwards, also when `f` fails.
const LOAD_CACHE_KIB: i64 = 1024 * 1024;

/// Runs `f` (a bulk load) on `conn` with a larger page cache on SQLite; on
/// PostgreSQL just runs it.
pub fn with_load_cache<T, E>(
    conn: &mut DbConnection,
    f: impl FnOnce(&mut DbConnection) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<diesel::result::Error>,
{
    let DbConnection::Sqlite(c) = conn else {
        return f(conn);
    };
    diesel::sql_query(crate::connection::cache_size_sql(LOAD_CACHE_KIB)).execute(c)?;
    let result = f(conn);
    let restored = match conn {
        DbConnection::Sqlite(c) => {
            diesel::sql_query(crate::connection::usual_cache_size_sql()).execute(c)
        }
        DbConnection::Pg(_) => Ok(0),
    };
    // The load's own failure is the one to tell.
    let value = result?;
    restored?;
    Ok(value)
}

/// After a bulk load: PostgreSQL's sequences must move past the explicit ids,
/// and both databases get fresh planner statistics; SQLite also folds its
/// write-ahead log back into the database file, so reads need not search it.
pub fn finish(conn: &mut DbConnection) -> QueryResult<()> {
    match conn {
        DbConnection::Sqlite(c) => {
            diesel::sql_query("ANALYZE").execute(c)?;
            diesel::sql_query("PRAGMA wal_checkpoint(TRUNCATE)").execute(c)?;
        }
        DbConnection::Pg(c) => {
            diesel::sql_query("ANALYZE").execute(c)?;
        }
    }
    Ok(())
}

/// After inserting explicit ids, PostgreSQL's sequences must move past them.
pub fn sync_sequences(conn: &mut DbConnection) -> QueryResult<()> {
    if let DbConnection::Pg(c) = conn {
        for table in ["participants", "goals"] {
            diesel::sql_query(format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                 GREATEST((SELECT MAX(id) FROM {table}), 1))"
            ))
            .execute(c)?;
        }
    }
    Ok(())
}

/// Inserts the batch, with the attendance marks' counting per month off
/// (it adds the counts itself); [`Load::insert`] calls it.
fn insert(conn: &mut DbConnection, batch: &SeedBatch, recorded_by: i64) -> QueryResult<()> {
    let now = crate::now();
    for chunk in batch.participants.chunks(ROWS) {
        let rows: Vec<_> = chunk
            .iter()
            .map(|p| {
                (
                    participants::id.eq(p.id),
                    participants::ladder_id.eq(p.ladder_id),
                    participants::given_name.eq(&p.given_name),
                    participants::family_name.eq(&p.family_name),
                    participants::search_name
                        .eq(format!("{} {}", p.given_name, p.family_name).to_lowercase()),
                    participants::birth_date.eq(p.birth_date),
                    participants::status.eq(p.status),
                    participants::status_since.eq(p.status_since),
                    participants::current_step_id.eq(p.current_step_id),
                    participants::version.eq(1i64),
                    participants::created_at.eq(p.created_at),
                    participants::updated_at.eq(now),
                    participants::agreement_id.eq(p.agreement_id),
                    participants::gender.eq(p.gender),
                )
            })
            .collect();
        exec!(conn, diesel::insert_into(participants::table).values(&rows))?;
        let mentors: Vec<_> = chunk
            .iter()
            .filter_map(|p| {
                p.mentor.map(|m| {
                    (
                        participant_mentors::participant_id.eq(p.id),
                        participant_mentors::user_id.eq(m),
                    )
                })
            })
            .collect();
        if !mentors.is_empty() {
            exec!(
                conn,
                diesel::insert_into(participant_mentors::table).values(&mentors)
            )?;
        }
        // The agreement pays from the person's first day.
        let links: Vec<_> = chunk
            .iter()
            .filter_map(|p| {
                p.agreement_id.map(|a| {
                    (
                        agreement_links::participant_id.eq(p.id),
                        agreement_links::agreement_id.eq(a),
                        agreement_links::valid_from.eq(p.created_at.date()),
                        agreement_links::pays.eq(true),
                        agreement_links::created_at.eq(now),
                    )
                })
            })
            .collect();
        if !links.is_empty() {
            exec!(
                conn,
                diesel::insert_into(agreement_links::table).values(&links)
            )?;
        }
        let consents: Vec<_> = chunk
            .iter()
            .filter_map(|p| {
                p.research_consent.map(|d| {
                    (
                        research_consents::participant_id.eq(p.id),
                        research_consents::given_on.eq(d),
                        research_consents::recorded_by.eq(recorded_by),
                        research_consents::recorded_at.eq(now),
                    )
                })
            })
            .collect();
        if !consents.is_empty() {
            exec!(
                conn,
                diesel::insert_into(research_consents::table).values(&consents)
            )?;
        }
    }
    for chunk in batch.statuses.chunks(ROWS) {
        let rows: Vec<_> = chunk
            .iter()
            .map(|s| {
                (
                    status_changes::participant_id.eq(s.participant_id),
                    status_changes::from_status.eq(s.from),
                    status_changes::to_status.eq(s.to),
                    status_changes::date.eq(s.date),
                    status_changes::reason.eq(s.reason),
                    status_changes::planned_return.eq(s.planned_return),
                    status_changes::outcome.eq(s.outcome),
                    status_changes::outcome_text.eq(s.outcome_text),
                    status_changes::recorded_by.eq(recorded_by),
                    status_changes::recorded_at.eq(now),
                )
            })
            .collect();
        exec!(
            conn,
            diesel::insert_into(status_changes::table).values(&rows)
        )?;
    }
    for chunk in batch.moves.chunks(ROWS) {
        let rows: Vec<_> = chunk
            .iter()
            .map(|m| {
                (
                    step_moves::participant_id.eq(m.participant_id),
                    step_moves::from_step_id.eq(m.from_step),
                    step_moves::to_step_id.eq(m.to_step),
                    step_moves::direction.eq(m.direction),
                    step_moves::date.eq(m.date),
                    step_moves::reason.eq(m.reason),
                    step_moves::recorded_by.eq(recorded_by),
                    step_moves::recorded_at.eq(now),
                )
            })
            .collect();
        exec!(conn, diesel::insert_into(step_moves::table).values(&rows))?;
    }
    insert_marks(conn, &batch.marks, recorded_by, now)?;
    let work_row = |w: &SeedWorkDay| {
        (
            work_days::participant_id.eq(w.participant_id),
            work_days::day.eq(w.day),
            work_days::minutes.eq(w.minutes),
            work_days::independence.eq(w.independence),
            work_days::recorded_by.eq(recorded_by),
            work_days::recorded_at.eq(now),
        )
    };
    load!(conn, work_days::table, batch.work_days, work_row);
    insert_month_counts(conn, &batch.marks)?;
    for chunk in batch.plans.chunks(ROWS) {
        let rows: Vec<_> = chunk
            .iter()
            .map(|(p, from, weekdays)| {
                (
                    planned_participation::participant_id.eq(*p),
                    planned_participation::valid_from.eq(*from),
                    planned_participation::weekdays.eq(Some(*weekdays)),
                    planned_participation::recorded_by.eq(recorded_by),
                    planned_participation::recorded_at.eq(now),
                )
            })
            .collect();
        exec!(
            conn,
            diesel::insert_into(planned_participation::table).values(&rows)
        )?;
    }
    for chunk in batch.goals.chunks(ROWS) {
        let rows: Vec<_> = chunk
            .iter()
            .map(|g| {
                (
                    goals::id.eq(g.id),
                    goals::participant_id.eq(g.participant_id),
                    goals::text.eq(g.text),
                    goals::category.eq(g.category),
                    goals::status.eq(g.status),
                    goals::created_by.eq(recorded_by),
                    goals::created_at.eq(g.created_at),
                    goals::updated_at.eq(g.created_at),
                )
            })
            .collect();
        exec!(conn, diesel::insert_into(goals::table).values(&rows))?;
    }
    let scores: Vec<_> = batch
        .goals
        .iter()
        .flat_map(|g| {
            g.scores.iter().map(|(date, score)| {
                (
                    goal_scores::goal_id.eq(g.id),
                    goal_scores::date.eq(*date),
                    goal_scores::score.eq(*score),
                    goal_scores::recorded_by.eq(recorded_by),
                    goal_scores::recorded_at.eq(now),
                )
            })
        })
        .collect();
    for chunk in scores.chunks(ROWS) {
        exec!(conn, diesel::insert_into(goal_scores::table).values(chunk))?;
    }
    for chunk in batch.situations.chunks(ROWS) {
        let rows: Vec<_> = chunk
            .iter()
            .map(|s| {
                (
                    situations::participant_id.eq(s.participant_id),
                    situations::moment.eq(s.moment),
                    situations::reached.eq(s.reached),
                    situations::income_source.eq(s.income_source),
                    situations::occupation.eq(s.occupation),
                    situations::education.eq(s.education),
                    situations::recorded_by.eq(recorded_by),
                    situations::recorded_at.eq(s.date.and_hms_opt(12, 0, 0).unwrap_or(now)),
                )
            })
            .collect();
        exec!(conn, diesel::insert_into(situations::table).values(&rows))?;
    }
    for chunk in batch.follow_ups.chunks(ROWS) {
        let rows: Vec<_> = chunk
            .iter()
            .map(|f| {
                (
                    follow_ups::participant_id.eq(f.participant_id),
                    follow_ups::date.eq(f.date),
                    follow_ups::attendees.eq("staff,mentor"),
                    follow_ups::what_works.eq(f.what_works),
                    follow_ups::scaling_score.eq(f.scaling_score),
                    follow_ups::next_small_step.eq(f.next_small_step),
                    follow_ups::next_due.eq(f.next_due),
                    follow_ups::confidential.eq(false),
                    follow_ups::written_by.eq(recorded_by),
                    follow_ups::written_at.eq(now),
                    follow_ups::updated_at.eq(now),
                )
            })
            .collect();
        exec!(conn, diesel::insert_into(follow_ups::table).values(&rows))?;
    }
    Ok(())
}

/// Inserts `marks`: by COPY on PostgreSQL, which takes them fastest (most of
/// a seed's rows are attendance marks).
fn insert_marks(
    conn: &mut DbConnection,
    marks: &[SeedMark],
    recorded_by: i64,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let mark_row = |m: &SeedMark| {
        (
            attendance_marks::participant_id.eq(m.participant_id),
            attendance_marks::date.eq(m.date),
            attendance_marks::mark.eq(m.mark),
            attendance_marks::recorded_by.eq(recorded_by),
            attendance_marks::recorded_at.eq(now),
            attendance_marks::step_id.eq(m.step_id),
        )
    };
    load!(conn, attendance_marks::table, marks, mark_row);
    Ok(())
}

/// One row of `attendance_months`: step, month (its first day), participant,
/// kind of mark and days.
pub type MonthCount = (i64, NaiveDate, i64, &'static str, i32);

/// `marks` counted per step, month, participant and kind, as the database's
/// triggers count them one mark at a time (marks without a step are not
/// counted).
pub fn month_counts(marks: &[SeedMark]) -> Vec<MonthCount> {
    let mut counts: BTreeMap<(i64, NaiveDate, i64, &'static str), i32> = BTreeMap::new();
    for m in marks {
        if let (Some(step), Some(month)) = (m.step_id, m.date.with_day(1)) {
            *counts
                .entry((step, month, m.participant_id, m.mark))
                .or_insert(0) += 1;
        }
    }
    counts
        .into_iter()
        .map(|((step, month, participant, mark), days)| (step, month, participant, mark, days))
        .collect()
}

/// Adds the counts of `marks` (of participants new to the database, so no
/// row of theirs exists yet) to `attendance_months`.
fn insert_month_counts(conn: &mut DbConnection, marks: &[SeedMark]) -> QueryResult<()> {
    let counts = month_counts(marks);
    let row = |&(step, month, participant, mark, days): &MonthCount| {
        (
            attendance_months::step_id.eq(step),
            attendance_months::month.eq(month),
            attendance_months::participant_id.eq(participant),
            attendance_months::mark.eq(mark),
            attendance_months::days.eq(days),
        )
    };
    load!(conn, attendance_months::table, &counts, row);
    Ok(())
}
