//! Partners and their cooperation agreements, each with a place-usage bar. Admins
//! register partners and make agreements; coordinators read them.

use crate::components::{ErrorBanner, FieldError, Loading};
use crate::format::{self, opt_text, parse_date};
use crate::i18n::{t, use_i18n};
use crate::session::{Failure, use_session};
use leptos::prelude::*;
use leptos_router::components::A;
use stige_domain::Capability;
use stige_domain::LadderId;
use stige_domain::consent::SharingCategory;
use stige_domain::partner::PartnerKind;
use stige_wire::{Agreement, AgreementInput, ContactInput, PartnerInput};

/// How full an agreement is: a bar and "used of places".
#[component]
pub fn PlaceUsage(used: i64, places: i64) -> impl IntoView {
    let i18n = use_i18n();
    let percent = if places > 0 {
        (used * 100 / places).clamp(0, 100)
    } else {
        100
    };
    let full = places > 0 && used >= places;
    view! {
        <span class="usage" data-testid="place-usage">
            <span class="usage-bar" role="img" aria-label=move || i18n.t_with("places-used", &[("used", used.to_string()), ("places", places.to_string())])>
                <span class=if full { "usage-fill full" } else { "usage-fill" } style=format!("width: {percent}%")></span>
            </span>
            <span>{move || i18n.t_with("places-used", &[("used", used.to_string()), ("places", places.to_string())])}</span>
        </span>
    }
}

#[component]
pub fn PartnersPage() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let version = RwSignal::new(0u32);
    let data = LocalResource::new(move || {
        version.track();
        async move {
            let agreements = session
                .call(|c| async move { c.agreements().await })
                .await?;
            let partners = session.partners().await?;
            Ok::<_, Failure>((agreements, partners))
        }
    });
    let list = move || {
        data.get().map(|r| match r {
            Err(f) => view! { <ErrorBanner error=Signal::derive(move || Some(f.clone()))/> }.into_any(),
            Ok((agreements, partners)) => {
                let rows = agreements
                    .into_iter()
                    .map(|a: Agreement| {
                        let href = format!("/agreements/{}", a.id);
                        let period = crate::format::period(i18n, a.valid_from, a.valid_to);
                        view! {
                            <tr data-testid="agreement-row">
                                <td><A href=href>{a.partner.name.clone()}</A></td>
                                <td>{a.ladder.name.clone()}</td>
                                <td>{period}</td>
                                <td><PlaceUsage used=a.places_used places=a.places/></td>
                                <td>{if a.takes_referrals { view! { <span class="badge">{t("agreement-open")}</span> }.into_any() } else { view! { <span class="badge muted">{t("agreement-closed")}</span> }.into_any() }}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                let partner_rows = partners
                    .into_iter()
                    .map(|p| view! { <li>{p.name} " · " <span class="muted">{format::partner_kind(i18n, p.kind)} " · " {p.organisation_number}</span></li> })
                    .collect_view();
                view! {
                    <table class="table">
                        <thead><tr><th>{t("partner")}</th><th>{t("ladder")}</th><th>{t("period")}</th><th>{t("places")}</th><th></th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                    <h2>{t("partners-title")}</h2>
                    <ul class="plain">{partner_rows}</ul>
                }
                .into_any()
            }
        })
    };
    view! {
        <section class="card">
            <h1>{t("agreements-title")}</h1>
            <Transition fallback=|| view! { <Loading/> }>{list}</Transition>
        </section>
        <Show when=move || session.can(Capability::Administer)>
            <NewPartnerForm on_change=Callback::new(move |_| version.update(|v| *v += 1))/>
            <NewAgreementForm on_change=Callback::new(move |_| version.update(|v| *v += 1))/>
        </Show>
    }
}

#[component]
fn NewPartnerForm(on_change: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let name = RwSignal::new(String::new());
    let kind = RwSignal::new(None::<PartnerKind>);
    let number = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Failure>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = PartnerInput {
            name: Some(name.get_untracked()),
            kind: kind.get_untracked(),
            organisation_number: Some(number.get_untracked()),
        };
        leptos::task::spawn_local(async move {
            let r = session
                .call_with(
                    body,
                    move |c, body| async move { c.create_partner(&body).await },
                )
                .await;
            match r {
                Ok(_) => {
                    name.set(String::new());
                    number.set(String::new());
                    error.set(None);
                    on_change.run(());
                }
                Err(f) => error.set(Some(f)),
            }
        });
    };
    view! {
        <section class="card">
            <h2>{t("new-partner")}</h2>
            <form class="grid-form" on:submit=submit>
                <label>{t("name")}<input prop:value=name on:input=move |ev| name.set(event_target_value(&ev))/>
                    <FieldError error=error.into() field="name"/></label>
                <label>{t("partner-kind")}
                    <select on:change=move |ev| kind.set(PartnerKind::parse(&event_target_value(&ev)))>
                        <option value="">"–"</option>
                        {PartnerKind::ALL.iter().copied().map(|k| view! { <option value=k.as_str()>{move || format::partner_kind(i18n, k)}</option> }).collect_view()}
                    </select>
                    <FieldError error=error.into() field="kind"/></label>
                <label>{t("organisation-number")}<input prop:value=number on:input=move |ev| number.set(event_target_value(&ev))/>
                    <FieldError error=error.into() field="organisation_number"/></label>
                <button type="submit">{t("add")}</button>
            </form>
        </section>
    }
}

/// The fields of a contact, bound to three signals.
#[component]
fn ContactFields(
    legend: &'static str,
    field: &'static str,
    values: (RwSignal<String>, RwSignal<String>, RwSignal<String>),
    error: RwSignal<Option<Failure>>,
) -> impl IntoView {
    let (name, phone, email) = values;
    let f = |suffix: &str| -> &'static str {
        match (field, suffix) {
            ("contact", "name") => "contact.name",
            ("contact", "phone") => "contact.phone",
            ("contact", _) => "contact.email",
            (_, "name") => "follow_up_service.name",
            (_, "phone") => "follow_up_service.phone",
            _ => "follow_up_service.email",
        }
    };
    view! {
        <fieldset>
            <legend>{t(legend)}</legend>
            <label>{t("name")}<input prop:value=name on:input=move |ev| name.set(event_target_value(&ev))/>
                <FieldError error=error.into() field=f("name")/></label>
            <label>{t("phone")}<input prop:value=phone on:input=move |ev| phone.set(event_target_value(&ev))/>
                <FieldError error=error.into() field=f("phone")/></label>
            <label>{t("email")}<input type="email" prop:value=email on:input=move |ev| email.set(event_target_value(&ev))/>
                <FieldError error=error.into() field=f("email")/></label>
        </fieldset>
    }
}

