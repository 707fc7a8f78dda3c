//! `POST /auth/token`: OAuth 2.0 client credentials (RFC 6749 §4.4) for partners'
//! API clients, with `client_secret_basic` or `client_secret_post`.

use crate::auth::jwt::partner_scope;
use crate::auth::password;
use crate::auth::principal::peer_ip;
use crate::error::ApiError;
use crate::routes::{read, write};
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, post, web};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chrono::Duration;
use stige_client::{ClientCredentialsForm, ClientToken, OAuthError, Problem};
use stige_store::audit::{self, Actor, AuditEvent};
use stige_store::{partners, users};

/// Partner tokens live this long (seconds).
pub const PARTNER_TOKEN_TTL_SECS: i64 = 15 * 60;
const MAX_FAILURES_PER_CLIENT: i64 = 10;
const MAX_FAILURES_PER_IP: i64 = 20;
const WINDOW_SECS: i64 = 15 * 60;

fn oauth_error(status: u16, error: &str, description: &str) -> HttpResponse {
    let mut response = HttpResponse::build(
        actix_web::http::StatusCode::from_u16(status)
            .unwrap_or(actix_web::http::StatusCode::BAD_REQUEST),
    );
    if status == 401 {
        response.insert_header((header::WWW_AUTHENTICATE, "Basic realm=\"stige\""));
    }
    response.json(OAuthError {
        error: error.to_owned(),
        error_description: Some(description.to_owned()),
    })
}

/// The client's credentials from HTTP Basic (`client_secret_basic`; both parts
/// form-encoded, RFC 6749 §2.3.1).
fn basic_credentials(req: &HttpRequest) -> Option<Result<(String, String), ()>> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let encoded = value.strip_prefix("Basic ")?;
    let decode = || -> Option<(String, String)> {
        let bytes = STANDARD.decode(encoded.trim()).ok()?;
        let text = String::from_utf8(bytes).ok()?;
        let (id, secret) = text.split_once(':')?;
        let unescape = |s: &str| {
            url::form_urlencoded::parse(format!("x={s}").as_bytes())
                .next()
                .map(|(_, v)| v.into_owned())
        };
        Some((unescape(id)?, unescape(secret)?))
    };
    Some(decode().ok_or(()))
}

