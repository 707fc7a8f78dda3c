//! A column chart per month in SVG: two series side by side (a lighter one and the
//! main one), and optionally a cumulative line and a dashed target line over them.
//! "<5" draws as a hatched column.

use super::chart::{Amount, Hatch, Scale, tick_text};
use leptos::prelude::*;

const W: f64 = 640.0;
const H: f64 = 260.0;
const LEFT: f64 = 40.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 34.0;

/// One month (or other slot) of the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Under the column; `sub` goes on a second line (e.g. the year).
    pub label: String,
    pub sub: Option<String>,
    pub main: Amount,
    pub second: Amount,
    /// The tooltip.
    pub title: String,
}

fn points(values: &[f64], x: impl Fn(usize) -> f64, y: impl Fn(f64) -> f64) -> String {
    values
        .iter()
        .enumerate()
        .map(|(i, v)| format!("{:.1},{:.1}", x(i), y(*v)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// `label` names the chart for screen readers; `id` must be unique on the page.
/// `line` and `target` hold one value per column.
#[component]
pub fn ColumnChart(
    label: String,
    columns: Vec<Column>,
    id: &'static str,
    #[prop(default = None)] line: Option<Vec<f64>>,
    #[prop(default = None)] target: Option<Vec<f64>>,
) -> impl IntoView {
    let n = columns.len().max(1);
    let largest = columns
        .iter()
        .map(|c| c.main.reach().max(c.second.reach()))
        .chain(line.iter().flatten().copied())
        .chain(target.iter().flatten().copied())
        .fold(0.0, f64::max);
    let scale = Scale::new(largest);
    let plot_h = H - TOP - BOTTOM;
    let plot_w = W - LEFT - RIGHT;
    let slot = plot_w / n as f64;
    let bar_w = (slot * 0.36).min(22.0);
    let y = |v: f64| TOP + plot_h - scale.at(v, plot_h);
    let centre = |i: usize| LEFT + slot * (i as f64 + 0.5);
    // Every k-th label, so at most about 14 fit.
    let every = n.div_ceil(14).max(1);
    let hatch = format!("hatch-{id}");
    let grid = scale
        .ticks
        .iter()
        .map(|v| {
            let at = format!("{:.1}", y(*v));
            view! {
                <line class="grid" x1=LEFT y1=at.clone() x2=W - RIGHT y2=at.clone()></line>
                <text class="axis-label" x=LEFT - 6.0 y=format!("{:.1}", y(*v) + 3.0) text-anchor="end">{tick_text(*v)}</text>
            }
        })
        .collect_view();
    let column = |amount: Amount, left: f64, class: &'static str| match amount {
        Amount::Value(v) => {
            let top = y(v.max(0.0));
            view! { <rect class=class x=format!("{left:.1}") y=format!("{top:.1}") width=format!("{bar_w:.1}") height=format!("{:.1}", TOP + plot_h - top)></rect> }.into_any()
        }
        Amount::Few => {
            let top = y(Amount::Few.reach());
            view! {
                <rect class="bar few" x=format!("{left:.1}") y=format!("{top:.1}") width=format!("{bar_w:.1}") height=format!("{:.1}", TOP + plot_h - top) fill=format!("url(#{hatch})")></rect>
                <text class="few-label" x=format!("{:.1}", left + bar_w / 2.0) y=format!("{:.1}", top - 3.0) text-anchor="middle">"<5"</text>
            }
            .into_any()
        }
        Amount::Missing => ().into_any(),
    };
    let cols = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mid = centre(i);
            let labels = (i % every == 0 || c.sub.is_some()).then(|| {
                view! {
                    <text class="axis-label" x=format!("{mid:.1}") y=TOP + plot_h + 13.0 text-anchor="middle">{c.label.clone()}</text>
                    <text class="axis-label" x=format!("{mid:.1}") y=TOP + plot_h + 25.0 text-anchor="middle">{c.sub.clone().unwrap_or_default()}</text>
                }
            });
            view! {
                <g class="column">
                    <title>{c.title.clone()}</title>
                    <rect class="slot" x=format!("{:.1}", mid - slot / 2.0) y=TOP width=format!("{slot:.1}") height=plot_h></rect>
                    {column(c.second, mid - bar_w - 1.0, "bar second")}
                    {column(c.main, mid + 1.0, "bar")}
                    {labels}
                </g>
            }
        })
        .collect_view();
    let target_line = target
        .map(|t| view! { <polyline class="target-line" points=points(&t, centre, y)></polyline> });
    let cumulative = line.map(|l| {
        let dots = l
            .iter()
            .enumerate()
            .map(|(i, v)| view! { <circle class="dot" cx=format!("{:.1}", centre(i)) cy=format!("{:.1}", y(*v)) r="3"></circle> })
            .collect_view();
        view! { <polyline class="line" points=points(&l, centre, y)></polyline> {dots} }
    });
    let aria = label.clone();
    view! {
        <svg class="column-chart" viewBox=format!("0 0 {W} {H}") role="img" aria-label=aria>
            <title>{label}</title>
            <Hatch id=hatch.clone()/>
            {grid}
            <line class="axis" x1=LEFT y1=TOP + plot_h x2=W - RIGHT y2=TOP + plot_h></line>
            {cols}
            {target_line}
            {cumulative}
        </svg>
    }
}
