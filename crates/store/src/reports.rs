//! The inputs of the reports: participants' histories, attendance counts
//! aggregated in SQL, goal scores and agreements. The domain's report maths
//! turn them into figures.

use crate::row_security::RowScope;
use crate::schema::{
    agreement_links, agreements, attendance_marks, attendance_months, goal_scores, goals, ladders,
    participants, partners, status_changes, step_moves, steps, work_days,
};
use crate::{DbConnection, Store, StoreError};
use chrono::NaiveDate;
use diesel::dsl::count_star;
use diesel::prelude::*;
use std::collections::BTreeMap;
use stige_domain::activity::{ActivityEnding, ActivitySpans, EnrolmentSpan};
use stige_domain::attendance::AttendanceMark;
use stige_domain::goal::ScalingScore;
use stige_domain::report::attendance::{MarkCount, PeopleCount};
use stige_domain::report::before_after::PersonOutcomes;
use stige_domain::report::work_capacity::stay_windows;
use stige_domain::report::{
    History, Month, MoveRecord, PaidSpan, Period, ReportInput, StatusRecord, StepInfo,
};
use stige_domain::situation::{Gender, Situation};
use stige_domain::work::{Independence, LoggedDay};
use stige_domain::{
    ActivityId, Direction, EnrolmentStatus, ExitOutcome, LadderId, ParticipantId, StepId,
};

type Db = <DbConnection as Connection>::Backend;

/// Which participants a report covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope {
    pub ladder: LadderId,
    pub agreement: Option<i64>,
}

/// Everything the programme report needs; `None` when the ladder does not exist.
/// With `only`, just those participants of the scope (a partner's report per
/// category reads only the people who consented to share it). The attendance counts and the goal scores are each read on a connection of
/// their own at the same time as the histories, when the pool has them free,
/// so a report uses every core; otherwise on the first connection after the
/// histories.
pub fn report_input(
    store: &Store,
    scope: Scope,
    period: Period,
    only: Option<&[i64]>,
    rows: RowScope,
) -> Result<Option<ReportInput>, StoreError> {
    let mut first = store.conn()?;
    // Every connection reads within `rows` (on PostgreSQL with row-level
    // security, as a second wall behind the scope's own filters).
    store.read_in(&mut first, rows, |conn| {
        read_input(store, conn, scope, period, only, rows)
    })
}

