//! One participant's history as the reports read it: dated status changes and
//! step moves, each in the order they were recorded.

use crate::enrolment::{EnrolmentStatus, ExitOutcome};
use crate::ids::{ParticipantId, StepId};
use crate::step_move::Direction;
use crate::timeline::{self, MoveEvent, StatusEvent};
use chrono::NaiveDate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusRecord {
    pub date: NaiveDate,
    pub from: Option<EnrolmentStatus>,
    pub to: EnrolmentStatus,
    /// Set on exits.
    pub outcome: Option<ExitOutcome>,
}

impl StatusRecord {
    /// Becoming active, other than returning from a pause: a start (a
    /// reactivation after an exit starts again).
    pub fn is_start(&self) -> bool {
        self.to == EnrolmentStatus::Active && self.from != Some(EnrolmentStatus::Paused)
    }

    pub fn is_exit(&self) -> bool {
        self.to == EnrolmentStatus::Exited
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MoveRecord {
    pub date: NaiveDate,
    pub from_step: Option<StepId>,
    pub to_step: StepId,
    pub direction: Direction,
}

/// A period in which a cooperation agreement paid for the participant's place
/// (a paying link).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PaidSpan {
    pub agreement: i64,
    pub from: NaiveDate,
    /// `None`: until further notice.
    pub to: Option<NaiveDate>,
}

impl PaidSpan {
    /// Paid by `agreement` from the beginning, until further notice.
    pub fn always(agreement: i64) -> Self {
        PaidSpan {
            agreement,
            from: NaiveDate::MIN,
            to: None,
        }
    }

    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        self.from <= date && self.to.is_none_or(|to| to >= date)
    }
}

/// Sorted by date (ties in recording order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History {
    pub participant: ParticipantId,
    /// When which cooperation agreement paid for the place, if any did.
    pub paid_by: Vec<PaidSpan>,
    pub statuses: Vec<StatusRecord>,
    pub moves: Vec<MoveRecord>,
}

/// One stay on a step, with the day it ended (a move on, or an exit).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stay {
    pub step: StepId,
    pub from: NaiveDate,
    /// `None` while the participant is still on the step.
    pub ended: Option<NaiveDate>,
    /// Days on the step while active, up to the end (or `today`).
    pub active_days: i64,
}

impl History {
    pub fn status_events(&self) -> Vec<StatusEvent> {
        self.statuses
            .iter()
            .map(|s| StatusEvent {
                date: s.date,
                status: s.to,
            })
            .collect()
    }

    /// The agreement paying for the place on `date`, if any.
    pub fn paid_by_on(&self, date: NaiveDate) -> Option<i64> {
        (self.paid_by.iter())
            .rfind(|s| s.in_force_on(date))
            .map(|s| s.agreement)
    }

    /// The status in force on `date`.
    pub fn status_on(&self, date: NaiveDate) -> Option<EnrolmentStatus> {
        self.statuses
            .iter()
            .take_while(|s| s.date <= date)
            .last()
            .map(|s| s.to)
    }

    /// Active or paused on `date`: holding a place.
    pub fn holds_place_on(&self, date: NaiveDate) -> bool {
        matches!(
            self.status_on(date),
            Some(EnrolmentStatus::Active | EnrolmentStatus::Paused)
        )
    }

    /// The step the participant stood on at `date`.
    pub fn step_on(&self, date: NaiveDate) -> Option<StepId> {
        self.moves
            .iter()
            .take_while(|m| m.date <= date)
            .last()
            .map(|m| m.to_step)
    }

    /// The stays on steps, each ended by the next move or by an exit, with active
    /// days counted up to that end or to `today`.
    pub fn stays(&self, today: NaiveDate) -> Vec<Stay> {
        let statuses = self.status_events();
        let moves: Vec<MoveEvent> = self
            .moves
            .iter()
            .map(|m| MoveEvent {
                date: m.date,
                to_step: m.to_step,
            })
            .collect();
        timeline::stays(&statuses, &moves, today)
            .into_iter()
            .map(|s| {
                let ended = s.until.or_else(|| {
                    self.statuses
                        .iter()
                        .filter(|e| e.is_exit() && e.date >= s.from)
                        .map(|e| e.date)
                        .next()
                });
                let active_days = match (s.until, ended) {
                    (None, Some(exit)) => timeline::active_days_between(&statuses, s.from, exit),
                    _ => s.active_days,
                };
                Stay {
                    step: s.step,
                    from: s.from,
                    ended,
                    active_days,
                }
            })
            .collect()
    }
}
