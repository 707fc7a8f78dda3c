//! `ETag` and `If-Match`: a change carries the version its sender read, so a
//! change made from a stale reading is refused (412) instead of overwriting
//! someone else's (lost updates impossible, as DESIGN.md promises for
//! participants, placements and agreements).

use crate::error::ApiError;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, HttpResponseBuilder};
use serde::Serialize;

/// `body` as JSON with `version` as its strong `ETag`.
pub fn with_etag<T: Serialize>(
    mut response: HttpResponseBuilder,
    version: i64,
    body: &T,
) -> HttpResponse {
    response
        .insert_header((header::ETAG, format!("\"{version}\"")))
        .json(body)
}

/// The version named by `If-Match`: 428 when absent, 412 when it is not a version.
pub fn if_match(req: &HttpRequest) -> Result<i64, ApiError> {
    let value = req
        .headers()
        .get(header::IF_MATCH)
        .ok_or(ApiError::PreconditionRequired)?
        .to_str()
        .map_err(|_| ApiError::PreconditionFailed)?;
    value
        .trim()
        .trim_start_matches("W/")
        .trim_matches('"')
        .parse()
        .map_err(|_| ApiError::PreconditionFailed)
}
