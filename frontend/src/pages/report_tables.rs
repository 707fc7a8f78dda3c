//! The programme report's tables without a chart (people and moves per step,
//! attendance per step and month, place usage per agreement), and the buttons that
//! download a table, or the research extract, as CSV.

use super::report_charts::{opt, steps_in_order};
use crate::components::{DataTable, ErrorBanner, TableData};
use crate::download::save_text;
use crate::format;
use crate::i18n::{I18n, t};
use crate::session::{Failure, use_session};
use leptos::prelude::*;
use stige_domain::small_cells::ShownCount;
use stige_wire::{ProgrammeReport, ReportQuery, ReportTable};

fn file_name(what: &str, q: &ReportQuery) -> String {
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    format!("stige-{what}-{}-{}.csv", date(q.from), date(q.to))
}

/// Fetches CSV text with the session's token and saves it as a file. Report tables
/// get a byte-order mark so spreadsheet programs read the letters æøåäö right.
fn download(
    session: crate::session::Session,
    query: ReportQuery,
    table: Option<ReportTable>,
    busy: RwSignal<bool>,
    error: RwSignal<Option<Failure>>,
) {
    busy.set(true);
    leptos::task::spawn_local(async move {
        let q = query.clone();
        let result = session
            .call(move |c| {
                let q = q.clone();
                async move {
                    match table {
                        Some(table) => c.programme_report_csv(&q, table).await,
                        None => c.research_extract_csv(&q).await,
                    }
                }
            })
            .await;
        busy.set(false);
        match result {
            Ok(text) => {
                let (name, body) = match table {
                    Some(table) => (file_name(table.as_str(), &query), format!("\u{feff}{text}")),
                    None => (file_name("research", &query), text),
                };
                error.set(None);
                if save_text(&name, "text/csv;charset=utf-8", &body).is_err() {
                    // Not the server's doing: shown as the general error.
                    error.set(Some(Failure {
                        status: Some(0),
                        problem: None,
                    }));
                }
            }
            Err(f) => error.set(Some(f)),
        }
    });
}

/// "Download CSV" for one table of the report.
#[component]
pub fn CsvButton(query: Memo<ReportQuery>, table: ReportTable) -> impl IntoView {
    let session = use_session();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<Failure>);
    let click = move |_| download(session, query.get_untracked(), Some(table), busy, error);
    view! {
        <span class="csv no-print">
            <button type="button" class="secondary small" data-testid=format!("csv-{}", table.as_str())
                disabled=move || busy.get() on:click=click>
                {t("report-download-csv")}
            </button>
            <ErrorBanner error=error.into()/>
        </span>
    }
}

/// "Download research extract (CSV)": admins and researchers only.
#[component]
pub fn ResearchButton(query: Memo<ReportQuery>) -> impl IntoView {
    let session = use_session();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<Failure>);
    let click = move |_| download(session, query.get_untracked(), None, busy, error);
    view! {
        <button type="button" class="secondary" data-testid="research-extract"
            title=t("report-research-help") disabled=move || busy.get() on:click=click>
            {t("report-research-extract")}
        </button>
        <ErrorBanner error=error.into()/>
    }
}

/// A section of the report: a heading, the CSV button, the content.
#[component]
pub fn ReportSection(
    title: String,
    testid: &'static str,
    query: Memo<ReportQuery>,
    table: ReportTable,
    children: Children,
) -> impl IntoView {
    view! {
        <section class="card report-section" data-testid=testid>
            <div class="section-head">
                <h2>{title}</h2>
                <CsvButton query=query table=table/>
            </div>
            {children()}
        </section>
    }
}

