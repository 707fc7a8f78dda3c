//! Access tokens for partners' API clients (OAuth 2.0 client credentials):
//! a client proves its secret and gets a short-lived token for the
//! agreement it works under.
//!
//! The throttle and the secret check (`crate::sign_in`) run outside the
//! store's transactions, so the handler takes a request through them: it
//! finds the client named ([`claimed_client`]), checks the secret against
//! [`Claimed::secret_hash`], and asks for the token once the secret proved
//! right ([`issue_token`]).

use crate::auth::jwt::{TokenKeys, partner_scope};
use crate::error::ApiError;
use crate::sign_in::Admitted;
use crate::use_cases::sign_in::Claimed;
use stige_domain::AuditAction;
use stige_store::DbConnection;
use stige_store::audit::{self, Actor, AuditEvent};
use stige_store::partners;
use stige_wire::ClientToken;

/// Partner tokens live this long (seconds).
pub const PARTNER_TOKEN_TTL_SECS: i64 = 15 * 60;

/// A partner's API client that may get tokens, and its agreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiClient {
    /// Its row.
    pub id: i64,
    pub client_id: String,
    pub agreement: i64,
}

/// The API client named `client_id`; only one that is not revoked, under an
/// agreement, may get tokens.
pub fn claimed_client(
    conn: &mut DbConnection,
    client_id: &str,
) -> Result<Claimed<ApiClient>, ApiError> {
    let client = partners::client_by_client_id(conn, client_id)?;
    let agreement = match &client {
        Some(c) => partners::agreement(conn, c.agreement_id)?,
        None => None,
    };
    let active = client
        .zip(agreement)
        .filter(|(c, _)| c.revoked_at.is_none());
    Ok(Claimed::new(active.map(|(c, agreement)| {
        let client = ApiClient {
            id: c.id,
            client_id: c.client_id,
            agreement: agreement.id,
        };
        (client, c.secret_hash)
    })))
}

/// A scope the client may not ask for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeRefused {
    /// The scope the client may ask for.
    pub allowed: String,
}

/// The secret proved right: a token for `client`'s agreement (the whole of
/// its scope; `asked`, when given, must be within it), the attempt taken back
/// from the throttle and the token audited, from `ip`.
pub fn issue_token(
    conn: &mut DbConnection,
    keys: &TokenKeys,
    admitted: &Admitted,
    client: &ApiClient,
    asked: Option<&str>,
    ip: &str,
) -> Result<Result<ClientToken, ScopeRefused>, ApiError> {
    let scope = partner_scope(client.agreement);
    if let Some(asked) = asked {
        let granted: Vec<&str> = scope.split(' ').collect();
        if asked
            .split(' ')
            .filter(|s| !s.is_empty())
            .any(|s| !granted.contains(&s))
        {
            return Ok(Err(ScopeRefused { allowed: scope }));
        }
    }
    let token = keys.issue_partner(
        client.id,
        &client.client_id,
        client.agreement,
        PARTNER_TOKEN_TTL_SECS,
    )?;
    admitted.succeeded(conn)?;
    audit::record(
        conn,
        AuditEvent {
            actor: Actor::Partner(client.id),
            action: AuditAction::AuthToken,
            participant: None,
            ip: Some(ip),
            detail: None,
        },
    )?;
    Ok(Ok(ClientToken {
        access_token: token,
        token_type: "Bearer".into(),
        expires_in: PARTNER_TOKEN_TTL_SECS,
        scope,
    }))
}
