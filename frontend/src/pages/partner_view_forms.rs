//! The partner view's two forms: propose a change for a person the partner
//! follows, and refer someone. Each submission carries an Idempotency-Key,
//! kept while it is retried (a double click or a lost answer makes nothing
//! twice) and new once it went through.

use crate::components::{Done, ErrorBanner, FieldError};
use crate::format::{opt_text, parse_date};
use crate::i18n::{t, use_i18n};
use crate::pages::referral_fields::{ConsentChoice, ContactFields, PersonFields, ReferralFields};
use crate::session::{Failure, use_session};
use leptos::prelude::*;
use stige_domain::ParticipantId;
use stige_domain::proposal::{EndReason, ProposalKind};
use stige_wire::NewProposal;

/// A key for one submission: the time and a random number.
fn new_key() -> String {
    format!(
        "web-{}-{}",
        js_sys::Date::now() as u64,
        (js_sys::Math::random() * 1e12) as u64
    )
}

/// The key of the submission being made, made on the first try.
fn key_of(key: RwSignal<Option<String>>) -> String {
    match key.get_untracked() {
        Some(k) => k,
        None => {
            let k = new_key();
            key.set(Some(k.clone()));
            k
        }
    }
}

fn kind_key(kind: ProposalKind) -> String {
    format!("partner-view-kind-{}", kind.as_str().replace('_', "-"))
}

/// A button that opens the form to propose a change for `participant`.
#[component]
pub fn ProposalForm(
    participant: ParticipantId,
    name: String,
    on_done: Callback<Done>,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let kind = RwSignal::new(None::<ProposalKind>);
    let text = || RwSignal::new(String::new());
    let (until, from, hours, planned_return, why) = (text(), text(), text(), text(), text());
    let weekdays = RwSignal::new(Vec::<i64>::new());
    let reason = RwSignal::new(None::<EndReason>);
    let error = RwSignal::new(None::<Failure>);
    let pending = RwSignal::new(false);
    let key = RwSignal::new(None::<String>);
    let name = StoredValue::new(name);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let body = NewProposal {
            kind: kind.get_untracked(),
            until: parse_date(&until.get_untracked()),
            from: parse_date(&from.get_untracked()),
            weekdays: Some(weekdays.get_untracked()).filter(|w| !w.is_empty()),
            hours_per_week: hours.get_untracked().trim().parse().ok(),
            planned_return: parse_date(&planned_return.get_untracked()),
            end_reason: reason.get_untracked(),
            text: opt_text(&why.get_untracked()),
        };
        let k = key_of(key);
        pending.set(true);
        leptos::task::spawn_local(async move {
            let r = session
                .call(move |c| {
                    let (body, k) = (body.clone(), k.clone());
                    async move { c.propose(participant, &body, &k).await }
                })
                .await;
            pending.set(false);
            match r {
                Ok(_) => {
                    key.set(None);
                    error.set(None);
                    open.set(false);
                    on_done.run(Done {
                        text: i18n.t_with("partner-view-proposed", &[("name", name.get_value())]),
                        href: None,
                    });
                }
                Err(f) => error.set(Some(f)),
            }
        });
    };
    let shows = move |k: ProposalKind| move || kind.get() == Some(k);
    view! {
        <button type="button" class="secondary" data-testid="propose-change" aria-expanded=move || open.get().to_string()
            on:click=move |_| open.update(|o| *o = !*o)>{t("partner-view-propose")}</button>
        <Show when=move || open.get()>
            <form class="grid-form" data-testid="proposal-form" on:submit=submit aria-busy=move || pending.get().to_string()>
                <label>{t("partner-view-proposal")}
                    <select data-testid="proposal-kind" on:change=move |ev| kind.set(ProposalKind::parse(&event_target_value(&ev)))>
                        <option value="">"–"</option>
                        {ProposalKind::ALL.iter().copied().map(|k| view! {
                            <option value=k.as_str() selected=move || kind.get() == Some(k)>{move || i18n.t(&kind_key(k))}</option>
                        }).collect_view()}
                    </select>
                    <FieldError error=error.into() field="kind"/></label>
                <Show when=shows(ProposalKind::Extend)>
                    <label>{t("partner-view-until")}
                        <input type="date" data-testid="proposal-until" prop:value=until on:input=move |ev| until.set(event_target_value(&ev))/>
                        <FieldError error=error.into() field="until"/></label>
                </Show>
                <Show when=shows(ProposalKind::ChangeParticipation)>
                    <label>{t("link-from")}
                        <input type="date" data-testid="proposal-from" prop:value=from on:input=move |ev| from.set(event_target_value(&ev))/>
                        <FieldError error=error.into() field="from"/></label>
                    <fieldset>
                        <legend>{t("partner-view-weekdays")}</legend>
                        {(1..=5i64).map(|d| view! {
                            <label class="check"><input type="checkbox"
                                prop:checked=move || weekdays.with(|w| w.contains(&d))
                                on:change=move |_| weekdays.update(|w| if let Some(i) = w.iter().position(|x| *x == d) { w.remove(i); } else { w.push(d); w.sort_unstable(); })/>
                                {move || i18n.t(&format!("weekday-{d}"))}</label>
                        }).collect_view()}
                        <FieldError error=error.into() field="weekdays"/>
                    </fieldset>
                    <label>{t("partner-view-hours")}
                        <input type="number" min="1" max="60" data-testid="proposal-hours" prop:value=hours on:input=move |ev| hours.set(event_target_value(&ev))/>
                        <FieldError error=error.into() field="hours_per_week"/></label>
                </Show>
                <Show when=shows(ProposalKind::Pause)>
                    <label>{t("planned-return")}
                        <input type="date" data-testid="proposal-return" prop:value=planned_return on:input=move |ev| planned_return.set(event_target_value(&ev))/>
                        <FieldError error=error.into() field="planned_return"/></label>
                </Show>
                <Show when=shows(ProposalKind::End)>
                    <label>{t("partner-view-end-reason")}
                        <select data-testid="proposal-reason" on:change=move |ev| reason.set(EndReason::parse(&event_target_value(&ev)))>
                            <option value="">"–"</option>
                            {EndReason::ALL.iter().copied().map(|r| view! {
                                <option value=r.as_str() selected=move || reason.get() == Some(r)>
                                    {move || i18n.t(&format!("end-reason-{}", r.as_str().replace('_', "-")))}</option>
                            }).collect_view()}
                        </select>
                        <FieldError error=error.into() field="end_reason"/></label>
                </Show>
                <label>{t("partner-view-why")}
                    <textarea data-testid="proposal-text" prop:value=why on:input=move |ev| why.set(event_target_value(&ev))></textarea>
                    <FieldError error=error.into() field="text"/></label>
                <ErrorBanner error=error.into()/>
                <button type="submit" data-testid="proposal-send" disabled=move || pending.get()>{t("partner-view-send-proposal")}</button>
            </form>
        </Show>
    }
}

