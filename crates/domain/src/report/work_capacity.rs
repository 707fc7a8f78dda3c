//! Work capacity per step (issue 26): how much and how independently people
//! worked when they came onto a step and when they left it, so a steering
//! group sees what each step asks and gives.
//!
//! For each stay on a step, two windows of [`WINDOW_DAYS`] days:
//! - **at entry**: the first four weeks on the step, for stays that began in
//!   the period (as far as the stay and the period reach);
//! - **at exit**: the last four weeks before leaving the step (a move or an
//!   exit), for stays that ended in the period.
//!
//! In a window, a person's hours a week are the hours recorded in it over the
//! weeks with recorded work, and their independence the median of the days'
//! levels (1 to 4). A window without any recorded work says nothing (the work
//! log may not have been kept then) and is not counted. Per step, the figures
//! are the medians over the people counted; under disclosure control the
//! count is rounded and the medians left out below [`MIN_PEOPLE`].

use crate::ids::{ParticipantId, StepId};
use crate::report::history::History;
use crate::report::period::Period;
use crate::report::steps::StepInfo;
use crate::small_cells::MIN_PEOPLE;
use crate::small_cells::{Disclosure, ShownCount, show};
use crate::work::{LoggedDay, week_of};
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The length of the entry and exit windows: four weeks.
pub const WINDOW_DAYS: i64 = 28;

/// The days before the period whose work the report needs (the exit window of
/// a stay that ends on the period's first day).
pub const DAYS_BEFORE_PERIOD: i64 = WINDOW_DAYS;

/// Work capacity on one step: at entry and at exit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StepWorkCapacity {
    pub step_id: StepId,
    pub name: String,
    pub position: i32,
    /// The first four weeks of the stays that began in the period.
    pub at_entry: CapacityFigures,
    /// The last four weeks of the stays that ended in the period.
    pub at_exit: CapacityFigures,
}

/// Medians over the people with recorded work in their window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CapacityFigures {
    /// People with recorded work in the window.
    pub people: ShownCount,
    /// The median of their hours a week; left out under disclosure control
    /// when fewer than five people are behind it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub median_hours_a_week: Option<f64>,
    /// The median of their independence levels (1 close guidance, 2 some
    /// guidance, 3 works alone, 4 guides others); left out like the hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub median_independence: Option<f64>,
}

/// One person's work in a window: hours a week and median level.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WindowFigure {
    pub hours_a_week: f64,
    pub independence: f64,
}

/// The figure of the days in `from..=to`, `None` without recorded work.
pub fn window(days: &[LoggedDay], from: NaiveDate, to: NaiveDate) -> Option<WindowFigure> {
    let inside: Vec<&LoggedDay> = days.iter().filter(|d| d.0 >= from && d.0 <= to).collect();
    if inside.is_empty() {
        return None;
    }
    let weeks: BTreeSet<NaiveDate> = inside.iter().map(|d| week_of(d.0)).collect();
    let minutes: u64 = inside.iter().map(|d| u64::from(d.1)).sum();
    let mut levels: Vec<i64> = inside.iter().map(|d| i64::from(d.2.level())).collect();
    levels.sort_unstable();
    Some(WindowFigure {
        hours_a_week: minutes as f64 / 60.0 / weeks.len() as f64,
        independence: crate::report::stats::median(&levels)?,
    })
}

/// Which end of a stay a window looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Entry,
    Exit,
}

/// One window of one person's stay on a step: the days `from..=to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StayWindow {
    pub participant: ParticipantId,
    pub step: StepId,
    pub side: Side,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// The windows the period's figures read: the entry windows of the stays
/// that began in it and the exit windows of those that ended in it. The
/// store loads only the work recorded in them.
pub fn stay_windows(histories: &[History], period: &Period) -> Vec<StayWindow> {
    let last = Duration::days(WINDOW_DAYS - 1);
    let mut out = vec![];
    for h in histories {
        for stay in h.stays(period.to) {
            let mut push = |side, from, to| {
                if from <= to {
                    out.push(StayWindow {
                        participant: h.participant,
                        step: stay.step,
                        side,
                        from,
                        to,
                    });
                }
            };
            if period.contains(stay.from) {
                let end = stay
                    .ended
                    .map_or(period.to, |e| e - Duration::days(1))
                    .min(period.to);
                push(Side::Entry, stay.from, (stay.from + last).min(end));
            }
            if let Some(ended) = stay.ended.filter(|e| period.contains(*e)) {
                let to = ended - Duration::days(1);
                push(Side::Exit, (to - last).max(stay.from), to);
            }
        }
    }
    out
}

