//! Organisations: the social enterprises one installation serves.

use crate::organisation_number::OrganisationNumber;
use crate::person::required_text;
use crate::validation::ValidationErrors;

/// The languages Stige speaks.
pub const LANGUAGES: [&str; 3] = ["nb", "sv", "en"];

/// A checked new organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganisationDraft {
    pub name: String,
    pub organisation_number: OrganisationNumber,
    pub default_language: String,
    pub participant_word: String,
}

impl OrganisationDraft {
    /// Checks every field; the country follows from the organisation number.
    pub fn parse(
        name: &str,
        organisation_number: &str,
        default_language: &str,
        participant_word: &str,
    ) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let name = errors.collect("name", required_text(name, 200));
        let number = errors.collect(
            "organisation_number",
            OrganisationNumber::parse(organisation_number).map_err(|e| e.to_string()),
        );
        if !LANGUAGES.contains(&default_language) {
            errors.add("default_language", "must be nb, sv or en");
        }
        let word = errors.collect("participant_word", required_text(participant_word, 40));
        match (name, number, word) {
            (Some(name), Some(organisation_number), Some(participant_word))
                if errors.is_empty() =>
            {
                Ok(OrganisationDraft {
                    name,
                    organisation_number,
                    default_language: default_language.to_owned(),
                    participant_word,
                })
            }
            _ => Err(errors),
        }
    }

    /// `NO` or `SE`, from the organisation number.
    pub fn country_code(&self) -> &'static str {
        self.organisation_number.country().code()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_complete_organisation_parses_and_takes_its_country_from_the_number() {
        let o = OrganisationDraft::parse("Kirkens Bymisjon", "971 589 493", "nb", "medarbeider")
            .expect("valid");
        assert_eq!(o.country_code(), "NO");
        let s =
            OrganisationDraft::parse("Ringen", "802465-0122", "sv", "deltagare").expect("valid");
        assert_eq!(s.country_code(), "SE");
    }

    #[test]
    fn every_wrong_field_is_named() {
        let e = OrganisationDraft::parse(" ", "123", "de", "").expect_err("invalid");
        let fields: Vec<&str> = e.0.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(
            fields,
            vec![
                "name",
                "organisation_number",
                "default_language",
                "participant_word"
            ]
        );
    }
}
