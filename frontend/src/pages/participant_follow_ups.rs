//! Follow-up conversations on the participant page, with the scaling scores as a chart.

use crate::components::{ErrorBanner, FieldError, ScoreChart};
use crate::format::{opt_text, parse_date, today};
use crate::i18n::{t, use_i18n};
use crate::session::{Failure, use_session};
use leptos::prelude::*;
use stige_domain::Capability;
use stige_domain::ParticipantId;
use stige_domain::follow_up::Attendee;
use stige_wire::{AgreedActionInput, FollowUp, FollowUpInput};

const ATTENDEES: [(Attendee, &str); 3] = [
    (Attendee::Staff, "attendee-staff"),
    (Attendee::Mentor, "attendee-mentor"),
    (Attendee::PartnerFollowUpService, "attendee-partner"),
];

#[component]
pub fn FollowUps(participant: ParticipantId) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let list = RwSignal::new(None::<Result<Vec<FollowUp>, Failure>>);
    let editing = RwSignal::new(None::<FollowUp>);
    let reload = move || {
        leptos::task::spawn_local(async move {
            list.set(Some(
                session
                    .call(move |c| async move { c.follow_ups(participant).await })
                    .await,
            ));
        });
    };
    reload();
    let content = move || {
        list.get().map(|r| match r {
            Err(f) => view! { <ErrorBanner error=Signal::derive(move || Some(f.clone()))/> }.into_any(),
            Ok(items) => {
                let mut points: Vec<(chrono::NaiveDate, i64)> =
                    items.iter().filter_map(|f| f.scaling_score.map(|s| (f.date, s))).collect();
                points.sort_by_key(|p| p.0);
                let entries = items
                    .into_iter()
                    .map(|f| {
                        let fid = f.id;
                        let actions = f
                            .actions
                            .iter()
                            .map(|a| {
                                let by = a.by_when.map(|b| format!(" ({b})")).unwrap_or_default();
                                let (aid, done) = (a.id, a.done);
                                let toggle = move |ev: leptos::ev::Event| {
                                    let on = event_target_checked(&ev);
                                    leptos::task::spawn_local(async move {
                                        if session
                                            .call(move |c| async move { c.set_action_done(participant, fid, aid, on).await })
                                            .await
                                            .is_ok()
                                        {
                                            reload();
                                        }
                                    });
                                };
                                view! {
                                    <li class:done=done>
                                        <label class="check">
                                            <input type="checkbox" prop:checked=done on:change=toggle/>
                                            {a.owner.clone()} ": " {a.what.clone()} {by}
                                        </label>
                                    </li>
                                }
                            })
                            .collect_view();
                        let versions = f.earlier_versions;
                        let for_edit = f.clone();
                        view! {
                            <li class="event" data-testid="follow-up">
                                <time>{crate::format::date(i18n, f.date)}</time>
                                <div>
                                    {f.confidential.then(|| view! { <span class="badge">{t("confidential")}</span> " " })}
                                    {f.scaling_score.map(|s| view! { <strong>{t("scaling-score")} ": " {s}</strong> })}
                                    <p>{f.what_works.clone()}</p>
                                    {(!f.next_small_step.is_empty()).then(|| view! { <p>{t("next-small-step")} ": " {f.next_small_step.clone()}</p> })}
                                    <ul class="actions">{actions}</ul>
                                    {f.next_due.map(|d| view! { <p class="muted">{t("next-due")} ": " {crate::format::date(i18n, d)}</p> })}
                                    <p class="muted">
                                        {f.written_by.clone()}
                                        {(versions > 0).then(|| view! { " · " {move || i18n.t_with("earlier-versions", &[("count", versions.to_string())])} })}
                                        " " <button type="button" class="link" on:click=move |_| editing.set(Some(for_edit.clone()))>{t("edit")}</button>
                                    </p>
                                </div>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <h3>{t("scaling-over-time")}</h3>
                    <ScoreChart points=points testid="follow-up-chart"/>
                    <ol class="timeline">{entries}</ol>
                }
                .into_any()
            }
        })
    };
    view! {
        <section class="card" data-testid="follow-ups">
            <h2>{t("follow-ups")}</h2>
            {move || match editing.get() {
                Some(f) => view! {
                    <FollowUpForm participant=participant existing=Some(f) on_change=Callback::new(move |_| { editing.set(None); reload(); })/>
                    <button type="button" class="link" on:click=move |_| editing.set(None)>{t("cancel")}</button>
                }.into_any(),
                None => view! { <FollowUpForm participant=participant existing=None on_change=Callback::new(move |_| reload())/> }.into_any(),
            }}
            {content}
        </section>
    }
}

#[component]
fn FollowUpForm(
    participant: ParticipantId,
    existing: Option<FollowUp>,
    on_change: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let e = existing.clone();
    let text_of = |f: fn(&FollowUp) -> String| e.as_ref().map(f).unwrap_or_default();
    let date = RwSignal::new(
        e.as_ref()
            .map_or_else(|| today().to_string(), |f| f.date.to_string()),
    );
    let attendees = RwSignal::new(e.as_ref().map(|f| f.attendees.clone()).unwrap_or_default());
    let what_works = RwSignal::new(text_of(|f| f.what_works.clone()));
    let score = RwSignal::new(text_of(|f| {
        f.scaling_score.map(|s| s.to_string()).unwrap_or_default()
    }));
    let next_step = RwSignal::new(text_of(|f| f.next_small_step.clone()));
    let next_due = RwSignal::new(text_of(|f| {
        f.next_due.map(|d| d.to_string()).unwrap_or_default()
    }));
    let confidential = RwSignal::new(e.as_ref().is_some_and(|f| f.confidential));
    let first = e.as_ref().and_then(|f| f.actions.first().cloned());
    let action_owner = RwSignal::new(first.as_ref().map(|a| a.owner.clone()).unwrap_or_default());
    let action_what = RwSignal::new(first.as_ref().map(|a| a.what.clone()).unwrap_or_default());
    let action_by = RwSignal::new(
        first
            .as_ref()
            .and_then(|a| a.by_when)
            .map(|d| d.to_string())
            .unwrap_or_default(),
    );
    let first_done = first.as_ref().is_some_and(|a| a.done);
    // Actions after the first are kept as they are when editing.
    let other_actions: Vec<AgreedActionInput> = e
        .as_ref()
        .map(|f| {
            f.actions
                .iter()
                .skip(1)
                .map(|a| AgreedActionInput {
                    owner: Some(a.owner.clone()),
                    what: Some(a.what.clone()),
                    by_when: a.by_when,
                    done: a.done,
                })
                .collect()
        })
        .unwrap_or_default();
    let editing_id = existing.as_ref().map(|f| f.id);
    let error = RwSignal::new(None::<Failure>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let has_action = !action_owner.get_untracked().trim().is_empty()
            || !action_what.get_untracked().trim().is_empty();
        let mut actions = if has_action {
            vec![AgreedActionInput {
                owner: opt_text(&action_owner.get_untracked()),
                what: opt_text(&action_what.get_untracked()),
                by_when: parse_date(&action_by.get_untracked()),
                done: first_done,
            }]
        } else {
            vec![]
        };
        actions.extend(other_actions.iter().cloned());
        let body = FollowUpInput {
            date: parse_date(&date.get_untracked()),
            attendees: attendees.get_untracked(),
            what_works: Some(what_works.get_untracked()),
            scaling_score: score.get_untracked().trim().parse().ok(),
            next_small_step: Some(next_step.get_untracked()),
            actions,
            next_due: parse_date(&next_due.get_untracked()),
            confidential: confidential.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            let r = session
                .call(move |c| {
                    let body = body.clone();
                    async move {
                        match editing_id {
                            Some(id) => c.update_follow_up(participant, id, &body).await,
                            None => c.add_follow_up(participant, &body).await,
                        }
                    }
                })
                .await;
            match r {
                Ok(_) => {
                    for s in [
                        what_works,
                        score,
                        next_step,
                        next_due,
                        action_owner,
                        action_what,
                        action_by,
                    ] {
                        s.set(String::new());
                    }
                    error.set(None);
                    on_change.run(());
                }
                Err(f) => error.set(Some(f)),
            }
        });
    };
    let text = |s: RwSignal<String>| move |ev: leptos::ev::Event| s.set(event_target_value(&ev));
    let is_edit = editing_id.is_some();
    let chosen = move |a: Attendee| attendees.get().contains(&a);
    view! {
        <details class="new-follow-up" open=is_edit>
            <summary data-testid="new-follow-up">{if is_edit { t("edit-follow-up") } else { t("new-follow-up") }}</summary>
            <form on:submit=submit data-testid="follow-up-form">
                <super::participant_work::LastFourWeeks participant=participant/>
                <label>{t("date")}<input type="date" prop:value=date on:input=text(date)/><FieldError error=error.into() field="date"/></label>
                <fieldset>
                    <legend>{t("took-part")}</legend>
                    {ATTENDEES.into_iter().map(|(a, key)| view! {
                        <label class="check">
                            <input type="checkbox" prop:checked=move || chosen(a) on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                attendees.update(|v| { v.retain(|x| *x != a); if on { v.push(a); } });
                            }/>
                            {move || i18n.t(key)}
                        </label>
                    }).collect_view()}
                </fieldset>
                <label>{t("what-works")}<textarea data-testid="what-works" prop:value=what_works on:input=text(what_works)></textarea></label>
                <label>{t("scaling-score")}<input type="number" min="0" max="10" data-testid="follow-up-score" prop:value=score on:input=text(score)/>
                    <FieldError error=error.into() field="scaling_score"/></label>
                <label>{t("next-small-step")}<input prop:value=next_step on:input=text(next_step)/></label>
                <fieldset>
                    <legend>{t("agreed-action")}</legend>
                    <label>{t("action-owner")}<input prop:value=action_owner on:input=text(action_owner)/><FieldError error=error.into() field="actions[0].owner"/></label>
                    <label>{t("action-what")}<input prop:value=action_what on:input=text(action_what)/><FieldError error=error.into() field="actions[0].what"/></label>
                    <label>{t("action-by")}<input type="date" prop:value=action_by on:input=text(action_by)/><FieldError error=error.into() field="actions[0].by_when"/></label>
                </fieldset>
                <label>{t("next-due")}<input type="date" data-testid="next-due" prop:value=next_due on:input=text(next_due)/><FieldError error=error.into() field="next_due"/></label>
                <Show when=move || session.can(Capability::SeeConfidentialNotes)>
                    <label class="check"><input type="checkbox" prop:checked=confidential on:change=move |ev| confidential.set(event_target_checked(&ev))/>{t("confidential")}</label>
                </Show>
                <ErrorBanner error=Signal::derive(move || error.get().filter(|f| f.status != Some(422)))/>
                <button type="submit" data-testid="follow-up-save">{t("save")}</button>
            </form>
        </details>
    }
}
