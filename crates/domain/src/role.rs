//! Staff roles and what each may do.

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
    /// The partner view: one agreement's people, referrals and report.
    Partner,
}

/// A staff member's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
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
    /// Someone at a partner (a municipality or agency), not staff: follows
    /// the people of one cooperation agreement in the partner view, within
    /// scope ∩ consent, as the partner's API clients do. Invited per
    /// agreement; no staff page or endpoint is theirs.
    Partner,
}

impl Role {
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    /// The roles a staff member can hold in a programme.
    pub const IN_PROGRAMMES: [Role; 5] = [
        Role::Admin,
        Role::Coordinator,
        Role::Mentor,
        Role::Viewer,
        Role::Researcher,
    ];

    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(value: &str) -> Option<Role> {
        value.parse().ok()
    }
}

crate::stored::stored_as_code!(Role);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capability::Capability;
    use crate::small_cells::Disclosure;

    #[test]
    fn every_role_round_trips_through_its_name() {
        for role in Role::ALL.iter().copied() {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn only_admin_and_coordinator_see_all_participants() {
        let all: Vec<Role> = Role::ALL
            .iter()
            .copied()
            .filter(|r| r.may(Capability::SeeAllParticipants))
            .collect();
        assert_eq!(all, vec![Role::Admin, Role::Coordinator]);
        assert!(!Role::Viewer.may(Capability::SeePersonalData));
        assert!(!Role::Researcher.may(Capability::SeePersonalData));
    }

    #[test]
    fn every_role_lands_on_a_page_it_may_use() {
        for role in Role::ALL.iter().copied() {
            let home = role.home_page();
            assert_eq!(
                home == HomePage::Today,
                role.may(Capability::WorkWithParticipants)
            );
        }
        assert_eq!(Role::PlatformAdmin.home_page(), HomePage::Organisations);
        assert!(!Role::PlatformAdmin.may(Capability::SeePersonalData));
        assert!(!Role::PlatformAdmin.may(Capability::ReadReports));
        assert_eq!(Role::Viewer.home_page(), HomePage::Reports);
        assert_eq!(Role::Researcher.home_page(), HomePage::Reports);
        assert_eq!(Role::Mentor.home_page(), HomePage::Today);
        assert_eq!(Role::Partner.home_page(), HomePage::Partner);
    }

    #[test]
    fn a_partner_user_has_no_staff_capability() {
        for capability in Capability::ALL.iter().copied() {
            assert_eq!(
                Role::Partner.may(capability),
                capability == Capability::FollowAgreement,
                "{capability:?}"
            );
        }
        assert!(!Role::IN_PROGRAMMES.contains(&Role::Partner));
        assert_eq!(Role::Partner.disclosure(), Disclosure::Controlled);
    }

    #[test]
    fn only_admin_and_coordinator_triage_arrange_placements_and_assign_mentors() {
        for role in Role::ALL.iter().copied() {
            let full = matches!(role, Role::Admin | Role::Coordinator);
            assert_eq!(role.may(Capability::TriageReferrals), full);
            assert_eq!(role.may(Capability::ArrangePlacements), full);
            assert_eq!(role.may(Capability::AssignMentors), full);
        }
    }

    #[test]
    fn only_full_access_sees_exact_figures_and_only_admins_and_researchers_take_extracts() {
        for role in Role::ALL.iter().copied() {
            let exact = role.disclosure() == Disclosure::Exact;
            assert_eq!(exact, matches!(role, Role::Admin | Role::Coordinator));
            assert_eq!(
                role.may(Capability::TakeResearchExtract),
                matches!(role, Role::Admin | Role::Researcher)
            );
        }
    }
}
