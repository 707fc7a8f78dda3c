//! Client methods for partners' work: staff manage partners, agreements, API clients,
//! referrals and consents; partners refer people and follow them.

use crate::client::{Client, ClientError};
use reqwest::Method;
use stige_domain::{ParticipantId, UserId};
use stige_wire::accounts::PasswordResetLink;
use stige_wire::partners::*;
use stige_wire::types::Page;

/// A query string of the set parameters.
pub(crate) fn query(pairs: &[(&str, Option<String>)]) -> String {
    let set: Vec<String> = pairs
        .iter()
        .filter_map(|(k, v)| {
            v.as_ref().map(|v| {
                format!(
                    "{k}={}",
                    url::form_urlencoded::byte_serialize(v.as_bytes()).collect::<String>()
                )
            })
        })
        .collect();
    if set.is_empty() {
        String::new()
    } else {
        format!("?{}", set.join("&"))
    }
}

impl Client {
    // --- staff: partners and agreements ---

    pub async fn partners(&self) -> Result<Vec<Partner>, ClientError> {
        Self::send(self.get("/api/v1/partners")).await
    }

    pub async fn create_partner(&self, partner: &PartnerInput) -> Result<Partner, ClientError> {
        Self::send(self.post("/api/v1/partners", partner)).await
    }

    pub async fn update_partner(
        &self,
        id: i64,
        partner: &PartnerInput,
    ) -> Result<Partner, ClientError> {
        Self::send(self.put(&format!("/api/v1/partners/{id}"), partner)).await
    }

    pub async fn agreements(&self) -> Result<Vec<Agreement>, ClientError> {
        Self::send(self.get("/api/v1/agreements")).await
    }

    pub async fn agreement(&self, id: i64) -> Result<Agreement, ClientError> {
        Self::send(self.get(&format!("/api/v1/agreements/{id}"))).await
    }

    pub async fn create_agreement(
        &self,
        agreement: &AgreementInput,
    ) -> Result<Agreement, ClientError> {
        Self::send(self.post("/api/v1/agreements", agreement)).await
    }

    /// New terms; `version` is the one last read (sent as `If-Match`).
    pub async fn update_agreement(
        &self,
        id: i64,
        agreement: &AgreementInput,
        version: i64,
    ) -> Result<Agreement, ClientError> {
        let rb = self
            .put(&format!("/api/v1/agreements/{id}"), agreement)
            .header("If-Match", format!("\"{version}\""));
        Self::send(rb).await
    }

    /// The agreement's report (staff, or the agreement's partner).
    pub async fn agreement_report(&self, id: i64) -> Result<AgreementReport, ClientError> {
        Self::send(self.get(&format!("/api/v1/agreements/{id}/report"))).await
    }

    pub async fn api_clients(&self, agreement: i64) -> Result<Vec<ApiClient>, ClientError> {
        Self::send(self.get(&format!("/api/v1/agreements/{agreement}/clients"))).await
    }

    pub async fn create_api_client(
        &self,
        agreement: i64,
        client: &NewApiClient,
    ) -> Result<ApiClientSecret, ClientError> {
        Self::send(self.post(&format!("/api/v1/agreements/{agreement}/clients"), client)).await
    }

    /// Admin: the agreement's partner users.
    pub async fn partner_users(&self, agreement: i64) -> Result<Vec<PartnerUser>, ClientError> {
        Self::send(self.get(&format!("/api/v1/agreements/{agreement}/users"))).await
    }

    /// Admin: invite someone at the partner to the partner view.
    pub async fn invite_partner_user(
        &self,
        agreement: i64,
        user: &NewPartnerUser,
    ) -> Result<PartnerUserInvitation, ClientError> {
        Self::send(self.post(&format!("/api/v1/agreements/{agreement}/users"), user)).await
    }

    /// Admin: a new one-time sign-in link for a partner user.
    pub async fn partner_user_link(
        &self,
        agreement: i64,
        user: UserId,
    ) -> Result<PasswordResetLink, ClientError> {
        Self::send(self.post(
            &format!("/api/v1/agreements/{agreement}/users/{user}/link"),
            &(),
        ))
        .await
    }

    /// Admin: deactivate or reactivate a partner user.
    pub async fn set_partner_user_active(
        &self,
        agreement: i64,
        user: UserId,
        active: bool,
    ) -> Result<PartnerUser, ClientError> {
        Self::send(self.put(
            &format!("/api/v1/agreements/{agreement}/users/{user}/active"),
            &PartnerUserActive {
                active: Some(active),
            },
        ))
        .await
    }

