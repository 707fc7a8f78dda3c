//! Disclosure control of counts: audiences that must not be able to single
//! anyone out (viewers, mentors, partners) see counts rounded to base 5, with
//! counts from 1 to 4 shown as "<5". Every number they see is then a multiple
//! of 5, so neither a figure nor the sum or difference of any figures (of one
//! report or of two reports for overlapping periods) can be an exact count from
//! 1 to 4. Staff with full access (admins, coordinators) see exact counts.

use serde::{Deserialize, Serialize};

/// Rounding base and smallest number shown to controlled audiences.
pub const BASE: u64 = 5;

/// Fewer people than this and a figure derived from them is left out for
/// controlled audiences.
pub const MIN_PEOPLE: u64 = 5;

/// How an audience sees counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Disclosure {
    /// Exact counts (admins and coordinators).
    Exact,
    /// Counts rounded to the nearest multiple of 5, 1 to 4 as "<5", 0 as 0;
    /// figures derived from fewer than five people left out.
    Controlled,
}

impl Disclosure {
    pub fn is_controlled(self) -> bool {
        self == Self::Controlled
    }
}

/// A count as shown to an audience.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum ShownCount {
    /// Exact for full access; a multiple of 5 (0 or at least 5) under
    /// disclosure control.
    Number(u64),
    /// Between 1 and 4.
    Suppressed(Suppressed),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Suppressed {
    #[serde(rename = "<5")]
    FewerThanFive,
}

impl ShownCount {
    /// The number shown, if one is.
    pub fn number(self) -> Option<u64> {
        match self {
            Self::Number(n) => Some(n),
            Self::Suppressed(_) => None,
        }
    }
}

/// `count` rounded to the nearest multiple of [`BASE`] (halves up).
pub fn round_to_base(count: u64) -> u64 {
    count.saturating_add(BASE / 2) / BASE * BASE
}

/// The count as `disclosure` shows it.
pub fn show(count: u64, disclosure: Disclosure) -> ShownCount {
    match disclosure {
        Disclosure::Exact => ShownCount::Number(count),
        Disclosure::Controlled if (1..BASE).contains(&count) => {
            ShownCount::Suppressed(Suppressed::FewerThanFive)
        }
        Disclosure::Controlled => ShownCount::Number(round_to_base(count)),
    }
}

/// `part` over `whole` as `disclosure` may show it: under control, computed
/// from the shown (rounded) figures and left out when either is hidden or the
/// whole is under five, so a share never says more than its figures.
pub fn shown_share(part: u64, whole: u64, disclosure: Disclosure) -> Option<f64> {
    let (part, whole) = (show(part, disclosure), show(whole, disclosure));
    match (part.number(), whole.number()) {
        (Some(p), Some(w)) if w > 0 => Some(p as f64 / w as f64),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const FEW: ShownCount = ShownCount::Suppressed(Suppressed::FewerThanFive);

    #[test]
    fn exact_audiences_see_every_count_as_it_is() {
        for n in 0..20 {
            assert_eq!(show(n, Disclosure::Exact), ShownCount::Number(n));
        }
    }

    #[test]
    fn controlled_audiences_see_zero_fewer_than_five_or_a_multiple_of_five() {
        let c = Disclosure::Controlled;
        assert_eq!(show(0, c), ShownCount::Number(0));
        for n in 1..5 {
            assert_eq!(show(n, c), FEW);
        }
        assert_eq!(show(5, c), ShownCount::Number(5));
        assert_eq!(show(7, c), ShownCount::Number(5));
        assert_eq!(show(8, c), ShownCount::Number(10));
        assert_eq!(show(12, c), ShownCount::Number(10));
        assert_eq!(show(13, c), ShownCount::Number(15));
    }

    #[test]
    fn a_share_is_left_out_when_its_numerator_is_hidden_and_uses_shown_figures() {
        let c = Disclosure::Controlled;
        assert_eq!(shown_share(3, 12, c), None);
        assert_eq!(shown_share(6, 3, c), None);
        // 7 of 12 shows as 5 of 10.
        assert_eq!(shown_share(7, 12, c), Some(0.5));
        assert_eq!(shown_share(0, 12, c), Some(0.0));
        assert_eq!(shown_share(7, 12, Disclosure::Exact), Some(7.0 / 12.0));
        assert_eq!(shown_share(0, 0, Disclosure::Exact), None);
    }

    #[test]
    fn suppressed_counts_serialise_as_the_text_less_than_five() {
        assert_eq!(
            serde_json::to_string(&show(3, Disclosure::Controlled)).ok(),
            Some("\"<5\"".to_owned())
        );
        assert_eq!(
            serde_json::to_string(&show(12, Disclosure::Exact)).ok(),
            Some("12".to_owned())
        );
    }

    proptest! {
        /// No two shown counts differ or add up to a number from 1 to 4.
        #[test]
        fn no_sum_or_difference_of_controlled_counts_is_a_small_cell(a in 0u64..500, b in 0u64..500) {
            let c = Disclosure::Controlled;
            if let (Some(x), Some(y)) = (show(a, c).number(), show(b, c).number()) {
                prop_assert!(!(1..5).contains(&x.abs_diff(y)));
                prop_assert!(!(1..5).contains(&(x + y)));
            }
        }
    }
}
