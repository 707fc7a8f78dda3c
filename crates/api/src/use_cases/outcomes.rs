//! Outcomes: a participant's situation at the start, at exit and in the
//! checks after it, and their preferences for those checks.

use crate::auth::Staff;
use crate::error::ApiError;
use crate::use_cases::access::{record, visible};
use stige_domain::situation::{self, IncomeSource, Moment, SituationDraft};
use stige_domain::{AuditAction, Capability, ParticipantId};
use stige_store::DbConnection;
use stige_store::outcomes::{self as store, Preferences};
use stige_store::participants::ParticipantRow;
use stige_wire::{CheckToDo, OutcomePreferences, Outcomes, SituationInput, SituationRecord};

/// Why a situation at or after the exit was refused.
pub const NOT_EXITED: &str =
    "The participant has not exited: the situation at and after the exit is recorded after it";

/// Participant `id`'s outcomes, if `staff` sees the person (404 otherwise).
pub fn outcomes(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
) -> Result<Outcomes, ApiError> {
    let row = visible(conn, staff, id)?;
    outcomes_view(conn, &row)
}

/// The person's outcomes as the API shows them.
pub fn outcomes_view(conn: &mut DbConnection, row: &ParticipantRow) -> Result<Outcomes, ApiError> {
    let id = ParticipantId(row.id);
    let country = store::country_of_ladder(conn, row.ladder_id)?;
    let preferences = store::preferences(conn, id)?;
    let mut situations: Vec<SituationRecord> = store::of_participant(conn, id)?
        .into_iter()
        .map(|s| SituationRecord {
            moment: s.moment,
            reached: s.reached,
            income_source: s.income_source,
            occupation: s.occupation,
            education: s.education,
            recorded_by: s.recorded_by,
            recorded_at: s.recorded_at,
        })
        .collect();
    situations.sort_by_key(|s| s.moment);
    let exited_on =
        (row.status == stige_domain::EnrolmentStatus::Exited).then_some(row.status_since);
    let recorded: Vec<Moment> = situations.iter().map(|s| s.moment).collect();
    let checks_to_do = exited_on
        .map(|exit| {
            situation::checks_to_do(exit, &recorded, preferences.after_exit_checks_declined)
        })
        .unwrap_or_default()
        .into_iter()
        .map(|(moment, due_on)| CheckToDo { moment, due_on })
        .collect();
    Ok(Outcomes {
        country,
        income_sources: IncomeSource::of_country(country),
        gender: preferences.gender,
        after_exit_checks_declined: preferences.after_exit_checks_declined,
        exited_on,
        situations,
        checks_to_do,
    })
}

/// Sets participant `id`'s gender and whether they declined the checks after
/// exit; returns their outcomes.
pub fn set_preferences(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
    body: &OutcomePreferences,
) -> Result<Outcomes, ApiError> {
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
    outcomes_view(conn, &row)
}

/// Records participant `id`'s situation at `moment` (an unknown one is 404;
/// the situation is checked against their
/// programme's country: 422 naming each bad field; after the start only once
/// they have exited: 409); returns their outcomes.
pub fn record_situation(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
    moment: &str,
    body: &SituationInput,
) -> Result<Outcomes, ApiError> {
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
    outcomes_view(conn, &row)
}
