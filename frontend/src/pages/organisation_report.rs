//! The organisation's report: every programme for one period, with the
//! figures that add up across ladders (starts, exits and their outcomes,
//! throughput, months) counted once, and a row per programme that opens its
//! own report. For staff who hold a role in every programme; the period lives
//! in the URL like the programme report's.

use super::report_charts;
use super::reports::{key_figures, month_value, parse_month, verdict, year_start};
use crate::components::{ErrorBanner, Loading};
use crate::download;
use crate::format;
use crate::i18n::{I18n, t, use_i18n};
use crate::session::use_session;
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use stige_domain::Capability;
use stige_domain::LadderId;
use stige_domain::report::Period;
use stige_domain::small_cells::Disclosure;
use stige_wire::{OrganisationReport, OrganisationReportQuery, ProgrammeReport};

fn path(q: &OrganisationReportQuery) -> String {
    let mut parts = vec![];
    if let Some(d) = q.from {
        parts.push(format!("from={d}"));
    }
    if let Some(d) = q.to {
        parts.push(format!("to={d}"));
    }
    format!("/reports/organisation?{}", parts.join("&"))
}

/// The totals as a report of their own, so they show with the programme
/// report's key figures and charts; the sections of one ladder are absent.
fn totals_as_report(r: &OrganisationReport) -> ProgrammeReport {
    let totals = r.totals.clone();
    ProgrammeReport {
        activities: None,
        peers: None,
        work_capacity: None,
        period: r.period,
        ladder_id: LadderId(0),
        ladder_name: r.organisation_name.clone(),
        agreement_id: None,
        disclosure: r.disclosure,
        starts: Some(totals.starts),
        exits: Some(totals.exits),
        exits_by_outcome: Some(totals.exits_by_outcome),
        work_or_education: Some(totals.work_or_education),
        work_or_education_share: totals.work_or_education_share,
        throughput: Some(totals.throughput),
        planned_exits: Some(totals.planned_exits),
        before_after: None,
        per_month: Some(totals.per_month),
        steps: None,
        attendance: None,
        goal_scores: None,
        place_usage: None,
    }
}

#[component]
pub fn OrganisationReportPage() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let params = use_query_map();
    let navigate = StoredValue::new_local(use_navigate());
    let today = format::today();
    let controlled = !session.can(Capability::SeeExactFigures);
    let this_year_to = if controlled {
        Period::month_end(today)
    } else {
        today
    };
    let year = today.year();
    let query = Memo::new(move |_| {
        params.with(|p| {
            let date = |k: &str| p.get_str(k).and_then(format::parse_date);
            OrganisationReportQuery {
                from: date("from").or_else(|| year_start(year)),
                to: date("to").or(Some(this_year_to)),
            }
        })
    });
    let go = move |change: &dyn Fn(&mut OrganisationReportQuery)| {
        let mut q = query.get_untracked();
        change(&mut q);
        let options = NavigateOptions {
            replace: true,
            scroll: false,
            ..Default::default()
        };
        navigate.with_value(|n| n(&path(&q), options));
    };
    let report = LocalResource::new(move || {
        let q = query.get();
        async move {
            session
                .call(move |c| {
                    let q = q.clone();
                    async move { c.organisation_report(&q).await }
                })
                .await
        }
    });
    let (kind, value_of): (&'static str, fn(NaiveDate) -> String) = if controlled {
        ("month", month_value)
    } else {
        ("date", |d| d.to_string())
    };
    let parse = move |v: String, end: bool| -> Option<NaiveDate> {
        if controlled {
            let first = parse_month(&v);
            if end {
                first.map(Period::month_end)
            } else {
                first
            }
        } else {
            format::parse_date(&v)
        }
    };
    let body = move || {
        let _ = i18n.lang();
        report.get().map(|r| match r {
            Err(f) => {
                view! { <ErrorBanner error=Signal::derive(move || Some(f.clone()))/> }.into_any()
            }
            Ok(r) => view! { <Figures i18n=i18n report=r/> }.into_any(),
        })
    };
    view! {
        <div class="report-page">
            <h1 data-testid="organisation-report-title">{t("report-organisation")}</h1>
            <form class="filters report-filters no-print" on:submit=|ev| ev.prevent_default()>
                <label>{t("report-from")}
                    <input type=kind data-testid="report-from" prop:value=move || query.get().from.map(value_of).unwrap_or_default()
                        on:change=move |ev| { let d = parse(event_target_value(&ev), false); go(&|q| q.from = d); }/>
                </label>
                <label>{t("report-to")}
                    <input type=kind data-testid="report-to" prop:value=move || query.get().to.map(value_of).unwrap_or_default()
                        on:change=move |ev| { let d = parse(event_target_value(&ev), true); go(&|q| q.to = d); }/>
                </label>
                {controlled.then(|| view! { <p class="muted hint">{t("report-whole-months")}</p> })}
                <div class="quick">
                    <button type="button" class="secondary" on:click=move |_| go(&|q| {
                        q.from = year_start(year);
                        q.to = Some(this_year_to);
                    })>{t("report-this-year")}</button>
                    <button type="button" class="secondary" on:click=move |_| go(&|q| {
                        q.from = year_start(year - 1);
                        q.to = NaiveDate::from_ymd_opt(year - 1, 12, 31);
                    })>{t("report-last-year")}</button>
                </div>
            </form>
            <div class="report-actions no-print">
                <button type="button" on:click=move |_| download::print()>{t("report-print")}</button>
            </div>
            <Transition fallback=|| view! { <Loading/> }>{body}</Transition>
        </div>
    }
}

