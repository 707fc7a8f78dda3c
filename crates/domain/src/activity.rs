//! A person's enrolment in one of the ladder's parallel activities (issue 24;
//! Porten's ALUP, a course, treatment): start, planned end, attendance beside
//! the steps, and how it ended (completed, or interrupted with a reason) with
//! its result in words. A placement recorded as an activity is one kind of
//! enrolment.

use crate::situation::code_list;
use crate::validation::{ValidationErrors, optional_free_text as text};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

code_list! {
    /// How an enrolment came about.
    EnrolmentKind {
        /// Enrolled in the activity directly.
        Course = "course",
        /// A confirmed placement recorded as the activity.
        Placement = "placement",
    }
}

code_list! {
    /// How an enrolment in an activity ended.
    ActivityEnding {
        /// The person went through the activity.
        Completed = "completed",
        /// It stopped before its end; a reason is given.
        Interrupted = "interrupted",
    }
}

/// The longest reason for an interruption, in characters.
pub const REASON_MAX: usize = 300;
/// The longest result, in characters.
pub const RESULT_MAX: usize = 500;
/// How far ahead an enrolment may start, in days.
pub const START_AHEAD_DAYS: i64 = 366;

/// An enrolment's period, checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EnrolmentPeriod {
    pub starts_on: NaiveDate,
    pub planned_end_on: Option<NaiveDate>,
}

/// Checks an enrolment's period: a start at most a year ahead, and a planned
/// end, when given, on or after it.
pub fn parse_period(
    starts_on: Option<NaiveDate>,
    planned_end_on: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<EnrolmentPeriod, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let Some(starts_on) = starts_on else {
        errors.add("starts_on", "is required");
        return Err(errors);
    };
    if (starts_on - today).num_days() > START_AHEAD_DAYS {
        errors.add(
            "starts_on",
            format!("must be at most {START_AHEAD_DAYS} days ahead"),
        );
    }
    if planned_end_on.is_some_and(|end| end < starts_on) {
        errors.add("planned_end_on", "must be on or after the start date");
    }
    errors.into_result(EnrolmentPeriod {
        starts_on,
        planned_end_on,
    })
}

/// How an enrolment ended, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ended {
    pub ending: ActivityEnding,
    pub ended_on: NaiveDate,
    pub reason: Option<String>,
    pub result: Option<String>,
}

/// Checks the end of an enrolment that started on `starts_on`: a day from the
/// start to today, a reason for an interruption, a result in words at most
/// [`RESULT_MAX`] characters.
pub fn parse_ending(
    ending: Option<ActivityEnding>,
    ended_on: Option<NaiveDate>,
    reason: Option<&str>,
    result: Option<&str>,
    starts_on: NaiveDate,
    today: NaiveDate,
) -> Result<Ended, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    if ending.is_none() {
        errors.add("ending", "is required");
    }
    let ended_on = ended_on.unwrap_or(today);
    if ended_on > today {
        errors.add("ended_on", "must not be in the future");
    } else if ended_on < starts_on {
        errors.add("ended_on", "must be on or after the start date");
    }
    let reason = text(&mut errors, "reason", reason, REASON_MAX);
    if ending == Some(ActivityEnding::Interrupted) && reason.is_none() {
        errors.add("reason", "is required");
    }
    let result = text(&mut errors, "result", result, RESULT_MAX);
    errors.into_result(Ended {
        ending: ending.unwrap_or(ActivityEnding::Completed),
        ended_on,
        reason,
        result,
    })
}

/// How a placement's enrolment ends when the placement does: completed with
/// it, interrupted when it ended early; `None` while it goes on.
pub fn ending_of_placement(status: crate::placement::PlacementStatus) -> Option<ActivityEnding> {
    use crate::placement::PlacementStatus as P;
    match status {
        P::Completed => Some(ActivityEnding::Completed),
        P::EndedEarly | P::Declined => Some(ActivityEnding::Interrupted),
        P::Proposed | P::AwaitingEmployer | P::Confirmed | P::Active => None,
    }
}

