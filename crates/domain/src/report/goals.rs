//! Change in goal scaling scores over a period.

use crate::goal::{ScalingScore, average_change};
use crate::report::period::Period;
use chrono::NaiveDate;

/// Goals with two or more scores in the period, and their average change from
/// the first to the last of those scores.
pub fn score_change(
    goals: &[Vec<(NaiveDate, ScalingScore)>],
    period: &Period,
) -> (u64, Option<f64>) {
    let within: Vec<Vec<(NaiveDate, ScalingScore)>> = goals
        .iter()
        .map(|scores| {
            scores
                .iter()
                .filter(|(d, _)| period.contains(*d))
                .copied()
                .collect::<Vec<_>>()
        })
        .filter(|scores| scores.len() >= 2)
        .collect();
    (within.len() as u64, average_change(&within))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testing::d;

    fn s(n: i64) -> ScalingScore {
        ScalingScore::parse(n).expect("score")
    }

    #[test]
    fn only_scores_inside_the_period_count() {
        let goals = vec![
            vec![(d(1, 10), s(2)), (d(3, 10), s(5)), (d(9, 1), s(9))],
            vec![(d(2, 10), s(6)), (d(3, 1), s(4))],
            vec![(d(2, 10), s(1))],
        ];
        let spring = Period::parse(d(1, 1), d(6, 30)).expect("period");
        // (5 - 2) and (4 - 6): an average of 0.5 over two goals.
        assert_eq!(score_change(&goals, &spring), (2, Some(0.5)));
        let autumn = Period::parse(d(7, 1), d(12, 31)).expect("period");
        assert_eq!(score_change(&goals, &autumn), (0, None));
    }
}
