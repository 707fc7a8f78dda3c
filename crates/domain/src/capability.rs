//! What each role may do: one table, read by every handler of the API and by
//! the web app to show or hide actions. The README's "Who may do what" is
//! printed from it (`xtask/tests/readme_tables.rs` keeps it fresh).

use crate::role::{HomePage, Role};
use crate::small_cells::Disclosure;

/// Something a staff member may be allowed to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::VariantArray)]
pub enum Capability {
    /// See and change every participant of their programmes.
    SeeAllParticipants,
    /// See personal data at all (a mentor only for their own participants).
    SeePersonalData,
    /// Work with participants day to day: Today, the register, the list,
    /// goals, follow-ups, consents, outcomes, status changes and moves (a
    /// mentor for their own).
    WorkWithParticipants,
    /// See and keep how to reach a participant (phone, e-mail, address,
    /// emergency contacts, the safety note), record attempts to reach them,
    /// keep their individual plan and enrol them in activities.
    ReachParticipants,
    /// Read and write follow-up notes marked confidential.
    SeeConfidentialNotes,
    /// See the full national identity number on an explicit, audited request.
    RevealNationalId,
    /// Answer a participant's requests about their data: the access log of
    /// their record and the export of everything held about them.
    AnswerParticipantRequests,
    /// Triage partners' referrals and register new participants.
    TriageReferrals,
    /// Arrange placements: propose, invite the employer, extend, complete,
    /// end early; the board, the employers' changes and the outbox.
    ArrangePlacements,
    /// Read the employers and their contacts.
    ReadEmployers,
    /// Assign mentors to participants.
    AssignMentors,
    /// Be assigned as someone's mentor.
    BeAMentor,
    /// List the organisation's staff.
    ListStaff,
    /// Read partners and their cooperation agreements.
    ReadPartners,
    /// See report figures exactly, without disclosure control.
    SeeExactFigures,
    /// Read programme reports (aggregates).
    ReadReports,
    /// Read an agreement's report.
    ReadAgreementReports,
    /// Take the person-level (k-anonymous) research extract.
    TakeResearchExtract,
    /// Change ladders, steps, activities, users, partners and API clients.
    Administer,
    /// Create organisations and their first admin (and nothing else).
    AdministerPlatform,
    /// Follow one cooperation agreement's people as a partner user, within
    /// scope ∩ consent: refer, see the referrals' status and the agreement's
    /// report, propose changes (and nothing else).
    FollowAgreement,
}

impl Capability {
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    /// The roles that have the capability: the permission table itself.
    pub fn roles(self) -> &'static [Role] {
        use Role::*;
        match self {
            Self::SeeAllParticipants
            | Self::SeeConfidentialNotes
            | Self::RevealNationalId
            | Self::AnswerParticipantRequests
            | Self::TriageReferrals
            | Self::ArrangePlacements
            | Self::AssignMentors
            | Self::ListStaff
            | Self::ReadPartners
            | Self::SeeExactFigures => &[Admin, Coordinator],
            Self::SeePersonalData
            | Self::WorkWithParticipants
            | Self::ReachParticipants
            | Self::ReadEmployers
            | Self::BeAMentor => &[Admin, Coordinator, Mentor],
            Self::ReadReports => &[Admin, Coordinator, Mentor, Viewer, Researcher],
            Self::ReadAgreementReports => &[Admin, Coordinator, Viewer, Researcher],
            Self::TakeResearchExtract => &[Admin, Researcher],
            Self::Administer => &[Admin],
            Self::AdministerPlatform => &[PlatformAdmin],
            Self::FollowAgreement => &[Partner],
        }
    }

    /// What the capability allows, in a line (the first line of its doc).
    pub fn description(self) -> &'static str {
        match self {
            Self::SeeAllParticipants => "See and change every participant of their programmes",
            Self::SeePersonalData => "See personal data (a mentor only for their own participants)",
            Self::WorkWithParticipants => {
                "Today, the register, the list, goals, follow-ups, consents, outcomes, moves"
            }
            Self::ReachParticipants => {
                "Contact details and safety note, reach attempts, the plan, activities"
            }
            Self::SeeConfidentialNotes => "Read and write confidential follow-up notes",
            Self::RevealNationalId => "See the full national identity number (audited)",
            Self::AnswerParticipantRequests => "A person's access log and export",
            Self::TriageReferrals => "Triage referrals and register new participants",
            Self::ArrangePlacements => "Arrange placements, the board and the outbox",
            Self::ReadEmployers => "Read employers and their contacts",
            Self::AssignMentors => "Assign mentors",
            Self::BeAMentor => "Be assigned as a mentor",
            Self::ListStaff => "List the organisation's staff",
            Self::ReadPartners => "Read partners and cooperation agreements",
            Self::SeeExactFigures => "See report figures without disclosure control",
            Self::ReadReports => "Read programme reports",
            Self::ReadAgreementReports => "Read an agreement's report",
            Self::TakeResearchExtract => "Take the research extract",
            Self::Administer => "Change ladders, activities, users, partners and API clients",
            Self::AdministerPlatform => "Create organisations and their first admin",
            Self::FollowAgreement => "Follow one agreement's people in the partner view",
        }
    }
}