/// Why a mark in an activity was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActivityMarkError {
    FutureDay,
    /// Before the start, or after the end, of the enrolment.
    OutsideEnrolment,
}

impl std::fmt::Display for ActivityMarkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::FutureDay => "attendance cannot be marked for a future day",
            Self::OutsideEnrolment => "is outside the enrolment in the activity",
        })
    }
}

/// Checks that attendance in an activity may be marked for `day`: not ahead
/// of today, within the enrolment (from its start to its end, if ended).
pub fn check_mark(
    day: NaiveDate,
    today: NaiveDate,
    starts_on: NaiveDate,
    ended_on: Option<NaiveDate>,
) -> Result<(), ActivityMarkError> {
    if day > today {
        Err(ActivityMarkError::FutureDay)
    } else if day < starts_on || ended_on.is_some_and(|end| day > end) {
        Err(ActivityMarkError::OutsideEnrolment)
    } else {
        Ok(())
    }
}

/// Whether an enrolment runs on `day`: started, and not ended before it.
pub fn runs_on(day: NaiveDate, starts_on: NaiveDate, ended_on: Option<NaiveDate>) -> bool {
    starts_on <= day && ended_on.is_none_or(|end| day <= end)
}

/// One enrolment as the report counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EnrolmentSpan {
    pub starts_on: NaiveDate,
    pub ended: Option<(ActivityEnding, NaiveDate)>,
}

/// An activity's enrolments, as the report reads them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivitySpans {
    pub activity: crate::ActivityId,
    pub name: String,
    pub spans: Vec<EnrolmentSpan>,
}

/// What the report says of one activity in a period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ActivityCounts {
    /// Enrolments that started in the period.
    pub enrolled: usize,
    /// Enrolments completed in the period.
    pub completed: usize,
    /// Enrolments interrupted in the period.
    pub interrupted: usize,
    /// Enrolments started and not ended by the period's last day.
    pub running: usize,
}

