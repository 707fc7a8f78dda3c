//! Participants' handlers and the participant page's `ETag`. Who may reach a
//! person is `use_cases::access`; the page itself, `use_cases::participants`.

pub mod access_log;
pub mod activities;
pub mod agreements;
pub mod contact;
pub mod create;
pub mod detail;
pub mod erasure;
pub mod export;
pub mod list;
pub mod mentors;
pub mod moves;
pub mod national_id;
pub mod outcomes;
pub mod peers;
pub mod plan;
pub mod rectifications;
pub mod status;
pub mod update;
pub mod work_capacity;

use crate::auth::Staff;
use crate::error::ApiError;
use actix_web::HttpResponse;
use stige_domain::AuditAction;
use stige_domain::ParticipantId;
use stige_store::DbConnection;
use stige_wire::ParticipantDetail;

pub use crate::use_cases::access::{
    REFUSED, changed_meanwhile, followed, read_event, record, record_listed, visible,
};

/// A staff member's read of the records of the person in `path` as JSON,
/// audited as `action` for them: `load` checks who may see what; partners
/// get 404.
pub async fn person_read<T, F>(
    state: &actix_web::web::Data<crate::state::AppState>,
    reader: crate::auth::Reader,
    path: actix_web::web::Path<i64>,
    action: AuditAction,
    load: F,
) -> Result<HttpResponse, ApiError>
where
    T: serde::Serialize + Send + 'static,
    F: FnOnce(&mut DbConnection, &Staff, ParticipantId) -> Result<T, ApiError> + Send + 'static,
{
    let crate::auth::Reader::Staff(token) = reader else {
        return Err(ApiError::NotFound);
    };
    let id = ParticipantId(path.into_inner());
    let read = move |conn: &mut DbConnection, staff: &Staff| load(conn, staff, id);
    let value = crate::staff_reads::read_audited(state, token, read, move |staff, _| {
        read_event(staff, action, Some(id), None)
    })
    .await?;
    Ok(HttpResponse::Ok().json(value))
}

/// The detail as JSON with its version as a strong `ETag`.
pub fn with_etag(
    response: actix_web::HttpResponseBuilder,
    detail: &ParticipantDetail,
) -> HttpResponse {
    crate::conditional::with_etag(response, detail.version, detail)
}
