//! The staff member's session: the access token in memory, the refresh token in
//! sessionStorage (gone when the tab closes), and API calls that renew an expired
//! access token once before giving up.

use futures::lock::Mutex;
use leptos::prelude::*;
use std::future::Future;
use std::rc::Rc;
use stige_client::{Client, ClientError};
use stige_domain::Capability;
use stige_domain::{LadderId, Role};
use stige_wire::{Ladder, LadderSummary, Me, Partner, Problem, User};

const REFRESH_KEY: &str = "stige.refresh";

thread_local! {
    /// Held while the refresh token is traded. The server rotates refresh tokens, so
    /// when several calls meet an expired access token at once, only the first may
    /// trade it; the others wait and then use the token it got.
    static RENEWING: Rc<Mutex<()>> = Rc::new(Mutex::new(()));
}

/// A failed API call, in a form the UI can keep and show.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    pub status: Option<u16>,
    pub problem: Option<Problem>,
}

impl Failure {
    pub fn field_error(&self, field: &str) -> Option<stige_domain::FieldError> {
        self.problem
            .as_ref()?
            .errors
            .iter()
            .find(|e| e.field == field)
            .cloned()
    }

    pub fn detail(&self) -> Option<String> {
        self.problem.as_ref().and_then(|p| p.detail.clone())
    }
}

impl From<ClientError> for Failure {
    fn from(e: ClientError) -> Self {
        Self {
            status: e.status(),
            problem: e.problem().cloned(),
        }
    }
}

pub type ApiResult<T> = Result<T, Failure>;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Auth {
    pub access_token: Option<String>,
    pub me: Option<Me>,
    /// True while a stored session is being restored after a reload.
    pub restoring: bool,
}

#[derive(Clone, Copy)]
pub struct Session {
    pub auth: RwSignal<Auth>,
    /// True while calls are answered 503 because the server cannot reach its
    /// database, and are being tried again (see [`Session::call`]).
    pub database_unreachable: RwSignal<bool>,
    /// When the server last recorded this session's use, as far as the app
    /// knows (milliseconds, `Date.now()`): the idle timeout runs from it.
    pub last_use: RwSignal<f64>,
    /// True after the session ended for going unused, until the next sign-in.
    pub ended_idle: RwSignal<bool>,
}

/// How often, and how long apart, a call answered "database unreachable" is
/// tried again: the server's `Retry-After` (2 s), for about a minute.
const UNREACHABLE_TRIES: u32 = 30;
const UNREACHABLE_WAIT_MS: i32 = 2_000;

/// Whether a failure is the server saying its database cannot be reached.
fn database_unreachable(e: &ClientError) -> bool {
    e.status() == Some(503)
        && e.problem()
            .is_some_and(|p| p.kind.ends_with("/problems/unavailable"))
}

/// Waits `ms` milliseconds without blocking the page.
async fn sleep(ms: i32) {
    use wasm_bindgen::JsCast;
    let (done, wait) = futures::channel::oneshot::channel::<()>();
    let wake = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = done.send(());
    });
    let scheduled = web_sys::window()
        .map(|w| w.set_timeout_with_callback_and_timeout_and_arguments_0(wake.unchecked_ref(), ms));
    if matches!(scheduled, Some(Ok(_))) {
        let _ = wait.await;
    }
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

fn origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// The value of `#key=value` in the address, taken out of it (so a reload or
/// a bookmark does not carry it): single sign-on's code or refusal.
pub fn take_from_address(key: &str) -> Option<String> {
    let window = web_sys::window()?;
    let hash = window.location().hash().ok()?;
    let value = hash
        .strip_prefix('#')?
        .strip_prefix(key)?
        .strip_prefix('=')?;
    let value = value.to_owned();
    let path = window.location().pathname().ok()?;
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
    }
    Some(value)
}

fn stored_refresh() -> Option<String> {
    session_storage()?.get_item(REFRESH_KEY).ok()?
}

fn store_refresh(token: Option<&str>) {
    if let Some(s) = session_storage() {
        let _ = match token {
            Some(t) => s.set_item(REFRESH_KEY, t),
            None => s.remove_item(REFRESH_KEY),
        };
    }
}

