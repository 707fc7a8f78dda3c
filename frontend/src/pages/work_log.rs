//! The day's work log (issue 26): everyone marked present that day on one
//! line, with the hours, how independently they worked (1–4), the tasks done
//! and a note, filled in with the keyboard and saved for the whole day at
//! once. "Fill in as last time" copies each person's last recorded day into
//! the lines still empty, so only what differs needs typing.

use super::participant_work::{hours_text, level_text};
use crate::components::{ErrorBanner, Loading};
use crate::i18n::{t, use_i18n};
use crate::programme::use_current_programme;
use crate::server_text::field_message;
use crate::session::{Failure, use_session};
use leptos::prelude::*;
use stige_domain::work::Independence;
use stige_domain::{LadderId, ParticipantId};
use stige_wire::{WorkDayEntry, WorkDayInput, WorkLog, WorkLogQuery, WorkLogUpdate, Workplace};

/// One person's line, as being filled in.
#[derive(Clone)]
struct Line {
    id: ParticipantId,
    name: String,
    step: String,
    ladder: LadderId,
    recorded: bool,
    last: Option<WorkDayEntry>,
    hours: RwSignal<String>,
    level: RwSignal<Option<Independence>>,
    tasks: RwSignal<Vec<i64>>,
    note: RwSignal<String>,
    /// What the server or the form found wrong with the line.
    problems: RwSignal<Vec<String>>,
    /// The newcomers the person is buddy for that day.
    peer_for: Vec<String>,
    peer_support: RwSignal<bool>,
}

fn line_of(l: stige_wire::WorkLogLine, lang_hours: impl Fn(f64) -> String) -> Line {
    let entry = l.entry.clone();
    Line {
        id: l.participant_id,
        name: format!("{}, {}", l.family_name, l.given_name),
        step: l.step.map(|s| s.name).unwrap_or_default(),
        ladder: l.ladder_id,
        recorded: entry.is_some(),
        last: l.last,
        hours: RwSignal::new(
            entry
                .as_ref()
                .map(|e| lang_hours(e.hours))
                .unwrap_or_default(),
        ),
        level: RwSignal::new(entry.as_ref().map(|e| e.independence)),
        tasks: RwSignal::new(
            entry
                .as_ref()
                .map(|e| e.task_ids.clone())
                .unwrap_or_default(),
        ),
        peer_support: RwSignal::new(entry.as_ref().is_some_and(|e| e.peer_support)),
        note: RwSignal::new(entry.and_then(|e| e.note).unwrap_or_default()),
        problems: RwSignal::new(vec![]),
        peer_for: l.peer_for,
    }
}

/// Hours as typed, with a comma or a point.
fn parse_hours(text: &str) -> Option<f64> {
    text.trim().replace(',', ".").parse().ok()
}

