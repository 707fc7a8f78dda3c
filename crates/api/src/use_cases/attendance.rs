//! The attendance register: who the house expects on a day and their marks
//! (and their activities'), a participant's attendance summary, and their
//! planned participation.

use crate::auth::Staff;
use crate::error::ApiError;
use crate::mail::Delivery;
use crate::use_cases::access::{record, record_listed, visible};
use crate::use_cases::activities::mark_one;
use chrono::{Datelike, Duration, NaiveDate};
use std::collections::HashMap;
use stige_domain::attendance::{self, AttendanceMark, Expectation, MarkError, PlannedWeekdays};
use stige_domain::{
    ActivityId, AuditAction, Capability, EnrolmentStatus, LadderId, ParticipantId, Role, StepId,
    ValidationErrors,
};
use stige_store::DbConnection;
use stige_store::activity_enrolments;
use stige_store::attendance::{self as store, RegisterGroup};
use stige_store::participants::ParticipantRow;
use stige_store::within::Within;
use stige_wire::{
    AttendanceCorrection, AttendanceDay, AttendanceSummary, ExportedAttendance,
    NewPlannedParticipation, PeriodRate, PlannedParticipation, Register, RegisterActivity,
    RegisterLine, RegisterQuery, RegisterUpdate, StepRef,
};

/// The register of `date` for the people `staff` reaches (on `step`, in
/// `ladder` when given: 404 for a programme they hold no role in).
fn load_register(
    conn: &mut DbConnection,
    staff: &Staff,
    date: NaiveDate,
    step: Option<StepId>,
    ladder: Option<LadderId>,
) -> Result<Register, ApiError> {
    // A programme they hold no role in is not there for them.
    if let Some(l) = ladder {
        staff.works_in(l.0)?;
    }
    let group = RegisterGroup {
        step: step.map(|s| s.0),
        ladder: ladder.map(|l| l.0),
        reach: staff.people(),
    };
    let lines = store::register(conn, date, group)?;
    let step_names: Vec<(i64, String)> = stige_store::ladders::list(conn, &staff.reach.ladders())?
        .into_iter()
        .filter_map(|(l, _)| {
            stige_store::ladders::get(conn, LadderId(l.id))
                .ok()
                .flatten()
        })
        .flat_map(|l| l.steps.into_iter().map(|(s, _)| (s.id, s.name)))
        .collect();
    let ids: Vec<i64> = lines.iter().map(|l| l.participant_id).collect();
    let mut running = running_activities(conn, &ids, date)?;
    let lines: Vec<RegisterLine> = lines
        .into_iter()
        .map(|l| RegisterLine {
            activities: running.remove(&l.participant_id).unwrap_or_default(),
            participant_id: ParticipantId(l.participant_id),
            given_name: l.given_name,
            family_name: l.family_name,
            step: l.step_id.map(|id| StepRef {
                id: StepId(id),
                name: step_names
                    .iter()
                    .find(|(s, _)| *s == id)
                    .map(|(_, n)| n.clone())
                    .unwrap_or_default(),
            }),
            expected: attendance::expectation(date, l.paused, l.day.plan, l.day.at_internship),
            mark: l.mark,
        })
        .collect();
    let expected = lines.iter().filter(|l| l.expected == Expectation::Expected);
    let count = |n: usize| i64::try_from(n).unwrap_or(0);
    Ok(Register {
        date,
        expected: count(expected.clone().count()),
        unmarked: count(expected.filter(|l| l.mark.is_none()).count()),
        lines,
    })
}

/// The activities each of `ids` is enrolled in on `date`, with that day's mark.
fn running_activities(
    conn: &mut DbConnection,
    ids: &[i64],
    date: NaiveDate,
) -> Result<HashMap<i64, Vec<RegisterActivity>>, ApiError> {
    let marks = activity_enrolments::marks_on(conn, ids, date)?;
    let mut running: HashMap<i64, Vec<RegisterActivity>> = Default::default();
    // Only the enrolments running that day, already in name order.
    for e in activity_enrolments::running_on(conn, ids, date)? {
        let mark = (marks.iter())
            .find(|(enrolment, _)| *enrolment == e.id)
            .and_then(|(_, m)| AttendanceMark::parse(m));
        running
            .entry(e.participant_id)
            .or_default()
            .push(RegisterActivity {
                enrolment_id: e.id,
                activity_id: ActivityId(e.activity_id),
                name: e.activity_name,
                mark,
            });
    }
    Ok(running)
}

