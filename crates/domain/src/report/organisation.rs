//! The organisation's report: every programme's report for one period, and the
//! figures that mean the same on every ladder (starts, exits and their
//! outcomes, throughput, months) counted once across all of them. Steps,
//! attendance per step and place usage belong to one ladder and stay in the
//! programme reports.
//!
//! Totals are counted from the people of all programmes together and then
//! shown to the audience, never added up from shown figures: under disclosure
//! control every total is itself a multiple of five.

use crate::enrolment::ExitOutcome;
use crate::ids::OrganisationId;
use crate::report::build::{ReportInput, against_target, programme_report};
use crate::report::figures::{MonthFigures, OutcomeFigure, ProgrammeReport, Throughput};
use crate::report::flow;
use crate::report::history::History;
use crate::report::period::Period;
use crate::small_cells::{Disclosure, ShownCount, show, shown_share};
use serde::{Deserialize, Serialize};

/// Every programme of an organisation for one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrganisationReport {
    pub period: Period,
    pub organisation_id: OrganisationId,
    pub organisation_name: String,
    pub disclosure: Disclosure,
    /// Counted once across every programme.
    pub totals: OrganisationTotals,
    /// Each programme's own report, in ladder order.
    pub programmes: Vec<ProgrammeReport>,
}

/// The figures that add up across ladders.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrganisationTotals {
    /// How many programmes the totals cover.
    pub programmes: u32,
    pub starts: ShownCount,
    pub exits: ShownCount,
    /// Every outcome, also those without exits.
    pub exits_by_outcome: Vec<OutcomeFigure>,
    pub work_or_education: ShownCount,
    /// Share (0–1) of the exits; under control from the shown figures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub work_or_education_share: Option<f64>,
    /// Against the sum of the annual targets of the programmes that have one.
    /// Exits to work or education against the sum of the annual targets.
    pub throughput: Throughput,
    /// Planned exits against the sum of the throughput targets.
    pub planned_exits: Throughput,
    pub per_month: Vec<MonthFigures>,
}

/// The organisation's report from each programme's input, all for the same
/// period.
pub fn organisation_report(
    organisation_id: OrganisationId,
    organisation_name: &str,
    period: Period,
    inputs: &[ReportInput],
    disclosure: Disclosure,
) -> OrganisationReport {
    let histories: Vec<History> = inputs
        .iter()
        .flat_map(|i| i.histories.iter().cloned())
        .collect();
    let sum = |targets: Vec<u32>| (!targets.is_empty()).then(|| targets.iter().sum());
    let annual_target = sum(inputs.iter().filter_map(|i| i.annual_target).collect());
    let throughput_target = sum(inputs.iter().filter_map(|i| i.throughput_target).collect());
    OrganisationReport {
        period,
        organisation_id,
        organisation_name: organisation_name.to_owned(),
        disclosure,
        totals: totals(
            &histories,
            &period,
            Targets {
                annual_target,
                throughput_target,
            },
            inputs.len(),
            disclosure,
        ),
        programmes: inputs
            .iter()
            .map(|i| programme_report(i, disclosure))
            .collect(),
    }
}

/// The sums of the programmes' annual targets.
struct Targets {
    annual_target: Option<u32>,
    throughput_target: Option<u32>,
}

