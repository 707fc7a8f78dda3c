//! Reports for the steering group and partners: a ladder's figures for a period,
//! optionally for one cooperation agreement, as key figures, charts with their
//! tables, and tables; each table downloads as CSV, and the page prints as a
//! handout. The filters live in the URL, so a report can be bookmarked.

use super::report_charts;
use super::report_tables::{self, ReportSection, ResearchButton};
use crate::components::{ErrorBanner, Loading};
use crate::download;
use crate::format;
use crate::i18n::{I18n, t, use_i18n};
use crate::programme::use_current_programme;
use crate::session::use_session;
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use stige_domain::Capability;
use stige_domain::report::Period;
use stige_domain::small_cells::Disclosure;
use stige_wire::{Agreement, LadderSummary, ProgrammeReport, ReportQuery, ReportTable};

pub(super) fn year_start(year: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, 1, 1)
}

/// A date as an `<input type="month">` value, `YYYY-MM`.
pub(super) fn month_value(date: NaiveDate) -> String {
    date.format("%Y-%m").to_string()
}

/// The first day of an `<input type="month">` value.
pub(super) fn parse_month(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(&format!("{}-01", value.trim()), "%Y-%m-%d").ok()
}

/// The page's address for a report: `/reports?ladder=…&from=…&to=…[&agreement=…]`.
fn path(q: &ReportQuery) -> String {
    let mut parts = vec![];
    if let Some(l) = q.ladder {
        parts.push(format!("ladder={l}"));
    }
    if let Some(d) = q.from {
        parts.push(format!("from={d}"));
    }
    if let Some(d) = q.to {
        parts.push(format!("to={d}"));
    }
    if let Some(a) = q.agreement {
        parts.push(format!("agreement={a}"));
    }
    if q.as_partner == Some(true) {
        parts.push("as_partner=true".to_owned());
    }
    format!("/reports?{}", parts.join("&"))
}

#[component]
pub fn ReportsPage() -> impl IntoView {
    let session = use_session();
    let ladders = LocalResource::new(move || async move { session.ladders().await });
    // Only admins and coordinators may list agreements; others report per ladder.
    let agreements = LocalResource::new(move || {
        let may = session.can(Capability::ReadPartners);
        async move {
            if may {
                session
                    .call(|c| async move { c.agreements().await })
                    .await
                    .unwrap_or_default()
            } else {
                vec![]
            }
        }
    });
    let body = move || {
        ladders.get().map(|r| match r {
            Err(f) => {
                view! { <ErrorBanner error=Signal::derive(move || Some(f.clone()))/> }.into_any()
            }
            Ok(list) if list.is_empty() => {
                view! { <p class="muted">{t("report-no-ladders")}</p> }.into_any()
            }
            Ok(list) => {
                // Several programmes: their figures together, one click away.
                let whole = (list.len() > 1).then(|| {
                    view! {
                        <p class="no-print"><A href="/reports/organisation" attr:data-testid="report-whole-organisation">{t("report-whole-organisation")}</A></p>
                    }
                });
                view! { {whole} <Report ladders=list agreements=agreements/> }.into_any()
            }
        })
    };
    view! {
        <div class="report-page">
            <h1 data-testid="reports-title">{t("reports-title")}</h1>
            <Transition fallback=|| view! { <Loading/> }>{body}</Transition>
        </div>
    }
}