/// A button that opens the form to refer someone to the programme.
#[component]
pub fn ReferralForm(on_done: Callback<Done>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let fields = ReferralFields::new();
    let error = RwSignal::new(None::<Failure>);
    let pending = RwSignal::new(false);
    let key = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let body = fields.body(true);
        let k = key_of(key);
        pending.set(true);
        leptos::task::spawn_local(async move {
            let r = session
                .call(move |c| {
                    let (body, k) = (body.clone(), k.clone());
                    async move { c.refer(&body, &k).await }
                })
                .await;
            pending.set(false);
            match r {
                Ok(r) => {
                    key.set(None);
                    error.set(None);
                    fields.clear_person();
                    open.set(false);
                    let name = format!("{} {}", r.given_name, r.family_name);
                    on_done.run(Done {
                        text: i18n.t_with("partner-view-referred", &[("name", name)]),
                        href: None,
                    });
                }
                Err(f) => error.set(Some(f)),
            }
        });
    };
    view! {
        <button type="button" class="secondary" data-testid="refer-someone" aria-expanded=move || open.get().to_string()
            on:click=move |_| open.update(|o| *o = !*o)>{t("partner-view-refer")}</button>
        <Show when=move || open.get()>
            <form class="grid-form" data-testid="referral-form" on:submit=submit aria-busy=move || pending.get().to_string()>
                <PersonFields testid_prefix="refer" fields=fields error=error/>
                <ContactFields testid_prefix="refer" legend="partner-view-you" fields=fields error=error/>
                <ConsentChoice testid_prefix="refer" fields=fields error=error/>
                <ErrorBanner error=error.into()/>
                <button type="submit" data-testid="refer-send" disabled=move || pending.get()>{t("partner-view-send-referral")}</button>
            </form>
        </Show>
    }
}
