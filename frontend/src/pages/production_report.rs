//! The month's production report for the steering group: per workplace what
//! was made and sold and the participant hours behind it, the work at no
//! workplace, the totals, and the trend of the twelve months up to it as a
//! chart of sales with the table of every figure; downloadable as CSV.

use super::production_shared::{money, unit_word};
use crate::components::{
    Amount, ChartFigure, Column, ColumnChart, DataTable, ErrorBanner, Legend, Loading, TableData,
};
use crate::download::save_text;
use crate::format;
use crate::i18n::{I18n, t, use_i18n};
use crate::session::{Failure, use_session};
use leptos::prelude::*;
use stige_domain::LadderId;
use stige_wire::{ProductionReport, ProductionReportQuery, WorkFigures};

fn hours(i: I18n, w: &WorkFigures) -> String {
    w.hours
        .map_or_else(|| "–".to_owned(), |h| format::decimal(i, h, 1))
}

#[component]
pub fn ProductionReportCard(ladder: LadderId, month: String, changes: u32) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let report = RwSignal::new(None::<ProductionReport>);
    let error = RwSignal::new(None::<Failure>);
    let busy = RwSignal::new(false);
    let _ = changes;
    let query = ProductionReportQuery {
        ladder: Some(ladder.0),
        month: Some(month.clone()),
    };
    {
        let query = query.clone();
        leptos::task::spawn_local(async move {
            let r = session
                .call(move |c| {
                    let query = query.clone();
                    async move { c.production_report(&query).await }
                })
                .await;
            match r {
                Ok(found) => report.set(Some(found)),
                Err(f) => error.set(Some(f)),
            }
        });
    }
    let download = move |_| {
        let query = query.clone();
        busy.set(true);
        leptos::task::spawn_local(async move {
            let q = query.clone();
            let r = session
                .call(move |c| {
                    let q = q.clone();
                    async move { c.production_report_csv(&q).await }
                })
                .await;
            busy.set(false);
            match r {
                Ok(text) => {
                    let name = format!(
                        "stige-production-{}.csv",
                        query.month.clone().unwrap_or_default()
                    );
                    let body = format!("\u{feff}{text}");
                    if save_text(&name, "text/csv;charset=utf-8", &body).is_err() {
                        error.set(Some(Failure {
                            status: Some(0),
                            problem: None,
                        }));
                    }
                }
                Err(f) => error.set(Some(f)),
            }
        });
    };
    let content = move || {
        report.get().map_or_else(
            || view! { <Loading/> }.into_any(),
            |r| view_of(i18n, &r).into_any(),
        )
    };
    view! {
        <section class="card" data-testid="production-report">
            <h2>{t("production-report")}</h2>
            <button type="button" class="secondary" on:click=download disabled=move || busy.get() data-testid="production-csv">
                {t("production-report-csv")}
            </button>
            {move || error.get().is_none().then(content)}
            <ErrorBanner error=error.into()/>
        </section>
    }
}

fn view_of(i: I18n, r: &ProductionReport) -> impl IntoView {
    let currency = r.currency;
    let mut rows: Vec<Vec<String>> = r
        .workplaces
        .iter()
        .map(|w| {
            vec![
                w.name.clone(),
                format!("{} {}", w.output.units, unit_word(i, w.output_unit)),
                w.output.orders.to_string(),
                w.output.customers.to_string(),
                money(i, w.output.sales, currency),
                hours(i, &w.work),
                format::shown(w.work.people),
            ]
        })
        .collect();
    let dash = || "–".to_owned();
    rows.push(vec![
        i.t("production-other-work"),
        dash(),
        dash(),
        dash(),
        dash(),
        hours(i, &r.other_work),
        format::shown(r.other_work.people),
    ]);
    let tot = &r.totals;
    let made = [
        (tot.items > 0).then(|| format!("{} {}", tot.items, i.t("output-items"))),
        (tot.portions > 0).then(|| format!("{} {}", tot.portions, i.t("output-portions"))),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    rows.push(vec![
        i.t("production-total"),
        if made.is_empty() { dash() } else { made },
        tot.orders.to_string(),
        tot.customers.to_string(),
        money(i, tot.sales, currency),
        hours(i, &tot.work),
        format::shown(tot.work.people),
    ]);
    let month_table = TableData {
        head: vec![
            i.t("production-workplace"),
            i.t("production-units"),
            i.t("production-orders"),
            i.t("production-customers"),
            i.t("production-sales"),
            i.t("production-hours"),
            i.t("production-people"),
        ],
        rows,
    };
    let columns: Vec<Column> = r
        .trend
        .iter()
        .map(|m| {
            let (year, month) = m.month.split_once('-').unwrap_or((&m.month, ""));
            Column {
                label: month.to_owned(),
                sub: Some(year.to_owned()),
                main: Amount::Value(m.totals.sales),
                second: Amount::Missing,
                title: format!(
                    "{}: {} · {} {}",
                    m.month,
                    money(i, m.totals.sales, currency),
                    hours(i, &m.totals.work),
                    i.t("production-hours-short")
                ),
            }
        })
        .collect();
    let trend_table = TableData {
        head: vec![
            i.t("report-month"),
            i.t("output-items"),
            i.t("output-portions"),
            i.t("production-orders"),
            i.t("production-customers"),
            i.t("production-sales"),
            i.t("production-hours"),
            i.t("production-people"),
        ],
        rows: r
            .trend
            .iter()
            .map(|m| {
                vec![
                    m.month.clone(),
                    m.totals.items.to_string(),
                    m.totals.portions.to_string(),
                    m.totals.orders.to_string(),
                    m.totals.customers.to_string(),
                    money(i, m.totals.sales, currency),
                    hours(i, &m.totals.work),
                    format::shown(m.totals.work.people),
                ]
            })
            .collect(),
    };
    let legend = vec![("main", i.t("production-sales"))];
    let controlled = r.disclosure.is_controlled().then(|| {
        view! { <p class="muted">{i.t("production-report-controlled")}</p> }
    });
    view! {
        <p class="muted">{i.t_with("production-report-help", &[("month", r.month.clone())])}</p>
        {controlled}
        <DataTable table=month_table testid="table-production"/>
        <ChartFigure title=i.t("production-trend") testid="chart-production-trend" table=trend_table>
            <ColumnChart label=i.t("production-trend") columns=columns id="production-trend"/>
            <Legend items=legend/>
        </ChartFigure>
    }
}
