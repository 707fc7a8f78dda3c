//! The attendance register: one mark per participant per working day, attendance
//! rates, and the early warning for repeated absence without notice.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One participant's mark for one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum AttendanceMark {
    Present,
    AbsentWithNotice,
    AbsentWithoutNotice,
    /// Came, but was not fit for work and was sent home.
    SentHome,
    /// Not expected that day (outside planned participation).
    NotScheduled,
}

impl AttendanceMark {
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(value: &str) -> Option<Self> {
        value.parse().ok()
    }

    /// Whether the day counts in the attendance rate at all.
    pub fn is_scheduled(self) -> bool {
        self != Self::NotScheduled
    }
}

pub fn is_working_day(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The days of the week a participant plans to come: one bit per ISO weekday,
/// Monday = 1, Tuesday = 2, ..., Sunday = 64.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlannedWeekdays(u8);

impl PlannedWeekdays {
    /// Monday to Friday: what a participant without a day plan is expected on.
    pub const WORKING_WEEK: Self = Self(0b001_1111);

    /// Days by ISO number (1 = Monday … 7 = Sunday); at least one, each 1 to 7.
    pub fn parse(iso_days: &[i64]) -> Result<Self, &'static str> {
        if iso_days.is_empty() {
            return Err("choose at least one day");
        }
        let mut bits = 0u8;
        for d in iso_days {
            match u32::try_from(*d) {
                Ok(d @ 1..=7) => bits |= 1 << (d - 1),
                _ => return Err("must be days 1 (Monday) to 7 (Sunday)"),
            }
        }
        Ok(Self(bits))
    }

    /// The first `n` days of the week: how "n days per week" reads as days.
    pub fn first_days(n: u32) -> Self {
        Self(((1u16 << n.clamp(1, 7)) - 1) as u8)
    }

    /// From the stored bits; `None` when they name no day.
    pub fn from_bits(bits: i32) -> Option<Self> {
        u8::try_from(bits & 0x7f).ok().filter(|b| *b != 0).map(Self)
    }

    pub fn bits(self) -> i32 {
        i32::from(self.0)
    }

    pub fn contains(self, day: Weekday) -> bool {
        self.0 & (1 << day.num_days_from_monday()) != 0
    }

    /// The days by ISO number, Monday first.
    pub fn iso_days(self) -> Vec<i64> {
        (1..=7).filter(|d| self.0 & (1 << (d - 1)) != 0).collect()
    }
}

/// Whether the house expects a participant on a day, and if not, why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum Expectation {
    /// A planned day: the register wants a mark.
    Expected,
    /// Not one of the participant's planned days (or not a working day).
    NotScheduled,
    /// At an internship or job trial (a confirmed or active placement covers the day).
    AtInternship,
    /// Participation is paused.
    Paused,
}

impl Expectation {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// Whether a participant is expected in the house on `date`: an active participant,
/// on one of their planned days (Monday to Friday without a day plan), and not at an
/// internship that day. Referred, in-assessment and exited people are never listed.
pub fn expectation(
    date: NaiveDate,
    paused: bool,
    plan: Option<PlannedWeekdays>,
    at_internship: bool,
) -> Expectation {
    if paused {
        Expectation::Paused
    } else if at_internship {
        Expectation::AtInternship
    } else if is_working_day(date)
        && plan
            .unwrap_or(PlannedWeekdays::WORKING_WEEK)
            .contains(date.weekday())
    {
        Expectation::Expected
    } else {
        Expectation::NotScheduled
    }
}

/// Why a mark cannot be recorded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MarkError {
    #[error("attendance cannot be marked for a future day")]
    FutureDay,
    #[error("attendance is marked on working days only")]
    NotAWorkingDay,
    #[error("the participant has exited the programme")]
    Exited,
}

/// Checks that a mark may be recorded for `date`.
pub fn check_mark(
    date: NaiveDate,
    today: NaiveDate,
    exited_on_or_before: bool,
) -> Result<(), MarkError> {
    if date > today {
        Err(MarkError::FutureDay)
    } else if !is_working_day(date) {
        Err(MarkError::NotAWorkingDay)
    } else if exited_on_or_before {
        Err(MarkError::Exited)
    } else {
        Ok(())
    }
}

/// The share of scheduled days marked present, or `None` with no scheduled days.
pub fn attendance_rate(marks: &[AttendanceMark]) -> Option<f64> {
    let scheduled = marks.iter().filter(|m| m.is_scheduled()).count();
    let present = marks
        .iter()
        .filter(|m| **m == AttendanceMark::Present)
        .count();
    (scheduled > 0).then(|| present as f64 / scheduled as f64)
}

/// The Monday of `date`'s ISO week.
pub fn week_start(date: NaiveDate) -> NaiveDate {
    date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
}

