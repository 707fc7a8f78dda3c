//! Step moves: up or down the ladder, dated, with a reason. A move down is recorded
//! like any other, never as failure.

use crate::enrolment::EnrolmentStatus;
use crate::ids::StepId;
use crate::person::required_text;
use crate::validation::ValidationErrors;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What the domain needs to know of a step to decide a move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StepOnLadder {
    pub id: StepId,
    /// 0 is the lowest rung.
    pub position: i32,
    pub capacity: Option<u32>,
    /// Active and paused participants on the step now.
    pub occupied: u32,
}

/// Which way a move goes, derived from the steps' positions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum Direction {
    /// The first step a participant takes on the ladder.
    Start,
    Up,
    Down,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(value: &str) -> Option<Self> {
        value.parse().ok()
    }
}

/// A checked request to move a participant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoveRequest {
    pub to_step: StepId,
    pub date: NaiveDate,
    pub reason: String,
    /// Why the participant may enter a step that is full.
    pub override_reason: Option<String>,
}

impl MoveRequest {
    pub fn parse(
        to_step: StepId,
        date: NaiveDate,
        reason: &str,
        override_reason: Option<&str>,
        today: NaiveDate,
    ) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let reason = errors.collect("reason", required_text(reason, 1000));
        if date > today {
            errors.add("date", "must not be in the future");
        }
        let override_reason = override_reason
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned);
        match reason {
            Some(reason) if errors.is_empty() => Ok(Self {
                to_step,
                date,
                reason,
                override_reason,
            }),
            _ => Err(errors),
        }
    }
}

/// Why a move is not allowed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoveError {
    #[error("only an active participant can move between steps (this one is {0})")]
    NotActive(&'static str),
    #[error("the participant is already on this step")]
    SameStep,
    #[error("the move cannot be dated before the participant's last move ({0})")]
    BeforeLastMove(NaiveDate),
    #[error(
        "the step is full ({occupied} of {capacity} places); give an override reason to move anyway"
    )]
    StepFull { capacity: u32, occupied: u32 },
}

/// Decides whether `request` may move a participant from `current` to `target`.
pub fn decide_move(
    status: EnrolmentStatus,
    current: Option<&StepOnLadder>,
    last_move_date: Option<NaiveDate>,
    target: &StepOnLadder,
    request: &MoveRequest,
) -> Result<Direction, MoveError> {
    if status != EnrolmentStatus::Active {
        return Err(MoveError::NotActive(status.as_str()));
    }
    if current.is_some_and(|c| c.id == target.id) {
        return Err(MoveError::SameStep);
    }
    if let Some(last) = last_move_date
        && request.date < last
    {
        return Err(MoveError::BeforeLastMove(last));
    }
    if let Some(capacity) = target.capacity
        && target.occupied >= capacity
        && request.override_reason.is_none()
    {
        return Err(MoveError::StepFull {
            capacity,
            occupied: target.occupied,
        });
    }
    Ok(match current {
        None => Direction::Start,
        Some(c) if target.position > c.position => Direction::Up,
        Some(_) => Direction::Down,
    })
}

/// What a step move did: all that the history, the audit log and the partners'
/// change feed need, so that nobody has to work it out again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepMoved {
    pub from: Option<StepId>,
    pub to: StepId,
    pub direction: Direction,
    pub date: NaiveDate,
    pub reason: String,
    pub override_reason: Option<String>,
}

impl StepMoved {
    /// The audit event's detail.
    pub fn audit_detail(&self) -> String {
        format!("to_step={} direction={}", self.to, self.direction.as_str())
    }
}

/// Decides a move (see [`decide_move`]) and, when it is allowed, says what
/// happened.
pub fn move_to_step(
    status: EnrolmentStatus,
    current: Option<&StepOnLadder>,
    last_move_date: Option<NaiveDate>,
    target: &StepOnLadder,
    request: MoveRequest,
) -> Result<StepMoved, MoveError> {
    let direction = decide_move(status, current, last_move_date, target, &request)?;
    Ok(StepMoved {
        from: current.map(|c| c.id),
        to: target.id,
        direction,
        date: request.date,
        reason: request.reason,
        override_reason: request.override_reason,
    })
}

crate::stored::stored_as_code!(Direction);

