//! A participant's names: what the work needs, nothing more.

use serde::{Deserialize, Serialize};

/// A given or family name: trimmed, 1 to 100 characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PersonName(String);

/// Why a text is not a usable name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    #[error("is required")]
    Empty,
    #[error("must be at most 100 characters")]
    TooLong,
    #[error("may not contain control characters")]
    ControlCharacter,
}

impl PersonName {
    pub fn parse(value: &str) -> Result<Self, NameError> {
        let trimmed = value.trim();
        if trimmed.is_empty() {
            return Err(NameError::Empty);
        }
        if trimmed.chars().count() > 100 {
            return Err(NameError::TooLong);
        }
        if trimmed.chars().any(char::is_control) {
            return Err(NameError::ControlCharacter);
        }
        Ok(Self(trimmed.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for PersonName {
    type Error = NameError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<PersonName> for String {
    fn from(value: PersonName) -> Self {
        value.0
    }
}

/// A required short free text (a reason, a name of a step): trimmed, 1..=max characters.
pub fn required_text(value: &str, max: usize) -> Result<String, TextError> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(TextError::Empty);
    }
    if trimmed.chars().count() > max {
        return Err(TextError::TooLong(max));
    }
    Ok(trimmed.to_owned())
}

/// Why a free text was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("is required")]
    Empty,
    #[error("must be at most {0} characters")]
    TooLong(usize),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_must_not_be_empty() {
        assert_eq!(PersonName::parse("  Kari ").map(|n| n.0), Ok("Kari".into()));
        assert_eq!(PersonName::parse("   "), Err(NameError::Empty));
        assert_eq!(PersonName::parse(&"x".repeat(101)), Err(NameError::TooLong));
        assert_eq!(
            PersonName::parse("a\u{7}b"),
            Err(NameError::ControlCharacter)
        );
    }

    #[test]
    fn required_text_names_its_limit() {
        assert_eq!(required_text("", 10), Err(TextError::Empty));
        assert_eq!(
            required_text("elevenchars", 10).map_err(|e| e.to_string()),
            Err("must be at most 10 characters".into())
        );
    }
}
