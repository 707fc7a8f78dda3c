//! Staff acting on a placement: extend it, complete it or end it early; the
//! activity enrolment it is recorded as follows it.

use crate::auth::Staff;
use crate::error::ApiError;
use crate::use_cases::access::{record, visible};
use chrono::NaiveDate;
use stige_domain::person::required_text;
use stige_domain::placement::{PlacementCommand, placement_transition};
use stige_domain::{AuditAction, Capability, ParticipantId, ValidationErrors};
use stige_store::DbConnection;
use stige_store::activity_enrolments;
use stige_store::placements::{self, PlacementListed, PlacementRow};
use stige_wire::{PlacementAction, PlacementActionRequest};

/// An action on a placement, checked before anything is read.
#[derive(Debug, Clone)]
pub struct PlacementActionCommand {
    command: PlacementCommand,
    /// The reason given (trimmed): why it ended early; with any action it
    /// goes to the end of the enrolment the placement is recorded as.
    reason: Option<String>,
}

impl PlacementActionCommand {
    /// Checks `body` for `staff` (who must arrange placements: 403
    /// otherwise); every bad field named (422).
    pub fn parse(staff: &Staff, body: &PlacementActionRequest) -> Result<Self, ApiError> {
        staff.require_that(Capability::ArrangePlacements)?;
        let mut errors = ValidationErrors::new();
        let command = match body.action {
            None => {
                errors.add("action", "is required");
                None
            }
            Some(PlacementAction::Complete) => Some(PlacementCommand::Complete),
            Some(PlacementAction::EndEarly) => {
                errors.collect(
                    "reason",
                    required_text(body.reason.as_deref().unwrap_or(""), 1000),
                );
                Some(PlacementCommand::EndEarly)
            }
            Some(PlacementAction::Extend) => match body.new_end_date {
                None => {
                    errors.add("new_end_date", "is required to extend");
                    None
                }
                Some(d) => Some(PlacementCommand::Extend(d)),
            },
        };
        match command {
            Some(command) if errors.is_empty() => Ok(Self {
                command,
                reason: body.reason.as_deref().map(str::trim).map(str::to_owned),
            }),
            _ => Err(errors.into()),
        }
    }
}

/// The placement if the staff member may see its participant, else 404.
pub fn visible_placement(
    conn: &mut DbConnection,
    staff: &Staff,
    id: i64,
) -> Result<PlacementListed, ApiError> {
    let p = placements::placement(conn, id)?.ok_or(ApiError::NotFound)?;
    visible(conn, staff, ParticipantId(p.placement.participant_id))?;
    Ok(p)
}

/// Takes the placement for this change if `expected` (from `If-Match`) is its
/// version; 412 otherwise (and 428 without `If-Match`).
pub fn claim(
    conn: &mut DbConnection,
    placement: &PlacementRow,
    expected: Result<i64, ApiError>,
) -> Result<(), ApiError> {
    let expected = expected?;
    if expected != placement.version || !placements::claim(conn, placement.id, expected)? {
        return Err(ApiError::PreconditionFailed);
    }
    Ok(())
}

/// Carries out `action` on placement `id` (409 when its status does not allow
/// it): the placement's status or end, its history, the enrolment it is
/// recorded as and the audit event. Returns the status after it.
pub fn act(
    conn: &mut DbConnection,
    staff: &Staff,
    id: i64,
    action: &PlacementActionCommand,
    expected: Result<i64, ApiError>,
    today: NaiveDate,
) -> Result<stige_domain::placement::PlacementStatus, ApiError> {
    let command = action.command;
    let p = visible_placement(conn, staff, id)?;
    let r = &p.placement;
    claim(conn, r, expected)?;
    let status = r.stored_status().on(r.start_date, today);
    let next = placement_transition(status, r.end_date, command)
        .map_err(|e| ApiError::Conflict(format!("{e}.")))?;
    let reason = action.reason.as_deref();
    match command {
        PlacementCommand::Extend(new_end) => {
            placements::set_end_date(conn, id, new_end)?;
            placements::record_change(
                conn,
                id,
                Some(status),
                next,
                Some((r.end_date, new_end)),
                None,
                Some(staff.id),
            )?;
        }
        PlacementCommand::EndEarly => {
            placements::set_status(conn, id, next, None, reason)?;
            placements::record_change(conn, id, Some(status), next, None, reason, Some(staff.id))?;
        }
        _ => {
            placements::set_status(conn, id, next, None, None)?;
            placements::record_change(conn, id, Some(status), next, None, None, Some(staff.id))?;
        }
    }
    // The enrolment the placement is recorded as follows it.
    if let PlacementCommand::Extend(new_end) = command {
        activity_enrolments::extend_placement(conn, id, new_end)?;
    }
    if let Some(ending) = stige_domain::activity::ending_of_placement(next) {
        activity_enrolments::end_of_placement(
            conn,
            id,
            ending,
            today,
            reason,
            staff.id,
            stige_store::now(),
        )?;
    }
    record(
        conn,
        staff,
        AuditAction::PlacementChange,
        Some(ParticipantId(r.participant_id)),
        Some(format!("placement={id} to={}", next.as_str())),
    )?;
    Ok(next)
}
