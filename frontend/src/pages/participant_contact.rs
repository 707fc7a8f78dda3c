//! Contact and safety: the person's phone, e-mail and address, whom to call
//! when they cannot be reached, the safety note, and "tried to reach" /
//! "reached" with the latest attempts. On the participant's page and on its
//! own page, where the early warning on Today leads.

use crate::components::{ErrorBanner, FieldError, Loading};
use crate::format;
use crate::i18n::{t, use_i18n};
use crate::session::{Failure, use_session};
use leptos::prelude::*;
use leptos_router::components::A;
use stige_domain::ParticipantId;
use stige_domain::contact::{EmergencyContact, ReachOutcome};
use stige_wire::{ParticipantContact, ParticipantContactInput, ReachAttemptInput};

/// A `tel:` link's target: the digits and a leading `+`.
fn tel(phone: &str) -> String {
    let dialled: String = phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    format!("tel:{dialled}")
}

fn outcome_key(o: ReachOutcome) -> &'static str {
    match o {
        ReachOutcome::Tried => "reach-tried",
        ReachOutcome::Reached => "reach-reached",
    }
}

/// "Reached · 4 Dec 09:30 · Kari" for a reach attempt.
pub fn attempt_text(i18n: crate::i18n::I18n, a: &stige_wire::ReachAttempt) -> String {
    format!(
        "{} · {} · {}",
        i18n.t(outcome_key(a.outcome)),
        format::date_time(i18n, a.at),
        a.recorded_by
    )
}

/// The person's own page for contact and safety.
#[component]
pub fn ParticipantContactPage() -> impl IntoView {
    let id_param = super::use_id_param();
    let name = super::use_person_name();
    move || {
        id_param().map(ParticipantId).map(|pid| {
            view! {
                <h1>{t("contact-title")} ": " <span data-testid="contact-person">{move || name.get()}</span></h1>
                <p><A href=format!("/participants/{pid}")>{t("contact-back")}</A></p>
                <ContactCard participant=pid/>
            }
        })
    }
}

