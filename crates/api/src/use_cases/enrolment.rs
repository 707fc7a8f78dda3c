//! Changing a participant's enrolment status: start assessment, activate,
//! pause, resume, exit, reactivate.

use crate::auth::Staff;
use crate::error::ApiError;
use crate::use_cases::access::{changed_meanwhile, record, visible};
use chrono::NaiveDate;
use stige_domain::enrolment::{self, EnrolmentCommand, StatusChanged};
use stige_domain::{AuditAction, Capability, ParticipantId, ValidationErrors};
use stige_store::DbConnection;
use stige_store::participants::{self, NewStatusChange, ParticipantRow};
use stige_store::partner_feed;
use stige_wire::StatusChangeRequest;

/// Changes participant `id`'s status as `body` asks, dated `body.date` (today
/// when none): not in the future nor before the current status began (422); a
/// change the programme does not allow answers 409.
pub fn change_status(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
    body: &StatusChangeRequest,
    today: NaiveDate,
) -> Result<StatusChanged, ApiError> {
    staff.require_that(Capability::WorkWithParticipants)?;
    let row = visible(conn, staff, id)?;
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
    apply(conn, staff, &row, &command, date)
}

/// Carries out an enrolment command on `row` dated `date`: the transition (409
/// when the programme does not allow it), the partners' feed, the history and the
/// audit event. Used by the status form and by accepting a partner's proposal.
pub fn apply(
    conn: &mut DbConnection,
    staff: &Staff,
    row: &ParticipantRow,
    command: &EnrolmentCommand,
    date: NaiveDate,
) -> Result<StatusChanged, ApiError> {
    let id = ParticipantId(row.id);
    let changed = enrolment::change_status(row.status, command, date)
        .map_err(|e| ApiError::Conflict(format!("{e}.")))?;
    if !participants::set_status(conn, id, row.version, changed.to, date)? {
        return Err(changed_meanwhile());
    }
    partner_feed::participant_status(conn, row, changed.to, date, changed.outcome)?;
    participants::insert_status_change(conn, &NewStatusChange::of(id, &changed, staff.id))?;
    record(
        conn,
        staff,
        AuditAction::ParticipantStatus,
        Some(id),
        Some(changed.audit_detail()),
    )?;
    Ok(changed)
}
