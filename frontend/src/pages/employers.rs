//! Employers: the list with association membership, a new employer, and one
//! employer's page with its placement history.

use super::placements::PlacementLine;
use crate::components::{ErrorBanner, FieldError, Loading};
use crate::format::opt_text;
use crate::i18n::{t, use_i18n};
use crate::session::{Failure, use_session};
use leptos::prelude::*;
use leptos_router::components::A;
use stige_domain::placement::Language;
use stige_wire::{ContactInput, EmployerInput};

fn language_name(l: Language) -> &'static str {
    match l {
        Language::Nb => "Norsk bokmål",
        Language::Sv => "Svenska",
        Language::En => "English",
    }
}

#[component]
pub fn EmployersPage() -> impl IntoView {
    let session = use_session();
    let version = RwSignal::new(0u32);
    let employers = LocalResource::new(move || {
        version.track();
        async move { session.call(|c| async move { c.employers().await }).await }
    });
    let list = move || {
        employers.get().map(|r| match r {
            Err(f) => view! { <ErrorBanner error=Signal::derive(move || Some(f.clone()))/> }.into_any(),
            Ok(list) => view! {
                <table class="table">
                    <thead><tr><th>{t("name")}</th><th>{t("organisation-number")}</th><th>{t("association-member")}</th><th>{t("employer-contact-person")}</th></tr></thead>
                    <tbody>
                        {list.into_iter().map(|e| view! {
                            <tr data-testid="employer-row">
                                <td><A href=format!("/employers/{}", e.id)>{e.name.clone()}</A></td>
                                <td>{e.organisation_number.clone()}</td>
                                <td>{if e.association_member { t("yes")() } else { t("no")() }}</td>
                                <td>{e.contacts.first().map(|c| c.name.clone()).unwrap_or_default()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }
            .into_any(),
        })
    };
    view! {
        <section class="card">
            <h1>{t("employers-title")}</h1>
            <Transition fallback=|| view! { <Loading/> }>{list}</Transition>
        </section>
        <NewEmployerForm on_change=Callback::new(move |_| version.update(|v| *v += 1))/>
    }
}

#[component]
fn NewEmployerForm(on_change: Callback<()>) -> impl IntoView {
    let session = use_session();
    let name = RwSignal::new(String::new());
    let number = RwSignal::new(String::new());
    let address = RwSignal::new(String::new());
    let contact = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let member = RwSignal::new(false);
    let language = RwSignal::new(None::<Language>);
    let error = RwSignal::new(None::<Failure>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = EmployerInput {
            name: opt_text(&name.get_untracked()),
            organisation_number: opt_text(&number.get_untracked()),
            address: opt_text(&address.get_untracked()),
            contacts: vec![ContactInput {
                name: opt_text(&contact.get_untracked()),
                phone: opt_text(&phone.get_untracked()),
                email: opt_text(&email.get_untracked()),
            }],
            association_member: Some(member.get_untracked()),
            language: language.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            let r = session
                .send_form(error, body, move |c, body| async move {
                    c.create_employer(&body).await
                })
                .await;
            if r.is_some() {
                name.set(String::new());
                number.set(String::new());
                on_change.run(());
            }
        });
    };
    view! {
        <section class="card">
            <h2>{t("new-employer")}</h2>
            <form class="grid-form" on:submit=submit>
                <label>{t("name")}<input prop:value=name on:input=move |ev| name.set(event_target_value(&ev))/>
                    <FieldError error=error.into() field="name"/></label>
                <label>{t("organisation-number")}<input prop:value=number on:input=move |ev| number.set(event_target_value(&ev))/>
                    <FieldError error=error.into() field="organisation_number"/></label>
                <label>{t("address")}<input prop:value=address on:input=move |ev| address.set(event_target_value(&ev))/></label>
                <label>{t("employer-contact-person")}<input prop:value=contact on:input=move |ev| contact.set(event_target_value(&ev))/>
                    <FieldError error=error.into() field="contacts[0].name"/></label>
                <label>{t("phone")}<input prop:value=phone on:input=move |ev| phone.set(event_target_value(&ev))/>
                    <FieldError error=error.into() field="contacts[0].phone"/></label>
                <label>{t("email")}<input type="email" prop:value=email on:input=move |ev| email.set(event_target_value(&ev))/>
                    <FieldError error=error.into() field="contacts[0].email"/></label>
                <label class="check"><input type="checkbox" on:change=move |ev| member.set(event_target_checked(&ev))/>{t("association-member")}</label>
                <label>{t("employer-language")}
                    <select on:change=move |ev| language.set(Language::parse(&event_target_value(&ev)))>
                        <option value="">"–"</option>
                        {Language::ALL.iter().copied().map(|l| view! { <option value=l.as_str()>{language_name(l)}</option> }).collect_view()}
                    </select>
                    <FieldError error=error.into() field="language"/></label>
                <button type="submit">{t("add")}</button>
            </form>
        </section>
    }
}

#[component]
pub fn EmployerPage() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let id_param = super::use_id_param();
    let detail = LocalResource::new(move || async move {
        match id_param() {
            Some(id) => session
                .call(move |c| async move { c.employer(id).await })
                .await
                .map(Some),
            None => Ok(None),
        }
    });
    let body = move || {
        detail.get().map(|r| match r {
            Err(f) => view! { <ErrorBanner error=Signal::derive(move || Some(f.clone()))/> }.into_any(),
            Ok(None) => view! { <p>{t("not-found")}</p> }.into_any(),
            Ok(Some(d)) => {
                let e = d.employer;
                let member = e.association_member;
                view! {
                    <section class="card">
                        <h1>{e.name.clone()}</h1>
                        <p class="muted">{e.organisation_number.clone()} " · " {e.address.clone()} " · " {language_name(e.language)}
                            " · " {move || if member { i18n.t("association-member") } else { i18n.t("not-association-member") }}</p>
                        <ul class="plain">{e.contacts.iter().map(|c| view! { <li>{c.name.clone()} " " {c.phone.clone()} " " {c.email.clone()}</li> }).collect_view()}</ul>
                        <h2>{t("placement-history")}</h2>
                        {if d.placements.is_empty() {
                            view! { <p class="muted">{t("no-placements")}</p> }.into_any()
                        } else {
                            view! { <ul class="plain">{d.placements.into_iter().map(|p| view! { <PlacementLine placement=p/> }).collect_view()}</ul> }.into_any()
                        }}
                    </section>
                }
                .into_any()
            }
        })
    };
    view! { <Transition fallback=|| view! { <Loading/> }>{body}</Transition> }
}