fn read_input(
    store: &Store,
    conn: &mut DbConnection,
    scope: Scope,
    period: Period,
    only: Option<&[i64]>,
    rows: RowScope,
) -> Result<Option<ReportInput>, StoreError> {
    let Some((ladder_name, annual_target, throughput_target)) = ladders::table
        .find(scope.ladder.0)
        .select((
            ladders::name,
            ladders::annual_target,
            ladders::throughput_target,
        ))
        .first::<(String, Option<i32>, Option<i32>)>(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let steps = ladder_steps(conn, scope.ladder)?;
    let step_ids: Vec<i64> = steps.iter().map(|s| s.id.0).collect();
    // Attendance for an agreement's participants only; for the whole ladder,
    // everyone's on its steps.
    let ids = match (only, scope.agreement) {
        (Some(_), _) | (None, None) => None,
        (None, Some(_)) => Some(participant_ids(conn, scope, Some(period))?),
    };
    let (whose, only) = match only {
        Some(ids) => (Whose::Ids(ids), Some(ids)),
        None => (Whose::Scope(scope, Some(period)), ids.as_deref()),
    };
    let attendance = |conn: &mut DbConnection| {
        store.read_in(conn, rows, |conn| {
            Ok::<_, StoreError>(attendance_counts_of(conn, &step_ids, only, period)?)
        })
    };
    let goals = |conn: &mut DbConnection| {
        store.read_in(conn, rows, |conn| {
            Ok::<_, StoreError>(goal_scores_of(conn, whose, period)?)
        })
    };
    let (attendance, goal_scores, rest) = std::thread::scope(|threads| {
        let beside_attendance = store
            .try_conn()
            .map(|mut c| threads.spawn(move || attendance(&mut c)));
        let beside_goals = store
            .try_conn()
            .map(|mut c| threads.spawn(move || goals(&mut c)));
        let rest = histories(conn, whose, Some(period.to))
            .and_then(|h| Ok((h, ladder_agreements(conn, scope.ladder)?)));
        (
            joined(beside_attendance).unwrap_or_else(|| attendance(conn)),
            joined(beside_goals).unwrap_or_else(|| goals(conn)),
            rest,
        )
    });
    let (attendance_marks, attendance_people) = attendance?;
    let goal_scores = goal_scores?;
    let (histories, agreements) = rest?;
    let outcomes = outcomes_of(conn, &histories, &period)?;
    let country = crate::outcomes::country_of_ladder(conn, scope.ladder.0)?;
    let activities = activities_of(conn, scope.ladder, &histories)?;
    let work_days = work_days_of(conn, &histories, &period)?;
    Ok(Some(ReportInput {
        period,
        ladder: scope.ladder,
        ladder_name,
        steps,
        annual_target: annual_target.and_then(|t| u32::try_from(t).ok()),
        throughput_target: throughput_target.and_then(|t| u32::try_from(t).ok()),
        agreement: scope.agreement,
        histories,
        attendance_marks,
        attendance_people,
        goal_scores: goal_scores
            .into_values()
            .flat_map(BTreeMap::into_values)
            .collect(),
        agreements,
        country: Some(country),
        outcomes,
        activities,
        peer_pairs: crate::peers::of_ladder(conn, scope.ladder.0)?
            .into_iter()
            .map(|p| stige_domain::peer::PairSpan {
                peer: stige_domain::ParticipantId(p.peer_id),
                newcomer: stige_domain::ParticipantId(p.newcomer_id),
                starts_on: p.starts_on,
                ends_on: p.ends_on,
            })
            .collect(),
        work_days,
    }))
}

/// Windows of work days read in one statement.
const WINDOWS_A_STATEMENT: usize = 100;

/// The recorded work days the work capacity figures read: only those inside
/// the entry and exit windows of the stays that began or ended in the period
/// (see `stige_domain::report::work_capacity`), not every day of the year.
fn work_days_of(
    conn: &mut DbConnection,
    histories: &[History],
    period: &Period,
) -> Result<BTreeMap<ParticipantId, Vec<LoggedDay>>, StoreError> {
    let windows = stay_windows(histories, period);
    let mut days: BTreeMap<(i64, NaiveDate), (i32, String)> = BTreeMap::new();
    for chunk in windows.chunks(WINDOWS_A_STATEMENT) {
        let mut query = work_days::table
            .select((
                work_days::participant_id,
                work_days::day,
                work_days::minutes,
                work_days::independence,
            ))
            .filter(work_days::participant_id.eq(-1))
            .into_boxed();
        for w in chunk {
            query = query.or_filter(
                work_days::participant_id
                    .eq(w.participant.0)
                    .and(work_days::day.between(w.from, w.to)),
            );
        }
        for (id, day, minutes, level) in query.load::<(i64, NaiveDate, i32, String)>(conn)? {
            days.insert((id, day), (minutes, level));
        }
    }
    let mut out: BTreeMap<ParticipantId, Vec<LoggedDay>> = BTreeMap::new();
    for ((id, day), (minutes, level)) in days {
        let (Ok(minutes), Some(level)) = (u32::try_from(minutes), Independence::parse(&level))
        else {
            continue;
        };
        out.entry(ParticipantId(id))
            .or_default()
            .push((day, minutes, level));
    }
    Ok(out)
}

/// Gender, birth date and situations of the people of `histories` who exited
/// in the period (the before/after section's cohort).
fn outcomes_of(
    conn: &mut DbConnection,
    histories: &[History],
    period: &Period,
) -> QueryResult<Vec<PersonOutcomes>> {
    let ids: Vec<i64> = (histories.iter())
        .filter(|h| {
            h.statuses
                .iter()
                .any(|s| s.is_exit() && period.contains(s.date))
        })
        .map(|h| h.participant.0)
        .collect();
    let mut people: BTreeMap<i64, PersonOutcomes> = BTreeMap::new();
    for chunk in ids.chunks(CHUNK) {
        let rows: Vec<(i64, Option<String>, Option<NaiveDate>)> = participants::table
            .filter(participants::id.eq_any(chunk))
            .select((
                participants::id,
                participants::gender,
                participants::birth_date,
            ))
            .load(conn)?;
        for (id, gender, birth_date) in rows {
            people.insert(
                id,
                PersonOutcomes {
                    participant: ParticipantId(id),
                    gender: gender.as_deref().and_then(Gender::parse),
                    birth_date,
                    situations: vec![],
                },
            );
        }
        for s in crate::outcomes::of_participants(conn, chunk)? {
            let moment = s.moment;
            let Some(person) = people.get_mut(&s.participant_id) else {
                continue;
            };
            person.situations.push(Situation {
                moment,
                reached: s.reached,
                income_source: s.income_source,
                occupation: s.occupation,
                education: s.education,
            });
        }
    }
    Ok(people.into_values().collect())
}

/// What a thread of [`report_input`] read, if it was started.
fn joined<T>(handle: Option<std::thread::ScopedJoinHandle<'_, T>>) -> Option<T> {
    handle.map(|h| {
        h.join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

pub fn ladder_steps(conn: &mut DbConnection, ladder: LadderId) -> QueryResult<Vec<StepInfo>> {
    let rows: Vec<(i64, String, i32)> = steps::table
        .filter(steps::ladder_id.eq(ladder.0))
        .order(steps::position.asc())
        .select((steps::id, steps::name, steps::position))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, name, position)| StepInfo {
            id: StepId(id),
            name,
            position,
        })
        .collect())
}

/// (agreement, partner name, places) for every agreement on the ladder.
pub fn ladder_agreements(
    conn: &mut DbConnection,
    ladder: LadderId,
) -> QueryResult<Vec<(i64, String, u32)>> {
    let rows: Vec<(i64, String, i32)> = agreements::table
        .inner_join(partners::table)
        .filter(agreements::ladder_id.eq(ladder.0))
        .order(agreements::id.asc())
        .select((agreements::id, partners::name, agreements::places))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, name, places)| (id, name, u32::try_from(places).unwrap_or(0)))
        .collect())
}

