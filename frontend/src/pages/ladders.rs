//! Ladders: everyone sees them; admins add and change steps, their order, activities.

use crate::components::{ErrorBanner, FieldError, Loading};
use crate::format;
use crate::i18n::{t, use_i18n};
use crate::session::{Failure, use_session};
use leptos::prelude::*;
use leptos_router::components::A;
use stige_domain::Capability;
use stige_domain::{DemandLevel, LadderId, StepId};
use stige_wire::{Ladder, NewActivity, NewLadder, Step, StepInput, StepOrder};

#[component]
pub fn LaddersPage() -> impl IntoView {
    let session = use_session();
    let version = RwSignal::new(0u32);
    let ladders = LocalResource::new(move || {
        version.track();
        async move { session.ladders().await }
    });
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Failure>);
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = NewLadder {
            name: Some(name.get_untracked()),
            description: None,
            annual_target: None,
            throughput_target: None,
            whole_house_register: None,
            retention_years: None,
            retention_basis: None,
        };
        leptos::task::spawn_local(async move {
            let result = session
                .call_with(
                    body,
                    move |c, body| async move { c.create_ladder(&body).await },
                )
                .await;
            match result {
                Ok(_) => {
                    name.set(String::new());
                    error.set(None);
                    version.update(|v| *v += 1);
                }
                Err(f) => error.set(Some(f)),
            }
        });
    };
    let list = move || {
        ladders.get().map(|r| match r {
            Ok(list) => list
                .into_iter()
                .map(|l| {
                    let href = format!("/ladders/{}", l.id);
                    view! {
                        <li>
                            <A href=href>{l.name}</A>
                            " · " {move || use_i18n().t_with("step-count", &[("count", l.step_count.to_string())])}
                            <p class="muted">{l.description}</p>
                        </li>
                    }
                })
                .collect_view()
                .into_any(),
            Err(f) => view! { <ErrorBanner error=Signal::derive(move || Some(f.clone()))/> }.into_any(),
        })
    };
    view! {
        <section class="card">
            <h1>{t("ladders-title")}</h1>
            <ul class="plain">
                <Transition fallback=|| view! { <Loading/> }>{list}</Transition>
            </ul>
            <Show when=move || session.can(Capability::Administer)>
                <form class="inline" on:submit=create>
                    <label>
                        {t("new-ladder")}
                        <input prop:value=name on:input=move |ev| name.set(event_target_value(&ev))/>
                        <FieldError error=error.into() field="name"/>
                    </label>
                    <button type="submit">{t("add")}</button>
                </form>
            </Show>
        </section>
    }
}

#[component]
pub fn LadderPage() -> impl IntoView {
    let session = use_session();
    let id_param = super::use_id_param();
    let id = move || id_param().map(LadderId);
    let ladder = RwSignal::new(None::<Result<Ladder, Failure>>);
    Effect::new(move |_| {
        if let Some(lid) = id() {
            leptos::task::spawn_local(async move {
                ladder.set(Some(session.ladder(lid).await));
            });
        }
    });
    let is_admin = move || session.can(Capability::Administer);
    move || match ladder.get() {
        None => view! { <Loading/> }.into_any(),
        Some(Err(f)) => {
            view! { <ErrorBanner error=Signal::derive(move || Some(f.clone()))/> }.into_any()
        }
        Some(Ok(l)) => {
            let lid = l.id;
            let ids: Vec<StepId> = l.steps.iter().map(|s| s.id).collect();
            let rows = l
                .steps
                .iter()
                .rev()
                .cloned()
                .map(|s| view! { <StepRow ladder=lid step=s order=ids.clone() on_change=ladder is_admin=is_admin()/> })
                .collect_view();
            let activities = l
                .activities
                .iter()
                .map(|a| view! { <li><strong>{a.name.clone()}</strong> " " <span class="muted">{a.description.clone()}</span></li> })
                .collect_view();
            view! {
                <section class="card">
                    <h1>{l.name.clone()}</h1>
                    <p class="muted">{l.description.clone()}</p>
                    <AnnualTarget ladder=l.clone() on_change=ladder is_admin=is_admin()/>
                    <WholeHouseRegister ladder=l.clone() on_change=ladder is_admin=is_admin()/>
                    <Retention ladder=l.clone() on_change=ladder is_admin=is_admin()/>
                    <h2>{t("steps-top-first")}</h2>
                    <ol class="steps">{rows}</ol>
                    <Show when=is_admin>
                        <StepEditor ladder=lid step=None on_change=ladder/>
                    </Show>
                    <h2>{t("activities")}</h2>
                    <ul class="plain">{activities}</ul>
                    <Show when=is_admin>
                        <ActivityForm ladder=lid on_change=ladder/>
                    </Show>
                </section>
                <super::ladder_work::WorkplacesCard ladder=lid steps=l.steps.clone() is_admin=is_admin()/>
            }
            .into_any()
        }
    }
}

