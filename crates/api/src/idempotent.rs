//! The Idempotency-Key protocol of partners' POSTs that create something (a
//! referral, a change proposal): a retry with the same key and body gets the
//! original answer (`Idempotent-Replayed: true`), the same key with another body
//! 422, a retry while the first is in flight 409 or the original answer; never a
//! second creation. Keys are kept for 48 hours (at least 24).

use crate::db::{read, write};
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Serialize;
use sha2::{Digest, Sha256};
use stige_domain::ValidationErrors;
use stige_store::{DbConnection, idempotency};

/// A request body with its key and the hash of its JSON.
pub struct Keyed {
    key: String,
    hash: String,
    /// The body as JSON.
    pub value: serde_json::Value,
}

/// The key (400 without one) and the JSON body (400 if it is none) of `req`.
pub fn keyed(req: &HttpRequest, body: &[u8]) -> Result<Keyed, ApiError> {
    let key = req
        .headers()
        .get("Idempotency-Key")
        .ok_or_else(|| {
            ApiError::BadRequest(
                "Send an Idempotency-Key header (a unique value per request, reused on retries)."
                    .into(),
            )
        })?
        .to_str()
        .map_err(|_| ApiError::BadRequest("The Idempotency-Key must be printable ASCII.".into()))?
        .trim()
        .to_owned();
    if key.is_empty() || key.len() > 255 {
        return Err(ApiError::BadRequest(
            "The Idempotency-Key must be 1 to 255 characters.".into(),
        ));
    }
    let value: serde_json::Value = serde_json::from_slice(body)
        .map_err(|e| ApiError::BadRequest(format!("The body is not valid JSON: {e}.")))?;
    // serde_json keeps object keys sorted, so the same body hashes the same.
    let hash = format!("{:x}", Sha256::digest(value.to_string().as_bytes()));
    Ok(Keyed { key, hash, value })
}

/// The body as `T` (400 when it does not fit).
pub fn body_as<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> Result<T, ApiError> {
    serde_json::from_value(value).map_err(|e| {
        ApiError::BadRequest(format!("The body is not valid JSON for this request: {e}."))
    })
}

fn same_key_other_body() -> ApiError {
    let mut e = ValidationErrors::new();
    e.add(
        "Idempotency-Key",
        "was already used for a different request; use a new key for a new one",
    );
    e.into()
}

fn is_unique_violation(err: &ApiError) -> bool {
    matches!(
        err,
        ApiError::Unexpected(e) if matches!(
            e.downcast_ref::<diesel::result::Error>(),
            Some(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _
            ))
        )
    )
}

enum Outcome {
    Created(String),
    Replay(u16, String),
}

fn replay(status: u16, body: String) -> HttpResponse {
    HttpResponse::build(StatusCode::from_u16(status).unwrap_or(StatusCode::CREATED))
        .content_type("application/json")
        .insert_header(("Idempotent-Replayed", "true"))
        .body(body)
}

/// Creates what `make` makes, once per key of `owner` (an API client or a
/// partner user), answering 201 with it (or the first answer again).
pub async fn create<T, F>(
    state: &web::Data<AppState>,
    owner: idempotency::Owner,
    request: Keyed,
    make: F,
) -> Result<HttpResponse, ApiError>
where
    T: Serialize,
    F: FnOnce(&mut DbConnection, serde_json::Value) -> Result<T, ApiError> + Send + 'static,
{
    let Keyed { key, hash, value } = request;
    let (k, h) = (key.clone(), hash.clone());
    let result = write(state, move |conn| {
        idempotency::purge_old(conn)?;
        if let Some(done) = idempotency::get(conn, owner, &k)? {
            return if done.request_hash == h {
                Ok(Outcome::Replay(
                    u16::try_from(done.status_code).unwrap_or(201),
                    done.response_body,
                ))
            } else {
                Err(same_key_other_body())
            };
        }
        let made = make(conn, value)?;
        let body = serde_json::to_string(&made).map_err(anyhow::Error::from)?;
        idempotency::insert(conn, owner, &k, &h, 201, &body)?;
        Ok(Outcome::Created(body))
    })
    .await;
    match result {
        Ok(Outcome::Created(body)) => Ok(HttpResponse::Created()
            .content_type("application/json")
            .body(body)),
        Ok(Outcome::Replay(status, body)) => Ok(replay(status, body)),
        // A concurrent request with the same key committed first: answer as it did.
        Err(e) if is_unique_violation(&e) => {
            let done = read(state, move |conn| Ok(idempotency::get(conn, owner, &key)?))
                .await?
                .ok_or_else(|| {
                    ApiError::Conflict(
                        "A request with this Idempotency-Key is in flight; retry.".into(),
                    )
                })?;
            if done.request_hash != hash {
                return Err(same_key_other_body());
            }
            Ok(replay(
                u16::try_from(done.status_code).unwrap_or(201),
                done.response_body,
            ))
        }
        Err(e) => Err(e),
    }
}
