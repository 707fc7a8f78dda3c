//! Place usage per cooperation agreement.

use crate::report::history::History;
use chrono::NaiveDate;

/// Participants under `agreement` holding a place (active or paused) on `date`.
pub fn used_on(histories: &[History], agreement: i64, date: NaiveDate) -> u64 {
    histories
        .iter()
        .filter(|h| h.agreement == Some(agreement) && h.holds_place_on(date))
        .count() as u64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::EnrolmentStatus::*;
    use crate::report::testing::{d, history_of};

    #[test]
    fn paused_participants_keep_their_place_exited_ones_free_it() {
        let mut paused = history_of(1, &[(d(1, 1), Active, None), (d(2, 1), Paused, None)], &[]);
        paused.agreement = Some(7);
        let mut exited = history_of(
            2,
            &[
                (d(1, 1), Active, None),
                (d(2, 1), Exited, Some(crate::ExitOutcome::Moved)),
            ],
            &[],
        );
        exited.agreement = Some(7);
        let mut other = history_of(3, &[(d(1, 1), Active, None)], &[]);
        other.agreement = Some(8);
        let all = [paused, exited, other];
        assert_eq!(used_on(&all, 7, d(3, 1)), 1);
        assert_eq!(used_on(&all, 7, d(1, 15)), 2);
        assert_eq!(used_on(&all, 7, d(2, 1) - chrono::Duration::days(40)), 0);
    }
}
