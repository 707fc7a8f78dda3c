//! Enrolment status: referred → in assessment → active ⇄ paused → exited.
//!
//! Exit is possible from every status but exited (someone may leave during
//! assessment). Reactivating an exited participant needs a reason.

use crate::person::required_text;
use crate::validation::ValidationErrors;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Where a participant stands in the programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum EnrolmentStatus {
    Referred,
    InAssessment,
    Active,
    Paused,
    Exited,
}

impl EnrolmentStatus {
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(value: &str) -> Option<Self> {
        value.parse().ok()
    }
}

/// How a participant left the programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum ExitOutcome {
    WorkOrdinaryFullTime,
    WorkOrdinaryPartTime,
    WorkSupportedFullTime,
    WorkSupportedPartTime,
    Education,
    AnotherMeasure,
    Treatment,
    Moved,
    NoContact,
    /// Needs a text saying what.
    Other,
}

impl ExitOutcome {
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(value: &str) -> Option<Self> {
        value.parse().ok()
    }

    /// Leaving in a planned way: to work, education, another measure or
    /// treatment (not moving away, losing contact or "other").
    pub fn is_planned(self) -> bool {
        !matches!(self, Self::Moved | Self::NoContact | Self::Other)
    }

    /// Work or education: the outcomes the programmes aim for.
    pub fn is_work_or_education(self) -> bool {
        !matches!(
            self,
            Self::AnotherMeasure | Self::Treatment | Self::Moved | Self::NoContact | Self::Other
        )
    }
}

/// A checked request to change a participant's status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnrolmentCommand {
    StartAssessment,
    Activate,
    Pause {
        reason: String,
        planned_return: Option<NaiveDate>,
    },
    Resume,
    Exit {
        outcome: ExitOutcome,
        /// Required for [`ExitOutcome::Other`], optional otherwise.
        outcome_text: Option<String>,
    },
    Reactivate {
        reason: String,
    },
}

/// The action names used in the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EnrolmentAction {
    StartAssessment,
    Activate,
    Pause,
    Resume,
    Exit,
    Reactivate,
}

impl EnrolmentCommand {
    /// Builds a command from the loose fields of a request, naming every missing field.
    pub fn parse(
        action: EnrolmentAction,
        reason: Option<&str>,
        planned_return: Option<NaiveDate>,
        effective: NaiveDate,
        outcome: Option<ExitOutcome>,
        outcome_text: Option<&str>,
    ) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let command = match action {
            EnrolmentAction::StartAssessment => Some(Self::StartAssessment),
            EnrolmentAction::Activate => Some(Self::Activate),
            EnrolmentAction::Resume => Some(Self::Resume),
            EnrolmentAction::Pause => {
                let reason = errors.collect("reason", required_text(reason.unwrap_or(""), 500));
                if let Some(back) = planned_return
                    && back < effective
                {
                    errors.add("planned_return", "must not be before the pause starts");
                }
                reason.map(|reason| Self::Pause {
                    reason,
                    planned_return,
                })
            }
            EnrolmentAction::Reactivate => errors
                .collect("reason", required_text(reason.unwrap_or(""), 500))
                .map(|reason| Self::Reactivate { reason }),
            EnrolmentAction::Exit => {
                let text = outcome_text.map(str::trim).filter(|t| !t.is_empty());
                match outcome {
                    None => {
                        errors.add("outcome", "is required when exiting");
                        None
                    }
                    Some(ExitOutcome::Other) if text.is_none() => {
                        errors.add("outcome_text", "is required when the outcome is \"other\"");
                        None
                    }
                    Some(outcome) => {
                        if text.is_some_and(|t| t.chars().count() > 500) {
                            errors.add("outcome_text", "must be at most 500 characters");
                        }
                        Some(Self::Exit {
                            outcome,
                            outcome_text: text.map(str::to_owned),
                        })
                    }
                }
            }
        };
        match command {
            Some(command) if errors.is_empty() => Ok(command),
            _ => Err(errors),
        }
    }
}

/// A status change the programme does not allow.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a participant who is {from} cannot {action}")]
pub struct TransitionError {
    pub from: &'static str,
    pub action: &'static str,
}

