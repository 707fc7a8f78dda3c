//! For admins: what corrections of the person's identity and follow-ups
//! replaced (who, when, the old value), from the rectification trail.

use crate::components::ErrorBanner;
use crate::format;
use crate::i18n::{t, use_i18n};
use crate::session::{Failure, use_session};
use leptos::prelude::*;
use stige_domain::ParticipantId;
use stige_wire::Rectifications;

#[component]
pub fn RectificationTrail(participant: ParticipantId) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let trail = RwSignal::new(None::<Rectifications>);
    let error = RwSignal::new(None::<Failure>);
    session.load(trail, error, move |c| async move {
        c.rectifications(participant).await
    });
    let rows = move || {
        trail.get().map(|found| {
            if found.identity.is_empty() && found.follow_ups.is_empty() {
                return view! { <p class="muted">{t("rectifications-none")}</p> }.into_any();
            }
            let identity = found.identity.into_iter().map(|c| {
                let field = c.field;
                view! {
                    <li data-testid="rectification">
                        <time>{move || format::date_time(i18n, c.corrected_at)}</time> " · "
                        {move || i18n.t(&format!("identity-field-{}", field.as_str().replace('_', "-")))} ": "
                        <s>{c.old_value.clone().unwrap_or_else(|| "–".into())}</s>
                        " · " {c.corrected_by.clone()}
                    </li>
                }
            }).collect_view();
            let follow_ups = found.follow_ups.into_iter().map(|v| view! {
                <li data-testid="rectification">
                    <time>{move || format::date_time(i18n, v.replaced_at)}</time> " · "
                    {t("rectifications-follow-up")} " · " {v.replaced_by.clone()}
                </li>
            }).collect_view();
            view! { <ul class="plain">{identity}{follow_ups}</ul> }.into_any()
        })
    };
    view! {
        <section class="card" data-testid="rectifications">
            <h2>{t("rectifications-title")}</h2>
            {rows}
            <ErrorBanner error=error.into()/>
        </section>
    }
}
