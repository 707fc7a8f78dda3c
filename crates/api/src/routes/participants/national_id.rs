//! `POST /participants/{id}/national-id/reveal`: the full number, audited.

use crate::auth::Staff;
use crate::db::write;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use actix_web::{HttpResponse, post, web};
use stige_domain::AuditAction;
use stige_domain::Capability;
use stige_domain::ParticipantId;
use stige_wire::RevealedNationalId;

/// The full national identity number (admin, coordinator). Every reveal is recorded
/// in the audit trail. 404 when the participant is not visible; 409 when no number
/// is recorded (the participant exists, there is just nothing to reveal).
#[utoipa::path(tag = "participants", security(("staff" = [])), responses(
    (status = 200, body = RevealedNationalId),
    problem::Forbidden,
    problem::NotFound,
    problem::Conflict,
))]
#[post("/participants/{id}/national-id/reveal")]
pub async fn reveal(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = ParticipantId(path.into_inner());
    let cipher = state.cipher.clone();
    let revealed = write(&state, move |conn| {
        let row = super::visible(conn, &staff, id)?;
        if !staff.role.may(Capability::RevealNationalId) {
            return Err(ApiError::Forbidden);
        }
        let (Some(stored), Some(kind)) = (row.national_id_cipher, row.national_id_kind) else {
            return Err(ApiError::Conflict(
                "No national identity number is recorded for this participant.".into(),
            ));
        };
        let national_id = cipher.decrypt(&stored)?;
        super::record(
            conn,
            &staff,
            AuditAction::ParticipantNationalIdReveal,
            Some(id),
            None,
        )?;
        Ok(RevealedNationalId { national_id, kind })
    })
    .await?;
    Ok(HttpResponse::Ok().json(revealed))
}
