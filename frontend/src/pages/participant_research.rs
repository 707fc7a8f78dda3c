//! Consent to research: whether the participant is included, pseudonymised, in the
//! research extract; give or revoke it (dated today).

use crate::components::ErrorBanner;
use crate::i18n::{t, use_i18n};
use crate::session::{Failure, use_session};
use leptos::prelude::*;
use stige_domain::ParticipantId;
use stige_wire::{ResearchConsent, ResearchConsentChange};

#[component]
pub fn ResearchConsentPanel(participant: ParticipantId) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let consent = RwSignal::new(None::<ResearchConsent>);
    let error = RwSignal::new(None::<Failure>);
    let busy = RwSignal::new(false);
    session.load(consent, error, move |c| async move {
        c.research_consent(participant).await
    });
    let change = move |given: bool| {
        busy.set(true);
        leptos::task::spawn_local(async move {
            let body = ResearchConsentChange {
                given: Some(given),
                date: None,
            };
            let r = session
                .call_with(body, move |c, body| async move {
                    c.set_research_consent(participant, &body).await
                })
                .await;
            busy.set(false);
            match r {
                Ok(c) => {
                    consent.set(Some(c));
                    error.set(None);
                }
                Err(f) => error.set(Some(f)),
            }
        });
    };
    let state = move || {
        consent.get().map(|c| {
            let date = |d: Option<chrono::NaiveDate>| crate::format::opt_date(i18n, d);
            let (class, text) = if c.in_force {
                ("badge status-active", i18n.t_with("research-consent-in-force", &[("date", date(c.given_on))]))
            } else if c.revoked_on.is_some() {
                ("badge", i18n.t_with("research-consent-revoked", &[("date", date(c.revoked_on))]))
            } else {
                ("badge", i18n.t("research-consent-none"))
            };
            let button = if c.in_force {
                view! { <button type="button" class="link danger" data-testid="research-consent-revoke" disabled=move || busy.get() on:click=move |_| change(false)>{t("research-consent-revoke")}</button> }.into_any()
            } else {
                view! { <button type="button" class="secondary" data-testid="research-consent-give" disabled=move || busy.get() on:click=move |_| change(true)>{t("research-consent-give")}</button> }.into_any()
            };
            view! {
                <p><span class=class data-testid="research-consent-state">{text}</span> " " {button}</p>
            }
        })
    };
    view! {
        <section class="card" data-testid="research-consent">
            <h2>{t("research-consent-title")}</h2>
            <p class="muted">{t("research-consent-help")}</p>
            {state}
            <ErrorBanner error=error.into()/>
        </section>
    }
}
