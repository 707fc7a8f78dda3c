//! A person's enrolments in the ladder's parallel activities:
//! `GET`/`POST /participants/{id}/activities`,
//! `PUT /participants/{id}/activities/{enrolment}/ending` and
//! `PUT /participants/{id}/activities/{enrolment}/attendance`.

use crate::auth::{Reader, Staff};
use crate::calendar::today;
use crate::db::write;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::staff_reads::read_audited;
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, put, web};
use stige_domain::AuditAction;
use stige_domain::activity::{self, ActivityMarkError, EnrolmentKind};
use stige_domain::attendance::AttendanceMark;
use stige_domain::{ActivityId, ParticipantId, ValidationErrors};
use stige_store::DbConnection;
use stige_store::activity_enrolments::{self as store, EnrolmentRow, NewEnrolment};
use stige_wire::{
    ActivityDay, ActivityEnrolment, ActivityMarkInput, EnrolmentEndInput, EnrolmentInput,
};

/// Why an enrolment could not be ended again.
pub const ENDED: &str = "The enrolment in the activity has already ended";

/// The enrolments of `ids` as the API shows them, with their marks.
pub fn enrolments_of(
    conn: &mut DbConnection,
    ids: &[i64],
) -> Result<Vec<(i64, ActivityEnrolment)>, ApiError> {
    let marks = store::marks_of(conn, ids)?;
    let today = today();
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

fn view(e: EnrolmentRow, days: Vec<ActivityDay>, today: chrono::NaiveDate) -> ActivityEnrolment {
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
) -> Result<ActivityEnrolment, ApiError> {
    enrolments_of(conn, &[id.0])?
        .into_iter()
        .map(|(_, e)| e)
        .find(|e| e.id == enrolment)
        .ok_or(ApiError::NotFound)
}

/// The person's enrolments in the ladder's parallel activities (ALUP, a
/// course, a placement recorded as an activity), newest start first, each with
/// its marked days. Staff who may see the person; 404 for everyone else.
#[utoipa::path(tag = "activities", security(("staff" = [])), responses(
    (status = 200, body = Vec<ActivityEnrolment>),
    problem::NotFound,
))]
#[get("/participants/{id}/activities")]
pub async fn list(
    state: web::Data<AppState>,
    reader: Reader,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = ParticipantId(path.into_inner());
    let Reader::Staff(token) = reader else {
        return Err(ApiError::NotFound);
    };
    let enrolments = read_audited(
        &state,
        token,
        move |conn, staff| {
            super::visible(conn, staff, id)?;
            Ok(enrolments_of(conn, &[id.0])?
                .into_iter()
                .map(|(_, e)| e)
                .collect::<Vec<_>>())
        },
        move |staff, _| super::read_event(staff, AuditAction::ActivityRead, Some(id), None),
    )
    .await?;
    Ok(HttpResponse::Ok().json(enrolments))
}

/// Enrols the person in one of their ladder's activities from a day (at most
/// a year ahead) with an optional planned end. Refused (422) while an
/// enrolment in the same activity runs, and for a person who has exited.
/// Admin, coordinator, the person's mentor.
#[utoipa::path(tag = "activities", security(("staff" = [])), request_body = EnrolmentInput, responses(
    (status = 201, body = ActivityEnrolment),
    problem::BadRequest,
    problem::Forbidden,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[post("/participants/{id}/activities")]
