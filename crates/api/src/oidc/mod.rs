//! OpenID Connect sign-in: the authorization code flow with PKCE, `state`
//! and `nonce`, against the staff's identity provider named by
//! `STIGE_OIDC_ISSUER`, and against partners' own providers
//! (`STIGE_PARTNER_OIDC`) for their partner users (discovery, and keys
//! fetched again when a token is signed with a key Stige has not seen: key
//! rotation). The routes are in `routes::oidc`.

pub mod config;
pub mod roles;

use openidconnect::core::{
    CoreAuthDisplay, CoreAuthPrompt, CoreErrorResponseType, CoreGenderClaim, CoreJsonWebKey,
    CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm, CoreProviderMetadata,
    CoreResponseType, CoreRevocableToken, CoreRevocationErrorResponse,
    CoreTokenIntrospectionResponse, CoreTokenType,
};
use openidconnect::{
    AdditionalClaims, AuthenticationFlow, AuthorizationCode, ClaimsVerificationError, ClientId,
    ClientSecret, CsrfToken, EmptyExtraTokenFields, EndpointMaybeSet, EndpointNotSet, EndpointSet,
    IdTokenFields, IssuerUrl, Nonce, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope,
    SignatureVerificationError, StandardErrorResponse, StandardTokenResponse,
};
use openidconnect::{TokenResponse as _, reqwest};
use roles::RoleMapping;
use serde::{Deserialize, Serialize};
use std::time::{Duration, Instant};
use stige_domain::Role;
use tokio::sync::RwLock;

/// The claims beyond the standard ones, kept whole: the role claim's name is
/// configured (`groups`, `roles`, `realm_access.roles`, ...).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct OtherClaims {
    #[serde(flatten)]
    pub claims: serde_json::Map<String, serde_json::Value>,
}

impl AdditionalClaims for OtherClaims {}

type Fields = IdTokenFields<
    OtherClaims,
    EmptyExtraTokenFields,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm,
>;
type Tokens = StandardTokenResponse<Fields, CoreTokenType>;
type Client = openidconnect::Client<
    OtherClaims,
    CoreAuthDisplay,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJsonWebKey,
    CoreAuthPrompt,
    StandardErrorResponse<CoreErrorResponseType>,
    Tokens,
    CoreTokenIntrospectionResponse,
    CoreRevocableToken,
    CoreRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// How the identity provider is set up (environment variables in the README).
#[derive(Debug, Clone)]
pub struct OidcSettings {
    /// `STIGE_OIDC_ISSUER`.
    pub issuer: String,
    /// `STIGE_OIDC_CLIENT_ID`, `STIGE_OIDC_CLIENT_SECRET`.
    pub client_id: String,
    pub client_secret: Option<String>,
    /// `STIGE_OIDC_NAME`: shown on the sign-in button.
    pub provider_name: String,
    /// `STIGE_OIDC_SCOPES`.
    pub scopes: Vec<String>,
    /// Whom the provider signs in.
    pub signs_in: SignsIn,
    /// Where Stige is reached (`STIGE_PUBLIC_URL`): the callback is under it.
    pub public_url: String,
    /// Seconds added to this server's clock when checking an ID token's
    /// times (0; tests use it to receive a token after its expiry).
    pub clock_offset_secs: i64,
}

/// Whom a provider signs in.
#[derive(Debug, Clone)]
pub enum SignsIn {
    /// The staff of one organisation, with the role mapped from a claim
    /// (`STIGE_OIDC_ROLE_CLAIM`, `STIGE_OIDC_ROLES`, `STIGE_OIDC_ORGANISATION`).
    Staff {
        role_claim: String,
        roles: RoleMapping,
        organisation: i64,
    },
    /// The partner users invited to agreements of the partner with this
    /// organisation number; `key` names the provider in its URLs.
    Partner {
        key: String,
        organisation_number: String,
    },
}

impl OidcSettings {
    /// Where the browser begins and returns: under this path.
    pub fn path(&self) -> String {
        match &self.signs_in {
            SignsIn::Staff { .. } => "/api/v1/auth/oidc".to_owned(),
            SignsIn::Partner { key, .. } => format!("/api/v1/auth/partner-sign-in/{key}"),
        }
    }

    pub fn redirect_url(&self) -> String {
        format!("{}{}/callback", self.public_url, self.path())
    }
}

/// Why a sign-in through the provider was refused; its code is what the web
/// app shows a message for (`/#sign_in_error=<code>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// No sign-in under way with this `state`, or begun in another browser.
    State,
    /// The ID token's nonce is not the one this sign-in sent.
    Nonce,
    /// The ID token has expired.
    Expired,
    /// The ID token was issued by another issuer.
    Issuer,
    /// The ID token's signature, audience or form is wrong.
    Token,
    /// No role is mapped from the user's groups or roles.
    UnknownGroup,
    /// The user is deactivated in Stige.
    Deactivated,
    /// No partner user of this partner was invited with the provider's
    /// username (a partner's provider creates no one).
    NotInvited,
    /// The provider answered with an error, or could not be reached.
    Provider,
}

impl Refusal {
    pub fn code(self) -> &'static str {
        match self {
            Refusal::State => "state",
            Refusal::Nonce => "nonce",
            Refusal::Expired => "expired",
            Refusal::Issuer => "issuer",
            Refusal::Token => "token",
            Refusal::UnknownGroup => "unknown-group",
            Refusal::Deactivated => "deactivated",
            Refusal::NotInvited => "not-invited",
            Refusal::Provider => "provider",
        }
    }
}

/// Who the provider says signed in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub subject: String,
    pub username: String,
    pub display_name: String,
    pub role: Role,
}

