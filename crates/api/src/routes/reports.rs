//! `GET /agreements/{id}/report`: places, starts, exits, people per step and time
//! to the first step up, exact for admins and coordinators and under
//! disclosure control for everyone else.

use crate::auth::Caller;
use crate::db::read;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::routes::programme_report::{consenting_per_category, disclosure};
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use std::collections::HashMap;
use stige_domain::Capability;
use stige_domain::agreement_link::LinkSpan;
use stige_domain::consent::SharingCategory;
use stige_domain::report::{History, Period, flow, linked, places, stats, steps};
use stige_domain::small_cells::{Disclosure, show};
use stige_domain::{ExitOutcome, LadderId, StepId};
use stige_store::reports::Scope;
use stige_store::{agreement_links, ladders, partners, reports};
use stige_wire::{AgreementReport, OutcomeCount, StepCount, StepRef};

/// Fewer people than this and the median is not shown under disclosure control.
const MIN_FOR_MEDIAN: usize = 5;

/// The median of `values`, if there are enough of them to show.
pub fn median(values: &[i64], disclosure: Disclosure) -> Option<f64> {
    if disclosure.is_controlled() && values.len() < MIN_FOR_MEDIAN {
        return None;
    }
    stats::median(values)
}

/// The agreement's report, for staff (admin, coordinator exact; viewer and
/// researcher under disclosure control) and for the agreement's own partner
/// (under disclosure control, only the sections of the agreement's scope, each
/// from the people who consented to share it); anyone else gets 404.
#[utoipa::path(tag = "partners", security(("staff" = []), ("partner" = [])), responses(
    (status = 200, body = AgreementReport),
    problem::Unauthorized,
    problem::Forbidden,
    problem::NotFound,
))]
#[get("/agreements/{id}/report")]
pub async fn agreement_report(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    match &caller {
        Caller::Staff(s) => s.require_that(Capability::ReadAgreementReports)?,
        Caller::Partner(p) if p.agreement == id => {}
        Caller::Partner(_) => return Err(ApiError::NotFound),
    }
    let disclosure = disclosure(&caller);
    let partner = matches!(caller, Caller::Partner(_));
    // Staff reach the agreements of the programmes they work in.
    let reached = match &caller {
        Caller::Staff(s) => Some(s.reach.ladders()),
        Caller::Partner(_) => None,
    };
    let report = read(&state, move |conn| {
        let agreement = partners::agreement(conn, id)?
            .filter(|a| reached.as_ref().is_none_or(|l| l.contains(&a.ladder_id)))
            .ok_or(ApiError::NotFound)?;
        let ladder_id = LadderId(agreement.ladder_id);
        let ladder = ladders::get(conn, ladder_id)?.ok_or(ApiError::NotFound)?;
        let histories = reports::agreement_histories(conn, ladder_id, id)?;
        // Everything up to today: the agreement's whole history.
        let today = crate::calendar::today();
        // Each person counts for the agreement's links to them: starts, exits
        // and moves while a link held, a step only while one holds today.
        let mut links: HashMap<i64, Vec<LinkSpan>> = HashMap::new();
        for link in agreement_links::of_agreement(conn, id)? {
            links
                .entry(link.participant_id)
                .or_default()
                .push(link.span());
        }
        let links_of = |h: &History| links.get(&h.participant.0).map_or(&[][..], Vec::as_slice);
        let while_linked: Vec<History> = (histories.iter())
            .map(|h| linked::while_linked(h, links_of(h)))
            .collect();
        let linked_today: Vec<History> = (histories.iter())
            .filter(|h| linked::linked_on(links_of(h), today))
            .cloned()
            .collect();
        let all_time = Period {
            from: chrono::NaiveDate::MIN,
            to: today,
        };
        // Whose histories each section is computed from: everyone's for
        // staff; for the partner, the people who share the section's category
        // (none of it when the scope lacks the category).
        let sharing = if partner {
            let scope = Scope {
                ladder: ladder_id,
                agreement: Some(id),
            };
            // The whole history: no period to narrow the people by (and
            // `all_time` starts before any date PostgreSQL can hold).
            Some(consenting_per_category(conn, scope, None)?)
        } else {
            None
        };
        let of = |category: SharingCategory, histories: &[History]| -> Option<Vec<History>> {
            match &sharing {
                None => Some(histories.to_vec()),
                Some(map) => map.get(&category).map(|ids| {
                    histories
                        .iter()
                        .filter(|h| ids.contains(&h.participant.0))
                        .cloned()
                        .collect()
                }),
            }
        };
        let count = |n: u64| show(n, disclosure);
        let status = of(SharingCategory::EnrolmentStatus, &histories);
        let status_while_linked = of(SharingCategory::EnrolmentStatus, &while_linked);
        let steps_while_linked = of(SharingCategory::CurrentStep, &while_linked);
        let people_per_step = of(SharingCategory::CurrentStep, &linked_today).map(|h| {
            let at_end = steps::people_at_end(&h, &all_time);
            ladder
                .steps
                .iter()
                .map(|(step, _)| StepCount {
                    step: StepRef {
                        id: StepId(step.id),
                        name: step.name.clone(),
                    },
                    count: count(at_end.get(&StepId(step.id)).copied().unwrap_or(0)),
                })
                .collect()
        });
        let exits_by_outcome = of(SharingCategory::Outcome, &while_linked).map(|h| {
            let exits = flow::exits_by_outcome(&h, &all_time);
            ExitOutcome::ALL
                .iter()
                .copied()
                .map(|outcome| OutcomeCount {
                    outcome,
                    count: count(exits.get(&outcome).copied().unwrap_or(0)),
                })
                .collect()
        });
        Ok(AgreementReport {
            agreement_id: id,
            disclosure,
            places: i64::from(agreement.places),
            places_used: status
                .as_ref()
                .map(|h| count(places::used_on(h, id, today))),
            starts: (status_while_linked.as_ref()).map(|h| count(flow::starts(h, &all_time))),
            exits_by_outcome,
            median_days_to_first_step_up: steps_while_linked
                .as_ref()
                .and_then(|h| median(&steps::days_to_first_step_up(h), disclosure)),
            people_per_step,
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(report))
}

#[cfg(test)]
mod tests {
    use super::median;
    use stige_domain::small_cells::Disclosure;

    #[test]
    fn the_median_needs_five_values_under_disclosure_control() {
        let c = Disclosure::Controlled;
        assert_eq!(median(&[3, 1, 2, 9], c), None);
        assert_eq!(median(&[3, 1, 2, 9], Disclosure::Exact), Some(2.5));
        assert_eq!(median(&[5, 1, 3, 2, 4], c), Some(3.0));
        assert_eq!(median(&[6, 1, 3, 2, 4, 5], c), Some(3.5));
    }
}
