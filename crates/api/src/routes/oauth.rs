//! `POST /auth/token`: OAuth 2.0 client credentials (RFC 6749 §4.4) for partners'
//! API clients, with `client_secret_basic` or `client_secret_post`.

use crate::auth::principal::peer_ip;
use crate::db::{read, write};
use crate::error::ApiError;
use crate::openapi::problem;
use crate::sign_in;
use crate::state::AppState;
use crate::use_cases::api_tokens;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, post, web};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use stige_store::sign_in_attempts::Door;
use stige_wire::{ClientCredentialsForm, ClientToken, OAuthError};

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

/// What a token request asks for: the client's id and secret, and the scope.
struct TokenRequest {
    client_id: String,
    secret: String,
    scope: Option<String>,
}

/// Why a token request cannot be read: the status, the OAuth error and its description.
type Malformed = (u16, &'static str, &'static str);

/// The token request in `body`, with the client's credentials from HTTP Basic
/// or the form; the OAuth error to answer when the request is malformed.
fn token_request(req: &HttpRequest, body: &[u8]) -> Result<TokenRequest, Malformed> {
    let form_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !form_type {
        return Err((
            400,
            "invalid_request",
            "Send the request as application/x-www-form-urlencoded.",
        ));
    }
    let Ok(form) = serde_urlencoded::from_bytes::<ClientCredentialsForm>(body) else {
        return Err((400, "invalid_request", "The form cannot be read."));
    };
    match form.grant_type.as_deref() {
        None => {
            return Err((400, "invalid_request", "grant_type is required."));
        }
        Some("client_credentials") => {}
        Some(_) => {
            return Err((
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
            return Err((
                400,
                "invalid_request",
                "Send both client_id and client_secret.",
            ));
        }
    };
    let (client_id, secret) = match (basic_credentials(req), posted) {
        (Some(_), Some(_)) => {
            return Err((
                400,
                "invalid_request",
                "Use one way to authenticate the client: HTTP Basic or form fields.",
            ));
        }
        (Some(Ok(creds)), None) | (None, Some(creds)) => creds,
        (Some(Err(())), None) => {
            return Err((
                401,
                "invalid_client",
                "The Basic credentials cannot be read.",
            ));
        }
        (None, None) => {
            return Err((401, "invalid_client", "Client authentication is required."));
        }
    };
    Ok(TokenRequest {
        client_id,
        secret,
        scope: form.scope,
    })
}

/// Get a partner access token (≤ 15 minutes) for an API client. Send the form
/// `grant_type=client_credentials` with the client's id and secret in HTTP Basic,
/// or as `client_id` and `client_secret` form fields.
#[utoipa::path(tag = "partners", request_body(content = ClientCredentialsForm, content_type = "application/x-www-form-urlencoded"), responses(
    (status = 200, body = ClientToken),
    (status = 400, body = OAuthError, description = "invalid_request, unsupported_grant_type or invalid_scope"),
    (status = 401, body = OAuthError, description = "invalid_client"),
    problem::TooManyRequests,
))]
#[post("/auth/token")]
pub async fn token(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let TokenRequest {
        client_id,
        secret,
        scope,
    } = match token_request(&req, &body) {
        Ok(asked) => asked,
        Err((status, error, description)) => return Ok(oauth_error(status, error, description)),
    };
    let ip = peer_ip(&req).unwrap_or_else(|| "unknown".into());
    let admitted = sign_in::admit(&state, Door::Partner, &client_id, &ip).await?;
    let claimed = read(&state, move |conn| {
        api_tokens::claimed_client(conn, &client_id)
    })
    .await?;
    let matches = admitted
        .check(&state, secret, claimed.secret_hash())
        .await?;
    let Some(client) = claimed.proven(matches) else {
        admitted.failed(&state).await?;
        return Ok(oauth_error(
            401,
            "invalid_client",
            "Unknown client or wrong secret.",
        ));
    };
    let keys = state.tokens.clone();
    let issued = write(&state, move |conn| {
        api_tokens::issue_token(conn, &keys, &admitted, &client, scope.as_deref(), &ip)
    })
    .await?;
    Ok(match issued {
        Ok(token) => HttpResponse::Ok().json(token),
        Err(refused) => oauth_error(
            400,
            "invalid_scope",
            &format!("This client may ask for: {}.", refused.allowed),
        ),
    })
}
