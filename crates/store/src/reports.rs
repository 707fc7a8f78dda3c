//! The raw figures of an agreement's report; the API suppresses small cells.

use crate::DbConnection;
use crate::schema::{participants, status_changes, step_moves};
use chrono::NaiveDate;
use diesel::prelude::*;
use stige_domain::{Direction, EnrolmentStatus};

/// What happened under one agreement.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AgreementFigures {
    /// Active and paused participants now.
    pub places_used: i64,
    /// Participants who became active at least once.
    pub starts: i64,
    /// Exits by outcome (`None`: outcome missing).
    pub exits: Vec<(Option<String>, i64)>,
    /// Active and paused participants per current step.
    pub per_step: Vec<(i64, i64)>,
    /// For each participant who has moved up: days from first becoming active to
    /// the first step up.
    pub days_to_first_step_up: Vec<i64>,
}

pub fn agreement_figures(conn: &mut DbConnection, agreement: i64) -> QueryResult<AgreementFigures> {
    let under = participants::table
        .filter(participants::agreement_id.eq(agreement))
        .select(participants::id);
    let current = [
        EnrolmentStatus::Active.as_str(),
        EnrolmentStatus::Paused.as_str(),
    ];
    let places_used: i64 = participants::table
        .filter(participants::agreement_id.eq(agreement))
        .filter(participants::status.eq_any(current))
        .count()
        .get_result(conn)?;
    let per_step: Vec<(Option<i64>, i64)> = participants::table
        .filter(participants::agreement_id.eq(agreement))
        .filter(participants::status.eq_any(current))
        .group_by(participants::current_step_id)
        .select((participants::current_step_id, diesel::dsl::count_star()))
        .load(conn)?;
    let activations: Vec<(i64, NaiveDate)> = status_changes::table
        .filter(status_changes::participant_id.eq_any(under))
        .filter(status_changes::to_status.eq(EnrolmentStatus::Active.as_str()))
        .order((
            status_changes::participant_id,
            status_changes::date,
            status_changes::id,
        ))
        .select((status_changes::participant_id, status_changes::date))
        .load(conn)?;
    let exits: Vec<(Option<String>, i64)> = status_changes::table
        .filter(status_changes::participant_id.eq_any(under))
        .filter(status_changes::to_status.eq(EnrolmentStatus::Exited.as_str()))
        .group_by(status_changes::outcome)
        .select((status_changes::outcome, diesel::dsl::count_star()))
        .load(conn)?;
    let ups: Vec<(i64, NaiveDate)> = step_moves::table
        .filter(step_moves::participant_id.eq_any(under))
        .filter(step_moves::direction.eq(Direction::Up.as_str()))
        .order((step_moves::participant_id, step_moves::date, step_moves::id))
        .select((step_moves::participant_id, step_moves::date))
        .load(conn)?;
    let first = |rows: &[(i64, NaiveDate)]| {
        let mut out: Vec<(i64, NaiveDate)> = Vec::new();
        for &(p, d) in rows {
            if out.last().is_none_or(|(last, _)| *last != p) {
                out.push((p, d));
            }
        }
        out
    };
    let first_active = first(&activations);
    let days_to_first_step_up = first(&ups)
        .into_iter()
        .filter_map(|(p, up)| {
            first_active
                .iter()
                .find(|(q, _)| *q == p)
                .map(|(_, active)| (up - *active).num_days().max(0))
        })
        .collect();
    Ok(AgreementFigures {
        places_used,
        starts: i64::try_from(first_active.len()).unwrap_or(i64::MAX),
        exits,
        per_step: per_step
            .into_iter()
            .filter_map(|(s, n)| s.map(|s| (s, n)))
            .collect(),
        days_to_first_step_up,
    })
}
