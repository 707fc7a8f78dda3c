//! A partner acting for one agreement: an API client with a client-credentials
//! token, or a partner user signed in to the web app's partner view; and
//! [`Caller`] and [`Reader`], for the routes both staff and partners use.

use crate::auth::jwt::PartnerClaims;
use crate::auth::principal::{Staff, StaffToken, bearer, peer_ip};
use crate::db::on_store;
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};
use std::future::Future;
use std::pin::Pin;
use stige_domain::{Role, UserId};
use stige_store::idempotency::Owner;

/// Who acts for the partner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PartnerAgent {
    /// An API client (its row id and `client_id`).
    ApiClient { id: i64, client_id: String },
    /// A partner user in the web app's partner view.
    User(UserId),
}

/// An API client with a valid token, not revoked, or a partner user whose
/// session is open, acting for one agreement.
#[derive(Debug, Clone)]
pub struct PartnerClient {
    pub agent: PartnerAgent,
    pub agreement: i64,
    pub partner: i64,
    /// The programme the agreement is about.
    pub ladder: i64,
    /// The organisation the partner cooperates with.
    pub organisation: stige_domain::OrganisationId,
    pub ip: Option<String>,
}

impl PartnerClient {
    pub fn actor(&self) -> stige_store::audit::Actor {
        match &self.agent {
            PartnerAgent::ApiClient { id, .. } => stige_store::audit::Actor::Partner(*id),
            PartnerAgent::User(user) => stige_store::audit::Actor::User(*user),
        }
    }

    /// Whose Idempotency-Keys the partner's requests carry.
    pub fn owner(&self) -> Owner {
        match &self.agent {
            PartnerAgent::ApiClient { id, .. } => Owner::ApiClient(*id),
            PartnerAgent::User(user) => Owner::User(user.0),
        }
    }

    /// The partner user acting, if it is one (not an API client).
    pub fn user(&self) -> Option<UserId> {
        match &self.agent {
            PartnerAgent::User(user) => Some(*user),
            PartnerAgent::ApiClient { .. } => None,
        }
    }
}

/// The partner user of staff-audience `token` (a session token whose role
/// is partner), checked against the database: the session open, the account
/// active, the agreement there.
async fn partner_user_from(
    state: web::Data<AppState>,
    token: StaffToken,
    ip: Option<String>,
) -> Result<PartnerClient, ApiError> {
    let found = on_store(&state.store, move |store, _turn| -> Result<_, ApiError> {
        let mut conn = store.conn()?;
        let holder = token.holder(&mut conn)?;
        let (Some(agreement), Some(Role::Partner)) = (holder.agreement_id, Some(holder.role))
        else {
            return Err(ApiError::Forbidden);
        };
        let found = stige_store::partners::agreement_with_organisation(&mut conn, agreement)?;
        Ok(found.map(|(agreement, organisation)| (holder.user_id, agreement, organisation)))
    })
    .await??;
    let (user, agreement, organisation) = found.ok_or(ApiError::Unauthorized)?;
    crate::row_scope::set(Some(stige_domain::OrganisationId(organisation)));
    Ok(PartnerClient {
        agent: PartnerAgent::User(UserId(user)),
        agreement: agreement.id,
        partner: agreement.partner_id,
        ladder: agreement.ladder_id,
        organisation: stige_domain::OrganisationId(organisation),
        ip,
    })
}

/// The partner of `req`: an API client's token, else a partner user's
/// session; 401 for neither.
fn partner_of(req: &HttpRequest) -> Pin<Box<dyn Future<Output = Result<PartnerClient, ApiError>>>> {
    let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
        return Box::pin(std::future::ready(Err(ApiError::Unexpected(
            anyhow::anyhow!("no app state"),
        ))));
    };
    let ip = peer_ip(req);
    if let Some(claims) = bearer(req).and_then(|t| state.tokens.verify_partner(&t)) {
        return Box::pin(partner_from(state, claims, ip));
    }
    match StaffToken::of(req, &state) {
        Ok(token) if token.is_partner_user() => Box::pin(partner_user_from(state, token, ip)),
        // A staff member's session is no partner's.
        Ok(_) | Err(_) => Box::pin(std::future::ready(Err(ApiError::Unauthorized))),
    }
}

