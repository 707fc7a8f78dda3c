//! Every action the audit trail records, by its stable dotted name
//! (`participant.read`, `goal.score`, ...): the one list of them. Call sites
//! name a variant, never a string; the store keeps the name as text, and
//! [`AuditAction::kind`] says, for each, whether it read, changed or was
//! refused, so a new action cannot be added without saying which.

use serde::{Deserialize, Serialize};
use strum::{EnumIter, EnumString, IntoStaticStr};

/// Whether an access read the person's information, changed it, or was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AccessKind {
    Read,
    Change,
    /// Someone tried to open the record and was not let in.
    Refused,
}

/// One audited action. Its name (`as_str`) is what the trail stores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, EnumString, IntoStaticStr)]
pub enum AuditAction {
    #[strum(serialize = "activity.correct")]
    ActivityCorrect,
    #[strum(serialize = "activity.end")]
    ActivityEnd,
    #[strum(serialize = "activity.enrol")]
    ActivityEnrol,
    #[strum(serialize = "activity.mark")]
    ActivityMark,
    #[strum(serialize = "activity.read")]
    ActivityRead,
    #[strum(serialize = "agreement.create")]
    AgreementCreate,
    #[strum(serialize = "agreement.update")]
    AgreementUpdate,
    #[strum(serialize = "agreement_link.add")]
    AgreementLinkAdd,
    #[strum(serialize = "agreement_link.end")]
    AgreementLinkEnd,
    #[strum(serialize = "agreement_link.extend")]
    AgreementLinkExtend,
    #[strum(serialize = "agreement_link.read")]
    AgreementLinkRead,
    #[strum(serialize = "api_client.create")]
    ApiClientCreate,
    #[strum(serialize = "api_client.revoke")]
    ApiClientRevoke,
    #[strum(serialize = "api_client.rotate")]
    ApiClientRotate,
    #[strum(serialize = "attendance.correct")]
    AttendanceCorrect,
    #[strum(serialize = "attendance.early_warning")]
    AttendanceEarlyWarning,
    #[strum(serialize = "attendance.mark")]
    AttendanceMark,
    #[strum(serialize = "attendance.plan")]
    AttendancePlan,
    #[strum(serialize = "attendance.read")]
    AttendanceRead,
    #[strum(serialize = "attendance.register_read")]
    AttendanceRegisterRead,
    #[strum(serialize = "attendance.unmark")]
    AttendanceUnmark,
    #[strum(serialize = "auth.login")]
    AuthLogin,
    #[strum(serialize = "auth.login_failed")]
    AuthLoginFailed,
    #[strum(serialize = "auth.login_throttled")]
    AuthLoginThrottled,
    #[strum(serialize = "auth.logout")]
    AuthLogout,
    #[strum(serialize = "auth.logout_everywhere")]
    AuthLogoutEverywhere,
    #[strum(serialize = "auth.password_changed")]
    AuthPasswordChanged,
    #[strum(serialize = "auth.password_reset")]
    AuthPasswordReset,
    #[strum(serialize = "auth.refresh_replayed")]
    AuthRefreshReplayed,
    #[strum(serialize = "auth.sso_login")]
    AuthSsoLogin,
    #[strum(serialize = "auth.sso_refused")]
    AuthSsoRefused,
    #[strum(serialize = "auth.token")]
    AuthToken,
    #[strum(serialize = "auth.token_failed")]
    AuthTokenFailed,
    #[strum(serialize = "auth.token_throttled")]
    AuthTokenThrottled,
    #[strum(serialize = "consent.give")]
    ConsentGive,
    #[strum(serialize = "consent.list")]
    ConsentList,
    #[strum(serialize = "consent.revoke")]
    ConsentRevoke,
    #[strum(serialize = "contact.reach")]
    ContactReach,
    #[strum(serialize = "contact.read")]
    ContactRead,
    #[strum(serialize = "contact.update")]
    ContactUpdate,
    #[strum(serialize = "demo.seed")]
    DemoSeed,
    #[strum(serialize = "seed.synthetic")]
    SeedSynthetic,
    #[strum(serialize = "employer.create")]
    EmployerCreate,
    #[strum(serialize = "employer.read")]
    EmployerRead,
    #[strum(serialize = "employer.update")]
    EmployerUpdate,
    #[strum(serialize = "events.read")]
    EventsRead,
    #[strum(serialize = "follow_up.action")]
    FollowUpAction,
    #[strum(serialize = "follow_up.create")]
    FollowUpCreate,
    #[strum(serialize = "follow_up.list")]
    FollowUpList,
    #[strum(serialize = "follow_up.update")]
    FollowUpUpdate,
    #[strum(serialize = "goal.create")]
    GoalCreate,
    #[strum(serialize = "goal.list")]
    GoalList,
    #[strum(serialize = "goal.score")]
    GoalScore,
    #[strum(serialize = "goal.status")]
    GoalStatus,
    #[strum(serialize = "ladder.activity_add")]
    LadderActivityAdd,
    #[strum(serialize = "ladder.create")]
    LadderCreate,
    #[strum(serialize = "ladder.step_add")]
    LadderStepAdd,
    #[strum(serialize = "ladder.step_reorder")]
    LadderStepReorder,
    #[strum(serialize = "ladder.step_update")]
    LadderStepUpdate,
    #[strum(serialize = "ladder.step_work_demand")]
    LadderStepWorkDemand,
    #[strum(serialize = "ladder.update")]
    LadderUpdate,
    #[strum(serialize = "ladder.work_task_add")]
    LadderWorkTaskAdd,
    #[strum(serialize = "ladder.workplace_add")]
    LadderWorkplaceAdd,
    #[strum(serialize = "ladder.workplace_update")]
    LadderWorkplaceUpdate,
    #[strum(serialize = "organisation.create")]
    OrganisationCreate,
    #[strum(serialize = "outcome.list")]
    OutcomeList,
    #[strum(serialize = "outcome.preferences")]
    OutcomePreferences,
    #[strum(serialize = "outcome.read")]
    OutcomeRead,
    #[strum(serialize = "outcome.record")]
    OutcomeRecord,
    #[strum(serialize = "participant.access_log.read")]
    ParticipantAccessLogRead,
    #[strum(serialize = "participant.anonymised")]
    ParticipantAnonymised,
    #[strum(serialize = "participant.create")]
    ParticipantCreate,
    #[strum(serialize = "participant.erasure")]
    ParticipantErasure,
    #[strum(serialize = "participant.export")]
    ParticipantExport,
    #[strum(serialize = "participant.list")]
    ParticipantList,
    #[strum(serialize = "participant.mentors")]
    ParticipantMentors,
    #[strum(serialize = "participant.move")]
    ParticipantMove,
    #[strum(serialize = "participant.national_id_reveal")]
    ParticipantNationalIdReveal,
    #[strum(serialize = "participant.read")]
    ParticipantRead,
    #[strum(serialize = "participant.read.refused")]
    ParticipantReadRefused,
    #[strum(serialize = "participant.rectifications.read")]
    ParticipantRectificationsRead,
    #[strum(serialize = "participant.status")]
    ParticipantStatus,
    #[strum(serialize = "participant.update")]
    ParticipantUpdate,
    #[strum(serialize = "partner.create")]
    PartnerCreate,
    #[strum(serialize = "partner.update")]
    PartnerUpdate,
    #[strum(serialize = "partner_user.activate")]
    PartnerUserActivate,
    #[strum(serialize = "partner_user.deactivate")]
    PartnerUserDeactivate,
    #[strum(serialize = "partner_user.invite")]
    PartnerUserInvite,
    #[strum(serialize = "partner_user.link")]
    PartnerUserLink,
    #[strum(serialize = "peer.end")]
    PeerEnd,
    #[strum(serialize = "peer.name")]
    PeerName,
    #[strum(serialize = "peer.read")]
    PeerRead,
    #[strum(serialize = "placement.activity")]
    PlacementActivity,
    #[strum(serialize = "placement.change")]
    PlacementChange,
    #[strum(serialize = "placement.create")]
    PlacementCreate,
    #[strum(serialize = "placement.employer_complete")]
    PlacementEmployerComplete,
    #[strum(serialize = "placement.employer_confirm")]
    PlacementEmployerConfirm,
    #[strum(serialize = "placement.employer_decline")]
    PlacementEmployerDecline,
    #[strum(serialize = "placement.employer_view")]
    PlacementEmployerView,
    #[strum(serialize = "placement.invite")]
    PlacementInvite,
    #[strum(serialize = "placement.list")]
    PlacementList,
    #[strum(serialize = "placement.read")]
    PlacementRead,
    #[strum(serialize = "plan.read")]
    PlanRead,
    #[strum(serialize = "plan.review")]
    PlanReview,
    #[strum(serialize = "plan.update")]
    PlanUpdate,
    #[strum(serialize = "production.correct")]
    ProductionCorrect,
    #[strum(serialize = "production.delete")]
    ProductionDelete,
    #[strum(serialize = "production.import")]
    ProductionImport,
    #[strum(serialize = "production.record")]
    ProductionRecord,
    #[strum(serialize = "proposal.accepted")]
    ProposalAccepted,
    #[strum(serialize = "proposal.create")]
    ProposalCreate,
    #[strum(serialize = "proposal.declined")]
    ProposalDeclined,
    #[strum(serialize = "proposal.list")]
    ProposalList,
    #[strum(serialize = "referral.create")]
    ReferralCreate,
    #[strum(serialize = "referral.list")]
    ReferralList,
    #[strum(serialize = "referral.read")]
    ReferralRead,
    #[strum(serialize = "referral.record")]
    ReferralRecord,
    #[strum(serialize = "referral.withdraw")]
    ReferralWithdraw,
    #[strum(serialize = "referral.in_assessment")]
    ReferralInAssessment,
    #[strum(serialize = "referral.accepted")]
    ReferralAccepted,
    #[strum(serialize = "referral.waiting_list")]
    ReferralWaitingList,
    #[strum(serialize = "referral.declined")]
    ReferralDeclined,
    #[strum(serialize = "referral.withdrawn")]
    ReferralWithdrawn,
    #[strum(serialize = "referral.received")]
    ReferralReceived,
    #[strum(serialize = "research.extract")]
    ResearchExtract,
    #[strum(serialize = "research_consent.give")]
    ResearchConsentGive,
    #[strum(serialize = "research_consent.read")]
    ResearchConsentRead,
    #[strum(serialize = "research_consent.revoke")]
    ResearchConsentRevoke,
    #[strum(serialize = "today.read")]
    TodayRead,
    #[strum(serialize = "user.create")]
    UserCreate,
    #[strum(serialize = "user.create_by_sso")]
    UserCreateBySso,
    #[strum(serialize = "user.password_reset_started")]
    UserPasswordResetStarted,
    #[strum(serialize = "user.password_set")]
    UserPasswordSet,
    #[strum(serialize = "user.sessions_ended")]
    UserSessionsEnded,
    #[strum(serialize = "user.update")]
    UserUpdate,
    #[strum(serialize = "work.correct")]
    WorkCorrect,
    #[strum(serialize = "work.log_read")]
    WorkLogRead,
    #[strum(serialize = "work.read")]
    WorkRead,
    #[strum(serialize = "work.record")]
    WorkRecord,
}

