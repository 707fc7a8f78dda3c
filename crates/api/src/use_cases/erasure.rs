//! Erasing a person on their request (GDPR Art. 17): anonymised now as
//! retention would, unless a documented hold applies.

use crate::auth::Staff;
use crate::error::ApiError;
use crate::use_cases::access::{record, visible};
use stige_domain::AuditAction;
use stige_domain::Capability;
use stige_domain::{LadderId, ParticipantId, ValidationErrors};
use stige_store::DbConnection;
use stige_store::anonymise::{self, Hold};
use stige_wire::Erasure;

/// The longest reason an erasure may give.
const MOST_REASON: usize = 500;

/// Anonymises participant `id` now for the `reason` given (required, at most
/// 500 characters, no control characters: 422): identity, national identity
/// number, contact details and free texts go, what the reports count stays.
/// Admins of the person's programme (404 for everyone else); 409 naming the
/// hold while a placement is open or a referral is in progress. The audit
/// trail keeps that the erasure happened, by whom and why. Returns the rows
/// changed per table.
pub fn erase(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
    reason: Option<&str>,
) -> Result<Erasure, ApiError> {
    let reason = reason.unwrap_or_default().trim();
    let row = visible(conn, staff, id)?;
    if !staff
        .reach
        .may_in(LadderId(row.ladder_id), Capability::Administer)
    {
        return Err(ApiError::NotFound);
    }
    let mut errors = ValidationErrors::new();
    if reason.is_empty() {
        errors.add("reason", "is required");
    } else if reason.chars().count() > MOST_REASON {
        errors.add(
            "reason",
            format!("must be at most {MOST_REASON} characters"),
        );
    } else if reason.chars().any(char::is_control) {
        errors.add("reason", "may not contain control characters");
    }
    errors.into_result(())?;
    match anonymise::hold(conn, id)? {
        Some(Hold::OpenPlacement) => {
            return Err(ApiError::Conflict(
                "An open placement holds the person's data: complete or end it first.".into(),
            ));
        }
        Some(Hold::ReferralInProgress) => {
            return Err(ApiError::Conflict(
                "A referral in progress holds the person's data: decide it first.".into(),
            ));
        }
        None => {}
    }
    let rows = anonymise::participant(conn, id, stige_store::now())?;
    record(
        conn,
        staff,
        AuditAction::ParticipantErasure,
        Some(id),
        Some(format!("reason: {reason}")),
    )?;
    Ok(Erasure {
        participant_id: id,
        rows: rows.into_iter().map(|(t, n)| (t.to_owned(), n)).collect(),
    })
}
