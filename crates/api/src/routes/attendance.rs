//! The attendance register, a participant's attendance summary, and planned participation.

use super::participants::{record, record_listed, visible};
use crate::auth::Staff;
use crate::calendar::today;
use crate::db::write;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use actix_web::{HttpResponse, delete, get, post, put, web};
use chrono::{Datelike, Duration, NaiveDate};
use stige_domain::AuditAction;
use stige_domain::Capability;
use stige_domain::attendance::{self, AttendanceMark, Expectation, MarkError, PlannedWeekdays};
use stige_domain::{EnrolmentStatus, LadderId, ParticipantId, Role, StepId, ValidationErrors};
use stige_store::DbConnection;
use stige_store::attendance::{self as store, RegisterGroup};
use stige_store::participants::ParticipantRow;
use stige_store::within::Within;
use stige_wire::{
    AttendanceCorrection, AttendanceSummary, NewPlannedParticipation, PeriodRate,
    PlannedParticipation, Register, RegisterActivity, RegisterLine, RegisterQuery, RegisterUpdate,
    StepRef,
};

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
            stige_store::ladders::get(conn, stige_domain::LadderId(l.id))
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
            mark: l.mark.as_deref().and_then(AttendanceMark::parse),
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
) -> Result<std::collections::HashMap<i64, Vec<RegisterActivity>>, ApiError> {
    let marks = stige_store::activity_enrolments::marks_on(conn, ids, date)?;
    let mut running: std::collections::HashMap<i64, Vec<RegisterActivity>> = Default::default();
    // Only the enrolments running that day, already in name order.
    for e in stige_store::activity_enrolments::running_on(conn, ids, date)? {
        let mark = (marks.iter())
            .find(|(enrolment, _)| *enrolment == e.id)
            .and_then(|(_, m)| AttendanceMark::parse(m));
        running
            .entry(e.participant_id)
            .or_default()
            .push(RegisterActivity {
                enrolment_id: e.id,
                activity_id: stige_domain::ActivityId(e.activity_id),
                name: e.activity_name,
                mark,
            });
    }
    Ok(running)
}

/// A participant the staff member may mark: one they may see, or, for a mentor,
/// anyone active or paused on a ladder whose staff on duty mark the whole house.
pub(crate) fn markable(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
) -> Result<ParticipantRow, ApiError> {
    if let Some(row) = stige_store::participants::get(conn, Within::Installation, id)?
        && staff.reach.role_in(stige_domain::LadderId(row.ladder_id)) == Some(Role::Mentor)
        && [EnrolmentStatus::Active, EnrolmentStatus::Paused].contains(&row.status)
        && store::whole_house(conn, row.ladder_id)?
    {
        return Ok(row);
    }
    visible(conn, staff, id)
}

/// The register for a day and a group: every active or paused participant, whether
/// the house expects them that day (planned weekday, not paused, not at an
/// internship), and their mark. Mentors see their own participants, and everyone on
/// a ladder whose staff on duty mark the whole house. With `ladder_id`, that
/// programme's house only (404 for a programme the caller holds no role in).
#[utoipa::path(tag = "attendance", security(("staff" = [])), params(RegisterQuery), responses(
    (status = 200, body = Register),
    problem::Forbidden,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[get("/attendance")]
pub async fn register(
    state: web::Data<AppState>,
    staff: Staff,
    query: web::Query<RegisterQuery>,
) -> Result<HttpResponse, ApiError> {
    staff.require_that(Capability::WorkWithParticipants)?;
    let query = query.into_inner();
    let date = query.date.unwrap_or_else(today);
    if date > today() {
        let mut e = ValidationErrors::new();
        e.add("date", "must not be in the future");
        return Err(e.into());
    }
    let register = write(&state, move |conn| {
        let r = load_register(conn, &staff, date, query.step_id, query.ladder_id)?;
        let listed: Vec<ParticipantId> = r.lines.iter().map(|l| l.participant_id).collect();
        record_listed(
            conn,
            &staff,
            AuditAction::AttendanceRegisterRead,
            None,
            &listed,
            Some(match query.ladder_id {
                Some(l) => format!("date={date} ladder={l}"),
                None => format!("date={date}"),
            }),
        )?;
        Ok(r)
    })
    .await?;
    Ok(HttpResponse::Ok().json(register))
}

