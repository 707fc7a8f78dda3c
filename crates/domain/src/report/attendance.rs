//! Attendance rate per step per month, from counts the store aggregates.

use crate::attendance::AttendanceMark;
use crate::ids::StepId;
use crate::report::period::Month;
use std::collections::BTreeMap;

/// Marks of one kind on one step in one month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MarkCount {
    pub step: StepId,
    pub month: Month,
    pub mark: AttendanceMark,
    pub days: u64,
}

/// People with at least one mark on one step in one month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeopleCount {
    pub step: StepId,
    pub month: Month,
    pub people: u64,
}

/// Per step and month: people marked and their attendance rate (present over
/// scheduled days, as [`crate::attendance::attendance_rate`] counts it).
pub fn rates(
    marks: &[MarkCount],
    people: &[PeopleCount],
) -> BTreeMap<(StepId, Month), (u64, Option<f64>)> {
    let mut days: BTreeMap<(StepId, Month), (u64, u64)> = BTreeMap::new();
    for m in marks {
        let entry = days.entry((m.step, m.month)).or_default();
        if m.mark == AttendanceMark::Present {
            entry.0 += m.days;
        }
        if m.mark.is_scheduled() {
            entry.1 += m.days;
        }
    }
    let mut out = BTreeMap::new();
    for p in people {
        let (present, scheduled) = days.get(&(p.step, p.month)).copied().unwrap_or_default();
        let rate = (scheduled > 0).then(|| present as f64 / scheduled as f64);
        out.insert((p.step, p.month), (p.people, rate));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attendance::attendance_rate;
    use AttendanceMark::*;
    use proptest::prelude::*;

    const JAN: Month = Month {
        year: 2026,
        month: 1,
    };

    #[test]
    fn days_not_scheduled_do_not_count() {
        let marks = [
            MarkCount {
                step: StepId(1),
                month: JAN,
                mark: Present,
                days: 6,
            },
            MarkCount {
                step: StepId(1),
                month: JAN,
                mark: AbsentWithNotice,
                days: 2,
            },
            MarkCount {
                step: StepId(1),
                month: JAN,
                mark: NotScheduled,
                days: 9,
            },
        ];
        let people = [PeopleCount {
            step: StepId(1),
            month: JAN,
            people: 3,
        }];
        assert_eq!(
            rates(&marks, &people).get(&(StepId(1), JAN)),
            Some(&(3, Some(0.75)))
        );
    }

    proptest! {
        #[test]
        fn counted_rates_equal_the_rate_of_the_marks_themselves(
            marks in proptest::collection::vec(0usize..5, 1..80)
        ) {
            let marks: Vec<AttendanceMark> = marks.into_iter().map(|i| AttendanceMark::ALL[i]).collect();
            let counts: Vec<MarkCount> = AttendanceMark::ALL
                .iter()
                .map(|kind| MarkCount {
                    step: StepId(1),
                    month: JAN,
                    mark: *kind,
                    days: marks.iter().filter(|m| *m == kind).count() as u64,
                })
                .collect();
            let people = [PeopleCount { step: StepId(1), month: JAN, people: 1 }];
            let got = rates(&counts, &people).get(&(StepId(1), JAN)).and_then(|(_, r)| *r);
            prop_assert_eq!(got, attendance_rate(&marks));
        }
    }
}
