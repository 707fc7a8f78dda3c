//! From an identity provider's claim (groups or roles) to a Stige role:
//! `STIGE_OIDC_ROLES`, e.g. `stige-admins=admin,stige-coordinators=coordinator`.

use serde_json::Value;
use stige_domain::Role;

/// The mapping, in the order given: the first entry whose value the user's
/// claim holds gives the role.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RoleMapping(Vec<(String, Role)>);

impl RoleMapping {
    /// `value=role` pairs separated by commas; roles are Stige's
    /// (`admin`, `coordinator`, `mentor`, `viewer`, `researcher`).
    pub fn parse(text: &str) -> Result<Self, String> {
        let pairs = text
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|pair| {
                let (value, role) = pair
                    .rsplit_once('=')
                    .ok_or_else(|| format!("{pair:?} is not value=role"))?;
                let role = Role::parse(role.trim())
                    .filter(|r| Role::IN_PROGRAMMES.contains(r))
                    .ok_or_else(|| format!("{:?} is not a role in an organisation", role.trim()))?;
                Ok((value.trim().to_owned(), role))
            })
            .collect::<Result<Vec<_>, String>>()?;
        if pairs.is_empty() {
            return Err("no value=role pair".into());
        }
        Ok(Self(pairs))
    }

    /// The role for the claim `claim` (a dotted path, e.g. `realm_access.roles`)
    /// of `claims`: a string or a list of strings.
    pub fn role_for(&self, claims: &serde_json::Map<String, Value>, claim: &str) -> Option<Role> {
        let mut parts = claim.split('.');
        let first = claims.get(parts.next()?)?;
        let value = parts.try_fold(first, |v, key| v.get(key))?;
        let held: Vec<&str> = match value {
            Value::String(s) => vec![s.as_str()],
            Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        self.0
            .iter()
            .find(|(v, _)| held.contains(&v.as_str()))
            .map(|(_, role)| *role)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn claims(v: Value) -> serde_json::Map<String, Value> {
        v.as_object().cloned().unwrap()
    }

    #[test]
    fn the_first_mapping_the_claim_holds_gives_the_role() {
        let map = RoleMapping::parse("stige-admins=admin, stige-staff=coordinator").unwrap();
        let both = claims(json!({"groups": ["stige-staff", "stige-admins"]}));
        assert_eq!(map.role_for(&both, "groups"), Some(Role::Admin));
        let staff = claims(json!({"groups": "stige-staff"}));
        assert_eq!(map.role_for(&staff, "groups"), Some(Role::Coordinator));
    }

    #[test]
    fn an_unknown_group_or_a_missing_claim_gives_no_role() {
        let map = RoleMapping::parse("stige-admins=admin").unwrap();
        let kitchen = claims(json!({"groups": ["kitchen"]}));
        assert_eq!(map.role_for(&kitchen, "groups"), None);
        assert_eq!(map.role_for(&kitchen, "roles"), None);
        assert_eq!(map.role_for(&claims(json!({"groups": 7})), "groups"), None);
    }

    #[test]
    fn a_dotted_claim_reads_nested_objects_as_keycloak_sends_them() {
        let map = RoleMapping::parse("mentor=mentor").unwrap();
        let keycloak = claims(json!({"realm_access": {"roles": ["offline_access", "mentor"]}}));
        assert_eq!(
            map.role_for(&keycloak, "realm_access.roles"),
            Some(Role::Mentor)
        );
    }

    #[test]
    fn a_mapping_that_cannot_be_read_says_why() {
        assert!(
            RoleMapping::parse("")
                .unwrap_err()
                .contains("no value=role")
        );
        assert!(
            RoleMapping::parse("admins")
                .unwrap_err()
                .contains("value=role")
        );
        assert!(RoleMapping::parse("a=boss").unwrap_err().contains("boss"));
        assert!(RoleMapping::parse("a=platform_admin").is_err());
    }
}
