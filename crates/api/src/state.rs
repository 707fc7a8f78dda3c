//! What every handler shares.

use crate::auth::jwt::TokenKeys;
use stige_secrets::cipher::DataCipher;
use stige_store::Store;

#[derive(Clone, Debug)]
pub struct AppState {
    pub store: Store,
    pub tokens: TokenKeys,
    pub cipher: DataCipher,
    pub access_ttl_secs: i64,
    /// Seconds a session lives at most, however it is used.
    pub session_lifetime_secs: i64,
    /// Seconds a session may go unused before it ends.
    pub session_idle_secs: i64,
    pub links: EmployerLinks,
    /// Trusted proxies and the bound on concurrent password checks.
    pub sign_in: crate::sign_in_guard::SignInGuard,
    /// Whether staff may sign in with a password (`STIGE_PASSWORD_SIGN_IN`).
    pub password_sign_in: bool,
    /// The identity provider for single sign-on, when one is set up.
    pub single_sign_on: Option<std::sync::Arc<crate::oidc::Oidc>>,
    /// Partners' own identity providers, for their partner users.
    pub partner_sign_on: Vec<std::sync::Arc<crate::oidc::Oidc>>,
    /// Who delivers messages: a mail server or staff by hand.
    pub delivery: crate::mail::Delivery,
    /// Whether the log is JSON lines (`STIGE_LOG_FORMAT=json`): then each
    /// request's line is written by `crate::metrics::observe`, with its id.
    pub json_logs: bool,
}

/// Links sent to employers.
#[derive(Clone, Debug)]
pub struct EmployerLinks {
    /// Where employers reach the web app, e.g. `https://stige.example.no`.
    pub public_url: String,
    /// Days an invitation stays valid.
    pub ttl_days: i64,
}