#[component]
fn StepRow(
    ladder: LadderId,
    step: Step,
    order: Vec<StepId>,
    on_change: RwSignal<Option<Result<Ladder, Failure>>>,
    is_admin: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let editing = RwSignal::new(false);
    let sid = step.id;
    let level = step.demand_level;
    let shift = move |delta: isize| {
        let mut order = order.clone();
        let Some(pos) = order.iter().position(|s| *s == sid) else {
            return;
        };
        let Some(to) = pos.checked_add_signed(delta).filter(|t| *t < order.len()) else {
            return;
        };
        order.swap(pos, to);
        leptos::task::spawn_local(async move {
            let body = StepOrder { step_ids: order };
            let r = session
                .call_with(body, move |c, body| async move {
                    c.reorder_steps(ladder, &body).await
                })
                .await;
            on_change.set(Some(r));
        });
    };
    let shift_up = shift.clone();
    let capacity = step
        .capacity
        .map(|c| c.to_string())
        .unwrap_or_else(|| "∞".into());
    let step_for_editor = step.clone();
    view! {
        <li class="step-row">
            <div>
                <strong>{step.name.clone()}</strong>
                " · " {move || format::demand(i18n, level)}
                " · " {t("places")} ": " {step.occupied} " / " {capacity}
                {step.typical_duration_days.map(|d| view! { " · " {move || i18n.t_with("typical-days", &[("days", d.to_string())])} })}
                <p class="muted">{step.description.clone()}</p>
            </div>
            <Show when=move || is_admin>
                <div class="row-actions">
                    <button class="link" title=t("move-step-up") on:click={let s = shift_up.clone(); move |_| s(1)}>"↑"</button>
                    <button class="link" title=t("move-step-down") on:click={let s = shift.clone(); move |_| s(-1)}>"↓"</button>
                    <button class="link" on:click=move |_| editing.update(|e| *e = !*e)>{t("edit")}</button>
                </div>
            </Show>
            <Show when=move || editing.get()>
                <StepEditor ladder=ladder step=Some(step_for_editor.clone()) on_change=on_change/>
            </Show>
        </li>
    }
}

