//! Every stored code reads back into its value; an unknown one is named.

use stige_domain::Direction;
use stige_domain::activity::{ActivityEnding, EnrolmentKind};
use stige_domain::consent::SharingCategory;
use stige_domain::contact::ReachOutcome;
use stige_domain::enrolment::EnrolmentStatus;
use stige_domain::goal::{GoalCategory, GoalStatus};
use stige_domain::message::MessageState;
use stige_domain::partner::PartnerKind;
use stige_domain::placement::{InvitationPurpose, Language, PlacementKind, PlacementStatus};
use stige_domain::plan::PlanArea;
use stige_domain::proposal::{ProposalKind, ProposalStatus};
use stige_domain::referral::{ReferralChannel, ReferralStatus};
use stige_domain::role::Role;
use stige_domain::situation::Moment;
use stige_domain::stored::UnknownCode;
use stige_domain::work::Independence;
use strum::VariantArray;

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
    reads_back(EnrolmentStatus::ALL, EnrolmentStatus::as_str);
    reads_back(Role::ALL, Role::as_str);
    reads_back(ReferralStatus::ALL, ReferralStatus::as_str);
    reads_back(ReferralChannel::ALL, ReferralChannel::as_str);
    reads_back(PlacementStatus::ALL, PlacementStatus::as_str);
    reads_back(GoalStatus::ALL, GoalStatus::as_str);
    reads_back(GoalCategory::ALL, GoalCategory::as_str);
    reads_back(ProposalKind::ALL, ProposalKind::as_str);
    reads_back(ProposalStatus::ALL, ProposalStatus::as_str);
    reads_back(PartnerKind::ALL, PartnerKind::as_str);
    reads_back(ReachOutcome::ALL, ReachOutcome::as_str);
    reads_back(PlacementKind::ALL, PlacementKind::as_str);
    reads_back(SharingCategory::ALL, SharingCategory::as_str);
    reads_back(&[Direction::Up, Direction::Down], Direction::as_str);
    reads_back(InvitationPurpose::VARIANTS, InvitationPurpose::as_str);
    reads_back(Language::ALL, Language::as_str);
    reads_back(MessageState::ALL, MessageState::as_str);
    reads_back(EnrolmentKind::ALL, EnrolmentKind::as_str);
    reads_back(ActivityEnding::ALL, ActivityEnding::as_str);
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

/// The code strum gives (`as_str`, `parse`) is the one serde writes to the API.
fn same_as_serde<T>(all: &[T], code: impl Fn(T) -> &'static str)
where
    T: Copy + PartialEq + std::fmt::Debug + serde::Serialize,
{
    for value in all {
        assert_eq!(
            serde_json::to_value(value).ok(),
            Some(serde_json::Value::String(code(*value).to_owned())),
            "{value:?}"
        );
    }
}

#[test]
fn every_code_is_the_one_the_api_writes() {
    use stige_domain::access_log::PersonalDataCategory;
    use stige_domain::attendance::{AttendanceMark, Expectation};
    use stige_domain::enrolment::ExitOutcome;
    use stige_domain::ladder::DemandLevel;
    use stige_domain::national_id::NationalIdKind;
    use stige_domain::production::Currency;
    use stige_domain::proposal::EndReason;
    use stige_domain::referral::DeclineReason;
    use stige_domain::situation::{Education, IncomeSource, Occupation};
    same_as_serde(EnrolmentStatus::ALL, EnrolmentStatus::as_str);
    same_as_serde(ExitOutcome::ALL, ExitOutcome::as_str);
    same_as_serde(Role::ALL, Role::as_str);
    same_as_serde(ReferralStatus::ALL, ReferralStatus::as_str);
    same_as_serde(ReferralChannel::ALL, ReferralChannel::as_str);
    same_as_serde(DeclineReason::ALL, DeclineReason::as_str);
    same_as_serde(PlacementStatus::ALL, PlacementStatus::as_str);
    same_as_serde(PlacementKind::ALL, PlacementKind::as_str);
    same_as_serde(Language::ALL, Language::as_str);
    same_as_serde(GoalStatus::ALL, GoalStatus::as_str);
    same_as_serde(GoalCategory::ALL, GoalCategory::as_str);
    same_as_serde(ProposalKind::ALL, ProposalKind::as_str);
    same_as_serde(ProposalStatus::ALL, ProposalStatus::as_str);
    same_as_serde(EndReason::ALL, EndReason::as_str);
    same_as_serde(PartnerKind::ALL, PartnerKind::as_str);
    same_as_serde(ReachOutcome::ALL, ReachOutcome::as_str);
    same_as_serde(SharingCategory::ALL, SharingCategory::as_str);
    same_as_serde(PersonalDataCategory::ALL, PersonalDataCategory::as_str);
    same_as_serde(DemandLevel::ALL, DemandLevel::as_str);
    same_as_serde(AttendanceMark::ALL, AttendanceMark::as_str);
    use strum::VariantArray;
    same_as_serde(Expectation::VARIANTS, Expectation::as_str);
    same_as_serde(NationalIdKind::VARIANTS, NationalIdKind::as_str);
    same_as_serde(Direction::VARIANTS, Direction::as_str);
    same_as_serde(&[Currency::Nok, Currency::Sek], Currency::as_str);
    same_as_serde(Independence::ALL, Independence::as_str);
    same_as_serde(PlanArea::ALL, PlanArea::as_str);
    same_as_serde(Moment::ALL, Moment::as_str);
    same_as_serde(IncomeSource::ALL, IncomeSource::as_str);
    same_as_serde(Occupation::ALL, Occupation::as_str);
    same_as_serde(Education::ALL, Education::as_str);
}
