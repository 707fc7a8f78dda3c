//! `POST /participants/{id}/status`: enrolment status changes.

use crate::auth::Staff;
use crate::calendar::today;
use crate::db::write;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use actix_web::{HttpResponse, post, web};
use stige_domain::AuditAction;
use stige_domain::Capability;
use stige_domain::enrolment::{self, EnrolmentCommand};
use stige_domain::{EnrolmentStatus, ParticipantId, ValidationErrors};
use stige_store::participants::{self, NewStatusChange};
use stige_wire::{ParticipantDetail, StatusChangeRequest};

/// Change the enrolment status: start assessment, activate, pause (reason, planned
/// return), resume, exit (outcome; "other" needs a text), reactivate (reason).
/// A change the programme does not allow answers 409.
#[utoipa::path(tag = "participants", security(("staff" = [])), request_body = StatusChangeRequest, responses(
    (status = 200, body = ParticipantDetail),
    problem::NotFound,
    problem::Conflict,
    problem::ValidationFailed,
))]
#[post("/participants/{id}/status")]
pub async fn change_status(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
    body: web::Json<StatusChangeRequest>,
) -> Result<HttpResponse, ApiError> {
    staff.require_that(Capability::WorkWithParticipants)?;
    let id = ParticipantId(path.into_inner());
    let body = body.into_inner();
    let today = today();
    let detail = write(&state, move |conn| {
        let row = super::visible(conn, &staff, id)?;
        let date = body.date.unwrap_or(today);
        let mut errors = ValidationErrors::new();
        if date > today {
            errors.add("date", "must not be in the future");
        }
        if date < row.status_since {
            errors.add(
                "date",
                format!(
                    "must not be before the current status began ({})",
                    row.status_since
                ),
            );
        }
        let Some(action) = body.action else {
            errors.add("action", "is required");
            return Err(errors.into());
        };
        let command = EnrolmentCommand::parse(
            action,
            body.reason.as_deref(),
            body.planned_return,
            date,
            body.outcome,
            body.outcome_text.as_deref(),
        );
        let command = match command {
            Ok(c) if errors.is_empty() => c,
            Ok(_) => return Err(errors.into()),
            Err(mut e) => {
                e.0.extend(errors.0);
                return Err(e.into());
            }
        };
        apply(conn, &staff, &row, &command, date)?;
        let row = participants::get(conn, staff.within(), id)?.ok_or(ApiError::NotFound)?;
        super::detail_view(conn, row, today)
    })
    .await?;
    Ok(super::with_etag(HttpResponse::Ok(), &detail))
}

/// Carries out an enrolment command on `row` dated `date`: the transition (409
/// when the programme does not allow it), the partners' feed, the history and the
/// audit. Used by the status form and by accepting a partner's proposal.
pub fn apply(
    conn: &mut stige_store::DbConnection,
    staff: &Staff,
    row: &participants::ParticipantRow,
    command: &EnrolmentCommand,
    date: chrono::NaiveDate,
) -> Result<EnrolmentStatus, ApiError> {
    let id = ParticipantId(row.id);
    let current = row.status;
    let next =
        enrolment::transition(current, command).map_err(|e| ApiError::Conflict(format!("{e}.")))?;
    if !participants::set_status(conn, id, row.version, next, date)? {
        return Err(super::changed_meanwhile());
    }
    let exit_outcome = match command {
        EnrolmentCommand::Exit { outcome, .. } => Some(*outcome),
        _ => None,
    };
    stige_store::partner_feed::participant_status(conn, row, next, date, exit_outcome)?;
    let (reason, planned_return, outcome, outcome_text) = match command {
        EnrolmentCommand::Pause {
            reason,
            planned_return,
        } => (Some(reason.clone()), *planned_return, None, None),
        EnrolmentCommand::Reactivate { reason } => (Some(reason.clone()), None, None, None),
        EnrolmentCommand::Exit {
            outcome,
            outcome_text,
        } => (
            None,
            None,
            Some(outcome.as_str().to_owned()),
            outcome_text.clone(),
        ),
        _ => (None, None, None, None),
    };
    participants::insert_status_change(
        conn,
        &NewStatusChange {
            participant: id,
            from_status: Some(current),
            to_status: next,
            date,
            reason,
            planned_return,
            outcome,
            outcome_text,
            recorded_by: staff.id,
        },
    )?;
    super::record(
        conn,
        staff,
        AuditAction::ParticipantStatus,
        Some(id),
        Some(format!("to={}", next.as_str())),
    )?;
    Ok(next)
}
