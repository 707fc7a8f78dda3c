//! The programme report's tables and the research extract as CSV: one header
//! row of stable English column names, then the figures; "<5" where a small
//! cell is suppressed, empty where a figure is not shown. No cell can start a
//! spreadsheet formula.

use stige_domain::small_cells::{Disclosure, ShownCount};
use stige_wire::{ProgrammeReport, ReportTable, ResearchExtract};

fn count(c: ShownCount) -> String {
    match c {
        ShownCount::Number(n) => n.to_string(),
        ShownCount::Suppressed(_) => "<5".to_owned(),
    }
}

/// A count that may be absent (a section outside a partner's scope): empty.
fn maybe(c: Option<ShownCount>) -> String {
    c.map(count).unwrap_or_default()
}

/// A cell as a spreadsheet will not run it: text starting with `=`, `+`, `-`,
/// `@`, a tab or a carriage return would be read as a formula (CSV injection),
/// so it gets a leading `'`. Names come from users (steps, partners, ladders).
/// Numbers (a negative goal score change) stay numbers.
pub fn cell(text: &str) -> String {
    if text.parse::<f64>().is_ok_and(f64::is_finite) {
        return text.to_owned();
    }
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_owned(),
    }
}

fn number(v: Option<f64>) -> String {
    v.map(|v| format!("{v:.3}")).unwrap_or_default()
}

/// Every cell goes through [`cell`]: no export can carry a formula.
fn write(rows: Vec<Vec<String>>) -> anyhow::Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for row in rows {
        w.write_record(row.iter().map(|c| cell(c)))?;
    }
    Ok(String::from_utf8(
        w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?,
    )?)
}

fn strings<const N: usize>(cells: [&str; N]) -> Vec<String> {
    cells.iter().map(|c| (*c).to_owned()).collect()
}

/// One table of the report. A section the report lacks (outside a partner's
/// scope) gives its header row only, and empty summary cells.
pub fn table(report: &ProgrammeReport, table: ReportTable) -> anyhow::Result<String> {
    let rows = match table {
        ReportTable::Summary => {
            let t = report.throughput.as_ref();
            let planned = report.planned_exits.as_ref();
            let goals = report.goal_scores.as_ref();
            vec![
                strings(["figure", "value"]),
                vec!["ladder".into(), report.ladder_name.clone()],
                vec!["from".into(), report.period.from.to_string()],
                vec!["to".into(), report.period.to.to_string()],
                vec![
                    "agreement_id".into(),
                    report
                        .agreement_id
                        .map(|a| a.to_string())
                        .unwrap_or_default(),
                ],
                vec![
                    "disclosure".into(),
                    match report.disclosure {
                        Disclosure::Exact => "exact",
                        Disclosure::Controlled => "rounded to 5, 1-4 as <5",
                    }
                    .into(),
                ],
                vec!["starts".into(), maybe(report.starts)],
                vec!["exits".into(), maybe(report.exits)],
                vec!["work_or_education".into(), maybe(report.work_or_education)],
                vec![
                    "work_or_education_share".into(),
                    number(report.work_or_education_share),
                ],
                vec![
                    "annual_target".into(),
                    t.and_then(|t| t.annual_target)
                        .map(|a| a.to_string())
                        .unwrap_or_default(),
                ],
                vec![
                    "target_for_period".into(),
                    number(t.and_then(|t| t.target_for_period)),
                ],
                vec![
                    "share_of_target".into(),
                    number(t.and_then(|t| t.share_of_target)),
                ],
                vec!["planned_exits".into(), maybe(planned.map(|t| t.through))],
                vec![
                    "throughput_target".into(),
                    planned
                        .and_then(|t| t.annual_target)
                        .map(|a| a.to_string())
                        .unwrap_or_default(),
                ],
                vec![
                    "planned_exits_target_for_period".into(),
                    number(planned.and_then(|t| t.target_for_period)),
                ],
                vec![
                    "planned_exits_share_of_target".into(),
                    number(planned.and_then(|t| t.share_of_target)),
                ],
                vec!["goals_scored".into(), maybe(goals.map(|g| g.goals))],
                vec![
                    "average_goal_score_change".into(),
                    number(goals.and_then(|g| g.average_change)),
                ],
            ]
        }
        ReportTable::Outcomes => std::iter::once(strings(["outcome", "exits"]))
            .chain(
                report
                    .exits_by_outcome
                    .iter()
                    .flatten()
                    .map(|o| vec![o.outcome.as_str().to_owned(), count(o.count)]),
            )
            .collect(),
        ReportTable::Months => {
            std::iter::once(strings(["month", "starts", "exits", "work_or_education"]))
                .chain(report.per_month.iter().flatten().map(|m| {
                    vec![
                        m.month.clone(),
                        maybe(m.starts),
                        maybe(m.exits),
                        maybe(m.work_or_education),
                    ]
                }))
                .collect()
        }
        ReportTable::Steps => std::iter::once(strings([
            "position",
            "step",
            "people_at_end",
            "reached",
            "moves_up",
            "moves_down",
            "finished_stays",
            "median_days",
            "p75_days",
        ]))
        .chain(report.steps.iter().flatten().map(|s| {
            vec![
                s.position.to_string(),
                s.name.clone(),
                count(s.people_at_end),
                count(s.reached),
                count(s.moves_up),
                count(s.moves_down),
                count(s.finished_stays),
                number(s.median_days),
                number(s.p75_days),
            ]
        }))
        .collect(),
        ReportTable::Attendance => std::iter::once(strings(["step", "month", "people", "rate"]))
            .chain(report.attendance.iter().flatten().map(|a| {
                vec![
                    a.step_name.clone(),
                    a.month.clone(),
                    count(a.people),
                    number(a.rate),
                ]
            }))
            .collect(),
        ReportTable::Places => std::iter::once(strings([
            "agreement_id",
            "partner",
            "places",
            "used_at_end",
        ]))
        .chain(report.place_usage.iter().flatten().map(|p| {
            vec![
                p.agreement_id.to_string(),
                p.partner_name.clone(),
                p.places.to_string(),
                count(p.used_at_end),
            ]
        }))
        .collect(),
        ReportTable::BeforeAfter => std::iter::once(strings([
            "breakdown",
            "group",
            "moment",
            "measure",
            "people",
        ]))
        .chain(report.before_after.iter().flat_map(before_after_rows))
        .collect(),
        ReportTable::Activities => std::iter::once(strings([
            "activity_id",
            "activity",
            "enrolled",
            "completed",
            "interrupted",
            "running",
        ]))
        .chain(report.activities.iter().flatten().map(|a| {
            vec![
                a.activity_id.to_string(),
                a.name.clone(),
                count(a.enrolled),
                count(a.completed),
                count(a.interrupted),
                count(a.running),
            ]
        }))
        .collect(),
        ReportTable::Peers => std::iter::once(strings(["pairs", "peers_at_end", "share_of_house"]))
            .chain(report.peers.iter().map(|p| {
                vec![
                    count(p.pairs),
                    count(p.peers_at_end),
                    p.share_of_house
                        .map(|s| format!("{s:.3}"))
                        .unwrap_or_default(),
                ]
            }))
            .collect(),
        ReportTable::WorkCapacity => std::iter::once(strings([
            "step_id",
            "step",
            "position",
            "at",
            "people",
            "median_hours_a_week",
            "median_independence",
        ]))
        .chain(report.work_capacity.iter().flatten().flat_map(|s| {
            [("entry", &s.at_entry), ("exit", &s.at_exit)].map(|(at, f)| {
                let number = |v: Option<f64>| v.map(|v| format!("{v:.1}")).unwrap_or_default();
                vec![
                    s.step_id.to_string(),
                    s.name.clone(),
                    s.position.to_string(),
                    at.to_owned(),
                    count(f.people),
                    number(f.median_hours_a_week),
                    number(f.median_independence),
                ]
            })
        }))
        .collect(),
    };
    write(rows)
}