/// Per step, the window figures of the people at entry and at exit.
pub fn windows(
    histories: &[History],
    work: &BTreeMap<ParticipantId, Vec<LoggedDay>>,
    period: &Period,
) -> BTreeMap<StepId, (Vec<WindowFigure>, Vec<WindowFigure>)> {
    let mut out: BTreeMap<StepId, (Vec<WindowFigure>, Vec<WindowFigure>)> = BTreeMap::new();
    for w in stay_windows(histories, period) {
        let Some(f) = work
            .get(&w.participant)
            .and_then(|days| window(days, w.from, w.to))
        else {
            continue;
        };
        let both = out.entry(w.step).or_default();
        match w.side {
            Side::Entry => both.0.push(f),
            Side::Exit => both.1.push(f),
        }
    }
    out
}

fn median_of(values: impl Iterator<Item = f64>) -> Option<f64> {
    let mut v: Vec<f64> = values.collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    let m = if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    };
    Some((m * 10.0).round() / 10.0)
}

/// The figures of one window's people as `disclosure` may show them.
pub fn figures(people: &[WindowFigure], disclosure: Disclosure) -> CapacityFigures {
    let n = people.len() as u64;
    let enough = !disclosure.is_controlled() || n >= MIN_PEOPLE;
    CapacityFigures {
        people: show(n, disclosure),
        median_hours_a_week: median_of(people.iter().map(|f| f.hours_a_week)).filter(|_| enough),
        median_independence: median_of(people.iter().map(|f| f.independence)).filter(|_| enough),
    }
}