/// People on each step at the end of the period, and moves out of it.
pub fn steps(i: I18n, r: &ProgrammeReport) -> AnyView {
    let table = TableData {
        head: vec![
            i.t("step"),
            i.t("report-people-at-end"),
            i.t("report-reached"),
            i.t("report-moves-up"),
            i.t("report-moves-down"),
        ],
        rows: steps_in_order(r)
            .iter()
            .rev()
            .map(|s| {
                vec![
                    s.name.clone(),
                    format::shown(s.people_at_end),
                    format::shown(s.reached),
                    format::shown(s.moves_up),
                    format::shown(s.moves_down),
                ]
            })
            .collect(),
    };
    view! {
        <p class="muted">{i.t("report-steps-help")}</p>
        <DataTable table=table testid="table-steps"/>
    }
    .into_any()
}

/// Attendance rate per step (columns) and month (rows), with the number of people.
pub fn attendance(i: I18n, r: &ProgrammeReport) -> AnyView {
    let figures = r.attendance.clone().unwrap_or_default();
    if figures.is_empty() {
        return view! { <p class="muted">{i.t("report-no-attendance")}</p> }.into_any();
    }
    // The steps in ladder order where the report has them, else as named in
    // the attendance figures themselves.
    let mut steps: Vec<(stige_domain::StepId, String)> = steps_in_order(r)
        .into_iter()
        .map(|s| (s.step_id, s.name))
        .collect();
    if steps.is_empty() {
        for a in &figures {
            if !steps.iter().any(|(id, _)| *id == a.step_id) {
                steps.push((a.step_id, a.step_name.clone()));
            }
        }
    }
    let mut months: Vec<String> = figures.iter().map(|a| a.month.clone()).collect();
    months.sort();
    months.dedup();
    let cell = |step, month: &str| {
        figures
            .iter()
            .find(|a| a.step_id == step && a.month == month)
            .map_or_else(
                || "–".to_owned(),
                |a| {
                    let rate = a
                        .rate
                        .map_or_else(|| "–".to_owned(), |v| format::percent(i, v));
                    match a.people {
                        ShownCount::Number(0) => "–".to_owned(),
                        people => format!("{rate} ({})", format::shown(people)),
                    }
                },
            )
    };
    let table = TableData {
        head: std::iter::once(i.t("report-month"))
            .chain(steps.iter().map(|(_, name)| name.clone()))
            .collect(),
        rows: months
            .iter()
            .map(|m| {
                std::iter::once(m.clone())
                    .chain(steps.iter().map(|(id, _)| cell(*id, m)))
                    .collect()
            })
            .collect(),
    };
    view! {
        <p class="muted">{i.t("report-attendance-help")}</p>
        <div class="table-scroll"><DataTable table=table testid="table-attendance"/></div>
    }
    .into_any()
}

/// Places under each cooperation agreement, and how many were in use at the end.
pub fn places(i: I18n, r: &ProgrammeReport) -> AnyView {
    let usage = r.place_usage.clone().unwrap_or_default();
    if usage.is_empty() {
        return view! { <p class="muted">{i.t("report-no-agreements")}</p> }.into_any();
    }
    let table = TableData {
        head: vec![
            i.t("partner"),
            i.t("places"),
            i.t("report-used-at-end"),
            i.t("report-usage-share"),
        ],
        rows: usage
            .iter()
            .map(|p| {
                let share = match p.used_at_end {
                    ShownCount::Number(n) if p.places > 0 => Some(n as f64 / f64::from(p.places)),
                    _ => None,
                };
                vec![
                    p.partner_name.clone(),
                    p.places.to_string(),
                    format::shown(p.used_at_end),
                    share.map_or_else(|| "–".to_owned(), |s| format::percent(i, s)),
                ]
            })
            .collect(),
    };
    view! { <DataTable table=table testid="table-places"/> }.into_any()
}

