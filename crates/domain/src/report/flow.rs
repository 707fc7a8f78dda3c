//! Starts and exits: who came in, who left and how, month by month.

use crate::enrolment::ExitOutcome;
use crate::report::history::History;
use crate::report::period::{Month, Period};
use std::collections::BTreeMap;

/// Starts in the period.
pub fn starts(histories: &[History], period: &Period) -> u64 {
    histories
        .iter()
        .flat_map(|h| &h.statuses)
        .filter(|s| s.is_start() && period.contains(s.date))
        .count() as u64
}

/// Exits in the period per outcome (outcomes without exits are absent).
pub fn exits_by_outcome(histories: &[History], period: &Period) -> BTreeMap<ExitOutcome, u64> {
    let mut out = BTreeMap::new();
    for s in histories.iter().flat_map(|h| &h.statuses) {
        if let (true, true, Some(outcome)) = (s.is_exit(), period.contains(s.date), s.outcome) {
            *out.entry(outcome).or_insert(0) += 1;
        }
    }
    out
}

/// Of the exits, those to work or education.
pub fn work_or_education(exits: &BTreeMap<ExitOutcome, u64>) -> u64 {
    exits
        .iter()
        .filter(|(o, _)| o.is_work_or_education())
        .map(|(_, n)| n)
        .sum()
}

/// Of the exits, those in a planned way (see [`ExitOutcome::is_planned`]).
pub fn planned(exits: &BTreeMap<ExitOutcome, u64>) -> u64 {
    exits
        .iter()
        .filter(|(o, _)| o.is_planned())
        .map(|(_, n)| n)
        .sum()
}

/// `part` over `whole`, or `None` when `whole` is 0.
pub fn share(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// The annual target scaled to the period's length (days / 365), rounded to the
/// nearest whole person (a half up): a target counts people, never a fraction.
pub fn target_for_period(annual_target: u32, period: &Period) -> f64 {
    let scaled = f64::from(annual_target) * period.days() as f64 / 365.0;
    scaled.round()
}

/// Starts, exits and exits to work or education in each month of the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MonthFlow {
    pub starts: u64,
    pub exits: u64,
    pub work_or_education: u64,
}

pub fn per_month(histories: &[History], period: &Period) -> Vec<(Month, MonthFlow)> {
    let mut months: BTreeMap<Month, MonthFlow> = period
        .months()
        .into_iter()
        .map(|m| (m, MonthFlow::default()))
        .collect();
    for s in histories.iter().flat_map(|h| &h.statuses) {
        if !period.contains(s.date) {
            continue;
        }
        let Some(flow) = months.get_mut(&Month::of(s.date)) else {
            continue;
        };
        if s.is_start() {
            flow.starts += 1;
        }
        if s.is_exit() {
            flow.exits += 1;
            if s.outcome.is_some_and(ExitOutcome::is_work_or_education) {
                flow.work_or_education += 1;
            }
        }
    }
    months.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::EnrolmentStatus::*;
    use crate::report::testing::{d, history_of};

    #[test]
    fn a_return_from_a_pause_is_not_a_start_but_a_return_after_an_exit_is() {
        let h = history_of(
            1,
            &[
                (d(1, 5), Active, None),
                (d(2, 1), Paused, None),
                (d(2, 20), Active, None),
                (d(3, 1), Exited, Some(ExitOutcome::Moved)),
                (d(6, 1), Active, None),
            ],
            &[],
        );
        let year = Period::year(2026).expect("year");
        assert_eq!(starts(std::slice::from_ref(&h), &year), 2);
        let spring = Period::parse(d(2, 1), d(5, 31)).expect("period");
        assert_eq!(starts(std::slice::from_ref(&h), &spring), 0);
        assert_eq!(
            exits_by_outcome(&[h], &spring).get(&ExitOutcome::Moved),
            Some(&1)
        );
    }

    #[test]
    fn the_target_scales_with_the_period() {
        let year = Period::year(2026).expect("year");
        assert_eq!(target_for_period(40, &year), 40.0);
        // 73 days: a fifth of a year.
        let fifth = Period::parse(d(1, 1), d(3, 14)).expect("period");
        assert_eq!(target_for_period(40, &fifth), 8.0);
    }

    #[test]
    fn the_target_is_whole_people_rounded_to_the_nearest() {
        // 59 days of 50 a year: 8.08 people, shown as 8.
        let two_months = Period::parse(d(1, 1), d(2, 28)).expect("period");
        assert_eq!(target_for_period(50, &two_months), 8.0);
        // 334 days of 15 a year: 13.73 people, shown as 14.
        let eleven_months = Period::parse(d(1, 1), d(11, 30)).expect("period");
        assert_eq!(target_for_period(15, &eleven_months), 14.0);
    }

    #[test]
    fn months_without_events_are_listed_with_zeros() {
        let h = history_of(
            1,
            &[
                (d(1, 5), Active, None),
                (d(3, 9), Exited, Some(ExitOutcome::Education)),
            ],
            &[],
        );
        let q1 = Period::parse(d(1, 1), d(3, 31)).expect("period");
        let months = per_month(&[h], &q1);
        let flows: Vec<MonthFlow> = months.iter().map(|(_, f)| *f).collect();
        assert_eq!(
            flows,
            [
                MonthFlow {
                    starts: 1,
                    exits: 0,
                    work_or_education: 0
                },
                MonthFlow::default(),
                MonthFlow {
                    starts: 0,
                    exits: 1,
                    work_or_education: 1
                },
            ]
        );
    }
}