impl Session {
    /// Creates the session and, if the tab holds a refresh token, restores it.
    pub fn provide() -> Self {
        let handoff = take_from_address("sign_in");
        let restoring = handoff.is_some() || stored_refresh().is_some();
        let session = Self {
            auth: RwSignal::new(Auth {
                restoring,
                ..Default::default()
            }),
            database_unreachable: RwSignal::new(false),
            last_use: RwSignal::new(js_sys::Date::now()),
            ended_idle: RwSignal::new(false),
        };
        provide_context(session);
        if let Some(code) = handoff {
            // Back from the identity provider: trade its one-time code.
            leptos::task::spawn_local(async move {
                let signed_in = match session
                    .anonymous_client()
                    .finish_single_sign_on(&code)
                    .await
                {
                    Ok(tokens) => {
                        session
                            .start(tokens.access_token, tokens.refresh_token)
                            .await
                    }
                    Err(_) => false,
                };
                if !signed_in {
                    session.auth.set(Auth::default());
                }
            });
        } else if restoring {
            leptos::task::spawn_local(async move {
                if !session.renew(None).await {
                    session.auth.set(Auth::default());
                }
            });
        }
        session
    }

    pub fn anonymous_client(&self) -> Client {
        Client::new(origin())
    }

    fn client(&self) -> Client {
        let base = self.anonymous_client();
        match self.auth.get_untracked().access_token {
            Some(t) => base.with_token(t),
            None => base,
        }
    }

    pub fn role(&self) -> Option<Role> {
        self.auth.with(|a| a.me.as_ref().map(|m| m.role))
    }

    /// True when the signed-in role has the capability (a `Role` method): the
    /// same check the server makes, so the UI offers only what will be allowed.
    /// Whether the signed-in role has `capability` (the domain's permission
    /// table), to show or hide an action.
    pub fn can(&self, capability: Capability) -> bool {
        self.role().is_some_and(|r| r.may(capability))
    }

    async fn start(&self, access: String, refresh: String) -> bool {
        store_refresh(Some(&refresh));
        let client = self.anonymous_client().with_token(access.clone());
        // Signing in and refreshing always record the session's use.
        self.last_use.set(js_sys::Date::now());
        match client.me().await {
            Ok(me) => {
                self.ended_idle.set(false);
                self.auth.set(Auth {
                    access_token: Some(access),
                    me: Some(me),
                    restoring: false,
                });
                true
            }
            Err(_) => false,
        }
    }

    pub async fn login(&self, username: &str, password: &str) -> ApiResult<()> {
        let tokens = self.anonymous_client().login(username, password).await?;
        self.start(tokens.access_token, tokens.refresh_token).await;
        Ok(())
    }

    /// Uses the stored refresh token; false when it no longer works.
    async fn refresh(&self) -> bool {
        let Some(refresh) = stored_refresh() else {
            return false;
        };
        match self.anonymous_client().refresh(&refresh).await {
            Ok(tokens) => self.start(tokens.access_token, tokens.refresh_token).await,
            Err(_) => {
                store_refresh(None);
                false
            }
        }
    }

    /// Renews the access token that just failed, once for all calls that failed
    /// with it: a call that waited finds a newer token and simply uses it.
    async fn renew(&self, failed: Option<String>) -> bool {
        let lock = RENEWING.with(Rc::clone);
        let _held = lock.lock().await;
        let current = self.auth.with_untracked(|a| a.access_token.clone());
        if current.is_some() && current != failed {
            return true;
        }
        self.refresh().await
    }

    pub async fn logout(&self) {
        let _ = self.client().logout().await;
        store_refresh(None);
        self.auth.set(Auth::default());
    }

    /// Signs out of every session of the signed-in staff member, this one too.
    pub async fn logout_everywhere(&self) -> ApiResult<()> {
        self.call(|c| async move { c.logout_everywhere().await })
            .await?;
        store_refresh(None);
        self.auth.set(Auth::default());
        Ok(())
    }

    /// Keeps the session going: a refresh, which the server records as use.
    pub async fn stay(&self) {
        let lock = RENEWING.with(Rc::clone);
        let _held = lock.lock().await;
        if !self.refresh().await {
            self.auth.set(Auth::default());
        }
    }

    /// Ends the session that went unused for the idle timeout, saying why.
    pub async fn end_idle(&self) {
        self.logout().await;
        self.ended_idle.set(true);
    }

