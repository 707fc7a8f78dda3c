//! The individual plan (IP / SIP): on the participant's page a card to make,
//! change and review it; on its own page the plan as a handout to print for
//! the meeting.

use super::participant_outcomes::code_key;
use crate::components::{ErrorBanner, FieldError, Loading};
use crate::format;
use crate::i18n::{I18n, t, use_i18n};
use crate::session::{Failure, use_session};
use leptos::prelude::*;
use leptos_router::components::A;
use stige_domain::ParticipantId;
use stige_domain::plan::{PlanArea, PlanAreaEntry, Responsible};
use stige_wire::{ParticipantPlan, PlanInput};

fn area_name(i: I18n, a: PlanArea) -> String {
    i.t(&code_key("plan-area", a.as_str()))
}

fn responsible_name(i: I18n, a: &PlanAreaEntry) -> String {
    let who = i.t(&code_key("plan-responsible", a.responsible.as_str()));
    match &a.responsible_name {
        Some(name) => format!("{who}: {name}"),
        None => who,
    }
}

/// The plan's facts and its areas as a table.
#[component]
fn PlanFacts(plan: ParticipantPlan) -> impl IntoView {
    let i18n = use_i18n();
    let date = move |d: Option<chrono::NaiveDate>| {
        d.map(|d| format::date(i18n, d))
            .unwrap_or_else(|| "–".into())
    };
    let rows = plan
        .areas
        .iter()
        .map(|a| {
            let area = a.area;
            let step = a.next_step.clone().unwrap_or_default();
            let by = a
                .next_step_by
                .map(|d| format::date(i18n, d))
                .unwrap_or_default();
            view! {
                <tr data-testid=format!("plan-area-{}", area.as_str())>
                    <th scope="row">{move || area_name(i18n, area)}</th>
                    <td>{a.goal.clone()}</td>
                    <td>{responsible_name(i18n, a)}</td>
                    <td>{step}</td>
                    <td>{by}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <dl class="facts">
            <dt>{t("plan-coordinator")}</dt>
            <dd data-testid="plan-coordinator">{plan.coordinator.clone().unwrap_or_default()}</dd>
            <dt>{t("plan-last-reviewed")}</dt>
            <dd data-testid="plan-last-reviewed">{date(plan.last_reviewed_on)}</dd>
            <dt>{t("plan-next-review")}</dt>
            <dd data-testid="plan-next-review">{date(plan.next_review_on)}</dd>
        </dl>
        <table class="table" data-testid="plan-areas">
            <thead><tr>
                <th scope="col">{t("plan-area")}</th>
                <th scope="col">{t("plan-goal")}</th>
                <th scope="col">{t("plan-responsible")}</th>
                <th scope="col">{t("plan-next-step")}</th>
                <th scope="col">{t("plan-next-step-by")}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// The plan card on the participant's page.
#[component]
pub fn PlanCard(participant: ParticipantId) -> impl IntoView {
    let session = use_session();
    let plan = RwSignal::new(None::<ParticipantPlan>);
    let error = RwSignal::new(None::<Failure>);
    let editing = RwSignal::new(false);
    session.load(
        plan,
        error,
        move |c| async move { c.plan(participant).await },
    );
    let review = move |_| {
        leptos::task::spawn_local(async move {
            match session
                .call(move |c| async move { c.review_plan(participant).await })
                .await
            {
                Ok(p) => {
                    error.set(None);
                    plan.set(Some(p));
                }
                Err(f) => error.set(Some(f)),
            }
        });
    };
    let on_saved = Callback::new(move |p: ParticipantPlan| {
        plan.set(Some(p));
        editing.set(false);
    });
    view! {
        <section class="card" data-testid="plan">
            <h2>{t("plan-title")}</h2>
            <ErrorBanner error=error.into()/>
            {move || match (plan.get(), editing.get()) {
                (None, _) => view! { <Loading/> }.into_any(),
                (Some(p), true) => view! {
                    <PlanForm participant=participant plan=p on_saved=on_saved/>
                }.into_any(),
                (Some(p), false) if p.coordinator.is_none() => view! {
                    <p class="muted">{t("plan-none")}</p>
                    <button type="button" data-testid="plan-edit" on:click=move |_| editing.set(true)>{t("plan-make")}</button>
                }.into_any(),
                (Some(p), false) => view! {
                    <PlanFacts plan=p/>
                    <p class="actions">
                        <button type="button" data-testid="plan-edit" on:click=move |_| editing.set(true)>{t("plan-edit")}</button>
                        " "
                        <button type="button" data-testid="plan-review" on:click=review>{t("plan-review")}</button>
                        " "
                        <A href=format!("/participants/{participant}/plan") attr:data-testid="plan-print-link">{t("plan-print")}</A>
                    </p>
                }.into_any(),
            }}
        </section>
    }
}

/// One area being edited: included when its goal is written.
#[derive(Clone, Copy)]
struct AreaFields {
    area: PlanArea,
    goal: RwSignal<String>,
    responsible: RwSignal<Responsible>,
    name: RwSignal<String>,
    step: RwSignal<String>,
    by: RwSignal<String>,
}

#[component]
fn PlanForm(
    participant: ParticipantId,
    plan: ParticipantPlan,
    on_saved: Callback<ParticipantPlan>,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let coordinator = RwSignal::new(plan.coordinator.clone().unwrap_or_default());
    let weeks = RwSignal::new(plan.review_every_weeks.unwrap_or(12).to_string());
    let fields: Vec<AreaFields> = PlanArea::ALL
        .iter()
        .map(|&area| {
            let found = plan.areas.iter().find(|a| a.area == area);
            AreaFields {
                area,
                goal: RwSignal::new(found.map(|a| a.goal.clone()).unwrap_or_default()),
                responsible: RwSignal::new(found.map_or(Responsible::Person, |a| a.responsible)),
                name: RwSignal::new(
                    found
                        .and_then(|a| a.responsible_name.clone())
                        .unwrap_or_default(),
                ),
                step: RwSignal::new(found.and_then(|a| a.next_step.clone()).unwrap_or_default()),
                by: RwSignal::new(
                    found
                        .and_then(|a| a.next_step_by)
                        .map(|d| d.to_string())
                        .unwrap_or_default(),
                ),
            }
        })
        .collect();
    let error = RwSignal::new(None::<Failure>);
    let busy = RwSignal::new(false);
    let all = fields.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        let text = |s: RwSignal<String>| Some(s.get_untracked()).filter(|v| !v.trim().is_empty());
        let body = PlanInput {
            coordinator: text(coordinator),
            review_every_weeks: weeks.get_untracked().trim().parse().ok(),
            areas: all
                .iter()
                .filter(|f| !f.goal.get_untracked().trim().is_empty())
                .map(|f| PlanAreaEntry {
                    area: f.area,
                    goal: f.goal.get_untracked(),
                    responsible: f.responsible.get_untracked(),
                    responsible_name: text(f.name),
                    next_step: text(f.step),
                    next_step_by: format::parse_date(&f.by.get_untracked()),
                })
                .collect(),
        };
        leptos::task::spawn_local(async move {
            let r = session
                .call_with(body, move |c, body| async move {
                    c.set_plan(participant, &body).await
                })
                .await;
            busy.set(false);
            match r {
                Ok(p) => on_saved.run(p),
                Err(f) => error.set(Some(f)),
            }
        });
    };
    let areas = fields
        .into_iter()
        .map(|f| {
            let area = f.area;
            view! {
                <fieldset data-testid=format!("plan-edit-{}", area.as_str())>
                    <legend>{move || area_name(i18n, area)}</legend>
                    <label>{t("plan-goal")}
                        <input prop:value=move || f.goal.get() on:input=move |ev| f.goal.set(event_target_value(&ev))/>
                    </label>
                    <label>{t("plan-responsible")}
                        <select on:change=move |ev| {
                            if let Some(r) = Responsible::parse(&event_target_value(&ev)) { f.responsible.set(r) }
                        }>
                            {Responsible::ALL.iter().map(|&r| view! {
                                <option value=r.as_str() selected=move || f.responsible.get() == r>
                                    {move || i18n.t(&code_key("plan-responsible", r.as_str()))}
                                </option>
                            }).collect_view()}
                        </select>
                    </label>
                    <label>{t("plan-responsible-name")}
                        <input prop:value=move || f.name.get() on:input=move |ev| f.name.set(event_target_value(&ev))/>
                    </label>
                    <label>{t("plan-next-step")}
                        <input prop:value=move || f.step.get() on:input=move |ev| f.step.set(event_target_value(&ev))/>
                    </label>
                    <label>{t("plan-next-step-by")}
                        <input type="date" prop:value=move || f.by.get() on:input=move |ev| f.by.set(event_target_value(&ev))/>
                    </label>
                </fieldset>
            }
        })
        .collect_view();
    view! {
        <form class="plan-form" on:submit=submit data-testid="plan-form">
            <div class="grid-form">
            <label>{t("plan-coordinator")}
                <input data-testid="plan-coordinator-input" prop:value=move || coordinator.get()
                    on:input=move |ev| coordinator.set(event_target_value(&ev))/>
                <FieldError error=error.into() field="coordinator"/>
            </label>
            <label>{t("plan-review-weeks")}
                <input type="number" min="1" max="52" data-testid="plan-weeks" prop:value=move || weeks.get()
                    on:input=move |ev| weeks.set(event_target_value(&ev))/>
                <FieldError error=error.into() field="review_every_weeks"/>
            </label>
            </div>
            <p class="muted">{t("plan-help")}</p>
            <div class="grid-form">{areas}</div>
            <ErrorBanner error=error.into()/>
            <p>
                <button type="submit" data-testid="plan-save" disabled=move || busy.get()>{t("save")}</button>
            </p>
        </form>
    }
}

/// The plan as a handout for the meeting, with a print button.
#[component]
pub fn ParticipantPlanPage() -> impl IntoView {
    let session = use_session();
    let id_param = super::use_id_param();
    let name = super::use_person_name();
    let plan = RwSignal::new(None::<ParticipantPlan>);
    let error = RwSignal::new(None::<Failure>);
    Effect::new(move |_| {
        let Some(pid) = id_param().map(ParticipantId) else {
            return;
        };
        session.load(plan, error, move |c| async move { c.plan(pid).await });
    });
    view! {
        <article class="plan-handout">
            <h1>{t("plan-title")} ": " <span data-testid="plan-person">{move || name.get()}</span></h1>
            <ErrorBanner error=error.into()/>
            {move || match plan.get() {
                None => view! { <Loading/> }.into_any(),
                Some(p) if p.coordinator.is_none() => view! { <p class="muted">{t("plan-none")}</p> }.into_any(),
                Some(p) => view! { <PlanFacts plan=p/> }.into_any(),
            }}
            <p>
                <button type="button" data-testid="plan-print" on:click=move |_| crate::download::print()>{t("plan-print")}</button>
                " "
                {move || id_param().map(|id| view! { <A href=format!("/participants/{id}")>{t("contact-back")}</A> })}
            </p>
        </article>
    }
}