/// Attendance rate per ISO week for the `weeks` weeks ending with `today`'s week,
/// oldest first; `None` for a week without scheduled days.
pub fn weekly_trend(
    marks: &[(NaiveDate, AttendanceMark)],
    today: NaiveDate,
    weeks: u32,
) -> Vec<(NaiveDate, Option<f64>)> {
    let this_week = week_start(today);
    (0..weeks)
        .rev()
        .map(|back| {
            let start = this_week - Duration::weeks(i64::from(back));
            let end = start + Duration::days(7);
            let week: Vec<AttendanceMark> = marks
                .iter()
                .filter(|(d, _)| *d >= start && *d < end)
                .map(|(_, m)| *m)
                .collect();
            (start, attendance_rate(&week))
        })
        .collect()
}

/// Attendance rate for each calendar month that has marks, oldest first.
pub fn monthly_rates(marks: &[(NaiveDate, AttendanceMark)]) -> Vec<((i32, u32), Option<f64>)> {
    let mut months: Vec<(i32, u32)> = marks.iter().map(|(d, _)| (d.year(), d.month())).collect();
    months.sort_unstable();
    months.dedup();
    months
        .into_iter()
        .map(|(y, m)| {
            let month: Vec<AttendanceMark> = marks
                .iter()
                .filter(|(d, _)| d.year() == y && d.month() == m)
                .map(|(_, mark)| *mark)
                .collect();
            ((y, m), attendance_rate(&month))
        })
        .collect()
}

/// Working days in a row, ending at the latest marked working day, on which the
/// participant was absent without notice. Days marked "not scheduled" are skipped;
/// an unmarked working day breaks the run.
pub fn consecutive_unnotified_absences(marks: &[(NaiveDate, AttendanceMark)]) -> u32 {
    absence_run(marks).map_or(0, |r| r.days)
}

/// A run of working days absent without notice, up to the latest marked day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AbsenceRun {
    /// The first day of the run.
    pub since: NaiveDate,
    pub days: u32,
}

/// The run of absences without notice that the latest marked working day ends,
/// if it is one (see [`consecutive_unnotified_absences`]).
pub fn absence_run(marks: &[(NaiveDate, AttendanceMark)]) -> Option<AbsenceRun> {
    let by_date: BTreeMap<NaiveDate, AttendanceMark> = marks
        .iter()
        .copied()
        .filter(|(d, _)| is_working_day(*d))
        .collect();
    let mut run: Option<AbsenceRun> = None;
    // The working day the run needs next, going back in time.
    let mut expected: Option<NaiveDate> = None;
    for (date, mark) in by_date.iter().rev() {
        if expected.is_some_and(|e| e != *date) {
            break;
        }
        expected = Some(previous_working_day(*date));
        match mark {
            AttendanceMark::NotScheduled => continue,
            AttendanceMark::AbsentWithoutNotice => {
                let days = run.map_or(0, |r| r.days) + 1;
                run = Some(AbsenceRun { since: *date, days });
            }
            _ => break,
        }
    }
    run
}

/// Checks planned participation as sent: ISO weekdays (1 = Monday) and/or hours
/// a week (1 to 60), at least one of them. Errors name `weekdays` and
/// `hours_per_week`.
pub fn parse_plan(
    weekdays: Option<&[i64]>,
    hours_per_week: Option<i64>,
    errors: &mut crate::ValidationErrors,
) -> (Option<PlannedWeekdays>, Option<i32>) {
    let days = match weekdays.map(PlannedWeekdays::parse) {
        Some(Err(e)) => {
            errors.add("weekdays", e);
            None
        }
        Some(Ok(days)) => Some(days),
        None => None,
    };
    let hours = match hours_per_week {
        Some(h) if !(1..=60).contains(&h) => {
            errors.add("hours_per_week", "must be between 1 and 60");
            None
        }
        h => h.and_then(|v| i32::try_from(v).ok()),
    };
    if weekdays.is_none() && hours_per_week.is_none() {
        errors.add("weekdays", "give the days of the week or hours per week");
    }
    (days, hours)
}