/// Counts an activity's enrolments for the period `from..=to`.
pub fn count(spans: &[EnrolmentSpan], from: NaiveDate, to: NaiveDate) -> ActivityCounts {
    let within = |d: NaiveDate| from <= d && d <= to;
    let mut counts = ActivityCounts::default();
    for s in spans {
        if within(s.starts_on) {
            counts.enrolled += 1;
        }
        match s.ended {
            Some((ActivityEnding::Completed, on)) if within(on) => counts.completed += 1,
            Some((ActivityEnding::Interrupted, on)) if within(on) => counts.interrupted += 1,
            _ => {}
        }
        if s.starts_on <= to && s.ended.is_none_or(|(_, on)| on > to) {
            counts.running += 1;
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    #[test]
    fn a_period_needs_a_start_and_an_end_after_it() {
        let today = day(12, 4);
        let ok = parse_period(Some(day(12, 7)), Some(day(12, 18)), today).unwrap();
        assert_eq!(ok.planned_end_on, Some(day(12, 18)));
        let e = parse_period(None, None, today).unwrap_err();
        assert_eq!(e.0[0].field, "starts_on");
        let e = parse_period(Some(day(12, 7)), Some(day(12, 6)), today).unwrap_err();
        assert_eq!(e.0[0].field, "planned_end_on");
        let far = today + chrono::Duration::days(START_AHEAD_DAYS + 1);
        assert!(parse_period(Some(far), None, today).is_err());
    }

    #[test]
    fn an_interruption_needs_a_reason_and_the_end_a_plausible_day() {
        let today = day(12, 4);
        let start = day(11, 2);
        let done = parse_ending(
            Some(ActivityEnding::Completed),
            None,
            None,
            Some(" direction: warehouse work "),
            start,
            today,
        )
        .unwrap();
        assert_eq!(done.ended_on, today);
        assert_eq!(done.result.as_deref(), Some("direction: warehouse work"));
        let e = parse_ending(
            Some(ActivityEnding::Interrupted),
            Some(day(10, 1)),
            Some("  "),
            None,
            start,
            today,
        )
        .unwrap_err();
        let fields: Vec<&str> = e.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["ended_on", "reason"]);
        let e = parse_ending(None, Some(day(12, 5)), None, None, start, today).unwrap_err();
        let fields: Vec<&str> = e.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["ending", "ended_on"]);
    }

    #[test]
    fn a_placement_enrolment_ends_with_the_placement() {
        use crate::placement::PlacementStatus as P;
        assert_eq!(
            ending_of_placement(P::Completed),
            Some(ActivityEnding::Completed)
        );
        assert_eq!(
            ending_of_placement(P::EndedEarly),
            Some(ActivityEnding::Interrupted)
        );
        assert_eq!(ending_of_placement(P::Active), None);
    }

    #[test]
    fn marks_fall_within_the_enrolment() {
        let today = day(12, 4);
        assert_eq!(check_mark(day(12, 3), today, day(12, 1), None), Ok(()));
        assert_eq!(
            check_mark(day(12, 5), today, day(12, 1), None),
            Err(ActivityMarkError::FutureDay)
        );
        assert_eq!(
            check_mark(day(11, 30), today, day(12, 1), None),
            Err(ActivityMarkError::OutsideEnrolment)
        );
        assert_eq!(
            check_mark(day(12, 3), today, day(12, 1), Some(day(12, 2))),
            Err(ActivityMarkError::OutsideEnrolment)
        );
    }

    #[test]
    fn the_report_counts_starts_endings_and_running() {
        let spans = [
            EnrolmentSpan {
                starts_on: day(2, 1),
                ended: Some((ActivityEnding::Completed, day(5, 1))),
            },
            EnrolmentSpan {
                starts_on: day(3, 1),
                ended: Some((ActivityEnding::Interrupted, day(4, 1))),
            },
            EnrolmentSpan {
                starts_on: day(6, 1),
                ended: None,
            },
        ];
        let c = count(&spans, day(1, 1), day(4, 30));
        assert_eq!(
            c,
            ActivityCounts {
                enrolled: 2,
                completed: 0,
                interrupted: 1,
                running: 1,
            }
        );
        let c = count(&spans, day(1, 1), day(12, 31));
        assert_eq!(
            (c.enrolled, c.completed, c.interrupted, c.running),
            (3, 1, 1, 1)
        );
    }

    proptest! {
        #[test]
        fn no_enrolment_ends_more_than_once_in_the_counts(
            starts in proptest::collection::vec((0i64..300, proptest::option::of((0i64..200, any::<bool>()))), 0..20),
            from in 0i64..300,
            len in 0i64..200,
        ) {
            let base = day(1, 1);
            let spans: Vec<EnrolmentSpan> = starts.iter().map(|(s, e)| {
                let starts_on = base + chrono::Duration::days(*s);
                EnrolmentSpan {
                    starts_on,
                    ended: e.map(|(after, done)| (
                        if done { ActivityEnding::Completed } else { ActivityEnding::Interrupted },
                        starts_on + chrono::Duration::days(after),
                    )),
                }
            }).collect();
            let from = base + chrono::Duration::days(from);
            let c = count(&spans, from, from + chrono::Duration::days(len));
            prop_assert!(c.enrolled <= spans.len());
            prop_assert!(c.completed + c.interrupted <= spans.len());
            prop_assert!(c.running <= spans.len());
            // A whole period counts every enrolment once.
            let all = count(&spans, base, base + chrono::Duration::days(600));
            prop_assert_eq!(all.enrolled, spans.len());
            prop_assert_eq!(all.completed + all.interrupted + all.running, spans.len());
        }
    }
}
