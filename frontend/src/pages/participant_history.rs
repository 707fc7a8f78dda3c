//! The participant's history: step moves and status changes on one timeline.

use crate::format;
use crate::i18n::{t, use_i18n};
use leptos::prelude::*;
use stige_wire::ParticipantDetail;

#[component]
pub fn History(detail: ParticipantDetail) -> impl IntoView {
    let i18n = use_i18n();
    // (date, recorded_at, entry), sorted newest first below.
    let mut entries: Vec<(chrono::NaiveDate, chrono::NaiveDateTime, AnyView)> = vec![];
    for m in detail.moves {
        let direction = m.direction;
        let from = m.from_step.map(|s| s.name).unwrap_or_default();
        let to = m.to_step.name;
        let override_reason = m
            .override_reason
            .map(|o| view! { <p class="muted">{t("override-reason")} ": " {o}</p> });
        let view = view! {
            <li class=format!("event move-{}", direction.as_str()) data-testid="history-move">
                <time>{crate::format::date(i18n, m.date)}</time>
                <div>
                    <strong>{move || format::direction(i18n, direction)}</strong>
                    " " {if from.is_empty() { String::new() } else { format!("{from} → ") }} {to}
                    <p>{m.reason}</p>
                    {override_reason}
                    <p class="muted">{m.recorded_by}</p>
                </div>
            </li>
        }
        .into_any();
        entries.push((m.date, m.recorded_at, view));
    }
    for s in detail.status_history {
        let to = s.to_status;
        let outcome = s
            .outcome
            .map(|o| view! { <p>{move || format::outcome(i18n, o)}</p> });
        let planned = s
            .planned_return
            .map(|d| view! { <p class="muted">{t("planned-return")} ": " {crate::format::date(i18n, d)}</p> });
        let view = view! {
            <li class="event status" data-testid="history-status">
                <time>{crate::format::date(i18n, s.date)}</time>
                <div>
                    <strong>{move || format::status(i18n, to)}</strong>
                    {s.reason.map(|r| view! { <p>{r}</p> })}
                    {outcome}
                    {s.outcome_text.map(|r| view! { <p>{r}</p> })}
                    {planned}
                    <p class="muted">{s.recorded_by}</p>
                </div>
            </li>
        }
        .into_any();
        entries.push((s.date, s.recorded_at, view));
    }
    entries.sort_by_key(|e| std::cmp::Reverse((e.0, e.1)));
    let items = entries.into_iter().map(|(_, _, v)| v).collect_view();
    view! {
        <section class="card">
            <h2>{t("history")}</h2>
            <ol class="timeline" data-testid="history">{items}</ol>
        </section>
    }
}
