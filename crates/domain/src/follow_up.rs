//! Follow-ups: dated, solution-focused conversations with agreed actions and the
//! date of the next one.

use crate::goal::ScalingScore;
use crate::person::required_text;
use crate::validation::ValidationErrors;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// Who took part in a conversation, besides the participant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Attendee {
    Staff,
    Mentor,
    /// The partner's follow-up service (e.g. the municipality's).
    PartnerFollowUpService,
}

/// One agreed action: who does what, by when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreedAction {
    pub owner: String,
    pub what: String,
    pub by_when: Option<NaiveDate>,
    pub done: bool,
}

/// A checked follow-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpDraft {
    pub date: NaiveDate,
    pub attendees: Vec<Attendee>,
    pub what_works: String,
    pub scaling_score: Option<ScalingScore>,
    pub next_small_step: String,
    pub actions: Vec<AgreedAction>,
    pub next_due: Option<NaiveDate>,
    pub confidential: bool,
}

/// The loose fields of a request for one action.
#[derive(Debug, Clone, Default)]
pub struct ActionInput<'a> {
    pub owner: Option<&'a str>,
    pub what: Option<&'a str>,
    pub by_when: Option<NaiveDate>,
    pub done: bool,
}

/// The loose fields of a follow-up request.
#[derive(Debug, Clone, Default)]
pub struct FollowUpInput<'a> {
    pub date: Option<NaiveDate>,
    pub attendees: Vec<Attendee>,
    pub what_works: Option<&'a str>,
    pub scaling_score: Option<i64>,
    pub next_small_step: Option<&'a str>,
    pub actions: Vec<ActionInput<'a>>,
    pub next_due: Option<NaiveDate>,
    pub confidential: bool,
}

fn optional_text(
    value: Option<&str>,
    max: usize,
    field: &str,
    errors: &mut ValidationErrors,
) -> String {
    let text = value.unwrap_or("").trim().to_owned();
    if text.chars().count() > max {
        errors.add(field, format!("must be at most {max} characters"));
    }
    text
}

impl FollowUpDraft {
    pub fn parse(input: &FollowUpInput<'_>, today: NaiveDate) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let date = input.date.unwrap_or(today);
        if date > today {
            errors.add("date", "must not be in the future");
        }
        let what_works = optional_text(input.what_works, 4000, "what_works", &mut errors);
        let next_small_step =
            optional_text(input.next_small_step, 2000, "next_small_step", &mut errors);
        let scaling_score = input
            .scaling_score
            .and_then(|s| errors.collect("scaling_score", ScalingScore::parse(s)));
        if input.next_due.is_some_and(|due| due < date) {
            errors.add("next_due", "must not be before the conversation");
        }
        let mut actions = Vec::with_capacity(input.actions.len());
        for (i, a) in input.actions.iter().enumerate() {
            let owner = errors.collect(
                &format!("actions[{i}].owner"),
                required_text(a.owner.unwrap_or(""), 200),
            );
            let what = errors.collect(
                &format!("actions[{i}].what"),
                required_text(a.what.unwrap_or(""), 1000),
            );
            if a.by_when.is_some_and(|b| b < date) {
                errors.add(
                    &format!("actions[{i}].by_when"),
                    "must not be before the conversation",
                );
            }
            if let (Some(owner), Some(what)) = (owner, what) {
                actions.push(AgreedAction {
                    owner,
                    what,
                    by_when: a.by_when,
                    done: a.done,
                });
            }
        }
        let mut attendees = input.attendees.clone();
        attendees.dedup();
        errors.into_result(Self {
            date,
            attendees,
            what_works,
            scaling_score,
            next_small_step,
            actions,
            next_due: input.next_due,
            confidential: input.confidential,
        })
    }
}

/// Edits within this many hours replace the text; later ones keep the earlier version.
pub const EDIT_GRACE_HOURS: i64 = 24;

/// Whether an edit at `now` must keep the version written at `written_at`.
pub fn edit_keeps_history(written_at: NaiveDateTime, now: NaiveDateTime) -> bool {
    now - written_at >= chrono::Duration::hours(EDIT_GRACE_HOURS)
}

/// Whether a follow-up is due (or overdue) on `today`.
pub fn is_due(next_due: Option<NaiveDate>, today: NaiveDate) -> bool {
    next_due.is_some_and(|d| d <= today)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).expect("date")
    }

    #[test]
    fn a_due_date_before_the_conversation_is_refused() {
        let input = FollowUpInput {
            date: Some(day(10)),
            next_due: Some(day(9)),
            ..Default::default()
        };
        let err = FollowUpDraft::parse(&input, day(12)).unwrap_err();
        assert_eq!(err.0[0].field, "next_due");
    }

    #[test]
    fn an_action_without_an_owner_is_refused_by_position() {
        let input = FollowUpInput {
            actions: vec![
                ActionInput {
                    owner: Some("Kari"),
                    what: Some("Call NAV"),
                    ..Default::default()
                },
                ActionInput {
                    owner: None,
                    what: Some("Book the dentist"),
                    ..Default::default()
                },
            ],
            ..Default::default()
        };
        let err = FollowUpDraft::parse(&input, day(12)).unwrap_err();
        assert_eq!(err.0[0].field, "actions[1].owner");
    }

    #[test]
    fn a_score_of_eleven_is_refused_and_a_good_follow_up_parses() {
        let bad = FollowUpInput {
            scaling_score: Some(11),
            ..Default::default()
        };
        assert_eq!(
            FollowUpDraft::parse(&bad, day(12)).unwrap_err().0[0].field,
            "scaling_score"
        );
        let good = FollowUpInput {
            date: Some(day(12)),
            attendees: vec![Attendee::Mentor],
            what_works: Some("Comes every morning"),
            scaling_score: Some(6),
            next_small_step: Some("Try a longer day on Friday"),
            next_due: Some(day(19)),
            ..Default::default()
        };
        let draft = FollowUpDraft::parse(&good, day(12)).unwrap();
        assert_eq!(draft.scaling_score.map(ScalingScore::value), Some(6));
    }

    #[test]
    fn edits_after_a_day_keep_the_earlier_version() {
        let written = day(1).and_hms_opt(10, 0, 0).expect("time");
        assert!(!edit_keeps_history(
            written,
            written + chrono::Duration::hours(23)
        ));
        assert!(edit_keeps_history(
            written,
            written + chrono::Duration::hours(24)
        ));
    }
}
