//! A real OpenID provider for the tests: `e2e/oidc-provider.mjs` (the
//! certified `oidc-provider` package from npm) on a loopback port, and a
//! browser-like client that signs in through it.

use crate::helpers::{AppOptions, Sent, TestApp, spawn_app_with};
use reqwest::StatusCode;
use reqwest::header::LOCATION;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;
use stige_api::oidc::roles::RoleMapping;
use stige_api::oidc::{OidcSettings, SignsIn};

pub const CLIENT_ID: &str = "stige";
pub const CLIENT_SECRET: &str = "stige-test-secret";
/// How long a starting provider may take to print its issuer (it takes well
/// under a second; generous for a loaded machine).
const START_TIMEOUT: Duration = Duration::from_secs(30);

/// The provider's node process; stopped when dropped.
pub struct IdentityProvider {
    child: Child,
    pub issuer: String,
}

impl IdentityProvider {
    /// Starts the provider with Stige's callback `redirect_uri` registered.
    /// A provider that has not said where it listens within
    /// [`START_TIMEOUT`] is stopped and started again (a stalled start must
    /// not hang the suite); after three tries the test fails with what the
    /// provider printed on stderr.
    pub fn start(redirect_uri: &str) -> Self {
        let mut failures = Vec::new();
        for _ in 0..3 {
            match Self::try_start(redirect_uri) {
                Ok(idp) => return idp,
                Err(why) => failures.push(why),
            }
        }
        panic!(
            "the identity provider (node e2e/oidc-provider.mjs) did not start:\n{}",
            failures.join("\n---\n")
        );
    }

    fn try_start(redirect_uri: &str) -> Result<Self, String> {
        let script =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../e2e/oidc-provider.mjs");
        let mut child = Command::new("node")
            .arg(&script)
            .env("OIDC_CLIENT_ID", CLIENT_ID)
            .env("OIDC_CLIENT_SECRET", CLIENT_SECRET)
            .env("OIDC_REDIRECT_URIS", redirect_uri)
            .env("PORT", "0")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("node runs e2e/oidc-provider.mjs (npm ci in e2e/ installs oidc-provider)");
        let stdout = child.stdout.take().expect("stdout");
        let stderr = child.stderr.take().expect("stderr");
        // Both pipes are read to their end on threads of their own, so the
        // provider never writes into a full or closed pipe.
        let errors = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = std::io::Read::read_to_string(&mut BufReader::new(stderr), &mut text);
            text
        });
        let (sender, issuer) = mpsc::channel();
        std::thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines().map_while(Result::ok);
            if let Some(issuer) = lines
                .by_ref()
                .find_map(|line| line.strip_prefix("ISSUER=").map(str::to_owned))
            {
                let _ = sender.send(issuer);
            }
            lines.for_each(drop);
        });
        match issuer.recv_timeout(START_TIMEOUT) {
            Ok(issuer) => Ok(Self { child, issuer }),
            Err(why) => {
                let _ = child.kill();
                let status = child.wait();
                let printed = errors.join().unwrap_or_default();
                Err(format!(
                    "no issuer ({why:?}, exit {status:?}); stderr:\n{}",
                    printed.trim()
                ))
            }
        }
    }

    /// Gives the provider a new signing key; the old one is gone.
    pub async fn rotate_keys(&self) {
        let response = reqwest::Client::new()
            .post(format!("{}/test/rotate", self.issuer))
            .sent()
            .await;
        assert_eq!(response.status(), StatusCode::NO_CONTENT);
    }
}

impl Drop for IdentityProvider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The settings the tests use: groups to roles as the README's example.
pub fn settings(issuer: &str, address: &str, organisation: i64) -> OidcSettings {
    OidcSettings {
        issuer: issuer.to_owned(),
        client_id: CLIENT_ID.into(),
        client_secret: Some(CLIENT_SECRET.into()),
        provider_name: "Kommune-ID".into(),
        scopes: vec!["openid".into(), "profile".into(), "email".into()],
        signs_in: SignsIn::Staff {
            role_claim: "groups".into(),
            roles: RoleMapping::parse("stige-admins=admin,stige-coordinators=coordinator")
                .expect("mapping"),
            organisation,
        },
        public_url: address.to_owned(),
        clock_offset_secs: 0,
    }
}

/// A test server with single sign-on through a provider of its own;
/// `tweak` changes the settings (another issuer, a clock after expiry).
pub async fn app_with_provider(
    password_sign_in_off: bool,
    tweak: impl FnOnce(&mut OidcSettings, &IdentityProvider) + 'static,
) -> (TestApp, IdentityProvider) {
    let slot: Arc<Mutex<Option<IdentityProvider>>> = Arc::default();
    let keep = slot.clone();
    let options = AppOptions {
        password_sign_in_off,
        single_sign_on: Some(Box::new(move |address: &str, organisation: i64| {
            let idp = IdentityProvider::start(&format!("{address}/api/v1/auth/oidc/callback"));
            let mut s = settings(&idp.issuer, address, organisation);
            tweak(&mut s, &idp);
            *keep.lock().expect("slot") = Some(idp);
            s
        })),
        ..AppOptions::default()
    };
    let app = spawn_app_with(options).await;
    let idp = slot.lock().expect("slot").take().expect("provider started");
    (app, idp)
}

/// A browser: keeps cookies, follows no redirect by itself.
pub fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

fn location(response: &reqwest::Response) -> String {
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "{response:?}");
    response
        .headers()
        .get(LOCATION)
        .and_then(|v| v.to_str().ok())
        .expect("a Location")
        .to_owned()
}

/// Absolute `location` against `base`.
fn absolute(base: &str, location: &str) -> String {
    if location.starts_with("http") {
        location.to_owned()
    } else {
        format!("{base}{location}")
    }
}

/// Begins a sign-in at Stige, signs in at the provider as `username`, and
/// returns where the provider sends the browser back (Stige's callback).
pub async fn sign_in_at_provider(
    browser: &reqwest::Client,
    app: &TestApp,
    idp: &IdentityProvider,
    username: &str,
) -> String {
    sign_in_through(browser, app, idp, username, "/api/v1/auth/oidc").await
}

/// As [`sign_in_at_provider`], beginning at `path`/start (a partner's provider).
pub async fn sign_in_through(
    browser: &reqwest::Client,
    app: &TestApp,
    idp: &IdentityProvider,
    username: &str,
    path: &str,
) -> String {
    let start = browser
        .get(format!("{}{path}/start", app.client.base()))
        .sent()
        .await;
    let authorize = location(&start);
    assert!(authorize.starts_with(&idp.issuer), "{authorize}");
    let to_form = browser.get(&authorize).sent().await;
    let form = absolute(&idp.issuer, &location(&to_form));
    let login = browser
        .post(format!("{form}/login"))
        .form(&[
            ("username", username),
            ("password", &format!("{username}-password")),
        ])
        .sent()
        .await;
    let resume = absolute(&idp.issuer, &location(&login));
    let back = browser.get(&resume).sent().await;
    location(&back)
}

/// Follows Stige's callback; where it lands the browser (`/#sign_in=…` or
/// `/#sign_in_error=…`).
pub async fn land(browser: &reqwest::Client, callback: &str) -> String {
    let response = browser.get(callback).sent().await;
    location(&response)
}

/// The `#key=` value of a landing address.
pub fn fragment<'a>(landing: &'a str, key: &str) -> Option<&'a str> {
    landing
        .split_once('#')?
        .1
        .strip_prefix(key)?
        .strip_prefix('=')
}
