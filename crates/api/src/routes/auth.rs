//! Login, token refresh, logout and "who am I".

use crate::auth::SignedIn;
use crate::db::{read, write};
use crate::error::ApiError;
use crate::openapi::problem;
use crate::sign_in;
use crate::state::AppState;
use crate::use_cases::sign_in::{self as sign_in_uc, SessionTerms};
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use stige_store::sign_in_attempts::Door;
use stige_wire::{LoginRequest, Me, Problem, RefreshRequest, TokenResponse};

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
    let claimed = read(&state, move |conn| {
        sign_in_uc::claimed_staff_member(conn, &username)
    })
    .await?;
    let matches = admitted
        .check(&state, password, claimed.secret_hash())
        .await?;
    let Some(holder) = claimed.proven(matches) else {
        metrics::counter!("stige_login_failures_total").increment(1);
        admitted.failed(&state).await?;
        return Err(ApiError::InvalidCredentials);
    };
    let terms = SessionTerms::of(&state);
    super::reply::write_ok(&state, move |conn| {
        sign_in_uc::sign_in_with_password(conn, &terms, &admitted, holder, &ip)
    })
    .await
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
    let terms = SessionTerms::of(&state);
    let clock = crate::auth::principal::session_clock(state.session_idle_secs);
    let refresh_token = body.into_inner().refresh_token;
    let tokens = write(&state, move |conn| {
        sign_in_uc::refresh_session(conn, &terms, &refresh_token, clock)
    })
    .await?;
    Ok(HttpResponse::Ok().json(tokens.ok_or(ApiError::Unauthorized)?))
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
    write(&state, move |conn| sign_in_uc::sign_out(conn, &staff)).await?;
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
        sign_in_uc::sign_out_everywhere(conn, &staff)
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
    let idle = state.session_idle_secs;
    super::reply::read_ok(&state, move |conn| {
        sign_in_uc::signed_in(conn, &staff, idle)
    })
    .await
}
