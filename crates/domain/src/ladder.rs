//! The ladder: an organisation's ordered steps, and the activities run beside it.

use crate::person::{TextError, required_text};
use crate::validation::ValidationErrors;
use serde::{Deserialize, Serialize};

/// How much a step demands of a participant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum DemandLevel {
    Low,
    Moderate,
    WorkLike,
    OrdinaryWork,
}

impl DemandLevel {
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(value: &str) -> Option<Self> {
        value.parse().ok()
    }
}

/// A checked step, ready to be stored. Its position on the ladder is decided by the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepDraft {
    pub name: String,
    pub description: String,
    pub demand_level: DemandLevel,
    /// Places; `None` means no limit.
    pub capacity: Option<u32>,
    /// A guide, never a deadline.
    pub typical_duration_days: Option<u32>,
}

impl StepDraft {
    pub fn parse(
        name: &str,
        description: &str,
        demand_level: DemandLevel,
        capacity: Option<i64>,
        typical_duration_days: Option<i64>,
    ) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let name = errors.collect("name", required_text(name, 100));
        let description = description.trim().to_owned();
        if description.chars().count() > 2000 {
            errors.add("description", TextError::TooLong(2000).to_string());
        }
        let capacity = match capacity {
            None => None,
            Some(c) if (1..=10_000).contains(&c) => u32::try_from(c).ok(),
            Some(_) => {
                errors.add("capacity", "must be between 1 and 10000 places, or empty");
                None
            }
        };
        let typical_duration_days = match typical_duration_days {
            None => None,
            Some(d) if (1..=3650).contains(&d) => u32::try_from(d).ok(),
            Some(_) => {
                errors.add(
                    "typical_duration_days",
                    "must be between 1 and 3650 days, or empty",
                );
                None
            }
        };
        match name {
            Some(name) if errors.is_empty() => Ok(Self {
                name,
                description,
                demand_level,
                capacity,
                typical_duration_days,
            }),
            _ => Err(errors),
        }
    }
}

/// Checks a ladder's or activity's name and description.
pub fn parse_name_and_description(
    name: &str,
    description: &str,
) -> Result<(String, String), ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let name = errors.collect("name", required_text(name, 100));
    let description = description.trim().to_owned();
    if description.chars().count() > 2000 {
        errors.add("description", TextError::TooLong(2000).to_string());
    }
    match name {
        Some(name) if errors.is_empty() => Ok((name, description)),
        _ => Err(errors),
    }
}

/// The most people a ladder may aim to bring through in a year: a guard against typos.
pub const MAX_ANNUAL_TARGET: i64 = 100_000;

/// Checks a ladder's annual target for exits to work or education: absent, or
/// 1 to 100 000 people.
pub fn parse_annual_target(value: Option<i64>) -> Result<Option<u32>, ValidationErrors> {
    parse_target("annual_target", value)
}

/// Checks a ladder's annual throughput target (people leaving the ladder in a
/// planned way per year): absent, or 1 to 100 000 people.
pub fn parse_throughput_target(value: Option<i64>) -> Result<Option<u32>, ValidationErrors> {
    parse_target("throughput_target", value)
}

fn parse_target(field: &str, value: Option<i64>) -> Result<Option<u32>, ValidationErrors> {
    match value {
        None => Ok(None),
        Some(n) if (1..=MAX_ANNUAL_TARGET).contains(&n) => Ok(u32::try_from(n).ok()),
        Some(_) => {
            let mut errors = ValidationErrors::new();
            errors.add(
                field,
                format!("must be a number of people from 1 to {MAX_ANNUAL_TARGET}"),
            );
            Err(errors)
        }
    }
}

/// The longest retention period after exit, in years.
pub const MAX_RETENTION_YEARS: i64 = 50;
/// The longest legal basis of a retention period, in characters.
pub const MAX_RETENTION_BASIS: usize = 500;

/// A ladder's retention: how many years after a person's exit their identity
/// and free texts are kept (1 to 50), and the legal basis as text. Absent
/// values are left as they are.
pub fn parse_retention(
    years: Option<i64>,
    basis: Option<&str>,
) -> Result<(Option<u32>, Option<String>), ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let years = match years {
        None => None,
        Some(n) if (1..=MAX_RETENTION_YEARS).contains(&n) => u32::try_from(n).ok(),
        Some(_) => {
            errors.add(
                "retention_years",
                format!("must be a number of years from 1 to {MAX_RETENTION_YEARS}"),
            );
            None
        }
    };
    let basis = basis.map(str::trim).map(str::to_owned);
    if let Some(text) = &basis {
        if text.chars().count() > MAX_RETENTION_BASIS {
            errors.add(
                "retention_basis",
                format!("must be at most {MAX_RETENTION_BASIS} characters"),
            );
        } else if text.chars().any(|c| c.is_control() && c != '\n') {
            errors.add("retention_basis", "may not contain control characters");
        }
    }
    errors.into_result((years, basis))
}

/// Checks a new order of a ladder's steps: the same steps, each once.
pub fn check_reorder<T: Ord + Copy>(current: &[T], proposed: &[T]) -> Result<(), ValidationErrors> {
    let mut a = current.to_vec();
    let mut b = proposed.to_vec();
    a.sort();
    b.sort();
    if a == b {
        Ok(())
    } else {
        let mut errors = ValidationErrors::new();
        errors.add(
            "step_ids",
            "must list every step of the ladder exactly once",
        );
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_needs_a_name_and_sane_numbers() {
        let err = StepDraft::parse(" ", "", DemandLevel::Low, Some(0), Some(-3)).unwrap_err();
        let fields: Vec<&str> = err.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, vec!["name", "capacity", "typical_duration_days"]);
    }

    #[test]
    fn a_step_without_capacity_has_no_limit() {
        let step = StepDraft::parse(
            "Mylla",
            "Low-demand occupation",
            DemandLevel::Low,
            None,
            Some(90),
        )
        .unwrap();
        assert_eq!(step.capacity, None);
        assert_eq!(step.typical_duration_days, Some(90));
    }

    #[test]
    fn reorder_must_be_a_permutation() {
        assert!(check_reorder(&[1, 2, 3], &[3, 1, 2]).is_ok());
        assert!(check_reorder(&[1, 2, 3], &[1, 2]).is_err());
        assert!(check_reorder(&[1, 2, 3], &[1, 2, 2]).is_err());
    }

    #[test]
    fn demand_levels_round_trip() {
        for d in DemandLevel::ALL.iter().copied() {
            assert_eq!(DemandLevel::parse(d.as_str()), Some(d));
        }
    }
}

#[cfg(test)]
mod retention_tests {
    use super::*;

    #[test]
    fn retention_is_one_to_fifty_years_with_a_basis_of_plain_text() {
        assert_eq!(parse_retention(None, None).ok(), Some((None, None)));
        assert_eq!(
            parse_retention(Some(5), Some(" Arkivlova § 6 ")).ok(),
            Some((Some(5), Some("Arkivlova § 6".into())))
        );
        for bad in [0, 51, -3] {
            assert!(parse_retention(Some(bad), None).is_err(), "{bad}");
        }
        assert!(parse_retention(None, Some("a\u{7}b")).is_err());
        assert!(parse_retention(None, Some(&"x".repeat(501))).is_err());
    }
}

crate::stored::stored_as_code!(DemandLevel);
