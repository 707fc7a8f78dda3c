//! Stable codes for the sentences the API writes for people: field messages of a 422
//! problem and the detail of a 409 or 410 problem.
//!
//! The sentences stay English for API users and logs; the web app shows a person the
//! code's text in their language, with the values named in the template (a length, a
//! date, a name) as parameters. The codes are assigned in this one table, next to the
//! domain's own sentences, so that a call site writes a sentence once and a program
//! never has to match English. A sentence not in the table gets [`FALLBACK`]: the web
//! app then shows a general sentence in the reader's language with the server's text.

use std::collections::BTreeMap;

/// The code of a sentence the table does not know.
pub const FALLBACK: &str = "invalid";

/// (code, template). A template's `{name}` parts are captured as parameters; more
/// specific templates come before the general ones they would also match.
const TABLE: &[(&str, &str)] = &[
    // Holds on an erasure.
    (
        "erasure-held-placement",
        "An open placement holds the person's data: complete or end it first",
    ),
    (
        "erasure-held-referral",
        "A referral in progress holds the person's data: decide it first",
    ),
    // Field messages.
    ("required", "is required{rest}"),
    ("control-characters", "may not contain control characters"),
    ("too-long", "must be at most {max} characters"),
    ("too-many", "must be at most {max} items"),
    ("duplicate-area", "is already in the plan"),
    ("already-enrolled", "is already running for the participant"),
    (
        "outside-enrolment",
        "is outside the enrolment in the activity",
    ),
    (
        "enrolment-ended",
        "The enrolment in the activity has already ended",
    ),
    ("too-far-ahead", "must be at most {days} days ahead"),
    ("quarter-hours", "must be in quarter hours"),
    ("not-themselves", "cannot be the person themselves"),
    ("has-peer", "already has a peer"),
    ("peer-ended", "The peer support has already ended"),
    ("not-a-peer", "is not someone's peer on that day"),
    // Referrals recorded by staff (issue 22, part 1).
    ("channel-api", "api is for partners' own systems{rest}"),
    (
        "from-agreement",
        "is taken from the agreement; leave it out",
    ),
    (
        "self-referral-agreement",
        "a self-referral has no partner agreement",
    ),
    (
        "self-referral-contact",
        "a self-referral has no partner contact{rest}",
    ),
    (
        "not-your-agreement",
        "is not an agreement of your programmes",
    ),
    // Several agreements per participant (issue 22, part 2).
    (
        "already-linked",
        "is already linked to the person for part of this period",
    ),
    (
        "another-payer",
        "another agreement pays for the place in this period{rest}",
    ),
    (
        "before-link-start",
        "must be on or after the link's first day",
    ),
    ("link-ended", "The link has already ended"),
    (
        "not-of-programme",
        "is not an agreement of the person's programme",
    ),
    // Change proposals (issue 22, part 4).
    ("after-today", "must be after today"),
    ("in-the-past", "must not be in the past"),
    ("proposal-decided", "The proposal has already been decided"),
    (
        "after-link-end",
        "must be after the link's last day ({date})",
    ),
    (
        "link-open-ended",
        "the link runs until further notice{rest}",
    ),
    // Production and the till's CSV (issue 26, part 4).
    (
        "one-figure",
        "give at least one figure: units, orders, customers or sales",
    ),
    ("two-decimals", "must have at most 2 decimals"),
    ("not-an-amount", "is not an amount{rest}"),
    ("whole-number", "is not a whole number"),
    (
        "till-date",
        "is not a date: write it as YYYY-MM-DD or DD.MM.YYYY",
    ),
    (
        "no-header",
        "the first line must name the columns, separated by semicolons, commas or tabs",
    ),
    ("no-header", "the first line cannot be read"),
    ("no-date-column", "has no date column{rest}"),
    ("no-amount-column", "has no amount column{rest}"),
    ("no-lines", "has no lines after the first"),
    ("unreadable-line", "cannot be read"),
    ("day-total", "the day's {what} must add up to {rest}"),
    ("more-bad-lines", "and {count} more bad lines"),
    ("file-too-large", "must be at most {max} MB"),
    ("not-a-month", "is not a month (YYYY-MM)"),
    (
        "no-plan",
        "The participant has no plan yet: make one before recording a review",
    ),
    (
        "national-id-length",
        "must be 11 digits (Norwegian) or 10 or 12 digits (Swedish)",
    ),
    (
        "national-id-characters",
        "may contain only digits, spaces and one '-' or '+'",
    ),
    (
        "national-id-check",
        "the check digits do not match; please check the number",
    ),
    ("national-id-date", "the date part is not a real date"),
    (
        "organisation-number-length",
        "must be 9 digits (Norwegian) or 10 digits (Swedish)",
    ),
    (
        "organisation-number-characters",
        "may contain only digits, spaces and one '-'",
    ),
    (
        "organisation-number-check",
        "the check digit does not match; please check the number",
    ),
    (
        "organisation-number-taken",
        "is already registered for {name}",
    ),
    ("score", "must be a whole number from 0 to 10"),
    ("in-future", "must not be in the future"),
    ("in-future", "cannot be in the future"),
    ("in-future", "attendance cannot be marked for a future day"),
    ("in-past", "cannot be in the past"),
    ("too-long-ago", "must be at most {days} days ago"),
    ("before-consent", "cannot be before the consent was given"),
    ("before-start", "must be on or after the start date"),
    ("before-start", "must be on or after valid_from"),
    ("before-conversation", "must not be before the conversation"),
    ("before-pause", "must not be before the pause starts"),
    (
        "before-status",
        "must not be before the current status began ({date})",
    ),
    ("choose-category", "choose at least one category"),
    (
        "choose-agreement",
        "choose the agreement whose partner's report to show",
    ),
    (
        "birth-date-mismatch",
        "does not match the national identity number",
    ),
    (
        "birth-date-or-id",
        "give a birth date or a national identity number",
    ),
    ("phone-or-email", "give a phone number or an e-mail"),
    ("contact-required", "give at least one contact person"),
    ("days-or-hours", "give days or hours per week"),
    ("taken", "is already taken"),
    ("not-a-date", "is not a plausible date"),
    ("password-wrong", "is not right"),
    ("not-known", "is not {rest}"),
    (
        "confidential-not-allowed",
        "mentors cannot write confidential notes",
    ),
    ("at-least-one", "must be 1 or more"),
    (
        "client-id-format",
        "must be 3 to 64 letters, digits or dashes",
    ),
    (
        "phone",
        "must be a phone number: digits, spaces and an optional leading +",
    ),
    ("email", "must be an e-mail address"),
    (
        "out-of-range",
        "must be between {min} and {max} places, or empty",
    ),
    (
        "out-of-range",
        "must be between {min} and {max} days, or empty",
    ),
    (
        "out-of-range",
        "must be a number of people from {min} to {max}",
    ),
    ("out-of-range", "must be between {min} and {max}"),
    (
        "out-of-range",
        "must be a number of years from {min} to {max}",
    ),
    (
        "every-step-once",
        "must list every step of the ladder exactly once",
    ),
    (
        "mentor-not-eligible",
        "must name active staff members who can mentor in this programme",
    ),
    (
        "not-in-organisation",
        "is not a programme of your organisation",
    ),
    ("not-a-programme-role", "is not a role in a programme"),
    (
        "not-an-organisation-role",
        "is not a role in an organisation",
    ),
    ("given-twice", "is given twice"),
    (
        "cannot-demote-self",
        "you cannot demote or deactivate yourself",
    ),
    ("first-of-month", "the first day of a month, e.g. {example}"),
    ("last-of-month", "the last day of a month, e.g. {example}"),
    ("period-order", "the period ends before it starts"),
    (
        "not-exited",
        "The participant has not exited: the situation at and after the exit is recorded after it",
    ),
    (
        "empty-when-not-reached",
        "must be empty when the person was not reached",
    ),
    (
        "reached-after-exit-only",
        "is for the checks after an exit only: a person is met at the start and exit",
    ),
    ("period-too-long", "a report covers at most ten years"),
    ("whole-months", "whole calendar months only{rest}"),
    (
        "working-days-only",
        "attendance is marked on working days only",
    ),
    ("exited", "the participant has exited the programme"),
    (
        "end-date-not-after",
        "the new end date must be after the current one",
    ),
    // Conflicts (409) and used links (410).
    (
        "step-full",
        "the step is full ({occupied} of {capacity} places); give an override reason to move anyway",
    ),
    ("same-step", "the participant is already on this step"),
    (
        "move-date",
        "the move cannot be dated before the participant's last move ({date})",
    ),
    (
        "move-only-active",
        "only an active participant can move between steps (this one is {status})",
    ),
    (
        "status-transition",
        "a participant who is {from} cannot {action}",
    ),
    (
        "placement-no-completion",
        "a placement that is {status} has no completion to report",
    ),
    (
        "placement-transition",
        "a placement that is {status} cannot be {action}",
    ),
    (
        "referral-transition",
        "a referral that is {from} cannot be {action}",
    ),
    (
        "activity-not-running",
        "Only a confirmed or active placement can be recorded as an activity; this one is {status}",
    ),
    (
        "agreement-outside-period",
        "The cooperation agreement is outside its period and takes no referrals",
    ),
    (
        "changed-meanwhile",
        "The participant was changed by someone else at the same moment{rest}",
    ),
    (
        "changed-meanwhile",
        "The placement was changed by the programme at the same moment{rest}",
    ),
    ("consent-already-revoked", "This consent is already revoked"),
    (
        "no-research-consent",
        "There is no consent to research in force to revoke",
    ),
    (
        "client-revoked",
        "This client is revoked; create a new one instead",
    ),
    ("link-used", "This link has already been used{rest}"),
    ("link-expired", "This link has expired{rest}"),
    (
        "user-deactivated",
        "The user is deactivated; reactivate them first",
    ),
];