/// Enrolments, completions and interruptions per parallel activity.
pub fn activities(i: I18n, r: &ProgrammeReport) -> AnyView {
    let figures = r.activities.clone().unwrap_or_default();
    if figures.is_empty() {
        return view! { <p class="muted">{i.t("report-no-activities")}</p> }.into_any();
    }
    let table = TableData {
        head: vec![
            i.t("activity"),
            i.t("report-activity-enrolled"),
            i.t("report-activity-completed"),
            i.t("report-activity-interrupted"),
            i.t("report-activity-running"),
        ],
        rows: figures
            .iter()
            .map(|a| {
                vec![
                    a.name.clone(),
                    format::shown(a.enrolled),
                    format::shown(a.completed),
                    format::shown(a.interrupted),
                    format::shown(a.running),
                ]
            })
            .collect(),
    };
    view! {
        <p class="muted">{i.t("report-activities-help")}</p>
        <DataTable table=table testid="table-activities"/>
    }
    .into_any()
}

/// The average change in goal scaling scores, for the key figures.
pub fn goal_change(i: I18n, r: &ProgrammeReport) -> String {
    match r.goal_scores.as_ref().and_then(|g| g.average_change) {
        Some(v) if v > 0.0 => format!("+{}", opt(i, Some(v), 1)),
        v => opt(i, v, 1),
    }
}

/// Before and after: the situation of the people who left in the period at
/// each moment (occupation and income source), in work or education as a
/// chart, and by gender and age band.
pub fn before_after(i: I18n, r: &ProgrammeReport) -> AnyView {
    use super::participant_outcomes::code_key;
    use crate::components::{Amount, Bar, BarChart, ChartFigure};
    let Some(b) = r.before_after.clone() else {
        return ().into_any();
    };
    let moment = |m: stige_domain::situation::Moment| i.t(&code_key("moment", m.as_str()));
    let moments_head = |first: String| {
        std::iter::once(first)
            .chain(b.moments.iter().map(|m| moment(m.moment)))
            .collect::<Vec<_>>()
    };
    let share_text = |s: Option<f64>| {
        s.map(|s| format::percent(i, s))
            .unwrap_or_else(|| "–".into())
    };
    let bars = b
        .moments
        .iter()
        .map(|m| Bar {
            label: moment(m.moment),
            amount: Amount::opt(m.work_or_education_share.map(|s| s * 100.0)),
            behind: None,
            text: share_text(m.work_or_education_share),
            class: "through",
        })
        .collect();
    let chart_table = TableData {
        head: vec![
            i.t("outcomes-moment"),
            i.t("before-after-recorded"),
            i.t("before-after-share"),
        ],
        rows: b
            .moments
            .iter()
            .map(|m| {
                vec![
                    moment(m.moment),
                    format::shown(m.recorded),
                    share_text(m.work_or_education_share),
                ]
            })
            .collect(),
    };
    let mut occupations = TableData {
        head: moments_head(i.t("outcomes-occupation")),
        rows: vec![],
    };
    for row in ["recorded", "not-reached"] {
        occupations.rows.push(
            std::iter::once(i.t(&format!("before-after-{row}")))
                .chain(b.moments.iter().map(|m| {
                    format::shown(if row == "recorded" {
                        m.recorded
                    } else {
                        m.not_reached
                    })
                }))
                .collect(),
        );
    }
    let codes = b
        .moments
        .first()
        .map(|m| m.occupations.clone())
        .unwrap_or_default();
    for (k, c) in codes.iter().enumerate() {
        occupations.rows.push(
            std::iter::once(i.t(&code_key("occupation", c.occupation.as_str())))
                .chain(b.moments.iter().map(|m| {
                    m.occupations
                        .get(k)
                        .map(|c| format::shown(c.count))
                        .unwrap_or_default()
                }))
                .collect(),
        );
    }
    let sources = b
        .moments
        .first()
        .map(|m| m.income_sources.clone())
        .unwrap_or_default();
    let income = TableData {
        head: moments_head(i.t("outcomes-income-source")),
        rows: sources
            .iter()
            .enumerate()
            .map(|(k, s)| {
                std::iter::once(i.t(&code_key("income", s.income_source.as_str())))
                    .chain(b.moments.iter().map(|m| {
                        m.income_sources
                            .get(k)
                            .map(|c| format::shown(c.count))
                            .unwrap_or_default()
                    }))
                    .collect()
            })
            .collect(),
    };
    let groups =
        |title: &str, prefix: &str, groups: &[stige_domain::report::before_after::GroupFigures]| {
            let mut head = moments_head(i.t(title));
            head.insert(1, i.t("before-after-people"));
            TableData {
                head,
                rows: groups
                    .iter()
                    .map(|g| {
                        let name = if prefix == "gender" && g.group == "not_given" {
                            i.t("gender-not-given")
                        } else {
                            i.t(&code_key(prefix, &g.group))
                        };
                        [name, format::shown(g.people)]
                            .into_iter()
                            .chain(g.moments.iter().map(|m| {
                                i.t_with(
                                    "before-after-of",
                                    &[
                                        ("part", format::shown(m.work_or_education)),
                                        ("whole", format::shown(m.recorded)),
                                    ],
                                )
                            }))
                            .collect()
                    })
                    .collect(),
            }
        };
    let by_gender = groups("outcomes-gender", "gender", &b.by_gender);
    let by_age = groups("before-after-age-band", "age-band", &b.by_age_band);
    view! {
        <p class="muted">{i.t_with("before-after-help", &[("people", format::shown(b.people))])}</p>
        <ChartFigure title=i.t("before-after-chart") testid="chart-before-after" table=chart_table>
            <BarChart label=i.t("before-after-chart") bars=bars id="before-after"/>
        </ChartFigure>
        <h3>{i.t("outcomes-occupation")}</h3>
        <DataTable table=occupations testid="table-before-after-occupation"/>
        <h3>{i.t("outcomes-income-source")}</h3>
        <DataTable table=income testid="table-before-after-income"/>
        <h3>{i.t("before-after-by-gender")}</h3>
        <DataTable table=by_gender testid="table-before-after-gender"/>
        <h3>{i.t("before-after-by-age-band")}</h3>
        <DataTable table=by_age testid="table-before-after-age"/>
    }
    .into_any()
}

