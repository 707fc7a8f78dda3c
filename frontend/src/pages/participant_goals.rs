//! The participant's goals, each with its scaling scores as a chart.

use crate::components::{ErrorBanner, FieldError, ScoreChart};
use crate::format::opt_text;
use crate::i18n::{t, use_i18n};
use crate::session::{Failure, use_session};
use leptos::prelude::*;
use stige_domain::ParticipantId;
use stige_domain::goal::{GoalCategory, GoalStatus};
use stige_wire::{Goal, GoalStatusChange, NewGoal, NewScore};

fn key(prefix: &str, value: &str) -> String {
    format!("{prefix}-{}", value.replace('_', "-"))
}

#[component]
pub fn Goals(participant: ParticipantId) -> impl IntoView {
    let session = use_session();
    let goals = RwSignal::new(None::<Result<Vec<Goal>, Failure>>);
    let reload = move || {
        leptos::task::spawn_local(async move {
            goals.set(Some(
                session
                    .call(move |c| async move { c.goals(participant).await })
                    .await,
            ));
        });
    };
    reload();
    let list = move || {
        goals.get().map(|r| match r {
            Err(f) => view! { <ErrorBanner error=Signal::derive(move || Some(f.clone()))/> }.into_any(),
            Ok(gs) if gs.is_empty() => view! { <p class="muted">{t("no-goals")}</p> }.into_any(),
            Ok(gs) => gs
                .into_iter()
                .map(|g| view! { <GoalCard participant=participant goal=g on_change=Callback::new(move |_| reload())/> })
                .collect_view()
                .into_any(),
        })
    };
    view! {
        <section class="card" data-testid="goals">
            <h2>{t("goals")}</h2>
            {list}
            <NewGoalForm participant=participant on_change=Callback::new(move |_| reload())/>
        </section>
    }
}

#[component]
fn GoalCard(participant: ParticipantId, goal: Goal, on_change: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let score = RwSignal::new(String::new());
    let comment = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Failure>);
    let gid = goal.id;
    let points: Vec<(chrono::NaiveDate, i64)> =
        goal.scores.iter().map(|s| (s.date, s.score)).collect();
    let category = goal.category;
    let status = goal.status;
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = NewScore {
            date: None,
            score: score.get_untracked().trim().parse().ok(),
            comment: opt_text(&comment.get_untracked()),
        };
        leptos::task::spawn_local(async move {
            let r = session
                .call_with(body, move |c, body| async move {
                    c.add_score(participant, gid, &body).await
                })
                .await;
            match r {
                Ok(_) => on_change.run(()),
                Err(f) => error.set(Some(f)),
            }
        });
    };
    let set_status = move |ev: leptos::ev::Event| {
        let Some(s) = GoalStatus::parse(&event_target_value(&ev)) else {
            return;
        };
        leptos::task::spawn_local(async move {
            let body = GoalStatusChange { status: Some(s) };
            if session
                .call_with(body, move |c, body| async move {
                    c.set_goal_status(participant, gid, &body).await
                })
                .await
                .is_ok()
            {
                on_change.run(());
            }
        });
    };
    view! {
        <article class="goal" data-testid="goal">
            <p class="goal-text">"«" {goal.text.clone()} "»"</p>
            <p class="muted">
                {move || i18n.t(&key("category", category.as_str()))} " · "
                <select class="inline-select" aria-label=move || i18n.t("goal-status-label") data-testid="goal-status" on:change=set_status>
                    {GoalStatus::ALL.iter().copied().map(|s| view! {
                        <option value=s.as_str() selected=s == status>{move || i18n.t(&key("goal-status", s.as_str()))}</option>
                    }).collect_view()}
                </select>
            </p>
            <ScoreChart points=points testid="goal-chart"/>
            <form class="inline" on:submit=add>
                <label>{t("score")}<input type="number" min="0" max="10" data-testid="score-input" prop:value=score on:input=move |ev| score.set(event_target_value(&ev))/>
                    <FieldError error=error.into() field="score"/></label>
                <label>{t("comment")}<input prop:value=comment on:input=move |ev| comment.set(event_target_value(&ev))/></label>
                <button type="submit">{t("add-score")}</button>
            </form>
        </article>
    }
}

#[component]
fn NewGoalForm(participant: ParticipantId, on_change: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let text = RwSignal::new(String::new());
    let category = RwSignal::new(None::<GoalCategory>);
    let error = RwSignal::new(None::<Failure>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = NewGoal {
            text: Some(text.get_untracked()),
            category: category.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            let r = session
                .call_with(body, move |c, body| async move {
                    c.add_goal(participant, &body).await
                })
                .await;
            match r {
                Ok(_) => {
                    text.set(String::new());
                    error.set(None);
                    on_change.run(());
                }
                Err(f) => error.set(Some(f)),
            }
        });
    };
    view! {
        <form class="new-goal" on:submit=submit>
            <h3>{t("new-goal")}</h3>
            <label>{t("goal-text")}<input data-testid="goal-text" prop:value=text on:input=move |ev| text.set(event_target_value(&ev))/>
                <FieldError error=error.into() field="text"/></label>
            <label>
                {t("category")}
                <select data-testid="goal-category" on:change=move |ev| category.set(GoalCategory::parse(&event_target_value(&ev)))>
                    <option value="">"–"</option>
                    {GoalCategory::ALL.iter().copied().map(|c| view! {
                        <option value=c.as_str()>{move || i18n.t(&key("category", c.as_str()))}</option>
                    }).collect_view()}
                </select>
                <FieldError error=error.into() field="category"/>
            </label>
            <button type="submit">{t("add")}</button>
        </form>
    }
}