/// A participant the staff member may mark: one they may see, or, for a mentor,
/// anyone active or paused on a ladder whose staff on duty mark the whole house.
pub fn markable(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
) -> Result<ParticipantRow, ApiError> {
    if let Some(row) = stige_store::participants::get(conn, Within::Installation, id)?
        && staff.reach.role_in(LadderId(row.ladder_id)) == Some(Role::Mentor)
        && [EnrolmentStatus::Active, EnrolmentStatus::Paused].contains(&row.status)
        && store::whole_house(conn, row.ladder_id)?
    {
        return Ok(row);
    }
    visible(conn, staff, id)
}

/// The day a register or a work log is asked for: `date`, or today when
/// absent; 422 for a day ahead of today.
pub fn day_asked(date: Option<NaiveDate>, today: NaiveDate) -> Result<NaiveDate, ApiError> {
    let date = date.unwrap_or(today);
    if date > today {
        let mut e = ValidationErrors::new();
        e.add("date", "must not be in the future");
        return Err(e.into());
    }
    Ok(date)
}

/// The register for the day `query` names (absent: today; not ahead of it)
/// and its group (a step, a programme), audited with everyone on it.
pub fn register(
    conn: &mut DbConnection,
    staff: &Staff,
    query: &RegisterQuery,
    today: NaiveDate,
) -> Result<Register, ApiError> {
    staff.require_that(Capability::WorkWithParticipants)?;
    let date = day_asked(query.date, today)?;
    let r = load_register(conn, staff, date, query.step_id, query.ladder_id)?;
    let listed: Vec<ParticipantId> = r.lines.iter().map(|l| l.participant_id).collect();
    record_listed(
        conn,
        staff,
        AuditAction::AttendanceRegisterRead,
        None,
        &listed,
        Some(match query.ladder_id {
            Some(l) => format!("date={date} ladder={l}"),
            None => format!("date={date}"),
        }),
    )?;
    Ok(r)
}

/// Saves a day's marks in the register, the house's and the activities'
/// (each a mark or a correction in the audit), and tells the follow-up
/// service of a second working day absent without notice where the person's
/// consent covers it. Nothing is written when one mark is refused. Returns
/// the day's register.
pub fn save_register(
    conn: &mut DbConnection,
    staff: &Staff,
    body: &RegisterUpdate,
    today: NaiveDate,
    delivery: Delivery,
) -> Result<Register, ApiError> {
    staff.require_that(Capability::WorkWithParticipants)?;
    let mut errors = ValidationErrors::new();
    let Some(date) = body.date else {
        errors.add("date", "is required");
        return Err(errors.into());
    };
    for (i, m) in body.marks.iter().enumerate() {
        let row = markable(conn, staff, m.participant_id)?;
        let exited = row.status == EnrolmentStatus::Exited && row.status_since <= date;
        match attendance::check_mark(date, today, exited) {
            Ok(()) => {}
            Err(e @ (MarkError::FutureDay | MarkError::NotAWorkingDay)) => {
                if errors.is_empty() {
                    errors.add("date", e.to_string());
                }
            }
            Err(e @ MarkError::Exited) => {
                errors.add(&format!("marks[{i}].participant_id"), e.to_string())
            }
        }
    }
    let mut activity_rows = vec![];
    for (i, m) in body.activity_marks.iter().enumerate() {
        let field = format!("activity_marks[{i}].enrolment_id");
        let Some(row) = activity_enrolments::by_id(conn, m.enrolment_id)? else {
            return Err(ApiError::NotFound);
        };
        markable(conn, staff, ParticipantId(row.participant_id))?;
        if !stige_domain::activity::runs_on(date, row.starts_on, row.ended_on) {
            errors.add(&field, "is outside the enrolment in the activity");
        }
        activity_rows.push((row, m.mark));
    }
    if !errors.is_empty() {
        return Err(errors.into());
    }
    for (row, mark) in &activity_rows {
        mark_one(conn, staff, row, date, *mark, "date", today)?;
    }
    for m in &body.marks {
        let earlier = store::set_mark(conn, m.participant_id, date, m.mark, staff.id)?;
        let action = if earlier.is_some() {
            AuditAction::AttendanceCorrect
        } else {
            AuditAction::AttendanceMark
        };
        record(
            conn,
            staff,
            action,
            Some(m.participant_id),
            Some(format!("date={date} mark={}", m.mark.as_str())),
        )?;
    }
    // A second working day absent without notice: the follow-up service
    // is told, where the person's consent covers it.
    for m in &body.marks {
        if m.mark == AttendanceMark::AbsentWithoutNotice {
            crate::early_warning::tell_if_due(conn, staff, m.participant_id, today, delivery)?;
        }
    }
    load_register(conn, staff, date, body.step_id, body.ladder_id)
}

