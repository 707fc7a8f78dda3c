//! The ladder's steps in a period: who stands where at the end, who passed
//! through each step, moves up and down, and days spent on each step.

use crate::enrolment::EnrolmentStatus;
use crate::ids::StepId;
use crate::report::history::History;
use crate::report::period::Period;
use crate::step_move::Direction;
use std::collections::{BTreeMap, BTreeSet};

/// A step as the reports name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepInfo {
    pub id: StepId,
    pub name: String,
    pub position: i32,
}

/// Active and paused participants per step on the period's last day.
pub fn people_at_end(histories: &[History], period: &Period) -> BTreeMap<StepId, u64> {
    let mut out = BTreeMap::new();
    for h in histories {
        if h.holds_place_on(period.to)
            && let Some(step) = h.step_on(period.to)
        {
            *out.entry(step).or_insert(0) += 1;
        }
    }
    out
}

/// People on each step at some time in the period (each person once per step).
pub fn reached(histories: &[History], period: &Period) -> BTreeMap<StepId, u64> {
    let mut out = BTreeMap::new();
    for h in histories {
        let steps: BTreeSet<StepId> = h
            .stays(period.to)
            .iter()
            .filter(|s| s.from <= period.to && s.ended.is_none_or(|end| end > period.from))
            .map(|s| s.step)
            .collect();
        for step in steps {
            *out.entry(step).or_insert(0) += 1;
        }
    }
    out
}

/// Moves out of each step in the period: (up, down).
pub fn moves(histories: &[History], period: &Period) -> BTreeMap<StepId, (u64, u64)> {
    let mut out: BTreeMap<StepId, (u64, u64)> = BTreeMap::new();
    for m in histories.iter().flat_map(|h| &h.moves) {
        let Some(from) = m.from_step else { continue };
        if !period.contains(m.date) {
            continue;
        }
        let entry = out.entry(from).or_default();
        match m.direction {
            Direction::Up => entry.0 += 1,
            Direction::Down => entry.1 += 1,
            Direction::Start => {}
        }
    }
    out
}

/// Active days of each stay that ended in the period, per step.
pub fn days_of_finished_stays(
    histories: &[History],
    period: &Period,
) -> BTreeMap<StepId, Vec<i64>> {
    let mut out: BTreeMap<StepId, Vec<i64>> = BTreeMap::new();
    for h in histories {
        for s in h.stays(period.to) {
            if s.ended.is_some_and(|end| period.contains(end)) {
                out.entry(s.step).or_default().push(s.active_days);
            }
        }
    }
    out
}

/// For each participant who moved up: days from first becoming active to the
/// first move up.
pub fn days_to_first_step_up(histories: &[History]) -> Vec<i64> {
    histories
        .iter()
        .filter_map(|h| {
            let active = h
                .statuses
                .iter()
                .find(|s| s.to == EnrolmentStatus::Active)?
                .date;
            let up = h.moves.iter().find(|m| m.direction == Direction::Up)?.date;
            Some((up - active).num_days().max(0))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::EnrolmentStatus::*;
    use crate::ExitOutcome;
    use crate::report::testing::{d, history_of};

    fn climber() -> History {
        history_of(
            1,
            &[
                (d(1, 1), Active, None),
                (d(5, 1), Exited, Some(ExitOutcome::Education)),
            ],
            &[
                (d(1, 1), None, 10, Direction::Start),
                (d(2, 1), Some(10), 11, Direction::Up),
                (d(3, 1), Some(11), 10, Direction::Down),
                (d(3, 15), Some(10), 11, Direction::Up),
            ],
        )
    }

    #[test]
    fn stays_end_at_the_next_move_or_the_exit() {
        let h = climber();
        let year = Period::year(2026).expect("year");
        let days = days_of_finished_stays(std::slice::from_ref(&h), &year);
        assert_eq!(days.get(&StepId(10)), Some(&vec![31, 14]));
        // 15 March to the exit on 1 May.
        assert_eq!(days.get(&StepId(11)), Some(&vec![28, 47]));
        assert_eq!(
            moves(std::slice::from_ref(&h), &year).get(&StepId(10)),
            Some(&(2, 0))
        );
        assert_eq!(
            moves(std::slice::from_ref(&h), &year).get(&StepId(11)),
            Some(&(0, 1))
        );
        assert_eq!(days_to_first_step_up(&[h]), vec![31]);
    }

    #[test]
    fn only_people_holding_a_place_count_at_the_end() {
        let h = climber();
        let april = Period::parse(d(4, 1), d(4, 30)).expect("period");
        assert_eq!(
            people_at_end(std::slice::from_ref(&h), &april).get(&StepId(11)),
            Some(&1)
        );
        let may = Period::parse(d(5, 1), d(5, 31)).expect("period");
        assert!(people_at_end(std::slice::from_ref(&h), &may).is_empty());
        // In May the stay ended on its first day: not reached in May.
        assert!(reached(std::slice::from_ref(&h), &may).is_empty());
        let march = Period::parse(d(3, 1), d(3, 31)).expect("period");
        let r = reached(&[h], &march);
        assert_eq!(
            (r.get(&StepId(10)), r.get(&StepId(11))),
            (Some(&1), Some(&1))
        );
    }
}
