//! `PUT /participants/{id}`: personal details, guarded by `If-Match`.

use crate::auth::Staff;
use crate::calendar::today;
use crate::db::write;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, put, web};
use stige_domain::AuditAction;
use stige_domain::Capability;
use stige_domain::{ParticipantId, ValidationErrors};
use stige_store::participants::{self, StoredNationalId};
use stige_wire::{ParticipantDetail, ParticipantUpdate};

/// Replace a participant's personal details (admin, coordinator, their mentor).
/// Send the `ETag` you read as `If-Match`: a stale one gets 412, none gets 428.
#[utoipa::path(tag = "participants", security(("staff" = [])), request_body = ParticipantUpdate,
    params(("If-Match" = String, Header, description = "The ETag from the last read")),
    responses(
    (status = 200, body = ParticipantDetail, headers(("ETag" = String, description = "The new version"))),
    problem::NotFound,
    problem::PreconditionFailed,
    problem::ValidationFailed,
    problem::PreconditionRequired,
))]
#[put("/participants/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    staff: Staff,
    req: HttpRequest,
    path: web::Path<i64>,
    body: web::Json<ParticipantUpdate>,
) -> Result<HttpResponse, ApiError> {
    staff.require_that(Capability::WorkWithParticipants)?;
    let id = ParticipantId(path.into_inner());
    let expected = crate::conditional::if_match(&req);
    let body = body.into_inner();
    let today = today();
    let cipher = state.cipher.clone();
    let detail = write(&state, move |conn| {
        let row = super::visible(conn, &staff, id)?;
        let expected = expected?;
        if expected != row.version {
            return Err(ApiError::PreconditionFailed);
        }
        let mut errors = ValidationErrors::new();
        let remove = body
            .national_id
            .as_deref()
            .is_some_and(|n| n.trim().is_empty());
        let details = super::create::parse_details(
            body.given_name.as_deref(),
            body.family_name.as_deref(),
            body.birth_date,
            body.national_id.as_deref(),
            &cipher,
            today,
            &mut errors,
        )?;
        let Some(mut details) = details.filter(|_| errors.is_empty()) else {
            return Err(errors.into());
        };
        if body.national_id.is_none() && !remove {
            details.national_id = match (
                row.national_id_cipher.clone(),
                row.national_id_masked.clone(),
                row.national_id_kind,
            ) {
                (Some(cipher), Some(masked), Some(kind)) => Some(StoredNationalId {
                    cipher,
                    masked,
                    kind,
                    lookup: row.national_id_lookup.clone(),
                }),
                _ => None,
            };
        }
        let replaced = super::rectifications::replaced(&row, &details);
        if !participants::update_personal(conn, id, expected, &details)? {
            return Err(ApiError::PreconditionFailed);
        }
        stige_store::identity_corrections::record(conn, id, staff.id, &replaced)?;
        super::record(conn, &staff, AuditAction::ParticipantUpdate, Some(id), None)?;
        let row = participants::get(conn, staff.within(), id)?.ok_or(ApiError::NotFound)?;
        super::detail_view(conn, row, today)
    })
    .await?;
    Ok(super::with_etag(HttpResponse::Ok(), &detail))
}