pub async fn enrol(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
    body: web::Json<EnrolmentInput>,
) -> Result<HttpResponse, ApiError> {
    let id = ParticipantId(path.into_inner());
    let body = body.into_inner();
    let enrolment = write(&state, move |conn| {
        let row = super::followed(conn, &staff, id)?;
        let mut errors = ValidationErrors::new();
        let activity = match body.activity_id {
            None => {
                errors.add("activity_id", "is required");
                None
            }
            Some(a) => {
                let found = stige_store::ladders::activity(conn, a.0)?
                    .filter(|a| a.ladder_id == row.ladder_id);
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
        if row.status == stige_domain::EnrolmentStatus::Exited {
            errors.add(
                "participant",
                "a participant who is exited cannot be enrolled",
            );
        }
        let period = activity::parse_period(body.starts_on, body.planned_end_on, today());
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
        super::record(
            conn,
            &staff,
            AuditAction::ActivityEnrol,
            Some(id),
            Some(detail),
        )?;
        one(conn, id, enrolment)
    })
    .await?;
    Ok(HttpResponse::Created().json(enrolment))
}

/// Ends an enrolment: completed, or interrupted with a reason, on a day from
/// its start to today (absent: today), with its result in words ("direction:
/// warehouse work"). 409 when it has already ended. Admin, coordinator, the
/// person's mentor.
#[utoipa::path(tag = "activities", security(("staff" = [])), request_body = EnrolmentEndInput, responses(
    (status = 200, body = ActivityEnrolment),
    problem::BadRequest,
    problem::Forbidden,
    problem::NotFound,
    problem::Conflict,
    problem::ValidationFailed,
))]
#[put("/participants/{id}/activities/{enrolment}/ending")]
pub async fn end(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i64, i64)>,
    body: web::Json<EnrolmentEndInput>,
) -> Result<HttpResponse, ApiError> {
    let (id, enrolment) = path.into_inner();
    let id = ParticipantId(id);
    let body = body.into_inner();
    let ended = write(&state, move |conn| {
        super::followed(conn, &staff, id)?;
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
            today(),
        )?;
        store::end(conn, row.id, &ended, staff.id, stige_store::now())?;
        let detail = format!("enrolment={enrolment} ending={}", ended.ending.as_str());
        super::record(
            conn,
            &staff,
            AuditAction::ActivityEnd,
            Some(id),
            Some(detail),
        )?;
        one(conn, id, enrolment)
    })
    .await?;
    Ok(HttpResponse::Ok().json(ended))
}

/// Marks one day's attendance in an activity (absent date: today), within the
/// enrolment and not ahead of today; a different mark replaces the earlier
/// one. Admin, coordinator, the person's mentor.
#[utoipa::path(tag = "activities", security(("staff" = [])), request_body = ActivityMarkInput, responses(
    (status = 200, body = ActivityEnrolment),
    problem::BadRequest,
    problem::Forbidden,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[put("/participants/{id}/activities/{enrolment}/attendance")]
pub async fn mark_attendance(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i64, i64)>,
    body: web::Json<ActivityMarkInput>,
) -> Result<HttpResponse, ApiError> {
    let (id, enrolment) = path.into_inner();
    let id = ParticipantId(id);
    let body = body.into_inner();
    let marked = write(&state, move |conn| {
        super::followed(conn, &staff, id)?;
        let row = store::get(conn, id, enrolment)?.ok_or(ApiError::NotFound)?;
        let day = body.date.unwrap_or_else(today);
        mark_one(conn, &staff, &row, day, body.mark, "date")?;
        one(conn, id, enrolment)
    })
    .await?;
    Ok(HttpResponse::Ok().json(marked))
}

/// Checks and records one mark in an activity, naming `field` in an error;
/// audited as a mark or a correction.
pub fn mark_one(
    conn: &mut DbConnection,
    staff: &Staff,
    row: &EnrolmentRow,
    day: chrono::NaiveDate,
    mark: AttendanceMark,
    field: &str,
) -> Result<(), ApiError> {
    check(row, day, field)?;
    let earlier = store::set_mark(conn, row, day, mark.as_str(), staff.id, stige_store::now())?;
    let action = if earlier.is_some() {
        AuditAction::ActivityCorrect
    } else {
        AuditAction::ActivityMark
    };
    let detail = format!("enrolment={} date={day} mark={}", row.id, mark.as_str());
    super::record(
        conn,
        staff,
        action,
        Some(ParticipantId(row.participant_id)),
        Some(detail),
    )
}

/// Whether a mark may be recorded on `day`; the error names `field`.
pub fn check(row: &EnrolmentRow, day: chrono::NaiveDate, field: &str) -> Result<(), ApiError> {
    match activity::check_mark(day, today(), row.starts_on, row.ended_on) {
        Ok(()) => Ok(()),
        Err(e @ (ActivityMarkError::FutureDay | ActivityMarkError::OutsideEnrolment)) => {
            let mut errors = ValidationErrors::new();
            errors.add(field, e.to_string());
            Err(errors.into())
        }
    }
}
