//! My account, for every staff member: change one's own password (the other
//! sessions end), and sign out everywhere (this session too).

use crate::components::{ErrorBanner, TextField};
use crate::i18n::t;
use crate::session::{Failure, use_session};
use leptos::prelude::*;
use stige_client::PasswordChange;

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
        <section class="card">
            <h1>{t("account-title")}</h1>
            <p>{move || session.auth.with(|a| a.me.as_ref().map(|m| format!("{} ({})", m.display_name, m.username)))}</p>
        </section>
        <PasswordForm/>
        <section class="card">
            <h2>{t("sign-out-everywhere")}</h2>
            <p>{t("sign-out-everywhere-help")}</p>
            <button type="button" data-testid="sign-out-everywhere" on:click=everywhere>{t("sign-out-everywhere")}</button>
            <ErrorBanner error=everywhere_error.into()/>
        </section>
    }
}

#[component]
fn PasswordForm() -> impl IntoView {
    let session = use_session();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Failure>);
    let mismatch = RwSignal::new(false);
    let changed = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        changed.set(false);
        if new.get_untracked() != repeat.get_untracked() {
            mismatch.set(true);
            return;
        }
        mismatch.set(false);
        let body = PasswordChange {
            current_password: Some(current.get_untracked()),
            new_password: Some(new.get_untracked()),
        };
        leptos::task::spawn_local(async move {
            let r = session
                .call(move |c| {
                    let body = body.clone();
                    async move { c.change_password(&body).await }
                })
                .await;
            match r {
                Ok(()) => {
                    for field in [current, new, repeat] {
                        field.set(String::new());
                    }
                    error.set(None);
                    changed.set(true);
                }
                Err(f) => error.set(Some(f)),
            }
        });
    };
    view! {
        <section class="card">
            <h2>{t("password-change-title")}</h2>
            <form class="grid-form" on:submit=submit>
                <TextField label="password-current" value=current testid="password-current" error=error
                    field="current_password" kind="password" autocomplete="current-password"/>
                <NewPasswordFields new=new repeat=repeat mismatch=mismatch error=error/>
                <button type="submit" data-testid="password-change">{t("password-change")}</button>
            </form>
            {move || changed.get().then(|| view! {
                <p class="notice" role="status" data-testid="confirmation">{t("password-changed")}</p>
            })}
            <ErrorBanner error=error.into()/>
        </section>
    }
}

/// A new password and the same again, with the server's word on the first
/// and whether the two differ.
#[component]
pub fn NewPasswordFields(
    new: RwSignal<String>,
    repeat: RwSignal<String>,
    mismatch: RwSignal<bool>,
    error: RwSignal<Option<Failure>>,
) -> impl IntoView {
    view! {
        <TextField label="password-new" value=new testid="password-new" error=error field="new_password"
            kind="password" autocomplete="new-password" hint="password-rule"/>
        <TextField label="password-repeat" value=repeat testid="password-repeat" error=error
            kind="password" autocomplete="new-password"/>
        {move || mismatch.get().then(|| view! {
            <p class="field-error" role="alert" data-testid="password-mismatch">{t("password-mismatch")}</p>
        })}
    }
}
