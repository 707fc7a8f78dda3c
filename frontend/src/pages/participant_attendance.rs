//! The participant's attendance: the last 8 weeks as bars, monthly rates, the plan.

use crate::components::{ErrorBanner, FieldError};
use crate::format::parse_date;
use crate::i18n::{t, use_i18n};
use crate::session::{Failure, use_session};
use leptos::prelude::*;
use stige_client::{AttendanceSummary, NewPlannedParticipation};
use stige_domain::ParticipantId;

fn percent(rate: Option<f64>) -> String {
    rate.map(|r| format!("{:.0} %", r * 100.0))
        .unwrap_or_else(|| "–".into())
}

#[component]
pub fn Attendance(participant: ParticipantId) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let summary = RwSignal::new(None::<Result<AttendanceSummary, Failure>>);
    leptos::task::spawn_local(async move {
        summary.set(Some(
            session
                .call(move |c| async move { c.attendance(participant).await })
                .await,
        ));
    });
    let days = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Failure>);
    let add_plan = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = NewPlannedParticipation {
            valid_from: parse_date(&from.get_untracked()),
            days_per_week: days.get_untracked().trim().parse().ok(),
            hours_per_week: None,
        };
        leptos::task::spawn_local(async move {
            let r = session
                .call(move |c| {
                    let body = body.clone();
                    async move { c.add_planned_participation(participant, &body).await }
                })
                .await;
            match r {
                Ok(s) => {
                    error.set(None);
                    summary.set(Some(Ok(s)));
                }
                Err(f) => error.set(Some(f)),
            }
        });
    };
    let content = move || {
        summary.get().map(|r| match r {
            Err(f) => view! { <ErrorBanner error=Signal::derive(move || Some(f.clone()))/> }.into_any(),
            Ok(s) => {
                let bars = s
                    .weekly
                    .iter()
                    .enumerate()
                    .map(|(i, w)| {
                        let h = w.rate.unwrap_or(0.0) * 80.0;
                        let x = 10.0 + i as f64 * 36.0;
                        view! {
                            <g>
                                <rect class=if w.rate.is_some() { "bar" } else { "bar empty" } x=x y=90.0 - h width="26" height=h.max(1.0)>
                                    <title>{format!("{}: {}", w.start, percent(w.rate))}</title>
                                </rect>
                                <text x=x + 13.0 y="104" text-anchor="middle" class="axis-label">{w.start.format("%d.%m").to_string()}</text>
                            </g>
                        }
                    })
                    .collect_view();
                let monthly = s
                    .monthly
                    .iter()
                    .map(|m| view! { <tr><td>{m.start.format("%Y-%m").to_string()}</td><td>{percent(m.rate)}</td></tr> })
                    .collect_view();
                let weekly_rows = s
                    .weekly
                    .iter()
                    .map(|w| view! { <tr><td>{w.start.to_string()}</td><td>{percent(w.rate)}</td></tr> })
                    .collect_view();
                let plans = s
                    .plans
                    .iter()
                    .map(|p| {
                        let d = p.days_per_week.unwrap_or(0);
                        let from = crate::format::date(i18n, p.valid_from);
                        view! { <li>{from} ": " {move || i18n.t_with("days-per-week", &[("days", d.to_string())])}</li> }
                    })
                    .collect_view();
                let streak = s.consecutive_unnotified_absences;
                view! {
                    {(streak >= 2).then(|| view! { <p class="warn">{move || i18n.t_with("absent-days", &[("days", streak.to_string())])}</p> })}
                    <figure class="trend">
                        <svg viewBox="0 0 300 110" role="img" aria-label=t("trend-label")>{bars}</svg>
                        <details><summary>{t("as-table")}</summary><table><tbody>{weekly_rows}</tbody></table></details>
                    </figure>
                    <h3>{t("per-month")}</h3>
                    <table><tbody>{monthly}</tbody></table>
                    <h3>{t("planned-participation")}</h3>
                    <ul class="plain">{plans}</ul>
                }
                .into_any()
            }
        })
    };
    view! {
        <section class="card" data-testid="attendance">
            <h2>{t("attendance")}</h2>
            {content}
            <form class="inline" on:submit=add_plan>
                <label>{t("days-per-week-label")}<input type="number" min="1" max="7" prop:value=days on:input=move |ev| days.set(event_target_value(&ev))/>
                    <FieldError error=error.into() field="days_per_week"/></label>
                <label>{t("valid-from")}<input type="date" prop:value=from on:input=move |ev| from.set(event_target_value(&ev))/></label>
                <button type="submit">{t("save")}</button>
            </form>
        </section>
    }
}
