//! A small line chart of 0–10 scaling scores over time, with a table alternative.

use crate::i18n::t;
use leptos::prelude::*;

const W: f64 = 300.0;
const H: f64 = 110.0;
const PAD: f64 = 18.0;

/// `points` are (date, score 0–10), oldest first.
#[component]
pub fn ScoreChart(
    points: Vec<(chrono::NaiveDate, i64)>,
    #[prop(optional)] testid: &'static str,
) -> impl IntoView {
    if points.is_empty() {
        return view! { <p class="muted">{t("no-scores")}</p> }.into_any();
    }
    let i18n = crate::i18n::use_i18n();
    let n = points.len();
    let x = |i: usize| {
        if n == 1 {
            W / 2.0
        } else {
            PAD + (W - 2.0 * PAD) * i as f64 / (n - 1) as f64
        }
    };
    let y = |s: i64| H - PAD - (H - 2.0 * PAD) * (s.clamp(0, 10) as f64) / 10.0;
    let path: String = points
        .iter()
        .enumerate()
        .map(|(i, (_, s))| {
            format!(
                "{}{:.1},{:.1}",
                if i == 0 { "M" } else { " L" },
                x(i),
                y(*s)
            )
        })
        .collect();
    let dots = points
        .iter()
        .enumerate()
        .map(|(i, (d, s))| {
            view! {
                <circle cx=format!("{:.1}", x(i)) cy=format!("{:.1}", y(*s)) r="4" class="dot">
                    <title>{format!("{}: {s}", crate::format::date(i18n, *d))}</title>
                </circle>
                <text x=format!("{:.1}", x(i)) y=format!("{:.1}", y(*s) - 8.0) text-anchor="middle" class="dot-label">{*s}</text>
            }
        })
        .collect_view();
    let rows = points
        .iter()
        .map(|(d, s)| view! { <tr><td>{crate::format::date(i18n, *d)}</td><td>{*s}</td></tr> })
        .collect_view();
    view! {
        <figure class="score-chart" data-testid=testid>
            <svg viewBox=format!("0 0 {W} {H}") role="img" aria-label=t("score-chart-label")>
                <line class="axis" x1=PAD y1=y(0) x2=W - PAD y2=y(0)></line>
                <line class="grid" x1=PAD y1=y(10) x2=W - PAD y2=y(10)></line>
                <text x="2" y=y(10) + 4.0 class="axis-label">"10"</text>
                <text x="6" y=y(0) + 4.0 class="axis-label">"0"</text>
                <path d=path class="line"></path>
                {dots}
            </svg>
            <details>
                <summary>{t("as-table")}</summary>
                <table>
                    <thead><tr><th>{t("date")}</th><th>{t("score")}</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </details>
        </figure>
    }
    .into_any()
}
