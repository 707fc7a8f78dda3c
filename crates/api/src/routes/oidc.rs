//! Single sign-on through an identity provider (OpenID Connect, see
//! `crate::oidc`): staff through the organisation's, partner users through
//! their partner's (`/auth/partner-sign-in/{key}/…`). The browser goes to
//! `start`, signs in at the provider, comes back to `callback`, and lands on
//! the web app with a one-time code that the app trades for tokens at
//! `session`. Refusals land on the web app's sign-in page with a code it
//! explains (`/#sign_in_error=state`, `nonce`, `expired`, `issuer`, `token`,
//! `unknown-group`, `deactivated`, `not-invited`, `provider`); nothing is created.

use crate::auth::principal::peer_ip;
use crate::db::write;
use crate::error::ApiError;
use crate::oidc::{Identity, Oidc, Refusal, SignsIn};
use crate::openapi::problem;
use crate::state::AppState;
use crate::use_cases::sign_in::SessionTerms;
use crate::use_cases::single_sign_on::{self, Refused, SIGN_IN_MINUTES};
use actix_web::cookie::{Cookie, SameSite};
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::Deserialize;
use stige_secrets::token::{new_token, token_hash};
use stige_wire::{SignInHandoff, SignInOptions, SingleSignOn, TokenResponse};

/// The cookie tying a sign-in to the browser that began it.
const BROWSER_COOKIE: &str = "stige_sso";

fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .finish()
}

fn provider(state: &AppState) -> Result<&Oidc, ApiError> {
    state.single_sign_on.as_deref().ok_or(ApiError::NotFound)
}

/// The partner's provider named `key`.
fn partner_provider<'a>(state: &'a AppState, key: &str) -> Result<&'a Oidc, ApiError> {
    state
        .partner_sign_on
        .iter()
        .find(|o| matches!(&o.settings.signs_in, SignsIn::Partner { key: k, .. } if k == key))
        .map(|o| &**o)
        .ok_or(ApiError::NotFound)
}

/// How one may sign in here: with a password, through the staff's identity
/// provider, through a partner's own (for its partner users), or several.
#[utoipa::path(tag = "auth", responses((status = 200, body = SignInOptions)))]
#[get("/auth/sign-in-options")]
pub async fn options(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok().json(SignInOptions {
        password: state.password_sign_in,
        single_sign_on: state.single_sign_on.as_ref().map(|o| button(o)),
        partner_providers: state.partner_sign_on.iter().map(|o| button(o)).collect(),
    })
}

/// A provider's sign-in button.
fn button(oidc: &Oidc) -> SingleSignOn {
    SingleSignOn {
        provider_name: oidc.settings.provider_name.clone(),
        start: format!("{}/start", oidc.settings.path()),
    }
}

/// Begin signing in through the identity provider: answers 303 to the
/// provider's authorization endpoint (code flow with PKCE, `state` and
/// `nonce`) and sets a cookie that ties the sign-in to this browser. 404
/// when no provider is set up.
#[utoipa::path(tag = "auth", responses(
    (status = 303, description = "to the identity provider, or to the sign-in page with `#sign_in_error=provider` when it cannot be reached"),
    problem::NotFound,
))]
#[get("/auth/oidc/start")]
pub async fn start(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    begin(&state, provider(&state)?).await
}

/// Begin a partner user's sign-in through their partner's identity provider
/// `key` (as `start` does for staff); 404 when there is no such provider.
#[utoipa::path(tag = "auth", params(("key" = String, Path, description = "The provider's name in `STIGE_PARTNER_OIDC`")), responses(
    (status = 303, description = "to the identity provider, or to the sign-in page with `#sign_in_error=provider` when it cannot be reached"),
    problem::NotFound,
))]
#[get("/auth/partner-sign-in/{key}/start")]
pub async fn partner_start(
    state: web::Data<AppState>,
    key: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    begin(&state, partner_provider(&state, &key)?).await
}

async fn begin(state: &web::Data<AppState>, oidc: &Oidc) -> Result<HttpResponse, ApiError> {
    let authorization = match oidc.authorize().await {
        Ok(a) => a,
        Err(why) => {
            tracing::warn!(%why, "the identity provider cannot be reached");
            return Ok(see_other(&landing(
                &oidc.settings.public_url,
                "sign_in_error",
                Refusal::Provider.code(),
            )));
        }
    };
    let (browser, browser_hash) = new_token();
    let url = authorization.url.clone();
    write(state, move |conn| {
        single_sign_on::begin_sign_in(conn, &authorization, browser_hash)
    })
    .await?;
    let cookie = Cookie::build(BROWSER_COOKIE, browser)
        .path(oidc.settings.path())
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(oidc.settings.public_url.starts_with("https://"))
        .max_age(actix_web::cookie::time::Duration::minutes(SIGN_IN_MINUTES))
        .finish();
    let mut response = see_other(&url);
    response
        .add_cookie(&cookie)
        .map_err(|e| ApiError::Unexpected(e.into()))?;
    Ok(response)
}

/// What the provider sends the browser back with.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct CallbackQuery {
    pub code: Option<String>,
    pub state: Option<String>,
    /// The provider's refusal (e.g. `access_denied`).
    pub error: Option<String>,
}

