//! The programme report's charts, each with its figures as a table: the ladder as
//! a funnel against the target, throughput per month, exits by outcome, and days
//! in each step. Plain functions, called where the language is tracked, so a
//! language switch redraws them.

use crate::components::{
    Amount, Bar, BarChart, ChartFigure, Column, ColumnChart, Legend, TableData,
};
use crate::format;
use crate::i18n::I18n;
use chrono::{Datelike, Months, NaiveDate};
use leptos::prelude::*;
use stige_domain::small_cells::ShownCount;
use stige_wire::{ProgrammeReport, StepFigures};

/// The steps, lowest first.
pub fn steps_in_order(r: &ProgrammeReport) -> Vec<StepFigures> {
    let mut steps = r.steps.clone().unwrap_or_default();
    steps.sort_by_key(|s| s.position);
    steps
}

/// An optional figure as text: "–" when it is not shown.
pub fn opt(i: I18n, v: Option<f64>, digits: usize) -> String {
    v.map(|v| format::decimal(i, v, digits))
        .unwrap_or_else(|| "–".to_owned())
}

/// The ladder as a funnel: people who reached each step in the period, lowest
/// step at the top, and at the bottom those who went on to work or education,
/// against the target for the period.
pub fn funnel(i: I18n, r: &ProgrammeReport) -> AnyView {
    let steps = steps_in_order(r);
    let through = r.throughput.as_ref().map(|t| t.through);
    let target_for_period = r.throughput.as_ref().and_then(|t| t.target_for_period);
    let mut bars: Vec<Bar> = steps
        .iter()
        .map(|s| Bar {
            label: s.name.clone(),
            amount: Amount::count(s.reached),
            behind: None,
            text: format::shown(s.reached),
            class: "",
        })
        .collect();
    // The target is for the outcome, so its line crosses only the outcome's row.
    let target_text =
        |t: f64| i.t_with("report-target-at", &[("target", format::decimal(i, t, 0))]);
    let mut target = None;
    if let Some(through) = through {
        let text = match target_for_period {
            Some(t) => {
                target = Some((bars.len(), t, target_text(t)));
                format!("{} · {}", format::shown(through), target_text(t))
            }
            None => format::shown(through),
        };
        bars.push(Bar {
            label: i.t("report-work-or-education"),
            amount: Amount::count(through),
            behind: None,
            text,
            class: "through",
        });
    }
    let mut rows: Vec<Vec<String>> = steps
        .iter()
        .map(|s| vec![s.name.clone(), format::shown(s.reached)])
        .collect();
    if let Some(through) = through {
        rows.push(vec![
            i.t("report-work-or-education"),
            format::shown(through),
        ]);
    }
    if let Some(t) = target_for_period {
        rows.push(vec![
            i.t("report-target-for-period"),
            format::decimal(i, t, 0),
        ]);
    }
    let table = TableData {
        head: vec![i.t("step"), i.t("report-reached")],
        rows,
    };
    let no_target = r
        .throughput
        .as_ref()
        .is_some_and(|t| t.annual_target.is_none())
        .then(|| view! { <p class="muted">{i.t("report-no-target")}</p> });
    view! {
        <ChartFigure title=i.t("report-funnel") testid="chart-funnel" table=table>
            <BarChart label=i.t("report-funnel-label") bars=bars id="funnel" target=target/>
            {no_target}
        </ChartFigure>
    }
    .into_any()
}

fn month_start(month: &str) -> Option<NaiveDate> {
    let (y, m) = month.split_once('-')?;
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, 1)
}

/// The target for the period, pro-rated to the end of each month (cumulative).
fn pro_rated(r: &ProgrammeReport, target: f64) -> Vec<f64> {
    let (from, to) = (r.period.from, r.period.to);
    let total = ((to - from).num_days() + 1).max(1) as f64;
    r.per_month
        .iter()
        .flatten()
        .map(|m| {
            let end = month_start(&m.month)
                .and_then(|d| d.checked_add_months(Months::new(1)))
                .and_then(|d| d.pred_opt())
                .map_or(to, |d| d.min(to));
            let days = ((end - from).num_days() + 1).max(0) as f64;
            target * days / total
        })
        .collect()
}

