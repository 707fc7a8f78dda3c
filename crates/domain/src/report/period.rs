//! A report's period (both ends included) and calendar months.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

/// From and to, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    #[error("the period ends before it starts")]
    EndsBeforeStart,
    #[error("a report covers at most ten years")]
    TooLong,
    /// Viewers, mentors and partners ask for whole calendar months only.
    #[error(
        "whole calendar months only: from the first day of a month to the last day of a month (a month, a quarter, a year, or any run of whole months)"
    )]
    NotWholeMonths,
}

/// Longest period a report covers: enough for any evaluation, and a bound on work.
const MAX_DAYS: i64 = 3660;

impl Period {
    pub fn parse(from: NaiveDate, to: NaiveDate) -> Result<Self, PeriodError> {
        if to < from {
            Err(PeriodError::EndsBeforeStart)
        } else if (to - from).num_days() > MAX_DAYS {
            Err(PeriodError::TooLong)
        } else {
            Ok(Self { from, to })
        }
    }

    /// The calendar year `year`.
    pub fn year(year: i32) -> Option<Self> {
        Some(Self {
            from: NaiveDate::from_ymd_opt(year, 1, 1)?,
            to: NaiveDate::from_ymd_opt(year, 12, 31)?,
        })
    }

    /// Whether the period runs from the first day of a month to the last day
    /// of a month: the only periods audiences under disclosure control may ask
    /// for, so that two periods never differ by a day or a week.
    pub fn is_whole_months(&self) -> bool {
        self.from.day() == 1 && self.to.succ_opt().is_some_and(|next| next.day() == 1)
    }

    /// The period as an audience under disclosure control may ask for it.
    pub fn whole_months(self) -> Result<Self, PeriodError> {
        if self.is_whole_months() {
            Ok(self)
        } else {
            Err(PeriodError::NotWholeMonths)
        }
    }

    /// The last day of `date`'s month.
    pub fn month_end(date: NaiveDate) -> NaiveDate {
        let next = Month::of(date).next();
        NaiveDate::from_ymd_opt(next.year, next.month, 1)
            .and_then(|d| d.pred_opt())
            .unwrap_or(date)
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }

    /// Days in the period, both ends counted.
    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    /// Every calendar month the period touches, in order.
    pub fn months(&self) -> Vec<Month> {
        let mut out = Vec::new();
        let mut m = Month::of(self.from);
        let last = Month::of(self.to);
        while m <= last {
            out.push(m);
            m = m.next();
        }
        out
    }
}

/// A calendar month, shown as `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

impl Month {
    pub fn of(date: NaiveDate) -> Self {
        Self {
            year: date.year(),
            month: date.month(),
        }
    }

    pub fn next(self) -> Self {
        if self.month >= 12 {
            Self {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Self {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    /// Parses `YYYY-MM`.
    pub fn parse(value: &str) -> Option<Self> {
        let (y, m) = value.split_once('-')?;
        let year = y.parse().ok()?;
        let month = m.parse().ok()?;
        NaiveDate::from_ymd_opt(year, month, 1).map(Self::of)
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn a_period_lists_every_month_it_touches() {
        let p = Period::parse(d(2025, 11, 20), d(2026, 2, 1)).expect("period");
        let months: Vec<String> = p.months().iter().map(ToString::to_string).collect();
        assert_eq!(months, ["2025-11", "2025-12", "2026-01", "2026-02"]);
        assert_eq!(p.days(), 74);
    }

    #[test]
    fn a_period_must_not_end_before_it_starts_or_run_past_ten_years() {
        assert_eq!(
            Period::parse(d(2026, 2, 1), d(2026, 1, 1)),
            Err(PeriodError::EndsBeforeStart)
        );
        assert_eq!(
            Period::parse(d(2010, 1, 1), d(2026, 1, 1)),
            Err(PeriodError::TooLong)
        );
        assert!(Period::parse(d(2026, 1, 1), d(2026, 1, 1)).is_ok());
    }

    #[test]
    fn whole_months_run_from_a_first_day_to_a_last_day() {
        let whole = |a, b| Period::parse(a, b).expect("period").is_whole_months();
        assert!(whole(d(2026, 1, 1), d(2026, 1, 31)));
        assert!(whole(d(2026, 1, 1), d(2026, 3, 31)));
        assert!(whole(d(2024, 2, 1), d(2024, 2, 29)));
        assert!(whole(d(2025, 11, 1), d(2026, 12, 31)));
        assert!(!whole(d(2026, 1, 2), d(2026, 1, 31)));
        assert!(!whole(d(2026, 1, 1), d(2026, 1, 30)));
        assert!(!whole(d(2024, 2, 1), d(2024, 2, 28)));
        assert_eq!(Period::month_end(d(2026, 2, 10)), d(2026, 2, 28));
        assert_eq!(Period::month_end(d(2026, 12, 31)), d(2026, 12, 31));
        assert_eq!(
            Period::parse(d(2026, 1, 1), d(2026, 1, 15)).and_then(Period::whole_months),
            Err(PeriodError::NotWholeMonths)
        );
    }

    #[test]
    fn months_parse_and_print_alike() {
        assert_eq!(
            Month::parse("2026-03").map(|m| m.to_string()).as_deref(),
            Some("2026-03")
        );
        assert_eq!(Month::parse("2026-13"), None);
        assert_eq!(
            Month {
                year: 2025,
                month: 12
            }
            .next(),
            Month {
                year: 2026,
                month: 1
            }
        );
    }
}
