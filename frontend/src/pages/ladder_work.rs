//! The work on a programme's page (issue 26): its workplaces with their
//! tasks, and what each step expects of a person's work (hours a week and
//! independence). Everyone in the programme reads them; admins change them.

use super::participant_work::{hours_text, level_text};
use crate::components::{ErrorBanner, FieldError};
use crate::i18n::{t, use_i18n};
use crate::session::{Failure, use_session};
use leptos::prelude::*;
use stige_domain::LadderId;
use stige_domain::work::Independence;
use stige_wire::{NewWorkTask, NewWorkplace, OutputUnit, Step, StepWorkDemand, Workplace};

#[component]
pub fn WorkplacesCard(ladder: LadderId, steps: Vec<Step>, is_admin: bool) -> impl IntoView {
    let session = use_session();
    let places = RwSignal::new(None::<Vec<Workplace>>);
    let error = RwSignal::new(None::<Failure>);
    let load = move || {
        session.load(
            places,
            error,
            move |c| async move { c.workplaces(ladder).await },
        );
    };
    load();
    let list = move || {
        places.get().map(|list| {
            if list.is_empty() {
                return view! { <p class="muted">{t("workplaces-empty")}</p> }.into_any();
            }
            list.into_iter()
                .map(|p| {
                    let tasks = p.tasks.iter().map(|t| t.name.clone()).collect::<Vec<_>>().join(", ");
                    let id = p.id;
                    let name = p.name.clone();
                    view! {
                        <div class="workplace" data-testid="workplace">
                            <h3>{p.name.clone()}</h3>
                            <p class="muted">{move || use_i18n().t_with("workplace-output-is", &[("unit", super::production_shared::unit_word(use_i18n(), p.output_unit))])}</p>
                            <p data-testid="workplace-tasks">{tasks}</p>
                            {is_admin.then(|| view! { <TaskForm ladder=ladder workplace=id place=name on_change=load/> })}
                        </div>
                    }
                })
                .collect_view()
                .into_any()
        })
    };
    let demands = steps
        .into_iter()
        .rev()
        .map(|s| view! { <StepDemandRow ladder=ladder step=s is_admin=is_admin/> })
        .collect_view();
    view! {
        <section class="card" data-testid="workplaces">
            <h2>{t("workplaces-title")}</h2>
            {list}
            {is_admin.then(|| view! { <WorkplaceForm ladder=ladder on_change=load/> })}
            <h2>{t("step-work-demand")}</h2>
            <ul class="plain step-demands">{demands}</ul>
            <ErrorBanner error=error.into()/>
        </section>
    }
}

#[component]
fn WorkplaceForm(ladder: LadderId, on_change: impl Fn() + Copy + 'static) -> impl IntoView {
    let session = use_session();
    let name = RwSignal::new(String::new());
    let tasks = RwSignal::new(String::new());
    let unit = RwSignal::new(OutputUnit::Items);
    let error = RwSignal::new(None::<Failure>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = NewWorkplace {
            output_unit: Some(unit.get_untracked()),
            name: Some(name.get_untracked()),
            tasks: tasks
                .get_untracked()
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
        };
        leptos::task::spawn_local(async move {
            let r = session
                .call_with(body, move |c, body| async move {
                    c.add_workplace(ladder, &body).await
                })
                .await;
            match r {
                Ok(_) => {
                    name.set(String::new());
                    tasks.set(String::new());
                    error.set(None);
                    on_change();
                }
                Err(f) => error.set(Some(f)),
            }
        });
    };
    view! {
        <form class="inline" on:submit=submit data-testid="workplace-form">
            <label>{t("workplace-name")}<input prop:value=name on:input=move |ev| name.set(event_target_value(&ev))/>
                <FieldError error=error.into() field="name"/></label>
            <label>{t("workplace-output")}
                <select on:change=move |ev| unit.set(OutputUnit::parse(&event_target_value(&ev)).unwrap_or_default())>
                    {OutputUnit::ALL.iter().map(|u| {
                        let u = *u;
                        view! { <option value=u.as_str() selected=move || unit.get() == u>{move || super::production_shared::unit_word(use_i18n(), u)}</option> }
                    }).collect_view()}
                </select></label>
            <label>{t("workplace-tasks-new")}<textarea rows="3" prop:value=tasks on:input=move |ev| tasks.set(event_target_value(&ev))></textarea></label>
            <button type="submit">{t("workplace-add")}</button>
        </form>
    }
}

