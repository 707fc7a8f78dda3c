//! The logged-in staff member, extracted from the bearer token and a live session.

use crate::error::ApiError;
use crate::routes::on_store;
use crate::state::AppState;
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};
use std::future::Future;
use std::pin::Pin;
use stige_domain::{Role, UserId};

/// A staff member with a valid access token whose session is still open.
#[derive(Debug, Clone)]
pub struct Staff {
    pub id: UserId,
    pub role: Role,
    pub session: i64,
    pub display_name: String,
    /// The caller's address, for the audit trail.
    pub ip: Option<String>,
}

impl Staff {
    /// Refuses roles other than `allowed` with 403.
    pub fn require(&self, allowed: &[Role]) -> Result<(), ApiError> {
        if allowed.contains(&self.role) {
            Ok(())
        } else {
            Err(ApiError::Forbidden)
        }
    }

    pub fn actor(&self) -> stige_store::audit::Actor {
        stige_store::audit::Actor::User(self.id)
    }
}

pub fn bearer(req: &HttpRequest) -> Option<String> {
    req.headers()
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(|t| t.trim().to_owned())
}

pub fn peer_ip(req: &HttpRequest) -> Option<String> {
    req.peer_addr().map(|a| a.ip().to_string())
}

impl FromRequest for Staff {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let token = bearer(req);
        let ip = peer_ip(req);
        Box::pin(async move {
            let state =
                state.ok_or_else(|| ApiError::Unexpected(anyhow::anyhow!("no app state")))?;
            let claims = token
                .and_then(|t| state.tokens.verify(&t))
                .ok_or(ApiError::Unauthorized)?;
            let user_id: i64 = claims.sub.parse().map_err(|_| ApiError::Unauthorized)?;
            let found = on_store(&state.store, move |store, _turn| -> Result<_, ApiError> {
                let mut conn = store.conn()?;
                Ok(stige_store::users::active_session(
                    &mut conn,
                    claims.sid,
                    stige_store::now(),
                )?)
            })
            .await??;
            let (session, user) = found.ok_or(ApiError::Unauthorized)?;
            if session.user_id != user_id {
                return Err(ApiError::Unauthorized);
            }
            // The role is read from the database, so a changed role applies at once.
            let role = Role::parse(&user.role).ok_or(ApiError::Unauthorized)?;
            Ok(Staff {
                id: UserId(user.id),
                role,
                session: session.id,
                display_name: user.display_name,
                ip,
            })
        })
    }
}