/// Every day with a mark, oldest first, and the summary: all Stige holds of
/// the participant's attendance.
pub fn everything(
    conn: &mut DbConnection,
    id: ParticipantId,
    today: NaiveDate,
) -> Result<ExportedAttendance, ApiError> {
    // Four-digit years: SQLite compares dates as text.
    let first = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN);
    let last = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MAX);
    let days = store::marks(conn, id, first, last)?
        .into_iter()
        .map(|(date, mark)| AttendanceDay { date, mark })
        .collect();
    Ok(ExportedAttendance {
        days,
        summary: summary(conn, id, today)?,
    })
}

fn summary(
    conn: &mut DbConnection,
    id: ParticipantId,
    today: NaiveDate,
) -> Result<AttendanceSummary, ApiError> {
    let marks = store::marks(conn, id, today - Duration::days(366), today)?;
    let weekly = attendance::weekly_trend(&marks, today, 8)
        .into_iter()
        .map(|(start, rate)| PeriodRate { start, rate })
        .collect();
    let monthly = attendance::monthly_rates(&marks)
        .into_iter()
        .filter_map(|((y, m), rate)| {
            NaiveDate::from_ymd_opt(y, m, 1).map(|start| PeriodRate { start, rate })
        })
        .collect();
    let plans = store::plans(conn, id)?
        .into_iter()
        .map(|p| PlannedParticipation {
            valid_from: p.valid_from,
            weekdays: p
                .weekdays()
                .map(PlannedWeekdays::iso_days)
                .unwrap_or_default(),
            hours_per_week: p.hours_per_week.map(i64::from),
        })
        .collect();
    let corrections = store::corrections(conn, id)?
        .into_iter()
        .map(|c| AttendanceCorrection {
            date: c.date,
            previous_mark: c.previous_mark,
            new_mark: c.new_mark,
            corrected_at: c.corrected_at,
        })
        .collect();
    Ok(AttendanceSummary {
        weekly,
        monthly,
        consecutive_unnotified_absences: i64::from(attendance::consecutive_unnotified_absences(
            &marks,
        )),
        plans,
        corrections,
    })
}

/// Participant `id`'s attendance (rate per week and month, planned
/// participation over time, corrections), audited as read.
pub fn attendance_summary(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
    today: NaiveDate,
) -> Result<AttendanceSummary, ApiError> {
    staff.require_that(Capability::WorkWithParticipants)?;
    visible(conn, staff, id)?;
    record(conn, staff, AuditAction::AttendanceRead, Some(id), None)?;
    summary(conn, id, today)
}

/// Records a change of participant `id`'s planned participation (days of the
/// week, or hours per week) from a day (absent: today); returns their
/// attendance summary.
pub fn plan_participation(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
    body: &NewPlannedParticipation,
    today: NaiveDate,
) -> Result<AttendanceSummary, ApiError> {
    staff.require_that(Capability::WorkWithParticipants)?;
    visible(conn, staff, id)?;
    let mut errors = ValidationErrors::new();
    let from = body.valid_from.unwrap_or(today);
    if from.year() < 2000 {
        errors.add("valid_from", "is not a plausible date");
    }
    let (weekdays, hours) =
        attendance::parse_plan(body.weekdays.as_deref(), body.hours_per_week, &mut errors);
    if !errors.is_empty() {
        return Err(errors.into());
    }
    store::add_plan(conn, id, from, weekdays, hours, staff.id)?;
    record(conn, staff, AuditAction::AttendancePlan, Some(id), None)?;
    summary(conn, id, today)
}

/// Removes participant `id`'s mark for the day `date` (`YYYY-MM-DD`): the
/// register's undo right after marking. 404 for a participant the staff
/// member may not mark or a day without a mark.
pub fn clear_mark(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
    date: &str,
) -> Result<(), ApiError> {
    staff.require_that(Capability::WorkWithParticipants)?;
    let Ok(date) = date.parse::<NaiveDate>() else {
        let mut e = ValidationErrors::new();
        e.add("date", "is not a date (YYYY-MM-DD)");
        return Err(e.into());
    };
    markable(conn, staff, id)?;
    let removed = store::clear_mark(conn, id, date)?.ok_or(ApiError::NotFound)?;
    record(
        conn,
        staff,
        AuditAction::AttendanceUnmark,
        Some(id),
        Some(format!("date={date} mark={removed}")),
    )
}
