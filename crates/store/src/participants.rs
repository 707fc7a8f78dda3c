//! Participants, their status changes, step moves and mentors.

use crate::DbConnection;
pub use crate::list_filter::ListFilter;
use crate::list_memory::{ListMemory, SortKey, Start};
use crate::schema::{
    attendance_marks, ladders, list_versions, participant_mentors, participants, status_changes,
    step_moves, steps, users,
};
use crate::within::Within;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use diesel::sql_types::Bool;
use stige_domain::{EnrolmentStatus, ParticipantId, StepId, UserId};

type Db = <DbConnection as Connection>::Backend;

#[derive(Debug, Clone, Queryable, Selectable, PartialEq)]
#[diesel(table_name = participants)]
pub struct ParticipantRow {
    pub id: i64,
    pub ladder_id: i64,
    pub given_name: String,
    pub family_name: String,
    pub search_name: String,
    pub birth_date: Option<NaiveDate>,
    pub national_id_cipher: Option<String>,
    pub national_id_masked: Option<String>,
    #[diesel(deserialize_as = crate::optional_code::OptionalCode)]
    pub national_id_kind: Option<stige_domain::NationalIdKind>,
    #[diesel(deserialize_as = String)]
    pub status: EnrolmentStatus,
    pub status_since: NaiveDate,
    pub current_step_id: Option<i64>,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// The cooperation agreement the participant came through, if any.
    pub agreement_id: Option<i64>,
    pub national_id_lookup: Option<String>,
}

/// Personal details as stored; the national id already encrypted by the caller.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonalDetails {
    pub given_name: String,
    pub family_name: String,
    pub birth_date: Option<NaiveDate>,
    pub national_id: Option<StoredNationalId>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StoredNationalId {
    pub cipher: String,
    pub masked: String,
    pub kind: stige_domain::NationalIdKind,
    /// A keyed hash of the number, to find duplicates without decrypting.
    pub lookup: Option<String>,
}

fn search_name(given: &str, family: &str) -> String {
    format!("{given} {family}").to_lowercase()
}

/// Creates a participant with status "referred" and its first status change.
pub fn insert(
    conn: &mut DbConnection,
    ladder: i64,
    details: &PersonalDetails,
    today: NaiveDate,
    by: UserId,
) -> QueryResult<ParticipantRow> {
    let now = crate::now();
    let nid = details.national_id.as_ref();
    let id = diesel::insert_into(participants::table)
        .values((
            participants::ladder_id.eq(ladder),
            participants::given_name.eq(&details.given_name),
            participants::family_name.eq(&details.family_name),
            participants::search_name.eq(search_name(&details.given_name, &details.family_name)),
            participants::birth_date.eq(details.birth_date),
            participants::national_id_cipher.eq(nid.map(|n| n.cipher.as_str())),
            participants::national_id_masked.eq(nid.map(|n| n.masked.as_str())),
            participants::national_id_kind.eq(nid.map(|n| n.kind.as_str())),
            participants::national_id_lookup.eq(nid.and_then(|n| n.lookup.as_deref())),
            participants::status.eq(EnrolmentStatus::Referred.as_str()),
            participants::status_since.eq(today),
            participants::version.eq(1i64),
            participants::created_at.eq(now),
            participants::updated_at.eq(now),
        ))
        .returning(participants::id)
        .get_result::<i64>(conn)?;
    let row = participants::table
        .find(id)
        .select(ParticipantRow::as_select())
        .first(conn)?;
    insert_status_change(
        conn,
        &NewStatusChange {
            participant: ParticipantId(row.id),
            from_status: None,
            to_status: EnrolmentStatus::Referred,
            date: today,
            reason: None,
            planned_return: None,
            outcome: None,
            outcome_text: None,
            recorded_by: by,
        },
    )?;
    Ok(row)
}

/// Links a participant to the cooperation agreement they were referred under,
/// paying for their place from `from` (see [`crate::agreement_links`]).
pub fn link_agreement(
    conn: &mut DbConnection,
    id: ParticipantId,
    agreement: i64,
    from: chrono::NaiveDate,
) -> QueryResult<()> {
    crate::agreement_links::insert(
        conn,
        crate::agreement_links::NewLink {
            participant: id,
            agreement,
            valid_from: from,
            valid_to: None,
            pays: true,
        },
    )?;
    Ok(())
}

