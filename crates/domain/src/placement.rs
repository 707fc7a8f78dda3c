//! Employers and placements: internships, work trials and employment that employers
//! confirm themselves.
//!
//! Lifecycle: proposed → awaiting employer → confirmed / declined → active (from the
//! start date) → completed / ended early. Extensions move the end date.

use crate::organisation_number::OrganisationNumber;
use crate::partner::ContactDraft;
use crate::person::required_text;
use crate::validation::ValidationErrors;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Which invitation to send.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum InvitationPurpose {
    /// Confirm or decline the placement.
    Confirm,
    /// Near the end: completed or ended early, with feedback.
    Completion,
}

impl InvitationPurpose {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(value: &str) -> Option<Self> {
        value.parse().ok()
    }
}

/// The language an employer's messages and page are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum Language {
    Nb,
    Sv,
    En,
}

impl Language {
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(value: &str) -> Option<Self> {
        value.parse().ok()
    }
}

/// An employer, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmployerDraft {
    pub name: String,
    pub organisation_number: OrganisationNumber,
    pub address: String,
    pub contacts: Vec<ContactDraft>,
    pub association_member: bool,
    pub language: Language,
}

/// The fields of an employer as sent.
#[derive(Debug, Clone, Default)]
pub struct EmployerInput<'a> {
    pub name: Option<&'a str>,
    pub organisation_number: Option<&'a str>,
    pub address: Option<&'a str>,
    /// Name, phone, e-mail of each contact person.
    pub contacts: Vec<[Option<&'a str>; 3]>,
    pub association_member: Option<bool>,
    pub language: Option<Language>,
}

