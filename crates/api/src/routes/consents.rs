//! The consent panel: what each participant agreed to share with which partner.
//! Revocation applies to partners' next read and to their events feed.

use super::participants::{record, visible};
use crate::auth::Staff;
use crate::calendar::today;
use crate::db::write;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use crate::use_cases::consent;
use actix_web::{HttpResponse, get, post, web};
use stige_domain::AuditAction;
use stige_domain::Capability;
use stige_domain::ParticipantId;
use stige_store::DbConnection;
use stige_store::consents::{self, ConsentListed};
use stige_wire::{Consent, ConsentRevocation, NewConsent, PartnerRef};

fn to_consent(c: ConsentListed) -> Consent {
    Consent {
        id: c.consent.id,
        partner: PartnerRef {
            id: c.consent.partner_id,
            name: c.partner_name,
        },
        category: c.consent.category,
        purpose: c.consent.purpose,
        given_on: c.consent.given_on,
        given_recorded_by: c.given_recorded_by,
        revoked_on: c.consent.revoked_on,
        revoked_recorded_by: c.revoked_recorded_by,
    }
}

pub fn ledger(conn: &mut DbConnection, id: ParticipantId) -> Result<Vec<Consent>, ApiError> {
    Ok(consents::for_participant(conn, id)?
        .into_iter()
        .map(to_consent)
        .collect())
}

/// The participant's consent ledger, newest first.
#[utoipa::path(tag = "consents", security(("staff" = [])), responses(
    (status = 200, body = Vec<Consent>),
    problem::NotFound,
))]
#[get("/participants/{id}/consents")]
pub async fn list(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    staff.require_that(Capability::WorkWithParticipants)?;
    let id = ParticipantId(path.into_inner());
    let consents = write(&state, move |conn| {
        visible(conn, &staff, id)?;
        record(conn, &staff, AuditAction::ConsentList, Some(id), None)?;
        ledger(conn, id)
    })
    .await?;
    Ok(HttpResponse::Ok().json(consents))
}

/// Record consent to share categories with a partner, for a purpose.
#[utoipa::path(tag = "consents", security(("staff" = [])), request_body = NewConsent, responses(
    (status = 201, body = Vec<Consent>),
    problem::NotFound,
    problem::ValidationFailed,
))]
#[post("/participants/{id}/consents")]
pub async fn give(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
    body: web::Json<NewConsent>,
) -> Result<HttpResponse, ApiError> {
    let id = ParticipantId(path.into_inner());
    let body = body.into_inner();
    let today = today();
    let consents = write(&state, move |conn| {
        consent::give(conn, &staff, id, &body, today)?;
        ledger(conn, id)
    })
    .await?;
    Ok(HttpResponse::Created().json(consents))
}

/// Record that the participant revoked a consent.
#[utoipa::path(tag = "consents", security(("staff" = [])), request_body = ConsentRevocation, responses(
    (status = 200, body = Vec<Consent>),
    problem::NotFound,
    problem::Conflict,
    problem::ValidationFailed,
))]
#[post("/participants/{id}/consents/{consent}/revoke")]
pub async fn revoke(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i64, i64)>,
    body: web::Json<ConsentRevocation>,
) -> Result<HttpResponse, ApiError> {
    let (id, consent) = path.into_inner();
    let id = ParticipantId(id);
    let today = today();
    let revoked_on = body.into_inner().revoked_on.unwrap_or(today);
    let consents = write(&state, move |conn| {
        consent::revoke(conn, &staff, id, consent, revoked_on, today)?;
        ledger(conn, id)
    })
    .await?;
    Ok(HttpResponse::Ok().json(consents))
}