/// The participants in scope whose histories can touch `period`: everyone but
/// those whose last status change is an exit before it. Without a period, all.
pub fn participant_ids(
    conn: &mut DbConnection,
    scope: Scope,
    period: Option<Period>,
) -> QueryResult<Vec<i64>> {
    in_scope(scope, period)
        .select(participants::id)
        .order(participants::id.asc())
        .load(conn)
}

/// `query` (which reads `participants`) filtered to the participants in
/// `scope` whose histories can touch `period` (see [`participant_ids`]).
macro_rules! scoped {
    ($query:expr, $scope:expr, $period:expr) => {{
        let (scope, period): (Scope, Option<Period>) = ($scope, $period);
        let mut query = $query.filter(participants::ladder_id.eq(scope.ladder.0));
        if let Some(agreement) = scope.agreement {
            // Everyone ever linked to the agreement.
            query = query.filter(
                participants::id.eq_any(
                    agreement_links::table
                        .filter(agreement_links::agreement_id.eq(agreement))
                        .select(agreement_links::participant_id),
                ),
            );
        }
        if let Some(period) = period {
            query = query.filter(
                participants::status
                    .ne(EnrolmentStatus::Exited.as_str())
                    .or(participants::status_since.ge(period.from)),
            );
        }
        query
    }};
}

/// The participants of [`participant_ids`], as a query.
fn in_scope(scope: Scope, period: Option<Period>) -> participants::BoxedQuery<'static, Db> {
    scoped!(participants::table.into_boxed(), scope, period)
}

/// Whose rows a report reads: those of a list of participants (read in
/// chunks of [`CHUNK`] ids), or of everyone in a scope (one statement per
/// table, joined to `participants` with the scope's conditions on them).
#[derive(Debug, Clone, Copy)]
pub enum Whose<'a> {
    Ids(&'a [i64]),
    Scope(Scope, Option<Period>),
}

