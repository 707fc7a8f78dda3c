//! A person's work capacity on their page (issue 26): hours a week as bars
//! and independence as a line over the last weeks, beside what the step they
//! were on expected (a band), with a table alternative. The same figures for
//! the last four weeks sit in the follow-up form.

use crate::components::ErrorBanner;
use crate::i18n::{I18n, t, use_i18n};
use crate::session::{Failure, use_session};
use chrono::Duration;
use leptos::prelude::*;
use stige_domain::ParticipantId;
use stige_domain::work::Independence;
use stige_wire::{CapacityWeek, WorkCapacity};

const W: f64 = 340.0;
const H: f64 = 150.0;
const LEFT: f64 = 28.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 10.0;
const BOTTOM: f64 = 22.0;
/// Weeks the chart shows.
const WEEKS: i64 = 12;

pub fn level_text(i: I18n, level: Independence) -> String {
    i.t(&format!(
        "independence-{}",
        level.as_str().replace('_', "-")
    ))
}

/// Hours as people write them: `4,5` in Norwegian and Swedish, `4.5` in English.
pub fn hours_text(i: I18n, hours: f64) -> String {
    let text = format!("{}", (hours * 100.0).round() / 100.0);
    if i.lang().code() == "en" {
        text
    } else {
        text.replace('.', ",")
    }
}

/// The last [`WEEKS`] weeks up to this one, each with its figures (a week
/// without work as zero hours, beside the current step's demand).
fn series(c: &WorkCapacity, today: chrono::NaiveDate) -> Vec<CapacityWeek> {
    let this = stige_domain::work::week_of(today);
    (0..WEEKS)
        .rev()
        .map(|back| {
            let week = this - Duration::weeks(back);
            c.weeks
                .iter()
                .find(|w| w.week == week)
                .cloned()
                .unwrap_or(CapacityWeek {
                    week,
                    hours: 0.0,
                    days: 0,
                    independence: None,
                    step: None,
                    expected_hours: c.expected_hours,
                    expected_independence: c.expected_independence,
                })
        })
        .collect()
}

#[component]
fn CapacityChart(weeks: Vec<CapacityWeek>) -> impl IntoView {
    let i18n = use_i18n();
    let top = weeks
        .iter()
        .flat_map(|w| [Some(w.hours), w.expected_hours])
        .flatten()
        .fold(10.0_f64, f64::max)
        * 1.15;
    let plot_w = W - LEFT - RIGHT;
    let plot_h = H - TOP - BOTTOM;
    let slot = plot_w / weeks.len().max(1) as f64;
    let y_hours = move |h: f64| TOP + plot_h - plot_h * (h / top).clamp(0.0, 1.0);
    let y_level = move |l: Independence| TOP + plot_h - plot_h * f64::from(l.level()) / 4.4;
    let x = move |k: usize| LEFT + slot * k as f64;
    let bands = weeks
        .iter()
        .enumerate()
        .filter_map(|(k, w)| {
            let e = w.expected_hours?;
            let (y1, y2) = (y_hours(e * 1.1), y_hours(e * 0.9));
            Some(view! {
                <rect class="band" x=format!("{:.1}", x(k)) y=format!("{y1:.1}")
                    width=format!("{slot:.1}") height=format!("{:.1}", (y2 - y1).max(2.0))></rect>
            })
        })
        .collect_view();
    let bars = weeks
        .iter()
        .enumerate()
        .map(|(k, w)| {
            let y = y_hours(w.hours);
            let title = format!(
                "{}: {} {}",
                crate::format::date(i18n, w.week),
                hours_text(i18n, w.hours),
                i18n.t("work-hours")
            );
            view! {
                <rect class="bar" x=format!("{:.1}", x(k) + slot * 0.2) y=format!("{y:.1}")
                    width=format!("{:.1}", slot * 0.6) height=format!("{:.1}", TOP + plot_h - y)>
                    <title>{title}</title>
                </rect>
            }
        })
        .collect_view();
    let points: Vec<(f64, f64)> = weeks
        .iter()
        .enumerate()
        .filter_map(|(k, w)| Some((x(k) + slot / 2.0, y_level(w.independence?))))
        .collect();
    let line: String = points
        .iter()
        .enumerate()
        .map(|(k, (px, py))| format!("{}{px:.1},{py:.1}", if k == 0 { "M" } else { " L" }))
        .collect();
    let dots = points
        .iter()
        .map(|(px, py)| view! { <circle class="dot" cx=format!("{px:.1}") cy=format!("{py:.1}") r="3"></circle> })
        .collect_view();
    let labels = weeks
        .iter()
        .enumerate()
        .filter(|(k, _)| k % 3 == 2)
        .map(|(k, w)| {
            let text = format!("{}", w.week.format("%d.%m"));
            view! { <text class="axis-label" x=format!("{:.1}", x(k) + slot / 2.0) y=H - 6.0 text-anchor="middle">{text}</text> }
        })
        .collect_view();
    view! {
        <svg viewBox=format!("0 0 {W} {H}") role="img" aria-label=move || i18n.t("work-capacity-chart")>
            {bands}
            <line class="axis" x1=LEFT y1=TOP + plot_h x2=W - RIGHT y2=TOP + plot_h></line>
            <text class="axis-label" x="2" y=format!("{:.1}", TOP + 8.0)>{format!("{:.0}", top)}</text>
            <text class="axis-label" x="8" y=format!("{:.1}", TOP + plot_h)>"0"</text>
            {bars}
            <path class="line" d=line></path>
            {dots}
            {labels}
        </svg>
    }
}

