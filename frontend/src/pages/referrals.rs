//! The referral inbox: partners' referrals and those staff recorded, newest first,
//! with triage actions and a warning when the person may already be referred or in
//! the programme.

use super::participant_outcomes::CodeSelect;
use crate::components::{Done, DoneNotice, ErrorBanner, FieldError, Loading};
use crate::format::{self, opt_text, parse_date, today};
use crate::i18n::{t, use_i18n};
use crate::session::{Failure, use_session};
use leptos::prelude::*;
use leptos_router::components::A;
use stige_domain::Capability;
use stige_domain::organisation_number::Country;
use stige_domain::referral::{DeclineReason, ReferralStatus};
use stige_domain::situation::{IncomeSource, Occupation};
use stige_domain::{LadderId, StepId, UserId};
use stige_wire::{
    PossibleDuplicate, Referral, ReferralQuery, SituationInput, TriageAction, TriageRequest,
};

#[component]
pub fn ReferralsPage() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let status = RwSignal::new(Some(ReferralStatus::Received));
    let version = RwSignal::new(0u32);
    let page = LocalResource::new(move || {
        version.track();
        let query = ReferralQuery {
            status: status.get(),
            per_page: Some(100),
            ..Default::default()
        };
        async move {
            session
                .call(move |c| {
                    let query = query.clone();
                    async move { c.referrals(&query).await }
                })
                .await
        }
    });
    // Made here, not per card: a triage still in flight when the status filter changes
    // outlives its card, and must still refresh the list the user now looks at.
    // What the last triage did, said with the person's name, and where to see it.
    let done = RwSignal::new(None::<Done>);
    // Whose accept form is open: kept here, as the list may be loaded again
    // (and each card made anew) just after the user opened one.
    let accepting = RwSignal::new(None::<i64>);
    let on_done = Callback::new(move |d: Done| {
        done.set(Some(d));
        version.update(|v| *v += 1);
    });
    let list = move || {
        page.get().map(|r| match r {
            Err(f) => {
                view! { <ErrorBanner error=Signal::derive(move || Some(f.clone()))/> }.into_any()
            }
            Ok(p) if p.items.is_empty() => {
                view! { <p class="muted">{t("no-referrals")}</p> }.into_any()
            }
            Ok(p) => p
                .items
                .into_iter()
                .map(|r| view! { <ReferralCard referral=r on_done=on_done accepting=accepting/> })
                .collect_view()
                .into_any(),
        })
    };
    view! {
        <section class="card">
            <h1>{t("referrals-title")}</h1>
            <label>{t("status")}
                <select data-testid="referral-status-filter" on:change=move |ev| status.set(ReferralStatus::parse(&event_target_value(&ev)))>
                    {ReferralStatus::ALL.iter().copied().map(|s| view! {
                        <option value=s.as_str() selected=s == ReferralStatus::Received>{move || format::referral_status(i18n, s)}</option>
                    }).collect_view()}
                    <option value="">{t("all")}</option>
                </select>
            </label>
        </section>
        <Show when=move || session.can(Capability::TriageReferrals)>
            <super::referral_record::RecordReferral on_done=on_done/>
        </Show>
        <DoneNotice done=done.into()/>
        <super::proposals::ProposalsInbox version=version on_done=on_done/>
        <Transition fallback=|| view! { <Loading/> }>{list}</Transition>
    }
}

