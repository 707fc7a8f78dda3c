//! The page of a password reset link (`/reset-password#token=…`): the person
//! chooses a new password, without signing in. The token stays in the
//! fragment, which the browser sends to no server.

use crate::i18n::t;
use crate::pages::account::PasswordForm;
use leptos::prelude::*;

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
    view! {
        <section class="card narrow">
            <h1>{t("reset-title")}</h1>
            <PasswordForm reset=Some(token)/>
        </section>
    }
}