    /// Calls the API; on 401 renews the access token once and tries again, else
    /// ends the session so the login page shows. While the server answers that
    /// it cannot reach its database, says so (see `DatabaseNotice`) and tries
    /// again every 2 s for about a minute: nothing was written by a call so
    /// answered (a write is one transaction, and a stale retry gets 412).
    pub async fn call<T, F, Fut>(&self, f: F) -> ApiResult<T>
    where
        F: Fn(Client) -> Fut,
        Fut: Future<Output = Result<T, ClientError>>,
    {
        let mut tries = 1;
        loop {
            let result = self.call_once(&f).await;
            match &result {
                Err(e) if database_unreachable(e) && tries < UNREACHABLE_TRIES => {
                    self.database_unreachable.set(true);
                    sleep(UNREACHABLE_WAIT_MS).await;
                    tries += 1;
                }
                _ => {
                    if self.database_unreachable.get_untracked() {
                        self.database_unreachable.set(false);
                    }
                    return Ok(result?);
                }
            }
        }
    }

    /// [`Session::call`] with a request body: each try gets its own copy.
    pub async fn call_with<B, T, F, Fut>(&self, body: B, f: F) -> ApiResult<T>
    where
        B: Clone,
        F: Fn(Client, B) -> Fut,
        Fut: Future<Output = Result<T, ClientError>>,
    {
        self.call(|c| f(c, body.clone())).await
    }

    /// [`Session::call_with`] for a form: a failure goes into `error` (shown
    /// beside the form), a success clears it and gives the answer.
    pub async fn send_form<B, T, F, Fut>(
        &self,
        error: RwSignal<Option<Failure>>,
        body: B,
        f: F,
    ) -> Option<T>
    where
        B: Clone,
        F: Fn(Client, B) -> Fut,
        Fut: Future<Output = Result<T, ClientError>>,
    {
        let answer = self.call_with(body, f).await;
        error.set(answer.as_ref().err().cloned());
        answer.ok()
    }

    /// Fetches in the background what a card shows: the answer goes into
    /// `into`, a failure into `error`.
    pub fn load<T, F, Fut>(self, into: RwSignal<Option<T>>, error: RwSignal<Option<Failure>>, f: F)
    where
        T: Send + Sync + 'static,
        F: Fn(Client) -> Fut + 'static,
        Fut: Future<Output = Result<T, ClientError>> + 'static,
    {
        leptos::task::spawn_local(async move {
            match self.call(f).await {
                Ok(value) => into.set(Some(value)),
                Err(failure) => error.set(Some(failure)),
            }
        });
    }

    async fn call_once<T, F, Fut>(&self, f: &F) -> Result<T, ClientError>
    where
        F: Fn(Client) -> Fut,
        Fut: Future<Output = Result<T, ClientError>>,
    {
        let used = self.auth.with_untracked(|a| a.access_token.clone());
        let result = f(self.client()).await;
        // A request the server answered, signed in, is a use it may record.
        if used.is_some()
            && result
                .as_ref()
                .err()
                .is_none_or(|e| e.status().is_some_and(|s| s != 401))
        {
            let now = js_sys::Date::now();
            self.last_use
                .update(|u| *u = stige_domain::idle::recorded_use(*u, now));
        }
        match result {
            Err(e) if e.status() == Some(401) => {
                if self.renew(used).await {
                    f(self.client()).await
                } else {
                    self.auth.set(Auth::default());
                    Err(e)
                }
            }
            other => other,
        }
    }
}

/// Reads many pages make, each once here: every call site of [`Session::call`]
/// is a copy of its code in the app, so pages share these instead.
impl Session {
    pub async fn ladders(self) -> ApiResult<Vec<LadderSummary>> {
        self.call(|c| async move { c.ladders().await }).await
    }

    pub async fn ladder(self, id: LadderId) -> ApiResult<Ladder> {
        self.call(move |c| async move { c.ladder(id).await }).await
    }

    /// The organisation's staff users.
    pub async fn users(self) -> ApiResult<Vec<User>> {
        self.call(|c| async move { c.users().await }).await
    }

    pub async fn partners(self) -> ApiResult<Vec<Partner>> {
        self.call(|c| async move { c.partners().await }).await
    }
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}
