//! The day's work log: everyone marked present that day (or with work
//! recorded) on one line, prefilled with their last recorded day; staff
//! record the tasks done, the hours and how independently, the whole day at
//! once.

use crate::auth::Staff;
use crate::error::ApiError;
use crate::use_cases::access::{record, record_listed};
use crate::use_cases::attendance::markable;
use crate::use_cases::workplaces::workplaces_of;
use chrono::{Duration, NaiveDate};
use stige_domain::attendance::AttendanceMark;
use stige_domain::work::{self, WorkDay};
use stige_domain::{
    AuditAction, Capability, EnrolmentStatus, LadderId, ParticipantId, StepId, ValidationErrors,
};
use stige_store::DbConnection;
use stige_store::attendance::{self as attendance_store, RegisterGroup};
use stige_store::peers;
use stige_store::work_log::{self as store, WorkDayRow};
use stige_wire::{StepRef, WorkDayEntry, WorkLog, WorkLogLine, WorkLogQuery, WorkLogUpdate};

/// The days as the API shows them, with their tasks.
pub fn entries(
    conn: &mut DbConnection,
    rows: Vec<WorkDayRow>,
) -> Result<Vec<(i64, WorkDayEntry)>, ApiError> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let tasks = store::tasks_of_days(conn, &ids)?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let entry = WorkDayEntry {
                date: r.day,
                hours: work::hours_of(u32::try_from(r.minutes).unwrap_or(0)),
                independence: r.independence,
                task_ids: (tasks.iter())
                    .filter(|(day, _)| *day == r.id)
                    .map(|(_, t)| *t)
                    .collect(),
                note: r.note,
                peer_support: r.peer_support,
                recorded_at: r.recorded_at,
            };
            (r.participant_id, entry)
        })
        .collect())
}

/// Whether a mark says the person was there (and may have worked).
fn came(mark: Option<AttendanceMark>) -> bool {
    matches!(
        mark,
        Some(AttendanceMark::Present | AttendanceMark::SentHome)
    )
}

/// The work log of `date` for the people `staff` reaches (in `ladder` when
/// given: 404 for a programme they hold no role in).
fn work_log_of(
    conn: &mut DbConnection,
    staff: &Staff,
    date: NaiveDate,
    ladder: Option<LadderId>,
) -> Result<WorkLog, ApiError> {
    if let Some(l) = ladder {
        staff.works_in(l.0)?;
    }
    let group = RegisterGroup {
        step: None,
        ladder: ladder.map(|l| l.0),
        reach: staff.people(),
    };
    let register = attendance_store::register(conn, date, group)?;
    let ids: Vec<i64> = register.iter().map(|l| l.participant_id).collect();
    let on_the_day = store::days_on(conn, &ids, date)?;
    let mut today_rows = entries(conn, on_the_day)?;
    let since = date - Duration::days(work::DAYS_BACK);
    let before = store::last_before(conn, &ids, date, since)?;
    let mut last_rows = entries(conn, before)?;
    let ladders_of = store::ladders_of(conn, &ids)?;
    let ladders: Vec<i64> = match ladder {
        Some(l) => vec![l.0],
        None => staff.reach.ladders(),
    };
    let steps = store::step_demands(conn, &ladders)?;
    let pairs = peers::peers_on(conn, &ids, date)?;
    let newcomers: Vec<i64> = pairs.iter().map(|p| p.newcomer_id).collect();
    let names = peers::names(conn, &newcomers)?;
    let mut lines = Vec::new();
    for l in register {
        let entry = (today_rows.iter())
            .position(|(p, _)| *p == l.participant_id)
            .map(|i| today_rows.swap_remove(i).1);
        if entry.is_none() && !came(l.mark) {
            continue;
        }
        let last = (last_rows.iter())
            .position(|(p, _)| *p == l.participant_id)
            .map(|i| last_rows.swap_remove(i).1);
        let Some(ladder_id) = (ladders_of.iter())
            .find(|(p, _)| *p == l.participant_id)
            .map(|(_, ladder)| LadderId(*ladder))
        else {
            continue;
        };
        lines.push(WorkLogLine {
            participant_id: ParticipantId(l.participant_id),
            given_name: l.given_name,
            family_name: l.family_name,
            ladder_id,
            step: l.step_id.map(|id| StepRef {
                id: StepId(id),
                name: (steps.iter())
                    .find(|s| s.id == id)
                    .map(|s| s.name.clone())
                    .unwrap_or_default(),
            }),
            attendance: l.mark,
            entry,
            last,
            peer_for: (pairs.iter())
                .filter(|p| p.peer_id == l.participant_id)
                .filter_map(|p| names.iter().find(|(id, ..)| *id == p.newcomer_id))
                .map(|(_, given, family)| format!("{given} {family}"))
                .collect(),
        });
    }
    let recorded = lines.iter().filter(|l| l.entry.is_some()).count();
    Ok(WorkLog {
        date,
        recorded: i64::try_from(recorded).unwrap_or(i64::MAX),
        lines,
        workplaces: workplaces_of(conn, &ladders)?,
    })
}

