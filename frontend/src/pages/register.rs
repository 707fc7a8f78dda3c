//! The attendance register: one screen for a day and a group, driven by the keyboard.
//! Keys 1–5 mark the focused person and move to the next; ↑/↓ move; "all present"
//! marks everyone not yet marked.

use crate::components::{ErrorBanner, Loading};
use crate::format::{parse_date, today};
use crate::i18n::{t, use_i18n};
use crate::session::{Failure, use_session};
use leptos::prelude::*;
use stige_client::{Ladder, MarkInput, RegisterQuery, RegisterUpdate};
use stige_domain::attendance::AttendanceMark;
use stige_domain::{ParticipantId, StepId};

fn mark_key(m: AttendanceMark) -> String {
    format!("mark-{}", m.as_str().replace('_', "-"))
}

#[derive(Clone, PartialEq)]
struct Line {
    id: ParticipantId,
    name: String,
    step: String,
    mark: Option<AttendanceMark>,
    saved: Option<AttendanceMark>,
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let date = RwSignal::new(today().to_string());
    let step = RwSignal::new(None::<StepId>);
    let lines = RwSignal::new(None::<Vec<Line>>);
    let focus = RwSignal::new(0usize);
    let error = RwSignal::new(None::<Failure>);
    let saved_note = RwSignal::new(false);
    let ladders = LocalResource::new(move || async move {
        let list = session
            .call(|c| async move { c.ladders().await })
            .await
            .unwrap_or_default();
        let mut full: Vec<Ladder> = vec![];
        for l in list {
            if let Ok(d) = session
                .call(move |c| async move { c.ladder(l.id).await })
                .await
            {
                full.push(d);
            }
        }
        full
    });
    let load = move || {
        let query = RegisterQuery {
            date: parse_date(&date.get_untracked()),
            step_id: step.get_untracked(),
        };
        lines.set(None);
        leptos::task::spawn_local(async move {
            let result = session
                .call(move |c| {
                    let query = query.clone();
                    async move { c.register(&query).await }
                })
                .await;
            match result {
                Ok(r) => {
                    error.set(None);
                    focus.set(r.lines.iter().position(|l| l.mark.is_none()).unwrap_or(0));
                    lines.set(Some(
                        r.lines
                            .into_iter()
                            .map(|l| Line {
                                id: l.participant_id,
                                name: format!("{}, {}", l.family_name, l.given_name),
                                step: l.step.map(|s| s.name).unwrap_or_default(),
                                mark: l.mark,
                                saved: l.mark,
                            })
                            .collect(),
                    ));
                }
                Err(f) => {
                    error.set(Some(f));
                    lines.set(Some(vec![]));
                }
            }
        });
    };
    Effect::new(move |_| {
        date.track();
        step.track();
        load();
    });
    let set_mark = move |index: usize, mark: AttendanceMark| {
        saved_note.set(false);
        lines.update(|ls| {
            if let Some(l) = ls.as_mut().and_then(|ls| ls.get_mut(index)) {
                l.mark = Some(mark);
            }
        });
    };
    let all_present = move |_| {
        saved_note.set(false);
        lines.update(|ls| {
            for l in ls.iter_mut().flatten().filter(|l| l.mark.is_none()) {
                l.mark = Some(AttendanceMark::Present);
            }
        });
    };
    let save = move || {
        let changed: Vec<MarkInput> = lines
            .get_untracked()
            .unwrap_or_default()
            .into_iter()
            .filter(|l| l.mark.is_some() && l.mark != l.saved)
            .filter_map(|l| {
                l.mark.map(|mark| MarkInput {
                    participant_id: l.id,
                    mark,
                })
            })
            .collect();
        let update = RegisterUpdate {
            date: parse_date(&date.get_untracked()),
            step_id: step.get_untracked(),
            marks: changed,
        };
        leptos::task::spawn_local(async move {
            let result = session
                .call(move |c| {
                    let update = update.clone();
                    async move { c.save_register(&update).await }
                })
                .await;
            match result {
                Ok(_) => {
                    lines.update(|ls| ls.iter_mut().flatten().for_each(|l| l.saved = l.mark));
                    error.set(None);
                    saved_note.set(true);
                }
                Err(f) => error.set(Some(f)),
            }
        });
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
        }
    };
    let rows = move || {
        lines.get().map(|ls| {
            if ls.is_empty() {
                return view! { <p class="muted">{t("register-empty")}</p> }.into_any();
            }
            let body = ls
                .into_iter()
                .enumerate()
                .map(|(i, l)| {
                    let buttons = AttendanceMark::ALL
                        .into_iter()
                        .enumerate()
                        .map(|(k, m)| {
                            let chosen = l.mark == Some(m);
                            view! {
                                <button type="button" class=if chosen { "mark chosen" } else { "mark" }
                                    aria-pressed=chosen.to_string() data-mark=m.as_str()
                                    on:click=move |_| { set_mark(i, m); focus.set(i); }>
                                    <kbd>{k + 1}</kbd> " " {move || i18n.t(&mark_key(m))}
                                </button>
                            }
                        })
                        .collect_view();
                    view! {
                        <tr class:focused=move || focus.get() == i data-testid="register-row"
                            data-marked=l.mark.map(|m| m.as_str()).unwrap_or("")
                            on:click=move |_| focus.set(i)>
                            <td>{l.name}</td>
                            <td class="muted">{l.step}</td>
                            <td class="marks">{buttons}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! { <table class="register"><tbody>{body}</tbody></table> }.into_any()
        })
    };
    let step_options = move || {
        ladders
            .get()
            .unwrap_or_default()
            .into_iter()
            .flat_map(|l| {
                l.steps
                    .into_iter()
                    .map(move |s| (s.id, format!("{} – {}", l.name, s.name)))
            })
            .map(|(id, name)| view! { <option value=id.0.to_string()>{name}</option> })
            .collect_view()
    };
    view! {
        <section class="card">
            <h1>{t("register-title")}</h1>
            <div class="filters">
                <label>{t("date")}<input type="date" data-testid="register-date" prop:value=date on:change=move |ev| date.set(event_target_value(&ev))/></label>
                <label>
                    {t("register-group")}
                    <select on:change=move |ev| step.set(event_target_value(&ev).parse().ok().map(StepId))>
                        <option value="">{t("whole-house")}</option>
                        {step_options}
                    </select>
                </label>
            </div>
            <p class="muted">{t("register-keys")}</p>
            <div tabindex="0" class="register-keys" data-testid="register" on:keydown=on_key>
                <Transition fallback=|| view! { <Loading/> }>{rows}</Transition>
            </div>
            <div class="row-actions">
                <button type="button" class="secondary" data-testid="all-present" on:click=all_present>{t("all-present")}</button>
                <button type="button" data-testid="register-save" on:click=move |_| save()>{t("save")}</button>
                <Show when=move || saved_note.get()><span class="ok" role="status" data-testid="register-saved">{t("saved")}</span></Show>
            </div>
            <ErrorBanner error=error.into()/>
        </section>
    }
}
