//! Login, token refresh, logout and "who am I".

use crate::auth::SignedIn;
use crate::db::{read, write};
use crate::error::ApiError;
use crate::openapi::problem;
use crate::sign_in;
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Duration;
use rand::RngCore;
use sha2::{Digest, Sha256};
use stige_domain::AuditAction;
use stige_domain::{Role, UserId};
use stige_secrets::password;
use stige_store::audit::{self, Actor, AuditEvent};
use stige_store::sign_in_attempts::Door;
use stige_store::users;
use stige_wire::{LoginRequest, Me, Problem, RefreshRequest, TokenResponse};

fn new_refresh_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

fn hash_token(token: &str) -> String {
    format!("{:x}", Sha256::digest(token.as_bytes()))
}

fn token_response(
    state: &AppState,
    user: i64,
    session: i64,
    role: Role,
    refresh_token: String,
) -> Result<TokenResponse, ApiError> {
    Ok(TokenResponse {
        access_token: state
            .tokens
            .issue(user, session, role.as_str(), state.access_ttl_secs)?,
        token_type: "Bearer".into(),
        expires_in: state.access_ttl_secs,
        refresh_token,
    })
}

/// Log in with username and password. Failed attempts are throttled per
/// account at an address (5 free, then waits of 30 s doubling up to 15
/// minutes) and per address (20 in 15 minutes); the right password from
/// another address is not held up. 429 answers carry `Retry-After`.
#[utoipa::path(tag = "auth", request_body = LoginRequest, responses(
    (status = 200, body = TokenResponse),
    problem::Unauthorized,
    (status = 403, body = Problem, content_type = "application/problem+json", description = "password sign-in is switched off (STIGE_PASSWORD_SIGN_IN=off)"),
    problem::TooManyRequests,
))]
#[post("/auth/login")]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    if !state.password_sign_in {
        return Err(ApiError::PasswordSignInOff);
    }
    let ip = crate::auth::principal::peer_ip(&req).unwrap_or_else(|| "unknown".into());
    let LoginRequest { username, password } = body.into_inner();
    let username = username.trim().to_owned();
    let admitted = sign_in::admit(&state, Door::Staff, &username, &ip).await?;
    let name = username.clone();
    let found = read(&state, move |conn| Ok(users::by_username(conn, &name)?)).await?;
    let stored = found.as_ref().filter(|u| u.active).map_or_else(
        || password::dummy_hash().to_owned(),
        |u| u.password_hash.clone(),
    );
    let matches = admitted.check(&state, password, stored).await?;
    let Some(user) = found.filter(|u| u.active && matches) else {
        metrics::counter!("stige_login_failures_total").increment(1);
        admitted.failed(&state).await?;
        return Err(ApiError::InvalidCredentials);
    };
    let tokens = open_session(
        &state,
        user.id,
        user.role,
        ip,
        AuditAction::AuthLogin,
        move |conn| admitted.succeeded(conn),
    )
    .await?;
    Ok(HttpResponse::Ok().json(tokens))
}

/// Opens a session for `user` (whose organisation role is `role`), audited as
/// `action` from `ip`; `also` runs in the same transaction.
pub(crate) async fn open_session<F>(
    state: &web::Data<AppState>,
    user: i64,
    role: Role,
    ip: String,
    action: AuditAction,
    also: F,
) -> Result<TokenResponse, ApiError>
where
    F: FnOnce(&mut stige_store::DbConnection) -> Result<(), ApiError> + Send + 'static,
{
    let refresh_token = new_refresh_token();
    let hash = hash_token(&refresh_token);
    let ends = stige_store::now() + Duration::seconds(state.session_lifetime_secs);
    let session = write(state, move |conn| {
        also(conn)?;
        let s = users::create_session(conn, UserId(user), &hash, ends)?;
        audit::record(
            conn,
            AuditEvent {
                actor: Actor::User(UserId(user)),
                action,
                participant: None,
                ip: Some(&ip),
                detail: None,
            },
        )?;
        Ok(s)
    })
    .await?;
    token_response(state, user, session.id, role, refresh_token)
}