/// Peer support pairs in the period and the peers' share of the house.
pub fn peers(i: I18n, r: &ProgrammeReport) -> AnyView {
    let Some(p) = r.peers.clone() else {
        return ().into_any();
    };
    let table = TableData {
        head: vec![
            i.t("report-peer-pairs"),
            i.t("report-peers-at-end"),
            i.t("report-peers-share"),
        ],
        rows: vec![vec![
            format::shown(p.pairs),
            format::shown(p.peers_at_end),
            p.share_of_house
                .map(|s| format::percent(i, s))
                .unwrap_or_else(|| "–".into()),
        ]],
    };
    view! {
        <p class="muted">{i.t("report-peers-help")}</p>
        <DataTable table=table testid="table-peers"/>
    }
    .into_any()
}

/// Work capacity per step: median hours a week and independence in the
/// first four weeks on each step and in the last four before leaving it.
pub fn work_capacity(i: I18n, r: &ProgrammeReport) -> AnyView {
    let Some(steps) = r.work_capacity.clone() else {
        return ().into_any();
    };
    let number = |v: Option<f64>| v.map_or_else(|| "–".into(), |v| format::decimal(i, v, 1));
    let table = TableData {
        head: vec![
            i.t("step"),
            i.t("report-capacity-at"),
            i.t("report-capacity-people"),
            i.t("report-capacity-hours"),
            i.t("report-capacity-independence"),
        ],
        rows: steps
            .iter()
            .flat_map(|s| {
                [
                    ("report-capacity-entry", &s.at_entry),
                    ("report-capacity-exit", &s.at_exit),
                ]
                .map(|(at, f)| {
                    vec![
                        s.name.clone(),
                        i.t(at),
                        format::shown(f.people),
                        number(f.median_hours_a_week),
                        number(f.median_independence),
                    ]
                })
            })
            .collect(),
    };
    view! {
        <p class="muted">{i.t("report-capacity-help")}</p>
        <DataTable table=table testid="table-work-capacity"/>
    }
    .into_any()
}
