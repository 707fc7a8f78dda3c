//! The programme switcher in the header, for staff who work in more than one
//! programme: each programme by its ladder's name, with the role held there.

use crate::format;
use crate::i18n::{t, use_i18n};
use crate::programme::use_current_programme;
use crate::session::use_session;
use leptos::prelude::*;
use stige_domain::LadderId;

#[component]
pub fn ProgrammeSwitcher() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let current = use_current_programme();
    let programmes = Memo::new(move |_| {
        session.auth.with(|a| {
            a.me.as_ref()
                .map(|m| m.programmes.clone())
                .unwrap_or_default()
        })
    });
    // The ladders' names, read again when the programmes signed in change.
    let names = LocalResource::new(move || {
        let several = programmes.with(|p| p.len() > 1);
        async move {
            if !several {
                return vec![];
            }
            session.ladders().await.unwrap_or_default()
        }
    });
    let name_of = move |id: LadderId| {
        names
            .get()
            .and_then(|ls| ls.into_iter().find(|l| l.id == id).map(|l| l.name))
            .unwrap_or_else(|| i18n.t_with("programme-number", &[("id", id.0.to_string())]))
    };
    let on_change = move |ev: leptos::ev::Event| {
        if let Ok(id) = event_target_value(&ev).parse::<i64>() {
            current.set(LadderId(id));
        }
    };
    view! {
        <Show when=move || programmes.with(|p| p.len() > 1)>
            <label class="programme">
                <span class="sr-only">{t("programme-switcher")}</span>
                <select data-testid="programme-switcher" on:change=on_change>
                    <option value="" selected=move || current.get().is_none() disabled=true>
                        {t("programme-choose")}
                    </option>
                    {move || {
                        programmes
                            .get()
                            .into_iter()
                            .map(|p| {
                                let id = p.ladder_id;
                                view! {
                                    <option value=id.0.to_string() selected=move || current.get() == Some(id)>
                                        {move || format!("{} · {}", name_of(id), format::role(i18n, p.role))}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </label>
        </Show>
    }
}