/// Work capacity per step of the ladder, in ladder order.
pub fn per_step(
    steps: &[StepInfo],
    histories: &[History],
    work: &BTreeMap<ParticipantId, Vec<LoggedDay>>,
    period: &Period,
    disclosure: Disclosure,
) -> Vec<StepWorkCapacity> {
    let all = windows(histories, work, period);
    steps
        .iter()
        .map(|s| {
            let (entry, exit) = all.get(&s.id).cloned().unwrap_or_default();
            StepWorkCapacity {
                step_id: s.id,
                name: s.name.clone(),
                position: s.position,
                at_entry: figures(&entry, disclosure),
                at_exit: figures(&exit, disclosure),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::EnrolmentStatus::*;
    use crate::report::testing::{d, history_of};
    use crate::small_cells::Suppressed;
    use crate::step_move::Direction;
    use crate::work::Independence::{self, *};
    use proptest::prelude::*;

    const LOW: StepId = StepId(10);
    const HIGH: StepId = StepId(11);

    fn steps() -> Vec<StepInfo> {
        vec![
            StepInfo {
                id: LOW,
                name: "Mylla".into(),
                position: 1,
            },
            StepInfo {
                id: HIGH,
                name: "Porten".into(),
                position: 2,
            },
        ]
    }

    /// Someone who started on the low step on 2 March and moved up on 4 May.
    fn climber(id: i64) -> History {
        history_of(
            id,
            &[(d(3, 2), Active, None)],
            &[
                (d(3, 2), None, LOW.0, Direction::Up),
                (d(5, 4), Some(LOW.0), HIGH.0, Direction::Up),
            ],
        )
    }

    fn day(date: NaiveDate, hours: u32, level: Independence) -> LoggedDay {
        (date, hours * 60, level)
    }

    #[test]
    fn a_window_sums_hours_over_the_weeks_with_work() {
        // Two days in one week, one in the next: 12 hours over two weeks.
        let days = [
            day(d(3, 2), 3, CloseGuidance),
            day(d(3, 4), 3, SomeGuidance),
            day(d(3, 10), 6, SomeGuidance),
        ];
        let f = window(&days, d(3, 2), d(3, 29)).expect("work");
        assert_eq!(f.hours_a_week, 6.0);
        assert_eq!(f.independence, 2.0);
        assert_eq!(window(&days, d(4, 1), d(4, 28)), None);
    }

    #[test]
    fn entry_is_the_first_four_weeks_and_exit_the_last_before_the_move() {
        let h = climber(1);
        let work = BTreeMap::from([(
            ParticipantId(1),
            vec![
                day(d(3, 3), 2, CloseGuidance),
                day(d(3, 30), 9, GuidesOthers), // day 29 on the step: outside entry
                day(d(4, 20), 5, WorksAlone),
                day(d(5, 4), 7, GuidesOthers), // the day of the move: the next step's
            ],
        )]);
        let year = Period::year(2026).expect("year");
        let w = windows(&[h], &work, &year);
        let (entry, exit) = &w[&LOW];
        assert_eq!(
            entry,
            &vec![WindowFigure {
                hours_a_week: 2.0,
                independence: 1.0
            }]
        );
        // 6 April to 3 May: 30 March is outside, 20 April inside.
        assert_eq!(
            exit,
            &vec![WindowFigure {
                hours_a_week: 5.0,
                independence: 3.0
            }]
        );
        let (high_entry, high_exit) = &w[&HIGH];
        assert_eq!(high_entry.len(), 1);
        assert!(high_exit.is_empty());
    }

    #[test]
    fn only_stays_beginning_or_ending_in_the_period_count() {
        let work = BTreeMap::from([(
            ParticipantId(1),
            vec![day(d(3, 3), 2, CloseGuidance), day(d(4, 30), 4, WorksAlone)],
        )]);
        let april = Period::parse(d(4, 1), d(4, 30)).expect("april");
        assert!(windows(&[climber(1)], &work, &april).is_empty());
        let may = Period::parse(d(5, 1), d(5, 31)).expect("may");
        let w = windows(&[climber(1)], &work, &may);
        assert!(w[&LOW].0.is_empty());
        assert_eq!(w[&LOW].1[0].hours_a_week, 4.0);
    }

    #[test]
    fn medians_over_people_and_control_of_small_groups() {
        let histories: Vec<History> = (1..=6).map(climber).collect();
        let work: BTreeMap<ParticipantId, Vec<LoggedDay>> = (1..=6)
            .map(|i| {
                let level = Independence::from_level(1 + (i % 2) as u8).expect("level");
                (ParticipantId(i), vec![day(d(3, 3), i as u32, level)])
            })
            .collect();
        let year = Period::year(2026).expect("year");
        let exact = per_step(&steps(), &histories, &work, &year, Disclosure::Exact);
        assert_eq!(exact[0].at_entry.people, ShownCount::Number(6));
        assert_eq!(exact[0].at_entry.median_hours_a_week, Some(3.5));
        assert_eq!(exact[0].at_entry.median_independence, Some(1.5));
        assert_eq!(exact[0].at_exit.people, ShownCount::Number(0));
        assert_eq!(exact[0].at_exit.median_hours_a_week, None);
        let controlled = per_step(&steps(), &histories, &work, &year, Disclosure::Controlled);
        assert_eq!(controlled[0].at_entry.people, ShownCount::Number(5));
        assert_eq!(controlled[0].at_entry.median_hours_a_week, Some(3.5));
        let few = per_step(
            &steps(),
            &histories[..3],
            &work,
            &year,
            Disclosure::Controlled,
        );
        assert_eq!(
            few[0].at_entry.people,
            ShownCount::Suppressed(Suppressed::FewerThanFive)
        );
        assert_eq!(few[0].at_entry.median_hours_a_week, None);
        assert_eq!(few[0].at_entry.median_independence, None);
    }

    proptest! {
        #[test]
        fn a_window_lies_within_the_days_recorded(
            entries in proptest::collection::vec((0i64..60, 1u32..=48, 1u8..=4), 1..30),
        ) {
            let start = d(3, 2);
            let days: Vec<LoggedDay> = entries
                .iter()
                .map(|(off, quarters, level)| {
                    (start + Duration::days(*off), quarters * 15,
                     Independence::from_level(*level).expect("level"))
                })
                .collect();
            let f = window(&days, start, start + Duration::days(59)).expect("work");
            let max_day = days.iter().map(|x| x.1).max().unwrap_or(0) as f64 / 60.0;
            prop_assert!(f.hours_a_week > 0.0);
            // At most seven full days a week.
            prop_assert!(f.hours_a_week <= max_day * 7.0 + 1e-9);
            prop_assert!((1.0..=4.0).contains(&f.independence));
        }
    }
}