/// The working day before `date`.
pub fn previous_working_day(date: NaiveDate) -> NaiveDate {
    let mut d = date - Duration::days(1);
    while !is_working_day(d) {
        d -= Duration::days(1);
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use AttendanceMark as M;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn the_rate_counts_present_days_among_scheduled_ones() {
        assert_eq!(
            attendance_rate(&[M::Present, M::Present, M::AbsentWithNotice, M::NotScheduled]),
            Some(2.0 / 3.0)
        );
        assert_eq!(attendance_rate(&[M::NotScheduled]), None);
        assert_eq!(attendance_rate(&[M::SentHome, M::Present]), Some(0.5));
    }

    #[test]
    fn marks_are_refused_for_future_days_weekends_and_exited_participants() {
        let monday = d(2026, 11, 23);
        assert_eq!(
            check_mark(monday + Duration::days(1), monday, false),
            Err(MarkError::FutureDay)
        );
        assert_eq!(
            check_mark(d(2026, 11, 22), monday, false),
            Err(MarkError::NotAWorkingDay)
        );
        assert_eq!(check_mark(monday, monday, true), Err(MarkError::Exited));
        assert_eq!(check_mark(monday, monday, false), Ok(()));
    }

    #[test]
    fn absences_across_a_weekend_are_consecutive() {
        // Friday 20 and Monday 23 November 2026.
        let marks = [
            (d(2026, 11, 19), M::Present),
            (d(2026, 11, 20), M::AbsentWithoutNotice),
            (d(2026, 11, 23), M::AbsentWithoutNotice),
        ];
        assert_eq!(consecutive_unnotified_absences(&marks), 2);
    }

    #[test]
    fn a_gap_or_another_mark_breaks_the_run() {
        let with_gap = [
            (d(2026, 11, 18), M::AbsentWithoutNotice),
            (d(2026, 11, 20), M::AbsentWithoutNotice),
        ];
        assert_eq!(consecutive_unnotified_absences(&with_gap), 1);
        let with_notice = [
            (d(2026, 11, 19), M::AbsentWithoutNotice),
            (d(2026, 11, 20), M::AbsentWithNotice),
        ];
        assert_eq!(consecutive_unnotified_absences(&with_notice), 0);
    }

    #[test]
    fn the_trend_covers_eight_weeks_oldest_first() {
        let today = d(2026, 11, 25);
        let marks = [
            (d(2026, 11, 23), M::Present),
            (d(2026, 11, 24), M::AbsentWithNotice),
        ];
        let trend = weekly_trend(&marks, today, 8);
        assert_eq!(trend.len(), 8);
        assert_eq!(trend[7], (d(2026, 11, 23), Some(0.5)));
        assert_eq!(trend[0].1, None);
        assert_eq!(monthly_rates(&marks), vec![((2026, 11), Some(0.5))]);
    }

    #[test]
    fn days_are_parsed_by_iso_number_and_read_back() {
        let plan = PlannedWeekdays::parse(&[1, 3, 5]).expect("days");
        assert_eq!(plan.iso_days(), vec![1, 3, 5]);
        assert!(plan.contains(Weekday::Wed) && !plan.contains(Weekday::Tue));
        assert_eq!(PlannedWeekdays::from_bits(plan.bits()), Some(plan));
        assert!(PlannedWeekdays::parse(&[]).is_err());
        assert!(PlannedWeekdays::parse(&[0]).is_err());
        assert!(PlannedWeekdays::parse(&[8]).is_err());
        assert_eq!(PlannedWeekdays::first_days(3).iso_days(), vec![1, 2, 3]);
        assert_eq!(PlannedWeekdays::from_bits(0), None);
    }

    #[test]
    fn a_participant_is_expected_on_planned_days_unless_paused_or_at_internship() {
        let (monday, tuesday) = (d(2026, 11, 23), d(2026, 11, 24));
        let mondays = PlannedWeekdays::parse(&[1]).ok();
        assert_eq!(
            expectation(monday, false, mondays, false),
            Expectation::Expected
        );
        assert_eq!(
            expectation(tuesday, false, mondays, false),
            Expectation::NotScheduled
        );
        assert_eq!(
            expectation(monday, false, mondays, true),
            Expectation::AtInternship
        );
        assert_eq!(
            expectation(monday, true, mondays, false),
            Expectation::Paused
        );
        // Without a day plan: every working day, never the weekend.
        assert_eq!(
            expectation(tuesday, false, None, false),
            Expectation::Expected
        );
        assert_eq!(
            expectation(d(2026, 11, 22), false, None, false),
            Expectation::NotScheduled
        );
    }

    proptest! {
        #[test]
        fn a_rate_is_always_between_zero_and_one(marks in proptest::collection::vec(0usize..5, 0..60)) {
            let marks: Vec<M> = marks.into_iter().map(|i| M::ALL[i]).collect();
            if let Some(r) = attendance_rate(&marks) {
                prop_assert!((0.0..=1.0).contains(&r));
            }
        }

        #[test]
        fn the_run_never_exceeds_the_unnotified_absences(days in proptest::collection::vec((0i64..40, 0usize..5), 0..30)) {
            let start = d(2026, 1, 5);
            let marks: Vec<(NaiveDate, M)> = days.iter().map(|(o, m)| (start + Duration::days(*o), M::ALL[*m])).collect();
            let mut unique = marks.clone();
            unique.sort_by_key(|(d, _)| *d);
            unique.dedup_by_key(|(d, _)| *d);
            let absences = unique.iter().filter(|(_, m)| *m == M::AbsentWithoutNotice).count();
            prop_assert!(consecutive_unnotified_absences(&unique) as usize <= absences);
        }
    }
}

crate::stored::stored_as_code!(AttendanceMark);
