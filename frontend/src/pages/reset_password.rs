//! The page of a password reset link (`/reset-password#token=…`): the person
//! chooses a new password, without signing in. The token stays in the
//! fragment, which the browser sends to no server.

use crate::i18n::t;
use crate::pages::account::NewPasswordFields;
use crate::session::{Failure, use_session};
use leptos::prelude::*;
use stige_client::PasswordReset;

/// The token of a reset link, if this page is one (an empty token when the
/// link lost it).
pub fn reset_token_in_location() -> Option<String> {
    let location = web_sys::window()?.location();
    if location.pathname().ok()?.trim_end_matches('/') != "/reset-password" {
        return None;
    }
    let hash = location.hash().ok().unwrap_or_default();
    Some(hash.strip_prefix("#token=").unwrap_or_default().to_owned())
}

#[component]
pub fn ResetPasswordPage(token: String) -> impl IntoView {
    let session = use_session();
    let token = StoredValue::new(token);
    let new = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Failure>);
    let mismatch = RwSignal::new(false);
    let done = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if new.get_untracked() != repeat.get_untracked() {
            mismatch.set(true);
            return;
        }
        mismatch.set(false);
        let body = PasswordReset {
            token: Some(token.get_value()),
            new_password: Some(new.get_untracked()),
        };
        leptos::task::spawn_local(async move {
            let r = session
                .anonymous_client()
                .complete_password_reset(&body)
                .await;
            match r {
                Ok(()) => {
                    error.set(None);
                    done.set(true);
                }
                Err(e) => error.set(Some(e.into())),
            }
        });
    };
    // The link's own troubles in words about the link; a short password
    // under its field.
    let link_error = move || {
        error.get().and_then(|f| {
            let code = f.problem.as_ref().and_then(|p| p.code.clone());
            let key = match (f.status, code.as_deref()) {
                (Some(404), _) => "reset-link-unknown",
                (Some(410), Some("link-expired")) => "reset-link-expired",
                (Some(410), _) => "reset-link-used",
                (Some(422), _) if f.field_error("token").is_none() => return None,
                (Some(422), _) => "reset-link-unknown",
                (None, _) => "error-network",
                _ => "error-general",
            };
            Some(view! { <p class="error" role="alert" data-testid="error">{t(key)}</p> })
        })
    };
    view! {
        <section class="card narrow">
            <h1>{t("reset-title")}</h1>
            <Show when=move || !done.get() fallback=|| view! {
                <p class="notice" role="status" data-testid="confirmation">{t("reset-done")}</p>
                <p><a href="/" data-testid="reset-sign-in">{t("login")}</a></p>
            }>
                <form on:submit=submit>
                    <NewPasswordFields new=new repeat=repeat mismatch=mismatch error=error/>
                    {link_error}
                    <button type="submit" data-testid="reset-submit">{t("reset-submit")}</button>
                </form>
            </Show>
        </section>
    }
}