#[component]
pub fn WorkLogPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    // The date lives in the address, so the menu's link opens today.
    let (date, pick_date) = super::use_day_param("/work-log");
    let programme = use_current_programme();
    let lines = RwSignal::new(None::<Vec<Line>>);
    let places = RwSignal::new(Vec::<Workplace>::new());
    let error = RwSignal::new(None::<Failure>);
    let notice = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);
    let show = move |log: WorkLog| {
        places.set(log.workplaces);
        lines.set(Some(
            log.lines
                .into_iter()
                .map(|l| line_of(l, |h| hours_text(i18n, h)))
                .collect(),
        ));
    };
    let loads = StoredValue::new(0u64);
    Effect::new(move |_| {
        let query = WorkLogQuery {
            date: Some(date.get()),
            ladder_id: programme.get(),
        };
        lines.set(None);
        notice.set(None);
        loads.update_value(|n| *n += 1);
        let this = loads.get_value();
        leptos::task::spawn_local(async move {
            let result = session
                .call(move |c| {
                    let query = query.clone();
                    async move { c.work_log(&query).await }
                })
                .await;
            if loads.try_get_value() != Some(this) {
                return;
            }
            match result {
                Ok(log) => show(log),
                Err(f) => {
                    error.set(Some(f));
                    lines.set(Some(vec![]));
                }
            }
        });
    });
    let fill_last = move |_| {
        lines.with_untracked(|ls| {
            for l in ls.iter().flatten() {
                if let Some(last) = l
                    .last
                    .as_ref()
                    .filter(|_| l.hours.get_untracked().trim().is_empty())
                {
                    l.hours.set(hours_text(i18n, last.hours));
                    l.level.set(Some(last.independence));
                    l.tasks.set(last.task_ids.clone());
                }
            }
        });
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        notice.set(None);
        error.set(None);
        let mut entries = vec![];
        let mut sent: Vec<Line> = vec![];
        let mut incomplete = false;
        lines.with_untracked(|ls| {
            for l in ls.iter().flatten() {
                l.problems.set(vec![]);
                let hours = l.hours.get_untracked();
                if hours.trim().is_empty() {
                    continue;
                }
                if l.level.get_untracked().is_none() {
                    l.problems.set(vec![
                        i18n.t_with("work-row-incomplete", &[("name", l.name.clone())]),
                    ]);
                    incomplete = true;
                    continue;
                }
                let note = l.note.get_untracked();
                entries.push(WorkDayInput {
                    participant_id: Some(l.id),
                    hours: parse_hours(&hours).or(Some(f64::NAN)),
                    independence: l.level.get_untracked(),
                    task_ids: l.tasks.get_untracked(),
                    note: (!note.trim().is_empty()).then_some(note),
                    peer_support: l.peer_support.get_untracked(),
                });
                sent.push(l.clone());
            }
        });
        if incomplete {
            return;
        }
        if entries.is_empty() {
            notice.set(Some(i18n.t("work-nothing-to-save")));
            return;
        }
        // Hours that are not a number go as 0, which the server names.
        for e in &mut entries {
            if e.hours.is_some_and(f64::is_nan) {
                e.hours = Some(0.0);
            }
        }
        let count = entries.len();
        let update = WorkLogUpdate {
            date: Some(date.get_untracked()),
            entries,
            ladder_id: programme.untracked(),
        };
        saving.set(true);
        leptos::task::spawn_local(async move {
            let result = session
                .call(move |c| {
                    let update = update.clone();
                    async move { c.save_work_log(&update).await }
                })
                .await;
            saving.set(false);
            match result {
                Ok(log) => {
                    show(log);
                    notice.set(Some(
                        i18n.t_with("work-saved", &[("count", count.to_string())]),
                    ));
                }
                Err(f) => {
                    // Each line's own problems beside it (entries[i].field).
                    let errors = f
                        .problem
                        .as_ref()
                        .map(|p| p.errors.clone())
                        .unwrap_or_default();
                    for (i, l) in sent.iter().enumerate() {
                        let prefix = format!("entries[{i}].");
                        let own: Vec<String> = errors
                            .iter()
                            .filter(|e| e.field.starts_with(&prefix))
                            .map(|e| {
                                let field = e.field.trim_start_matches(&prefix);
                                let label = match field {
                                    "hours" => i18n.t("work-hours"),
                                    "independence" => i18n.t("work-independence"),
                                    "task_ids" => i18n.t("work-tasks"),
                                    "note" => i18n.t("work-note"),
                                    _ => String::new(),
                                };
                                format!("{label}: {}", field_message(i18n, e))
                            })
                            .collect();
                        l.problems.set(own);
                    }
                    error.set(Some(f));
                }
            }
        });
    };
    let level_options = move |chosen: RwSignal<Option<Independence>>| {
        Independence::ALL
            .iter()
            .map(|l| {
                let l = *l;
                view! { <option value=l.as_str() selected=move || chosen.get() == Some(l)>{move || level_text(i18n, l)}</option> }
            })
            .collect_view()
    };
    let task_boxes = move |l: &Line| {
        let tasks = l.tasks;
        let ladder = l.ladder;
        places
            .get_untracked()
            .into_iter()
            .filter(|p| p.ladder_id == ladder)
            .map(|p| {
                let boxes = p
                    .tasks
                    .into_iter()
                    .map(|task| {
                        let id = task.id;
                        view! {
                            <label class="check task">
                                <input type="checkbox" data-testid="work-task" data-task=task.name.clone()
                                    prop:checked=move || tasks.get().contains(&id)
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        tasks.update(|v| { v.retain(|t| *t != id); if on { v.push(id); } });
                                    }/>
                                {task.name}
                            </label>
                        }
                    })
                    .collect_view();
                view! { <span class="workplace"><span class="muted">{p.name}": "</span>{boxes}</span> }
            })
            .collect_view()
    };
    let row = move |l: Line| {
        let name = l.name.clone();
        let last = l.last.as_ref().map(|e| {
            i18n.t_with(
                "work-last-hint",
                &[
                    ("date", crate::format::date(i18n, e.date)),
                    ("hours", hours_text(i18n, e.hours)),
                ],
            )
        });
        let (hours, level, note, problems) = (l.hours, l.level, l.note, l.problems);
        let boxes = task_boxes(&l);
        let peer_support = l.peer_support;
        let peer_box = (!l.peer_for.is_empty()).then(|| {
            let label = i18n.t_with("work-peer-today", &[("names", l.peer_for.join(", "))]);
            view! {
                <label class="check task">
                    <input type="checkbox" data-testid="work-peer-support" prop:checked=move || peer_support.get()
                        on:change=move |ev| peer_support.set(event_target_checked(&ev))/>
                    {label}
                </label>
            }
        });
        view! {
            <tr data-testid="work-row" data-recorded=l.recorded.to_string() data-participant=l.id.0.to_string()>
                <th scope="row" class="who">
                    <span class="name">{l.name.clone()}</span> " " <span class="muted step">{l.step.clone()}</span>
                    {l.recorded.then(|| view! { " " <span class="badge">{t("work-recorded")}</span> })}
                    {last.map(|h| view! { <span class="muted last">{h}</span> })}
                    {move || {
                        let p = problems.get();
                        (!p.is_empty()).then(|| view! {
                            <span class="field-error" data-testid="work-row-problem">{p.join(" ")}</span>
                        })
                    }}
                </th>
                <td><input type="text" inputmode="decimal" size="4" data-testid="work-hours"
                    aria-label=i18n.t_with("work-hours-for", &[("name", name.clone())])
                    prop:value=hours on:input=move |ev| hours.set(event_target_value(&ev))/></td>
                <td><select data-testid="work-independence"
                    aria-label=i18n.t_with("work-independence-for", &[("name", name.clone())])
                    on:change=move |ev| level.set(Independence::parse(&event_target_value(&ev)))>
                    <option value="" selected=move || level.get().is_none()>{t("independence-none")}</option>
                    {level_options(level)}
                </select></td>
                <td><fieldset class="tasks">
                    <legend class="sr-only">{i18n.t_with("work-tasks-for", &[("name", name.clone())])}</legend>
                    {boxes}
                    {peer_box}
                </fieldset></td>
                <td><input type="text" data-testid="work-note" maxlength="300"
                    aria-label=i18n.t_with("work-note-for", &[("name", name)])
                    prop:value=note on:input=move |ev| note.set(event_target_value(&ev))/></td>
            </tr>
        }
    };
    let rows = move || {
        lines.get().map(|ls| {
            if ls.is_empty() {
                return view! { <p class="muted" data-testid="work-log-empty">{t("work-log-empty")}</p> }.into_any();
            }
            let body = ls.into_iter().map(row).collect_view();
            view! {
                <table class="work-log" data-testid="work-log">
                    <thead><tr>
                        <th scope="col">{t("name")}</th>
                        <th scope="col">{t("work-hours")}</th>
                        <th scope="col">{t("work-independence")}</th>
                        <th scope="col">{t("work-tasks")}</th>
                        <th scope="col">{t("work-note")}</th>
                    </tr></thead>
                    <tbody>{body}</tbody>
                </table>
            }
            .into_any()
        })
    };
    let counts = move || {
        lines.with(|ls| {
            let ls = ls.as_deref().unwrap_or_default();
            i18n.t_with(
                "work-log-counts",
                &[
                    (
                        "recorded",
                        ls.iter().filter(|l| l.recorded).count().to_string(),
                    ),
                    ("listed", ls.len().to_string()),
                ],
            )
        })
    };
    view! {
        <section class="card work-log-page">
            <h1>{t("work-log-title")}</h1>
            <div class="filters">
                <label>{t("date")}
                    <input type="date" data-testid="work-log-date" prop:value=move || date.get().to_string() on:change=pick_date/>
                </label>
            </div>
            <p class="muted key-hint">{t("work-log-keys")}</p>
            <p class="muted" data-testid="work-log-counts">{counts}</p>
            <form on:submit=submit data-testid="work-log-form">
                <Transition fallback=|| view! { <Loading/> }>{rows}</Transition>
                <div class="row-actions">
                    <button type="submit" data-testid="work-log-save" disabled=move || saving.get()>{t("work-save-day")}</button>
                    <button type="button" class="secondary" data-testid="work-log-fill" on:click=fill_last>{t("work-fill-last")}</button>
                </div>
            </form>
            <div role="status" aria-live="polite">
                {move || notice.get().map(|n| view! { <p class="ok" data-testid="work-log-notice">{n}</p> })}
            </div>
            <ErrorBanner error=error.into()/>
        </section>
    }
}
