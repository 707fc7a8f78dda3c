//! The fields of a referral, shared by the form staff record one with and the
//! partner view's form: the person, the partner's contact and the consent.

use crate::components::FieldError;
use crate::format::{opt_text, parse_date};
use crate::i18n::t;
use crate::session::Failure;
use leptos::prelude::*;
use stige_wire::{ContactInput, NewReferral};

/// A text field bound to `value`, with its label and the server's error for
/// `field`; its test id is `{testid_prefix}-{field}`.
#[component]
pub fn TextField(
    testid_prefix: &'static str,
    label: &'static str,
    field: &'static str,
    value: RwSignal<String>,
    error: RwSignal<Option<Failure>>,
    #[prop(default = "text")] kind: &'static str,
) -> impl IntoView {
    view! {
        <label>{t(label)}
            <input type=kind data-testid=format!("{testid_prefix}-{field}") prop:value=value on:input=move |ev| value.set(event_target_value(&ev))/>
            <FieldError error=error.into() field=field/></label>
    }
}

/// What is typed into a referral form.
#[derive(Clone, Copy)]
pub struct ReferralFields {
    given: RwSignal<String>,
    family: RwSignal<String>,
    born: RwSignal<String>,
    number: RwSignal<String>,
    phone: RwSignal<String>,
    email: RwSignal<String>,
    reason: RwSignal<String>,
    contact_name: RwSignal<String>,
    contact_phone: RwSignal<String>,
    contact_email: RwSignal<String>,
    consent: RwSignal<Option<bool>>,
}

impl ReferralFields {
    pub fn new() -> Self {
        let text = || RwSignal::new(String::new());
        Self {
            given: text(),
            family: text(),
            born: text(),
            number: text(),
            phone: text(),
            email: text(),
            reason: text(),
            contact_name: text(),
            contact_phone: text(),
            contact_email: text(),
            consent: RwSignal::new(None),
        }
    }

    /// The referral as typed; the partner's contact only `with_contact`.
    pub fn body(&self, with_contact: bool) -> NewReferral {
        let text = |s: RwSignal<String>| opt_text(&s.get_untracked());
        NewReferral {
            given_name: text(self.given),
            family_name: text(self.family),
            birth_date: parse_date(&self.born.get_untracked()),
            national_id: text(self.number),
            phone: text(self.phone),
            email: text(self.email),
            reason: text(self.reason),
            partner_contact: if with_contact {
                ContactInput {
                    name: text(self.contact_name),
                    phone: text(self.contact_phone),
                    email: text(self.contact_email),
                }
            } else {
                ContactInput::default()
            },
            consent_collected: self.consent.get_untracked(),
        }
    }

    /// Empties the person's fields (the partner's contact stays for the next one).
    pub fn clear_person(&self) {
        for s in [
            self.given,
            self.family,
            self.born,
            self.number,
            self.phone,
            self.email,
            self.reason,
        ] {
            s.set(String::new());
        }
        self.consent.set(None);
    }
}

/// The person's fields and the reason.
#[component]
pub fn PersonFields(
    testid_prefix: &'static str,
    fields: ReferralFields,
    error: RwSignal<Option<Failure>>,
) -> impl IntoView {
    let reason = fields.reason;
    view! {
        <TextField testid_prefix=testid_prefix label="given-name" field="given_name" value=fields.given error=error/>
        <TextField testid_prefix=testid_prefix label="family-name" field="family_name" value=fields.family error=error/>
        <TextField testid_prefix=testid_prefix label="birth-date" field="birth_date" value=fields.born error=error kind="date"/>
        <TextField testid_prefix=testid_prefix label="national-id" field="national_id" value=fields.number error=error/>
        <TextField testid_prefix=testid_prefix label="phone" field="phone" value=fields.phone error=error kind="tel"/>
        <TextField testid_prefix=testid_prefix label="email" field="email" value=fields.email error=error kind="email"/>
        <label>{t("referral-reason")}
            <textarea data-testid=format!("{testid_prefix}-reason") prop:value=reason on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
            <FieldError error=error.into() field="reason"/></label>
    }
}

/// The partner's contact person, under `legend`.
#[component]
pub fn ContactFields(
    testid_prefix: &'static str,
    legend: &'static str,
    fields: ReferralFields,
    error: RwSignal<Option<Failure>>,
) -> impl IntoView {
    view! {
        <fieldset>
            <legend>{t(legend)}</legend>
            <TextField testid_prefix=testid_prefix label="name" field="partner_contact.name" value=fields.contact_name error=error/>
            <TextField testid_prefix=testid_prefix label="phone" field="partner_contact.phone" value=fields.contact_phone error=error kind="tel"/>
            <TextField testid_prefix=testid_prefix label="email" field="partner_contact.email" value=fields.contact_email error=error kind="email"/>
        </fieldset>
    }
}

/// Whether the person agreed to the referral.
#[component]
pub fn ConsentChoice(
    testid_prefix: &'static str,
    fields: ReferralFields,
    error: RwSignal<Option<Failure>>,
) -> impl IntoView {
    let consent = fields.consent;
    let name = format!("{testid_prefix}-consent");
    view! {
        <fieldset>
            <legend>{t("referral-consent")}</legend>
            <label class="check"><input type="radio" name=name.clone() data-testid=format!("{testid_prefix}-consent-yes")
                prop:checked=move || consent.get() == Some(true) on:change=move |_| consent.set(Some(true))/>{t("yes")}</label>
            <label class="check"><input type="radio" name=name
                prop:checked=move || consent.get() == Some(false) on:change=move |_| consent.set(Some(false))/>{t("no")}</label>
            <FieldError error=error.into() field="consent_collected"/>
        </fieldset>
    }
}
