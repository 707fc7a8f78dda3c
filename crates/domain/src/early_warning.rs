//! The early warning to a partner's follow-up service: when a person followed
//! under a cooperation agreement has been absent without notice for
//! [`WARNING_DAYS`] working days in a row, and both the agreement's scope and the
//! person's consent cover [`SharingCategory::EarlyWarning`], the follow-up
//! service is told once for that run of absences, and only that.

use crate::attendance::AbsenceRun;
use crate::consent::SharingCategory;
use std::collections::BTreeSet;

/// Working days absent without notice before the warning fires (as on Today).
pub const WARNING_DAYS: u32 = 2;

/// The run to tell the follow-up service about, if any: one of at least
/// [`WARNING_DAYS`] days, shared under the agreement and the person's consent
/// (`shared`), and not told before (`told` holds the first days of the runs
/// already told).
pub fn to_tell(
    run: Option<AbsenceRun>,
    shared: &BTreeSet<SharingCategory>,
    told: &[chrono::NaiveDate],
) -> Option<AbsenceRun> {
    run.filter(|r| r.days >= WARNING_DAYS)
        .filter(|_| shared.contains(&SharingCategory::EarlyWarning))
        .filter(|r| !told.contains(&r.since))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attendance::{AttendanceMark as M, absence_run};
    use chrono::NaiveDate;

    fn d(day: u32) -> NaiveDate {
        // 2026-06-01 is a Monday.
        NaiveDate::from_ymd_opt(2026, 6, day).expect("date")
    }

    fn shared() -> BTreeSet<SharingCategory> {
        [SharingCategory::EarlyWarning].into()
    }

    #[test]
    fn the_second_working_day_absent_without_notice_fires_once_per_run() {
        let one = [(d(1), M::Present), (d(2), M::AbsentWithoutNotice)];
        assert_eq!(to_tell(absence_run(&one), &shared(), &[]), None);
        // Friday and Monday are two working days in a row.
        let two = [
            (d(5), M::AbsentWithoutNotice),
            (d(8), M::AbsentWithoutNotice),
        ];
        let run = to_tell(absence_run(&two), &shared(), &[]).expect("fires");
        assert_eq!((run.since, run.days), (d(5), 2));
        assert_eq!(to_tell(absence_run(&two), &shared(), &[d(5)]), None);
        // A third day belongs to the run already told.
        let three = [
            (d(5), M::AbsentWithoutNotice),
            (d(8), M::AbsentWithoutNotice),
            (d(9), M::AbsentWithoutNotice),
        ];
        assert_eq!(to_tell(absence_run(&three), &shared(), &[d(5)]), None);
        // A new run after a day present is told again.
        let again = [
            (d(5), M::AbsentWithoutNotice),
            (d(8), M::AbsentWithoutNotice),
            (d(9), M::Present),
            (d(10), M::AbsentWithoutNotice),
            (d(11), M::AbsentWithoutNotice),
        ];
        let run = to_tell(absence_run(&again), &shared(), &[d(5)]).expect("a new run");
        assert_eq!(run.since, d(10));
    }

    #[test]
    fn without_the_category_shared_nothing_is_told() {
        let two = [
            (d(1), M::AbsentWithoutNotice),
            (d(2), M::AbsentWithoutNotice),
        ];
        let others: BTreeSet<_> = [SharingCategory::AttendanceRate].into();
        assert_eq!(to_tell(absence_run(&two), &others, &[]), None);
        assert_eq!(to_tell(absence_run(&two), &BTreeSet::new(), &[]), None);
    }
}