/// What a status change did: all that the history, the audit log and the
/// partners' change feed need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusChanged {
    pub from: EnrolmentStatus,
    pub to: EnrolmentStatus,
    pub date: NaiveDate,
    /// Why the participant paused or came back.
    pub reason: Option<String>,
    pub planned_return: Option<NaiveDate>,
    /// On exit: how it ended, and in words when "other".
    pub outcome: Option<ExitOutcome>,
    pub outcome_text: Option<String>,
}

impl StatusChanged {
    /// The audit event's detail.
    pub fn audit_detail(&self) -> String {
        format!("to={}", self.to.as_str())
    }
}

/// Decides `command` on a participant whose status is `current` (see
/// [`transition`]) and, when it is allowed, says what happened on `date`.
pub fn change_status(
    current: EnrolmentStatus,
    command: &EnrolmentCommand,
    date: NaiveDate,
) -> Result<StatusChanged, TransitionError> {
    let to = transition(current, command)?;
    let (reason, planned_return, outcome, outcome_text) = match command {
        EnrolmentCommand::Pause {
            reason,
            planned_return,
        } => (Some(reason.clone()), *planned_return, None, None),
        EnrolmentCommand::Reactivate { reason } => (Some(reason.clone()), None, None, None),
        EnrolmentCommand::Exit {
            outcome,
            outcome_text,
        } => (None, None, Some(*outcome), outcome_text.clone()),
        EnrolmentCommand::StartAssessment
        | EnrolmentCommand::Activate
        | EnrolmentCommand::Resume => (None, None, None, None),
    };
    Ok(StatusChanged {
        from: current,
        to,
        date,
        reason,
        planned_return,
        outcome,
        outcome_text,
    })
}

/// Decides the status after `command`, or why it is not allowed.
pub fn transition(
    current: EnrolmentStatus,
    command: &EnrolmentCommand,
) -> Result<EnrolmentStatus, TransitionError> {
    use EnrolmentCommand as C;
    use EnrolmentStatus as S;
    let (allowed, next, action) = match command {
        C::StartAssessment => (
            current == S::Referred,
            S::InAssessment,
            "start an assessment",
        ),
        C::Activate => (
            matches!(current, S::Referred | S::InAssessment),
            S::Active,
            "be activated",
        ),
        C::Pause { .. } => (current == S::Active, S::Paused, "be paused"),
        C::Resume => (current == S::Paused, S::Active, "resume"),
        C::Exit { .. } => (current != S::Exited, S::Exited, "exit"),
        C::Reactivate { .. } => (current == S::Exited, S::Active, "be reactivated"),
    };
    if allowed {
        Ok(next)
    } else {
        Err(TransitionError {
            from: current.as_str(),
            action,
        })
    }
}

