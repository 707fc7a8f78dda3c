//! Contact and safety (issue 24): how to reach a participant (phone, e-mail,
//! address), whom to call when they cannot be reached (emergency contacts,
//! each with the person's consent to contact them or not), and a short
//! safety note for the staff who follow them ("call the sister first").
//! The server seals all of it with the data key; this module only checks it.

use crate::partner::{is_email, is_phone};
use crate::validation::{ValidationErrors, check_free_text as text};
use serde::{Deserialize, Serialize};

/// The most emergency contacts a person has.
pub const MAX_EMERGENCY_CONTACTS: usize = 5;
/// The longest safety note, in characters.
pub const SAFETY_NOTE_MAX: usize = 500;
/// The longest address, in characters.
pub const ADDRESS_MAX: usize = 200;

/// Someone to call when the person cannot be reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmergencyContact {
    #[cfg_attr(feature = "openapi", schema(example = "Lise Hansen"))]
    pub name: String,
    /// Who they are to the person, in the person's words.
    #[cfg_attr(feature = "openapi", schema(example = "sister"))]
    pub relation: String,
    #[cfg_attr(feature = "openapi", schema(example = "+47 412 34 567"))]
    pub phone: String,
    /// The person has agreed that staff may contact them.
    pub may_contact: bool,
}

/// How to reach a participant and what to know before trying, checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactDetails {
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub emergency_contacts: Vec<EmergencyContact>,
    pub safety_note: Option<String>,
}

impl ContactDetails {
    /// Nothing is recorded.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// The fields as sent; absent or blank optional fields mean "none".
#[derive(Debug, Clone, Default)]
pub struct ContactDraft<'a> {
    pub phone: Option<&'a str>,
    pub email: Option<&'a str>,
    pub address: Option<&'a str>,
    pub emergency_contacts: &'a [EmergencyContact],
    pub safety_note: Option<&'a str>,
}

fn blank_to_none(value: Option<&str>) -> Option<String> {
    value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

const PHONE: &str = "must be a phone number: digits, spaces and an optional leading +";

/// Checks contact details; field errors are named as the request names them
/// (`emergency_contacts[0].phone`).
pub fn parse_contact(draft: ContactDraft<'_>) -> Result<ContactDetails, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let phone = blank_to_none(draft.phone);
    if phone.as_deref().is_some_and(|p| !is_phone(p)) {
        errors.add("phone", PHONE);
    }
    let email = blank_to_none(draft.email);
    if email.as_deref().is_some_and(|e| !is_email(e)) {
        errors.add("email", "must be an e-mail address");
    }
    let address = blank_to_none(draft.address);
    if let Some(a) = &address {
        text(&mut errors, "address", a, ADDRESS_MAX);
    }
    let safety_note = blank_to_none(draft.safety_note);
    if let Some(n) = &safety_note {
        text(&mut errors, "safety_note", n, SAFETY_NOTE_MAX);
    }
    if draft.emergency_contacts.len() > MAX_EMERGENCY_CONTACTS {
        errors.add(
            "emergency_contacts",
            format!("must be at most {MAX_EMERGENCY_CONTACTS} items"),
        );
    }
    let mut emergency_contacts = vec![];
    for (i, c) in draft.emergency_contacts.iter().enumerate() {
        let field = |name: &str| format!("emergency_contacts[{i}].{name}");
        let name = c.name.trim();
        if name.is_empty() {
            errors.add(&field("name"), "is required");
        } else {
            text(&mut errors, &field("name"), name, 100);
        }
        let relation = c.relation.trim();
        text(&mut errors, &field("relation"), relation, 60);
        let phone = c.phone.trim();
        if phone.is_empty() {
            errors.add(&field("phone"), "is required");
        } else if !is_phone(phone) {
            errors.add(&field("phone"), PHONE);
        }
        emergency_contacts.push(EmergencyContact {
            name: name.to_owned(),
            relation: relation.to_owned(),
            phone: phone.to_owned(),
            may_contact: c.may_contact,
        });
    }
    errors.into_result(ContactDetails {
        phone,
        email,
        address,
        emergency_contacts,
        safety_note,
    })
}

/// What came of an attempt to reach a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum ReachOutcome {
    /// Called or wrote, no answer.
    Tried,
    /// Spoke with the person (or knows they are safe).
    Reached,
}

impl ReachOutcome {
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(value: &str) -> Option<Self> {
        value.parse().ok()
    }
}

crate::stored::stored_as_code!(ReachOutcome);

#[cfg(test)]
mod tests {
    use super::*;

    fn contact(name: &str, phone: &str) -> EmergencyContact {
        EmergencyContact {
            name: name.into(),
            relation: "sister".into(),
            phone: phone.into(),
            may_contact: true,
        }
    }

    #[test]
    fn blank_fields_are_none_and_values_are_trimmed() {
        let c = parse_contact(ContactDraft {
            phone: Some(" +47 412 34 567 "),
            email: Some(""),
            address: Some("  "),
            emergency_contacts: &[contact(" Lise ", "412 34 568")],
            safety_note: None,
        })
        .unwrap();
        assert_eq!(c.phone.as_deref(), Some("+47 412 34 567"));
        assert_eq!(c.email, None);
        assert_eq!(c.address, None);
        assert_eq!(c.emergency_contacts[0].name, "Lise");
        assert!(parse_contact(ContactDraft::default()).unwrap().is_empty());
    }

    #[test]
    fn every_field_error_is_named_and_all_are_collected() {
        let long = "x".repeat(SAFETY_NOTE_MAX + 1);
        let errors = parse_contact(ContactDraft {
            phone: Some("call me"),
            email: Some("not an address"),
            address: Some("Storgata 1\u{7}"),
            emergency_contacts: &[contact("", "abc"), contact("Per", "")],
            safety_note: Some(&long),
        })
        .unwrap_err();
        let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "phone",
                "email",
                "address",
                "safety_note",
                "emergency_contacts[0].name",
                "emergency_contacts[0].phone",
                "emergency_contacts[1].phone"
            ]
        );
        assert_eq!(errors.0[3].code, "too-long");
    }

    #[test]
    fn at_most_five_emergency_contacts() {
        let many = vec![contact("A", "41234567"); MAX_EMERGENCY_CONTACTS + 1];
        let errors = parse_contact(ContactDraft {
            emergency_contacts: &many,
            ..ContactDraft::default()
        })
        .unwrap_err();
        assert_eq!(errors.0[0].field, "emergency_contacts");
    }

    #[test]
    fn line_breaks_are_allowed_in_the_safety_note() {
        let c = parse_contact(ContactDraft {
            safety_note: Some("Call the sister first.\nDo not contact the father."),
            ..ContactDraft::default()
        })
        .unwrap();
        assert!(c.safety_note.unwrap().contains('\n'));
    }

    #[test]
    fn reach_outcomes_round_trip() {
        for o in ReachOutcome::ALL.iter().copied() {
            assert_eq!(ReachOutcome::parse(o.as_str()), Some(o));
        }
        assert_eq!(ReachOutcome::parse("maybe"), None);
    }
}
