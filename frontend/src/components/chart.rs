//! What the report charts share: amounts that may be suppressed or missing, a
//! scale with round ticks, the hatch pattern for "<5", a legend, and the figure
//! around a chart with its table alternative (in `<details>` on screen, always
//! shown in print).

use crate::i18n::t;
use leptos::prelude::*;
use stige_domain::small_cells::ShownCount;

/// A figure to draw: a value, "<5" (a small cell shown to viewers and partners),
/// or nothing to show.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Amount {
    Value(f64),
    Few,
    Missing,
}

impl Amount {
    pub fn count(c: ShownCount) -> Self {
        match c {
            ShownCount::Number(n) => Amount::Value(n as f64),
            ShownCount::Suppressed(_) => Amount::Few,
        }
    }

    /// A count that may be absent (a section not shared with a partner).
    pub fn maybe(c: Option<ShownCount>) -> Self {
        c.map_or(Amount::Missing, Amount::count)
    }

    pub fn opt(v: Option<f64>) -> Self {
        v.map_or(Amount::Missing, Amount::Value)
    }

    /// How far its bar reaches: "<5" as far as 4, the most it can be.
    pub fn reach(self) -> f64 {
        match self {
            Amount::Value(v) if v.is_finite() => v.max(0.0),
            Amount::Few => 4.0,
            _ => 0.0,
        }
    }
}

/// A scale from 0 to a round maximum (whole steps of 1, 2 or 5 × 10ⁿ).
#[derive(Debug, Clone, PartialEq)]
pub struct Scale {
    pub max: f64,
    pub ticks: Vec<f64>,
}

impl Scale {
    pub fn new(largest: f64) -> Self {
        let largest = if largest.is_finite() && largest > 0.0 {
            largest
        } else {
            1.0
        };
        let raw = largest / 4.0;
        let magnitude = 10f64.powf(raw.log10().floor());
        let step = [1.0, 2.0, 5.0, 10.0]
            .into_iter()
            .map(|m| m * magnitude)
            .find(|s| *s >= raw)
            .unwrap_or(magnitude * 10.0)
            .max(1.0);
        let n = (largest / step).ceil().max(1.0);
        let ticks = (0..=n as u32).map(|i| f64::from(i) * step).collect();
        Self {
            max: n * step,
            ticks,
        }
    }

    /// Where `v` falls along `length`, from 0.
    pub fn at(&self, v: f64, length: f64) -> f64 {
        length * (v / self.max).clamp(0.0, 1.0)
    }
}

/// A number for a chart's text: whole numbers without decimals.
pub fn tick_text(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// Shortens a label to `max` characters, with an ellipsis.
pub fn shorten(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        label.to_owned()
    } else {
        let mut s: String = label.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

/// The diagonal hatch that fills a "<5" bar; `id` must be unique on the page.
#[component]
pub fn Hatch(id: String) -> impl IntoView {
    view! {
        <defs>
            <pattern id=id width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                <line x1="0" y1="0" x2="0" y2="6" class="hatch-line"></line>
            </pattern>
        </defs>
    }
}

/// A chart's legend: (CSS class of the swatch, text).
#[component]
pub fn Legend(items: Vec<(&'static str, String)>) -> impl IntoView {
    view! {
        <ul class="legend" aria-hidden="true">
            {items
                .into_iter()
                .map(|(class, text)| view! { <li><span class=format!("swatch {class}")></span>{text}</li> })
                .collect_view()}
        </ul>
    }
}

/// A table: column heads and rows of text; the first column heads its row.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TableData {
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

#[component]
pub fn DataTable(table: TableData, #[prop(optional)] testid: &'static str) -> impl IntoView {
    let head = table
        .head
        .into_iter()
        .map(|h| view! { <th scope="col">{h}</th> })
        .collect_view();
    let rows = table
        .rows
        .into_iter()
        .map(|row| {
            let cells = row
                .into_iter()
                .enumerate()
                .map(|(i, c)| {
                    if i == 0 {
                        view! { <th scope="row">{c}</th> }.into_any()
                    } else {
                        view! { <td class="num">{c}</td> }.into_any()
                    }
                })
                .collect_view();
            view! { <tr>{cells}</tr> }
        })
        .collect_view();
    view! {
        <table class="table data-table" data-testid=testid>
            <thead><tr>{head}</tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// A chart with a title (for screen readers: the section around it shows it), and
/// its figures as a table: behind "Show as a table" on screen, printed under the
/// chart.
#[component]
pub fn ChartFigure(
    title: String,
    testid: &'static str,
    table: TableData,
    children: Children,
) -> impl IntoView {
    let printed = table.clone();
    view! {
        <figure class="chart" data-testid=testid>
            <figcaption class="sr-only">{title}</figcaption>
            {children()}
            <details class="table-alt no-print" data-testid=format!("{testid}-details")>
                <summary>{t("as-table")}</summary>
                <DataTable table=table testid="table-alternative"/>
            </details>
            <div class="print-only">
                <DataTable table=printed/>
            </div>
        </figure>
    }
}
