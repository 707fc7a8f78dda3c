//! The warning a minute before a session that goes unused ends: a modal
//! alert dialog with the time left, focus on "Stay signed in" (a request,
//! which the server records as use), and "Sign out"; when the time runs out,
//! the app signs out and the login page says why.

use crate::i18n::{t, use_i18n};
use crate::session::use_session;
use leptos::html::Dialog;
use leptos::prelude::*;
use std::time::Duration;
use stige_domain::idle::{IdlePhase, idle_phase};

#[component]
pub fn IdleWarning() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let now = RwSignal::new(js_sys::Date::now());
    let tick =
        set_interval_with_handle(move || now.set(js_sys::Date::now()), Duration::from_secs(1)).ok();
    on_cleanup(move || {
        if let Some(t) = tick {
            t.clear();
        }
    });
    let phase = Memo::new(move |_| {
        let idle_secs = session
            .auth
            .with(|a| a.me.as_ref().map(|m| m.session_idle_secs))?;
        idle_phase(session.last_use.get(), now.get(), idle_secs)
    });
    let ending = RwSignal::new(false);
    Effect::new(move |_| {
        if phase.get() == Some(IdlePhase::Ended) && !ending.get_untracked() {
            ending.set(true);
            leptos::task::spawn_local(async move {
                session.end_idle().await;
                ending.set(false);
            });
        }
    });
    let seconds_left = move || match phase.get() {
        Some(IdlePhase::Warning { seconds_left }) => Some(seconds_left),
        _ => None,
    };
    let dialog = NodeRef::<Dialog>::new();
    let open = Memo::new(move |_| seconds_left().is_some());
    Effect::new(move |_| {
        let (Some(d), shown) = (dialog.get(), open.get()) else {
            return;
        };
        // The modal dialog takes the focus to its first button, "Stay".
        if shown && !d.open() {
            let _ = d.show_modal();
        } else if !shown && d.open() {
            d.close();
        }
    });
    let stay = move || {
        leptos::task::spawn_local(async move {
            session.stay().await;
        });
    };
    let sign_out = move |_| leptos::task::spawn_local(async move { session.logout().await });
    view! {
        <dialog node_ref=dialog class="idle-warning" role="alertdialog" aria-labelledby="idle-title"
            aria-describedby="idle-text" data-testid="idle-warning"
            // Escape keeps the session, as "Stay signed in" does.
            on:cancel=move |ev: leptos::ev::Event| { ev.prevent_default(); stay(); }>
            <h2 id="idle-title">{t("idle-title")}</h2>
            <p id="idle-text" data-testid="idle-seconds">
                {move || seconds_left().map(|s| i18n.t_with("idle-text", &[("seconds", s.to_string())]))}
            </p>
            <div class="actions">
                <button type="button" data-testid="idle-stay" on:click=move |_| stay()>
                    {t("idle-stay")}
                </button>
                <button type="button" class="secondary" data-testid="idle-sign-out" on:click=sign_out>
                    {t("logout")}
                </button>
            </div>
        </dialog>
        {move || session.ended_idle.get().then(|| view! {
            <p class="notice" role="status" data-testid="idle-ended">{t("idle-ended")}</p>
        })}
    }
}
