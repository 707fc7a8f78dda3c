//! The login page.

use crate::i18n::{t, use_i18n};
use crate::session::{Failure, take_from_address, use_session};
use leptos::prelude::*;

/// The message for a refused single sign-on (`#sign_in_error=<code>`).
fn refusal_key(code: &str) -> &'static str {
    match code {
        "unknown-group" => "sso-refused-unknown-group",
        "deactivated" => "sso-refused-deactivated",
        "not-invited" => "sso-refused-not-invited",
        "expired" => "sso-refused-expired",
        "provider" => "sso-refused-provider",
        "state" => "sso-refused-state",
        _ => "sso-refused-token",
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let refused = take_from_address("sign_in_error");
    let options = LocalResource::new(move || async move {
        session.anonymous_client().sign_in_options().await.ok()
    });
    let sso =
        move || {
            options.get().flatten().and_then(|o| o.single_sign_on).map(|p| {
            view! {
                <a class="button sso" href=p.start rel="external" data-testid="login-sso">
                    {move || i18n.t_with("login-sso", &[("provider", p.provider_name.clone())])}
                </a>
            }
        })
        };
    // Partners' own providers, for partner users.
    let partner_sso = move || {
        options.get().flatten().map(|o| {
            o.partner_providers
                .into_iter()
                .map(|p| {
                    view! {
                        <a class="button sso secondary" href=p.start rel="external" data-testid="login-partner-sso">
                            {move || i18n.t_with("login-partner-sso", &[("provider", p.provider_name.clone())])}
                        </a>
                    }
                })
                .collect_view()
        })
    };
    let password_off = move || options.get().flatten().is_some_and(|o| !o.password);
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Failure>);
    let pending = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        pending.set(true);
        leptos::task::spawn_local(async move {
            let result = session
                .login(&username.get_untracked(), &password.get_untracked())
                .await;
            pending.set(false);
            error.set(result.err());
        });
    };
    let message = move || {
        error.get().map(|f| {
            let key = match f.status {
                Some(401) => "login-wrong",
                Some(429) => "login-throttled",
                Some(403) => "login-password-off",
                None => "error-network",
                _ => "error-general",
            };
            view! { <p class="error" role="alert" data-testid="login-error">{t(key)}</p> }
        })
    };
    view! {
        <section class="card narrow">
            <h1>{t("login-title")}</h1>
            {refused.map(|code| view! {
                <p class="error" role="alert" data-testid="sso-error">{t(refusal_key(&code))}</p>
            })}
            {sso}
            {partner_sso}
            <form on:submit=submit hidden=password_off>
                <label>
                    {t("username")}
                    <input data-testid="login-username" autocomplete="username" required
                        prop:value=username on:input=move |ev| username.set(event_target_value(&ev))/>
                </label>
                <label>
                    {t("password")}
                    <input data-testid="login-password" type="password" autocomplete="current-password" required
                        prop:value=password on:input=move |ev| password.set(event_target_value(&ev))/>
                </label>
                {message}
                <button type="submit" data-testid="login-submit" disabled=pending>{t("login")}</button>
            </form>
        </section>
    }
}
