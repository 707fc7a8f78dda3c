//! Field-level validation errors, collected so a form can show all of them at once.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One problem with one field of a request, in words a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// The field's name as it appears in the request body.
    pub field: String,
    /// A stable code for what is wrong (see `message_code`), for programs and for
    /// the web app to say it in the reader's language; `invalid` when none fits.
    #[serde(default)]
    pub code: String,
    /// What is wrong, as an English sentence.
    pub message: String,
    /// The values the message names (a length, a date), by name, for the code's text.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, String>,
}

/// Checks a free text that may run over lines (a note, a goal): at most
/// `max` characters and no control characters but line breaks. Records the
/// problem under `field`.
pub fn check_free_text(errors: &mut ValidationErrors, field: &str, value: &str, max: usize) {
    if value.chars().count() > max {
        errors.add(field, format!("must be at most {max} characters"));
    } else if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r')
    {
        errors.add(field, "may not contain control characters");
    }
}

/// An optional free text: trimmed, `None` when blank, checked as
/// [`check_free_text`].
pub fn optional_free_text(
    errors: &mut ValidationErrors,
    field: &str,
    value: Option<&str>,
    max: usize,
) -> Option<String> {
    let value = value.map(str::trim).filter(|v| !v.is_empty())?;
    check_free_text(errors, field, value, max);
    Some(value.to_owned())
}

/// All field errors of one request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValidationErrors(pub Vec<FieldError>);

impl ValidationErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        let message = message.into();
        let (code, params) = crate::message_code::code_of(&message);
        self.0.push(FieldError {
            field: field.to_owned(),
            code: code.to_owned(),
            message,
            params,
        });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Keeps the value when there were no errors.
    pub fn into_result<T>(self, value: T) -> Result<T, ValidationErrors> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }

    /// Records the error of `result` under `field` and returns its value, if any.
    pub fn collect<T, E: std::fmt::Display>(
        &mut self,
        field: &str,
        result: Result<T, E>,
    ) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.add(field, error.to_string());
                None
            }
        }
    }
}

impl std::fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|e| format!("{}: {}", e.field, e.message))
            .collect();
        f.write_str(&parts.join("; "))
    }
}

impl std::error::Error for ValidationErrors {}