/// A sign-in to send the browser to.
#[derive(Debug)]
pub struct Authorization {
    pub url: String,
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
}

/// Discovery is read again after this long, or at once on an unknown key.
const METADATA_TTL: Duration = Duration::from_secs(10 * 60);

/// The identity provider, its metadata cached.
#[derive(Debug)]
pub struct Oidc {
    pub settings: OidcSettings,
    http: reqwest::Client,
    metadata: RwLock<Option<(Instant, CoreProviderMetadata)>>,
}

impl Oidc {
    pub fn new(settings: OidcSettings) -> anyhow::Result<Self> {
        let http = reqwest::Client::builder()
            // Redirects from the provider's endpoints are refused (SSRF).
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            // Connections are not kept between requests: the server's workers
            // each run their own runtime.
            .pool_max_idle_per_host(0)
            .build()?;
        Ok(Self {
            settings,
            http,
            metadata: RwLock::new(None),
        })
    }

    async fn metadata(&self, fresh: bool) -> Result<CoreProviderMetadata, String> {
        if !fresh
            && let Some((at, metadata)) = &*self.metadata.read().await
            && at.elapsed() < METADATA_TTL
        {
            return Ok(metadata.clone());
        }
        let issuer = IssuerUrl::new(self.settings.issuer.clone()).map_err(|e| e.to_string())?;
        let metadata = CoreProviderMetadata::discover_async(issuer, &self.http)
            .await
            .map_err(|e| format!("discovery at {}: {e}", self.settings.issuer))?;
        *self.metadata.write().await = Some((Instant::now(), metadata.clone()));
        Ok(metadata)
    }

    async fn client(&self, fresh: bool) -> Result<Client, String> {
        let metadata = self.metadata(fresh).await?;
        let redirect = RedirectUrl::new(self.settings.redirect_url()).map_err(|e| e.to_string())?;
        Ok(Client::from_provider_metadata(
            metadata,
            ClientId::new(self.settings.client_id.clone()),
            self.settings.client_secret.clone().map(ClientSecret::new),
        )
        .set_redirect_uri(redirect))
    }

    /// A new sign-in: where to send the browser, and what to keep for its return.
    pub async fn authorize(&self) -> Result<Authorization, String> {
        let client = self.client(false).await?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = client
            .authorize_url(
                AuthenticationFlow::<CoreResponseType>::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .set_pkce_challenge(challenge);
        for scope in self.settings.scopes.iter().filter(|s| *s != "openid") {
            request = request.add_scope(Scope::new(scope.clone()));
        }
        let (url, state, nonce) = request.url();
        Ok(Authorization {
            url: url.to_string(),
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            pkce_verifier: verifier.secret().clone(),
        })
    }

    /// Trades the provider's code for tokens and checks the ID token: its
    /// signature (keys fetched again once if none matches), issuer, audience,
    /// expiry and nonce; then maps its claims to a Stige role.
    pub async fn identify(
        &self,
        code: String,
        pkce_verifier: String,
        nonce: String,
    ) -> Result<Identity, (Refusal, String)> {
        let provider = |e: String| (Refusal::Provider, e);
        let client = self.client(false).await.map_err(provider)?;
        let tokens = client
            .exchange_code(AuthorizationCode::new(code))
            .map_err(|e| provider(e.to_string()))?
            .set_pkce_verifier(PkceCodeVerifier::new(pkce_verifier))
            .request_async(&self.http)
            .await
            .map_err(|e| provider(format!("token endpoint: {}", chain(&e))))?;
        let id_token = tokens
            .id_token()
            .ok_or_else(|| (Refusal::Token, "no ID token in the answer".to_owned()))?;
        let nonce = Nonce::new(nonce);
        let offset = chrono::Duration::seconds(self.settings.clock_offset_secs);
        let check = |client: &Client| {
            let verifier = client
                .id_token_verifier()
                .set_time_fn(move || chrono::Utc::now() + offset);
            id_token.claims(&verifier, &nonce).cloned()
        };
        let claims = match check(&client) {
            Err(ClaimsVerificationError::SignatureVerification(
                SignatureVerificationError::NoMatchingKey,
            )) => {
                // The provider has rotated its keys: read them again, once.
                let fresh = self.client(true).await.map_err(provider)?;
                check(&fresh)
            }
            other => other,
        }
        .map_err(|e| (refusal_of(&e), e.to_string()))?;
        let role = match &self.settings.signs_in {
            SignsIn::Partner { .. } => Role::Partner,
            SignsIn::Staff {
                role_claim, roles, ..
            } => roles
                .role_for(&claims.additional_claims().claims, role_claim)
                .ok_or_else(|| {
                    (
                        Refusal::UnknownGroup,
                        format!("no role is mapped from the claim {role_claim}"),
                    )
                })?,
        };
        let subject = claims.subject().as_str().to_owned();
        let username = claims
            .preferred_username()
            .map(|u| u.as_str().to_owned())
            .or_else(|| claims.email().map(|e| e.as_str().to_owned()))
            .unwrap_or_else(|| subject.clone());
        let display_name = claims
            .name()
            .and_then(|n| n.get(None))
            .map(|n| n.as_str().to_owned())
            .unwrap_or_else(|| username.clone());
        Ok(Identity {
            subject,
            username,
            display_name,
            role,
        })
    }
}

/// An error with its causes, for the log and the audit.
fn chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

fn refusal_of(e: &ClaimsVerificationError) -> Refusal {
    match e {
        ClaimsVerificationError::Expired(_) => Refusal::Expired,
        ClaimsVerificationError::InvalidIssuer(_) => Refusal::Issuer,
        ClaimsVerificationError::InvalidNonce(_) => Refusal::Nonce,
        _ => Refusal::Token,
    }
}
