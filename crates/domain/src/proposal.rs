//! Change proposals (issue 22, part 4): a partner following a person proposes
//! to extend its link's period, change the planned participation, pause, or end
//! with a coded reason; the programme's staff accept (which carries the change
//! out) or decline, with a comment. As in NAV's exchange between provider and
//! agency: one side proposes, the other decides.

use crate::attendance::{PlannedWeekdays, parse_plan};
use crate::enrolment::ExitOutcome;
use crate::validation::{ValidationErrors, optional_free_text};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What a partner proposes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum ProposalKind {
    /// Extend the partner's link to a later last day.
    Extend,
    /// New planned participation (weekdays, hours a week) from a day.
    ChangeParticipation,
    /// Pause the participation, with a planned return.
    Pause,
    /// End the participation, with a reason.
    End,
}

impl ProposalKind {
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(value: &str) -> Option<Self> {
        value.parse().ok()
    }
}

/// Why a partner proposes to end the participation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum EndReason {
    GotJob,
    StartedEducation,
    Illness,
    Moved,
    DidNotAttend,
    /// Needs a text saying what.
    Other,
}

impl EndReason {
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(value: &str) -> Option<Self> {
        value.parse().ok()
    }

    /// The exit outcome accepting the end records, unless staff choose another.
    pub fn outcome(self) -> ExitOutcome {
        match self {
            Self::GotJob => ExitOutcome::WorkOrdinaryFullTime,
            Self::StartedEducation => ExitOutcome::Education,
            Self::Illness => ExitOutcome::Treatment,
            Self::Moved => ExitOutcome::Moved,
            Self::DidNotAttend => ExitOutcome::NoContact,
            Self::Other => ExitOutcome::Other,
        }
    }
}

/// Where a proposal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum ProposalStatus {
    Proposed,
    Accepted,
    Declined,
}

impl ProposalStatus {
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(value: &str) -> Option<Self> {
        value.parse().ok()
    }
}

/// A proposal, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Proposal {
    Extend {
        until: NaiveDate,
    },
    ChangeParticipation {
        from: NaiveDate,
        weekdays: Option<PlannedWeekdays>,
        hours_per_week: Option<i32>,
    },
    Pause {
        reason: String,
        planned_return: Option<NaiveDate>,
    },
    End {
        reason: EndReason,
        text: Option<String>,
    },
}

/// The fields of a proposal as sent.
#[derive(Debug, Clone, Default)]
pub struct ProposalInput<'a> {
    pub kind: Option<ProposalKind>,
    pub until: Option<NaiveDate>,
    pub from: Option<NaiveDate>,
    pub weekdays: Option<&'a [i64]>,
    pub hours_per_week: Option<i64>,
    pub planned_return: Option<NaiveDate>,
    pub end_reason: Option<EndReason>,
    pub text: Option<&'a str>,
}

impl Proposal {
    pub fn kind(&self) -> ProposalKind {
        match self {
            Self::Extend { .. } => ProposalKind::Extend,
            Self::ChangeParticipation { .. } => ProposalKind::ChangeParticipation,
            Self::Pause { .. } => ProposalKind::Pause,
            Self::End { .. } => ProposalKind::End,
        }
    }

    /// Checks a proposal made on `today`; errors name the fields.
    pub fn parse(input: &ProposalInput<'_>, today: NaiveDate) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let text = optional_free_text(&mut errors, "text", input.text, 2000);
        let proposal = match input.kind {
            None => {
                errors.add("kind", "is required");
                None
            }
            Some(ProposalKind::Extend) => match input.until {
                Some(until) if until > today => Some(Self::Extend { until }),
                Some(_) => {
                    errors.add("until", "must be after today");
                    None
                }
                None => {
                    errors.add("until", "is required to extend");
                    None
                }
            },
            Some(ProposalKind::ChangeParticipation) => {
                let from = input.from.unwrap_or(today);
                if from < today {
                    errors.add("from", "must not be in the past");
                }
                let (weekdays, hours_per_week) =
                    parse_plan(input.weekdays, input.hours_per_week, &mut errors);
                Some(Self::ChangeParticipation {
                    from,
                    weekdays,
                    hours_per_week,
                })
            }
            Some(ProposalKind::Pause) => {
                if input.planned_return.is_some_and(|r| r <= today) {
                    errors.add("planned_return", "must be after today");
                }
                match &text {
                    Some(reason) => Some(Self::Pause {
                        reason: reason.clone(),
                        planned_return: input.planned_return,
                    }),
                    None => {
                        errors.add("text", "is required: say why the person should pause");
                        None
                    }
                }
            }
            Some(ProposalKind::End) => match input.end_reason {
                None => {
                    errors.add("end_reason", "is required to end");
                    None
                }
                Some(EndReason::Other) if text.is_none() => {
                    errors.add("text", "is required when the reason is other");
                    None
                }
                Some(reason) => Some(Self::End {
                    reason,
                    text: text.clone(),
                }),
            },
        };
        match proposal {
            Some(p) if errors.is_empty() => Ok(p),
            _ => Err(errors),
        }
    }
}