/// Save marks for one day. A participant who may not be seen answers 404; a future
/// day, a weekend or an exited participant answers 422; nothing is written then.
#[utoipa::path(tag = "attendance", security(("staff" = [])), request_body = RegisterUpdate, responses(
    (status = 200, body = Register),
    problem::NotFound,
    problem::ValidationFailed,
))]
#[put("/attendance")]
pub async fn save_register(
    state: web::Data<AppState>,
    staff: Staff,
    body: web::Json<RegisterUpdate>,
) -> Result<HttpResponse, ApiError> {
    staff.require_that(Capability::WorkWithParticipants)?;
    let body = body.into_inner();
    let today = today();
    let delivery = state.delivery;
    let saved = write(&state, move |conn| {
        let mut errors = ValidationErrors::new();
        let Some(date) = body.date else {
            errors.add("date", "is required");
            return Err(errors.into());
        };
        for (i, m) in body.marks.iter().enumerate() {
            let row = markable(conn, &staff, m.participant_id)?;
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
            let Some(row) = stige_store::activity_enrolments::by_id(conn, m.enrolment_id)? else {
                return Err(ApiError::NotFound);
            };
            markable(conn, &staff, ParticipantId(row.participant_id))?;
            if !stige_domain::activity::runs_on(date, row.starts_on, row.ended_on) {
                errors.add(&field, "is outside the enrolment in the activity");
            }
            activity_rows.push((row, m.mark));
        }
        if !errors.is_empty() {
            return Err(errors.into());
        }
        for (row, mark) in &activity_rows {
            super::participants::activities::mark_one(conn, &staff, row, date, *mark, "date")?;
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
                &staff,
                action,
                Some(m.participant_id),
                Some(format!("date={date} mark={}", m.mark.as_str())),
            )?;
        }
        // A second working day absent without notice: the follow-up service
        // is told, where the person's consent covers it.
        for m in &body.marks {
            if m.mark == AttendanceMark::AbsentWithoutNotice {
                crate::early_warning::tell_if_due(conn, &staff, m.participant_id, today, delivery)?;
            }
        }
        load_register(conn, &staff, date, body.step_id, body.ladder_id)
    })
    .await?;
    Ok(HttpResponse::Ok().json(saved))
}

/// Every day with a mark, oldest first, and the summary: all Stige holds of
/// the participant's attendance.
pub fn everything(
    conn: &mut DbConnection,
    id: ParticipantId,
) -> Result<stige_wire::ExportedAttendance, ApiError> {
    // Four-digit years: SQLite compares dates as text.
    let first = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN);
    let last = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MAX);
    let days = store::marks(conn, id, first, last)?
        .into_iter()
        .map(|(date, mark)| stige_wire::AttendanceDay { date, mark })
        .collect();
    Ok(stige_wire::ExportedAttendance {
        days,
        summary: summary(conn, id)?,
    })
}

fn summary(conn: &mut DbConnection, id: ParticipantId) -> Result<AttendanceSummary, ApiError> {
    let today = today();
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

/// A participant's attendance: rate per week (last 8 weeks) and month, planned
/// participation over time, and corrections.
#[utoipa::path(tag = "attendance", security(("staff" = [])), responses(
    (status = 200, body = AttendanceSummary),
    problem::NotFound,
))]
#[get("/participants/{id}/attendance")]
pub async fn participant_summary(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    staff.require_that(Capability::WorkWithParticipants)?;
    let id = ParticipantId(path.into_inner());
    let s = write(&state, move |conn| {
        visible(conn, &staff, id)?;
        record(conn, &staff, AuditAction::AttendanceRead, Some(id), None)?;
        summary(conn, id)
    })
    .await?;
    Ok(HttpResponse::Ok().json(s))
}

/// Record a change of planned participation (days of the week, or hours per week).
#[utoipa::path(tag = "attendance", security(("staff" = [])), request_body = NewPlannedParticipation, responses(
    (status = 201, body = AttendanceSummary),
    problem::NotFound,
    problem::ValidationFailed,
))]
#[post("/participants/{id}/planned-participation")]
pub async fn add_plan(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
    body: web::Json<NewPlannedParticipation>,
) -> Result<HttpResponse, ApiError> {
    staff.require_that(Capability::WorkWithParticipants)?;
    let id = ParticipantId(path.into_inner());
    let body = body.into_inner();
    let s = write(&state, move |conn| {
        visible(conn, &staff, id)?;
        let mut errors = ValidationErrors::new();
        let from = body.valid_from.unwrap_or_else(today);
        if from.year() < 2000 {
            errors.add("valid_from", "is not a plausible date");
        }
        let (weekdays, hours) =
            attendance::parse_plan(body.weekdays.as_deref(), body.hours_per_week, &mut errors);
        if !errors.is_empty() {
            return Err(errors.into());
        }
        store::add_plan(conn, id, from, weekdays, hours, staff.id)?;
        record(conn, &staff, AuditAction::AttendancePlan, Some(id), None)?;
        summary(conn, id)
    })
    .await?;
    Ok(HttpResponse::Created().json(s))
}

/// Remove a participant's mark for a day: the register's undo right after marking.
/// A participant who may not be seen, or a day without a mark, answers 404.
#[utoipa::path(tag = "attendance", security(("staff" = [])), params(
    ("id" = i64, Path, description = "The participant"),
    ("date" = String, Path, description = "The day, YYYY-MM-DD"),
), responses(
    (status = 204),
    problem::NotFound,
    problem::ValidationFailed,
))]
#[delete("/participants/{id}/attendance/{date}")]
pub async fn clear_mark(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i64, String)>,
) -> Result<HttpResponse, ApiError> {
    staff.require_that(Capability::WorkWithParticipants)?;
    let (id, date) = path.into_inner();
    let id = ParticipantId(id);
    let Ok(date) = date.parse::<NaiveDate>() else {
        let mut e = ValidationErrors::new();
        e.add("date", "is not a date (YYYY-MM-DD)");
        return Err(e.into());
    };
    write(&state, move |conn| {
        markable(conn, &staff, id)?;
        let removed = store::clear_mark(conn, id, date)?.ok_or(ApiError::NotFound)?;
        record(
            conn,
            &staff,
            AuditAction::AttendanceUnmark,
            Some(id),
            Some(format!("date={date} mark={removed}")),
        )
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
