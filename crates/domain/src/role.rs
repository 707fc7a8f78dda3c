//! Staff roles and what each may do.

use serde::{Deserialize, Serialize};

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
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Admin, Role::Coordinator, Role::Mentor, Role::Viewer];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Coordinator => "coordinator",
            Role::Mentor => "mentor",
            Role::Viewer => "viewer",
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
        !matches!(self, Role::Viewer)
    }

    /// May see the full national identity number on an explicit, audited request.
    pub fn may_reveal_national_id(self) -> bool {
        self.sees_all_participants()
    }

    /// May change ladders, steps, activities and users.
    pub fn administers(self) -> bool {
        matches!(self, Role::Admin)
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
    }
}