/// (code, meaning) of a problem whose `code` is its kind: the last part of its
/// `type` (`/problems/not-found`). A conflict (409) and a used or expired link
/// (410) carry their detail's code from the table instead.
pub const PROBLEM_KINDS: &[(&str, &str)] = &[
    (
        "validation",
        "422: fields are not valid; each field error has its own code",
    ),
    (
        "bad-request",
        "400: the body or query could not be read (malformed JSON, a bad query value)",
    ),
    ("unsupported-media-type", "415: send the body as JSON"),
    ("unauthorized", "401: no valid access token"),
    (
        "invalid-credentials",
        "401: the username or password is not right",
    ),
    ("forbidden", "403: the role does not allow this"),
    (
        "password-sign-in-off",
        "403: sign-in with a password is switched off here",
    ),
    ("not-found", "404: not found, or not visible to the caller"),
    (
        "method-not-allowed",
        "405: the path does not answer this method; `Allow` names those it does",
    ),
    ("conflict", "409: a conflict the table has no code for"),
    (
        "gone",
        "410: a link that was used or has expired, when the table has no code for it",
    ),
    (
        "precondition-failed",
        "412: changed by someone else since it was read",
    ),
    (
        "precondition-required",
        "428: send the ETag read in an If-Match header",
    ),
    (
        "too-many-requests",
        "429: too many attempts; wait Retry-After seconds",
    ),
    (
        "unavailable",
        "503: the database cannot be reached; try again after Retry-After seconds",
    ),
    (
        "internal",
        "500: something went wrong on the server; it is logged",
    ),
];

