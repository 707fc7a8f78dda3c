//! The consent panel: what the participant agreed to share with which partner, for
//! which purpose; grant per partner and category, revoke an entry. Partners read
//! only categories in their agreement's scope that are consented here.

use crate::components::{ErrorBanner, FieldError};
use crate::format::{self, opt_text};
use crate::i18n::{t, use_i18n};
use crate::session::{Failure, use_session};
use leptos::prelude::*;
use stige_domain::ParticipantId;
use stige_domain::consent::SharingCategory;
use stige_wire::{Consent, ConsentRevocation, NewConsent, Partner};

#[component]
pub fn Consents(participant: ParticipantId) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let ledger = RwSignal::new(None::<Result<Vec<Consent>, Failure>>);
    let partners = RwSignal::new(Vec::<Partner>::new());
    let error = RwSignal::new(None::<Failure>);
    let reload = move || {
        leptos::task::spawn_local(async move {
            ledger.set(Some(
                session
                    .call(move |c| async move { c.consents(participant).await })
                    .await,
            ));
        });
    };
    reload();
    // Mentors may not list partners; they see the ledger without the grant form.
    leptos::task::spawn_local(async move {
        if let Ok(list) = session.partners().await {
            partners.set(list);
        }
    });
    let partner = RwSignal::new(None::<i64>);
    let chosen = RwSignal::new(Vec::<SharingCategory>::new());
    let purpose = RwSignal::new(String::new());
    let give = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = NewConsent {
            partner_id: partner.get_untracked(),
            categories: Some(chosen.get_untracked()),
            purpose: opt_text(&purpose.get_untracked()),
            given_on: None,
        };
        leptos::task::spawn_local(async move {
            let r = session
                .call_with(body, move |c, body| async move {
                    c.give_consent(participant, &body).await
                })
                .await;
            match r {
                Ok(list) => {
                    ledger.set(Some(Ok(list)));
                    error.set(None);
                }
                Err(f) => error.set(Some(f)),
            }
        });
    };
    let revoke = move |id: i64| {
        leptos::task::spawn_local(async move {
            let r = session
                .call(move |c| async move {
                    c.revoke_consent(participant, id, &ConsentRevocation::default())
                        .await
                })
                .await;
            match r {
                Ok(list) => ledger.set(Some(Ok(list))),
                Err(f) => error.set(Some(f)),
            }
        });
    };
    let rows = move || {
        ledger.get().map(|r| match r {
            Err(f) => view! { <ErrorBanner error=Signal::derive(move || Some(f.clone()))/> }.into_any(),
            Ok(list) if list.is_empty() => view! { <p class="muted">{t("no-consents")}</p> }.into_any(),
            Ok(list) => view! {
                <table class="table">
                    <thead><tr><th>{t("partner")}</th><th>{t("category")}</th><th>{t("purpose")}</th><th>{t("consent-given")}</th><th></th></tr></thead>
                    <tbody>
                        {list.into_iter().map(|c| {
                            let id = c.id;
                            let revoked = c.revoked_on.is_some();
                            let category = c.category;
                            let given = format!("{} ({})", crate::format::date(i18n, c.given_on), c.given_recorded_by);
                            let state = c.revoked_on.map(|d| format!("{} {} ({})", i18n.t("consent-revoked"), crate::format::date(i18n, d), c.revoked_recorded_by.clone().unwrap_or_default()));
                            view! {
                                <tr data-testid="consent" class:revoked=revoked>
                                    <td>{c.partner.name.clone()}</td>
                                    <td>{move || format::category(i18n, category)}</td>
                                    <td>{c.purpose.clone()}</td>
                                    <td>{given}</td>
                                    <td>{match state {
                                        Some(s) => view! { <span class="muted">{s}</span> }.into_any(),
                                        None => view! { <button class="link danger" data-testid="revoke-consent" on:click=move |_| revoke(id)>{t("consent-revoke")}</button> }.into_any(),
                                    }}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            }
            .into_any(),
        })
    };
    view! {
        <section class="card" data-testid="consents">
            <h2>{t("consents-title")}</h2>
            <p class="muted">{t("consents-help")}</p>
            {rows}
            <Show when=move || !partners.get().is_empty()>
                <form class="grid-form" on:submit=give>
                    <label>{t("partner")}
                        <select data-testid="consent-partner" on:change=move |ev| partner.set(event_target_value(&ev).parse().ok())>
                            <option value="">"–"</option>
                            {move || partners.get().into_iter().map(|p| view! { <option value=p.id.to_string()>{p.name}</option> }).collect_view()}
                        </select>
                        <FieldError error=error.into() field="partner_id"/></label>
                    <fieldset>
                        <legend>{t("category")}</legend>
                        {SharingCategory::ALL.iter().copied().map(|c| view! {
                            <label class="check">
                                <input type="checkbox" on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    chosen.update(|s| { s.retain(|x| *x != c); if on { s.push(c); } });
                                }/>
                                {move || format::category(i18n, c)}
                            </label>
                        }).collect_view()}
                        <FieldError error=error.into() field="categories"/>
                    </fieldset>
                    <label>{t("purpose")}<input prop:value=purpose on:input=move |ev| purpose.set(event_target_value(&ev))/>
                        <FieldError error=error.into() field="purpose"/></label>
                    <button type="submit">{t("consent-give")}</button>
                </form>
            </Show>
            <ErrorBanner error=error.into()/>
        </section>
    }
}