#[cfg(test)]
mod tests {
    use super::*;

    fn step(id: i64, position: i32, capacity: Option<u32>, occupied: u32) -> StepOnLadder {
        StepOnLadder {
            id: StepId(id),
            position,
            capacity,
            occupied,
        }
    }

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, day).expect("date")
    }

    fn request(to: i64, override_reason: Option<&str>) -> MoveRequest {
        MoveRequest::parse(StepId(to), d(10), "Ready for more", override_reason, d(20))
            .expect("valid")
    }

    #[test]
    fn moves_up_down_and_first_are_told_apart() {
        let low = step(1, 0, None, 0);
        let high = step(2, 1, None, 0);
        let a = EnrolmentStatus::Active;
        assert_eq!(
            decide_move(a, None, None, &low, &request(1, None)),
            Ok(Direction::Start)
        );
        assert_eq!(
            decide_move(a, Some(&low), None, &high, &request(2, None)),
            Ok(Direction::Up)
        );
        assert_eq!(
            decide_move(a, Some(&high), None, &low, &request(1, None)),
            Ok(Direction::Down)
        );
    }

    #[test]
    fn only_active_participants_move() {
        let low = step(1, 0, None, 0);
        let err =
            decide_move(EnrolmentStatus::Paused, None, None, &low, &request(1, None)).unwrap_err();
        assert_eq!(err, MoveError::NotActive("paused"));
    }

    #[test]
    fn a_full_step_needs_an_override_reason() {
        let low = step(1, 0, None, 0);
        let full = step(2, 1, Some(3), 3);
        let a = EnrolmentStatus::Active;
        assert_eq!(
            decide_move(a, Some(&low), None, &full, &request(2, None)),
            Err(MoveError::StepFull {
                capacity: 3,
                occupied: 3
            })
        );
        assert_eq!(
            decide_move(
                a,
                Some(&low),
                None,
                &full,
                &request(2, Some("Agreed with the team"))
            ),
            Ok(Direction::Up)
        );
    }

    #[test]
    fn a_move_cannot_be_backdated_before_the_last_one_or_into_the_future() {
        let low = step(1, 0, None, 0);
        let high = step(2, 1, None, 0);
        assert_eq!(
            decide_move(
                EnrolmentStatus::Active,
                Some(&low),
                Some(d(11)),
                &high,
                &request(2, None)
            ),
            Err(MoveError::BeforeLastMove(d(11)))
        );
        let err = MoveRequest::parse(StepId(1), d(21), "x", None, d(20)).unwrap_err();
        assert_eq!(err.0[0].field, "date");
    }

    #[test]
    fn the_same_step_is_not_a_move() {
        let low = step(1, 0, None, 0);
        assert_eq!(
            decide_move(
                EnrolmentStatus::Active,
                Some(&low),
                None,
                &low,
                &request(1, None)
            ),
            Err(MoveError::SameStep)
        );
    }
}

#[cfg(test)]
mod what_a_move_did {
    use super::*;

    #[test]
    fn an_allowed_move_says_from_where_to_where_and_why_and_a_refused_one_says_why_not() {
        let at = |id, position| StepOnLadder {
            id: StepId(id),
            position,
            capacity: Some(1),
            occupied: 1,
        };
        let date = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let request = |over: Option<&str>| MoveRequest {
            to_step: StepId(2),
            date,
            reason: "Ready".into(),
            override_reason: over.map(str::to_owned),
        };
        let moved = move_to_step(
            EnrolmentStatus::Active,
            Some(&at(1, 1)),
            None,
            &at(2, 2),
            request(Some("Agreed with the workplace")),
        )
        .unwrap();
        assert_eq!(moved.from, Some(StepId(1)));
        assert_eq!(moved.to, StepId(2));
        assert_eq!(moved.direction, Direction::Up);
        assert_eq!(moved.date, date);
        assert_eq!(moved.reason, "Ready");
        assert_eq!(moved.audit_detail(), "to_step=2 direction=up");
        let full = move_to_step(
            EnrolmentStatus::Active,
            Some(&at(1, 1)),
            None,
            &at(2, 2),
            request(None),
        );
        assert!(matches!(full, Err(MoveError::StepFull { .. })));
    }
}