crate::stored::stored_as_code!(EnrolmentStatus, ExitOutcome);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 5).expect("date")
    }

    #[test]
    fn the_happy_path_runs_from_referral_to_exit() {
        let mut s = EnrolmentStatus::Referred;
        for c in [
            EnrolmentCommand::StartAssessment,
            EnrolmentCommand::Activate,
            EnrolmentCommand::Pause {
                reason: "Treatment stay".into(),
                planned_return: None,
            },
            EnrolmentCommand::Resume,
            EnrolmentCommand::Exit {
                outcome: ExitOutcome::Education,
                outcome_text: None,
            },
        ] {
            s = transition(s, &c).expect("allowed");
        }
        assert_eq!(s, EnrolmentStatus::Exited);
    }

    #[test]
    fn pausing_someone_not_active_is_refused_with_a_sentence() {
        let err = transition(
            EnrolmentStatus::Referred,
            &EnrolmentCommand::Pause {
                reason: "x".into(),
                planned_return: None,
            },
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "a participant who is referred cannot be paused"
        );
    }

    #[test]
    fn exit_with_other_needs_a_text() {
        let err = EnrolmentCommand::parse(
            EnrolmentAction::Exit,
            None,
            None,
            day(),
            Some(ExitOutcome::Other),
            Some("  "),
        )
        .unwrap_err();
        assert_eq!(err.0[0].field, "outcome_text");
        let ok = EnrolmentCommand::parse(
            EnrolmentAction::Exit,
            None,
            None,
            day(),
            Some(ExitOutcome::Other),
            Some("Started own business"),
        );
        assert!(ok.is_ok());
    }

    #[test]
    fn reactivation_needs_a_reason_and_pause_needs_one_too() {
        for action in [EnrolmentAction::Reactivate, EnrolmentAction::Pause] {
            let err =
                EnrolmentCommand::parse(action, Some(""), None, day(), None, None).unwrap_err();
            assert_eq!(err.0[0].field, "reason");
        }
    }

    #[test]
    fn a_planned_return_before_the_pause_is_refused() {
        let err = EnrolmentCommand::parse(
            EnrolmentAction::Pause,
            Some("Sick"),
            day().pred_opt(),
            day(),
            None,
            None,
        )
        .unwrap_err();
        assert_eq!(err.0[0].field, "planned_return");
    }

    fn any_command() -> impl Strategy<Value = EnrolmentCommand> {
        prop_oneof![
            Just(EnrolmentCommand::StartAssessment),
            Just(EnrolmentCommand::Activate),
            Just(EnrolmentCommand::Pause {
                reason: "r".into(),
                planned_return: None
            }),
            Just(EnrolmentCommand::Resume),
            Just(EnrolmentCommand::Exit {
                outcome: ExitOutcome::Moved,
                outcome_text: None
            }),
            Just(EnrolmentCommand::Reactivate { reason: "r".into() }),
        ]
    }

    proptest! {
        /// Whatever is tried, the status only ever moves along the allowed edges, and a
        /// refused command leaves the status as it was.
        #[test]
        fn no_sequence_of_commands_reaches_an_invalid_state(commands in proptest::collection::vec(any_command(), 0..40)) {
            let mut status = EnrolmentStatus::Referred;
            let mut has_been_active = false;
            for c in &commands {
                if let Ok(next) = transition(status, c) {
                    let edge_ok = matches!(
                        (status, next),
                        (EnrolmentStatus::Referred, EnrolmentStatus::InAssessment)
                            | (EnrolmentStatus::Referred | EnrolmentStatus::InAssessment, EnrolmentStatus::Active)
                            | (EnrolmentStatus::Active, EnrolmentStatus::Paused)
                            | (EnrolmentStatus::Paused, EnrolmentStatus::Active)
                            | (EnrolmentStatus::Exited, EnrolmentStatus::Active)
                            | (_, EnrolmentStatus::Exited)
                    );
                    prop_assert!(edge_ok, "{:?} -> {:?}", status, next);
                    prop_assert!(status != next);
                    status = next;
                }
                has_been_active |= status == EnrolmentStatus::Active;
                // Nobody returns to "referred" or "in assessment" after being active.
                if has_been_active {
                    prop_assert!(!matches!(status, EnrolmentStatus::Referred | EnrolmentStatus::InAssessment));
                }
            }
        }
    }
}

#[cfg(test)]
mod what_a_status_change_did {
    use super::*;

    #[test]
    fn a_change_carries_its_reason_or_outcome_and_a_refused_one_changes_nothing() {
        let date = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let paused = change_status(
            EnrolmentStatus::Active,
            &EnrolmentCommand::Pause {
                reason: "Treatment".into(),
                planned_return: Some(date),
            },
            date,
        )
        .unwrap();
        assert_eq!(paused.from, EnrolmentStatus::Active);
        assert_eq!(paused.to, EnrolmentStatus::Paused);
        assert_eq!(paused.reason.as_deref(), Some("Treatment"));
        assert_eq!(paused.planned_return, Some(date));
        assert_eq!(paused.outcome, None);
        assert_eq!(paused.audit_detail(), "to=paused");
        let exited = change_status(
            EnrolmentStatus::Active,
            &EnrolmentCommand::Exit {
                outcome: ExitOutcome::Other,
                outcome_text: Some("Moved away".into()),
            },
            date,
        )
        .unwrap();
        assert_eq!(exited.outcome, Some(ExitOutcome::Other));
        assert_eq!(exited.outcome_text.as_deref(), Some("Moved away"));
        assert!(change_status(EnrolmentStatus::Referred, &EnrolmentCommand::Resume, date).is_err());
    }
}
