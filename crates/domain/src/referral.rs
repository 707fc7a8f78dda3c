//! Referrals from partners, and cooperation agreements' periods and places.
//!
//! Referral status: received → in assessment → accepted / waiting list / declined,
//! or withdrawn by the partner before a decision. A waiting-list referral can still
//! be accepted, declined or withdrawn.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReferralStatus {
    Received,
    InAssessment,
    Accepted,
    WaitingList,
    Declined,
    Withdrawn,
}

/// Why a referral was declined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DeclineReason {
    NotInTargetGroup,
    NeedsOtherMeasure,
    NoPlaces,
    PersonDeclined,
    NoContact,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReferralCommand {
    StartAssessment,
    Accept,
    PutOnWaitingList,
    Decline(DeclineReason),
    /// By the partner.
    Withdraw,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a referral that is {from:?} cannot be {action}")]
pub struct ReferralTransitionError {
    pub from: ReferralStatus,
    pub action: &'static str,
}

pub fn referral_transition(
    current: ReferralStatus,
    command: ReferralCommand,
) -> Result<ReferralStatus, ReferralTransitionError> {
    use ReferralCommand as C;
    use ReferralStatus as S;
    let open = matches!(current, S::Received | S::InAssessment | S::WaitingList);
    let (allowed, next, action) = match command {
        C::StartAssessment => (current == S::Received, S::InAssessment, "assessed"),
        C::Accept => (open, S::Accepted, "accepted"),
        C::PutOnWaitingList => (
            matches!(current, S::Received | S::InAssessment),
            S::WaitingList,
            "put on the waiting list",
        ),
        C::Decline(_) => (open, S::Declined, "declined"),
        C::Withdraw => (open, S::Withdrawn, "withdrawn"),
    };
    if allowed {
        Ok(next)
    } else {
        Err(ReferralTransitionError {
            from: current,
            action,
        })
    }
}

/// A cooperation agreement's period and places.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgreementTerms {
    pub valid_from: NaiveDate,
    /// `None`: until further notice.
    pub valid_to: Option<NaiveDate>,
    pub places: u32,
}

impl AgreementTerms {
    /// An agreement outside its period takes no referrals.
    pub fn takes_referrals_on(&self, date: NaiveDate) -> bool {
        date >= self.valid_from && self.valid_to.is_none_or(|to| date <= to)
    }

    /// Share of places used by `in_use` (active and paused participants), 0 to ∞.
    pub fn usage(&self, in_use: u32) -> Option<f64> {
        (self.places > 0).then(|| f64::from(in_use) / f64::from(self.places))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ReferralCommand as C;
    use ReferralStatus as S;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, day).expect("date")
    }

    #[test]
    fn a_referral_runs_from_received_to_accepted_via_the_waiting_list() {
        let s = referral_transition(S::Received, C::StartAssessment).expect("assess");
        let s = referral_transition(s, C::PutOnWaitingList).expect("wait");
        assert_eq!(referral_transition(s, C::Accept), Ok(S::Accepted));
    }

    #[test]
    fn a_decided_referral_cannot_be_withdrawn_or_decided_again() {
        for done in [S::Accepted, S::Declined, S::Withdrawn] {
            assert!(referral_transition(done, C::Withdraw).is_err());
            assert!(referral_transition(done, C::Accept).is_err());
        }
        assert!(referral_transition(S::WaitingList, C::PutOnWaitingList).is_err());
        assert_eq!(
            referral_transition(S::WaitingList, C::Decline(DeclineReason::NoPlaces)),
            Ok(S::Declined)
        );
    }

    #[test]
    fn an_agreement_takes_referrals_only_within_its_period() {
        let terms = AgreementTerms {
            valid_from: d(1),
            valid_to: Some(d(20)),
            places: 8,
        };
        assert!(!terms.takes_referrals_on(d(21)));
        assert!(terms.takes_referrals_on(d(20)));
        assert!(
            AgreementTerms {
                valid_to: None,
                ..terms
            }
            .takes_referrals_on(d(30))
        );
        assert_eq!(terms.usage(6), Some(0.75));
        assert_eq!(AgreementTerms { places: 0, ..terms }.usage(1), None);
    }
}
