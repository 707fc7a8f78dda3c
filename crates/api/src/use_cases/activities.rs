//! A participant's enrolments in the ladder's parallel activities (ALUP, a
//! course, a placement recorded as an activity): enrolling them, ending an
//! enrolment, and the days' attendance in it.

use crate::auth::Staff;
use crate::error::ApiError;
use crate::use_cases::access::{followed, record, visible};
use chrono::NaiveDate;
use stige_domain::activity::{self, ActivityMarkError, EnrolmentKind};
use stige_domain::attendance::AttendanceMark;
use stige_domain::{ActivityId, AuditAction, EnrolmentStatus, ParticipantId, ValidationErrors};
use stige_store::DbConnection;
use stige_store::activity_enrolments::{self as store, EnrolmentRow, NewEnrolment};
use stige_wire::{
    ActivityDay, ActivityEnrolment, ActivityMarkInput, EnrolmentEndInput, EnrolmentInput,
};

/// Why an enrolment could not be ended again.
pub const ENDED: &str = "The enrolment in the activity has already ended";

/// The enrolments of the participants `ids` as the API shows them, with their
/// marked days; `today` tells which are running.
pub fn enrolments_of(
    conn: &mut DbConnection,
    ids: &[i64],
    today: NaiveDate,
) -> Result<Vec<(i64, ActivityEnrolment)>, ApiError> {
    let marks = store::marks_of(conn, ids)?;
    Ok(store::of_participants(conn, ids)?
        .into_iter()
        .map(|e| {
            let days: Vec<ActivityDay> = (marks.iter())
                .filter(|(enrolment, _, _)| *enrolment == e.id)
                .filter_map(|(_, date, mark)| {
                    Some(ActivityDay {
                        date: *date,
                        mark: AttendanceMark::parse(mark)?,
                    })
                })
                .collect();
            (e.participant_id, view(e, days, today))
        })
        .collect())
}

fn view(e: EnrolmentRow, days: Vec<ActivityDay>, today: NaiveDate) -> ActivityEnrolment {
    let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    ActivityEnrolment {
        id: e.id,
        activity_id: ActivityId(e.activity_id),
        activity_name: e.activity_name,
        kind: e.kind,
        placement_id: e.placement_id,
        running: activity::runs_on(today, e.starts_on, e.ended_on),
        starts_on: e.starts_on,
        planned_end_on: e.planned_end_on,
        ending: e.ending,
        ended_on: e.ended_on,
        reason: e.ending_reason,
        result: e.result,
        days_present: count(
            days.iter()
                .filter(|d| d.mark == AttendanceMark::Present)
                .count(),
        ),
        days_marked: count(days.len()),
        days,
        updated_at: e.updated_at,
    }
}

/// One enrolment of the person, as the API shows it (404 when it is not theirs).
fn one(
    conn: &mut DbConnection,
    id: ParticipantId,
    enrolment: i64,
    today: NaiveDate,
) -> Result<ActivityEnrolment, ApiError> {
    enrolments_of(conn, &[id.0], today)?
        .into_iter()
        .map(|(_, e)| e)
        .find(|e| e.id == enrolment)
        .ok_or(ApiError::NotFound)
}

/// Participant `id`'s enrolments in the ladder's parallel activities, each
/// with its marked days, if `staff` may see them (404 otherwise).
pub fn enrolments(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
    today: NaiveDate,
) -> Result<Vec<ActivityEnrolment>, ApiError> {
    visible(conn, staff, id)?;
    Ok(enrolments_of(conn, &[id.0], today)?
        .into_iter()
        .map(|(_, e)| e)
        .collect())
}