impl<'a> Whose<'a> {
    /// One part per statement.
    fn parts(self) -> Vec<Whose<'a>> {
        match self {
            Whose::Ids(ids) => ids.chunks(CHUNK).map(Whose::Ids).collect(),
            scope => vec![scope],
        }
    }
}

/// `query` (which reads `participants`, joined) filtered to the rows whose
/// `column` (a participant id) is of `whose`.
macro_rules! of_whose {
    ($query:expr, $column:expr, $whose:expr) => {
        match $whose {
            Whose::Ids(ids) => $query.filter($column.eq_any(ids)),
            Whose::Scope(scope, period) => scoped!($query, scope, period),
        }
    };
}

/// Histories of `whose` participants (events up to `until`, when given), in
/// id order.
pub fn histories(
    conn: &mut DbConnection,
    whose: Whose<'_>,
    until: Option<NaiveDate>,
) -> QueryResult<Vec<History>> {
    let mut out: Vec<History> = Vec::new();
    for part in whose.parts() {
        let ids: Vec<i64> = of_whose!(
            participants::table
                .order(participants::id.asc())
                .select(participants::id)
                .into_boxed::<'_, Db>(),
            participants::id,
            part
        )
        .load(conn)?;
        let mut paid: Vec<(i64, i64, NaiveDate, Option<NaiveDate>)> = Vec::new();
        for chunk in ids.chunks(CHUNK) {
            paid.extend(
                agreement_links::table
                    .filter(agreement_links::participant_id.eq_any(chunk))
                    .filter(agreement_links::pays.eq(true))
                    .order((agreement_links::participant_id, agreement_links::valid_from))
                    .select((
                        agreement_links::participant_id,
                        agreement_links::agreement_id,
                        agreement_links::valid_from,
                        agreement_links::valid_to,
                    ))
                    .load::<(i64, i64, NaiveDate, Option<NaiveDate>)>(conn)?,
            );
        }
        let mut paid = paid.into_iter().peekable();
        let statuses = status_changes::table
            .inner_join(participants::table)
            .order((
                status_changes::participant_id,
                status_changes::date,
                status_changes::id,
            ))
            .select((
                status_changes::participant_id,
                status_changes::date,
                status_changes::from_status,
                status_changes::to_status,
                status_changes::outcome,
            ))
            .into_boxed();
        let mut statuses = of_whose!(statuses, status_changes::participant_id, part);
        let moves = step_moves::table
            .inner_join(participants::table)
            .order((step_moves::participant_id, step_moves::date, step_moves::id))
            .select((
                step_moves::participant_id,
                step_moves::date,
                step_moves::from_step_id,
                step_moves::to_step_id,
                step_moves::direction,
            ))
            .into_boxed();
        let mut moves = of_whose!(moves, step_moves::participant_id, part);
        if let Some(until) = until {
            statuses = statuses.filter(status_changes::date.le(until));
            moves = moves.filter(step_moves::date.le(until));
        }
        type StatusRow = (i64, NaiveDate, Option<String>, String, Option<String>);
        type MoveRow = (i64, NaiveDate, Option<i64>, i64, String);
        let statuses: Vec<StatusRow> = statuses.load(conn)?;
        let moves: Vec<MoveRow> = moves.load(conn)?;
        let (mut s, mut m) = (
            statuses.into_iter().peekable(),
            moves.into_iter().peekable(),
        );
        for id in ids {
            let mut h = History {
                participant: ParticipantId(id),
                paid_by: Vec::new(),
                statuses: Vec::new(),
                moves: Vec::new(),
            };
            while let Some((_, agreement, from, to)) = paid.next_if(|r| r.0 == id) {
                h.paid_by.push(PaidSpan {
                    agreement,
                    from,
                    to,
                });
            }
            while let Some((_, date, from, to, outcome)) = s.next_if(|r| r.0 == id) {
                if let Some(to) = EnrolmentStatus::parse(&to) {
                    h.statuses.push(StatusRecord {
                        date,
                        from: from.as_deref().and_then(EnrolmentStatus::parse),
                        to,
                        outcome: outcome.as_deref().and_then(ExitOutcome::parse),
                    });
                }
            }
            while let Some((_, date, from, to, direction)) = m.next_if(|r| r.0 == id) {
                if let Some(direction) = Direction::parse(&direction) {
                    h.moves.push(MoveRecord {
                        date,
                        from_step: from.map(StepId),
                        to_step: StepId(to),
                        direction,
                    });
                }
            }
            out.push(h);
        }
    }
    Ok(out)
}

