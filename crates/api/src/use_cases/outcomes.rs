//! Outcomes: a participant's situation at the start, at exit and in the
//! checks after it, and their preferences for those checks.

use crate::auth::Staff;
use crate::error::ApiError;
use crate::use_cases::access::{record, visible};
use stige_domain::situation::{self, Moment, SituationDraft};
use stige_domain::{AuditAction, Capability, ParticipantId};
use stige_store::DbConnection;
use stige_store::outcomes::{self as store, Preferences};
use stige_store::participants::ParticipantRow;
use stige_wire::{OutcomePreferences, SituationInput};

/// Why a situation at or after the exit was refused.
pub const NOT_EXITED: &str =
    "The participant has not exited: the situation at and after the exit is recorded after it";

/// Sets participant `id`'s gender and whether they declined the checks after
/// exit; returns the participant.
pub fn set_preferences(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
    body: &OutcomePreferences,
) -> Result<ParticipantRow, ApiError> {
    staff.require_that(Capability::WorkWithParticipants)?;
    let row = visible(conn, staff, id)?;
    store::set_preferences(
        conn,
        id,
        &Preferences {
            gender: body.gender,
            after_exit_checks_declined: body.after_exit_checks_declined,
        },
    )?;
    let detail = format!(
        "after_exit_checks_declined={}",
        body.after_exit_checks_declined
    );
    record(
        conn,
        staff,
        AuditAction::OutcomePreferences,
        Some(id),
        Some(detail),
    )?;
    Ok(row)
}

/// Records participant `id`'s situation at `moment` (an unknown one is 404;
/// the situation is checked against their
/// programme's country: 422 naming each bad field; after the start only once
/// they have exited: 409); returns the participant.
pub fn record_situation(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
    moment: &str,
    body: &SituationInput,
) -> Result<ParticipantRow, ApiError> {
    staff.require_that(Capability::WorkWithParticipants)?;
    let moment = Moment::parse(moment).ok_or(ApiError::NotFound)?;
    let row = visible(conn, staff, id)?;
    let country = store::country_of_ladder(conn, row.ladder_id)?;
    let situation = situation::parse_situation(
        country,
        moment,
        SituationDraft {
            reached: body.reached,
            income_source: body.income_source,
            occupation: body.occupation,
            education: body.education,
        },
    )?;
    if moment != Moment::Start && row.status != stige_domain::EnrolmentStatus::Exited {
        return Err(ApiError::Conflict(NOT_EXITED.into()));
    }
    store::record(conn, id, &situation, staff.id)?;
    let detail = format!("moment={}", moment.as_str());
    record(
        conn,
        staff,
        AuditAction::OutcomeRecord,
        Some(id),
        Some(detail),
    )?;
    Ok(row)
}