#[component]
fn StepEditor(
    ladder: LadderId,
    step: Option<Step>,
    on_change: RwSignal<Option<Result<Ladder, Failure>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let name = RwSignal::new(step.as_ref().map(|s| s.name.clone()).unwrap_or_default());
    let description = RwSignal::new(
        step.as_ref()
            .map(|s| s.description.clone())
            .unwrap_or_default(),
    );
    let level = RwSignal::new(step.as_ref().map_or(DemandLevel::Low, |s| s.demand_level));
    let capacity = RwSignal::new(
        step.as_ref()
            .and_then(|s| s.capacity)
            .map(|c| c.to_string())
            .unwrap_or_default(),
    );
    let duration = RwSignal::new(
        step.as_ref()
            .and_then(|s| s.typical_duration_days)
            .map(|c| c.to_string())
            .unwrap_or_default(),
    );
    let error = RwSignal::new(None::<Failure>);
    let step_id = step.as_ref().map(|s| s.id);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = StepInput {
            name: Some(name.get_untracked()),
            description: Some(description.get_untracked()),
            demand_level: Some(level.get_untracked()),
            capacity: capacity.get_untracked().trim().parse().ok(),
            typical_duration_days: duration.get_untracked().trim().parse().ok(),
        };
        leptos::task::spawn_local(async move {
            let r = session
                .call(move |c| {
                    let body = body.clone();
                    async move {
                        match step_id {
                            Some(s) => c.update_step(ladder, s, &body).await,
                            None => c.add_step(ladder, &body).await,
                        }
                    }
                })
                .await;
            match r {
                Ok(l) => on_change.set(Some(Ok(l))),
                Err(f) => error.set(Some(f)),
            }
        });
    };
    let text = |s: RwSignal<String>| move |ev: leptos::ev::Event| s.set(event_target_value(&ev));
    view! {
        <form class="step-editor" on:submit=submit>
            <h3>{if step_id.is_some() { t("edit-step") } else { t("add-step") }}</h3>
            <label>{t("name")}<input prop:value=name on:input=text(name)/><FieldError error=error.into() field="name"/></label>
            <label>{t("description")}<textarea prop:value=description on:input=text(description)></textarea></label>
            <label>
                {t("demand-level")}
                <select on:change=move |ev| level.set(DemandLevel::parse(&event_target_value(&ev)).unwrap_or(DemandLevel::Low))>
                    {DemandLevel::ALL.iter().copied().map(|d| view! {
                        <option value=d.as_str() selected=move || level.get() == d>{move || format::demand(i18n, d)}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>{t("capacity")}<input type="number" min="1" prop:value=capacity on:input=text(capacity)/><FieldError error=error.into() field="capacity"/></label>
            <label>{t("typical-duration")}<input type="number" min="1" prop:value=duration on:input=text(duration)/><FieldError error=error.into() field="typical_duration_days"/></label>
            <ErrorBanner error=Signal::derive(move || error.get().filter(|f| f.status != Some(422)))/>
            <button type="submit">{t("save")}</button>
        </form>
    }
}

#[component]
fn ActivityForm(
    ladder: LadderId,
    on_change: RwSignal<Option<Result<Ladder, Failure>>>,
) -> impl IntoView {
    let session = use_session();
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Failure>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = NewActivity {
            name: Some(name.get_untracked()),
            description: Some(description.get_untracked()),
        };
        leptos::task::spawn_local(async move {
            let r = session
                .call_with(body, move |c, body| async move {
                    c.add_activity(ladder, &body).await
                })
                .await;
            match r {
                Ok(l) => {
                    name.set(String::new());
                    description.set(String::new());
                    on_change.set(Some(Ok(l)));
                }
                Err(f) => error.set(Some(f)),
            }
        });
    };
    view! {
        <form class="inline" on:submit=submit>
            <label>{t("add-activity")}<input prop:value=name on:input=move |ev| name.set(event_target_value(&ev))/><FieldError error=error.into() field="name"/></label>
            <label>{t("description")}<input prop:value=description on:input=move |ev| description.set(event_target_value(&ev))/></label>
            <button type="submit">{t("add")}</button>
        </form>
    }
}

/// The ladder's annual target: people through to work or education per year, which
/// reports compare throughput with. Admins change it; saving sends the ladder's
/// name and description too, since the update replaces them.
/// Saves the ladder's settings; the page shows the ladder as saved, or the error.
fn update_ladder(
    session: crate::session::Session,
    lid: LadderId,
    body: NewLadder,
    on_change: RwSignal<Option<Result<Ladder, Failure>>>,
    error: RwSignal<Option<Failure>>,
) {
    leptos::task::spawn_local(async move {
        let r = session
            .call_with(body, move |c, body| async move {
                c.update_ladder(lid, &body).await
            })
            .await;
        match r {
            Ok(l) => on_change.set(Some(Ok(l))),
            Err(f) => error.set(Some(f)),
        }
    });
}

/// Whether the staff on duty mark the whole house in the register, or only the
/// people they mentor; an admin switches it.
#[component]
fn WholeHouseRegister(
    ladder: Ladder,
    on_change: RwSignal<Option<Result<Ladder, Failure>>>,
    is_admin: bool,
) -> impl IntoView {
    let session = use_session();
    let error = RwSignal::new(None::<Failure>);
    let lid = ladder.id;
    let on = ladder.whole_house_register;
    let toggle = move |ev: leptos::ev::Event| {
        let body = NewLadder {
            name: Some(ladder.name.clone()),
            description: Some(ladder.description.clone()),
            annual_target: ladder.annual_target.map(i64::from),
            throughput_target: ladder.throughput_target.map(i64::from),
            whole_house_register: Some(event_target_checked(&ev)),
            retention_years: None,
            retention_basis: None,
        };
        update_ladder(session, lid, body, on_change, error);
    };
    view! {
        <Show when=move || is_admin fallback=move || view! {
            <p class="muted" data-testid="whole-house-register">{if on { t("whole-house-register-on") } else { t("whole-house-register-off") }}</p>
        }>
            <label class="check">
                <input type="checkbox" data-testid="whole-house-register" prop:checked=on on:change=toggle.clone()/>
                {t("whole-house-register-label")}
            </label>
            <ErrorBanner error=error.into()/>
        </Show>
    }
}

#[component]
fn AnnualTarget(
    ladder: Ladder,
    on_change: RwSignal<Option<Result<Ladder, Failure>>>,
    is_admin: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let current = ladder.annual_target;
    let throughput = ladder.throughput_target;
    let value = RwSignal::new(current.map(|t| t.to_string()).unwrap_or_default());
    let throughput_value = RwSignal::new(throughput.map(|t| t.to_string()).unwrap_or_default());
    let error = RwSignal::new(None::<Failure>);
    let lid = ladder.id;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let number = |text: String| match text.trim() {
            "" => None,
            t => match t.parse::<i64>() {
                Ok(n) => Some(n),
                // Let the server say what is wrong with it.
                Err(_) => Some(-1),
            },
        };
        let body = NewLadder {
            name: Some(ladder.name.clone()),
            description: Some(ladder.description.clone()),
            annual_target: number(value.get_untracked()),
            throughput_target: number(throughput_value.get_untracked()),
            whole_house_register: None,
            retention_years: None,
            retention_basis: None,
        };
        update_ladder(session, lid, body, on_change, error);
    };
    let shown = move || match current {
        Some(t) => i18n.t_with("annual-target-value", &[("target", t.to_string())]),
        None => i18n.t("annual-target-none"),
    };
    view! {
        <p data-testid="annual-target">{shown}</p>
        <p data-testid="throughput-target">{move || format!("{}: {}", i18n.t("ladder-throughput-target"), throughput.map(|t| t.to_string()).unwrap_or_else(|| "–".into()))}</p>
        <Show when=move || is_admin>
            <form class="inline" on:submit=submit.clone()>
                <label>{t("annual-target-label")}
                    <input type="number" min="1" data-testid="annual-target-input" prop:value=value
                        on:input=move |ev| value.set(event_target_value(&ev))/>
                    <FieldError error=error.into() field="annual_target"/>
                </label>
                <label>{t("ladder-throughput-target")}
                    <input type="number" min="1" data-testid="throughput-target-input" prop:value=throughput_value
                        on:input=move |ev| throughput_value.set(event_target_value(&ev))/>
                    <FieldError error=error.into() field="throughput_target"/>
                </label>
                <button type="submit" data-testid="annual-target-save">{t("save")}</button>
            </form>
            <ErrorBanner error=Signal::derive(move || error.get().filter(|f| f.status != Some(422)))/>
        </Show>
    }
}

