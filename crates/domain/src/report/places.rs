//! Place usage per cooperation agreement.

use crate::report::history::History;
use chrono::NaiveDate;

/// Participants under `agreement` holding a place (active or paused) on `date`.
pub fn used_on(histories: &[History], agreement: i64, date: NaiveDate) -> u64 {
    histories
        .iter()
        .filter(|h| h.paid_by_on(date) == Some(agreement) && h.holds_place_on(date))
        .count() as u64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::EnrolmentStatus::*;
    use crate::report::history::PaidSpan;
    use crate::report::testing::{d, history_of};

    #[test]
    fn paused_participants_keep_their_place_exited_ones_free_it() {
        let mut paused = history_of(1, &[(d(1, 1), Active, None), (d(2, 1), Paused, None)], &[]);
        paused.paid_by = vec![PaidSpan::always(7)];
        let mut exited = history_of(
            2,
            &[
                (d(1, 1), Active, None),
                (d(2, 1), Exited, Some(crate::ExitOutcome::Moved)),
            ],
            &[],
        );
        exited.paid_by = vec![PaidSpan::always(7)];
        let mut other = history_of(3, &[(d(1, 1), Active, None)], &[]);
        other.paid_by = vec![PaidSpan::always(8)];
        let all = [paused, exited, other];
        assert_eq!(used_on(&all, 7, d(3, 1)), 1);
        // A place is the paying agreement's only for the paying link's period.
        let mut moved = history_of(4, &[(d(1, 1), Active, None)], &[]);
        moved.paid_by = vec![
            PaidSpan {
                agreement: 7,
                from: d(1, 1),
                to: Some(d(1, 31)),
            },
            PaidSpan {
                agreement: 8,
                from: d(2, 1),
                to: None,
            },
        ];
        let one = [moved];
        assert_eq!(
            (used_on(&one, 7, d(1, 15)), used_on(&one, 8, d(1, 15))),
            (1, 0)
        );
        assert_eq!(
            (used_on(&one, 7, d(2, 15)), used_on(&one, 8, d(2, 15))),
            (0, 1)
        );
        assert_eq!(used_on(&all, 7, d(1, 15)), 2);
        assert_eq!(used_on(&all, 7, d(2, 1) - chrono::Duration::days(40)), 0);
    }
}
