//! Actions on a participant: move up or down, change status, assign mentors.

use crate::components::{ErrorBanner, FieldError};
use crate::format::{self, opt_text, parse_date, today};
use crate::i18n::{t, use_i18n};
use crate::session::{Failure, use_session};
use leptos::prelude::*;
use stige_domain::Capability;
use stige_domain::enrolment::EnrolmentAction;
use stige_domain::{EnrolmentStatus, ExitOutcome, StepId, UserId};
use stige_wire::{
    Ladder, MentorAssignment, MoveRequestBody, ParticipantDetail, StatusChangeRequest,
};

#[component]
pub fn MoveForm(
    detail: ParticipantDetail,
    ladder: Ladder,
    on_change: Callback<ParticipantDetail>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let current = detail.current_step.as_ref().map(|s| s.id);
    let current_pos = ladder
        .steps
        .iter()
        .find(|s| Some(s.id) == current)
        .map(|s| s.position);
    let targets: Vec<_> = ladder
        .steps
        .iter()
        .filter(|s| Some(s.id) != current)
        .cloned()
        .collect();
    let default_target = targets
        .iter()
        .find(|s| current_pos.is_some_and(|p| s.position > p))
        .or(targets.first())
        .map(|s| s.id);
    let target = RwSignal::new(default_target);
    let reason = RwSignal::new(String::new());
    let date = RwSignal::new(today().to_string());
    let override_reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Failure>);
    let pending = RwSignal::new(false);
    let steps = StoredValue::new(ladder.steps.clone());
    let target_full = move || {
        let id = target.get();
        steps.with_value(|s| {
            s.iter()
                .find(|s| Some(s.id) == id)
                .is_some_and(|s| s.capacity.is_some_and(|c| s.occupied >= c))
        })
    };
    let id = detail.id;
    let active = detail.status == EnrolmentStatus::Active;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = MoveRequestBody {
            to_step_id: target.get_untracked(),
            date: parse_date(&date.get_untracked()),
            reason: Some(reason.get_untracked()),
            override_reason: opt_text(&override_reason.get_untracked()),
        };
        pending.set(true);
        leptos::task::spawn_local(async move {
            let result = session
                .send_form(error, body, move |c, body| async move {
                    c.move_participant(id, &body).await
                })
                .await;
            pending.set(false);
            if let Some(d) = result {
                on_change.run(d);
            }
        });
    };
    // Built anew each time the form shows (views are not cloned).
    let targets = StoredValue::new(targets);
    let options = move || {
        targets.with_value(|targets| {
            targets
                .iter()
                .map(|s| {
            let arrow = match current_pos {
                None => "",
                Some(p) if s.position > p => "↑ ",
                Some(_) => "↓ ",
            };
            let full = s.capacity.is_some_and(|c| s.occupied >= c);
            let label = format!("{arrow}{}", s.name);
            let sid = s.id;
            view! {
                <option value=sid.0.to_string() selected=move || target.get() == Some(sid)>
                    {label} {move || if full { format!(" ({})", i18n.t("step-full")) } else { String::new() }}
                </option>
            }
        })
                .collect_view()
        })
    };
    view! {
        <section class="card">
            <h2>{t("move-title")}</h2>
            <Show when=move || active fallback=|| view! { <p class="muted">{t("move-only-active")}</p> }>
                <form on:submit=submit data-testid="move-form">
                    <label>
                        {t("to-step")}
                        <select data-testid="move-step" on:change=move |ev| target.set(event_target_value(&ev).parse().ok().map(StepId))>
                            {options()}
                        </select>
                        <FieldError error=error.into() field="to_step_id"/>
                    </label>
                    <label>
                        {t("reason")}
                        <textarea data-testid="move-reason" prop:value=reason on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                        <FieldError error=error.into() field="reason"/>
                    </label>
                    <label>
                        {t("date")}
                        <input type="date" prop:value=date on:input=move |ev| date.set(event_target_value(&ev))/>
                        <FieldError error=error.into() field="date"/>
                    </label>
                    <Show when=move || target_full() || error.get().is_some_and(|f| f.status == Some(409))>
                        <label>
                            {t("override-reason")}
                            <input data-testid="move-override" prop:value=override_reason
                                on:input=move |ev| override_reason.set(event_target_value(&ev))/>
                        </label>
                    </Show>
                    <ErrorBanner error=Signal::derive(move || error.get().filter(|f| f.status != Some(422)))/>
                    <button type="submit" data-testid="move-submit" disabled=pending>{t("move-submit")}</button>
                </form>
            </Show>
        </section>
    }
}

fn actions_for(status: EnrolmentStatus) -> Vec<EnrolmentAction> {
    use EnrolmentAction as A;
    match status {
        EnrolmentStatus::Referred => vec![A::StartAssessment, A::Activate, A::Exit],
        EnrolmentStatus::InAssessment => vec![A::Activate, A::Exit],
        EnrolmentStatus::Active => vec![A::Pause, A::Exit],
        EnrolmentStatus::Paused => vec![A::Resume, A::Exit],
        EnrolmentStatus::Exited => vec![A::Reactivate],
    }
}

fn action_key(a: EnrolmentAction) -> &'static str {
    match a {
        EnrolmentAction::StartAssessment => "action-start-assessment",
        EnrolmentAction::Activate => "action-activate",
        EnrolmentAction::Pause => "action-pause",
        EnrolmentAction::Resume => "action-resume",
        EnrolmentAction::Exit => "action-exit",
        EnrolmentAction::Reactivate => "action-reactivate",
    }
}

