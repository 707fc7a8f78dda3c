//! The API's field messages and conflict details are English sentences for programs
//! and logs; the ones a staff member meets often are shown in their language here.
//! An unknown message is shown as the server wrote it, so nothing is ever hidden.

use crate::i18n::I18n;

/// A field message from a 422 problem, in the current language.
pub fn field_message(i18n: I18n, message: &str) -> String {
    let key = match message {
        "is required" => "field-required",
        "may not contain control characters" => "field-control-characters",
        "must be 11 digits (Norwegian) or 10 or 12 digits (Swedish)" => "field-national-id-length",
        "may contain only digits, spaces and one '-' or '+'" => "field-national-id-characters",
        "the check digits do not match; please check the number" => "field-national-id-check",
        "the date part is not a real date" => "field-national-id-date",
        "must be a whole number from 0 to 10" => "field-score",
        other => {
            return match too_long(other) {
                Some(max) => i18n.t_with("field-too-long", &[("max", max.to_string())]),
                None => other.to_owned(),
            };
        }
    };
    i18n.t(key)
}

/// "must be at most N characters" → N.
fn too_long(message: &str) -> Option<u32> {
    message
        .strip_prefix("must be at most ")?
        .strip_suffix(" characters")?
        .parse()
        .ok()
}

/// The detail of a 409 problem, in the current language where it is a known one.
pub fn conflict_detail(i18n: I18n, detail: &str) -> String {
    if detail.starts_with("the step is full") {
        i18n.t("conflict-step-full")
    } else if detail.starts_with("the participant is already on this step") {
        i18n.t("conflict-same-step")
    } else if detail.starts_with("the move cannot be dated before") {
        i18n.t("conflict-move-date")
    } else if detail.starts_with("only an active participant can move") {
        i18n.t("move-only-active")
    } else {
        detail.to_owned()
    }
}
