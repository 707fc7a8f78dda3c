//! Time in each step, derived from the step moves and status changes: never stored twice.
//!
//! A day counts for a step when the participant was on it and active (not paused,
//! not exited). Days run from a move's date up to, not including, the next event's
//! date, and up to `today` for the current step.

use crate::enrolment::EnrolmentStatus;
use crate::ids::StepId;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// One dated status change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusEvent {
    pub date: NaiveDate,
    pub status: EnrolmentStatus,
}

/// One dated step move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MoveEvent {
    pub date: NaiveDate,
    pub to_step: StepId,
}

/// One stay on a step, from a move to the next move (or today).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StepStay {
    pub step: StepId,
    pub from: NaiveDate,
    /// `None` for the current step.
    pub until: Option<NaiveDate>,
    /// Active days within the stay (pauses and time after exit excluded).
    pub active_days: i64,
}

/// The stays, in order, for a participant's history. Inputs must be sorted by date;
/// events on the same date apply in the order given.
pub fn stays(statuses: &[StatusEvent], moves: &[MoveEvent], today: NaiveDate) -> Vec<StepStay> {
    let mut result: Vec<StepStay> = Vec::with_capacity(moves.len());
    for (i, m) in moves.iter().enumerate() {
        let until = moves.get(i + 1).map(|next| next.date);
        let end = until.unwrap_or(today).max(m.date);
        result.push(StepStay {
            step: m.to_step,
            from: m.date,
            until,
            active_days: active_days_between(statuses, m.date, end),
        });
    }
    result
}

/// Active days per step, summed over all stays.
pub fn days_per_step(stays: &[StepStay]) -> BTreeMap<StepId, i64> {
    let mut map = BTreeMap::new();
    for s in stays {
        *map.entry(s.step).or_insert(0) += s.active_days;
    }
    map
}

/// Days in `[from, to)` during which the participant was active.
pub fn active_days_between(statuses: &[StatusEvent], from: NaiveDate, to: NaiveDate) -> i64 {
    if to <= from {
        return 0;
    }
    let mut total = 0;
    let mut status_at = status_on(statuses, from);
    let mut cursor = from;
    for e in statuses.iter().filter(|e| e.date > from && e.date < to) {
        if status_at == Some(EnrolmentStatus::Active) {
            total += (e.date - cursor).num_days();
        }
        cursor = e.date;
        status_at = Some(e.status);
    }
    if status_at == Some(EnrolmentStatus::Active) {
        total += (to - cursor).num_days();
    }
    total
}

/// The status in force on `date` (the last change dated on or before it).
pub fn status_on(statuses: &[StatusEvent], date: NaiveDate) -> Option<EnrolmentStatus> {
    statuses
        .iter()
        .take_while(|e| e.date <= date)
        .last()
        .map(|e| e.status)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;
    use proptest::prelude::*;

    fn d(n: i64) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 1, 1).expect("date") + Duration::days(n)
    }

    #[test]
    fn a_pause_is_not_counted_as_time_in_the_step() {
        let statuses = [
            StatusEvent {
                date: d(0),
                status: EnrolmentStatus::Active,
            },
            StatusEvent {
                date: d(10),
                status: EnrolmentStatus::Paused,
            },
            StatusEvent {
                date: d(15),
                status: EnrolmentStatus::Active,
            },
        ];
        let moves = [
            MoveEvent {
                date: d(0),
                to_step: StepId(1),
            },
            MoveEvent {
                date: d(20),
                to_step: StepId(2),
            },
        ];
        let s = stays(&statuses, &moves, d(30));
        assert_eq!(s[0].active_days, 15);
        assert_eq!(s[1].active_days, 10);
        assert_eq!(s[1].until, None);
    }

    #[test]
    fn days_stop_at_exit() {
        let statuses = [
            StatusEvent {
                date: d(0),
                status: EnrolmentStatus::Active,
            },
            StatusEvent {
                date: d(7),
                status: EnrolmentStatus::Exited,
            },
        ];
        let moves = [MoveEvent {
            date: d(0),
            to_step: StepId(1),
        }];
        assert_eq!(stays(&statuses, &moves, d(100))[0].active_days, 7);
    }

    #[test]
    fn returning_to_a_step_adds_up_its_days() {
        let statuses = [StatusEvent {
            date: d(0),
            status: EnrolmentStatus::Active,
        }];
        let moves = [
            MoveEvent {
                date: d(0),
                to_step: StepId(1),
            },
            MoveEvent {
                date: d(5),
                to_step: StepId(2),
            },
            MoveEvent {
                date: d(9),
                to_step: StepId(1),
            },
        ];
        let per = days_per_step(&stays(&statuses, &moves, d(12)));
        assert_eq!(per.get(&StepId(1)), Some(&8));
        assert_eq!(per.get(&StepId(2)), Some(&4));
    }

    proptest! {
        /// The days in all steps add up to the days active since the first move.
        #[test]
        fn days_in_steps_add_up_to_days_active(
            gaps in proptest::collection::vec((0i64..40, 0usize..4, any::<bool>()), 1..30),
            tail in 0i64..60,
        ) {
            let mut statuses = vec![StatusEvent { date: d(0), status: EnrolmentStatus::Active }];
            let mut moves = vec![];
            let mut day = 0;
            let mut active = true;
            for (gap, step, toggle_pause) in gaps {
                day += gap;
                if toggle_pause {
                    active = !active;
                    let status = if active { EnrolmentStatus::Active } else { EnrolmentStatus::Paused };
                    statuses.push(StatusEvent { date: d(day), status });
                } else {
                    moves.push(MoveEvent { date: d(day), to_step: StepId(i64::try_from(step).unwrap_or(0)) });
                }
            }
            let today = d(day + tail);
            let s = stays(&statuses, &moves, today);
            let sum: i64 = days_per_step(&s).values().sum();
            let expected = moves.first().map_or(0, |first| active_days_between(&statuses, first.date, today));
            prop_assert_eq!(sum, expected);
            prop_assert!(s.iter().all(|stay| stay.active_days >= 0));
        }
    }
}
