//! API clients of cooperation agreements (admin): a `client_id` and a secret
//! that is shown once and stored hashed (argon2id); rotating gives a new
//! secret, revoking stops the client's tokens at once.

use crate::auth::Staff;
use crate::error::ApiError;
use crate::use_cases::agreements::reached_agreement;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use stige_domain::{AuditAction, Capability, ValidationErrors};
use stige_store::DbConnection;
use stige_store::partners::{self, ApiClientRow};
use stige_wire::{ApiClient, ApiClientSecret};

fn to_client(row: ApiClientRow) -> ApiClient {
    ApiClient {
        id: row.id,
        agreement_id: row.agreement_id,
        client_id: row.client_id,
        created_at: row.created_at,
        rotated_at: row.rotated_at,
        revoked_at: row.revoked_at,
    }
}

fn random(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::rngs::OsRng.fill_bytes(&mut buf);
    URL_SAFE_NO_PAD.encode(buf)
}

fn valid_client_id(id: &str) -> bool {
    (3..=64).contains(&id.len()) && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// A new secret for a client (32 random bytes, base64url), shown once and
/// stored only as its hash.
pub struct NewSecret(String);

impl NewSecret {
    /// The secret as the admin is shown it: hash it before it is stored.
    pub fn plain(&self) -> &str {
        &self.0
    }
}

/// A new secret for an admin to give a client (403 for others).
pub fn new_secret(staff: &Staff) -> Result<NewSecret, ApiError> {
    staff.require_that(Capability::Administer)?;
    Ok(NewSecret(random(32)))
}

/// A new client as checked by [`check_new_client`], with its secret.
pub struct NewClient {
    client_id: String,
    pub secret: NewSecret,
}

/// Checks a new client for an admin (403 for others): its `client_id` (3 to
/// 64 letters, digits or dashes; made up when absent); gives it a secret.
pub fn check_new_client(staff: &Staff, client_id: Option<String>) -> Result<NewClient, ApiError> {
    staff.require_that(Capability::Administer)?;
    let client_id = match client_id.map(|c| c.trim().to_owned()) {
        Some(c) if !valid_client_id(&c) => {
            let mut e = ValidationErrors::new();
            e.add("client_id", "must be 3 to 64 letters, digits or dashes");
            return Err(e.into());
        }
        Some(c) => c,
        None => format!("client-{}", random(9).to_lowercase().replace('_', "-")),
    };
    Ok(NewClient {
        client_id,
        secret: NewSecret(random(32)),
    })
}

/// The API clients of agreement `agreement` (never their secrets); 404 unless
/// it is about a programme the admin works in.
pub fn clients_of_agreement(
    conn: &mut DbConnection,
    staff: &Staff,
    agreement: i64,
) -> Result<Vec<ApiClient>, ApiError> {
    staff.require_that(Capability::Administer)?;
    reached_agreement(conn, &staff.reach.ladders(), agreement)?;
    Ok(partners::clients(conn, agreement)?
        .into_iter()
        .map(to_client)
        .collect())
}

/// Creates the client checked by [`check_new_client`] for agreement
/// `agreement` (422 for a `client_id` already taken), storing its secret's
/// `hash`; returns it with the secret, shown this once.
pub fn create_client(
    conn: &mut DbConnection,
    staff: &Staff,
    agreement: i64,
    new: NewClient,
    hash: &str,
) -> Result<ApiClientSecret, ApiError> {
    reached_agreement(conn, &staff.reach.ladders(), agreement)?;
    if partners::client_by_client_id(conn, &new.client_id)?.is_some() {
        let mut e = ValidationErrors::new();
        e.add("client_id", "is already taken");
        return Err(e.into());
    }
    let row = partners::insert_client(conn, agreement, &new.client_id, hash)?;
    let detail = format!("api_client={}", row.id);
    crate::setup_audit::record(conn, staff, AuditAction::ApiClientCreate, detail)?;
    Ok(ApiClientSecret {
        client: to_client(row),
        client_secret: new.secret.0,
    })
}

/// The client `id`, if its agreement is about a programme the admin works in.
fn reached_client(
    conn: &mut DbConnection,
    staff: &Staff,
    id: i64,
) -> Result<ApiClientRow, ApiError> {
    let client = partners::client(conn, id)?.ok_or(ApiError::NotFound)?;
    reached_agreement(conn, &staff.reach.ladders(), client.agreement_id)?;
    Ok(client)
}

/// Gives client `id` the new `secret` (stored as its `hash`); the old one
/// stops working. 409 for a revoked client. Returns the client with the
/// secret, shown this once.
pub fn rotate_secret(
    conn: &mut DbConnection,
    staff: &Staff,
    id: i64,
    secret: NewSecret,
    hash: &str,
) -> Result<ApiClientSecret, ApiError> {
    let client = reached_client(conn, staff, id)?;
    if client.revoked_at.is_some() {
        return Err(ApiError::Conflict(
            "This client is revoked; create a new one instead.".into(),
        ));
    }
    partners::rotate_client(conn, id, hash)?;
    let detail = format!("api_client={id}");
    crate::setup_audit::record(conn, staff, AuditAction::ApiClientRotate, detail)?;
    let row = partners::client(conn, id)?.ok_or(ApiError::NotFound)?;
    Ok(ApiClientSecret {
        client: to_client(row),
        client_secret: secret.0,
    })
}

/// Revokes client `id`: its tokens stop working at once. Returns the client.
pub fn revoke_client(
    conn: &mut DbConnection,
    staff: &Staff,
    id: i64,
) -> Result<ApiClient, ApiError> {
    staff.require_that(Capability::Administer)?;
    reached_client(conn, staff, id)?;
    partners::revoke_client(conn, id)?;
    let detail = format!("api_client={id}");
    crate::setup_audit::record(conn, staff, AuditAction::ApiClientRevoke, detail)?;
    let row = partners::client(conn, id)?.ok_or(ApiError::NotFound)?;
    Ok(to_client(row))
}