/// How long people's identity and free texts are kept after their exit, with
/// the legal basis; an admin changes them.
#[component]
fn Retention(
    ladder: Ladder,
    on_change: RwSignal<Option<Result<Ladder, Failure>>>,
    is_admin: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let years = RwSignal::new(ladder.retention_years.to_string());
    let basis = RwSignal::new(ladder.retention_basis.clone());
    let error = RwSignal::new(None::<Failure>);
    let lid = ladder.id;
    let (kept, basis_now) = (ladder.retention_years, ladder.retention_basis.clone());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = NewLadder {
            name: Some(ladder.name.clone()),
            description: Some(ladder.description.clone()),
            annual_target: ladder.annual_target.map(i64::from),
            throughput_target: ladder.throughput_target.map(i64::from),
            whole_house_register: None,
            // Let the server say what is wrong with a number it cannot read.
            retention_years: Some(years.get_untracked().trim().parse::<i64>().unwrap_or(-1)),
            retention_basis: Some(basis.get_untracked()),
        };
        update_ladder(session, lid, body, on_change, error);
    };
    view! {
        <p data-testid="retention">
            {move || i18n.t_with("retention-value", &[("years", kept.to_string())])}
            {(!basis_now.is_empty()).then(|| view! { " " <span class="muted">{format!("({basis_now})")}</span> })}
        </p>
        <Show when=move || is_admin>
            <form class="inline" on:submit=submit.clone()>
                <label>{t("retention-years-label")}
                    <input type="number" min="1" max="50" data-testid="retention-years" prop:value=years
                        on:input=move |ev| years.set(event_target_value(&ev))/>
                    <FieldError error=error.into() field="retention_years"/>
                </label>
                <label>{t("retention-basis-label")}
                    <input type="text" data-testid="retention-basis" prop:value=basis
                        on:input=move |ev| basis.set(event_target_value(&ev))/>
                    <FieldError error=error.into() field="retention_basis"/>
                </label>
                <button type="submit" data-testid="retention-save">{t("save")}</button>
            </form>
            <ErrorBanner error=Signal::derive(move || error.get().filter(|f| f.status != Some(422)))/>
        </Show>
    }
}