/// The before/after section in long form: one row per moment and code, then
/// per group of each breakdown and moment (recorded, in work or education).
pub fn before_after_rows(b: &stige_domain::report::before_after::BeforeAfter) -> Vec<Vec<String>> {
    let row = |breakdown: &str, group: &str, moment: &str, measure: &str, n: ShownCount| {
        vec![
            breakdown.to_owned(),
            group.to_owned(),
            moment.to_owned(),
            measure.to_owned(),
            count(n),
        ]
    };
    let mut rows = vec![row("all", "", "", "people", b.people)];
    for m in &b.moments {
        let moment = m.moment.as_str();
        rows.push(row("all", "", moment, "recorded", m.recorded));
        rows.push(row("all", "", moment, "not_reached", m.not_reached));
        for o in &m.occupations {
            rows.push(row(
                "occupation",
                "",
                moment,
                o.occupation.as_str(),
                o.count,
            ));
        }
        for s in &m.income_sources {
            rows.push(row(
                "income_source",
                "",
                moment,
                s.income_source.as_str(),
                s.count,
            ));
        }
    }
    for (breakdown, groups) in [("gender", &b.by_gender), ("age_band", &b.by_age_band)] {
        for g in groups {
            rows.push(row(breakdown, &g.group, "", "people", g.people));
            for m in &g.moments {
                let moment = m.moment.as_str();
                rows.push(row(breakdown, &g.group, moment, "recorded", m.recorded));
                rows.push(row(
                    breakdown,
                    &g.group,
                    moment,
                    "work_or_education",
                    m.work_or_education,
                ));
            }
        }
    }
    rows
}

pub fn research(extract: &ResearchExtract) -> anyhow::Result<String> {
    let mut header = strings([
        "pseudonym",
        "age_band",
        "first_start",
        "status_at_end",
        "exit_outcome",
        "exit_period",
        "moves_up",
        "moves_down",
        "attendance_rate",
        "goal_score_change",
    ]);
    header.extend((1..=extract.steps.len()).map(|i| format!("days_step_{i}")));
    let rows = std::iter::once(header)
        .chain(extract.records.iter().map(|r| {
            let mut row = vec![
                r.pseudonym.clone(),
                r.age_band.clone().unwrap_or_default(),
                r.first_start.clone().unwrap_or_default(),
                r.status_at_end
                    .map(|s| s.as_str().to_owned())
                    .unwrap_or_default(),
                r.exit_outcome
                    .map(|o| o.as_str().to_owned())
                    .unwrap_or_default(),
                r.exit_period.clone().unwrap_or_default(),
                r.moves_up.to_string(),
                r.moves_down.to_string(),
                number(r.attendance_rate),
                number(r.goal_score_change),
            ];
            row.extend(r.days_per_step.iter().cloned());
            row
        }))
        .collect();
    write(rows)
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn cells_that_a_spreadsheet_would_run_are_neutralised_numbers_are_not() {
        for formula in ["=1+1", "+47 38", "-1+1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(cell(formula), format!("'{formula}"));
        }
        for plain in ["Mylla", "", "-0.500", "12", "3.000", "<5", "2026-01"] {
            assert_eq!(cell(plain), plain);
        }
    }
}
