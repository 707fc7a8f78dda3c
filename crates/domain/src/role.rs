//! Staff roles and what each may do.

use crate::small_cells::Disclosure;
use serde::{Deserialize, Serialize};

/// Where a role lands after signing in: a page it may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HomePage {
    /// Today: the register, follow-ups due, referrals waiting.
    Today,
    /// Reports: aggregates only.
    Reports,
    /// The installation's organisations (a platform admin).
    Organisations,
}

/// A staff member's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Everything, including ladders and users.
    Admin,
    /// All participants.
    Coordinator,
    /// Only the participants assigned to them.
    Mentor,
    /// Aggregates only, no personal data.
    Viewer,
    /// Aggregates like a viewer, and the k-anonymous research extract.
    Researcher,
    /// Runs the installation: creates organisations and their first admin;
    /// belongs to no organisation and sees no one's data.
    PlatformAdmin,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Admin,
        Role::Coordinator,
        Role::Mentor,
        Role::Viewer,
        Role::Researcher,
        Role::PlatformAdmin,
    ];

    /// The roles a staff member can hold in a programme.
    pub const IN_PROGRAMMES: [Role; 5] = [
        Role::Admin,
        Role::Coordinator,
        Role::Mentor,
        Role::Viewer,
        Role::Researcher,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Coordinator => "coordinator",
            Role::Mentor => "mentor",
            Role::Viewer => "viewer",
            Role::Researcher => "researcher",
            Role::PlatformAdmin => "platform_admin",
        }
    }

    pub fn parse(value: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == value)
    }

    /// May see and change every participant.
    pub fn sees_all_participants(self) -> bool {
        matches!(self, Role::Admin | Role::Coordinator)
    }

    /// May see personal data at all (a mentor only for assigned participants).
    pub fn sees_personal_data(self) -> bool {
        matches!(self, Role::Admin | Role::Coordinator | Role::Mentor)
    }

    /// May create organisations and their first admin (and nothing else).
    pub fn administers_platform(self) -> bool {
        matches!(self, Role::PlatformAdmin)
    }

    /// May read programme reports (aggregates).
    pub fn reads_reports(self) -> bool {
        !self.administers_platform()
    }

    /// How report figures are shown: exact only to those who see every
    /// participant anyway; everyone else under disclosure control.
    pub fn disclosure(self) -> Disclosure {
        if self.sees_all_participants() {
            Disclosure::Exact
        } else {
            Disclosure::Controlled
        }
    }

    /// May take the person-level (k-anonymous) research extract.
    pub fn may_take_research_extract(self) -> bool {
        matches!(self, Role::Admin | Role::Researcher)
    }

    /// May see the full national identity number on an explicit, audited request.
    pub fn may_reveal_national_id(self) -> bool {
        self.sees_all_participants()
    }

    /// Answers a participant's requests about their data: reads the access log
    /// of their record and takes the export of everything held about them.
    pub fn answers_participant_requests(self) -> bool {
        self.sees_all_participants()
    }

    /// May change ladders, steps, activities and users.
    pub fn administers(self) -> bool {
        matches!(self, Role::Admin)
    }

    /// Works with participants day to day: Today, the register, the
    /// participant list, status changes and moves (a mentor for their own).
    pub fn works_with_participants(self) -> bool {
        self.sees_personal_data()
    }

    /// Sees and keeps how to reach a participant (phone, e-mail, address,
    /// emergency contacts, the safety note) and records the attempts to reach
    /// them: the staff who follow the person, a mentor for their own.
    pub fn reaches_participants(self) -> bool {
        self.sees_personal_data()
    }

    /// May triage partners' referrals (start the assessment, accept, waiting
    /// list, decline) and register new participants.
    pub fn triages_referrals(self) -> bool {
        self.sees_all_participants()
    }

    /// May arrange placements: propose, invite the employer, extend, complete,
    /// end early, and see the board, the employers and the outbox.
    pub fn arranges_placements(self) -> bool {
        self.sees_all_participants()
    }

    /// May assign mentors to participants.
    pub fn assigns_mentors(self) -> bool {
        self.sees_all_participants()
    }

    /// May be assigned as someone's mentor.
    pub fn can_mentor(self) -> bool {
        matches!(self, Role::Admin | Role::Coordinator | Role::Mentor)
    }

    /// The page the role lands on after signing in.
    pub fn home_page(self) -> HomePage {
        if self.administers_platform() {
            HomePage::Organisations
        } else if self.works_with_participants() {
            HomePage::Today
        } else {
            HomePage::Reports
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_round_trips_through_its_name() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn only_admin_and_coordinator_see_all_participants() {
        let all: Vec<Role> = Role::ALL
            .into_iter()
            .filter(|r| r.sees_all_participants())
            .collect();
        assert_eq!(all, vec![Role::Admin, Role::Coordinator]);
        assert!(!Role::Viewer.sees_personal_data());
        assert!(!Role::Researcher.sees_personal_data());
    }

    #[test]
    fn every_role_lands_on_a_page_it_may_use() {
        for role in Role::ALL {
            let home = role.home_page();
            assert_eq!(home == HomePage::Today, role.works_with_participants());
        }
        assert_eq!(Role::PlatformAdmin.home_page(), HomePage::Organisations);
        assert!(!Role::PlatformAdmin.sees_personal_data());
        assert!(!Role::PlatformAdmin.reads_reports());
        assert_eq!(Role::Viewer.home_page(), HomePage::Reports);
        assert_eq!(Role::Researcher.home_page(), HomePage::Reports);
        assert_eq!(Role::Mentor.home_page(), HomePage::Today);
    }

    #[test]
    fn only_admin_and_coordinator_triage_arrange_placements_and_assign_mentors() {
        for role in Role::ALL {
            let full = matches!(role, Role::Admin | Role::Coordinator);
            assert_eq!(role.triages_referrals(), full);
            assert_eq!(role.arranges_placements(), full);
            assert_eq!(role.assigns_mentors(), full);
        }
    }

    #[test]
    fn only_full_access_sees_exact_figures_and_only_admins_and_researchers_take_extracts() {
        for role in Role::ALL {
            let exact = role.disclosure() == Disclosure::Exact;
            assert_eq!(exact, matches!(role, Role::Admin | Role::Coordinator));
            assert_eq!(
                role.may_take_research_extract(),
                matches!(role, Role::Admin | Role::Researcher)
            );
        }
    }
}