/// Every code a problem or a field error can carry, once each: the table's,
/// [`FALLBACK`] and the [`PROBLEM_KINDS`].
pub fn all_codes() -> Vec<&'static str> {
    let mut codes: Vec<&'static str> = TABLE.iter().map(|(code, _)| *code).collect();
    codes.extend(PROBLEM_KINDS.iter().map(|(code, _)| *code));
    codes.push(FALLBACK);
    codes.sort_unstable();
    codes.dedup();
    codes
}

/// Every code with what it means, as the README's table of problem codes: the
/// problem kinds first, then the table's codes with their English template
/// (`{name}` is a parameter in `params`).
pub fn table_markdown() -> String {
    let mut out = String::from("| code | meaning |\n| --- | --- |\n");
    for (code, meaning) in PROBLEM_KINDS {
        out.push_str(&format!("| `{code}` | {meaning} |\n"));
    }
    out.push_str(&format!(
        "| `{FALLBACK}` | a field message or detail with no code of its own: read `message` or `detail` |\n"
    ));
    let mut seen = std::collections::BTreeSet::new();
    for (code, template) in TABLE {
        let template = template.replace("{rest}", "…").replace('|', "\\|");
        if seen.insert(*code) {
            out.push_str(&format!("| `{code}` | {template} |\n"));
        }
    }
    out
}

