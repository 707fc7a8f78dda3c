//! `GET /participants/{id}/rectifications`: what corrections of a person's
//! identity and follow-ups replaced (admins).

use crate::auth::{Reader, Staff};
use crate::error::ApiError;
use crate::openapi::problem;
use crate::staff_reads::read_audited;
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use stige_domain::AuditAction;
use stige_domain::Capability;
use stige_domain::{LadderId, ParticipantId};
use stige_secrets::cipher::DataCipher;
use stige_store::DbConnection;
use stige_store::identity_corrections::{self};
use stige_wire::{FollowUpCorrection, IdentityCorrection, IdentityField, Rectifications};

/// What each correction of the person's identity replaced (who, when, the old
/// value; a national identity number masked), and the earlier versions of
/// corrected follow-ups, oldest first. Admins of the person's programme; 404
/// for everyone else.
#[utoipa::path(tag = "participants", security(("staff" = [])), responses(
    (status = 200, body = Rectifications),
    problem::Unauthorized,
    problem::NotFound,
))]
#[get("/participants/{id}/rectifications")]
pub async fn rectifications(
    state: web::Data<AppState>,
    reader: Reader,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = ParticipantId(path.into_inner());
    let Reader::Staff(token) = reader else {
        return Err(ApiError::NotFound);
    };
    let found = read_audited(
        &state,
        token,
        move |conn, staff| {
            let row = super::visible(conn, staff, id)?;
            if !staff
                .reach
                .may_in(LadderId(row.ladder_id), Capability::Administer)
            {
                return Err(ApiError::NotFound);
            }
            trail(conn, id, None)
        },
        move |staff: &Staff, _| {
            super::read_event(
                staff,
                AuditAction::ParticipantRectificationsRead,
                Some(id),
                None,
            )
        },
    )
    .await?;
    Ok(HttpResponse::Ok().json(found))
}

/// The trail of `id`; with `cipher`, old national identity numbers in full
/// (the export), else masked.
pub fn trail(
    conn: &mut DbConnection,
    id: ParticipantId,
    cipher: Option<&DataCipher>,
) -> Result<Rectifications, ApiError> {
    let mut identity = vec![];
    for row in identity_corrections::of_participant(conn, id)? {
        let Some(field) = IdentityField::parse(&row.field) else {
            continue;
        };
        let old_value = match (cipher, &row.old_cipher) {
            (Some(cipher), Some(stored)) => Some(cipher.decrypt(stored)?),
            _ => row.old_value,
        };
        identity.push(IdentityCorrection {
            field,
            old_value,
            corrected_by: row.corrected_by,
            corrected_at: row.corrected_at,
        });
    }
    let follow_ups = identity_corrections::follow_up_versions(conn, id, true)?
        .into_iter()
        .map(|v| FollowUpCorrection {
            follow_up_id: v.follow_up_id,
            earlier: serde_json::from_str(&v.content)
                .unwrap_or(serde_json::Value::String(v.content)),
            replaced_by: v.replaced_by,
            replaced_at: v.replaced_at,
        })
        .collect();
    Ok(Rectifications {
        identity,
        follow_ups,
    })
}
