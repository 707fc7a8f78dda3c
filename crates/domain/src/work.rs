//! The work itself (issue 26): what a person did on a day at one of the
//! programme's workplaces (the tasks, the hours, how independently), and how
//! their work capacity grows week by week against what their step expects.

use crate::situation::code_list;
use crate::validation::{ValidationErrors, optional_free_text};
use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

code_list! {
    /// How independently a person worked, on a four-point scale.
    Independence {
        /// Needs close guidance.
        CloseGuidance = "close_guidance",
        /// Needs some guidance.
        SomeGuidance = "some_guidance",
        /// Works alone.
        WorksAlone = "works_alone",
        /// Guides others.
        GuidesOthers = "guides_others",
    }
}

impl Independence {
    /// 1 (close guidance) to 4 (guides others).
    pub fn level(self) -> u8 {
        match self {
            Self::CloseGuidance => 1,
            Self::SomeGuidance => 2,
            Self::WorksAlone => 3,
            Self::GuidesOthers => 4,
        }
    }

    /// The level's point on the scale, 1 to 4.
    pub fn from_level(level: u8) -> Option<Self> {
        Self::ALL.iter().copied().find(|i| i.level() == level)
    }
}

/// The most hours a day's entry may hold.
pub const MAX_HOURS_A_DAY: f64 = 12.0;
/// The most hours a week a step may expect.
pub const MAX_HOURS_A_WEEK: f64 = 60.0;
/// The longest note on a day's work, in characters.
pub const NOTE_MAX: usize = 300;
/// The longest name of a workplace or a task, in characters.
pub const NAME_MAX: usize = 80;
/// How many days back a day's work may still be recorded.
pub const DAYS_BACK: i64 = 62;

/// Hours as whole minutes, from hours given in quarter hours between a quarter
/// and `max` hours; the message names what is wrong.
pub fn minutes_of(hours: f64, max: f64) -> Result<u32, String> {
    let quarters = hours * 4.0;
    if !hours.is_finite() || hours < 0.25 || hours > max {
        return Err(format!("must be between 0.25 and {max}"));
    }
    if (quarters - quarters.round()).abs() > 1e-9 {
        return Err("must be in quarter hours".into());
    }
    // In range and a whole number of quarters, so the cast is exact.
    Ok((quarters.round() as u32) * 15)
}

/// Minutes as hours.
pub fn hours_of(minutes: u32) -> f64 {
    f64::from(minutes) / 60.0
}

/// A day's work of one person, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkDay {
    pub minutes: u32,
    pub independence: Independence,
    /// The tasks done, each once, in the order given.
    pub tasks: Vec<i64>,
    pub note: Option<String>,
    /// Worked as someone's peer support that day.
    pub peer_support: bool,
}

/// Checks one person's day: hours in quarter hours up to
/// [`MAX_HOURS_A_DAY`], an independence level, the tasks done (each once), an
/// optional note. Field names carry `prefix` (e.g. `entries[3].`).
pub fn parse_day(
    prefix: &str,
    hours: Option<f64>,
    independence: Option<Independence>,
    tasks: &[i64],
    note: Option<&str>,
) -> Result<WorkDay, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let minutes = match hours.map(|h| minutes_of(h, MAX_HOURS_A_DAY)) {
        None => {
            errors.add(&format!("{prefix}hours"), "is required");
            0
        }
        Some(Err(e)) => {
            errors.add(&format!("{prefix}hours"), e);
            0
        }
        Some(Ok(m)) => m,
    };
    if independence.is_none() {
        errors.add(&format!("{prefix}independence"), "is required");
    }
    let mut unique: Vec<i64> = Vec::with_capacity(tasks.len());
    for t in tasks {
        if unique.contains(t) {
            errors.add(&format!("{prefix}task_ids"), "is given twice");
            break;
        }
        unique.push(*t);
    }
    let note = optional_free_text(&mut errors, &format!("{prefix}note"), note, NOTE_MAX);
    errors.into_result(WorkDay {
        minutes,
        independence: independence.unwrap_or(Independence::CloseGuidance),
        tasks: unique,
        note,
        peer_support: false,
    })
}

/// Why a day's work cannot be recorded on `date`.
pub fn check_date(date: NaiveDate, today: NaiveDate) -> Result<(), String> {
    check_day_within(date, today, DAYS_BACK)
}

/// Why a day cannot be recorded on `date`: not ahead of `today`, at most
/// `days_back` days ago.
pub fn check_day_within(date: NaiveDate, today: NaiveDate, days_back: i64) -> Result<(), String> {
    if date > today {
        Err("must not be in the future".into())
    } else if (today - date).num_days() > days_back {
        Err(format!("must be at most {days_back} days ago"))
    } else {
        Ok(())
    }
}

