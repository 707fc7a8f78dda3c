//! The login page.

use crate::i18n::t;
use crate::session::{Failure, use_session};
use leptos::prelude::*;

#[component]
pub fn LoginPage() -> impl IntoView {
    let session = use_session();
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
                None => "error-network",
                _ => "error-general",
            };
            view! { <p class="error" role="alert" data-testid="login-error">{t(key)}</p> }
        })
    };
    view! {
        <section class="card narrow">
            <h1>{t("login-title")}</h1>
            <form on:submit=submit>
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