/// A sentence's code and the values its template names (`rest` is not kept).
pub fn code_of(sentence: &str) -> (&'static str, BTreeMap<String, String>) {
    let sentence = sentence.trim().trim_end_matches('.');
    TABLE
        .iter()
        .find_map(|(code, template)| {
            let mut params = matches(template, sentence)?;
            params.remove("rest");
            Some((*code, params))
        })
        .unwrap_or((FALLBACK, BTreeMap::new()))
}

/// The template's parameters if `sentence` fits it: literal parts in order, each
/// `{name}` taking the text up to the next literal part (or the end).
fn matches(template: &str, sentence: &str) -> Option<BTreeMap<String, String>> {
    let mut params = BTreeMap::new();
    let (literal, mut template) = template.split_once('{').unwrap_or((template, ""));
    let mut rest = sentence.strip_prefix(literal)?;
    while !template.is_empty() {
        let (name, after) = template.split_once('}')?;
        let (literal, next) = after.split_once('{').unwrap_or((after, ""));
        let value = if literal.is_empty() {
            std::mem::take(&mut rest)
        } else {
            let at = rest.find(literal)?;
            let value = &rest[..at];
            rest = &rest[at + literal.len()..];
            value
        };
        params.insert(name.to_owned(), value.to_owned());
        template = next;
    }
    rest.is_empty().then_some(params)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_sentence_gets_its_code() {
        assert_eq!(
            code_of("give a phone number or an e-mail").0,
            "phone-or-email"
        );
    }

    #[test]
    fn a_template_gives_its_values_as_parameters() {
        let (code, params) = code_of("must be at most 100 characters");
        assert_eq!(code, "too-long");
        assert_eq!(params.get("max").map(String::as_str), Some("100"));
        let (code, params) =
            code_of("the step is full (3 of 3 places); give an override reason to move anyway.");
        assert_eq!(code, "step-full");
        assert_eq!(params.get("occupied").map(String::as_str), Some("3"));
        assert_eq!(params.get("capacity").map(String::as_str), Some("3"));
    }

    #[test]
    fn the_specific_template_wins_over_the_general_one() {
        let (code, params) = code_of("must be between 1 and 10000 places, or empty");
        assert_eq!(code, "out-of-range");
        assert_eq!(params.get("max").map(String::as_str), Some("10000"));
        assert_eq!(code_of("is required when exiting").0, "required");
    }

    #[test]
    fn an_unknown_sentence_falls_back() {
        assert_eq!(code_of("something new").0, FALLBACK);
        assert_eq!(
            code_of("must be at most many characters please").0,
            FALLBACK
        );
    }

    #[test]
    fn every_domain_error_a_person_meets_has_a_code() {
        use crate::national_id::NationalIdError;
        use crate::organisation_number::OrganisationNumberError;
        let sentences = [
            NationalIdError::WrongLength.to_string(),
            NationalIdError::BadCharacter.to_string(),
            NationalIdError::BadChecksum.to_string(),
            NationalIdError::BadDate.to_string(),
            OrganisationNumberError::WrongLength.to_string(),
            OrganisationNumberError::BadCharacter.to_string(),
            OrganisationNumberError::BadChecksum.to_string(),
        ];
        for s in sentences {
            assert_ne!(code_of(&s).0, FALLBACK, "{s}");
        }
    }
}
