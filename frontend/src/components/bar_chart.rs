//! A horizontal bar chart in SVG: one row per bar, the label on the left, the value
//! at the bar's end; optionally a lighter bar behind each (e.g. the 75th percentile
//! behind the median) and a dashed target line across one row (the outcome the
//! target is for, not every bar). "<5" draws as a hatched bar.

use super::chart::{Amount, Hatch, Scale, shorten, tick_text};
use leptos::prelude::*;

const W: f64 = 640.0;
const LABEL_W: f64 = 200.0;
const VALUE_W: f64 = 80.0;
const ROW: f64 = 30.0;
const BAR: f64 = 18.0;
const TOP: f64 = 24.0;
const AXIS: f64 = 22.0;

/// One bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub amount: Amount,
    /// A lighter bar behind, reaching this far.
    pub behind: Option<f64>,
    /// The text at the bar's end, and in its tooltip.
    pub text: String,
    /// Extra CSS class for the bar, e.g. "through" for the last bar of the funnel.
    pub class: &'static str,
}

/// `label` names the chart for screen readers; `id` must be unique on the page.
#[component]
pub fn BarChart(
    label: String,
    bars: Vec<Bar>,
    id: &'static str,
    /// The target line: the row it is for, where, and its text (the tooltip).
    #[prop(default = None)]
    target: Option<(usize, f64, String)>,
) -> impl IntoView {
    let largest = bars
        .iter()
        .map(|b| b.amount.reach().max(b.behind.unwrap_or(0.0)))
        .chain(target.as_ref().map(|t| t.1))
        .fold(0.0, f64::max);
    let scale = Scale::new(largest);
    let plot = W - LABEL_W - VALUE_W;
    let x = |v: f64| LABEL_W + scale.at(v, plot);
    let bottom = TOP + ROW * bars.len() as f64;
    let height = bottom + AXIS;
    let hatch = format!("hatch-{id}");
    let grid = scale
        .ticks
        .iter()
        .map(|v| {
            let at = format!("{:.1}", x(*v));
            view! {
                <line class="grid" x1=at.clone() y1=TOP - 4.0 x2=at.clone() y2=bottom></line>
                <text class="axis-label" x=at y=bottom + 14.0 text-anchor="middle">{tick_text(*v)}</text>
            }
        })
        .collect_view();
    let rows = bars
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let y = TOP + ROW * i as f64 + (ROW - BAR) / 2.0;
            let behind = b.behind.filter(|v| *v > 0.0).map(|v| {
                view! { <rect class="bar-behind" x=LABEL_W y=y width=format!("{:.1}", x(v) - LABEL_W) height=BAR></rect> }
            });
            let (main, end) = match b.amount {
                Amount::Value(v) => {
                    let end = x(v.max(0.0));
                    (
                        view! { <rect class=format!("bar {}", b.class) x=LABEL_W y=y width=format!("{:.1}", end - LABEL_W) height=BAR></rect> }.into_any(),
                        end,
                    )
                }
                Amount::Few => {
                    let end = x(Amount::Few.reach());
                    (
                        view! { <rect class="bar few" x=LABEL_W y=y width=format!("{:.1}", end - LABEL_W) height=BAR fill=format!("url(#{hatch})")></rect> }.into_any(),
                        end,
                    )
                }
                Amount::Missing => (().into_any(), LABEL_W),
            };
            let end = end.max(b.behind.map_or(LABEL_W, x));
            let row_target = target.as_ref().filter(|t| t.0 == i).map(|(_, v, text)| (x(*v), text.clone()));
            let end = row_target.as_ref().map_or(end, |(at, _)| end.max(*at));
            let target_line = row_target.map(|(at, text)| view! {
                <line class="target-line" data-testid="target-line" x1=format!("{at:.1}") y1=y - 4.0 x2=format!("{at:.1}") y2=y + BAR + 4.0>
                    <title>{text}</title>
                </line>
            });
            view! {
                <g class="bar-row">
                    <title>{format!("{}: {}", b.label, b.text)}</title>
                    <text class="bar-label" x=LABEL_W - 8.0 y=y + BAR / 2.0 + 4.0 text-anchor="end">{shorten(&b.label, 28)}</text>
                    {behind}
                    {main}
                    {target_line}
                    <text class="bar-value" x=format!("{:.1}", end + 5.0) y=y + BAR / 2.0 + 4.0>{b.text.clone()}</text>
                </g>
            }
        })
        .collect_view();
    let aria = label.clone();
    view! {
        <svg class="bar-chart" viewBox=format!("0 0 {W} {height}") role="img" aria-label=aria>
            <title>{label}</title>
            <Hatch id=hatch.clone()/>
            {grid}
            <line class="axis" x1=LABEL_W y1=TOP - 4.0 x2=LABEL_W y2=bottom></line>
            {rows}
        </svg>
    }
}