/// Throughput per month: starts and exits to work or education, the running total
/// of the latter and the target pro-rated over the period.
pub fn months(i: I18n, r: &ProgrammeReport) -> AnyView {
    let exact = |c: Option<ShownCount>| match c {
        Some(ShownCount::Number(n)) => Some(n as f64),
        _ => None,
    };
    let per_month = r.per_month.clone().unwrap_or_default();
    // A running total cannot be drawn through a "<5", nor without the outcome.
    let cumulative: Option<Vec<f64>> = per_month
        .iter()
        .map(|m| exact(m.work_or_education))
        .collect::<Option<Vec<f64>>>()
        .map(|v| {
            v.iter()
                .scan(0.0, |sum, x| {
                    *sum += x;
                    Some(*sum)
                })
                .collect()
        });
    let target = r
        .throughput
        .as_ref()
        .and_then(|t| t.target_for_period)
        .map(|t| pro_rated(r, t));
    let columns: Vec<Column> = per_month
        .iter()
        .enumerate()
        .map(|(n, m)| {
            let start = month_start(&m.month);
            Column {
                label: start.map_or_else(|| m.month.clone(), |d| format!("{:02}", d.month())),
                sub: start
                    .filter(|d| n == 0 || d.month() == 1)
                    .map(|d| d.year().to_string()),
                main: Amount::maybe(m.work_or_education),
                second: Amount::maybe(m.starts),
                title: format!(
                    "{}: {} {}, {} {}",
                    m.month,
                    i.t("report-starts"),
                    format::shown_opt(m.starts),
                    i.t("report-work-or-education"),
                    format::shown_opt(m.work_or_education)
                ),
            }
        })
        .collect();
    let rows = per_month
        .iter()
        .enumerate()
        .map(|(n, m)| {
            vec![
                m.month.clone(),
                format::shown_opt(m.starts),
                format::shown_opt(m.exits),
                format::shown_opt(m.work_or_education),
                cumulative
                    .as_ref()
                    .and_then(|c| c.get(n))
                    .map_or_else(|| "–".to_owned(), |v| format::decimal(i, *v, 0)),
                target
                    .as_ref()
                    .and_then(|t| t.get(n))
                    .map_or_else(|| "–".to_owned(), |v| format::decimal(i, v.round(), 0)),
            ]
        })
        .collect();
    let table = TableData {
        head: vec![
            i.t("report-month"),
            i.t("report-starts"),
            i.t("report-exits-count"),
            i.t("report-work-or-education"),
            i.t("report-cumulative"),
            i.t("report-target-cumulative"),
        ],
        rows,
    };
    let mut legend = vec![
        ("second", i.t("report-starts")),
        ("main", i.t("report-work-or-education")),
    ];
    if cumulative.is_some() {
        legend.push(("line", i.t("report-cumulative")));
    }
    if target.is_some() {
        legend.push(("target", i.t("report-target-cumulative")));
    }
    let hidden = (cumulative.is_none() && !per_month.is_empty())
        .then(|| view! { <p class="muted">{i.t("report-cumulative-hidden")}</p> });
    view! {
        <ChartFigure title=i.t("report-per-month") testid="chart-months" table=table>
            <ColumnChart label=i.t("report-per-month-label") columns=columns id="months" line=cumulative target=target/>
            <Legend items=legend/>
            {hidden}
        </ChartFigure>
    }
    .into_any()
}

/// Exits in the period by outcome; work and education stand out.
pub fn outcomes(i: I18n, r: &ProgrammeReport) -> AnyView {
    let exits = r.exits_by_outcome.clone().unwrap_or_default();
    if exits.iter().all(|o| o.count == ShownCount::Number(0)) {
        return view! { <p class="muted" data-testid="chart-outcomes">{i.t("report-no-exits")}</p> }
            .into_any();
    }
    let bars = exits
        .iter()
        .map(|o| Bar {
            label: format::outcome(i, o.outcome),
            amount: Amount::count(o.count),
            behind: None,
            text: format::shown(o.count),
            class: if o.outcome.is_work_or_education() {
                "through"
            } else {
                ""
            },
        })
        .collect();
    let table = TableData {
        head: vec![i.t("outcome"), i.t("report-exits-count")],
        rows: exits
            .iter()
            .map(|o| vec![format::outcome(i, o.outcome), format::shown(o.count)])
            .collect(),
    };
    view! {
        <ChartFigure title=i.t("report-exits") testid="chart-outcomes" table=table>
            <BarChart label=i.t("report-outcomes-label") bars=bars id="outcomes"/>
        </ChartFigure>
    }
    .into_any()
}

/// Active days in each step, over the stays that ended in the period: the median,
/// and the 75th percentile as a lighter bar behind it.
pub fn days(i: I18n, r: &ProgrammeReport) -> AnyView {
    let steps = steps_in_order(r);
    let bars = steps
        .iter()
        .map(|s| Bar {
            label: s.name.clone(),
            amount: Amount::opt(s.median_days),
            behind: s.p75_days,
            text: match (s.median_days, s.p75_days) {
                (Some(m), Some(p)) => format!("{} / {}", opt(i, Some(m), 0), opt(i, Some(p), 0)),
                (Some(m), None) => opt(i, Some(m), 0),
                _ => "–".to_owned(),
            },
            class: "",
        })
        .collect();
    let table = TableData {
        head: vec![
            i.t("step"),
            i.t("report-finished-stays"),
            i.t("report-median-days"),
            i.t("report-p75-days"),
        ],
        rows: steps
            .iter()
            .map(|s| {
                vec![
                    s.name.clone(),
                    format::shown(s.finished_stays),
                    opt(i, s.median_days, 0),
                    opt(i, s.p75_days, 0),
                ]
            })
            .collect(),
    };
    let legend = vec![
        ("main", i.t("report-median-days")),
        ("behind", i.t("report-p75-days")),
    ];
    view! {
        <ChartFigure title=i.t("report-days") testid="chart-days" table=table>
            <BarChart label=i.t("report-days-label") bars=bars id="days"/>
            <Legend items=legend/>
        </ChartFigure>
    }
    .into_any()
}