#[component]
fn Report(ladders: Vec<LadderSummary>, agreements: LocalResource<Vec<Agreement>>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let params = use_query_map();
    let navigate = StoredValue::new_local(use_navigate());
    let first = ladders.first().map(|l| l.id.0);
    let known: Vec<i64> = ladders.iter().map(|l| l.id.0).collect();
    // Without a ladder in the address: the programme chosen in the header, else the first.
    let programme = use_current_programme();
    let default_ladder = move || {
        programme
            .get()
            .map(|l| l.0)
            .filter(|l| known.contains(l))
            .or(first)
    };
    let today = format::today();
    // Everyone but admins and coordinators sees figures under disclosure
    // control and picks whole calendar months.
    let controlled = !session.can(Capability::SeeExactFigures);
    let this_year_to = if controlled {
        Period::month_end(today)
    } else {
        today
    };
    let query = Memo::new(move |_| {
        params.with(|p| {
            let number = |k: &str| p.get_str(k).and_then(|v| v.parse::<i64>().ok());
            let date = |k: &str| p.get_str(k).and_then(format::parse_date);
            let agreement = number("agreement");
            ReportQuery {
                ladder: number("ladder").or_else(&default_ladder),
                from: date("from").or_else(|| year_start(today.year())),
                to: date("to").or(Some(this_year_to)),
                agreement,
                as_partner: (agreement.is_some() && p.get_str("as_partner") == Some("true"))
                    .then_some(true),
            }
        })
    });
    let go = move |change: &dyn Fn(&mut ReportQuery)| {
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
                    async move { c.programme_report(&q).await }
                })
                .await
        }
    });
    let ladder_options = ladders
        .iter()
        .map(|l| {
            let id = l.id.0;
            view! { <option value=id.to_string() selected=move || query.get().ladder == Some(id)>{l.name.clone()}</option> }
        })
        .collect_view();
    let agreement_options = move || {
        let ladder = query.get().ladder;
        let chosen = query.get().agreement;
        agreements
            .get()
            .unwrap_or_default()
            .into_iter()
            .filter(|a| Some(a.ladder.id.0) == ladder)
            .map(|a| view! { <option value=a.id.to_string() selected=chosen == Some(a.id)>{a.partner.name.clone()}</option> })
            .collect_view()
    };
    let has_agreements = move || !agreements.get().unwrap_or_default().is_empty();
    let year = today.year();
    let body = move || {
        // Read here so a language switch redraws the charts.
        let _ = i18n.lang();
        report.get().map(|r| match r {
            Err(f) => {
                view! { <ErrorBanner error=Signal::derive(move || Some(f.clone()))/> }.into_any()
            }
            Ok(r) => view! { <Figures i18n=i18n report=r query=query/> }.into_any(),
        })
    };
    view! {
        <form class="filters report-filters no-print" data-testid="report-filters" on:submit=|ev| ev.prevent_default()>
            <label>{t("ladder")}
                <select data-testid="report-ladder" on:change=move |ev| {
                    let v = event_target_value(&ev).parse().ok();
                    go(&|q| { q.ladder = v; q.agreement = None; });
                }>{ladder_options}</select>
            </label>
            {if controlled {
                view! {
                    <label>{t("report-from")}
                        <input type="month" data-testid="report-from" prop:value=move || query.get().from.map(month_value).unwrap_or_default()
                            on:change=move |ev| { let d = parse_month(&event_target_value(&ev)); go(&|q| q.from = d); }/>
                    </label>
                    <label>{t("report-to")}
                        <input type="month" data-testid="report-to" prop:value=move || query.get().to.map(month_value).unwrap_or_default()
                            on:change=move |ev| { let d = parse_month(&event_target_value(&ev)).map(Period::month_end); go(&|q| q.to = d); }/>
                    </label>
                    <p class="muted hint">{t("report-whole-months")}</p>
                }.into_any()
            } else {
                view! {
                    <label>{t("report-from")}
                        <input type="date" data-testid="report-from" prop:value=move || query.get().from.map(|d| d.to_string()).unwrap_or_default()
                            on:change=move |ev| { let d = format::parse_date(&event_target_value(&ev)); go(&|q| q.from = d); }/>
                    </label>
                    <label>{t("report-to")}
                        <input type="date" data-testid="report-to" prop:value=move || query.get().to.map(|d| d.to_string()).unwrap_or_default()
                            on:change=move |ev| { let d = format::parse_date(&event_target_value(&ev)); go(&|q| q.to = d); }/>
                    </label>
                }.into_any()
            }}
            <Show when=has_agreements>
                <label>{t("report-agreement")}
                    <select data-testid="report-agreement" on:change=move |ev| {
                        let v = event_target_value(&ev).parse().ok();
                        go(&|q| { q.agreement = v; if v.is_none() { q.as_partner = None; } });
                    }>
                        <option value="" selected=move || query.get().agreement.is_none()>{t("all")}</option>
                        {agreement_options}
                    </select>
                </label>
            </Show>
            <Show when=move || has_agreements() && query.get().agreement.is_some()>
                <label class="checkbox" title=t("report-as-partner-help")>
                    <input type="checkbox" data-testid="report-as-partner"
                        prop:checked=move || query.get().as_partner == Some(true)
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            // The partner asks for whole months: the period
                            // widens to the months it touches.
                            go(&|q| {
                                q.as_partner = on.then_some(true);
                                if on {
                                    q.from = q.from.and_then(|d| d.with_day(1));
                                    q.to = q.to.map(Period::month_end);
                                }
                            });
                        }/>
                    {t("report-as-partner")}
                </label>
            </Show>
            <div class="quick">
                <button type="button" class="secondary" data-testid="report-this-year" on:click=move |_| go(&|q| {
                    q.from = year_start(year);
                    q.to = Some(this_year_to);
                })>{t("report-this-year")}</button>
                <button type="button" class="secondary" data-testid="report-last-year" on:click=move |_| go(&|q| {
                    q.from = year_start(year - 1);
                    q.to = NaiveDate::from_ymd_opt(year - 1, 12, 31);
                })>{t("report-last-year")}</button>
            </div>
        </form>
        <div class="report-actions no-print">
            <button type="button" data-testid="report-print" on:click=move |_| download::print()>{t("report-print")}</button>
            <Show when=move || session.can(Capability::TakeResearchExtract)>
                <ResearchButton query=query/>
            </Show>
        </div>
        <Transition fallback=|| view! { <Loading/> }>{body}</Transition>
    }
}