/// Enrols participant `id` in one of their ladder's activities from a day (at
/// most a year ahead) with an optional planned end; refused (422) while an
/// enrolment in the same activity runs, and for a participant who has exited.
/// Returns the new enrolment.
pub fn enrol(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
    body: &EnrolmentInput,
    today: NaiveDate,
) -> Result<ActivityEnrolment, ApiError> {
    let row = followed(conn, staff, id)?;
    let mut errors = ValidationErrors::new();
    let activity = match body.activity_id {
        None => {
            errors.add("activity_id", "is required");
            None
        }
        Some(a) => {
            let found =
                stige_store::ladders::activity(conn, a.0)?.filter(|a| a.ladder_id == row.ladder_id);
            if found.is_none() {
                errors.add(
                    "activity_id",
                    "is not an activity of the participant's ladder",
                );
            } else if store::is_running(conn, id, a.0)? {
                errors.add("activity_id", "is already running for the participant");
            }
            found
        }
    };
    if row.status == EnrolmentStatus::Exited {
        errors.add(
            "participant",
            "a participant who is exited cannot be enrolled",
        );
    }
    let period = activity::parse_period(body.starts_on, body.planned_end_on, today);
    let period = match period {
        Ok(p) if errors.is_empty() => p,
        Ok(_) => return Err(errors.into()),
        Err(mut more) => {
            errors.0.append(&mut more.0);
            return Err(errors.into());
        }
    };
    let Some(activity) = activity else {
        return Err(errors.into());
    };
    let new = NewEnrolment {
        participant: id,
        activity: activity.id,
        kind: EnrolmentKind::Course,
        placement: None,
        period,
    };
    let enrolment = store::enrol(conn, &new, staff.id, stige_store::now())?;
    let detail = format!("enrolment={enrolment} activity={}", activity.id);
    record(
        conn,
        staff,
        AuditAction::ActivityEnrol,
        Some(id),
        Some(detail),
    )?;
    one(conn, id, enrolment, today)
}

/// Ends participant `id`'s enrolment `enrolment`: completed, or interrupted
/// with a reason, on a day from its start to today, with its result in words
/// (409 when it has already ended). Returns the enrolment.
pub fn end_enrolment(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
    enrolment: i64,
    body: &EnrolmentEndInput,
    today: NaiveDate,
) -> Result<ActivityEnrolment, ApiError> {
    followed(conn, staff, id)?;
    let row = store::get(conn, id, enrolment)?.ok_or(ApiError::NotFound)?;
    if row.ended_on.is_some() {
        return Err(ApiError::Conflict(ENDED.into()));
    }
    let ended = activity::parse_ending(
        body.ending,
        body.ended_on,
        body.reason.as_deref(),
        body.result.as_deref(),
        row.starts_on,
        today,
    )?;
    store::end(conn, row.id, &ended, staff.id, stige_store::now())?;
    let detail = format!("enrolment={enrolment} ending={}", ended.ending.as_str());
    record(
        conn,
        staff,
        AuditAction::ActivityEnd,
        Some(id),
        Some(detail),
    )?;
    one(conn, id, enrolment, today)
}

/// Marks one day's attendance (absent date: today) in participant `id`'s
/// enrolment `enrolment`; a different mark replaces the earlier one. Returns
/// the enrolment.
pub fn mark_attendance(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
    enrolment: i64,
    body: &ActivityMarkInput,
    today: NaiveDate,
) -> Result<ActivityEnrolment, ApiError> {
    followed(conn, staff, id)?;
    let row = store::get(conn, id, enrolment)?.ok_or(ApiError::NotFound)?;
    let day = body.date.unwrap_or(today);
    mark_one(conn, staff, &row, day, body.mark, "date", today)?;
    one(conn, id, enrolment, today)
}

/// Checks and records one mark in an activity, naming `field` in an error;
/// audited as a mark or a correction.
pub fn mark_one(
    conn: &mut DbConnection,
    staff: &Staff,
    row: &EnrolmentRow,
    day: NaiveDate,
    mark: AttendanceMark,
    field: &str,
    today: NaiveDate,
) -> Result<(), ApiError> {
    check(row, day, field, today)?;
    let earlier = store::set_mark(conn, row, day, mark.as_str(), staff.id, stige_store::now())?;
    let action = if earlier.is_some() {
        AuditAction::ActivityCorrect
    } else {
        AuditAction::ActivityMark
    };
    let detail = format!("enrolment={} date={day} mark={}", row.id, mark.as_str());
    record(
        conn,
        staff,
        action,
        Some(ParticipantId(row.participant_id)),
        Some(detail),
    )
}

/// Whether a mark may be recorded on `day`; the error names `field`.
fn check(
    row: &EnrolmentRow,
    day: NaiveDate,
    field: &str,
    today: NaiveDate,
) -> Result<(), ApiError> {
    match activity::check_mark(day, today, row.starts_on, row.ended_on) {
        Ok(()) => Ok(()),
        Err(e @ (ActivityMarkError::FutureDay | ActivityMarkError::OutsideEnrolment)) => {
            let mut errors = ValidationErrors::new();
            errors.add(field, e.to_string());
            Err(errors.into())
        }
    }
}
