//! The cooperation agreements following a person on their page (issue 22,
//! part 2): which pays for the place and which follow, from when to when;
//! admins and coordinators link another agreement of the programme or end a link.

use crate::components::{ErrorBanner, FieldError};
use crate::format::{self, parse_date, today};
use crate::i18n::{t, use_i18n};
use crate::session::{Failure, use_session};
use leptos::prelude::*;
use stige_domain::{Capability, LadderId, ParticipantId};
use stige_wire::{AgreementLink, AgreementLinkEnding, NewAgreementLink};

#[component]
pub fn AgreementLinksCard(participant: ParticipantId, ladder: LadderId) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let links = RwSignal::new(None::<Vec<AgreementLink>>);
    let error = RwSignal::new(None::<Failure>);
    let chosen = RwSignal::new(None::<i64>);
    let from = RwSignal::new(today().to_string());
    let pays = RwSignal::new(false);
    let may_link = session.can(Capability::TriageReferrals);
    // Sets the list from an answer, or the error.
    let show = move |r: Result<Vec<AgreementLink>, Failure>| match r {
        Ok(l) => {
            error.set(None);
            links.set(Some(l));
        }
        Err(f) => error.set(Some(f)),
    };
    leptos::task::spawn_local(async move {
        show(
            session
                .call(move |c| async move { c.agreement_links(participant).await })
                .await,
        );
    });
    // The programme's running agreements, to link another.
    let agreements = LocalResource::new(move || async move {
        if !may_link {
            return vec![];
        }
        session
            .call(|c| async move { c.agreements().await })
            .await
            .map(|all| {
                (all.into_iter())
                    .filter(|a| a.ladder.id == ladder && a.takes_referrals)
                    .collect()
            })
            .unwrap_or_default()
    });
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = NewAgreementLink {
            agreement_id: chosen.get_untracked(),
            valid_from: parse_date(&from.get_untracked()),
            valid_to: None,
            pays: Some(pays.get_untracked()),
        };
        leptos::task::spawn_local(async move {
            let r = session
                .call_with(body, move |c, body| async move {
                    c.link_agreement(participant, &body).await
                })
                .await;
            if r.is_ok() {
                chosen.set(None);
                pays.set(false);
            }
            show(r);
        });
    };
    let end = move |link: i64| {
        let body = AgreementLinkEnding {
            valid_to: Some(today()),
        };
        leptos::task::spawn_local(async move {
            show(
                session
                    .call_with(body, move |c, body| async move {
                        c.end_agreement_link(participant, link, &body).await
                    })
                    .await,
            );
        });
    };
    let item = move |l: AgreementLink| {
        let period = format!(
            "{} – {}",
            format::date(i18n, l.valid_from),
            l.valid_to
                .map(|d| format::date(i18n, d))
                .unwrap_or_default()
        );
        let role = if l.pays { "link-pays" } else { "link-follows" };
        let open = l.valid_to.is_none() && may_link;
        let id = l.id;
        view! {
            <li data-testid="agreement-link" data-in-force=l.in_force.to_string()>
                <strong>{l.partner.name}</strong> " · " {t(role)} " · " <span class="muted">{period}</span>
                {open.then(|| view! {
                    " " <button type="button" class="secondary" data-testid="link-end" on:click=move |_| end(id)>{t("link-end")}</button>
                })}
            </li>
        }
    };
    let list = move || {
        links.get().map(|l| {
            if l.is_empty() {
                view! { <p class="muted">{t("no-links")}</p> }.into_any()
            } else {
                view! { <ul class="plain" data-testid="agreement-links">{l.into_iter().map(item).collect_view()}</ul> }
                    .into_any()
            }
        })
    };
    let options = move || {
        agreements
            .get()
            .unwrap_or_default()
            .into_iter()
            .map(|a| {
                let id = a.id;
                view! { <option value=id.to_string() selected=move || chosen.get() == Some(id)>{a.partner.name}</option> }
            })
            .collect_view()
    };
    view! {
        <section class="card" data-testid="agreement-links-card">
            <h2>{t("agreement-links")}</h2>
            {list}
            <Show when=move || may_link>
                <form class="inline" on:submit=add data-testid="link-form">
                    <label>{t("link-agreement")}
                        <select data-testid="link-choice" on:change=move |ev| chosen.set(event_target_value(&ev).parse().ok())>
                            <option value="">"–"</option>
                            {options}
                        </select>
                        <FieldError error=error.into() field="agreement_id"/>
                    </label>
                    <label>{t("link-from")}
                        <input type="date" data-testid="link-from" prop:value=from on:input=move |ev| from.set(event_target_value(&ev))/>
                        <FieldError error=error.into() field="valid_from"/>
                    </label>
                    <label class="check">
                        <input type="checkbox" data-testid="link-pays" prop:checked=pays on:change=move |ev| pays.set(event_target_checked(&ev))/>
                        {t("link-pays-choice")}
                        <FieldError error=error.into() field="pays"/>
                    </label>
                    <button type="submit" data-testid="link-add">{t("link-add")}</button>
                </form>
            </Show>
            <ErrorBanner error=error.into()/>
        </section>
    }
}
