//! Report maths for the steering group, partners and researchers: pure functions
//! over participants' histories, attendance counts and goal scores.
//!
//! The store gathers the inputs (aggregating in SQL where volume demands it); the
//! functions here decide what the figures are. The partner agreement report and
//! the programme report share them, so a figure means the same everywhere.

pub mod attendance;
pub mod before_after;
pub mod build;
pub mod figures;
pub mod flow;
pub mod goals;
pub mod history;
pub mod linked;
pub mod organisation;
pub mod period;
pub mod places;
pub mod research;
pub mod stats;
pub mod steps;
pub mod work_capacity;

pub use build::{ReportInput, programme_report};
pub use figures::*;
pub use history::{History, MoveRecord, PaidSpan, StatusRecord};
pub use organisation::{OrganisationReport, OrganisationTotals, organisation_report};
pub use period::{Month, Period, PeriodError};
pub use steps::StepInfo;

#[cfg(test)]
pub(crate) mod testing {
    use super::history::{History, MoveRecord, StatusRecord};
    use crate::enrolment::{EnrolmentStatus, ExitOutcome};
    use crate::ids::{ParticipantId, StepId};
    use crate::step_move::Direction;
    use chrono::NaiveDate;

    /// A day in 2026.
    pub fn d(month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, month, day).expect("date")
    }

    pub fn history_of(
        id: i64,
        statuses: &[(NaiveDate, EnrolmentStatus, Option<ExitOutcome>)],
        moves: &[(NaiveDate, Option<i64>, i64, Direction)],
    ) -> History {
        let mut previous = None;
        History {
            participant: ParticipantId(id),
            paid_by: vec![],
            statuses: statuses
                .iter()
                .map(|(date, to, outcome)| {
                    let from = previous.replace(*to);
                    StatusRecord {
                        date: *date,
                        from,
                        to: *to,
                        outcome: *outcome,
                    }
                })
                .collect(),
            moves: moves
                .iter()
                .map(|(date, from, to, direction)| MoveRecord {
                    date: *date,
                    from_step: from.map(StepId),
                    to_step: StepId(*to),
                    direction: *direction,
                })
                .collect(),
        }
    }
}