fn action_value(a: EnrolmentAction) -> String {
    serde_json::to_value(a)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

#[component]
pub fn StatusForm(
    detail: ParticipantDetail,
    on_change: Callback<ParticipantDetail>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let choices = actions_for(detail.status);
    let action = RwSignal::new(choices.first().copied());
    let reason = RwSignal::new(String::new());
    let planned = RwSignal::new(String::new());
    let outcome = RwSignal::new(None::<ExitOutcome>);
    let outcome_text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Failure>);
    let id = detail.id;
    let needs_reason = move || {
        matches!(
            action.get(),
            Some(EnrolmentAction::Pause | EnrolmentAction::Reactivate)
        )
    };
    let is = move |a: EnrolmentAction| action.get() == Some(a);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = StatusChangeRequest {
            action: action.get_untracked(),
            date: None,
            reason: opt_text(&reason.get_untracked()),
            planned_return: parse_date(&planned.get_untracked()),
            outcome: outcome.get_untracked(),
            outcome_text: opt_text(&outcome_text.get_untracked()),
        };
        leptos::task::spawn_local(async move {
            let result = session
                .call_with(body, move |c, body| async move {
                    c.change_status(id, &body).await
                })
                .await;
            match result {
                Ok(d) => on_change.run(d),
                Err(f) => error.set(Some(f)),
            }
        });
    };
    // Each option says whether it is the chosen one, and the select's value is
    // bound to the choice: when the participant's status changes, this form is
    // built again over the old one, and a select left to itself would keep
    // showing the old position's action while the fields and the request
    // follow the new first choice.
    let options = choices
        .into_iter()
        .map(|a| view! { <option value=action_value(a) selected=move || is(a)>{t(action_key(a))}</option> })
        .collect_view();
    view! {
        <section class="card">
            <h2>{t("status-title")}</h2>
            <form on:submit=submit data-testid="status-form">
                <label>
                    {t("action")}
                    <select data-testid="status-action" prop:value=move || action.get().map(action_value).unwrap_or_default() on:change=move |ev| {
                        let v = event_target_value(&ev);
                        action.set(serde_json::from_value(serde_json::Value::String(v)).ok());
                    }>
                        {options}
                    </select>
                </label>
                <Show when=needs_reason>
                    <label>
                        {t("reason")}
                        <input data-testid="status-reason" prop:value=reason on:input=move |ev| reason.set(event_target_value(&ev))/>
                        <FieldError error=error.into() field="reason"/>
                    </label>
                </Show>
                <Show when=move || is(EnrolmentAction::Pause)>
                    <label>
                        {t("planned-return")}
                        <input type="date" data-testid="status-planned-return" prop:value=planned on:input=move |ev| planned.set(event_target_value(&ev))/>
                        <FieldError error=error.into() field="planned_return"/>
                    </label>
                </Show>
                <Show when=move || is(EnrolmentAction::Exit)>
                    <label>
                        {t("outcome")}
                        <select data-testid="status-outcome" prop:value=move || outcome.get().map(|o| o.as_str()).unwrap_or_default()
                            on:change=move |ev| outcome.set(ExitOutcome::parse(&event_target_value(&ev)))>
                            <option value="" selected=move || outcome.get().is_none()>"–"</option>
                            {ExitOutcome::ALL
                                .iter()
                                .copied()
                                .map(|o| view! { <option value=o.as_str() selected=move || outcome.get() == Some(o)>{move || format::outcome(i18n, o)}</option> })
                                .collect_view()}
                        </select>
                        <FieldError error=error.into() field="outcome"/>
                    </label>
                    <label>
                        {t("outcome-text")}
                        <input prop:value=outcome_text on:input=move |ev| outcome_text.set(event_target_value(&ev))/>
                        <FieldError error=error.into() field="outcome_text"/>
                    </label>
                </Show>
                <ErrorBanner error=Signal::derive(move || error.get().filter(|f| f.status != Some(422)))/>
                <button type="submit" data-testid="status-submit">{t("save")}</button>
            </form>
        </section>
    }
}

#[component]
pub fn MentorForm(
    detail: ParticipantDetail,
    on_change: Callback<ParticipantDetail>,
) -> impl IntoView {
    let session = use_session();
    let chosen = RwSignal::new(detail.mentors.iter().map(|m| m.id).collect::<Vec<UserId>>());
    let error = RwSignal::new(None::<Failure>);
    let users =
        LocalResource::new(move || async move { session.users().await.unwrap_or_default() });
    let id = detail.id;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = MentorAssignment {
            mentor_ids: chosen.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            let result = session
                .call_with(body, move |c, body| async move {
                    c.assign_mentors(id, &body).await
                })
                .await;
            match result {
                Ok(d) => on_change.run(d),
                Err(f) => error.set(Some(f)),
            }
        });
    };
    let boxes = move || {
        users
            .get()
            .unwrap_or_default()
            .into_iter()
            .filter(|u| u.active && u.role.may(Capability::BeAMentor))
            .map(|u| {
                let uid = u.id;
                view! {
                    <label class="check">
                        <input type="checkbox" prop:checked=move || chosen.get().contains(&uid)
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                chosen.update(|c| {
                                    c.retain(|x| *x != uid);
                                    if on { c.push(uid); }
                                });
                            }/>
                        {u.display_name}
                    </label>
                }
            })
            .collect_view()
    };
    view! {
        <section class="card">
            <h2>{t("mentors")}</h2>
            <form on:submit=submit>
                <Transition fallback=|| ()>{boxes}</Transition>
                <ErrorBanner error=error.into()/>
                <button type="submit">{t("save")}</button>
            </form>
        </section>
    }
}
