//! Need to know: whose people a staff member may reach.
//!
//! A staff member belongs to one organisation and holds a role per programme
//! (ladder) they work in; an organisation's admins hold admin in all of its
//! programmes. Every read and write of participant data is limited to the
//! programmes of the staff member's [`Reach`], and within a programme by the
//! role they hold there (a mentor reaches only the people assigned to them).

use crate::Capability;
use crate::{LadderId, Role, UserId, ids::OrganisationId};

/// The organisation and programmes a staff member works in, with their role in each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reach {
    organisation: Option<OrganisationId>,
    user: UserId,
    programmes: Vec<(LadderId, Role)>,
}

/// How far a staff member reaches into one programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgrammeReach {
    /// Every participant of the programme.
    Everyone,
    /// Only the participants assigned to the staff member.
    Assigned,
    /// No participant (aggregates only, or no role in the programme).
    Nobody,
}

impl Reach {
    /// The reach of `user` in `organisation` (none for a platform admin) with
    /// the given roles per programme; programmes without a role are left out.
    pub fn new(
        organisation: Option<OrganisationId>,
        user: UserId,
        mut programmes: Vec<(LadderId, Role)>,
    ) -> Self {
        if organisation.is_none() {
            programmes.clear();
        }
        programmes.sort_by_key(|(ladder, _)| *ladder);
        programmes.dedup_by_key(|(ladder, _)| *ladder);
        Reach {
            organisation,
            user,
            programmes,
        }
    }

    pub fn organisation(&self) -> Option<OrganisationId> {
        self.organisation
    }

    pub fn user(&self) -> UserId {
        self.user
    }

    /// The programmes with the role held in each, by ladder id.
    pub fn programmes(&self) -> &[(LadderId, Role)] {
        &self.programmes
    }

    /// The role held in `ladder`, if any.
    pub fn role_in(&self, ladder: LadderId) -> Option<Role> {
        self.programmes
            .binary_search_by_key(&ladder, |(l, _)| *l)
            .ok()
            .map(|i| self.programmes[i].1)
    }

    /// Whether the staff member works in `ladder` at all.
    pub fn works_in(&self, ladder: LadderId) -> bool {
        self.role_in(ladder).is_some()
    }

    /// Whether the role held in `ladder` has a capability.
    pub fn may_in(&self, ladder: LadderId, capability: Capability) -> bool {
        self.role_in(ladder).is_some_and(|r| r.may(capability))
    }

    /// How far the staff member reaches into the people of `ladder`.
    pub fn into_programme(&self, ladder: LadderId) -> ProgrammeReach {
        match self.role_in(ladder) {
            Some(role) if role.may(Capability::SeeAllParticipants) => ProgrammeReach::Everyone,
            Some(role) if role.may(Capability::SeePersonalData) => ProgrammeReach::Assigned,
            _ => ProgrammeReach::Nobody,
        }
    }

    /// The programmes whose every participant the staff member reaches.
    pub fn everyone_in(&self) -> Vec<i64> {
        self.ladders_where(ProgrammeReach::Everyone)
    }

    /// The programmes where only the participants assigned to them are reached.
    pub fn assigned_in(&self) -> Vec<i64> {
        self.ladders_where(ProgrammeReach::Assigned)
    }

    /// Every programme they hold a role in (aggregates included).
    pub fn ladders(&self) -> Vec<i64> {
        self.programmes.iter().map(|(l, _)| l.0).collect()
    }

    /// Whether they hold a role in `ladders` (every one of them), which a
    /// figure across several programmes requires.
    pub fn works_in_all(&self, ladders: &[LadderId]) -> bool {
        ladders.iter().all(|l| self.works_in(*l))
    }

    fn ladders_where(&self, wanted: ProgrammeReach) -> Vec<i64> {
        self.programmes
            .iter()
            .filter(|(l, _)| self.into_programme(*l) == wanted)
            .map(|(l, _)| l.0)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn reach(programmes: Vec<(i64, Role)>) -> Reach {
        Reach::new(
            Some(OrganisationId(1)),
            UserId(7),
            programmes
                .into_iter()
                .map(|(l, r)| (LadderId(l), r))
                .collect(),
        )
    }

    #[test]
    fn the_role_is_the_one_held_in_the_programme() {
        let r = reach(vec![(2, Role::Mentor), (1, Role::Coordinator)]);
        assert_eq!(r.role_in(LadderId(1)), Some(Role::Coordinator));
        assert_eq!(r.role_in(LadderId(2)), Some(Role::Mentor));
        assert_eq!(r.role_in(LadderId(3)), None);
        assert_eq!(r.into_programme(LadderId(1)), ProgrammeReach::Everyone);
        assert_eq!(r.into_programme(LadderId(2)), ProgrammeReach::Assigned);
        assert_eq!(r.into_programme(LadderId(3)), ProgrammeReach::Nobody);
        assert_eq!(r.everyone_in(), vec![1]);
        assert_eq!(r.assigned_in(), vec![2]);
    }

    #[test]
    fn viewers_reach_nobody_and_a_platform_admin_no_programme() {
        let r = reach(vec![(1, Role::Viewer)]);
        assert_eq!(r.into_programme(LadderId(1)), ProgrammeReach::Nobody);
        assert!(r.works_in(LadderId(1)));
        let platform = Reach::new(None, UserId(1), vec![(LadderId(1), Role::Admin)]);
        assert!(platform.programmes().is_empty());
        assert!(!platform.works_in(LadderId(1)));
    }

    proptest! {
        #[test]
        fn every_programme_is_in_exactly_one_reach(
            roles in proptest::collection::vec((1i64..20, 0usize..Role::ALL.len()), 0..12),
            probe in 1i64..25,
        ) {
            let r = reach(roles.iter().map(|(l, i)| (*l, Role::ALL[*i])).collect());
            let everyone = r.everyone_in().contains(&probe);
            let assigned = r.assigned_in().contains(&probe);
            prop_assert!(!(everyone && assigned));
            prop_assert_eq!(everyone || assigned, r.into_programme(LadderId(probe)) != ProgrammeReach::Nobody);
            prop_assert_eq!(r.works_in(LadderId(probe)), r.ladders().contains(&probe));
        }
    }
}
