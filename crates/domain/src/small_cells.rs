//! Small-cell suppression: counts from 1 to 4 are shown as "<5" to audiences that
//! must not be able to single anyone out (viewers, partners).

use serde::{Deserialize, Serialize};

/// A count as shown to an audience.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum ShownCount {
    Exact(u64),
    /// Between 1 and 4.
    Suppressed(Suppressed),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Suppressed {
    #[serde(rename = "<5")]
    FewerThanFive,
}

/// The count, or "<5" when it is between 1 and 4 and `suppress` is set.
pub fn show(count: u64, suppress: bool) -> ShownCount {
    if suppress && (1..5).contains(&count) {
        ShownCount::Suppressed(Suppressed::FewerThanFive)
    } else {
        ShownCount::Exact(count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_to_four_are_suppressed_zero_and_five_are_not() {
        for n in 1..5 {
            assert_eq!(
                show(n, true),
                ShownCount::Suppressed(Suppressed::FewerThanFive)
            );
            assert_eq!(show(n, false), ShownCount::Exact(n));
        }
        assert_eq!(show(0, true), ShownCount::Exact(0));
        assert_eq!(show(5, true), ShownCount::Exact(5));
    }

    #[test]
    fn suppressed_counts_serialise_as_the_text_less_than_five() {
        assert_eq!(
            serde_json::to_string(&show(3, true)).ok(),
            Some("\"<5\"".to_owned())
        );
        assert_eq!(
            serde_json::to_string(&show(12, true)).ok(),
            Some("12".to_owned())
        );
    }
}