    pub async fn rotate_api_client(&self, id: i64) -> Result<ApiClientSecret, ClientError> {
        Self::send(self.post(&format!("/api/v1/api-clients/{id}/rotate"), &())).await
    }

    pub async fn revoke_api_client(&self, id: i64) -> Result<ApiClient, ClientError> {
        Self::send(self.post(&format!("/api/v1/api-clients/{id}/revoke"), &())).await
    }

    // --- referrals (staff and partners) ---

    pub async fn referrals(&self, q: &ReferralQuery) -> Result<Page<Referral>, ClientError> {
        let qs = query(&[
            ("status", q.status.map(|s| s.as_str().to_owned())),
            ("agreement_id", q.agreement_id.map(|a| a.to_string())),
            ("page", q.page.map(|p| p.to_string())),
            ("per_page", q.per_page.map(|p| p.to_string())),
        ]);
        Self::send(self.get(&format!("/api/v1/referrals{qs}"))).await
    }

    pub async fn referral(&self, id: i64) -> Result<Referral, ClientError> {
        Self::send(self.get(&format!("/api/v1/referrals/{id}"))).await
    }

    /// Staff: a triage decision.
    pub async fn triage(&self, id: i64, request: &TriageRequest) -> Result<Referral, ClientError> {
        Self::send(self.post(&format!("/api/v1/referrals/{id}/triage"), request)).await
    }

    /// Partner: refers a person. Send the same `idempotency_key` when retrying the
    /// same referral; the first answer is replayed and no second referral is made.
    pub async fn refer(
        &self,
        referral: &NewReferral,
        idempotency_key: &str,
    ) -> Result<Referral, ClientError> {
        Self::send(
            self.post("/api/v1/referrals", referral)
                .header("Idempotency-Key", idempotency_key),
        )
        .await
    }

    /// Partner: proposes a change for a person it follows. Send the same
    /// `idempotency_key` when retrying; no second proposal is made.
    pub async fn propose(
        &self,
        participant: ParticipantId,
        proposal: &NewProposal,
        idempotency_key: &str,
    ) -> Result<ChangeProposal, ClientError> {
        Self::send(
            self.post(
                &format!("/api/v1/participants/{participant}/proposals"),
                proposal,
            )
            .header("Idempotency-Key", idempotency_key),
        )
        .await
    }

    /// Staff: proposals to their programmes; partner: its own. Newest first.
    pub async fn proposals(&self, q: &ProposalQuery) -> Result<Vec<ChangeProposal>, ClientError> {
        let qs = query(&[("status", q.status.map(|s| s.as_str().to_owned()))]);
        Self::send(self.get(&format!("/api/v1/proposals{qs}"))).await
    }

    /// Staff: accepts (carrying the change out) or declines a proposal.
    pub async fn decide_proposal(
        &self,
        id: i64,
        decision: &ProposalDecision,
    ) -> Result<ChangeProposal, ClientError> {
        Self::send(self.post(&format!("/api/v1/proposals/{id}/decision"), decision)).await
    }

    /// Staff: the agreements linked to a participant over time.
    pub async fn agreement_links(
        &self,
        participant: ParticipantId,
    ) -> Result<Vec<AgreementLink>, ClientError> {
        Self::send(self.get(&format!("/api/v1/participants/{participant}/agreements"))).await
    }

    /// Staff: links a participant to another agreement of their programme.
    pub async fn link_agreement(
        &self,
        participant: ParticipantId,
        link: &NewAgreementLink,
    ) -> Result<Vec<AgreementLink>, ClientError> {
        Self::send(self.post(
            &format!("/api/v1/participants/{participant}/agreements"),
            link,
        ))
        .await
    }

    /// Staff: ends a participant's link to an agreement.
    pub async fn end_agreement_link(
        &self,
        participant: ParticipantId,
        link: i64,
        ending: &AgreementLinkEnding,
    ) -> Result<Vec<AgreementLink>, ClientError> {
        Self::send(self.put(
            &format!("/api/v1/participants/{participant}/agreements/{link}/ending"),
            ending,
        ))
        .await
    }

    /// Staff: records a referral that came by phone, letter, e-mail or at a
    /// meeting on a partner's behalf, or a self-referral.
    pub async fn record_referral(
        &self,
        referral: &RecordedReferral,
    ) -> Result<Referral, ClientError> {
        Self::send(self.post("/api/v1/referrals/recorded", referral)).await
    }

    /// Partner: withdraws an undecided referral.
    pub async fn withdraw_referral(&self, id: i64) -> Result<Referral, ClientError> {
        Self::send(self.post(&format!("/api/v1/referrals/{id}/withdraw"), &())).await
    }

