//! A person's work capacity as the API shows it, for staff and for partners.

use crate::error::ApiError;
use chrono::{Duration, NaiveDate};
use stige_domain::work::{self, Independence};
use stige_domain::{ParticipantId, StepId};
use stige_store::DbConnection;
use stige_store::work_log::{self as store, StepDemandRow};
use stige_wire::{CapacityWeek, StepRef, WorkCapacity};

/// All Stige holds of the person's work capacity.
pub fn capacity_of(
    conn: &mut DbConnection,
    id: ParticipantId,
    ladder: i64,
    current_step: Option<i64>,
    today: NaiveDate,
) -> Result<WorkCapacity, ApiError> {
    let days: Vec<(NaiveDate, u32, Independence)> = store::days_of(conn, id)?
        .into_iter()
        .map(|d| (d.day, u32::try_from(d.minutes).unwrap_or(0), d.independence))
        .collect();
    let moves: Vec<(NaiveDate, Option<i64>, i64)> = stige_store::participants::history(conn, id)?
        .moves
        .into_iter()
        .map(|(m, _)| (m.date, m.from_step_id, m.to_step_id))
        .collect();
    let steps = store::step_demands(conn, &[ladder])?;
    let weeks = work::weekly(&days);
    let view = |week: NaiveDate, c: Option<work::CapacityWeek>| {
        let step = work::step_on(&moves, current_step, week + Duration::days(6));
        let demand = step.and_then(|s| steps.iter().find(|row| row.id == s));
        CapacityWeek {
            week,
            hours: work::hours_of(c.map_or(0, |c| c.minutes)),
            days: c.map_or(0, |c| i64::from(c.days)),
            independence: c.map(|c| c.independence),
            step: demand.map(|row| StepRef {
                id: StepId(row.id),
                name: row.name.clone(),
            }),
            expected_hours: expected_hours(demand),
            expected_independence: expected_independence(demand),
        }
    };
    let current = current_step.and_then(|s| steps.iter().find(|row| row.id == s));
    Ok(WorkCapacity {
        participant_id: id,
        last_four_weeks: work::last_weeks(&weeks, today, 4)
            .into_iter()
            .map(|(w, c)| view(w, c))
            .collect(),
        weeks: weeks.iter().map(|c| view(c.week, Some(*c))).collect(),
        current_step: current_step.map(StepId),
        expected_hours: expected_hours(current),
        expected_independence: expected_independence(current),
    })
}

fn expected_hours(step: Option<&StepDemandRow>) -> Option<f64> {
    step.and_then(|s| s.expected_minutes_a_week)
        .and_then(|m| u32::try_from(m).ok())
        .map(work::hours_of)
}

fn expected_independence(step: Option<&StepDemandRow>) -> Option<Independence> {
    step.and_then(|s| s.expected_independence)
}

/// Every day of the person's work log, oldest first (for the export).
pub fn days_of(
    conn: &mut DbConnection,
    id: ParticipantId,
) -> Result<Vec<stige_wire::WorkDayEntry>, ApiError> {
    let rows = stige_store::work_log::days_of(conn, id)?;
    Ok(crate::use_cases::work_log::entries(conn, rows)?
        .into_iter()
        .map(|(_, e)| e)
        .collect())
}

/// The tasks of the programme's workplaces (for the export).
pub fn tasks_of(
    conn: &mut DbConnection,
    ladder: i64,
) -> Result<Vec<stige_wire::WorkTask>, ApiError> {
    Ok(
        crate::use_cases::workplaces::workplaces_of(conn, &[ladder])?
            .into_iter()
            .flat_map(|w| w.tasks)
            .collect(),
    )
}