/// The API client of partner token `claims` (already verified), checked
/// against the database.
async fn partner_from(
    state: web::Data<AppState>,
    claims: PartnerClaims,
    ip: Option<String>,
) -> Result<PartnerClient, ApiError> {
    let cid = claims.cid;
    let found = on_store(&state.store, move |store, _turn| -> Result<_, ApiError> {
        let mut conn = store.conn()?;
        let Some(client) = stige_store::partners::client(&mut conn, cid)? else {
            return Ok(None);
        };
        let found =
            stige_store::partners::agreement_with_organisation(&mut conn, client.agreement_id)?;
        Ok(found.map(|(agreement, organisation)| {
            (
                client,
                agreement.partner_id,
                agreement.ladder_id,
                organisation,
            )
        }))
    })
    .await??;
    // Checked on every request, so a revoked client's tokens stop at once.
    let (client, partner, ladder, organisation) = found.ok_or(ApiError::Unauthorized)?;
    if client.revoked_at.is_some()
        || client.client_id != claims.sub
        || client.agreement_id != claims.agr
    {
        return Err(ApiError::Unauthorized);
    }
    metrics::counter!("stige_partner_requests_total", "client" => client.client_id.clone())
        .increment(1);
    crate::row_scope::set(Some(stige_domain::OrganisationId(organisation)));
    Ok(PartnerClient {
        agent: PartnerAgent::ApiClient {
            id: client.id,
            client_id: client.client_id,
        },
        agreement: client.agreement_id,
        partner,
        ladder,
        organisation: stige_domain::OrganisationId(organisation),
        ip,
    })
}

impl FromRequest for PartnerClient {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        partner_of(req)
    }
}

/// Who reads participants, on a route that staff and partners share: a
/// partner, or a staff member whose session is checked with the read itself.
#[derive(Debug, Clone)]
pub enum Reader {
    Staff(StaffToken),
    Partner(PartnerClient),
}

impl FromRequest for Reader {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
            return Box::pin(std::future::ready(Err(ApiError::Unexpected(
                anyhow::anyhow!("no app state"),
            ))));
        };
        // A partner's token (an API client's, or a partner user's session)
        // goes to the partner's extractor; anything else is a staff token.
        let ip = peer_ip(req);
        if let Some(claims) = bearer(req).and_then(|t| state.tokens.verify_partner(&t)) {
            return Box::pin(
                async move { partner_from(state, claims, ip).await.map(Reader::Partner) },
            );
        }
        match StaffToken::of(req, &state) {
            Ok(token) if token.is_partner_user() => Box::pin(async move {
                partner_user_from(state, token, ip)
                    .await
                    .map(Reader::Partner)
            }),
            staff => Box::pin(std::future::ready(staff.map(Reader::Staff))),
        }
    }
}

/// Who calls a route that staff and partners share.
#[derive(Debug, Clone)]
pub enum Caller {
    Staff(Staff),
    Partner(PartnerClient),
}

impl Caller {
    /// The rows the caller's reads may touch: their organisation's (none for
    /// a platform admin).
    pub fn rows(&self) -> stige_store::row_security::RowScope {
        let organisation = match self {
            Caller::Staff(s) => s.reach.organisation(),
            Caller::Partner(p) => Some(p.organisation),
        };
        stige_store::row_security::RowScope::Organisation(organisation.map(|o| o.0))
    }
}

impl FromRequest for Caller {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let reader = Reader::from_request(req, payload);
        Box::pin(async move {
            match reader.await? {
                Reader::Partner(partner) => Ok(Caller::Partner(partner)),
                Reader::Staff(token) => {
                    let state = state
                        .ok_or_else(|| ApiError::Unexpected(anyhow::anyhow!("no app state")))?;
                    token.check(&state).await.map(Caller::Staff)
                }
            }
        })
    }
}
