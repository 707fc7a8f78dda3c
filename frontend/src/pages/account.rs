//! My account, for every staff member: change one's own password (the other
//! sessions end), and sign out everywhere (this session too).

use crate::components::{ErrorBanner, TextField, failure_text};
use crate::i18n::{t, use_i18n};
use crate::session::{Failure, use_session};
use leptos::prelude::*;
use stige_wire::{PasswordChange, PasswordReset};

#[component]
pub fn AccountPage() -> impl IntoView {
    let session = use_session();
    let everywhere_error = RwSignal::new(None::<Failure>);
    let everywhere = move |_| {
        leptos::task::spawn_local(async move {
            everywhere_error.set(session.logout_everywhere().await.err());
        });
    };
    view! {
        <h1>{t("account-title")}</h1>
        <section class="card">
            <h2>{t("password-change-title")}</h2>
            <PasswordForm reset=None/>
        </section>
        <section class="card">
            <h2>{t("sign-out-everywhere")}</h2>
            <p>{t("sign-out-everywhere-help")}</p>
            <button type="button" data-testid="sign-out-everywhere" on:click=everywhere>{t("sign-out-everywhere")}</button>
            <ErrorBanner error=everywhere_error.into()/>
        </section>
    }
}

/// A new password: one's own change (`reset` none: the current password
/// too; the other sessions end), or the choice with a reset link's token.
#[component]
pub fn PasswordForm(reset: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let by_link = reset.is_some();
    let token = StoredValue::new(reset.unwrap_or_default());
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Failure>);
    let mismatch = RwSignal::new(false);
    let done = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        done.set(false);
        mismatch.set(new.get_untracked() != repeat.get_untracked());
        if mismatch.get_untracked() {
            return;
        }
        let new_password = Some(new.get_untracked());
        let current_password = Some(current.get_untracked());
        leptos::task::spawn_local(async move {
            let r = if by_link {
                let body = PasswordReset {
                    token: Some(token.get_value()),
                    new_password,
                };
                let client = session.anonymous_client();
                client
                    .complete_password_reset(&body)
                    .await
                    .map_err(Failure::from)
            } else {
                let body = PasswordChange {
                    current_password,
                    new_password,
                };
                session
                    .call_with(body, move |c, body| async move {
                        c.change_password(&body).await
                    })
                    .await
            };
            error.set(r.err());
            if error.get_untracked().is_none() {
                for field in [current, new, repeat] {
                    field.set(String::new());
                }
                done.set(true);
            }
        });
    };
    // A link's own troubles in words about the link; a field's under it.
    let message = move || {
        let f = error.get()?;
        let code = f.problem.as_ref().and_then(|p| p.code.clone());
        let key = match (f.status, code.as_deref()) {
            (Some(404), _) if by_link => "reset-link-unknown",
            (Some(410), Some("link-expired")) => "reset-link-expired",
            (Some(410), _) => "reset-link-used",
            (Some(422), _) if f.field_error("token").is_some() => "reset-link-unknown",
            (Some(422), _) => return None,
            _ => return Some(failure_text(&f)),
        };
        Some(i18n.t(key))
    };
    view! {
        <form class="grid-form" on:submit=submit>
            {(!by_link).then(|| view! {
                <TextField label="password-current" value=current testid="password-current" error=error
                    field="current_password" kind="password" autocomplete="current-password"/>
            })}
            <TextField label="password-new" value=new testid="password-new" error=error field="new_password"
                kind="password" autocomplete="new-password" hint="password-rule"/>
            <TextField label="password-repeat" value=repeat testid="password-repeat" error=error
                kind="password" autocomplete="new-password"/>
            {move || mismatch.get().then(|| view! {
                <p class="field-error" role="alert" data-testid="password-mismatch">{t("password-mismatch")}</p>
            })}
            <button type="submit" data-testid="password-change">
                {t(if by_link { "reset-submit" } else { "password-change" })}
            </button>
        </form>
        {move || message().map(|m| view! { <p class="error" role="alert" data-testid="error">{m}</p> })}
        {move || done.get().then(|| view! {
            <p class="notice" role="status" data-testid="confirmation">
                {t(if by_link { "reset-done" } else { "password-changed" })}
                {by_link.then(|| view! { " " <a href="/" rel="external" data-testid="reset-sign-in">{t("login")}</a> })}
            </p>
        })}
    }
}
