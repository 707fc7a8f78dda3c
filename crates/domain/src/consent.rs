//! What a partner may read about a participant: only the information categories
//! that are both in the cooperation agreement's sharing scope and consented to by
//! the participant (and not revoked). Anything else is absent from the response.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Kinds of information a partner may receive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum SharingCategory {
    EnrolmentStatus,
    CurrentStep,
    AttendanceRate,
    GoalsSummary,
    Outcome,
    /// The person's situation at the start, at the exit and at the checks
    /// 3, 6 and 12 months after (income source, occupation).
    OutcomesAfterExit,
    /// How to reach the person: phone, e-mail and address (never the
    /// emergency contacts or the safety note, which stay with the staff).
    ContactDetails,
    /// The individual plan: areas, goals, who is responsible, next steps,
    /// the coordinator and the next review.
    Plan,
    /// The work log's figures: hours a week and independence, the person's
    /// last four weeks and, in the programme report, per step at entry and
    /// at exit.
    WorkCapacity,
    /// An early warning to the agreement's follow-up service when the person has
    /// been absent without notice for two working days: that and nothing more
    /// (never why, never health).
    EarlyWarning,
}

impl SharingCategory {
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(value: &str) -> Option<Self> {
        value.parse().ok()
    }
}

/// One entry of the consent ledger for one partner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentEntry {
    pub category: SharingCategory,
    pub given_on: NaiveDate,
    pub revoked_on: Option<NaiveDate>,
}

impl ConsentEntry {
    /// In force on `date`: given on or before it, not revoked on or before it.
    pub fn in_force(&self, date: NaiveDate) -> bool {
        self.given_on <= date && self.revoked_on.is_none_or(|r| r > date)
    }
}

/// The categories a partner may read on `date`.
pub fn shared_categories(
    agreement_scope: &BTreeSet<SharingCategory>,
    ledger: &[ConsentEntry],
    date: NaiveDate,
) -> BTreeSet<SharingCategory> {
    ledger
        .iter()
        .filter(|e| e.in_force(date))
        .map(|e| e.category)
        .filter(|c| agreement_scope.contains(c))
        .collect()
}

crate::stored::stored_as_code!(SharingCategory);

#[cfg(test)]
mod tests {
    use super::*;
    use SharingCategory as C;
    use proptest::prelude::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 5, day).expect("date")
    }

    #[test]
    fn only_categories_in_scope_and_consented_are_shared() {
        let scope: BTreeSet<_> = [C::EnrolmentStatus, C::CurrentStep].into();
        let ledger = [
            ConsentEntry {
                category: C::EnrolmentStatus,
                given_on: d(1),
                revoked_on: None,
            },
            ConsentEntry {
                category: C::AttendanceRate,
                given_on: d(1),
                revoked_on: None,
            },
        ];
        assert_eq!(
            shared_categories(&scope, &ledger, d(5)),
            [C::EnrolmentStatus].into()
        );
    }

    #[test]
    fn revocation_applies_from_its_date() {
        let scope: BTreeSet<_> = C::ALL.iter().copied().collect();
        let ledger = [ConsentEntry {
            category: C::Outcome,
            given_on: d(1),
            revoked_on: Some(d(10)),
        }];
        assert_eq!(
            shared_categories(&scope, &ledger, d(9)),
            [C::Outcome].into()
        );
        assert!(shared_categories(&scope, &ledger, d(10)).is_empty());
    }

    proptest! {
        /// Whatever the ledger holds, nothing outside the agreement's scope is shared.
        #[test]
        fn nothing_outside_the_scope_is_ever_shared(
            scope in proptest::collection::btree_set(0usize..5, 0..5),
            entries in proptest::collection::vec((0usize..5, 1u32..20, proptest::option::of(1u32..28)), 0..12),
            day in 1u32..28,
        ) {
            let scope: BTreeSet<C> = scope.into_iter().map(|i| C::ALL[i]).collect();
            let ledger: Vec<ConsentEntry> = entries
                .into_iter()
                .map(|(c, g, r)| ConsentEntry { category: C::ALL[c], given_on: d(g), revoked_on: r.map(d) })
                .collect();
            let shared = shared_categories(&scope, &ledger, d(day));
            prop_assert!(shared.is_subset(&scope));
            for c in &shared {
                prop_assert!(ledger.iter().any(|e| e.category == *c && e.in_force(d(day))));
            }
        }
    }
}