#[component]
fn Figures(i18n: I18n, report: OrganisationReport) -> impl IntoView {
    let i = i18n;
    let totals = totals_as_report(&report);
    let subtitle = format!(
        "{} · {}",
        report.organisation_name,
        format::period(i, report.period.from, Some(report.period.to))
    );
    let verdict = verdict(i, &totals).map(|(class, text)| {
        view! { <p class=format!("report-verdict {class}") data-testid="organisation-verdict">{text}</p> }
    });
    let small = (report.disclosure == Disclosure::Controlled).then(|| {
        view! { <p class="muted">{i.t("report-small-cells")} " " {i.t("report-suppressed-figures")}</p> }
    });
    let (from, to) = (report.period.from, report.period.to);
    let rows = report
        .programmes
        .into_iter()
        .map(|p| {
            let href = format!("/reports?ladder={}&from={from}&to={to}", p.ladder_id.0);
            let shown = |c: Option<stige_domain::small_cells::ShownCount>| {
                c.map(format::shown).unwrap_or_default()
            };
            let target = p
                .throughput
                .as_ref()
                .and_then(|t| t.share_of_target)
                .map(|s| format::percent(i, s))
                .unwrap_or_else(|| "–".to_owned());
            view! {
                <tr data-testid="organisation-programme">
                    <th scope="row"><A href=href>{p.ladder_name}</A></th>
                    <td class="num">{shown(p.starts)}</td>
                    <td class="num">{shown(p.exits)}</td>
                    <td class="num">{shown(p.work_or_education)}</td>
                    <td class="num">{target}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p class="report-subtitle" data-testid="organisation-report-subtitle">{subtitle}</p>
        {verdict}
        {small}
        <section class="card" data-testid="organisation-totals">
            <h2>{i.t("report-organisation-totals")}</h2>
            {key_figures(i, &totals)}
        </section>
        <section class="card">
            <h2>{i.t("report-programmes")}</h2>
            <table data-testid="organisation-programmes">
                <thead>
                    <tr>
                        <th scope="col">{i.t("ladder")}</th>
                        <th scope="col" class="num">{i.t("report-starts")}</th>
                        <th scope="col" class="num">{i.t("report-exits-count")}</th>
                        <th scope="col" class="num">{i.t("report-work-or-education")}</th>
                        <th scope="col" class="num">{i.t("report-throughput")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
        <section class="card">{report_charts::months(i, &totals)}</section>
        <section class="card">{report_charts::outcomes(i, &totals)}</section>
    }
}