#[component]
fn ReferralCard(
    referral: Referral,
    on_done: Callback<Done>,
    accepting: RwSignal<Option<i64>>,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let id = referral.id;
    let status = referral.status;
    let error = RwSignal::new(None::<Failure>);
    let declining = RwSignal::new(false);
    let reason = RwSignal::new(None::<DeclineReason>);
    let text = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let first_step = RwSignal::new(None::<StepId>);
    let mentor = RwSignal::new(None::<UserId>);
    let start = RwSignal::new(today().to_string());
    let income = RwSignal::new(None::<IncomeSource>);
    let occupation = RwSignal::new(None::<Occupation>);
    let name = format!("{} {}", referral.given_name, referral.family_name);
    let who = StoredValue::new(name.clone());
    let act = move |action: TriageAction| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        let accept = action == TriageAction::Accept;
        let body = TriageRequest {
            action: Some(action),
            decline_reason: reason.get_untracked(),
            decline_text: opt_text(&text.get_untracked()),
            first_step_id: first_step.get_untracked().filter(|_| accept),
            mentor_id: mentor.get_untracked().filter(|_| accept),
            start_date: parse_date(&start.get_untracked()).filter(|_| accept),
            situation_at_start: match (income.get_untracked(), occupation.get_untracked()) {
                (None, None) => None,
                (income_source, occupation) => Some(SituationInput {
                    income_source,
                    occupation,
                    ..Default::default()
                }),
            }
            .filter(|_| accept),
        };
        let who = who.get_value();
        leptos::task::spawn_local(async move {
            let r = session
                .call_with(
                    body,
                    move |c, body| async move { c.triage(id, &body).await },
                )
                .await;
            // The card may be gone by now (the filter changed): only the page's refresh
            // is sure to be alive.
            let _ = pending.try_set(false);
            match r {
                Ok(r) => on_done.run(triage_done(i18n, &who, &r)),
                Err(f) => {
                    let _ = error.try_set(Some(f));
                }
            }
        });
    };
    let duplicates = referral
        .possible_duplicates
        .clone()
        .into_iter()
        .map(|d| match d {
            PossibleDuplicate::Participant { id } => view! {
                <li><A href=format!("/participants/{id}")>{t("duplicate-participant")}</A></li>
            }
            .into_any(),
            PossibleDuplicate::Referral { id } => view! {
                <li>{move || i18n.t_with("duplicate-referral", &[("id", id.to_string())])}</li>
            }
            .into_any(),
        })
        .collect_view();
    let has_duplicates = !referral.possible_duplicates.is_empty();
    let born = referral
        .national_id_masked
        .clone()
        .or_else(|| referral.birth_date.map(|d| crate::format::date(i18n, d)))
        .unwrap_or_default();
    let open = status.is_open();
    let ladder = referral.ladder_id;
    let from = referral
        .partner
        .as_ref()
        .map_or_else(|| i18n.t("channel-self-referral"), |p| p.name.clone());
    let channel = referral.channel;
    let recorded = referral.recorded_by.clone().map(|by| {
        view! {
            <p class="muted" data-testid="referral-recorded">{move || i18n.t_with("recorded-by", &[
                ("name", by.clone()),
                ("channel", format::referral_channel(i18n, channel)),
            ])}</p>
        }
    });
    let has_partner = referral.partner.is_some();
    view! {
        <article class="card referral" data-testid="referral" data-name=name.clone()>
            <h2>{name.clone()} " " <span class="badge">{move || format::referral_status(i18n, status)}</span></h2>
            <p class="muted">{from} " · " {born} " · " {crate::format::date(i18n, referral.received_at.date())}
                {referral.waiting_list_position.map(|n| view! { " · " {move || i18n.t_with("waiting-position", &[("position", n.to_string())])} })}
            </p>
            {recorded}
            <p>{referral.reason.clone()}</p>
            <p class="muted">{has_partner.then(|| view! {
                    {t("partner-contact")} ": " {referral.partner_contact.name.clone()} " " {referral.partner_contact.phone.clone()} " " {referral.partner_contact.email.clone()} " · "
                })}
                {if referral.consent_collected { t("consent-collected") } else { t("consent-not-collected") }}</p>
            {has_duplicates.then(|| view! {
                <div class="warning" role="alert" data-testid="duplicate-warning">
                    <strong>{t("duplicate-warning")}</strong>
                    <ul>{duplicates}</ul>
                </div>
            })}
            {referral.participant_id.map(|p| view! {
                <p><A href=format!("/participants/{p}") attr:data-testid="referral-participant">{t("open-participant")}</A></p>
            })}
            {referral.decline_reason.map(|r| view! { <p class="muted">{move || format::decline_reason(i18n, r)} {referral.decline_text.clone().map(|t| format!(": {t}"))}</p> })}
            <Show when=move || open>
                <div class="actions" aria-busy=move || pending.get().to_string()>
                    <Show when=move || status == ReferralStatus::Received>
                        <button type="button" disabled=move || pending.get() data-testid="triage-assess" on:click=move |_| act(TriageAction::StartAssessment)>{t("triage-assess")}</button>
                    </Show>
                    <button type="button" disabled=move || pending.get() data-testid="triage-accept" aria-expanded=move || (accepting.get() == Some(id)).to_string()
                        on:click=move |_| accepting.update(|a| *a = if *a == Some(id) { None } else { Some(id) })>{t("triage-accept")}</button>
                    <Show when=move || status != ReferralStatus::WaitingList>
                        <button type="button" disabled=move || pending.get() on:click=move |_| act(TriageAction::PutOnWaitingList)>{t("triage-wait")}</button>
                    </Show>
                    <button type="button" class="secondary" on:click=move |_| declining.update(|d| *d = !*d)>{t("triage-decline")}</button>
                </div>
                <Show when=move || accepting.get() == Some(id)>
                    <AcceptForm ladder=ladder first_step=first_step mentor=mentor start=start income=income occupation=occupation error=error pending=pending
                        on_submit=Callback::new(move |_| act(TriageAction::Accept))/>
                </Show>
                <Show when=move || declining.get()>
                    <form class="inline" on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); act(TriageAction::Decline); }>
                        <label>{t("decline-reason")}
                            <select on:change=move |ev| reason.set(DeclineReason::parse(&event_target_value(&ev)))>
                                <option value="">"–"</option>
                                {DeclineReason::ALL.iter().copied().map(|r| view! { <option value=r.as_str()>{move || format::decline_reason(i18n, r)}</option> }).collect_view()}
                            </select>
                            <FieldError error=error.into() field="decline_reason"/></label>
                        <label>{t("decline-text")}<input prop:value=text on:input=move |ev| text.set(event_target_value(&ev))/>
                            <FieldError error=error.into() field="decline_text"/></label>
                        <button type="submit" disabled=move || pending.get()>{t("triage-decline")}</button>
                    </form>
                </Show>
            </Show>
            <ErrorBanner error=error.into()/>
        </article>
    }
}

