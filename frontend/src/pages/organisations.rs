//! The installation's organisations, for the platform admin: the list, and a form
//! to create an organisation with its first admin, who then runs it.

use crate::components::{ErrorBanner, FieldError, Loading};
use crate::i18n::{Lang, t, use_i18n};
use crate::session::{Failure, use_session};
use leptos::prelude::*;
use stige_domain::Role;
use stige_wire::{NewOrganisation, NewUser, Organisation};

/// A country code (`NO`, `SE`) in words.
fn country_name(i18n: crate::i18n::I18n, code: &str) -> String {
    match code {
        "NO" => i18n.t("country-norway"),
        "SE" => i18n.t("country-sweden"),
        other => other.to_owned(),
    }
}

/// A language code in the language's own name.
fn language_name(code: &str) -> String {
    Lang::from_code(code).map_or_else(|| code.to_owned(), |l| l.native_name().to_owned())
}

#[component]
pub fn OrganisationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let version = RwSignal::new(0u32);
    let list = LocalResource::new(move || {
        version.track();
        async move {
            session
                .call(|c| async move { c.organisations().await })
                .await
        }
    });
    let rows = move || {
        list.get().map(|r| match r {
            Err(f) => view! { <ErrorBanner error=Signal::derive(move || Some(f.clone()))/> }.into_any(),
            Ok(list) if list.is_empty() => {
                view! { <p class="muted">{t("organisations-none")}</p> }.into_any()
            }
            Ok(list) => {
                let body = list
                    .into_iter()
                    .map(|o: Organisation| {
                        view! {
                            <tr data-testid="organisation-row">
                                <td>{o.name}</td>
                                <td>{o.organisation_number}</td>
                                <td>{move || country_name(i18n, &o.country)}</td>
                                <td lang=o.default_language.clone()>{language_name(&o.default_language)}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <table class="table" data-testid="organisations">
                        <thead><tr>
                            <th>{t("name")}</th>
                            <th>{t("organisation-number")}</th>
                            <th>{t("country")}</th>
                            <th>{t("default-language")}</th>
                        </tr></thead>
                        <tbody>{body}</tbody>
                    </table>
                }
                .into_any()
            }
        })
    };
    view! {
        <section class="card">
            <h1>{t("organisations-title")}</h1>
            <Transition fallback=|| view! { <Loading/> }>{rows}</Transition>
        </section>
        <NewOrganisationForm on_change=Callback::new(move |_| version.update(|v| *v += 1))/>
    }
}

#[component]
fn NewOrganisationForm(on_change: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let name = RwSignal::new(String::new());
    let number = RwSignal::new(String::new());
    let language = RwSignal::new(i18n.lang().code().to_owned());
    let word = RwSignal::new(String::new());
    let username = RwSignal::new(String::new());
    let display_name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Failure>);
    let created = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = NewOrganisation {
            name: Some(name.get_untracked()),
            organisation_number: Some(number.get_untracked()),
            default_language: Some(language.get_untracked()),
            participant_word: Some(word.get_untracked()),
            admin: Some(NewUser {
                username: Some(username.get_untracked()),
                display_name: Some(display_name.get_untracked()),
                password: Some(password.get_untracked()),
                role: Some(Role::Admin),
                programmes: None,
            }),
        };
        created.set(None);
        leptos::task::spawn_local(async move {
            let r = session
                .call_with(body, move |c, body| async move {
                    c.create_organisation(&body).await
                })
                .await;
            match r {
                Ok(o) => {
                    for field in [name, number, word, username, display_name, password] {
                        field.set(String::new());
                    }
                    error.set(None);
                    created.set(Some(o.name));
                    on_change.run(());
                }
                Err(f) => error.set(Some(f)),
            }
        });
    };
    let text = move |signal: RwSignal<String>| move |ev| signal.set(event_target_value(&ev));
    view! {
        <section class="card">
            <h2>{t("new-organisation")}</h2>
            <form class="grid-form" on:submit=submit>
                <label>{t("name")}
                    <input data-testid="organisation-name" prop:value=name on:input=text(name)/>
                    <FieldError error=error.into() field="name"/></label>
                <label>{t("organisation-number")}
                    <input data-testid="organisation-number" prop:value=number on:input=text(number)/>
                    <FieldError error=error.into() field="organisation_number"/></label>
                <label>{t("default-language")}
                    <select data-testid="organisation-language" prop:value=language on:change=text(language)>
                        {Lang::ALL
                            .iter()
                            .copied()
                            .map(|l| view! { <option value=l.code()>{l.native_name()}</option> })
                            .collect_view()}
                    </select>
                    <FieldError error=error.into() field="default_language"/></label>
                <label>{t("participant-word")}
                    <input data-testid="organisation-participant-word" prop:value=word on:input=text(word)/>
                    <span class="muted">{t("participant-word-hint")}</span>
                    <FieldError error=error.into() field="participant_word"/></label>
                <fieldset class="wide">
                    <legend>{t("first-admin")}</legend>
                    <label>{t("username")}
                        <input data-testid="admin-username" autocomplete="off" prop:value=username on:input=text(username)/>
                        <FieldError error=error.into() field="admin.username"/></label>
                    <label>{t("display-name")}
                        <input data-testid="admin-display-name" prop:value=display_name on:input=text(display_name)/>
                        <FieldError error=error.into() field="admin.display_name"/></label>
                    <label>{t("password")}
                        <input type="password" data-testid="admin-password" autocomplete="new-password" prop:value=password on:input=text(password)/>
                        <FieldError error=error.into() field="admin.password"/></label>
                </fieldset>
                <button type="submit" data-testid="organisation-create">{t("create-organisation")}</button>
            </form>
            {move || created.get().map(|n| view! {
                <p class="notice" role="status" data-testid="confirmation">
                    {move || i18n.t_with("organisation-created", &[("name", n.clone())])}
                </p>
            })}
            <ErrorBanner error=error.into()/>
        </section>
    }
}
