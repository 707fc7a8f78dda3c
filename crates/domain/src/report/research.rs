//! The anonymised participant-level extract for research: a random pseudonym
//! (chosen by the caller), no names, no identity numbers, no free text, and
//! ages in five-year bands.

use crate::enrolment::{EnrolmentStatus, ExitOutcome};
use crate::goal::{ScalingScore, average_change};
use crate::ids::StepId;
use crate::report::history::History;
use crate::report::period::{Month, Period};
use crate::step_move::Direction;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResearchRecord {
    pub pseudonym: String,
    /// Age at the period's end in five-year bands, e.g. `25-29`.
    pub age_band: Option<String>,
    /// Month (`YYYY-MM`) of the first start.
    pub first_start: Option<String>,
    pub status_at_end: Option<EnrolmentStatus>,
    /// The last exit in the period, and its month.
    pub exit_outcome: Option<ExitOutcome>,
    pub exit_month: Option<String>,
    /// Active days on each step by its position on the ladder (1 = lowest),
    /// up to the period's end.
    pub days_per_step: Vec<u32>,
    pub moves_up: u32,
    pub moves_down: u32,
    /// Present over scheduled days in the period.
    pub attendance_rate: Option<f64>,
    /// Average change in goal scaling scores in the period.
    pub goal_score_change: Option<f64>,
}

/// What the extract needs of one participant besides the history.
pub struct ResearchInput<'a> {
    pub pseudonym: String,
    pub birth_date: Option<NaiveDate>,
    pub history: &'a History,
    /// Present and scheduled days in the period.
    pub attendance: (u64, u64),
    pub goals: &'a [Vec<(NaiveDate, ScalingScore)>],
}

/// Five-year age band on `date`, from 15 up; `None` without a birth date.
pub fn age_band(birth: NaiveDate, date: NaiveDate) -> Option<String> {
    let mut age = date.year() - birth.year();
    if (date.month(), date.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    if age < 0 {
        return None;
    }
    let low = (age / 5) * 5;
    Some(format!("{}-{}", low, low + 4))
}

pub fn record(input: ResearchInput<'_>, steps: &[StepId], period: &Period) -> ResearchRecord {
    let h = input.history;
    let positions: BTreeMap<StepId, usize> =
        steps.iter().enumerate().map(|(i, s)| (*s, i)).collect();
    let mut days_per_step = vec![0u32; steps.len()];
    for stay in h.stays(period.to).iter().filter(|s| s.from <= period.to) {
        if let Some(i) = positions.get(&stay.step)
            && let Some(slot) = days_per_step.get_mut(*i)
        {
            *slot = slot.saturating_add(u32::try_from(stay.active_days).unwrap_or(u32::MAX));
        }
    }
    let in_period = |d: NaiveDate| period.contains(d);
    let count_moves = |dir: Direction| {
        h.moves
            .iter()
            .filter(|m| m.direction == dir && in_period(m.date))
            .count() as u32
    };
    let exit = h
        .statuses
        .iter()
        .rfind(|s| s.is_exit() && in_period(s.date));
    let goals: Vec<Vec<(NaiveDate, ScalingScore)>> = input
        .goals
        .iter()
        .map(|g| g.iter().filter(|(d, _)| in_period(*d)).copied().collect())
        .collect();
    let (present, scheduled) = input.attendance;
    ResearchRecord {
        pseudonym: input.pseudonym,
        age_band: input.birth_date.and_then(|b| age_band(b, period.to)),
        first_start: h
            .statuses
            .iter()
            .find(|s| s.is_start())
            .map(|s| Month::of(s.date).to_string()),
        status_at_end: h.status_on(period.to),
        exit_outcome: exit.and_then(|e| e.outcome),
        exit_month: exit.map(|e| Month::of(e.date).to_string()),
        days_per_step,
        moves_up: count_moves(Direction::Up),
        moves_down: count_moves(Direction::Down),
        attendance_rate: (scheduled > 0).then(|| present as f64 / scheduled as f64),
        goal_score_change: average_change(&goals),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::EnrolmentStatus::*;
    use crate::report::testing::{d, history_of};

    #[test]
    fn ages_fall_in_five_year_bands_counted_to_the_birthday() {
        let birth = NaiveDate::from_ymd_opt(2000, 6, 15).expect("date");
        assert_eq!(age_band(birth, d(6, 14)).as_deref(), Some("25-29"));
        assert_eq!(age_band(birth, d(6, 15)).as_deref(), Some("25-29"));
        let birth = NaiveDate::from_ymd_opt(1996, 6, 15).expect("date");
        assert_eq!(age_band(birth, d(6, 14)).as_deref(), Some("25-29"));
        assert_eq!(age_band(birth, d(6, 15)).as_deref(), Some("30-34"));
    }

    #[test]
    fn a_record_holds_days_per_step_position_and_the_exit() {
        let h = history_of(
            5,
            &[
                (d(1, 1), Active, None),
                (d(3, 1), Exited, Some(ExitOutcome::Education)),
            ],
            &[
                (d(1, 1), None, 20, Direction::Start),
                (d(2, 1), Some(20), 21, Direction::Up),
            ],
        );
        let year = Period::year(2026).expect("year");
        let r = record(
            ResearchInput {
                pseudonym: "R-1".into(),
                birth_date: None,
                history: &h,
                attendance: (3, 4),
                goals: &[],
            },
            &[StepId(20), StepId(21), StepId(22)],
            &year,
        );
        assert_eq!(r.days_per_step, vec![31, 28, 0]);
        assert_eq!((r.moves_up, r.moves_down), (1, 0));
        assert_eq!(r.exit_outcome, Some(ExitOutcome::Education));
        assert_eq!(r.exit_month.as_deref(), Some("2026-03"));
        assert_eq!(r.first_start.as_deref(), Some("2026-01"));
        assert_eq!(r.attendance_rate, Some(0.75));
        assert_eq!(r.status_at_end, Some(Exited));
    }
}
