//! Registering a participant, and editing their personal details.

use crate::components::{ErrorBanner, FieldError, Loading, failure_text};
use crate::format::{opt_text, parse_date};
use crate::i18n::t;
use crate::session::{Failure, use_session};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use stige_domain::{LadderId, ParticipantId};
use stige_wire::{NewParticipant, ParticipantDetail, ParticipantUpdate};

#[derive(Clone, Copy)]
struct Fields {
    given: RwSignal<String>,
    family: RwSignal<String>,
    birth: RwSignal<String>,
    national_id: RwSignal<String>,
}

impl Fields {
    fn new() -> Self {
        Self {
            given: RwSignal::new(String::new()),
            family: RwSignal::new(String::new()),
            birth: RwSignal::new(String::new()),
            national_id: RwSignal::new(String::new()),
        }
    }
}

#[component]
fn PersonFields(
    fields: Fields,
    error: RwSignal<Option<Failure>>,
    masked: Option<String>,
) -> impl IntoView {
    let input = |s: RwSignal<String>| move |ev: leptos::ev::Event| s.set(event_target_value(&ev));
    let hint =
        masked.map(|m| view! { <small class="muted">{t("national-id-keep")} " (" {m} ")"</small> });
    view! {
        <label>
            {t("given-name")}
            <input data-testid="given-name" prop:value=fields.given on:input=input(fields.given)/>
            <FieldError error=error.into() field="given_name"/>
        </label>
        <label>
            {t("family-name")}
            <input data-testid="family-name" prop:value=fields.family on:input=input(fields.family)/>
            <FieldError error=error.into() field="family_name"/>
        </label>
        <label>
            {t("birth-date")}
            <input type="date" data-testid="birth-date" prop:value=fields.birth on:input=input(fields.birth)/>
            <FieldError error=error.into() field="birth_date"/>
        </label>
        <label>
            {t("national-id")}
            <input data-testid="national-id-input" autocomplete="off" prop:value=fields.national_id on:input=input(fields.national_id)/>
            {hint}
            <FieldError error=error.into() field="national_id"/>
        </label>
    }
}

#[component]
pub fn NewParticipantPage() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let fields = Fields::new();
    let ladder = RwSignal::new(None::<LadderId>);
    let error = RwSignal::new(None::<Failure>);
    let ladders =
        LocalResource::new(move || async move { session.ladders().await.unwrap_or_default() });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = NewParticipant {
            given_name: Some(fields.given.get_untracked()),
            family_name: Some(fields.family.get_untracked()),
            birth_date: parse_date(&fields.birth.get_untracked()),
            national_id: opt_text(&fields.national_id.get_untracked()),
            ladder_id: ladder.get_untracked(),
        };
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let result = session
                .call_with(body, move |c, body| async move {
                    c.create_participant(&body).await
                })
                .await;
            match result {
                Ok(d) => navigate(&format!("/participants/{}", d.id), Default::default()),
                Err(f) => error.set(Some(f)),
            }
        });
    };
    view! {
        <section class="card narrow">
            <h1>{t("new-participant")}</h1>
            <form on:submit=submit novalidate>
                <PersonFields fields=fields error=error masked=None/>
                <label>
                    {t("ladder")}
                    <select data-testid="ladder" on:change=move |ev| ladder.set(event_target_value(&ev).parse().ok().map(LadderId))>
                        <option value="">"–"</option>
                        {move || ladders.get().unwrap_or_default().into_iter()
                            .map(|l| view! { <option value=l.id.0.to_string()>{l.name}</option> })
                            .collect_view()}
                    </select>
                    <FieldError error=error.into() field="ladder_id"/>
                </label>
                <ErrorBanner error=error.into()/>
                <button type="submit" data-testid="save">{t("save")}</button>
            </form>
        </section>
    }
}

#[component]
pub fn EditParticipantPage() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let id_param = super::use_id_param();
    let id = move || id_param().map(ParticipantId);
    let fields = Fields::new();
    let error = RwSignal::new(None::<Failure>);
    let loaded = RwSignal::new(None::<Result<ParticipantDetail, Failure>>);
    Effect::new(move |_| {
        if let Some(pid) = id() {
            leptos::task::spawn_local(async move {
                let result = session
                    .call(move |c| async move { c.participant(pid).await })
                    .await;
                if let Ok(d) = &result {
                    fields.given.set(d.given_name.clone());
                    fields.family.set(d.family_name.clone());
                    fields
                        .birth
                        .set(d.birth_date.map(|b| b.to_string()).unwrap_or_default());
                }
                loaded.set(Some(result));
            });
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(Ok(current)) = loaded.get_untracked() else {
            return;
        };
        let body = ParticipantUpdate {
            given_name: Some(fields.given.get_untracked()),
            family_name: Some(fields.family.get_untracked()),
            birth_date: parse_date(&fields.birth.get_untracked()),
            national_id: opt_text(&fields.national_id.get_untracked()),
        };
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let (pid, version) = (current.id, current.version);
            let result = session
                .call_with(body, move |c, body| async move {
                    c.update_participant(pid, &body, version).await
                })
                .await;
            match result {
                Ok(d) => navigate(&format!("/participants/{}", d.id), Default::default()),
                Err(f) => error.set(Some(f)),
            }
        });
    };
    move || match loaded.get() {
        None => view! { <Loading/> }.into_any(),
        Some(Err(f)) => {
            let text = failure_text(&f);
            view! { <p class="error">{text}</p> }.into_any()
        }
        Some(Ok(d)) => view! {
            <section class="card narrow">
                <h1>{t("edit-participant")}</h1>
                <form on:submit=submit.clone() novalidate>
                    <PersonFields fields=fields error=error masked=d.national_id_masked.clone()/>
                    <ErrorBanner error=error.into()/>
                    <button type="submit" data-testid="save">{t("save")}</button>
                </form>
            </section>
        }
        .into_any(),
    }
}