impl AuditAction {
    /// The stable dotted name the audit trail stores.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The action of a stored name, if Stige still records it.
    pub fn parse(name: &str) -> Option<Self> {
        name.parse().ok()
    }

    /// Every action, in the order of this list.
    pub fn all() -> impl Iterator<Item = Self> {
        <Self as strum::IntoEnumIterator>::iter()
    }

    /// Whether the action read the data, changed it, or was refused.
    pub fn kind(self) -> AccessKind {
        use AuditAction as A;
        match self {
            A::ActivityRead
            | A::AgreementLinkRead
            | A::AttendanceRead
            | A::AttendanceRegisterRead
            | A::ConsentList
            | A::ContactRead
            | A::EventsRead
            | A::FollowUpList
            | A::GoalList
            | A::OutcomeList
            | A::OutcomeRead
            | A::ParticipantAccessLogRead
            | A::ParticipantExport
            | A::ParticipantList
            | A::ParticipantNationalIdReveal
            | A::ParticipantRead
            | A::ParticipantRectificationsRead
            | A::PeerRead
            | A::PlacementEmployerView
            | A::PlacementList
            | A::PlacementRead
            | A::PlanRead
            | A::ProposalList
            | A::ReferralList
            | A::ReferralRead
            | A::ResearchExtract
            | A::ResearchConsentRead
            | A::TodayRead
            | A::WorkLogRead
            | A::WorkRead => AccessKind::Read,
            A::ParticipantReadRefused => AccessKind::Refused,
            A::ActivityCorrect
            | A::ActivityEnd
            | A::ActivityEnrol
            | A::ActivityMark
            | A::AgreementCreate
            | A::AgreementUpdate
            | A::AgreementLinkAdd
            | A::AgreementLinkEnd
            | A::AgreementLinkExtend
            | A::ApiClientCreate
            | A::ApiClientRevoke
            | A::ApiClientRotate
            | A::AttendanceCorrect
            | A::AttendanceEarlyWarning
            | A::AttendanceMark
            | A::AttendancePlan
            | A::AttendanceUnmark
            | A::AuthLogin
            | A::AuthLoginFailed
            | A::AuthLoginThrottled
            | A::AuthLogout
            | A::AuthLogoutEverywhere
            | A::AuthPasswordChanged
            | A::AuthPasswordReset
            | A::AuthRefreshReplayed
            | A::AuthSsoLogin
            | A::AuthSsoRefused
            | A::AuthToken
            | A::AuthTokenFailed
            | A::AuthTokenThrottled
            | A::ConsentGive
            | A::ConsentRevoke
            | A::ContactReach
            | A::ContactUpdate
            | A::DemoSeed
            | A::SeedSynthetic
            | A::EmployerCreate
            | A::EmployerRead
            | A::EmployerUpdate
            | A::FollowUpAction
            | A::FollowUpCreate
            | A::FollowUpUpdate
            | A::GoalCreate
            | A::GoalScore
            | A::GoalStatus
            | A::LadderActivityAdd
            | A::LadderCreate
            | A::LadderStepAdd
            | A::LadderStepReorder
            | A::LadderStepUpdate
            | A::LadderStepWorkDemand
            | A::LadderUpdate
            | A::LadderWorkTaskAdd
            | A::LadderWorkplaceAdd
            | A::LadderWorkplaceUpdate
            | A::OrganisationCreate
            | A::OutcomePreferences
            | A::OutcomeRecord
            | A::ParticipantAnonymised
            | A::ParticipantCreate
            | A::ParticipantErasure
            | A::ParticipantMentors
            | A::ParticipantMove
            | A::ParticipantStatus
            | A::ParticipantUpdate
            | A::PartnerCreate
            | A::PartnerUpdate
            | A::PartnerUserActivate
            | A::PartnerUserDeactivate
            | A::PartnerUserInvite
            | A::PartnerUserLink
            | A::PeerEnd
            | A::PeerName
            | A::PlacementActivity
            | A::PlacementChange
            | A::PlacementCreate
            | A::PlacementEmployerComplete
            | A::PlacementEmployerConfirm
            | A::PlacementEmployerDecline
            | A::PlacementInvite
            | A::PlanReview
            | A::PlanUpdate
            | A::ProductionCorrect
            | A::ProductionDelete
            | A::ProductionImport
            | A::ProductionRecord
            | A::ProposalAccepted
            | A::ProposalCreate
            | A::ProposalDeclined
            | A::ReferralCreate
            | A::ReferralRecord
            | A::ReferralWithdraw
            | A::ReferralInAssessment
            | A::ReferralAccepted
            | A::ReferralWaitingList
            | A::ReferralDeclined
            | A::ReferralWithdrawn
            | A::ReferralReceived
            | A::ResearchConsentGive
            | A::ResearchConsentRevoke
            | A::UserCreate
            | A::UserCreateBySso
            | A::UserPasswordResetStarted
            | A::UserPasswordSet
            | A::UserSessionsEnded
            | A::UserUpdate
            | A::WorkCorrect
            | A::WorkRecord => AccessKind::Change,
        }
    }

