//! Percentiles over day counts.

/// The `p`-th percentile (0–1) by linear interpolation between closest ranks, so
/// the 0.5 percentile is the usual median. `None` for no values.
pub fn percentile(values: &[i64], p: f64) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let rank = (sorted.len() - 1) as f64 * p.clamp(0.0, 1.0);
    let low = rank.floor() as usize;
    let high = rank.ceil() as usize;
    let (a, b) = (sorted.get(low)?, sorted.get(high)?);
    Some(*a as f64 + (*b - *a) as f64 * (rank - low as f64))
}

pub fn median(values: &[i64]) -> Option<f64> {
    percentile(values, 0.5)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assert_eq!(median(&[6, 1, 3, 2, 4, 5]), Some(3.5));
        assert_eq!(median(&[5, 1, 3, 2, 4]), Some(3.0));
        assert_eq!(median(&[]), None);
        assert_eq!(percentile(&[10, 20, 30, 40, 50], 0.75), Some(40.0));
        assert_eq!(percentile(&[10, 20], 0.75), Some(17.5));
    }

    proptest! {
        #[test]
        fn percentiles_lie_within_the_values_and_grow_with_p(
            values in proptest::collection::vec(0i64..2000, 1..60),
            p in 0.0f64..1.0,
        ) {
            let lo = *values.iter().min().expect("one value") as f64;
            let hi = *values.iter().max().expect("one value") as f64;
            let at = percentile(&values, p).expect("some");
            prop_assert!(lo <= at && at <= hi);
            let median = median(&values).expect("some");
            let p75 = percentile(&values, 0.75).expect("some");
            prop_assert!(median <= p75);
        }
    }
}
