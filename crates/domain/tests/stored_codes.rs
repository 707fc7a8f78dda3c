//! Every stored code reads back into its value; an unknown one is named.

use stige_domain::Direction;
use stige_domain::consent::SharingCategory;
use stige_domain::contact::ReachOutcome;
use stige_domain::enrolment::EnrolmentStatus;
use stige_domain::goal::{GoalCategory, GoalStatus};
use stige_domain::partner::PartnerKind;
use stige_domain::placement::{PlacementKind, PlacementStatus};
use stige_domain::plan::PlanArea;
use stige_domain::proposal::{ProposalKind, ProposalStatus};
use stige_domain::referral::{ReferralChannel, ReferralStatus};
use stige_domain::role::Role;
use stige_domain::situation::Moment;
use stige_domain::stored::UnknownCode;
use stige_domain::work::Independence;

fn reads_back<T>(all: &[T], code: impl Fn(T) -> &'static str)
where
    T: Copy + PartialEq + std::fmt::Debug + TryFrom<String, Error = UnknownCode>,
{
    for value in all {
        assert_eq!(T::try_from(code(*value).to_owned()), Ok(*value));
    }
}

#[test]
fn every_code_reads_back_and_an_unknown_one_is_named() {
    reads_back(&EnrolmentStatus::ALL, EnrolmentStatus::as_str);
    reads_back(&Role::ALL, Role::as_str);
    reads_back(&ReferralStatus::ALL, ReferralStatus::as_str);
    reads_back(&ReferralChannel::ALL, ReferralChannel::as_str);
    reads_back(&PlacementStatus::ALL, PlacementStatus::as_str);
    reads_back(&GoalStatus::ALL, GoalStatus::as_str);
    reads_back(&GoalCategory::ALL, GoalCategory::as_str);
    reads_back(&ProposalKind::ALL, ProposalKind::as_str);
    reads_back(&ProposalStatus::ALL, ProposalStatus::as_str);
    reads_back(&PartnerKind::ALL, PartnerKind::as_str);
    reads_back(&ReachOutcome::ALL, ReachOutcome::as_str);
    reads_back(&PlacementKind::ALL, PlacementKind::as_str);
    reads_back(&SharingCategory::ALL, SharingCategory::as_str);
    reads_back(&[Direction::Up, Direction::Down], Direction::as_str);
    // Every code list (situation's code_list!) reads back as well.
    reads_back(Independence::ALL, Independence::as_str);
    reads_back(PlanArea::ALL, PlanArea::as_str);
    reads_back(Moment::ALL, Moment::as_str);
    let unknown = Role::try_from("captain".to_owned()).expect_err("unknown");
    assert_eq!(
        unknown.to_string(),
        "unknown Role \"captain\" in the database"
    );
}