/// Ids per query: well under SQLite's and PostgreSQL's bound-parameter limits.
pub const CHUNK: usize = 10_000;

/// Marks per step, month and kind, and people per step and month, in the
/// period; only for `ids` when given. A year of a large programme holds
/// millions of marks: the months the period covers whole are read from the
/// marks' counts per month (`attendance_months`, kept by the database), in
/// one statement for the marks and one for the people; a month the period
/// cuts (a period that starts or ends within a month) from the marks of its
/// days, aggregated in SQL.
pub fn attendance_counts_of(
    conn: &mut DbConnection,
    steps: &[i64],
    ids: Option<&[i64]>,
    period: Period,
) -> QueryResult<(Vec<MarkCount>, Vec<PeopleCount>)> {
    attendance_counts(conn, steps, ids, period, true)
}

/// [`attendance_counts_of`] from the marks of every day, never from the
/// counts per month: what those counts must always agree with (tests check).
pub fn attendance_counts_from_marks(
    conn: &mut DbConnection,
    steps: &[i64],
    ids: Option<&[i64]>,
    period: Period,
) -> QueryResult<(Vec<MarkCount>, Vec<PeopleCount>)> {
    attendance_counts(conn, steps, ids, period, false)
}

fn attendance_counts(
    conn: &mut DbConnection,
    steps: &[i64],
    ids: Option<&[i64]>,
    period: Period,
    use_month_counts: bool,
) -> QueryResult<(Vec<MarkCount>, Vec<PeopleCount>)> {
    let mut counts = Counts::default();
    let chunks: Vec<Option<&[i64]>> = match ids {
        Some(ids) => ids.chunks(CHUNK).map(Some).collect(),
        None => vec![None],
    };
    let (whole, cut): (Vec<Month>, Vec<Month>) = period
        .months()
        .into_iter()
        .partition(|month| use_month_counts && is_whole(*month, period));
    if let (Some(first), Some(last)) = (whole.first(), whole.last())
        && let (Some(from), Some(to)) = (first.first_day(), last.first_day())
    {
        for chunk in &chunks {
            counts_of_months(conn, steps, *chunk, from, to, &mut counts)?;
        }
    }
    for month in cut {
        let Some(first) = month.first_day() else {
            continue;
        };
        let last = month
            .next()
            .first_day()
            .and_then(|d| d.pred_opt())
            .unwrap_or(first);
        let (from, to) = (first.max(period.from), last.min(period.to));
        for chunk in &chunks {
            counts_of_days(conn, steps, *chunk, month, from, to, &mut counts)?;
        }
    }
    Ok(counts.into_parts())
}

/// Marks per (step, month, kind) and people per (step, month), added up over
/// the chunks of ids (each participant is in one chunk).
#[derive(Default)]
struct Counts {
    marks: BTreeMap<(i64, Month, String), u64>,
    people: BTreeMap<(i64, Month), u64>,
}

impl Counts {
    fn add_marks(&mut self, step: i64, month: Month, mark: String, n: i64) {
        *self.marks.entry((step, month, mark)).or_insert(0) += u64::try_from(n).unwrap_or(0);
    }

    fn add_people(&mut self, step: i64, month: Month, n: i64) {
        *self.people.entry((step, month)).or_insert(0) += u64::try_from(n).unwrap_or(0);
    }