/// Get a partner access token (≤ 15 minutes) for an API client. Send the form
/// `grant_type=client_credentials` with the client's id and secret in HTTP Basic,
/// or as `client_id` and `client_secret` form fields.
#[utoipa::path(tag = "partners", request_body(content = ClientCredentialsForm, content_type = "application/x-www-form-urlencoded"), responses(
    (status = 200, body = ClientToken),
    (status = 400, body = OAuthError, description = "invalid_request, unsupported_grant_type or invalid_scope"),
    (status = 401, body = OAuthError, description = "invalid_client"),
    (status = 429, body = Problem, content_type = "application/problem+json"),
))]
#[post("/auth/token")]
pub async fn token(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let form_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !form_type {
        return Ok(oauth_error(
            400,
            "invalid_request",
            "Send the request as application/x-www-form-urlencoded.",
        ));
    }
    let Ok(form) = serde_urlencoded::from_bytes::<ClientCredentialsForm>(&body) else {
        return Ok(oauth_error(
            400,
            "invalid_request",
            "The form cannot be read.",
        ));
    };
    match form.grant_type.as_deref() {
        None => {
            return Ok(oauth_error(
                400,
                "invalid_request",
                "grant_type is required.",
            ));
        }
        Some("client_credentials") => {}
        Some(_) => {
            return Ok(oauth_error(
                400,
                "unsupported_grant_type",
                "Only grant_type=client_credentials is supported.",
            ));
        }
    }
    let posted = match (form.client_id, form.client_secret) {
        (Some(id), Some(secret)) => Some((id, secret)),
        (None, None) => None,
        _ => {
            return Ok(oauth_error(
                400,
                "invalid_request",
                "Send both client_id and client_secret.",
            ));
        }
    };
    let (client_id, secret) = match (basic_credentials(&req), posted) {
        (Some(_), Some(_)) => {
            return Ok(oauth_error(
                400,
                "invalid_request",
                "Use one way to authenticate the client: HTTP Basic or form fields.",
            ));
        }
        (Some(Ok(creds)), None) | (None, Some(creds)) => creds,
        (Some(Err(())), None) => {
            return Ok(oauth_error(
                401,
                "invalid_client",
                "The Basic credentials cannot be read.",
            ));
        }
        (None, None) => {
            return Ok(oauth_error(
                401,
                "invalid_client",
                "Client authentication is required.",
            ));
        }
    };
    let ip = peer_ip(&req).unwrap_or_else(|| "unknown".into());
    let account = format!("client:{client_id}");
    let (acct, ip2, cid) = (account.clone(), ip.clone(), client_id.clone());
    let (by_client, by_ip, found) = read(&state, move |conn| {
        let since = stige_store::now() - Duration::seconds(WINDOW_SECS);
        let (a, b) = users::login_failures_since(conn, &acct, &ip2, since)?;
        let client = partners::client_by_client_id(conn, &cid)?;
        let agreement = match &client {
            Some(c) => partners::agreement(conn, c.agreement_id)?,
            None => None,
        };
        Ok((a, b, client.zip(agreement)))
    })
    .await?;
    if by_client >= MAX_FAILURES_PER_CLIENT || by_ip >= MAX_FAILURES_PER_IP {
        tracing::warn!(client_id = %client_id, ip = %ip, "client credentials throttled");
        return Err(ApiError::TooManyRequests(WINDOW_SECS.unsigned_abs()));
    }
    let active = found.filter(|(c, _)| c.revoked_at.is_none());
    let stored = active.as_ref().map_or_else(
        || password::dummy_hash().to_owned(),
        |(c, _)| c.secret_hash.clone(),
    );
    let matches = web::block(move || password::verify(&secret, &stored)).await?;
    let Some((client, agreement)) = active.filter(|_| matches) else {
        tracing::warn!(client_id = %client_id, ip = %ip, "failed client authentication");
        write(&state, move |conn| {
            users::record_login_failure(conn, &account, &ip)?;
            audit::record(
                conn,
                AuditEvent {
                    actor: Actor::Anonymous,
                    action: "auth.token_failed",
                    participant: None,
                    ip: Some(&ip),
                    detail: Some(format!("client_id={client_id}")),
                },
            )?;
            Ok(())
        })
        .await?;
        return Ok(oauth_error(
            401,
            "invalid_client",
            "Unknown client or wrong secret.",
        ));
    };
    let scope = partner_scope(agreement.id);
    if let Some(asked) = form.scope.as_deref() {
        let granted: Vec<&str> = scope.split(' ').collect();
        if asked
            .split(' ')
            .filter(|s| !s.is_empty())
            .any(|s| !granted.contains(&s))
        {
            return Ok(oauth_error(
                400,
                "invalid_scope",
                &format!("This client may ask for: {scope}."),
            ));
        }
    }
    let token = state.tokens.issue_partner(
        client.id,
        &client.client_id,
        agreement.id,
        PARTNER_TOKEN_TTL_SECS,
    )?;
    let (row, name) = (client.id, account.clone());
    write(&state, move |conn| {
        users::clear_login_failures(conn, &name)?;
        audit::record(
            conn,
            AuditEvent {
                actor: Actor::Partner(row),
                action: "auth.token",
                participant: None,
                ip: Some(&ip),
                detail: None,
            },
        )?;
        Ok(())
    })
    .await?;
    Ok(HttpResponse::Ok().json(ClientToken {
        access_token: token,
        token_type: "Bearer".into(),
        expires_in: PARTNER_TOKEN_TTL_SECS,
        scope,
    }))
}