/// The work log of the day `query` names (absent: today; not ahead of it),
/// of one programme or everyone `staff` reaches, audited with everyone on it.
pub fn work_log(
    conn: &mut DbConnection,
    staff: &Staff,
    query: &WorkLogQuery,
    today: NaiveDate,
) -> Result<WorkLog, ApiError> {
    staff.require_that(Capability::WorkWithParticipants)?;
    let date = crate::use_cases::attendance::day_asked(query.date, today)?;
    let log = work_log_of(conn, staff, date, query.ladder_id)?;
    let listed: Vec<ParticipantId> = log.lines.iter().map(|l| l.participant_id).collect();
    record_listed(
        conn,
        staff,
        AuditAction::WorkLogRead,
        None,
        &listed,
        Some(format!("date={date}")),
    )?;
    Ok(log)
}

/// Records the day's work of several participants at once (each day replaced,
/// audited as work recorded or corrected); any bad entry is a 422 naming
/// `entries[i].field`, and nothing is written. Returns the day's work log.
pub fn record_work(
    conn: &mut DbConnection,
    staff: &Staff,
    body: &WorkLogUpdate,
    today: NaiveDate,
) -> Result<WorkLog, ApiError> {
    staff.require_that(Capability::WorkWithParticipants)?;
    let mut errors = ValidationErrors::new();
    let Some(date) = body.date else {
        errors.add("date", "is required");
        return Err(errors.into());
    };
    if let Err(e) = work::check_date(date, today) {
        errors.add("date", e);
        return Err(errors.into());
    }
    let mut days: Vec<(ParticipantId, WorkDay)> = Vec::new();
    let mut seen: Vec<ParticipantId> = Vec::new();
    let mut tasks_of: Vec<(i64, Vec<i64>)> = Vec::new();
    for (i, e) in body.entries.iter().enumerate() {
        let prefix = format!("entries[{i}].");
        let Some(id) = e.participant_id else {
            errors.add(&format!("{prefix}participant_id"), "is required");
            continue;
        };
        let row = markable(conn, staff, id)?;
        if row.status == EnrolmentStatus::Exited && row.status_since <= date {
            errors.add(
                &format!("{prefix}participant_id"),
                "the participant has exited the programme",
            );
        }
        if seen.contains(&id) {
            errors.add(&format!("{prefix}participant_id"), "is given twice");
        }
        seen.push(id);
        // Each programme's tasks are read once, not once per line.
        if !tasks_of.iter().any(|(l, _)| *l == row.ladder_id) {
            let own = store::task_ids_of_ladder(conn, row.ladder_id)?;
            tasks_of.push((row.ladder_id, own));
        }
        let own = (tasks_of.iter())
            .find(|(l, _)| *l == row.ladder_id)
            .map(|(_, t)| t.as_slice())
            .unwrap_or_default();
        if e.task_ids.iter().any(|t| !own.contains(t)) {
            errors.add(
                &format!("{prefix}task_ids"),
                "is not a task of the participant's programme",
            );
        }
        if e.peer_support && peers::peers_on(conn, &[id.0], date)?.is_empty() {
            errors.add(
                &format!("{prefix}peer_support"),
                "is not someone's peer on that day",
            );
        }
        match work::parse_day(
            &prefix,
            e.hours,
            e.independence,
            &e.task_ids,
            e.note.as_deref(),
        ) {
            Ok(day) => days.push((
                id,
                WorkDay {
                    peer_support: e.peer_support,
                    ..day
                },
            )),
            Err(e) => errors.0.extend(e.0),
        }
    }
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let now = chrono::Utc::now().naive_utc();
    for (id, day) in &days {
        let replaced = store::record_day(conn, *id, date, day, staff.id, now)?;
        record(
            conn,
            staff,
            if replaced {
                AuditAction::WorkCorrect
            } else {
                AuditAction::WorkRecord
            },
            Some(*id),
            Some(format!(
                "date={date} minutes={} independence={}",
                day.minutes,
                day.independence.as_str()
            )),
        )?;
    }
    work_log_of(conn, staff, date, body.ladder_id)
}
