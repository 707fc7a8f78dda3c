//! Individual plans as the API shows them, for staff and for partners.

use crate::error::ApiError;
use stige_domain::plan::{self, PlanAreaEntry, Responsible};
use stige_store::DbConnection;
use stige_store::plans as store;
use stige_wire::ParticipantPlan;

/// The plans of `ids` as the API shows them (people without one are absent).
pub fn plans_of(
    conn: &mut DbConnection,
    ids: &[i64],
) -> Result<Vec<(i64, ParticipantPlan)>, ApiError> {
    let areas = store::areas_of(conn, ids)?;
    Ok(store::of_participants(conn, ids)?
        .into_iter()
        .map(|p| {
            let mut own: Vec<PlanAreaEntry> = (areas.iter())
                .filter(|a| a.participant_id == p.participant_id)
                .filter_map(|a| {
                    Some(PlanAreaEntry {
                        area: a.area,
                        goal: a.goal.clone(),
                        responsible: Responsible::parse(&a.responsible)?,
                        responsible_name: a.responsible_name.clone(),
                        next_step: a.next_step.clone(),
                        next_step_by: a.next_step_by,
                    })
                })
                .collect();
            own.sort_by_key(|a| a.area);
            let weeks = i64::from(p.review_every_weeks);
            let view = ParticipantPlan {
                coordinator: Some(p.coordinator),
                review_every_weeks: Some(weeks),
                made_on: Some(p.made_on),
                last_reviewed_on: p.last_reviewed_on,
                next_review_on: Some(plan::next_review(p.made_on, p.last_reviewed_on, weeks)),
                areas: own,
                updated_by: Some(p.updated_by),
                updated_at: Some(p.updated_at),
            };
            (p.participant_id, view)
        })
        .collect())
}