/// Trade a refresh token for a new access token and refresh token (each refresh
/// token works once). A refresh token that was already traded in ends its
/// whole session: someone else holds a copy. A session ends at its absolute
/// end (`STIGE_SESSION_HOURS` after sign-in) and when unused for
/// `STIGE_SESSION_IDLE_MINUTES`; no refresh moves either.
#[utoipa::path(tag = "auth", request_body = RefreshRequest, responses(
    (status = 200, body = TokenResponse),
    problem::Unauthorized,
))]
#[post("/auth/refresh")]
pub async fn refresh(
    state: web::Data<AppState>,
    body: web::Json<RefreshRequest>,
) -> Result<HttpResponse, ApiError> {
    let old_hash = hash_token(&body.refresh_token);
    let refresh_token = new_refresh_token();
    let new_hash = hash_token(&refresh_token);
    let clock = crate::auth::principal::session_clock(state.session_idle_secs);
    let found = write(&state, move |conn| {
        let Some(session) = users::session_by_refresh_hash(conn, &old_hash)? else {
            end_session_of_replayed(conn, &old_hash)?;
            return Ok(None);
        };
        let Some((session, user)) = users::active_session(conn, session.id, clock)? else {
            return Ok(None);
        };
        if !users::rotate_refresh(conn, session.id, &old_hash, &new_hash)? {
            return Ok(None);
        }
        Ok(Some((session.id, user.id, user.role)))
    })
    .await?;
    let (session, user, role) = found.ok_or(ApiError::Unauthorized)?;
    Ok(HttpResponse::Ok().json(token_response(&state, user, session, role, refresh_token)?))
}

/// A refresh token that was traded in before is used again: whoever holds
/// it, the session is no longer safe, so it ends (and the event is audited).
fn end_session_of_replayed(
    conn: &mut stige_store::DbConnection,
    hash: &str,
) -> Result<(), ApiError> {
    let Some((session, user)) = users::session_of_spent_refresh(conn, hash)? else {
        return Ok(());
    };
    users::revoke_session(conn, session)?;
    tracing::warn!(
        session,
        user,
        "a spent refresh token was used again: session ended"
    );
    audit::record(
        conn,
        AuditEvent {
            actor: Actor::User(UserId(user)),
            action: AuditAction::AuthRefreshReplayed,
            participant: None,
            ip: None,
            detail: Some(format!("session={session}")),
        },
    )?;
    Ok(())
}

/// End this session: its access and refresh tokens stop working at once.
#[utoipa::path(tag = "auth", security(("staff" = [])), responses(
    (status = 204),
    problem::Unauthorized,
))]
#[post("/auth/logout")]
pub async fn logout(
    state: web::Data<AppState>,
    SignedIn(staff): SignedIn,
) -> Result<HttpResponse, ApiError> {
    write(&state, move |conn| {
        users::revoke_session(conn, staff.session)?;
        audit::record(
            conn,
            AuditEvent {
                actor: staff.actor(),
                action: AuditAction::AuthLogout,
                participant: None,
                ip: staff.ip.as_deref(),
                detail: None,
            },
        )?;
        Ok(())
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Sign out everywhere: every session of the signed-in staff member ends at
/// once, this one included (a lost phone, a shared computer).
#[utoipa::path(tag = "auth", security(("staff" = [])), responses(
    (status = 204),
    problem::Unauthorized,
))]
#[post("/auth/logout-everywhere")]
pub async fn logout_everywhere(
    state: web::Data<AppState>,
    SignedIn(staff): SignedIn,
) -> Result<HttpResponse, ApiError> {
    write(&state, move |conn| {
        let ended = users::revoke_all_sessions(conn, staff.id)?;
        audit::record(
            conn,
            AuditEvent {
                actor: staff.actor(),
                action: AuditAction::AuthLogoutEverywhere,
                participant: None,
                ip: staff.ip.as_deref(),
                detail: Some(format!("sessions={ended}")),
            },
        )?;
        Ok(())
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The signed-in user: a staff member, or a partner user with the agreement
/// they follow.
#[utoipa::path(tag = "auth", security(("staff" = [])), responses(
    (status = 200, body = Me),
    problem::Unauthorized,
))]
#[get("/auth/me")]
pub async fn me(
    state: web::Data<AppState>,
    SignedIn(staff): SignedIn,
) -> Result<HttpResponse, ApiError> {
    let (id, session) = (staff.id, staff.session);
    let organisation = staff.reach.organisation();
    let (user, organisation, followed, session) = read(&state, move |conn| {
        let user = users::by_id(conn, id)?;
        let organisation = match organisation {
            Some(o) => stige_store::organisations::get(conn, o.0)?,
            None => None,
        };
        let followed = match user.as_ref().and_then(|u| u.agreement_id) {
            Some(agreement) => crate::partner_view::followed_agreement(conn, agreement)?,
            None => None,
        };
        Ok((
            user,
            organisation,
            followed,
            users::session_by_id(conn, session)?,
        ))
    })
    .await?;
    let user = user.ok_or(ApiError::Unauthorized)?;
    Ok(HttpResponse::Ok().json(Me {
        id,
        username: user.username,
        display_name: user.display_name,
        role: staff.role,
        organisation: organisation.map(crate::organisations::to_organisation),
        programmes: (staff.reach.programmes().iter())
            .map(|(ladder_id, role)| stige_wire::ProgrammeRole {
                ladder_id: *ladder_id,
                role: *role,
            })
            .collect(),
        followed_agreement: followed,
        session_idle_secs: state.session_idle_secs,
        session_ends_at: session.map(|s| s.ends_at),
    }))
}