    fn into_parts(self) -> (Vec<MarkCount>, Vec<PeopleCount>) {
        let marks = self
            .marks
            .into_iter()
            .filter_map(|((step, month, mark), days)| {
                Some(MarkCount {
                    step: StepId(step),
                    month,
                    mark: AttendanceMark::parse(&mark)?,
                    days,
                })
            })
            .collect();
        let people = self
            .people
            .into_iter()
            .map(|((step, month), people)| PeopleCount {
                step: StepId(step),
                month,
                people,
            })
            .collect();
        (marks, people)
    }
}

/// Whether the period covers all of `month`.
fn is_whole(month: Month, period: Period) -> bool {
    let last = month.next().first_day().and_then(|d| d.pred_opt());
    month.first_day().is_some_and(|first| first >= period.from)
        && last.is_some_and(|last| last <= period.to)
}

/// The counts of the months whose first days are `from` to `to`, from the
/// marks' counts per month.
fn counts_of_months(
    conn: &mut DbConnection,
    steps: &[i64],
    ids: Option<&[i64]>,
    from: NaiveDate,
    to: NaiveDate,
    counts: &mut Counts,
) -> QueryResult<()> {
    let mut by_mark = attendance_months::table
        .filter(attendance_months::step_id.eq_any(steps))
        .filter(attendance_months::month.between(from, to))
        .group_by((
            attendance_months::step_id,
            attendance_months::month,
            attendance_months::mark,
        ))
        .select((
            attendance_months::step_id,
            attendance_months::month,
            attendance_months::mark,
            diesel::dsl::sum(attendance_months::days),
        ))
        .into_boxed::<'_, Db>();
    let mut by_person = attendance_months::table
        .filter(attendance_months::step_id.eq_any(steps))
        .filter(attendance_months::month.between(from, to))
        .group_by((attendance_months::step_id, attendance_months::month))
        .select((
            attendance_months::step_id,
            attendance_months::month,
            diesel::dsl::count(attendance_months::participant_id).aggregate_distinct(),
        ))
        .into_boxed::<'_, Db>();
    if let Some(ids) = ids {
        by_mark = by_mark.filter(attendance_months::participant_id.eq_any(ids));
        by_person = by_person.filter(attendance_months::participant_id.eq_any(ids));
    }
    let rows: Vec<(i64, NaiveDate, String, Option<i64>)> = by_mark.load(conn)?;
    for (step, month, mark, days) in rows {
        counts.add_marks(step, Month::of(month), mark, days.unwrap_or(0));
    }
    let rows: Vec<(i64, NaiveDate, i64)> = by_person.load(conn)?;
    for (step, month, n) in rows {
        counts.add_people(step, Month::of(month), n);
    }
    Ok(())
}

/// The counts of `month` from the marks of its days `from` to `to`.
fn counts_of_days(
    conn: &mut DbConnection,
    steps: &[i64],
    ids: Option<&[i64]>,
    month: Month,
    from: NaiveDate,
    to: NaiveDate,
    counts: &mut Counts,
) -> QueryResult<()> {
    let mut by_mark = attendance_marks::table
        .filter(attendance_marks::step_id.eq_any(steps))
        .filter(attendance_marks::date.between(from, to))
        .group_by((attendance_marks::step_id, attendance_marks::mark))
        .select((
            attendance_marks::step_id,
            attendance_marks::mark,
            count_star(),
        ))
        .into_boxed::<'_, Db>();
    let mut by_person = attendance_marks::table
        .filter(attendance_marks::step_id.eq_any(steps))
        .filter(attendance_marks::date.between(from, to))
        .group_by(attendance_marks::step_id)
        .select((
            attendance_marks::step_id,
            diesel::dsl::count(attendance_marks::participant_id).aggregate_distinct(),
        ))
        .into_boxed::<'_, Db>();
    if let Some(ids) = ids {
        by_mark = by_mark.filter(attendance_marks::participant_id.eq_any(ids));
        by_person = by_person.filter(attendance_marks::participant_id.eq_any(ids));
    }
    let rows: Vec<(Option<i64>, String, i64)> = by_mark.load(conn)?;
    for (step, mark, n) in rows {
        if let Some(step) = step {
            counts.add_marks(step, month, mark, n);
        }
    }
    let rows: Vec<(Option<i64>, i64)> = by_person.load(conn)?;
    for (step, n) in rows {
        if let Some(step) = step {
            counts.add_people(step, month, n);
        }
    }
    Ok(())
}

