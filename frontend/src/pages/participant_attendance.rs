//! The participant's attendance: the last 8 weeks as bars, monthly rates, the plan.

use crate::components::{ErrorBanner, FieldError};
use crate::format::parse_date;
use crate::i18n::{t, use_i18n};
use crate::session::{Failure, use_session};
use leptos::prelude::*;
use stige_domain::ParticipantId;
use stige_wire::{AttendanceSummary, NewPlannedParticipation};

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
    // The planned days by ISO number, 1 = Monday.
    let days = RwSignal::new(Vec::<i64>::new());
    let from = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Failure>);
    let add_plan = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = NewPlannedParticipation {
            valid_from: parse_date(&from.get_untracked()),
            weekdays: Some(days.get_untracked()),
            hours_per_week: None,
        };
        leptos::task::spawn_local(async move {
            let r = session
                .send_form(error, body, move |c, body| async move {
                    c.add_planned_participation(participant, &body).await
                })
                .await;
            if let Some(s) = r {
                summary.set(Some(Ok(s)));
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
                        let d = p.weekdays.clone();
                        let from = crate::format::date(i18n, p.valid_from);
                        let names = move || {
                            if d.is_empty() {
                                i18n.t("every-working-day")
                            } else {
                                d.iter().map(|n| i18n.t(&format!("weekday-{n}"))).collect::<Vec<_>>().join(", ")
                            }
                        };
                        view! { <li data-testid="plan">{from} ": " {names}</li> }
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
                <fieldset class="weekdays" data-testid="plan-weekdays">
                    <legend>{t("planned-weekdays")}</legend>
                    {(1..=7i64).map(|n| view! {
                        <label class="check"><input type="checkbox" data-day=n.to_string()
                            prop:checked=move || days.with(|d| d.contains(&n))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                days.update(|d| { d.retain(|x| *x != n); if on { d.push(n); d.sort_unstable(); } });
                            }/>
                        {move || i18n.t(&format!("weekday-{n}"))}</label>
                    }).collect_view()}
                    <FieldError error=error.into() field="weekdays"/>
                </fieldset>
                <label>{t("valid-from")}<input type="date" prop:value=from on:input=move |ev| from.set(event_target_value(&ev))/></label>
                <button type="submit">{t("save")}</button>
            </form>
        </section>
    }
}