/// A proposal that was decided cannot be decided again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("The proposal has already been decided")]
pub struct AlreadyDecided;

/// Whether extending a partner's link to `until` lengthens it: a link that
/// runs until further notice has nothing to extend, and the new last day
/// must come after the current one (checked when proposed and again when
/// accepted, as staff may have changed the link in between).
pub fn check_extension(
    until: NaiveDate,
    last_day: Option<NaiveDate>,
) -> Result<(), ValidationErrors> {
    let mut errors = ValidationErrors::new();
    match last_day {
        None => errors.add(
            "until",
            "the link runs until further notice: there is nothing to extend",
        ),
        Some(last) if until <= last => errors.add(
            "until",
            format!("must be after the link's last day ({last})"),
        ),
        Some(_) => {}
    }
    errors.into_result(())
}

/// The status a decision gives a proposal that is `current`.
pub fn decide(current: ProposalStatus, accept: bool) -> Result<ProposalStatus, AlreadyDecided> {
    match (current, accept) {
        (ProposalStatus::Proposed, true) => Ok(ProposalStatus::Accepted),
        (ProposalStatus::Proposed, false) => Ok(ProposalStatus::Declined),
        _ => Err(AlreadyDecided),
    }
}

crate::stored::stored_as_code!(ProposalKind, ProposalStatus, EndReason);

#[cfg(test)]
mod tests {
    use super::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, day).expect("date")
    }

    fn fields(input: ProposalInput<'_>) -> Vec<String> {
        Proposal::parse(&input, d(10))
            .err()
            .map(|e| e.0.into_iter().map(|f| f.field).collect())
            .unwrap_or_default()
    }

    #[test]
    fn each_kind_needs_its_own_fields() {
        let end = ProposalInput {
            kind: Some(ProposalKind::End),
            end_reason: Some(EndReason::GotJob),
            ..Default::default()
        };
        assert_eq!(
            Proposal::parse(&end, d(10)),
            Ok(Proposal::End {
                reason: EndReason::GotJob,
                text: None
            })
        );
        assert_eq!(fields(ProposalInput::default()), ["kind"]);
        let extend = ProposalInput {
            kind: Some(ProposalKind::Extend),
            until: Some(d(9)),
            ..Default::default()
        };
        assert_eq!(fields(extend), ["until"]);
        let pause = ProposalInput {
            kind: Some(ProposalKind::Pause),
            planned_return: Some(d(1)),
            ..Default::default()
        };
        assert_eq!(fields(pause), ["planned_return", "text"]);
        let other = ProposalInput {
            kind: Some(ProposalKind::End),
            end_reason: Some(EndReason::Other),
            ..Default::default()
        };
        assert_eq!(fields(other), ["text"]);
        let change = ProposalInput {
            kind: Some(ProposalKind::ChangeParticipation),
            hours_per_week: Some(90),
            ..Default::default()
        };
        assert_eq!(fields(change), ["hours_per_week"]);
    }

    #[test]
    fn an_extension_must_lengthen_a_link_with_a_last_day() {
        let field = |r: Result<(), ValidationErrors>| {
            r.err().map(|e| {
                e.0.iter()
                    .map(|f| format!("{}: {}", f.field, f.message))
                    .collect::<Vec<_>>()
            })
        };
        assert_eq!(check_extension(d(20), Some(d(10))), Ok(()));
        assert_eq!(
            field(check_extension(d(10), Some(d(10)))),
            Some(vec![format!(
                "until: must be after the link's last day ({})",
                d(10)
            )])
        );
        assert!(field(check_extension(d(5), Some(d(10)))).is_some());
        assert_eq!(
            field(check_extension(d(20), None)),
            Some(vec![
                "until: the link runs until further notice: there is nothing to extend".to_owned()
            ])
        );
    }

    #[test]
    fn a_proposal_is_decided_once_and_an_end_suggests_its_outcome() {
        assert_eq!(
            decide(ProposalStatus::Proposed, true),
            Ok(ProposalStatus::Accepted)
        );
        assert_eq!(decide(ProposalStatus::Accepted, false), Err(AlreadyDecided));
        assert_eq!(
            EndReason::StartedEducation.outcome(),
            ExitOutcome::Education
        );
        for r in EndReason::ALL.iter().copied() {
            assert_eq!(EndReason::parse(r.as_str()), Some(r));
        }
    }
}