    // --- consents (staff) ---

    pub async fn consents(&self, participant: ParticipantId) -> Result<Vec<Consent>, ClientError> {
        Self::send(self.get(&format!("/api/v1/participants/{participant}/consents"))).await
    }

    /// Records consent for each category; returns the participant's whole ledger.
    pub async fn give_consent(
        &self,
        participant: ParticipantId,
        consent: &NewConsent,
    ) -> Result<Vec<Consent>, ClientError> {
        Self::send(self.post(
            &format!("/api/v1/participants/{participant}/consents"),
            consent,
        ))
        .await
    }

    pub async fn revoke_consent(
        &self,
        participant: ParticipantId,
        consent: i64,
        revocation: &ConsentRevocation,
    ) -> Result<Vec<Consent>, ClientError> {
        Self::send(self.post(
            &format!("/api/v1/participants/{participant}/consents/{consent}/revoke"),
            revocation,
        ))
        .await
    }

    // --- what partners read ---

    /// Partner: the people under its agreement, consent-filtered.
    pub async fn partner_participants(
        &self,
        page: i64,
        per_page: i64,
    ) -> Result<Page<PartnerParticipant>, ClientError> {
        Self::send(self.get(&format!(
            "/api/v1/participants?page={page}&per_page={per_page}"
        )))
        .await
    }

    pub async fn partner_participant(
        &self,
        id: ParticipantId,
    ) -> Result<PartnerParticipant, ClientError> {
        Self::send(self.get(&format!("/api/v1/participants/{id}"))).await
    }

    /// Partner: the change feed after `after` (from the start when `None`).
    pub async fn events(
        &self,
        after: Option<&str>,
        limit: Option<i64>,
    ) -> Result<EventsPage, ClientError> {
        let qs = query(&[
            ("after", after.map(str::to_owned)),
            ("limit", limit.map(|l| l.to_string())),
        ]);
        Self::send(self.get(&format!("/api/v1/events{qs}"))).await
    }

    /// OAuth 2.0 client credentials with `client_secret_basic`: a partner token.
    pub async fn client_credentials(
        &self,
        client_id: &str,
        client_secret: &str,
    ) -> Result<ClientToken, ClientError> {
        let form = [("grant_type", "client_credentials")];
        Self::send(
            self.request(Method::POST, "/api/v1/auth/token")
                .basic_auth(client_id, Some(client_secret))
                .form(&form),
        )
        .await
    }
}

/// A partner's session: fetches a token with its client credentials and renews it
/// shortly before it expires. Native only (it keeps time with the system clock).
#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug)]
pub struct PartnerSession {
    base: Client,
    client_id: String,
    client_secret: String,
    current: token_slot::Slot,
}

#[cfg(not(target_arch = "wasm32"))]
mod token_slot {
    use std::sync::Mutex;
    use std::time::Instant;

    /// The current token and when to renew it.
    #[derive(Debug, Default)]
    pub struct Slot(pub Mutex<Option<(String, Instant)>>);
}

#[cfg(not(target_arch = "wasm32"))]
impl PartnerSession {
    pub fn new(base: &Client, client_id: &str, client_secret: &str) -> Self {
        Self {
            base: base.clone(),
            client_id: client_id.to_owned(),
            client_secret: client_secret.to_owned(),
            current: token_slot::Slot::default(),
        }
    }

    /// A client carrying a valid token: the cached one, or a new one when it has
    /// less than a minute left.
    pub async fn client(&self) -> Result<Client, ClientError> {
        let now = std::time::Instant::now();
        let cached = self.current.0.lock().ok().and_then(|slot| {
            slot.as_ref()
                .filter(|(_, renew)| *renew > now)
                .map(|(t, _)| t.clone())
        });
        if let Some(token) = cached {
            return Ok(self.base.with_token(token));
        }
        let fresh = self
            .base
            .client_credentials(&self.client_id, &self.client_secret)
            .await?;
        let lifetime = u64::try_from(fresh.expires_in.saturating_sub(60)).unwrap_or(0);
        let renew = now + std::time::Duration::from_secs(lifetime);
        if let Ok(mut slot) = self.current.0.lock() {
            *slot = Some((fresh.access_token.clone(), renew));
        }
        Ok(self.base.with_token(fresh.access_token))
    }

    /// Forgets the token (after a 401, say), so the next call fetches a new one.
    pub fn forget_token(&self) {
        if let Ok(mut slot) = self.current.0.lock() {
            *slot = None;
        }
    }
}