fn contact(values: (RwSignal<String>, RwSignal<String>, RwSignal<String>)) -> ContactInput {
    ContactInput {
        name: opt_text(&values.0.get_untracked()),
        phone: opt_text(&values.1.get_untracked()),
        email: opt_text(&values.2.get_untracked()),
    }
}

#[component]
fn NewAgreementForm(on_change: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let options = LocalResource::new(move || async move {
        let partners = session.partners().await?;
        let ladders = session.ladders().await?;
        Ok::<_, Failure>((partners, ladders))
    });
    let partner = RwSignal::new(None::<i64>);
    let ladder = RwSignal::new(None::<LadderId>);
    let from = RwSignal::new(format::today().to_string());
    let to = RwSignal::new(String::new());
    let places = RwSignal::new(String::new());
    let scope = RwSignal::new(Vec::<SharingCategory>::new());
    let new_contact = || {
        (
            RwSignal::new(String::new()),
            RwSignal::new(String::new()),
            RwSignal::new(String::new()),
        )
    };
    let contact_values = new_contact();
    let service_values = new_contact();
    let error = RwSignal::new(None::<Failure>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = AgreementInput {
            partner_id: partner.get_untracked(),
            ladder_id: ladder.get_untracked(),
            valid_from: parse_date(&from.get_untracked()),
            valid_to: parse_date(&to.get_untracked()),
            places: places.get_untracked().trim().parse().ok(),
            sharing_scope: Some(scope.get_untracked()),
            contact: contact(contact_values),
            follow_up_service: contact(service_values),
        };
        leptos::task::spawn_local(async move {
            let r = session
                .send_form(error, body, move |c, body| async move {
                    c.create_agreement(&body).await
                })
                .await;
            if r.is_some() {
                on_change.run(());
            }
        });
    };
    let selects = move || {
        options.get().map(|r| match r {
            Err(f) => view! { <ErrorBanner error=Signal::derive(move || Some(f.clone()))/> }.into_any(),
            Ok((partners, ladders)) => view! {
                <label>{t("partner")}
                    <select on:change=move |ev| partner.set(event_target_value(&ev).parse().ok())>
                        <option value="">"–"</option>
                        {partners.into_iter().map(|p| view! { <option value=p.id.to_string()>{p.name}</option> }).collect_view()}
                    </select>
                    <FieldError error=error.into() field="partner_id"/></label>
                <label>{t("ladder")}
                    <select on:change=move |ev| ladder.set(event_target_value(&ev).parse().ok().map(LadderId))>
                        <option value="">"–"</option>
                        {ladders.into_iter().map(|l| view! { <option value=l.id.to_string()>{l.name}</option> }).collect_view()}
                    </select>
                    <FieldError error=error.into() field="ladder_id"/></label>
            }
            .into_any(),
        })
    };
    view! {
        <section class="card">
            <h2>{t("new-agreement")}</h2>
            <form class="grid-form" on:submit=submit>
                <Transition fallback=|| view! { <Loading/> }>{selects}</Transition>
                <label>{t("agreement-valid-from")}<input type="date" prop:value=from on:input=move |ev| from.set(event_target_value(&ev))/>
                    <FieldError error=error.into() field="valid_from"/></label>
                <label>{t("agreement-valid-to")}<input type="date" prop:value=to on:input=move |ev| to.set(event_target_value(&ev))/>
                    <FieldError error=error.into() field="valid_to"/></label>
                <label>{t("places")}<input type="number" min="0" prop:value=places on:input=move |ev| places.set(event_target_value(&ev))/>
                    <FieldError error=error.into() field="places"/></label>
                <fieldset>
                    <legend>{t("sharing-scope")}</legend>
                    {SharingCategory::ALL.iter().copied().map(|c| view! {
                        <label class="check">
                            <input type="checkbox" on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                scope.update(|s| { s.retain(|x| *x != c); if on { s.push(c); } });
                            }/>
                            {move || format::category(i18n, c)}
                        </label>
                    }).collect_view()}
                </fieldset>
                <ContactFields legend="agreement-contact" field="contact" values=contact_values error=error/>
                <ContactFields legend="follow-up-service" field="follow_up_service" values=service_values error=error/>
                <ErrorBanner error=error.into()/>
                <button type="submit">{t("add")}</button>
            </form>
        </section>
    }
}