/// Everything below the filters, for one loaded report. A section the report
/// lacks (not shared with the partner, seen as the partner sees it) is left
/// out.
#[component]
fn Figures(i18n: I18n, report: ProgrammeReport, query: Memo<ReportQuery>) -> impl IntoView {
    let i = i18n;
    let r = report;
    let partner = r.agreement_id.and_then(|a| {
        r.place_usage
            .iter()
            .flatten()
            .find(|p| p.agreement_id == a)
            .map(|p| p.partner_name.clone())
    });
    let as_partner = query.get_untracked().as_partner == Some(true);
    let subtitle = [
        Some(r.ladder_name.clone()),
        Some(format::period(i, r.period.from, Some(r.period.to))),
        partner,
        as_partner.then(|| i.t("report-as-partner")),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    let printed = i.t_with(
        "report-printed",
        &[("date", format::date(i, format::today()))],
    );
    let verdict = verdict(i, &r);
    let small = (r.disclosure == Disclosure::Controlled).then(|| {
        view! { <p class="muted" data-testid="report-suppressed">{i.t("report-small-cells")} " " {i.t("report-suppressed-figures")}</p> }
    });
    let partner_note = as_partner.then(|| {
        view! { <p class="muted" data-testid="report-as-partner-note">{i.t("report-as-partner-help")}</p> }
    });
    let key = key_figures(i, &r);
    let has_steps = r.steps.is_some();
    // (heading, test id, CSV table, content): each section the report holds.
    let sections: Vec<(&str, &'static str, ReportTable, Option<AnyView>)> = vec![
        (
            "report-funnel",
            "section-funnel",
            ReportTable::Steps,
            has_steps.then(|| report_charts::funnel(i, &r)),
        ),
        (
            "report-per-month",
            "section-months",
            ReportTable::Months,
            r.per_month.is_some().then(|| report_charts::months(i, &r)),
        ),
        (
            "report-exits",
            "section-outcomes",
            ReportTable::Outcomes,
            r.exits_by_outcome
                .is_some()
                .then(|| report_charts::outcomes(i, &r)),
        ),
        (
            "before-after-title",
            "section-before-after",
            ReportTable::BeforeAfter,
            r.before_after
                .is_some()
                .then(|| report_tables::before_after(i, &r)),
        ),
        (
            "report-days",
            "section-days",
            ReportTable::Steps,
            has_steps.then(|| report_charts::days(i, &r)),
        ),
        (
            "report-per-step",
            "section-steps",
            ReportTable::Steps,
            has_steps.then(|| report_tables::steps(i, &r)),
        ),
        (
            "report-attendance",
            "section-attendance",
            ReportTable::Attendance,
            r.attendance
                .is_some()
                .then(|| report_tables::attendance(i, &r)),
        ),
        (
            "report-places",
            "section-places",
            ReportTable::Places,
            r.place_usage
                .is_some()
                .then(|| report_tables::places(i, &r)),
        ),
        (
            "report-activities",
            "section-activities",
            ReportTable::Activities,
            r.activities
                .is_some()
                .then(|| report_tables::activities(i, &r)),
        ),
        (
            "report-peers",
            "section-peers",
            ReportTable::Peers,
            r.peers.is_some().then(|| report_tables::peers(i, &r)),
        ),
        (
            "report-capacity",
            "section-work-capacity",
            ReportTable::WorkCapacity,
            r.work_capacity
                .is_some()
                .then(|| report_tables::work_capacity(i, &r)),
        ),
    ];
    let sections = sections
        .into_iter()
        .filter_map(|(title, testid, table, content)| {
            content.map(|content| {
                view! {
                    <ReportSection title=i.t(title) testid=testid query=query table=table>
                        {content}
                    </ReportSection>
                }
            })
        })
        .collect_view();
    view! {
        {verdict.map(|(class, text)| view! { <p class=format!("report-verdict {class}") data-testid="report-verdict">{text}</p> })}
        <p class="report-subtitle" data-testid="report-subtitle">{subtitle}</p>
        <p class="print-only muted">{printed}</p>
        {small}
        {partner_note}
        <ReportSection title=i.t("report-key-figures") testid="key-figures" query=query table=ReportTable::Summary>
            {key}
        </ReportSection>
        {sections}
    }
}

/// The report's first line: whether the period is on target, in words (the class
/// says which, for the eye; the words say it for everyone). None when the
/// throughput is not shared or no target is set.
pub(super) fn verdict(i: I18n, r: &ProgrammeReport) -> Option<(&'static str, String)> {
    use stige_domain::small_cells::ShownCount;
    let t = r.throughput.as_ref()?;
    let target = t.target_for_period?;
    let args = |through: String| {
        [
            ("through", through),
            ("target", format::decimal(i, target, 0)),
        ]
    };
    Some(match t.through {
        ShownCount::Number(n) if n as f64 >= target => (
            "on-target",
            i.t_with("report-verdict-on", &args(n.to_string())),
        ),
        ShownCount::Number(n) => (
            "behind-target",
            i.t_with("report-verdict-behind", &args(n.to_string())),
        ),
        // "<5" is at most 4: behind a target of 5 or more, unknown below.
        ShownCount::Suppressed(_) if target > 4.0 => (
            "behind-target",
            i.t_with("report-verdict-behind", &args(format::shown(t.through))),
        ),
        ShownCount::Suppressed(_) => (
            "",
            i.t_with("report-verdict-few", &args(format::shown(t.through))),
        ),
    })
}

/// One key figure: a label, the figure, and a line under it.
fn figure(
    testid: &'static str,
    label: String,
    value: String,
    note: Option<String>,
) -> impl IntoView + use<> {
    view! {
        <div class="key-figure" data-testid=testid>
            <dt>{label}</dt>
            <dd class="figure">{value}</dd>
            {note.map(|n| view! { <dd class="muted">{n}</dd> })}
        </div>
    }
}

pub(super) fn key_figures(i: I18n, r: &ProgrammeReport) -> impl IntoView + use<> {
    // What an absent figure means: too few people (controlled audiences), or
    // no data at all.
    let absent = || {
        if r.disclosure == Disclosure::Controlled {
            i.t("too-few-to-show")
        } else {
            i.t("report-no-data")
        }
    };
    let share = r
        .work_or_education_share
        .map(|s| i.t_with("report-share-of-exits", &[("share", format::percent(i, s))]))
        .unwrap_or_else(absent);
    let against_target =
        |t: &stige_domain::report::figures::Throughput, testid: &'static str, label: String| {
            let (through, through_note) = match t.target_for_period {
                Some(target) => (
                    format!(
                        "{} / {}",
                        format::shown(t.through),
                        format::decimal(i, target, 0)
                    ),
                    Some(
                        t.share_of_target
                            .map(|s| {
                                i.t_with(
                                    "report-share-of-target",
                                    &[("share", format::percent(i, s))],
                                )
                            })
                            .unwrap_or_else(absent),
                    ),
                ),
                None => (format::shown(t.through), Some(i.t("report-no-target"))),
            };
            let annual = t.annual_target.map(|a| {
                let days = (r.period.to - r.period.from).num_days() + 1;
                i.t_with(
                    "report-target-rounded",
                    &[("annual", a.to_string()), ("days", days.to_string())],
                )
            });
            figure(
                testid,
                label,
                through,
                [through_note, annual]
                    .into_iter()
                    .flatten()
                    .reduce(|a, b| format!("{a} · {b}")),
            )
        };
    let throughput = (r.throughput.as_ref())
        .map(|t| against_target(t, "kf-throughput", i.t("report-throughput")));
    let planned_exits = (r.planned_exits.as_ref())
        .map(|t| against_target(t, "kf-planned-exits", i.t("report-planned-exits")));
    let goal_change = r.goal_scores.as_ref().map(|g| {
        let goals = i.t_with("report-goals-scored", &[("goals", format::shown(g.goals))]);
        let note = if g.average_change.is_some() {
            goals
        } else {
            format!("{} · {goals}", absent())
        };
        figure(
            "kf-goal-change",
            i.t("report-goal-change"),
            report_tables::goal_change(i, r),
            Some(note),
        )
    });
    view! {
        <dl class="key-figures">
            {r.starts.map(|c| figure("kf-starts", i.t("report-starts"), format::shown(c), None))}
            {r.exits.map(|c| figure("kf-exits", i.t("report-exits-count"), format::shown(c), None))}
            {r.work_or_education.map(|c| figure("kf-work-or-education", i.t("report-work-or-education"), format::shown(c), Some(share)))}
            {throughput}
            {planned_exits}
            {goal_change}
        </dl>
    }
}
