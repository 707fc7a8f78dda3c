//! A partner's API client, extracted from a client-credentials token; and
//! [`Caller`], for the routes both staff and partners use.

use crate::auth::Staff;
use crate::auth::jwt::PartnerClaims;
use crate::auth::principal::{StaffToken, bearer, peer_ip};
use crate::error::ApiError;
use crate::routes::on_store;
use crate::state::AppState;
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};
use std::future::Future;
use std::pin::Pin;

/// An API client with a valid token, not revoked, acting for one agreement.
#[derive(Debug, Clone)]
pub struct PartnerClient {
    /// The API client's row id.
    pub client: i64,
    pub client_id: String,
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
        stige_store::audit::Actor::Partner(self.client)
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
        let Some(agreement) = stige_store::partners::agreement(&mut conn, client.agreement_id)?
        else {
            return Ok(None);
        };
        let organisation = stige_store::organisations::of_ladder(&mut conn, agreement.ladder_id)?;
        Ok(organisation.map(|o| (client, agreement.partner_id, agreement.ladder_id, o.id)))
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
        client: client.id,
        client_id: client.client_id,
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
        let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
            return Box::pin(std::future::ready(Err(ApiError::Unexpected(
                anyhow::anyhow!("no app state"),
            ))));
        };
        let claims = bearer(req).and_then(|t| state.tokens.verify_partner(&t));
        let ip = peer_ip(req);
        Box::pin(
            async move { partner_from(state, claims.ok_or(ApiError::Unauthorized)?, ip).await },
        )
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

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        // A partner's token is verified once, here; anything else is a staff token.
        let partner = state
            .clone()
            .zip(bearer(req).and_then(|t| state.as_ref()?.tokens.verify_partner(&t)));
        if let Some((state, claims)) = partner {
            let ip = peer_ip(req);
            Box::pin(async move { partner_from(state, claims, ip).await.map(Reader::Partner) })
        } else {
            let staff = StaffToken::from_request(req, payload).into_inner();
            Box::pin(async move { staff.map(Reader::Staff) })
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