impl Role {
    /// Whether the role has `capability`.
    pub fn may(self, capability: Capability) -> bool {
        capability.roles().contains(&self)
    }

    /// How report figures are shown: exact only to those who see every
    /// participant anyway; everyone else under disclosure control.
    pub fn disclosure(self) -> Disclosure {
        if self.may(Capability::SeeExactFigures) {
            Disclosure::Exact
        } else {
            Disclosure::Controlled
        }
    }

    /// The page the role lands on after signing in.
    pub fn home_page(self) -> HomePage {
        if self.may(Capability::AdministerPlatform) {
            HomePage::Organisations
        } else if self.may(Capability::FollowAgreement) {
            HomePage::Partner
        } else if self.may(Capability::WorkWithParticipants) {
            HomePage::Today
        } else {
            HomePage::Reports
        }
    }
}

/// The whole role × capability table as Markdown, as the README shows it.
pub fn table_markdown() -> String {
    let mut out = String::from("| may | ");
    out += &Role::ALL
        .iter()
        .map(|r| r.as_str())
        .collect::<Vec<_>>()
        .join(" | ");
    out += " |\n|---|";
    out += &"---|".repeat(Role::ALL.len());
    out += "\n";
    for c in Capability::ALL.iter().copied() {
        out += &format!("| {} |", c.description());
        for r in Role::ALL.iter().copied() {
            out += if r.may(c) { " ✓ |" } else { " |" };
        }
        out += "\n";
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_platform_admin_sees_no_one_and_reads_no_report() {
        for c in Capability::ALL.iter().copied() {
            assert_eq!(
                Role::PlatformAdmin.may(c),
                c == Capability::AdministerPlatform,
                "{c:?}"
            );
        }
    }

    #[test]
    fn those_who_see_all_may_everything_a_mentor_may() {
        for c in Capability::ALL.iter().copied() {
            if Role::Mentor.may(c) {
                assert!(Role::Coordinator.may(c), "{c:?}");
            }
            if Role::Coordinator.may(c) {
                assert!(Role::Admin.may(c), "{c:?}");
            }
        }
        assert!(!Role::Viewer.may(Capability::SeePersonalData));
        assert!(!Role::Researcher.may(Capability::SeePersonalData));
    }

    #[test]
    fn the_table_has_a_row_per_capability() {
        let table = table_markdown();
        assert_eq!(table.lines().count(), 2 + Capability::ALL.len());
        assert!(table.contains("| Take the research extract | ✓ | | | | ✓ | |"));
    }
}