/// Participants with a national id but no lookup hash yet (stored before lookups).
pub fn missing_lookups(conn: &mut DbConnection) -> QueryResult<Vec<(i64, String)>> {
    participants::table
        .filter(participants::national_id_lookup.is_null())
        .filter(participants::national_id_cipher.is_not_null())
        .select((
            participants::id,
            participants::national_id_cipher.assume_not_null(),
        ))
        .load(conn)
}

pub fn set_lookup(conn: &mut DbConnection, id: i64, lookup: &str) -> QueryResult<()> {
    diesel::update(participants::table.find(id))
        .set(participants::national_id_lookup.eq(Some(lookup)))
        .execute(conn)?;
    Ok(())
}

/// The participant, if `within` reaches them.
pub fn get(
    conn: &mut DbConnection,
    within: Within<'_>,
    id: ParticipantId,
) -> QueryResult<Option<ParticipantRow>> {
    // Found by its key alone, a statement each connection prepares once; the
    // reach is then checked on the row (by statements that are prepared once
    // too). A filter built for each caller would be prepared on every read.
    let Some(row) = participants::table
        .find(id.0)
        .select(ParticipantRow::as_select())
        .first(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let reached = within.people().admits(conn, row.id, row.ladder_id)?;
    Ok(reached.then_some(row))
}

#[derive(QueryableByName)]
struct Exists {
    #[diesel(sql_type = Bool)]
    found: bool,
}

/// Whether the participant exists at all, whoever's they are (past
/// PostgreSQL's row-level security): only for recording an attempt on
/// someone outside the caller's reach as refused.
pub fn exists_anywhere(conn: &mut DbConnection, id: ParticipantId) -> QueryResult<bool> {
    let sql = match conn {
        DbConnection::Pg(_) => "SELECT stige_participant_exists($1) AS found",
        DbConnection::Sqlite(_) => {
            "SELECT EXISTS (SELECT 1 FROM participants WHERE id = $1) AS found"
        }
    };
    let found: Vec<Exists> = diesel::sql_query(sql)
        .bind::<diesel::sql_types::BigInt, _>(id.0)
        .load(conn)?;
    Ok(found.first().is_some_and(|e| e.found))
}

/// Whether `mentor` is assigned to the participant.
pub fn is_mentor_of(
    conn: &mut DbConnection,
    id: ParticipantId,
    mentor: UserId,
) -> QueryResult<bool> {
    let n: i64 = participant_mentors::table
        .filter(participant_mentors::participant_id.eq(id.0))
        .filter(participant_mentors::user_id.eq(mentor.0))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// Replaces personal details if the participant is still at `version`. Returns
/// whether it was (a stale version changes nothing).
pub fn update_personal(
    conn: &mut DbConnection,
    id: ParticipantId,
    version: i64,
    details: &PersonalDetails,
) -> QueryResult<bool> {
    let nid = details.national_id.as_ref();
    let n = diesel::update(
        participants::table
            .filter(participants::id.eq(id.0))
            .filter(participants::version.eq(version)),
    )
    .set((
        participants::given_name.eq(&details.given_name),
        participants::family_name.eq(&details.family_name),
        participants::search_name.eq(search_name(&details.given_name, &details.family_name)),
        participants::birth_date.eq(details.birth_date),
        participants::national_id_cipher.eq(nid.map(|n| n.cipher.as_str())),
        participants::national_id_masked.eq(nid.map(|n| n.masked.as_str())),
        participants::national_id_kind.eq(nid.map(|n| n.kind.as_str())),
        participants::national_id_lookup.eq(nid.and_then(|n| n.lookup.as_deref())),
        participants::version.eq(version + 1),
        participants::updated_at.eq(crate::now()),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// Sets the status if the participant is still at `version`.
pub fn set_status(
    conn: &mut DbConnection,
    id: ParticipantId,
    version: i64,
    status: EnrolmentStatus,
    since: NaiveDate,
) -> QueryResult<bool> {
    let n = diesel::update(
        participants::table
            .filter(participants::id.eq(id.0))
            .filter(participants::version.eq(version)),
    )
    .set((
        participants::status.eq(status.as_str()),
        participants::status_since.eq(since),
        participants::version.eq(version + 1),
        participants::updated_at.eq(crate::now()),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// Sets the current step if the participant is still at `version`.
pub fn set_current_step(
    conn: &mut DbConnection,
    id: ParticipantId,
    version: i64,
    step: StepId,
) -> QueryResult<bool> {
    let n = diesel::update(
        participants::table
            .filter(participants::id.eq(id.0))
            .filter(participants::version.eq(version)),
    )
    .set((
        participants::current_step_id.eq(Some(step.0)),
        participants::version.eq(version + 1),
        participants::updated_at.eq(crate::now()),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewStatusChange {
    pub participant: ParticipantId,
    pub from_status: Option<EnrolmentStatus>,
    pub to_status: EnrolmentStatus,
    pub date: NaiveDate,
    pub reason: Option<String>,
    pub planned_return: Option<NaiveDate>,
    pub outcome: Option<stige_domain::ExitOutcome>,
    pub outcome_text: Option<String>,
    pub recorded_by: UserId,
}

impl NewStatusChange {
    /// The history's line for what `changed` did to `participant`.
    pub fn of(
        participant: ParticipantId,
        changed: &stige_domain::enrolment::StatusChanged,
        recorded_by: UserId,
    ) -> Self {
        Self {
            participant,
            from_status: Some(changed.from),
            to_status: changed.to,
            date: changed.date,
            reason: changed.reason.clone(),
            planned_return: changed.planned_return,
            outcome: changed.outcome,
            outcome_text: changed.outcome_text.clone(),
            recorded_by,
        }
    }
}

pub fn insert_status_change(conn: &mut DbConnection, c: &NewStatusChange) -> QueryResult<()> {
    diesel::insert_into(status_changes::table)
        .values((
            status_changes::participant_id.eq(c.participant.0),
            status_changes::from_status.eq(c.from_status.map(EnrolmentStatus::as_str)),
            status_changes::to_status.eq(c.to_status.as_str()),
            status_changes::date.eq(c.date),
            status_changes::reason.eq(c.reason.as_deref()),
            status_changes::planned_return.eq(c.planned_return),
            status_changes::outcome.eq(c.outcome.map(stige_domain::ExitOutcome::as_str)),
            status_changes::outcome_text.eq(c.outcome_text.as_deref()),
            status_changes::recorded_by.eq(c.recorded_by.0),
            status_changes::recorded_at.eq(crate::now()),
        ))
        .execute(conn)?;
    Ok(())
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewStepMove {
    pub participant: ParticipantId,
    pub from_step: Option<StepId>,
    pub to_step: StepId,
    pub direction: stige_domain::Direction,
    pub date: NaiveDate,
    pub reason: String,
    pub override_reason: Option<String>,
    pub recorded_by: UserId,
}

impl NewStepMove {
    /// The history's line for what `moved` did to `participant`.
    pub fn of(
        participant: ParticipantId,
        moved: &stige_domain::step_move::StepMoved,
        recorded_by: UserId,
    ) -> Self {
        Self {
            participant,
            from_step: moved.from,
            to_step: moved.to,
            direction: moved.direction,
            date: moved.date,
            reason: moved.reason.clone(),
            override_reason: moved.override_reason.clone(),
            recorded_by,
        }
    }
}

pub fn insert_move(conn: &mut DbConnection, m: &NewStepMove) -> QueryResult<()> {
    diesel::insert_into(step_moves::table)
        .values((
            step_moves::participant_id.eq(m.participant.0),
            step_moves::from_step_id.eq(m.from_step.map(|s| s.0)),
            step_moves::to_step_id.eq(m.to_step.0),
            step_moves::direction.eq(m.direction.as_str()),
            step_moves::date.eq(m.date),
            step_moves::reason.eq(&m.reason),
            step_moves::override_reason.eq(m.override_reason.as_deref()),
            step_moves::recorded_by.eq(m.recorded_by.0),
            step_moves::recorded_at.eq(crate::now()),
        ))
        .execute(conn)?;
    // Moves are dated in order, so every mark from this date on was made here.
    diesel::update(
        attendance_marks::table
            .filter(attendance_marks::participant_id.eq(m.participant.0))
            .filter(attendance_marks::date.ge(m.date)),
    )
    .set(attendance_marks::step_id.eq(m.to_step.0))
    .execute(conn)?;
    Ok(())
}

#[derive(Debug, Clone, Queryable, Selectable, PartialEq)]
#[diesel(table_name = status_changes)]
pub struct StatusChangeRow {
    pub id: i64,
    pub participant_id: i64,
    #[diesel(deserialize_as = crate::optional_code::OptionalCode)]
    pub from_status: Option<EnrolmentStatus>,
    #[diesel(deserialize_as = String)]
    pub to_status: EnrolmentStatus,
    pub date: NaiveDate,
    pub reason: Option<String>,
    pub planned_return: Option<NaiveDate>,
    #[diesel(deserialize_as = crate::optional_code::OptionalCode)]
    pub outcome: Option<stige_domain::ExitOutcome>,
    pub outcome_text: Option<String>,
    pub recorded_by: i64,
    pub recorded_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, PartialEq)]
#[diesel(table_name = step_moves)]
pub struct StepMoveRow {
    pub id: i64,
    pub participant_id: i64,
    pub from_step_id: Option<i64>,
    pub to_step_id: i64,
    #[diesel(deserialize_as = String)]
    pub direction: stige_domain::Direction,
    pub date: NaiveDate,
    pub reason: String,
    pub override_reason: Option<String>,
    pub recorded_by: i64,
    pub recorded_at: NaiveDateTime,
}

/// A participant's history, oldest first, each entry with the recorder's display name.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct History {
    pub status_changes: Vec<(StatusChangeRow, String)>,
    pub moves: Vec<(StepMoveRow, String)>,
}

pub fn history(conn: &mut DbConnection, id: ParticipantId) -> QueryResult<History> {
    let status_changes = status_changes::table
        .inner_join(users::table)
        .filter(status_changes::participant_id.eq(id.0))
        .order(status_changes::id.asc())
        .select((StatusChangeRow::as_select(), users::display_name))
        .load(conn)?;
    let moves = step_moves::table
        .inner_join(users::table)
        .filter(step_moves::participant_id.eq(id.0))
        .order(step_moves::id.asc())
        .select((StepMoveRow::as_select(), users::display_name))
        .load(conn)?;
    Ok(History {
        status_changes,
        moves,
    })
}

/// The date of the participant's last step move.
pub fn last_move_date(
    conn: &mut DbConnection,
    id: ParticipantId,
) -> QueryResult<Option<NaiveDate>> {
    step_moves::table
        .filter(step_moves::participant_id.eq(id.0))
        .select(diesel::dsl::max(step_moves::date))
        .first(conn)
}

/// (participant id, mentor id, mentor's display name) for the given participants.
pub fn mentors_of(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<(i64, i64, String)>> {
    participant_mentors::table
        .inner_join(users::table)
        .filter(participant_mentors::participant_id.eq_any(ids))
        .order(users::display_name.asc())
        .select((
            participant_mentors::participant_id,
            users::id,
            users::display_name,
        ))
        .load(conn)
}

/// (mentor id, mentor's display name) of one participant, by name. One
/// statement with one bound value, so each connection prepares it once
/// (an `IN` list of [`mentors_of`] is parsed again on every run).
pub fn mentors(conn: &mut DbConnection, id: ParticipantId) -> QueryResult<Vec<(i64, String)>> {
    participant_mentors::table
        .inner_join(users::table)
        .filter(participant_mentors::participant_id.eq(id.0))
        .order(users::display_name.asc())
        .select((users::id, users::display_name))
        .load(conn)
}

/// Replaces the participant's mentors.
pub fn set_mentors(
    conn: &mut DbConnection,
    id: ParticipantId,
    mentors: &[UserId],
) -> QueryResult<()> {
    diesel::delete(participant_mentors::table.filter(participant_mentors::participant_id.eq(id.0)))
        .execute(conn)?;
    for m in mentors {
        diesel::insert_into(participant_mentors::table)
            .values((
                participant_mentors::participant_id.eq(id.0),
                participant_mentors::user_id.eq(m.0),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// What the list needs of a participant: no birth date, national id or
/// timestamps, which it has no use for.
#[derive(Debug, Clone, Queryable, Selectable, PartialEq)]
#[diesel(table_name = participants)]
pub struct ListedParticipant {
    pub id: i64,
    pub ladder_id: i64,
    pub given_name: String,
    pub family_name: String,
    #[diesel(deserialize_as = String)]
    pub status: EnrolmentStatus,
    pub status_since: NaiveDate,
    pub current_step_id: Option<i64>,
}

/// One row of the list: the participant, its ladder's name, its current
/// step's name and its mentors (user id, display name) by display name.
#[derive(Debug, Clone, PartialEq)]
pub struct ListRow {
    pub participant: ListedParticipant,
    pub ladder_name: String,
    pub step_name: Option<String>,
    pub mentors: Vec<(i64, String)>,
}

fn filtered<'a>(f: &ListFilter) -> participants::BoxedQuery<'a, Db> {
    let mut q = participants::table
        .into_boxed::<Db>()
        .filter(f.reach.filter());
    if let Some(s) = f.status {
        q = q.filter(participants::status.eq(s.as_str()));
    }
    if let Some(l) = f.ladder {
        q = q.filter(participants::ladder_id.eq(l));
    }
    if let Some(s) = f.step {
        q = q.filter(participants::current_step_id.eq(s));
    }
    if let Some(m) = f.mentor {
        q = q.filter(
            participants::id.eq_any(
                participant_mentors::table
                    .filter(participant_mentors::user_id.eq(m))
                    .select(participant_mentors::participant_id),
            ),
        );
    }
    if let Some(name) = &f.name {
        let cleaned: String = name
            .to_lowercase()
            .chars()
            .filter(|c| !matches!(c, '%' | '_' | '\\'))
            .collect();
        q = q.filter(participants::search_name.like(format!("%{}%", cleaned.trim())));
    }
    q
}

/// A page of participants (by family name, given name) and the total matching.
pub fn list(conn: &mut DbConnection, f: &ListFilter) -> QueryResult<(Vec<ListRow>, i64)> {
    let total: i64 = filtered(f).count().get_result(conn)?;
    Ok((page(conn, f, None)?.0, total))
}

/// Like [`list`], with the total and the page's start from `memory` while
/// nothing the list filters on changed. The page's first statement reads the
/// version they are checked against, so a page whose total is remembered
/// costs two round trips to the database, and a page whose start (or one
/// near before it) is remembered reads no rows before it.
pub fn list_with(
    conn: &mut DbConnection,
    f: &ListFilter,
    memory: &ListMemory,
) -> QueryResult<(Vec<ListRow>, i64)> {
    let (rows, version) = page(conn, f, Some(memory))?;
    let count = |conn: &mut DbConnection| filtered(f).count().get_result(conn);
    let total = match version {
        Some(version) => memory.total_at(conn, f, version, count)?,
        // An empty page (past the end) carries no version: read it alone.
        None => memory.total(conn, f, count)?,
    };
    Ok((rows, total))
}

/// The type of [`list_version`]'s subquery.
type ListVersion = diesel::dsl::SingleValue<
    diesel::dsl::Select<
        diesel::dsl::Filter<
            list_versions::table,
            diesel::dsl::Eq<list_versions::name, &'static str>,
        >,
        list_versions::version,
    >,
>;

/// The version of the list's data, read in the page's first statement (an
/// uncorrelated subquery: evaluated once, in the statement's snapshot). Made
/// of query builder parts only, so the statement is prepared once per
/// connection and its plan kept.
fn list_version() -> ListVersion {
    list_versions::table
        .filter(list_versions::name.eq("participants"))
        .select(list_versions::version)
        .single_value()
}

/// The rows after `key` in the list's order. The first condition lets both
/// databases seek on the filter's index to the key's family name; the rest
/// skips the few rows of that name before the key.
fn after(key: SortKey) -> Box<dyn BoxableExpression<participants::table, Db, SqlType = Bool>> {
    use participants::{family_name, given_name, id};
    Box::new(
        family_name.ge(key.family_name.clone()).and(
            family_name
                .gt(key.family_name.clone())
                .or(family_name.eq(key.family_name).and(
                    given_name
                        .gt(key.given_name.clone())
                        .or(given_name.eq(key.given_name).and(id.gt(key.id))),
                )),
        ),
    )
}

/// One row of the page's first statement: id, sort key and the list's version.
type PageId = (i64, String, String, Option<i64>);

/// The page's ids with their sort keys and the list's version; from the
/// remembered start nearest before the page when `memory` has one that is
/// still valid, else by skipping `f.offset` rows. Remembers where the next
/// page starts. The version is `None` when the page is empty.
fn page_ids(
    conn: &mut DbConnection,
    f: &ListFilter,
    memory: Option<&ListMemory>,
) -> QueryResult<(Vec<PageId>, Option<i64>)> {
    let read = |conn: &mut DbConnection, start: Option<&Start>| -> QueryResult<Vec<PageId>> {
        let mut q = filtered(f);
        let mut skip = f.offset;
        if let Some(start) = start {
            q = q.filter(after(start.after.clone()));
            skip -= start.offset;
        }
        q.order(by_name())
            .limit(f.limit)
            .offset(skip)
            .select((
                participants::id,
                participants::family_name,
                participants::given_name,
                list_version(),
            ))
            .load(conn)
    };
    let start = memory.and_then(|m| m.start_before(f));
    let mut found = read(conn, start.as_ref())?;
    let mut version = found.first().and_then(|row| row.3);
    if let Some(start) = &start
        && version != Some(start.version)
    {
        // The list changed since the start was remembered (or the page is
        // empty, which is rare enough to read again the plain way).
        found = read(conn, None)?;
        version = found.first().and_then(|row| row.3);
    }
    if let (Some(memory), Some(version), Some(last)) = (memory, version, found.last()) {
        let after = SortKey {
            family_name: last.1.clone(),
            given_name: last.2.clone(),
            id: last.0,
        };
        memory.remember_start(f, version, f.offset + found.len() as i64, after);
    }
    Ok((found, version))
}

/// One row of the page's rows: a participant, its ladder and step names, and
/// one of its mentors if it has any.
type PageRow = (
    ListedParticipant,
    String,
    Option<String>,
    Option<i64>,
    Option<String>,
);

/// Pages of at most this many rows (the API's largest) find their rows by one
/// `id = ?` per row on SQLite (see [`page`]); longer ones (the demo's own
/// reads) by a list, as SQLite allows expressions only so deep.
const MOST_IDS_AS_TERMS: i64 = 200;

/// One page of the list in two statements: the page's ids are found on the
/// filter's index alone, with the list's version as of that statement (see
/// [`page_ids`]); then only their rows are read, with their ladder and step
/// names and one row per mentor. The version is `None` when the page is empty.
fn page(
    conn: &mut DbConnection,
    f: &ListFilter,
    memory: Option<&ListMemory>,
) -> QueryResult<(Vec<ListRow>, Option<i64>)> {
    let (found, version) = page_ids(conn, f, memory)?;
    if found.is_empty() {
        return Ok((vec![], version));
    }
    let ids: Vec<i64> = found.into_iter().map(|row| row.0).collect();
    let rows = participants::table
        .inner_join(ladders::table)
        .left_join(steps::table)
        // Joined one after the other, not nested: SQLite would build the
        // nested join of every mentor first.
        .left_join(participant_mentors::table)
        .left_join(users::table.on(users::id.eq(participant_mentors::user_id)))
        .into_boxed::<Db>();
    let rows = match (matches!(conn, DbConnection::Sqlite(_)), ids.split_first()) {
        // SQLite prepares a statement with a list of values (`IN (?, ?, …)`)
        // anew every time, planning its four joins again: as many `id = ?`
        // as the page has places, padded with its last id, give one text per
        // page size, prepared once per connection (SQLite looks each id up
        // by its row id). PostgreSQL binds the list as one array.
        (true, Some((first, rest))) if f.limit <= MOST_IDS_AS_TERMS => {
            let width = usize::try_from(f.limit).unwrap_or(0).max(ids.len());
            let last = *rest.last().unwrap_or(first);
            let padding = std::iter::repeat_n(last, width - ids.len());
            rest.iter()
                .copied()
                .chain(padding)
                .fold(rows.filter(participants::id.eq(*first)), |rows, id| {
                    rows.or_filter(participants::id.eq(id))
                })
        }
        _ => rows.filter(participants::id.eq_any(&ids)),
    };
    let found: Vec<PageRow> = rows
        .order((
            by_name(),
            users::display_name.nullable().asc(),
            users::id.nullable().asc(),
        ))
        .select((
            ListedParticipant::as_select(),
            ladders::name,
            steps::name.nullable(),
            users::id.nullable(),
            users::display_name.nullable(),
        ))
        .load(conn)?;
    let mut rows: Vec<ListRow> = Vec::with_capacity(ids.len());
    for (participant, ladder_name, step_name, mentor_id, mentor_name) in found {
        let mentor = mentor_id.zip(mentor_name);
        match rows.last_mut() {
            Some(last) if last.participant.id == participant.id => last.mentors.extend(mentor),
            _ => rows.push(ListRow {
                participant,
                ladder_name,
                step_name,
                mentors: mentor.into_iter().collect(),
            }),
        }
    }
    Ok((rows, version))
}

fn by_name() -> (
    diesel::helper_types::Asc<participants::family_name>,
    diesel::helper_types::Asc<participants::given_name>,
    diesel::helper_types::Asc<participants::id>,
) {
    (
        participants::family_name.asc(),
        participants::given_name.asc(),
        participants::id.asc(),
    )
}

pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
    participants::table.count().get_result(conn)
}