/// The identity provider sends the browser back here. The sign-in is checked
/// (state and this browser's cookie, then the ID token's signature, issuer,
/// audience, expiry and nonce, then the role from the mapped claim), the user
/// matched by the issuer's subject or created, and the browser sent on to the
/// web app with a one-time code (`/#sign_in=…`), or with `#sign_in_error=…`.
#[utoipa::path(tag = "auth", params(CallbackQuery), responses(
    (status = 303, description = "to the web app, signed in or with the reason for the refusal"),
    problem::NotFound,
))]
#[get("/auth/oidc/callback")]
pub async fn callback(
    state: web::Data<AppState>,
    req: HttpRequest,
    query: web::Query<CallbackQuery>,
) -> Result<HttpResponse, ApiError> {
    finish(&state, req, query.into_inner(), provider(&state)?).await
}

/// A partner's identity provider `key` sends the browser back here; checked
/// as `callback` checks the staff's, then matched to a partner user of that
/// partner: by the provider's subject, or on the first sign-in by the
/// username they were invited with (the provider's `preferred_username`, else
/// e-mail). Nobody is created: not invited is refused (`not-invited`).
#[utoipa::path(tag = "auth", params(("key" = String, Path, description = "The provider's name in `STIGE_PARTNER_OIDC`"), CallbackQuery), responses(
    (status = 303, description = "to the web app, signed in or with the reason for the refusal"),
    problem::NotFound,
))]
#[get("/auth/partner-sign-in/{key}/callback")]
pub async fn partner_callback(
    state: web::Data<AppState>,
    req: HttpRequest,
    key: web::Path<String>,
    query: web::Query<CallbackQuery>,
) -> Result<HttpResponse, ApiError> {
    finish(
        &state,
        req,
        query.into_inner(),
        partner_provider(&state, &key)?,
    )
    .await
}

async fn finish(
    state: &web::Data<AppState>,
    req: HttpRequest,
    query: CallbackQuery,
    oidc: &Oidc,
) -> Result<HttpResponse, ApiError> {
    let ip = peer_ip(&req).unwrap_or_else(|| "unknown".into());
    let browser = req.cookie(BROWSER_COOKIE).map(|c| token_hash(c.value()));
    let outcome = identify(state, oidc, query, browser).await?;
    let clear = Cookie::build(BROWSER_COOKIE, "")
        .path(oidc.settings.path())
        .max_age(actix_web::cookie::time::Duration::ZERO)
        .finish();
    let mut response = match outcome {
        Err(refused) => refuse(state, oidc, ip, refused).await?,
        Ok(identity) => {
            let (code, code_hash) = new_token();
            let settings = oidc.settings.clone();
            let recognised = write(state, move |conn| {
                single_sign_on::recognise(conn, &settings, &identity, &code_hash)
            })
            .await?;
            match recognised {
                Ok(()) => see_other(&landing(&oidc.settings.public_url, "sign_in", &code)),
                Err(refused) => refuse(state, oidc, ip, refused).await?,
            }
        }
    };
    response
        .add_cookie(&clear)
        .map_err(|e| ApiError::Unexpected(e.into()))?;
    Ok(response)
}

/// Audits a refused sign-in and sends the browser to the sign-in page with its reason.
async fn refuse(
    state: &web::Data<AppState>,
    oidc: &Oidc,
    ip: String,
    refused: Refused,
) -> Result<HttpResponse, ApiError> {
    let code = refused.0.code();
    write(state, move |conn| {
        single_sign_on::record_refusal(conn, refused, &ip)
    })
    .await?;
    Ok(see_other(&landing(
        &oidc.settings.public_url,
        "sign_in_error",
        code,
    )))
}

/// The web app's address with `#key=value`.
fn landing(public_url: &str, key: &str, value: &str) -> String {
    format!("{public_url}/#{key}={value}")
}

/// Checks the return against the sign-in under way and asks the provider who it is.
async fn identify(
    state: &web::Data<AppState>,
    oidc: &Oidc,
    query: CallbackQuery,
    browser: Option<String>,
) -> Result<Result<Identity, Refused>, ApiError> {
    if let Some(error) = query.error {
        return Ok(Err((
            Refusal::Provider,
            format!("the provider answered {error}"),
        )));
    }
    let (Some(code), Some(returned)) = (query.code, query.state) else {
        return Ok(Err((Refusal::State, "no code or state".into())));
    };
    let resumed = write(state, move |conn| {
        single_sign_on::resume_sign_in(conn, &returned, browser.as_deref())
    })
    .await?;
    match resumed {
        Ok(resumed) => Ok(oidc
            .identify(code, resumed.pkce_verifier, resumed.nonce)
            .await),
        Err(refused) => Ok(Err(refused)),
    }
}

/// Trade the one-time code of a finished single sign-on (`/#sign_in=…`) for
/// an access token and refresh token. A code works once, for a minute.
#[utoipa::path(tag = "auth", request_body = SignInHandoff, responses(
    (status = 200, body = TokenResponse),
    problem::Unauthorized,
    problem::NotFound,
))]
#[post("/auth/oidc/session")]
pub async fn session(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<SignInHandoff>,
) -> Result<HttpResponse, ApiError> {
    if state.single_sign_on.is_none() && state.partner_sign_on.is_empty() {
        return Err(ApiError::NotFound);
    }
    let ip = peer_ip(&req).unwrap_or_else(|| "unknown".into());
    let terms = SessionTerms::of(&state);
    let code = body.into_inner().code;
    let tokens = write(&state, move |conn| {
        single_sign_on::trade_code(conn, &terms, &code, &ip)
    })
    .await?;
    Ok(HttpResponse::Ok().json(tokens.ok_or(ApiError::Unauthorized)?))
}
