//! The attendance register: one screen for a day and a group, driven by the keyboard.
//! Each mark is saved as it is made, and the last one can be undone. Keys 1–5 mark
//! the focused person and move to the next; ↑/↓ move; U undoes. People the house
//! does not expect that day (not a planned day, paused, at an internship) are listed
//! apart, and can still be marked if they come.

use super::register_saving::{Change, SaveQueue, Undo, warn_before_unload};
use crate::components::{ErrorBanner, Loading};
use crate::format::today;
use crate::i18n::{t, use_i18n};
use crate::programme::use_current_programme;
use crate::session::use_session;
use chrono::Datelike;
use leptos::prelude::*;
use stige_domain::attendance::{AttendanceMark, Expectation};
use stige_domain::{ParticipantId, StepId};
use stige_wire::{Ladder, RegisterActivity, RegisterActivityMark, RegisterQuery, RegisterUpdate};

fn mark_key(m: AttendanceMark) -> String {
    format!("mark-{}", m.as_str().replace('_', "-"))
}

/// A symbol per status, so a mark is never told by its colour alone.
fn mark_icon(m: AttendanceMark) -> &'static str {
    match m {
        AttendanceMark::Present => "✓",
        AttendanceMark::AbsentWithNotice => "✉",
        AttendanceMark::AbsentWithoutNotice => "✗",
        AttendanceMark::SentHome => "⌂",
        AttendanceMark::NotScheduled => "–",
    }
}

#[derive(Clone, PartialEq)]
struct Line {
    id: ParticipantId,
    name: String,
    step: String,
    expected: Expectation,
    mark: Option<AttendanceMark>,
    /// Parallel activities the person is enrolled in that day.
    activities: Vec<RegisterActivity>,
}

/// The marks offered for a parallel activity.
const ACTIVITY_MARKS: [AttendanceMark; 3] = [
    AttendanceMark::Present,
    AttendanceMark::AbsentWithNotice,
    AttendanceMark::AbsentWithoutNotice,
];

