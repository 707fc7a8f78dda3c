//! Contact and safety: `GET`/`PUT /participants/{id}/contact` (phone, e-mail,
//! address, emergency contacts, safety note; sealed with the data key) and
//! `POST /participants/{id}/reach-attempts` ("tried", "reached").

use crate::auth::{Reader, Staff};
use crate::db::write;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::staff_reads::read_audited;
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, put, web};
use chrono::{Duration, NaiveDateTime};
use stige_domain::AuditAction;
use stige_domain::contact::{self, ContactDraft};
use stige_domain::{ParticipantId, ValidationErrors};
use stige_secrets::cipher::DataCipher;
use stige_store::DbConnection;
use stige_store::contacts as store;
use stige_wire::{ParticipantContact, ParticipantContactInput, ReachAttempt, ReachAttemptInput};

/// Reach attempts the contact card shows.
const ATTEMPTS_SHOWN: i64 = 20;
/// How far back a reach attempt may be recorded.
const ATTEMPT_WINDOW_DAYS: i64 = 7;

/// The contact card as the API shows it, with the latest `attempts` attempts
/// to reach the person.
pub fn card(
    conn: &mut DbConnection,
    cipher: &DataCipher,
    id: ParticipantId,
    attempts: i64,
) -> Result<ParticipantContact, ApiError> {
    let reach_attempts = store::attempts(conn, &[id.0], None, attempts)?
        .into_iter()
        .map(|a| ReachAttempt {
            outcome: a.outcome,
            at: a.at,
            recorded_by: a.recorded_by,
        })
        .collect();
    let Some((d, sealed)) = crate::use_cases::contacts::details_of(conn, cipher, id)? else {
        return Ok(ParticipantContact {
            reach_attempts,
            ..ParticipantContact::default()
        });
    };
    Ok(ParticipantContact {
        phone: d.phone,
        email: d.email,
        address: d.address,
        emergency_contacts: d.emergency_contacts,
        safety_note: d.safety_note,
        updated_by: Some(sealed.updated_by),
        updated_at: Some(sealed.updated_at),
        reach_attempts,
    })
}

/// How to reach the person (phone, e-mail, address), whom to call when they
/// cannot be reached, the safety note, and the latest attempts to reach them.
/// The staff who follow the person (admin, coordinator, their mentor); 404
/// for everyone else. Every read is in the person's access log.
#[utoipa::path(tag = "contact", security(("staff" = [])), responses(
    (status = 200, body = ParticipantContact),
    problem::Forbidden,
    problem::NotFound,
))]
#[get("/participants/{id}/contact")]
pub async fn get(
    state: web::Data<AppState>,
    reader: Reader,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = ParticipantId(path.into_inner());
    let Reader::Staff(token) = reader else {
        return Err(ApiError::NotFound);
    };
    let cipher = state.cipher.clone();
    let card = read_audited(
        &state,
        token,
        move |conn, staff| {
            super::followed(conn, staff, id)?;
            card(conn, &cipher, id, ATTEMPTS_SHOWN)
        },
        move |staff, _| super::read_event(staff, AuditAction::ContactRead, Some(id), None),
    )
    .await?;
    Ok(HttpResponse::Ok().json(card))
}

/// Replaces the person's contact details and safety note (absent or blank
/// fields are removed). Sealed with the data key at rest. Admin, coordinator,
/// their mentor.
#[utoipa::path(tag = "contact", security(("staff" = [])), request_body = ParticipantContactInput,
    responses(
    (status = 200, body = ParticipantContact),
    problem::BadRequest,
    problem::Forbidden,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[put("/participants/{id}/contact")]
pub async fn set(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
    body: web::Json<ParticipantContactInput>,
) -> Result<HttpResponse, ApiError> {
    let id = ParticipantId(path.into_inner());
    let body = body.into_inner();
    let cipher = state.cipher.clone();
    let card = write(&state, move |conn| {
        super::followed(conn, &staff, id)?;
        let details = contact::parse_contact(ContactDraft {
            phone: body.phone.as_deref(),
            email: body.email.as_deref(),
            address: body.address.as_deref(),
            emergency_contacts: &body.emergency_contacts,
            safety_note: body.safety_note.as_deref(),
        })?;
        let plain =
            serde_json::to_string(&details).map_err(|e| anyhow::anyhow!("contact details: {e}"))?;
        store::save(
            conn,
            id,
            &cipher.encrypt(&plain)?,
            staff.id,
            stige_store::now(),
        )?;
        // Which fields are filled, never their values.
        let detail = format!(
            "phone={} email={} address={} emergency_contacts={} safety_note={}",
            details.phone.is_some(),
            details.email.is_some(),
            details.address.is_some(),
            details.emergency_contacts.len(),
            details.safety_note.is_some()
        );
        super::record(
            conn,
            &staff,
            AuditAction::ContactUpdate,
            Some(id),
            Some(detail),
        )?;
        card(conn, &cipher, id, ATTEMPTS_SHOWN)
    })
    .await?;
    Ok(HttpResponse::Ok().json(card))
}

/// Checks when an attempt was made: not in the future, at most seven days ago.
fn attempt_time(
    at: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> Result<NaiveDateTime, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let at = at.unwrap_or(now);
    if at > now + Duration::minutes(5) {
        errors.add("at", "must not be in the future");
    } else if at < now - Duration::days(ATTEMPT_WINDOW_DAYS) {
        errors.add(
            "at",
            format!("must be at most {ATTEMPT_WINDOW_DAYS} days ago"),
        );
    }
    errors.into_result(at)
}

/// Records an attempt to reach the person: `tried` (no answer) or `reached`,
/// now or at a given time in the last seven days. The early warning on Today
/// shows the latest. Admin, coordinator, their mentor.
#[utoipa::path(tag = "contact", security(("staff" = [])), request_body = ReachAttemptInput,
    responses(
    (status = 201, body = ParticipantContact),
    problem::BadRequest,
    problem::Forbidden,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[post("/participants/{id}/reach-attempts")]
pub async fn record_attempt(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
    body: web::Json<ReachAttemptInput>,
) -> Result<HttpResponse, ApiError> {
    let id = ParticipantId(path.into_inner());
    let body = body.into_inner();
    let cipher = state.cipher.clone();
    let card = write(&state, move |conn| {
        super::followed(conn, &staff, id)?;
        let now = stige_store::now();
        let at = attempt_time(body.at, now)?;
        store::record_attempt(conn, id, body.outcome, at, staff.id, now)?;
        let detail = format!("outcome={}", body.outcome.as_str());
        super::record(
            conn,
            &staff,
            AuditAction::ContactReach,
            Some(id),
            Some(detail),
        )?;
        card(conn, &cipher, id, ATTEMPTS_SHOWN)
    })
    .await?;
    Ok(HttpResponse::Created().json(card))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attempts_are_recorded_for_the_last_seven_days_only() {
        let now = chrono::NaiveDate::from_ymd_opt(2026, 12, 4)
            .and_then(|d| d.and_hms_opt(12, 0, 0))
            .expect("a date");
        assert_eq!(attempt_time(None, now), Ok(now));
        let yesterday = now - Duration::days(1);
        assert_eq!(attempt_time(Some(yesterday), now), Ok(yesterday));
        assert!(attempt_time(Some(now + Duration::hours(1)), now).is_err());
        assert!(attempt_time(Some(now - Duration::days(8)), now).is_err());
    }
}