/// One participant's scaling scores per goal, by date.
pub type GoalScores = BTreeMap<i64, Vec<(NaiveDate, ScalingScore)>>;

/// Scaling scores in the period per participant and goal, by date.
pub fn goal_scores_of(
    conn: &mut DbConnection,
    whose: Whose<'_>,
    period: Period,
) -> QueryResult<BTreeMap<i64, GoalScores>> {
    // Put in order here, goal by goal, rather than by the database: sorting
    // a year's scores in SQL cost more than the small sorts per goal.
    type Scored = (NaiveDate, i64, ScalingScore);
    let mut unsorted: BTreeMap<i64, BTreeMap<i64, Vec<Scored>>> = BTreeMap::new();
    for part in whose.parts() {
        let scores = goal_scores::table
            .inner_join(goals::table.inner_join(participants::table))
            .filter(goal_scores::date.between(period.from, period.to))
            .select((
                goals::participant_id,
                goal_scores::goal_id,
                goal_scores::date,
                goal_scores::id,
                goal_scores::score,
            ))
            .into_boxed::<'_, Db>();
        let rows: Vec<(i64, i64, NaiveDate, i64, i32)> =
            of_whose!(scores, goals::participant_id, part).load(conn)?;
        for (participant, goal, date, id, score) in rows {
            if let Ok(score) = ScalingScore::parse(i64::from(score)) {
                unsorted
                    .entry(participant)
                    .or_default()
                    .entry(goal)
                    .or_default()
                    .push((date, id, score));
            }
        }
    }
    Ok(unsorted
        .into_iter()
        .map(|(participant, goals)| {
            let goals = goals
                .into_iter()
                .map(|(goal, mut scores)| {
                    scores.sort_unstable_by_key(|&(date, id, _)| (date, id));
                    let scores = scores
                        .into_iter()
                        .map(|(date, _, score)| (date, score))
                        .collect();
                    (goal, scores)
                })
                .collect();
            (participant, goals)
        })
        .collect())
}

trait FirstDay {
    fn first_day(self) -> Option<NaiveDate>;
}

impl FirstDay for Month {
    fn first_day(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month, 1)
    }
}

/// The histories of everyone ever under an agreement, for its partner report.
pub fn agreement_histories(
    conn: &mut DbConnection,
    ladder: LadderId,
    agreement: i64,
) -> QueryResult<Vec<History>> {
    let scope = Scope {
        ladder,
        agreement: Some(agreement),
    };
    histories(conn, Whose::Scope(scope, None), None)
}

/// The enrolments of the people in `histories` in the ladder's parallel
/// activities, per activity (every activity of the ladder, also those with none).
fn activities_of(
    conn: &mut DbConnection,
    ladder: LadderId,
    histories: &[History],
) -> QueryResult<Vec<ActivitySpans>> {
    use crate::schema::activities;
    let mut per: Vec<ActivitySpans> = activities::table
        .filter(activities::ladder_id.eq(ladder.0))
        .order(activities::id)
        .select((activities::id, activities::name))
        .load::<(i64, String)>(conn)?
        .into_iter()
        .map(|(id, name)| ActivitySpans {
            activity: ActivityId(id),
            name,
            spans: vec![],
        })
        .collect();
    let people: std::collections::HashSet<i64> =
        histories.iter().map(|h| h.participant.0).collect();
    let rows = crate::activity_enrolments::spans_of_ladder(conn, ladder.0)?;
    for (participant, activity, starts_on, ending, ended_on) in rows {
        if !people.contains(&participant) {
            continue;
        }
        let ended = ending
            .as_deref()
            .and_then(ActivityEnding::parse)
            .zip(ended_on);
        if let Some(a) = per.iter_mut().find(|a| a.activity.0 == activity) {
            a.spans.push(EnrolmentSpan { starts_on, ended });
        }
    }
    Ok(per)
}