fn totals(
    h: &[History],
    period: &Period,
    targets: Targets,
    programmes: usize,
    disclosure: Disclosure,
) -> OrganisationTotals {
    let count = |n: u64| show(n, disclosure);
    let exits = flow::exits_by_outcome(h, period);
    let exit_total: u64 = exits.values().sum();
    let through = flow::work_or_education(&exits);
    let shown_through = count(through);
    OrganisationTotals {
        programmes: u32::try_from(programmes).unwrap_or(u32::MAX),
        starts: count(flow::starts(h, period)),
        exits: count(exit_total),
        exits_by_outcome: ExitOutcome::ALL
            .iter()
            .copied()
            .map(|outcome| OutcomeFigure {
                outcome,
                count: count(exits.get(&outcome).copied().unwrap_or(0)),
            })
            .collect(),
        work_or_education: shown_through,
        work_or_education_share: shown_share(through, exit_total, disclosure),
        throughput: against_target(through, targets.annual_target, period, disclosure),
        planned_exits: against_target(
            flow::planned(&exits),
            targets.throughput_target,
            period,
            disclosure,
        ),
        per_month: flow::per_month(h, period)
            .into_iter()
            .map(|(month, f)| MonthFigures {
                month: month.to_string(),
                starts: Some(count(f.starts)),
                exits: Some(count(f.exits)),
                work_or_education: Some(count(f.work_or_education)),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enrolment::{EnrolmentStatus, ExitOutcome};
    use crate::ids::LadderId;
    use crate::report::testing::{d, history_of};

    fn input(ladder: i64, target: Option<u32>, histories: Vec<History>) -> ReportInput {
        ReportInput {
            period: year(),
            ladder: LadderId(ladder),
            ladder_name: format!("Ladder {ladder}"),
            steps: vec![],
            annual_target: target,
            throughput_target: target.map(|t| t * 2),
            agreement: None,
            histories,
            attendance_marks: vec![],
            attendance_people: vec![],
            goal_scores: vec![],
            activities: vec![],
            peer_pairs: vec![],
            work_days: Default::default(),
            agreements: vec![],
            country: None,
            outcomes: vec![],
        }
    }

    fn year() -> Period {
        Period::parse(d(1, 1), d(12, 31)).expect("a year")
    }

    /// Started in March; exited in June to `outcome` when given.
    fn person(id: i64, outcome: Option<ExitOutcome>) -> History {
        let mut statuses = vec![(d(3, 1), EnrolmentStatus::Active, None)];
        if let Some(o) = outcome {
            statuses.push((d(6, 1), EnrolmentStatus::Exited, Some(o)));
        }
        history_of(id, &statuses, &[])
    }

    fn number(c: ShownCount) -> u64 {
        c.number().expect("a number")
    }

    #[test]
    fn totals_count_the_people_of_every_programme_once() {
        let a = input(
            1,
            Some(10),
            vec![
                person(1, Some(ExitOutcome::WorkOrdinaryFullTime)),
                person(2, Some(ExitOutcome::Education)),
                person(3, None),
            ],
        );
        let b = input(
            2,
            Some(30),
            vec![
                person(4, Some(ExitOutcome::WorkOrdinaryFullTime)),
                person(5, None),
            ],
        );
        let r = organisation_report(
            OrganisationId(1),
            "Kirkens Bymisjon",
            year(),
            &[a, b],
            Disclosure::Exact,
        );
        assert_eq!(r.programmes.len(), 2);
        assert_eq!(r.totals.programmes, 2);
        assert_eq!(number(r.totals.starts), 5);
        assert_eq!(number(r.totals.exits), 3);
        assert_eq!(number(r.totals.work_or_education), 3);
        assert_eq!(r.totals.throughput.annual_target, Some(40));
        let sum: u64 = (r.programmes.iter())
            .map(|p| p.starts.map(number).unwrap_or(0))
            .sum();
        assert_eq!(sum, number(r.totals.starts), "exact totals add up");
        let march = r.totals.per_month.iter().find(|m| m.month.ends_with("-03"));
        assert_eq!(march.and_then(|m| m.starts).map(number), Some(5));
    }

    #[test]
    fn controlled_totals_are_rounded_from_the_exact_sum_not_added_from_shown_figures() {
        // Three starts in one programme and four in another: each shows "<5",
        // the total of seven shows as 5.
        let a = input(1, None, (1..=3).map(|i| person(i, None)).collect());
        let b = input(2, None, (4..=7).map(|i| person(i, None)).collect());
        let r = organisation_report(
            OrganisationId(1),
            "O",
            year(),
            &[a, b],
            Disclosure::Controlled,
        );
        for p in &r.programmes {
            assert_eq!(p.starts.and_then(|s| s.number()), None, "a small cell");
        }
        assert_eq!(r.totals.starts, ShownCount::Number(5));
        assert_eq!(r.totals.throughput.annual_target, None);
        assert_eq!(r.totals.throughput.share_of_target, None);
    }
}