#[component]
fn TaskForm(
    ladder: LadderId,
    workplace: i64,
    place: String,
    on_change: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Failure>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = NewWorkTask {
            name: Some(name.get_untracked()),
        };
        leptos::task::spawn_local(async move {
            let r = session
                .call_with(body, move |c, body| async move {
                    c.add_work_task(ladder, workplace, &body).await
                })
                .await;
            match r {
                Ok(_) => {
                    name.set(String::new());
                    error.set(None);
                    on_change();
                }
                Err(f) => error.set(Some(f)),
            }
        });
    };
    view! {
        <form class="inline" on:submit=submit>
            <label>{i18n.t_with("work-task-new", &[("place", place)])}
                <input prop:value=name on:input=move |ev| name.set(event_target_value(&ev))/>
                <FieldError error=error.into() field="name"/></label>
            <button type="submit" class="secondary">{t("work-task-add")}</button>
        </form>
    }
}

#[component]
fn StepDemandRow(ladder: LadderId, step: Step, is_admin: bool) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let saved = RwSignal::new(step.work_demand.clone());
    let hours = RwSignal::new(
        step.work_demand
            .hours_a_week
            .map(|h| hours_text(i18n, h))
            .unwrap_or_default(),
    );
    let level = RwSignal::new(step.work_demand.independence);
    let error = RwSignal::new(None::<Failure>);
    let id = step.id;
    let text = move || {
        let d = saved.get();
        [
            d.hours_a_week
                .map(|h| format!("{} {}", hours_text(i18n, h), i18n.t("work-hours"))),
            d.independence.map(|l| level_text(i18n, l)),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ")
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = hours.get_untracked();
        let body = StepWorkDemand {
            hours_a_week: (!typed.trim().is_empty())
                .then(|| typed.trim().replace(',', ".").parse().unwrap_or(0.0)),
            independence: level.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            let r = session
                .call_with(body, move |c, body| async move {
                    c.set_step_work_demand(ladder, id, &body).await
                })
                .await;
            match r {
                Ok(d) => {
                    saved.set(d);
                    error.set(None);
                }
                Err(f) => error.set(Some(f)),
            }
        });
    };
    let name = step.name.clone();
    let form = is_admin.then(|| {
        let options = Independence::ALL
            .iter()
            .map(|l| {
                let l = *l;
                view! { <option value=l.as_str() selected=move || level.get() == Some(l)>{move || level_text(i18n, l)}</option> }
            })
            .collect_view();
        view! {
            <form class="inline" on:submit=submit data-testid="step-demand-form">
                <label>{i18n.t_with("step-hours-a-week", &[("step", name.clone())])}
                    <input inputmode="decimal" size="4" prop:value=hours on:input=move |ev| hours.set(event_target_value(&ev))/>
                    <FieldError error=error.into() field="hours_a_week"/></label>
                <label>{i18n.t_with("step-independence", &[("step", name.clone())])}
                    <select on:change=move |ev| level.set(Independence::parse(&event_target_value(&ev)))>
                        <option value="" selected=move || level.get().is_none()>"–"</option>
                        {options}
                    </select></label>
                <button type="submit" class="secondary">{t("step-work-demand-save")}</button>
            </form>
        }
    });
    view! {
        <li data-testid="step-demand"><strong>{step.name.clone()}</strong> ": " <span>{text}</span>{form}</li>
    }
}
