//! `GET /agreements/{id}/report`: places, starts, exits, people per step and time
//! to the first step up. Counts from 1 to 4 are shown as "<5".

use crate::auth::Caller;
use crate::error::ApiError;
use crate::routes::read;
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use stige_client::{AgreementReport, OutcomeCount, Problem, StepCount, StepRef};
use stige_domain::report::{Period, flow, places, stats, steps};
use stige_domain::small_cells::{ShownCount, show};
use stige_domain::{ExitOutcome, LadderId, Role, StepId};
use stige_store::{ladders, partners, reports};

/// Fewer people than this and the median is not shown.
const MIN_FOR_MEDIAN: usize = 5;

fn count(n: u64) -> ShownCount {
    show(n, true)
}

/// The median of `values`, if there are enough of them to show.
pub fn median(values: &[i64]) -> Option<f64> {
    if values.len() < MIN_FOR_MEDIAN {
        return None;
    }
    stats::median(values)
}

/// The agreement's report, for staff (admin, coordinator, viewer) and for the
/// agreement's own partner; anyone else gets 404.
#[utoipa::path(tag = "partners", security(("staff" = []), ("partner" = [])), responses(
    (status = 200, body = AgreementReport),
    (status = 401, body = Problem, content_type = "application/problem+json"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/agreements/{id}/report")]
pub async fn agreement_report(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    match &caller {
        Caller::Staff(s) => s.require(&[Role::Admin, Role::Coordinator, Role::Viewer])?,
        Caller::Partner(p) if p.agreement == id => {}
        Caller::Partner(_) => return Err(ApiError::NotFound),
    }
    let report = read(&state, move |conn| {
        let agreement = partners::agreement(conn, id)?.ok_or(ApiError::NotFound)?;
        let ladder_id = LadderId(agreement.ladder_id);
        let ladder = ladders::get(conn, ladder_id)?.ok_or(ApiError::NotFound)?;
        let histories = reports::agreement_histories(conn, ladder_id, id)?;
        // Everything up to today: the agreement's whole history.
        let today = crate::routes::today();
        let all_time = Period {
            from: chrono::NaiveDate::MIN,
            to: today,
        };
        let at_end = steps::people_at_end(&histories, &all_time);
        let people_per_step = ladder
            .steps
            .iter()
            .map(|(step, _)| StepCount {
                step: StepRef {
                    id: StepId(step.id),
                    name: step.name.clone(),
                },
                count: count(at_end.get(&StepId(step.id)).copied().unwrap_or(0)),
            })
            .collect();
        let exits = flow::exits_by_outcome(&histories, &all_time);
        let exits_by_outcome = ExitOutcome::ALL
            .into_iter()
            .filter_map(|outcome| {
                let n = exits.get(&outcome).copied().unwrap_or(0);
                (n > 0).then(|| OutcomeCount {
                    outcome,
                    count: count(n),
                })
            })
            .collect();
        Ok(AgreementReport {
            agreement_id: id,
            places: i64::from(agreement.places),
            places_used: count(places::used_on(&histories, id, today)),
            starts: count(flow::starts(&histories, &all_time)),
            exits_by_outcome,
            people_per_step,
            median_days_to_first_step_up: median(&steps::days_to_first_step_up(&histories)),
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(report))
}

#[cfg(test)]
mod tests {
    use super::median;

    #[test]
    fn the_median_needs_five_values() {
        assert_eq!(median(&[3, 1, 2, 9]), None);
        assert_eq!(median(&[5, 1, 3, 2, 4]), Some(3.0));
        assert_eq!(median(&[6, 1, 3, 2, 4, 5]), Some(3.5));
    }
}