/// The work capacity card on the participant's page.
#[component]
pub fn WorkCapacityCard(participant: ParticipantId) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let error = RwSignal::new(None::<Failure>);
    let capacity = LocalResource::new(move || async move {
        session
            .call(move |c| async move { c.work_capacity(participant).await })
            .await
    });
    let body = move || {
        capacity.get().map(|r| match r {
            Err(f) => {
                error.set(Some(f));
                ().into_any()
            }
            Ok(c) if c.weeks.is_empty() => {
                view! { <p class="muted" data-testid="work-capacity-empty">{t("work-capacity-empty")}</p> }.into_any()
            }
            Ok(c) => {
                let weeks = series(&c, crate::format::today());
                let expected = c.expected_hours.zip(c.expected_independence).map(|(h, l)| {
                    i18n.t_with(
                        "work-expected-now",
                        &[("hours", hours_text(i18n, h)), ("level", level_text(i18n, l))],
                    )
                });
                let rows = c
                    .weeks
                    .iter()
                    .rev()
                    .map(|w| {
                        let expected = [
                            w.expected_hours.map(|h| hours_text(i18n, h)),
                            w.expected_independence.map(|l| level_text(i18n, l)),
                        ]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(" · ");
                        view! {
                            <tr data-testid="work-capacity-row" data-week=w.week.to_string()>
                                <td>{crate::format::date(i18n, w.week)}</td>
                                <td data-testid="work-capacity-hours">{hours_text(i18n, w.hours)}</td>
                                <td>{w.days}</td>
                                <td>{w.independence.map(|l| level_text(i18n, l)).unwrap_or_default()}</td>
                                <td>{w.step.as_ref().map(|s| s.name.clone()).unwrap_or_default()}</td>
                                <td>{expected}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <figure class="capacity-chart" data-testid="work-capacity-chart">
                        <CapacityChart weeks=weeks/>
                        <figcaption class="muted">{t("work-capacity-chart")}</figcaption>
                    </figure>
                    {expected.map(|e| view! { <p data-testid="work-expected">{e}</p> })}
                    <details>
                        <summary>{t("work-capacity-table")}</summary>
                        <table data-testid="work-capacity-table">
                            <thead><tr>
                                <th scope="col">{t("work-week")}</th>
                                <th scope="col">{t("work-hours")}</th>
                                <th scope="col">{t("work-days")}</th>
                                <th scope="col">{t("work-independence")}</th>
                                <th scope="col">{t("work-step")}</th>
                                <th scope="col">{t("work-expected")}</th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </details>
                }
                .into_any()
            }
        })
    };
    view! {
        <section class="card" data-testid="work-capacity">
            <h2>{t("work-capacity-title")}</h2>
            <Transition fallback=|| ()>{body}</Transition>
            <ErrorBanner error=error.into()/>
        </section>
    }
}

/// The last four weeks' figures, for the follow-up form.
#[component]
pub fn LastFourWeeks(participant: ParticipantId) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let capacity = LocalResource::new(move || async move {
        session
            .call(move |c| async move { c.work_capacity(participant).await })
            .await
            .ok()
    });
    move || {
        capacity.get().flatten().filter(|c| !c.weeks.is_empty()).map(|c| {
            let items = c
                .last_four_weeks
                .iter()
                .map(|w| {
                    let level = w.independence.map(|l| format!(" · {}", level_text(i18n, l)));
                    view! {
                        <li>{crate::format::date(i18n, w.week)} ": " {hours_text(i18n, w.hours)} " " {t("work-hours")}
                            {level.unwrap_or_default()}</li>
                    }
                })
                .collect_view();
            view! {
                <div class="last-four-weeks" data-testid="work-last-four-weeks">
                    <h3>{t("work-last-four-weeks")}</h3>
                    <ul>{items}</ul>
                </div>
            }
        })
    }
}