/// Checks a workplace's or a task's name: required, at most [`NAME_MAX`].
pub fn parse_name(field: &str, name: Option<&str>) -> Result<String, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let name = optional_free_text(&mut errors, field, name, NAME_MAX);
    if name.is_none() && errors.is_empty() {
        errors.add(field, "is required");
    }
    errors.into_result(name.unwrap_or_default())
}

/// What a step expects of a person's work: hours a week and independence.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepDemand {
    pub minutes_a_week: Option<u32>,
    pub independence: Option<Independence>,
}

/// The Monday of `day`'s week.
pub fn week_of(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// One week of a person's work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CapacityWeek {
    /// The week's Monday.
    pub week: NaiveDate,
    pub minutes: u32,
    /// Days with recorded work.
    pub days: u32,
    /// The median independence of the week's days (the lower of the two middle
    /// ones when the count is even).
    pub independence: Independence,
}

/// One recorded day: the date, the minutes worked, the independence.
pub type LoggedDay = (NaiveDate, u32, Independence);

/// A person's recorded days summed up by week, oldest first; weeks without
/// any recorded day are left out.
pub fn weekly(days: &[LoggedDay]) -> Vec<CapacityWeek> {
    let mut sorted: Vec<&LoggedDay> = days.iter().collect();
    sorted.sort_by_key(|(d, _, _)| *d);
    let mut weeks: Vec<(NaiveDate, Vec<&LoggedDay>)> = Vec::new();
    for d in sorted {
        let w = week_of(d.0);
        match weeks.last_mut() {
            Some((last, list)) if *last == w => list.push(d),
            _ => weeks.push((w, vec![d])),
        }
    }
    weeks
        .into_iter()
        .map(|(week, list)| {
            let mut levels: Vec<Independence> = list.iter().map(|d| d.2).collect();
            levels.sort();
            CapacityWeek {
                week,
                minutes: list.iter().map(|d| d.1).sum(),
                days: u32::try_from(list.len()).unwrap_or(u32::MAX),
                independence: levels[(levels.len() - 1) / 2],
            }
        })
        .collect()
}

/// The last `n` weeks up to and including `today`'s, each with its figures
/// (a week without work counts as zero hours and no level), oldest first.
pub fn last_weeks(
    weeks: &[CapacityWeek],
    today: NaiveDate,
    n: u32,
) -> Vec<(NaiveDate, Option<CapacityWeek>)> {
    let this = week_of(today);
    (0..n)
        .rev()
        .map(|back| {
            let w = this - Duration::weeks(i64::from(back));
            (w, weeks.iter().copied().find(|c| c.week == w))
        })
        .collect()
}

