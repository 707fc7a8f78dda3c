//! `POST /participants/{id}/erasure`: anonymise one person now, on their
//! request (GDPR Art. 17), unless a documented hold applies.

use crate::auth::{Reader, Staff};
use crate::db::write;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use actix_web::{HttpResponse, post, web};
use stige_domain::AuditAction;
use stige_domain::Capability;
use stige_domain::{LadderId, ParticipantId, ValidationErrors};
use stige_store::anonymise::{self, Hold};
use stige_wire::{Erasure, ErasureRequest};

const MOST_REASON: usize = 500;

/// Anonymises the person now as retention would: identity, national identity
/// number, contact details and free texts are removed, and what the reports
/// count stays. Admins of the person's programme; 404 for everyone else. 409
/// naming the hold while a placement is open or a referral is in progress.
/// The access log keeps that the erasure happened, by whom and why.
#[utoipa::path(tag = "participants", security(("staff" = [])), request_body = ErasureRequest, responses(
    (status = 200, body = Erasure),
    problem::BadRequest,
    problem::Unauthorized,
    problem::NotFound,
    problem::Conflict,
    problem::ValidationFailed,
))]
#[post("/participants/{id}/erasure")]
pub async fn erase(
    state: web::Data<AppState>,
    reader: Reader,
    path: web::Path<i64>,
    body: web::Json<ErasureRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = ParticipantId(path.into_inner());
    let Reader::Staff(token) = reader else {
        return Err(ApiError::NotFound);
    };
    let staff: Staff = token.check(&state).await?;
    let reason = body.into_inner().reason.unwrap_or_default();
    let reason = reason.trim().to_owned();
    let erased = write(&state, move |conn| {
        let row = super::visible(conn, &staff, id)?;
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
        super::record(
            conn,
            &staff,
            AuditAction::ParticipantErasure,
            Some(id),
            Some(format!("reason: {reason}")),
        )?;
        Ok(Erasure {
            participant_id: id,
            rows: rows.into_iter().map(|(t, n)| (t.to_owned(), n)).collect(),
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(erased))
}