impl EmployerDraft {
    pub fn parse(input: &EmployerInput<'_>) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let name = errors.collect("name", required_text(input.name.unwrap_or(""), 200));
        let number = match input
            .organisation_number
            .map(str::trim)
            .filter(|n| !n.is_empty())
        {
            None => {
                errors.add("organisation_number", "is required");
                None
            }
            Some(n) => errors.collect("organisation_number", OrganisationNumber::parse(n)),
        };
        let address = input.address.unwrap_or("").trim().to_owned();
        if address.chars().count() > 300 {
            errors.add("address", "must be at most 300 characters");
        }
        if input.contacts.is_empty() {
            errors.add("contacts", "give at least one contact person");
        }
        let contacts: Vec<ContactDraft> = input
            .contacts
            .iter()
            .enumerate()
            .filter_map(|(i, [n, p, e])| {
                ContactDraft::parse(&format!("contacts[{i}]"), *n, *p, *e, &mut errors)
            })
            .collect();
        if input.language.is_none() {
            errors.add("language", "is required");
        }
        match (name, number, input.language) {
            (Some(name), Some(organisation_number), Some(language)) if errors.is_empty() => {
                Ok(Self {
                    name,
                    organisation_number,
                    address,
                    contacts,
                    association_member: input.association_member.unwrap_or(false),
                    language,
                })
            }
            _ => Err(errors),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum PlacementKind {
    Internship,
    WorkTrial,
    Employment,
}

impl PlacementKind {
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(value: &str) -> Option<Self> {
        value.parse().ok()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum PlacementStatus {
    Proposed,
    AwaitingEmployer,
    Confirmed,
    Declined,
    Active,
    Completed,
    EndedEarly,
}

impl PlacementStatus {
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(value: &str) -> Option<Self> {
        value.parse().ok()
    }

    /// A confirmed placement is active from its start date.
    pub fn on(self, start: NaiveDate, today: NaiveDate) -> Self {
        if self == Self::Confirmed && start <= today {
            Self::Active
        } else {
            self
        }
    }
}

/// What can happen to a placement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlacementCommand {
    /// Staff invite the employer to confirm.
    Invite,
    Confirm,
    Decline,
    Complete,
    EndEarly,
    /// A new end date.
    Extend(NaiveDate),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlacementError {
    #[error("a placement that is {0} cannot be {1}")]
    Transition(&'static str, &'static str),
    #[error("the new end date must be after the current one")]
    ExtensionNotLater,
}

/// The status after `command`, given the effective status (see [`PlacementStatus::on`]).
pub fn placement_transition(
    current: PlacementStatus,
    end: NaiveDate,
    command: PlacementCommand,
) -> Result<PlacementStatus, PlacementError> {
    use PlacementCommand as C;
    use PlacementStatus as S;
    let (allowed, next, action) = match command {
        C::Invite => (
            matches!(current, S::Proposed | S::AwaitingEmployer),
            S::AwaitingEmployer,
            "sent to the employer",
        ),
        C::Confirm => (current == S::AwaitingEmployer, S::Confirmed, "confirmed"),
        C::Decline => (current == S::AwaitingEmployer, S::Declined, "declined"),
        C::Complete => (current == S::Active, S::Completed, "completed"),
        C::EndEarly => (
            matches!(current, S::Active | S::Confirmed),
            S::EndedEarly,
            "ended early",
        ),
        C::Extend(new_end) => {
            if matches!(current, S::Confirmed | S::Active) && new_end <= end {
                return Err(PlacementError::ExtensionNotLater);
            }
            (
                matches!(current, S::Confirmed | S::Active),
                current,
                "extended",
            )
        }
    };
    if allowed {
        Ok(next)
    } else {
        Err(PlacementError::Transition(current.as_str(), action))
    }
}

/// A placement's terms, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacementDraft {
    pub kind: PlacementKind,
    pub role: String,
    pub tasks: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub hours_per_week: u8,
}

impl PlacementDraft {
    pub fn parse(
        kind: Option<PlacementKind>,
        role: Option<&str>,
        tasks: Option<&str>,
        start: Option<NaiveDate>,
        end: Option<NaiveDate>,
        hours_per_week: Option<i64>,
    ) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        if kind.is_none() {
            errors.add("kind", "is required");
        }
        let role = errors.collect("role", required_text(role.unwrap_or(""), 200));
        let tasks = tasks.unwrap_or("").trim().to_owned();
        if tasks.chars().count() > 2000 {
            errors.add("tasks", "must be at most 2000 characters");
        }
        if start.is_none() {
            errors.add("start_date", "is required");
        }
        match (start, end) {
            (_, None) => errors.add("end_date", "is required"),
            (Some(s), Some(e)) if e < s => {
                errors.add("end_date", "must be on or after the start date")
            }
            _ => {}
        }
        let hours = match hours_per_week {
            None => {
                errors.add("hours_per_week", "is required");
                None
            }
            Some(h) if !(1..=60).contains(&h) => {
                errors.add("hours_per_week", "must be between 1 and 60");
                None
            }
            Some(h) => u8::try_from(h).ok(),
        };
        match (kind, role, start, end, hours) {
            (Some(kind), Some(role), Some(start), Some(end), Some(hours_per_week))
                if errors.is_empty() =>
            {
                Ok(Self {
                    kind,
                    role,
                    tasks,
                    start,
                    end,
                    hours_per_week,
                })
            }
            _ => Err(errors),
        }
    }
}

/// Feedback from the employer at the end: four ratings 1–4 and a free text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feedback {
    pub attendance: u8,
    pub punctuality: u8,
    pub cooperation: u8,
    pub quality: u8,
    pub text: String,
}

impl Feedback {
    pub fn parse(
        ratings: [(&str, Option<i64>); 4],
        text: Option<&str>,
    ) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let mut values = [0u8; 4];
        for (i, (field, value)) in ratings.iter().enumerate() {
            match value {
                Some(v) if (1..=4).contains(v) => values[i] = u8::try_from(*v).unwrap_or(1),
                Some(_) => errors.add(field, "must be between 1 and 4"),
                None => errors.add(field, "is required"),
            }
        }
        let text = text.unwrap_or("").trim().to_owned();
        if text.chars().count() > 2000 {
            errors.add("comment", "must be at most 2000 characters");
        }
        errors.into_result(Self {
            attendance: values[0],
            punctuality: values[1],
            cooperation: values[2],
            quality: values[3],
            text,
        })
    }
}

crate::stored::stored_as_code!(PlacementStatus, PlacementKind, Language, InvitationPurpose);

#[cfg(test)]
mod tests {
    use super::*;
    use PlacementCommand as C;
    use PlacementStatus as S;
    use proptest::prelude::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, day).expect("date")
    }

    #[test]
    fn a_placement_runs_from_proposal_to_completion() {
        let s = placement_transition(S::Proposed, d(20), C::Invite).expect("invite");
        let s = placement_transition(s, d(20), C::Confirm).expect("confirm");
        assert_eq!(s, S::Confirmed);
        assert_eq!(s.on(d(5), d(4)), S::Confirmed);
        let s = s.on(d(5), d(5));
        assert_eq!(s, S::Active);
        assert_eq!(
            placement_transition(s, d(20), C::Extend(d(28))),
            Ok(S::Active)
        );
        assert_eq!(
            placement_transition(s, d(20), C::Extend(d(19))),
            Err(PlacementError::ExtensionNotLater)
        );
        assert_eq!(
            placement_transition(s, d(20), C::Complete),
            Ok(S::Completed)
        );
    }

    #[test]
    fn every_transition_outside_the_lifecycle_is_refused() {
        let allowed = |from: S, c: C| match c {
            C::Invite => matches!(from, S::Proposed | S::AwaitingEmployer),
            C::Confirm | C::Decline => from == S::AwaitingEmployer,
            C::Complete => from == S::Active,
            C::EndEarly | C::Extend(_) => matches!(from, S::Active | S::Confirmed),
        };
        for from in S::ALL.iter().copied() {
            for c in [
                C::Invite,
                C::Confirm,
                C::Decline,
                C::Complete,
                C::EndEarly,
                C::Extend(d(30)),
            ] {
                assert_eq!(
                    placement_transition(from, d(20), c).is_ok(),
                    allowed(from, c),
                    "{from:?} {c:?}"
                );
            }
        }
    }

    #[test]
    fn terms_and_feedback_are_checked() {
        let err = PlacementDraft::parse(None, Some(" "), None, Some(d(10)), Some(d(9)), Some(61))
            .expect_err("invalid");
        let fields: Vec<_> = err.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["kind", "role", "end_date", "hours_per_week"]);
        let ok = Feedback::parse(
            [
                ("attendance", Some(4)),
                ("punctuality", Some(3)),
                ("cooperation", Some(1)),
                ("quality", Some(2)),
            ],
            Some(" Good work "),
        )
        .expect("valid");
        assert_eq!((ok.attendance, ok.text.as_str()), (4, "Good work"));
        assert!(
            Feedback::parse(
                [
                    ("attendance", Some(5)),
                    ("punctuality", None),
                    ("cooperation", Some(1)),
                    ("quality", Some(1))
                ],
                None
            )
            .is_err()
        );
    }

    #[test]
    fn an_employer_needs_a_name_number_contact_and_language() {
        let err = EmployerDraft::parse(&EmployerInput::default()).expect_err("invalid");
        let fields: Vec<_> = err.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            ["name", "organisation_number", "contacts", "language"]
        );
        let ok = EmployerDraft::parse(&EmployerInput {
            name: Some("Kalmar Verkstad AB"),
            organisation_number: Some("556012-5790"),
            contacts: vec![[Some("Anna"), None, Some("anna@example.se")]],
            language: Some(Language::Sv),
            ..EmployerInput::default()
        })
        .expect("valid");
        assert!(!ok.association_member);
    }

    proptest! {
        #[test]
        fn no_command_sequence_leaves_the_lifecycle(cmds in proptest::collection::vec(0u8..6, 0..12)) {
            let mut s = S::Proposed;
            let mut end = d(20);
            for c in cmds {
                let cmd = match c {
                    0 => C::Invite, 1 => C::Confirm, 2 => C::Decline,
                    3 => C::Complete, 4 => C::EndEarly, _ => C::Extend(end + chrono::Duration::days(7)),
                };
                if let Ok(next) = placement_transition(s.on(d(1), d(2)), end, cmd) {
                    if let C::Extend(e) = cmd { end = e; }
                    // Finished placements never change again.
                    prop_assert!(!matches!(s, S::Declined | S::Completed | S::EndedEarly));
                    s = next;
                }
            }
        }
    }
}