#[component]
pub fn RegisterPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    // The date lives in the address, so the menu's link opens today.
    let (date, pick_date) = super::use_day_param("/attendance");
    let step = RwSignal::new(None::<StepId>);
    // With a programme chosen in the header, the register is that programme's
    // house and its steps are the groups offered.
    let programme = use_current_programme();
    let lines = RwSignal::new(None::<Vec<Line>>);
    let focus = RwSignal::new(0usize);
    let error = RwSignal::new(None);
    let saving = SaveQueue::new(error);
    let last = RwSignal::new(None::<(String, Undo)>);
    warn_before_unload(saving.pending);
    let ladders = LocalResource::new(move || async move {
        let list = session.ladders().await.unwrap_or_default();
        let mut full: Vec<Ladder> = vec![];
        for l in list {
            if let Ok(d) = session.ladder(l.id).await {
                full.push(d);
            }
        }
        full
    });
    // Each load's number: an answer to an earlier load (date, group or
    // programme changed since) is dropped, not shown over the newer one.
    let loads = StoredValue::new(0u64);
    let load = move || {
        loads.update_value(|n| *n += 1);
        let this = loads.get_value();
        let query = RegisterQuery {
            date: Some(date.get_untracked()),
            step_id: step.get_untracked(),
            ladder_id: programme.untracked(),
        };
        leptos::task::spawn_local(async move {
            let result = session
                .call(move |c| {
                    let query = query.clone();
                    async move { c.register(&query).await }
                })
                .await;
            if loads.try_get_value() != Some(this) {
                return;
            }
            match result {
                Ok(r) => {
                    // Expected people first, then the rest, each by family name.
                    let mut ls: Vec<Line> = r
                        .lines
                        .into_iter()
                        .map(|l| Line {
                            id: l.participant_id,
                            name: format!("{}, {}", l.family_name, l.given_name),
                            step: l.step.map(|s| s.name).unwrap_or_default(),
                            expected: l.expected,
                            mark: l.mark,
                            activities: l.activities,
                        })
                        .collect();
                    ls.sort_by_key(|l| l.expected != Expectation::Expected);
                    focus.try_set(ls.iter().position(|l| l.mark.is_none()).unwrap_or(0));
                    lines.try_set(Some(ls));
                }
                Err(f) => {
                    error.try_set(Some(f));
                    lines.try_set(Some(vec![]));
                }
            }
        });
    };
    Effect::new(move |_| {
        date.track();
        step.track();
        let _ = programme.get();
        lines.set(None);
        last.set(None);
        load();
    });
    // Applies marks on screen at once and queues them for the server.
    let apply = move |changes: Vec<(ParticipantId, Option<AttendanceMark>)>, label: String| {
        let mut undo: Undo = vec![];
        let mut send = vec![];
        lines.update(|ls| {
            for (id, mark) in &changes {
                if let Some(l) = ls.iter_mut().flatten().find(|l| l.id == *id)
                    && l.mark != *mark
                {
                    undo.push((l.id, l.mark));
                    l.mark = *mark;
                    send.push(match mark {
                        Some(m) => Change::Set(*id, *m),
                        None => Change::Clear(*id),
                    });
                }
            }
        });
        saving.push(session, date.get_untracked(), send, load);
        // Nothing changed (all already marked): the earlier undo stays on offer.
        if !undo.is_empty() {
            last.set(Some((label, undo)));
        }
    };
    let set_mark = move |index: usize, mark: AttendanceMark| {
        let Some(l) = lines.with_untracked(|ls| ls.as_ref().and_then(|ls| ls.get(index).cloned()))
        else {
            return;
        };
        let label = format!("{}: {}", l.name, i18n.t(&mark_key(mark)));
        apply(vec![(l.id, Some(mark))], label);
    };
    let undo = move || {
        if let Some((_, earlier)) = last.get_untracked() {
            apply(earlier, String::new());
            last.set(None);
        }
    };
    let all_present = move |_| {
        let changes: Vec<_> = lines.with_untracked(|ls| {
            ls.iter()
                .flatten()
                .filter(|l| l.expected == Expectation::Expected && l.mark.is_none())
                .map(|l| (l.id, Some(AttendanceMark::Present)))
                .collect()
        });
        apply(changes, i18n.t("all-present"));
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let count = lines.with_untracked(|l| l.as_ref().map_or(0, Vec::len));
        if count == 0 {
            return;
        }
        let i = focus.get_untracked().min(count - 1);
        let key = ev.key();
        let mark = match key.as_str() {
            "1" => Some(AttendanceMark::Present),
            "2" => Some(AttendanceMark::AbsentWithNotice),
            "3" => Some(AttendanceMark::AbsentWithoutNotice),
            "4" => Some(AttendanceMark::SentHome),
            "5" => Some(AttendanceMark::NotScheduled),
            _ => None,
        };
        if let Some(m) = mark {
            ev.prevent_default();
            set_mark(i, m);
            focus.set((i + 1).min(count - 1));
        } else if key == "ArrowDown" {
            ev.prevent_default();
            focus.set((i + 1).min(count - 1));
        } else if key == "ArrowUp" {
            ev.prevent_default();
            focus.set(i.saturating_sub(1));
        } else if key.eq_ignore_ascii_case("u") {
            ev.prevent_default();
            undo();
        }
    };
    // A mark in a parallel activity is saved on its own, at once.
    let set_activity_mark = move |enrolment: i64, mark: AttendanceMark| {
        let update = RegisterUpdate {
            date: Some(date.get_untracked()),
            activity_marks: vec![RegisterActivityMark {
                enrolment_id: enrolment,
                mark,
            }],
            ..Default::default()
        };
        leptos::task::spawn_local(async move {
            let saved = session
                .call(move |c| {
                    let update = update.clone();
                    async move { c.save_register(&update).await }
                })
                .await;
            match saved {
                Ok(_) => {
                    error.set(None);
                    lines.update(|ls| {
                        for a in ls
                            .iter_mut()
                            .flatten()
                            .flat_map(|l| l.activities.iter_mut())
                        {
                            if a.enrolment_id == enrolment {
                                a.mark = Some(mark);
                            }
                        }
                    });
                }
                Err(f) => error.set(Some(f)),
            }
        });
    };
    let activity_cell = move |l: &Line| {
        let selects = l
            .activities
            .iter()
            .map(|a| {
                let enrolment = a.enrolment_id;
                let current = a.mark;
                let label = i18n.t_with(
                    "activity-mark-label",
                    &[("activity", a.name.clone()), ("name", l.name.clone())],
                );
                let options = ACTIVITY_MARKS
                    .into_iter()
                    .map(|m| {
                        view! {
                            <option value=m.as_str() selected=current == Some(m)>{move || i18n.t(&mark_key(m))}</option>
                        }
                    })
                    .collect_view();
                view! {
                    <label class="activity-mark">
                        <span class="activity-name">{a.name.clone()}</span>
                        <select aria-label=label data-testid="activity-mark" data-activity=a.name.clone()
                            data-marked=current.map(|m| m.as_str()).unwrap_or("")
                            // The register's keys belong to the rows, not to this list.
                            on:keydown=|ev| ev.stop_propagation()
                            on:change=move |ev| {
                                if let Some(m) = AttendanceMark::parse(&event_target_value(&ev)) {
                                    set_activity_mark(enrolment, m);
                                }
                            }>
                            <option value="" selected=current.is_none()>{t("activity-mark-none")}</option>
                            {options}
                        </select>
                    </label>
                }
            })
            .collect_view();
        view! { <td class="activity-marks">{selects}</td> }
    };
    let row = move |i: usize, l: Line| {
        let activities = activity_cell(&l);
        let buttons = AttendanceMark::ALL
            .iter()
            .copied()
            .enumerate()
            .map(|(k, m)| {
                let chosen = l.mark == Some(m);
                let class = format!("mark mark-{}{}", m.as_str(), if chosen { " chosen" } else { "" });
                view! {
                    <button type="button" class=class aria-pressed=chosen.to_string() data-mark=m.as_str()
                        title=move || i18n.t(&mark_key(m))
                        on:click=move |_| { set_mark(i, m); focus.set(i); }>
                        <span class="icon" aria-hidden="true">{mark_icon(m)}</span>
                        <kbd class="key-hint">{k + 1}</kbd>
                        <span class="mark-label">{move || i18n.t(&mark_key(m))}</span>
                    </button>
                }
            })
            .collect_view();
        let reason = (l.expected != Expectation::Expected).then(|| {
            let key = format!("expect-{}", l.expected.as_str().replace('_', "-"));
            view! { <span class=format!("badge expect-{}", l.expected.as_str()) data-testid="expectation">{move || i18n.t(&key)}</span> }
        });
        view! {
            <tr class:focused=move || focus.get() == i data-testid="register-row"
                data-expected=l.expected.as_str()
                data-marked=l.mark.map(|m| m.as_str()).unwrap_or("")
                on:click=move |_| focus.set(i)>
                <td class="who"><span class="name">{l.name}</span> " " <span class="muted step">{l.step}</span> {reason}</td>
                <td class="marks" role="group" aria-label=move || i18n.t("register-mark")>{buttons}</td>
                {activities}
            </tr>
        }
    };
    let rows = move || {
        lines.get().map(|ls| {
            if ls.is_empty() {
                return view! { <p class="muted">{t("register-empty")}</p> }.into_any();
            }
            let split = ls.iter().position(|l| l.expected != Expectation::Expected).unwrap_or(ls.len());
            let mut all: Vec<(usize, Line)> = ls.into_iter().enumerate().collect();
            let others = all.split_off(split);
            let expected = all.into_iter().map(|(i, l)| row(i, l)).collect_view();
            let others = (!others.is_empty()).then(|| {
                let body = others.into_iter().map(|(i, l)| row(i, l)).collect_view();
                view! {
                    <h2 class="register-apart">{t("register-not-expected")}</h2>
                    <table class="register" data-testid="register-not-expected"><tbody>{body}</tbody></table>
                }
            });
            view! {
                <table class="register" data-testid="register-expected"><tbody>{expected}</tbody></table>
                {others}
            }
            .into_any()
        })
    };
    // Another programme chosen: back to the whole house, not a step it does not offer.
    Effect::new(move |before: Option<Option<stige_domain::LadderId>>| {
        let now = programme.get();
        if before.is_some_and(|b| b != now) {
            step.set(None);
        }
        now
    });
    let step_options = move || {
        let chosen = programme.get();
        ladders
            .get()
            .unwrap_or_default()
            .into_iter()
            .filter(|l| chosen.is_none_or(|c| c == l.id))
            .flat_map(|l| {
                l.steps
                    .into_iter()
                    .map(move |s| (s.id, format!("{} – {}", l.name, s.name)))
            })
            .map(|(id, name)| view! { <option value=id.0.to_string()>{name}</option> })
            .collect_view()
    };
    let day_name = move || {
        let d = date.get();
        let name = i18n.t(&format!("weekday-{}", d.weekday().number_from_monday()));
        if d == today() {
            format!("{name} · {}", i18n.t("today-word"))
        } else {
            name
        }
    };
    let status = move || {
        if saving.pending.get() > 0 {
            view! { <span class="muted" data-testid="register-saving">{t("register-saving")}</span> }.into_any()
        } else if let Some((label, _)) = last.get().filter(|(l, _)| !l.is_empty()) {
            view! {
                <span class="ok" data-testid="register-saved">{move || i18n.t("saved")} " " {label}</span>
                <button type="button" class="secondary" data-testid="register-undo" on:click=move |_| undo()>{t("undo")}</button>
            }
            .into_any()
        } else {
            ().into_any()
        }
    };
    let counts = move || {
        lines.with(|ls| {
            let ls = ls.as_deref().unwrap_or_default();
            let expected = ls.iter().filter(|l| l.expected == Expectation::Expected);
            let open = expected.clone().filter(|l| l.mark.is_none()).count();
            i18n.t_with(
                "register-counts",
                &[
                    ("expected", expected.count().to_string()),
                    ("open", open.to_string()),
                ],
            )
        })
    };
    view! {
        <section class="card register-page">
            <h1>{t("register-title")}</h1>
            <div class="filters">
                <label>{t("date")}
                    <input type="date" data-testid="register-date" prop:value=move || date.get().to_string() on:change=pick_date/>
                    <span class="weekday" data-testid="register-weekday">{day_name}</span>
                </label>
                <label>
                    {t("register-group")}
                    <select data-testid="register-group" on:change=move |ev| step.set(event_target_value(&ev).parse().ok().map(StepId))>
                        <option value="">{t("whole-house")}</option>
                        {step_options}
                    </select>
                </label>
            </div>
            <p class="muted key-hint">{t("register-keys")}</p>
            <p class="muted" data-testid="register-counts">{counts}</p>
            <div tabindex="0" class="register-keys" data-testid="register" on:keydown=on_key>
                <Transition fallback=|| view! { <Loading/> }>{rows}</Transition>
            </div>
            <div class="register-bar" role="status" aria-live="polite">{status}</div>
            <div class="row-actions register-all">
                <button type="button" class="secondary" data-testid="all-present" on:click=all_present>{t("all-present")}</button>
            </div>
            <ErrorBanner error=error.into()/>
        </section>
    }
}
