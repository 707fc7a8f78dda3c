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
use crate::routes::auth::open_session;
use crate::state::AppState;
use actix_web::cookie::{Cookie, SameSite};
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use stige_domain::AuditAction;
use stige_domain::{Role, UserId};
use stige_store::DbConnection;
use stige_store::audit::{self, Actor, AuditEvent};
use stige_store::oidc::{self as store, PendingSignIn};
use stige_store::users::{self, NewUserRow};
use stige_wire::{SignInHandoff, SignInOptions, SingleSignOn, TokenResponse};

/// The cookie tying a sign-in to the browser that began it.
const BROWSER_COOKIE: &str = "stige_sso";
/// Minutes a sign-in may take at the provider.
const SIGN_IN_MINUTES: i64 = 10;
/// Seconds the web app has to trade its one-time code.
const HANDOFF_SECS: i64 = 60;

fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

fn hash(value: &str) -> String {
    format!("{:x}", Sha256::digest(value.as_bytes()))
}

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
    let browser = random_token();
    let pending = PendingSignIn {
        state: authorization.state,
        browser_hash: hash(&browser),
        nonce: authorization.nonce,
        pkce_verifier: authorization.pkce_verifier,
        created_at: stige_store::now(),
    };
    write(state, move |conn| Ok(store::begin(conn, &pending)?)).await?;
    let cookie = Cookie::build(BROWSER_COOKIE, browser)
        .path(oidc.settings.path())
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(oidc.settings.public_url.starts_with("https://"))
        .max_age(actix_web::cookie::time::Duration::minutes(SIGN_IN_MINUTES))
        .finish();
    let mut response = see_other(&authorization.url);
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
    let browser = req.cookie(BROWSER_COOKIE).map(|c| hash(c.value()));
    let outcome = identify(state, oidc, query, browser).await?;
    let clear = Cookie::build(BROWSER_COOKIE, "")
        .path(oidc.settings.path())
        .max_age(actix_web::cookie::time::Duration::ZERO)
        .finish();
    let mut response = match outcome {
        Err((refusal, why)) => refuse(state, oidc, ip, refusal, why).await?,
        Ok(identity) => {
            let code = random_token();
            let (code_hash, settings) = (hash(&code), oidc.settings.clone());
            let signed_in = write(state, move |conn| {
                let user = match &settings.signs_in {
                    SignsIn::Staff { organisation, .. } => {
                        match_user(conn, &settings.issuer, *organisation, &identity)?
                    }
                    SignsIn::Partner {
                        organisation_number,
                        ..
                    } => {
                        match_partner_user(conn, &settings.issuer, organisation_number, &identity)?
                    }
                };
                if let Ok(user) = user {
                    store::hand_off(conn, &code_hash, user, stige_store::now())?;
                }
                Ok(user)
            })
            .await?;
            match signed_in {
                Ok(_) => see_other(&landing(&oidc.settings.public_url, "sign_in", &code)),
                Err(refusal) => {
                    let why = match refusal {
                        Refusal::NotInvited => "no partner user was invited with this username",
                        Refusal::UnknownGroup => "a partner user does not sign in as staff",
                        _ => "the user is deactivated in Stige",
                    };
                    refuse(state, oidc, ip, refusal, why.to_owned()).await?
                }
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
    refusal: Refusal,
    why: String,
) -> Result<HttpResponse, ApiError> {
    tracing::warn!(refusal = refusal.code(), %why, ip, "single sign-on refused");
    let detail = format!("refusal={} {why}", refusal.code());
    write(state, move |conn| {
        audit::record(
            conn,
            AuditEvent {
                actor: Actor::Anonymous,
                action: AuditAction::AuthSsoRefused,
                participant: None,
                ip: Some(&ip),
                detail: Some(detail),
            },
        )?;
        Ok(())
    })
    .await?;
    Ok(see_other(&landing(
        &oidc.settings.public_url,
        "sign_in_error",
        refusal.code(),
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
) -> Result<Result<Identity, (Refusal, String)>, ApiError> {
    if let Some(error) = query.error {
        return Ok(Err((
            Refusal::Provider,
            format!("the provider answered {error}"),
        )));
    }
    let (Some(code), Some(returned)) = (query.code, query.state) else {
        return Ok(Err((Refusal::State, "no code or state".into())));
    };
    let pending = write(state, move |conn| {
        let since = stige_store::now() - chrono::Duration::minutes(SIGN_IN_MINUTES);
        Ok(store::take(conn, &returned, since)?)
    })
    .await?;
    let Some(pending) = pending else {
        return Ok(Err((
            Refusal::State,
            "no sign-in under way with this state".into(),
        )));
    };
    if browser.as_deref() != Some(pending.browser_hash.as_str()) {
        return Ok(Err((
            Refusal::State,
            "the sign-in began in another browser".into(),
        )));
    }
    Ok(oidc
        .identify(code, pending.pkce_verifier, pending.nonce)
        .await)
}

/// The user the provider's subject belongs to, created on first sign-in in
/// `organisation` with the mapped role in each of its programmes; a
/// deactivated user is refused. A changed role applies from this sign-in.
fn match_user(
    conn: &mut DbConnection,
    issuer: &str,
    organisation: i64,
    identity: &Identity,
) -> Result<Result<i64, Refusal>, ApiError> {
    let role = identity.role.as_str();
    if let Some(user) = store::user_by_subject(conn, issuer, &identity.subject)? {
        // A partner user (of a partner whose provider is the staff's too)
        // never becomes staff through it.
        if user.agreement_id.is_some() {
            return Ok(Err(Refusal::UnknownGroup));
        }
        if !user.active {
            return Ok(Err(Refusal::Deactivated));
        }
        if user.role != identity.role {
            store::set_role(conn, user.id, role)?;
            every_programme(conn, user.id, organisation, identity.role)?;
            users::revoke_all_sessions(conn, UserId(user.id))?;
        }
        return Ok(Ok(user.id));
    }
    let username = free_username(conn, &identity.username)?;
    let row = users::insert(
        conn,
        &NewUserRow {
            username: &username,
            display_name: &identity.display_name,
            // Never a valid hash: this user signs in through the provider only.
            password_hash: "!single-sign-on",
            role,
            active: true,
            created_at: stige_store::now(),
            organisation_id: Some(organisation),
            agreement_id: None,
        },
    )?;
    store::link_subject(conn, row.id, issuer, &identity.subject)?;
    every_programme(conn, row.id, organisation, identity.role)?;
    audit::record(
        conn,
        AuditEvent {
            actor: Actor::User(UserId(row.id)),
            action: AuditAction::UserCreateBySso,
            participant: None,
            ip: None,
            detail: Some(format!("user={} issuer={issuer}", row.id)),
        },
    )?;
    Ok(Ok(row.id))
}

/// The partner user the partner's provider signs in: linked by the provider's
/// subject, or on the first sign-in the invited partner user of this partner
/// (organisation number) whose username is the provider's, not yet linked to
/// another subject. A deactivated one is refused; nobody is created.
fn match_partner_user(
    conn: &mut DbConnection,
    issuer: &str,
    organisation_number: &str,
    identity: &Identity,
) -> Result<Result<i64, Refusal>, ApiError> {
    let of_partner = |conn: &mut DbConnection, agreement: Option<i64>| -> Result<bool, ApiError> {
        let Some(agreement) = agreement else {
            return Ok(false);
        };
        let Some(agreement) = stige_store::partners::agreement(conn, agreement)? else {
            return Ok(false);
        };
        Ok(stige_store::partners::partner(conn, agreement.partner_id)?
            .is_some_and(|p| p.organisation_number == organisation_number))
    };
    let user = match store::user_by_subject(conn, issuer, &identity.subject)? {
        Some(user) => Some(user),
        None => match users::by_username(conn, &identity.username.trim().to_lowercase())? {
            // Invited, and not yet linked to another subject.
            Some(u) if store::subject_of(conn, u.id)?.is_none() => Some(u),
            _ => None,
        },
    };
    let Some(user) = user.filter(|u| u.role == Role::Partner) else {
        return Ok(Err(Refusal::NotInvited));
    };
    if !of_partner(conn, user.agreement_id)? {
        return Ok(Err(Refusal::NotInvited));
    }
    if !user.active {
        return Ok(Err(Refusal::Deactivated));
    }
    store::link_subject(conn, user.id, issuer, &identity.subject)?;
    Ok(Ok(user.id))
}

fn every_programme(
    conn: &mut DbConnection,
    user: i64,
    organisation: i64,
    role: Role,
) -> Result<(), ApiError> {
    let ladders = stige_store::organisations::ladder_ids(conn, organisation)?;
    let rows: Vec<(i64, &str)> = ladders.into_iter().map(|l| (l, role.as_str())).collect();
    users::set_programme_roles(conn, UserId(user), &rows)?;
    Ok(())
}

/// `wanted`, or `wanted-2`, `wanted-3`, ... when a user already has it.
fn free_username(conn: &mut DbConnection, wanted: &str) -> Result<String, ApiError> {
    let base: String = wanted.trim().chars().take(60).collect();
    let base = if base.is_empty() {
        "user".to_owned()
    } else {
        base
    };
    let mut candidate = base.clone();
    for n in 2.. {
        if users::by_username(conn, &candidate)?.is_none() {
            break;
        }
        candidate = format!("{base}-{n}");
    }
    Ok(candidate)
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
    let code_hash = hash(&body.code);
    let user = write(&state, move |conn| {
        let since = stige_store::now() - chrono::Duration::seconds(HANDOFF_SECS);
        let Some(id) = store::redeem(conn, &code_hash, since)? else {
            return Ok(None);
        };
        Ok(users::by_id(conn, UserId(id))?.filter(|u| u.active))
    })
    .await?;
    let user = user.ok_or(ApiError::Unauthorized)?;
    let tokens = open_session(
        &state,
        user.id,
        user.role,
        ip,
        AuditAction::AuthSsoLogin,
        |_| Ok(()),
    )
    .await?;
    Ok(HttpResponse::Ok().json(tokens))
}