/// The contact card: shown, edited, and the attempts to reach the person.
#[component]
pub fn ContactCard(participant: ParticipantId) -> impl IntoView {
    let session = use_session();
    let card = RwSignal::new(None::<ParticipantContact>);
    let error = RwSignal::new(None::<Failure>);
    let editing = RwSignal::new(false);
    session.load(
        card,
        error,
        move |c| async move { c.contact(participant).await },
    );
    let on_saved = Callback::new(move |c: ParticipantContact| {
        card.set(Some(c));
        editing.set(false);
    });
    view! {
        <section class="card" data-testid="contact" id="contact">
            <h2>{t("contact-title")}</h2>
            <ErrorBanner error=error.into()/>
            {move || match (card.get(), editing.get()) {
                (None, _) => view! { <Loading/> }.into_any(),
                (Some(c), false) => view! {
                    <Shown card=c.clone()/>
                    <button type="button" data-testid="contact-edit" on:click=move |_| editing.set(true)>{t("contact-edit")}</button>
                    <Reach participant=participant card=c on_saved=Callback::new(move |c| card.set(Some(c)))/>
                }.into_any(),
                (Some(c), true) => view! {
                    <ContactForm participant=participant card=c on_saved=on_saved
                        on_cancel=Callback::new(move |()| editing.set(false))/>
                }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Shown(card: ParticipantContact) -> impl IntoView {
    let i18n = use_i18n();
    let note = card.safety_note.clone().map(|n| {
        view! {
            <div class="safety-note" role="note" data-testid="safety-note">
                <strong>{t("contact-safety-note")} ": "</strong>
                <span class="pre-line">{n}</span>
            </div>
        }
    });
    let nothing = card.phone.is_none()
        && card.email.is_none()
        && card.address.is_none()
        && card.emergency_contacts.is_empty();
    let others = card
        .emergency_contacts
        .iter()
        .map(|e| {
            let who = if e.relation.is_empty() {
                e.name.clone()
            } else {
                format!("{} ({})", e.name, e.relation)
            };
            let may = e.may_contact;
            view! {
                <li data-testid="emergency-contact">
                    {who} " · " <a href=tel(&e.phone)>{e.phone.clone()}</a>
                    {(!may).then(|| view! { " · " <span class="badge">{t("contact-no-consent")}</span> })}
                </li>
            }
        })
        .collect_view();
    let has_others = !card.emergency_contacts.is_empty();
    let changed = card
        .updated_by
        .clone()
        .zip(card.updated_at)
        .map(|(by, at)| format!("{by}, {}", format::date_time(i18n, at)));
    view! {
        {note}
        {nothing.then(|| view! { <p class="muted" data-testid="contact-none">{t("contact-none")}</p> })}
        <dl class="facts">
            {card.phone.clone().map(|p| view! {
                <dt>{t("contact-phone")}</dt>
                <dd><a href=tel(&p) data-testid="contact-phone">{p.clone()}</a></dd>
            })}
            {card.email.clone().map(|e| view! {
                <dt>{t("contact-email")}</dt>
                <dd><a href=format!("mailto:{e}")>{e.clone()}</a></dd>
            })}
            {card.address.clone().map(|a| view! {
                <dt>{t("contact-address")}</dt>
                <dd>{a}</dd>
            })}
        </dl>
        {has_others.then(|| view! {
            <h3>{t("contact-emergency")}</h3>
            <ul class="plain">{others}</ul>
        })}
        {changed.map(|c| view! { <p class="muted">{t("contact-changed")} " " {c}</p> })}
    }
}

/// "Tried to reach" / "Reached" now, and the latest attempts.
#[component]
fn Reach(
    participant: ParticipantId,
    card: ParticipantContact,
    on_saved: Callback<ParticipantContact>,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let error = RwSignal::new(None::<Failure>);
    let busy = RwSignal::new(false);
    let record = move |outcome: ReachOutcome| {
        busy.set(true);
        leptos::task::spawn_local(async move {
            let body = ReachAttemptInput { outcome, at: None };
            let r = session
                .send_form(error, body, move |c, body| async move {
                    c.record_reach_attempt(participant, &body).await
                })
                .await;
            busy.set(false);
            if let Some(c) = r {
                on_saved.run(c);
            }
        });
    };
    let attempts = card
        .reach_attempts
        .iter()
        .map(|a| view! { <li data-testid="reach-attempt">{attempt_text(i18n, a)}</li> })
        .collect_view();
    view! {
        <h3>{t("reach-title")}</h3>
        <p class="actions">
            <button type="button" data-testid="reach-tried" disabled=move || busy.get()
                on:click=move |_| record(ReachOutcome::Tried)>{t("reach-record-tried")}</button>
            " "
            <button type="button" data-testid="reach-reached" disabled=move || busy.get()
                on:click=move |_| record(ReachOutcome::Reached)>{t("reach-record-reached")}</button>
        </p>
        <ErrorBanner error=error.into()/>
        <ul class="plain" data-testid="reach-attempts">{attempts}</ul>
    }
}

/// One emergency contact being edited.
#[derive(Clone, Copy)]
struct Row {
    key: usize,
    name: RwSignal<String>,
    relation: RwSignal<String>,
    phone: RwSignal<String>,
    may_contact: RwSignal<bool>,
}

impl Row {
    fn of(key: usize, e: &EmergencyContact) -> Self {
        Self {
            key,
            name: RwSignal::new(e.name.clone()),
            relation: RwSignal::new(e.relation.clone()),
            phone: RwSignal::new(e.phone.clone()),
            may_contact: RwSignal::new(e.may_contact),
        }
    }
}

#[component]
fn ContactForm(
    participant: ParticipantId,
    card: ParticipantContact,
    on_saved: Callback<ParticipantContact>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let phone = RwSignal::new(card.phone.clone().unwrap_or_default());
    let email = RwSignal::new(card.email.clone().unwrap_or_default());
    let address = RwSignal::new(card.address.clone().unwrap_or_default());
    let note = RwSignal::new(card.safety_note.clone().unwrap_or_default());
    let rows = RwSignal::new(
        (card.emergency_contacts.iter().enumerate())
            .map(|(i, e)| Row::of(i, e))
            .collect::<Vec<_>>(),
    );
    let next_key = StoredValue::new(card.emergency_contacts.len());
    let error = RwSignal::new(None::<Failure>);
    let busy = RwSignal::new(false);
    let add = move |_| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        let blank = EmergencyContact {
            name: String::new(),
            relation: String::new(),
            phone: String::new(),
            may_contact: false,
        };
        rows.update(|r| r.push(Row::of(key, &blank)));
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        let body = ParticipantContactInput {
            phone: Some(phone.get_untracked()),
            email: Some(email.get_untracked()),
            address: Some(address.get_untracked()),
            emergency_contacts: rows
                .get_untracked()
                .iter()
                .map(|r| EmergencyContact {
                    name: r.name.get_untracked(),
                    relation: r.relation.get_untracked(),
                    phone: r.phone.get_untracked(),
                    may_contact: r.may_contact.get_untracked(),
                })
                .collect(),
            safety_note: Some(note.get_untracked()),
        };
        leptos::task::spawn_local(async move {
            let r = session
                .call_with(body, move |c, body| async move {
                    c.set_contact(participant, &body).await
                })
                .await;
            busy.set(false);
            match r {
                Ok(c) => on_saved.run(c),
                Err(f) => error.set(Some(f)),
            }
        });
    };
    // Where a row is now: field errors name the emergency contacts by index.
    let position =
        move |key: usize| rows.with(|all| all.iter().position(|x| x.key == key).unwrap_or(0));
    // The message for a field of the i-th emergency contact.
    let row_error = move |i: usize, field: &'static str| {
        let name = format!("emergency_contacts[{i}].{field}");
        error
            .get()
            .and_then(|f| f.field_error(&name))
            .map(|m| view! { <span class="field-error">{crate::server_text::field_message(i18n, &m)}</span> })
    };
    let text_field = move |label: &'static str,
                           value: RwSignal<String>,
                           field: &'static str,
                           kind: &'static str| {
        view! {
            <label>
                {t(label)}
                <input type=kind data-testid=format!("contact-{field}") prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))/>
                <FieldError error=error.into() field=field/>
            </label>
        }
    };
    view! {
        <form class="contact-form" on:submit=submit data-testid="contact-form">
            {text_field("contact-phone", phone, "phone", "tel")}
            {text_field("contact-email", email, "email", "email")}
            {text_field("contact-address", address, "address", "text")}
            <label>
                {t("contact-safety-note")}
                <textarea data-testid="contact-safety_note" rows="3" prop:value=move || note.get()
                    on:input=move |ev| note.set(event_target_value(&ev))></textarea>
                <span class="muted">{t("contact-safety-note-help")}</span>
                <FieldError error=error.into() field="safety_note"/>
            </label>
            <fieldset>
                <legend>{t("contact-emergency")}</legend>
                <For each=move || rows.get() key=|r| r.key let:r>
                    <div class="row" data-testid="emergency-row">
                        <label>{t("contact-name")}
                            <input prop:value=move || r.name.get() on:input=move |ev| r.name.set(event_target_value(&ev))/>
                            {move || row_error(position(r.key), "name")}
                        </label>
                        <label>{t("contact-relation")}
                            <input prop:value=move || r.relation.get() on:input=move |ev| r.relation.set(event_target_value(&ev))/>
                        </label>
                        <label>{t("contact-phone")}
                            <input type="tel" prop:value=move || r.phone.get() on:input=move |ev| r.phone.set(event_target_value(&ev))/>
                            {move || row_error(position(r.key), "phone")}
                        </label>
                        <label class="check">
                            <input type="checkbox" prop:checked=move || r.may_contact.get()
                                on:change=move |ev| r.may_contact.set(event_target_checked(&ev))/>
                            {t("contact-may-contact")}
                        </label>
                        <button type="button" class="link" on:click=move |_| rows.update(|all| all.retain(|x| x.key != r.key))>
                            {t("contact-remove")}
                        </button>
                    </div>
                </For>
                <button type="button" data-testid="emergency-add" on:click=add>{t("contact-add-emergency")}</button>
            </fieldset>
            <ErrorBanner error=error.into()/>
            <button type="submit" data-testid="contact-save" disabled=move || busy.get()>{t("save")}</button>
            " "
            <button type="button" class="link" on:click=move |_| on_cancel.run(())>{t("cancel")}</button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phone_link_dials_digits_and_the_plus_only() {
        assert_eq!(tel("+47 412 34-567"), "tel:+4741234567");
    }
}