    /// The status change of a referral (`referral.accepted`, ...).
    pub fn referral_status(status: crate::referral::ReferralStatus) -> Self {
        use crate::referral::ReferralStatus as S;
        match status {
            S::Received => Self::ReferralReceived,
            S::InAssessment => Self::ReferralInAssessment,
            S::Accepted => Self::ReferralAccepted,
            S::WaitingList => Self::ReferralWaitingList,
            S::Declined => Self::ReferralDeclined,
            S::Withdrawn => Self::ReferralWithdrawn,
        }
    }
}

impl std::fmt::Display for AuditAction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_is_dotted_unique_and_reads_back() {
        let mut seen = std::collections::BTreeSet::new();
        for action in AuditAction::all() {
            let name = action.as_str();
            assert!(name.contains('.'), "{name}");
            assert!(
                name.chars()
                    .all(|c| c.is_ascii_lowercase() || c == '_' || c == '.'),
                "{name}"
            );
            assert!(seen.insert(name), "{name} twice");
            assert_eq!(AuditAction::parse(name), Some(action));
        }
        assert_eq!(AuditAction::parse("something.new"), None);
    }

    #[test]
    fn reads_and_refusals_are_told_apart_from_changes() {
        assert_eq!(AuditAction::ParticipantRead.kind(), AccessKind::Read);
        assert_eq!(AuditAction::PlacementEmployerView.kind(), AccessKind::Read);
        assert_eq!(AuditAction::ParticipantMove.kind(), AccessKind::Change);
        assert_eq!(
            AuditAction::ParticipantReadRefused.kind(),
            AccessKind::Refused
        );
        assert_eq!(
            AuditAction::referral_status(crate::referral::ReferralStatus::Accepted).as_str(),
            "referral.accepted"
        );
    }
}