/// The step a person was on at `day`, from their moves `(date, from, to)` in
/// the order they were made: where the last move on or before `day` led;
/// before their first move, where it came from; with no moves, `current`.
pub fn step_on(
    moves: &[(NaiveDate, Option<i64>, i64)],
    current: Option<i64>,
    day: NaiveDate,
) -> Option<i64> {
    let mut sorted: Vec<&(NaiveDate, Option<i64>, i64)> = moves.iter().collect();
    sorted.sort_by_key(|m| m.0);
    match sorted.iter().rev().find(|m| m.0 <= day) {
        Some(m) => Some(m.2),
        None => sorted.first().map_or(current, |m| m.1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn hours_are_quarter_hours_within_a_day() {
        assert_eq!(minutes_of(3.5, MAX_HOURS_A_DAY), Ok(210));
        assert_eq!(minutes_of(0.25, MAX_HOURS_A_DAY), Ok(15));
        assert_eq!(minutes_of(12.0, MAX_HOURS_A_DAY), Ok(720));
        assert!(minutes_of(0.0, MAX_HOURS_A_DAY).is_err());
        assert!(minutes_of(12.25, MAX_HOURS_A_DAY).is_err());
        assert!(minutes_of(-1.0, MAX_HOURS_A_DAY).is_err());
        assert!(minutes_of(f64::NAN, MAX_HOURS_A_DAY).is_err());
        assert_eq!(
            minutes_of(1.1, MAX_HOURS_A_DAY),
            Err("must be in quarter hours".into())
        );
    }

    #[test]
    fn a_day_needs_hours_and_independence_and_names_each_task_once() {
        let e = parse_day("entries[0].", None, None, &[1, 1], Some("\u{7}")).unwrap_err();
        let fields: Vec<&str> = e.0.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "entries[0].hours",
                "entries[0].independence",
                "entries[0].task_ids",
                "entries[0].note"
            ]
        );
        let ok = parse_day(
            "",
            Some(2.0),
            Some(Independence::WorksAlone),
            &[3, 1],
            Some("  planed boards "),
        )
        .unwrap();
        assert_eq!(ok.minutes, 120);
        assert_eq!(ok.tasks, [3, 1]);
        assert_eq!(ok.note.as_deref(), Some("planed boards"));
    }

    #[test]
    fn a_day_is_not_ahead_nor_long_ago() {
        let today = d(2026, 12, 4);
        assert!(check_date(today, today).is_ok());
        assert!(check_date(d(2026, 12, 5), today).is_err());
        assert!(check_date(today - Duration::days(DAYS_BACK), today).is_ok());
        assert!(check_date(today - Duration::days(DAYS_BACK + 1), today).is_err());
    }

    #[test]
    fn names_are_required_and_short() {
        assert!(parse_name("name", Some("  ")).is_err());
        assert!(parse_name("name", Some(&"x".repeat(NAME_MAX + 1))).is_err());
        assert_eq!(
            parse_name("name", Some(" Snekkerverksted ")).unwrap(),
            "Snekkerverksted"
        );
    }

    #[test]
    fn weeks_sum_hours_and_take_the_median_level() {
        use Independence::*;
        let days = [
            (d(2026, 11, 30), 120, CloseGuidance), // Monday
            (d(2026, 12, 2), 180, WorksAlone),
            (d(2026, 12, 3), 240, SomeGuidance),
            (d(2026, 12, 4), 60, GuidesOthers),
            (d(2026, 12, 8), 300, WorksAlone), // next Tuesday
        ];
        let w = weekly(&days);
        assert_eq!(w.len(), 2);
        assert_eq!(w[0].week, d(2026, 11, 30));
        assert_eq!(w[0].minutes, 600);
        assert_eq!(w[0].days, 4);
        assert_eq!(w[0].independence, SomeGuidance);
        assert_eq!(w[1].week, d(2026, 12, 7));
        assert_eq!(w[1].independence, WorksAlone);
        let last = last_weeks(&w, d(2026, 12, 9), 4);
        assert_eq!(last.len(), 4);
        assert_eq!(last[3].0, d(2026, 12, 7));
        assert_eq!(last[3].1.map(|c| c.minutes), Some(300));
        assert_eq!(last[1].1, None);
    }

    #[test]
    fn the_step_of_a_day_follows_the_moves() {
        let moves = [(d(2026, 10, 1), Some(1), 2), (d(2026, 11, 1), Some(2), 3)];
        assert_eq!(step_on(&moves, Some(3), d(2026, 9, 1)), Some(1));
        assert_eq!(step_on(&moves, Some(3), d(2026, 10, 1)), Some(2));
        assert_eq!(step_on(&moves, Some(3), d(2026, 10, 31)), Some(2));
        assert_eq!(step_on(&moves, Some(3), d(2026, 12, 1)), Some(3));
        assert_eq!(step_on(&[], Some(7), d(2026, 12, 1)), Some(7));
    }

    #[test]
    fn levels_go_from_one_to_four() {
        for i in Independence::ALL.iter().copied() {
            assert_eq!(Independence::from_level(i.level()), Some(i));
        }
        assert_eq!(Independence::from_level(0), None);
        assert_eq!(Independence::from_level(5), None);
    }

    fn arb_day() -> impl Strategy<Value = (NaiveDate, u32, Independence)> {
        (0i64..400, 1u32..=48, 1u8..=4).prop_map(|(off, q, l)| {
            (
                d(2025, 1, 1) + Duration::days(off),
                q * 15,
                Independence::from_level(l).unwrap(),
            )
        })
    }

    proptest! {
        #[test]
        fn every_day_is_in_exactly_one_week_and_the_hours_add_up(days in prop::collection::vec(arb_day(), 0..60)) {
            let weeks = weekly(&days);
            let total: u32 = days.iter().map(|d| d.1).sum();
            prop_assert_eq!(weeks.iter().map(|w| w.minutes).sum::<u32>(), total);
            prop_assert_eq!(weeks.iter().map(|w| w.days).sum::<u32>() as usize, days.len());
            for pair in weeks.windows(2) {
                prop_assert!(pair[0].week < pair[1].week);
            }
            for day in &days {
                let holding = weeks.iter().filter(|w| w.week <= day.0 && day.0 < w.week + Duration::days(7)).count();
                prop_assert_eq!(holding, 1);
            }
            for w in &weeks {
                let levels: Vec<Independence> = days.iter().filter(|d| week_of(d.0) == w.week).map(|d| d.2).collect();
                prop_assert!(levels.contains(&w.independence));
                prop_assert_eq!(w.week.weekday(), chrono::Weekday::Mon);
            }
        }

        #[test]
        fn quarter_hours_round_trip(q in 1u32..=48) {
            let hours = f64::from(q) / 4.0;
            prop_assert_eq!(minutes_of(hours, MAX_HOURS_A_DAY), Ok(q * 15));
            prop_assert!((hours_of(q * 15) - hours).abs() < 1e-9);
        }
    }
}
