//! Recording a referral that came by phone, letter, e-mail or at a meeting on a
//! partner's behalf, or a person's own request (a self-referral): the same fields
//! as a partner's referral, and it lands in the inbox like one.

use crate::components::{Done, ErrorBanner, FieldError, Loading};
use crate::format;
use crate::i18n::{t, use_i18n};
use crate::pages::referral_fields::{ConsentChoice, ContactFields, PersonFields, ReferralFields};
use crate::session::{Failure, use_session};
use leptos::prelude::*;
use stige_domain::LadderId;
use stige_domain::referral::ReferralChannel;
use stige_wire::RecordedReferral;

/// The form, shown by a button on the referral inbox; `on_done` gets the
/// confirmation once the referral is recorded.
#[component]
pub fn RecordReferral(on_done: Callback<Done>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let channel = RwSignal::new(None::<ReferralChannel>);
    let agreement = RwSignal::new(None::<i64>);
    let ladder = RwSignal::new(None::<LadderId>);
    let fields = ReferralFields::new();
    let error = RwSignal::new(None::<Failure>);
    let pending = RwSignal::new(false);
    let has_partner = move || channel.get().is_none_or(ReferralChannel::has_partner);
    let options = LocalResource::new(move || async move {
        let agreements = session
            .call(|c| async move { c.agreements().await })
            .await?;
        let ladders = session.ladders().await?;
        Ok::<_, Failure>((agreements, ladders))
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let partner = has_partner();
        let body = RecordedReferral {
            channel: channel.get_untracked(),
            agreement_id: agreement.get_untracked().filter(|_| partner),
            ladder_id: ladder.get_untracked().filter(|_| !partner),
            referral: fields.body(partner),
        };
        pending.set(true);
        leptos::task::spawn_local(async move {
            let r = session
                .send_form(error, body, move |c, body| async move {
                    c.record_referral(&body).await
                })
                .await;
            pending.set(false);
            if let Some(r) = r {
                fields.clear_person();
                open.set(false);
                let name = format!("{} {}", r.given_name, r.family_name);
                on_done.run(Done {
                    text: i18n.t_with("done-recorded", &[("name", name)]),
                    href: None,
                });
            }
        });
    };
    let selects = move || {
        options.get().map(|r| match r {
            Err(f) => view! { <ErrorBanner error=Signal::derive(move || Some(f.clone()))/> }.into_any(),
            Ok((agreements, ladders)) => {
                let (agreements, ladders) = (StoredValue::new(agreements), StoredValue::new(ladders));
                view! {
                <Show when=has_partner>
                    <label>{t("referral-agreement")}
                        <select data-testid="record-agreement" on:change=move |ev| agreement.set(event_target_value(&ev).parse().ok())>
                            <option value="">"–"</option>
                            {agreements.get_value().into_iter().filter(|a| a.takes_referrals).map(|a| {
                                let id = a.id;
                                view! {
                                    <option value=id.to_string() selected=move || agreement.get() == Some(id)>{format!("{} · {}", a.partner.name, a.ladder.name)}</option>
                                }
                            }).collect_view()}
                        </select>
                        <FieldError error=error.into() field="agreement_id"/></label>
                </Show>
                <Show when=move || !has_partner()>
                    <label>{t("ladder")}
                        <select data-testid="record-ladder" on:change=move |ev| ladder.set(event_target_value(&ev).parse().ok().map(LadderId))>
                            <option value="">"–"</option>
                            {ladders.get_value().into_iter().map(|l| {
                                let id = l.id;
                                view! {
                                    <option value=id.to_string() selected=move || ladder.get() == Some(id)>{l.name}</option>
                                }
                            }).collect_view()}
                        </select>
                        <FieldError error=error.into() field="ladder_id"/></label>
                </Show>
                }
                .into_any()
            }
        })
    };
    view! {
        <section class="card">
            <button type="button" class="secondary" data-testid="record-referral" aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)>{t("record-referral")}</button>
            <Show when=move || open.get()>
                <form class="grid-form" data-testid="record-form" on:submit=submit aria-busy=move || pending.get().to_string()>
                    <h2>{t("record-referral")}</h2>
                    <label>{t("referral-channel")}
                        <select data-testid="record-channel" on:change=move |ev| channel.set(ReferralChannel::parse(&event_target_value(&ev)))>
                            <option value="">"–"</option>
                            {ReferralChannel::RECORDED.into_iter().map(|c| view! {
                                <option value=c.as_str() selected=move || channel.get() == Some(c)>{move || format::referral_channel(i18n, c)}</option>
                            }).collect_view()}
                        </select>
                        <FieldError error=error.into() field="channel"/></label>
                    <Transition fallback=|| view! { <Loading/> }>{selects}</Transition>
                    <PersonFields testid_prefix="record" fields=fields error=error/>
                    <Show when=has_partner>
                        <ContactFields testid_prefix="record" legend="partner-contact" fields=fields error=error/>
                    </Show>
                    <ConsentChoice testid_prefix="record" fields=fields error=error/>
                    <ErrorBanner error=error.into()/>
                    <button type="submit" data-testid="record-save" disabled=move || pending.get()>{t("record-save")}</button>
                </form>
            </Show>
        </section>
    }
}