/// The confirmation of a triage decision, with the person's name and where the
/// result is: the new participant, or the list the referral is in now.
fn triage_done(i18n: crate::i18n::I18n, name: &str, r: &Referral) -> Done {
    let named = |key: &str| i18n.t_with(key, &[("name", name.to_owned())]);
    match (r.status, r.participant_id) {
        (ReferralStatus::Accepted, Some(p)) => Done {
            text: named("done-participant"),
            href: Some(format!("/participants/{p}")),
        },
        (ReferralStatus::WaitingList, _) => Done {
            text: i18n.t_with(
                "done-waiting-list",
                &[
                    ("name", name.to_owned()),
                    ("position", r.waiting_list_position.unwrap_or(0).to_string()),
                ],
            ),
            href: None,
        },
        (ReferralStatus::InAssessment, _) => Done {
            text: named("done-in-assessment"),
            href: None,
        },
        _ => Done {
            text: named("done-declined"),
            href: None,
        },
    }
}

/// Accepting in one step: the first step (or none: the person waits as
/// "referred"), the mentor and the start date.
#[component]
fn AcceptForm(
    ladder: LadderId,
    first_step: RwSignal<Option<StepId>>,
    mentor: RwSignal<Option<UserId>>,
    start: RwSignal<String>,
    income: RwSignal<Option<IncomeSource>>,
    occupation: RwSignal<Option<Occupation>>,
    error: RwSignal<Option<Failure>>,
    pending: RwSignal<bool>,
    on_submit: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let country = session.auth.with_untracked(|a| {
        match a
            .me
            .as_ref()
            .and_then(|m| m.organisation.as_ref())
            .map(|o| o.country.as_str())
        {
            Some("SE") => Country::Sweden,
            _ => Country::Norway,
        }
    });
    let choices = LocalResource::new(move || async move {
        let ladder = session.ladder(ladder).await?;
        let users = session.users().await?;
        Ok::<_, Failure>((ladder.steps, users))
    });
    let selects = move || {
        choices.get().map(|r| match r {
            Err(f) => view! { <ErrorBanner error=Signal::derive(move || Some(f.clone()))/> }.into_any(),
            Ok((steps, users)) => view! {
                <label>{t("first-step")}
                    <select data-testid="accept-step" on:change=move |ev| first_step.set(event_target_value(&ev).parse().ok().map(StepId))>
                        <option value="">{t("first-step-later")}</option>
                        {steps.into_iter().map(|s| view! { <option value=s.id.0.to_string()>{s.name}</option> }).collect_view()}
                    </select>
                    <FieldError error=error.into() field="first_step_id"/></label>
                <label>{t("mentor")}
                    <select data-testid="accept-mentor" on:change=move |ev| mentor.set(event_target_value(&ev).parse().ok().map(UserId))>
                        <option value="">"–"</option>
                        {users.into_iter().filter(|u| u.active && u.role.may(Capability::BeAMentor))
                            .map(|u| view! { <option value=u.id.0.to_string()>{u.display_name}</option> }).collect_view()}
                    </select>
                    <FieldError error=error.into() field="mentor_id"/></label>
            }
            .into_any(),
        })
    };
    view! {
        <form class="inline" data-testid="accept-form" on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); on_submit.run(()); }>
            <Transition fallback=|| view! { <Loading/> }>{selects}</Transition>
            <label>{t("start-date")}
                <input type="date" data-testid="accept-start" prop:value=start on:input=move |ev| start.set(event_target_value(&ev))/>
                <FieldError error=error.into() field="start_date"/></label>
            <CodeSelect label="outcomes-income-source" testid="accept-income-source" prefix="income"
                codes=IncomeSource::of_country(country).into_iter().map(IncomeSource::as_str).collect()
                on_pick=Callback::new(move |c: String| income.set(IncomeSource::parse(&c)))
                error=error field="situation_at_start.income_source"/>
            <CodeSelect label="outcomes-occupation" testid="accept-occupation" prefix="occupation"
                codes=Occupation::ALL.iter().map(|o| o.as_str()).collect()
                on_pick=Callback::new(move |c: String| occupation.set(Occupation::parse(&c)))
                error=error field="situation_at_start.occupation"/>
            <button type="submit" data-testid="accept-submit" disabled=move || pending.get()>{t("triage-accept")}</button>
        </form>
    }
}
