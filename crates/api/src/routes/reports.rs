//! `GET /agreements/{id}/report`: places, starts, exits, people per step and time
//! to the first step up. Counts from 1 to 4 are shown as "<5".

use crate::auth::Caller;
use crate::error::ApiError;
use crate::routes::read;
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use stige_client::{AgreementReport, OutcomeCount, Problem, StepCount, StepRef};
use stige_domain::small_cells::show;
use stige_domain::{ExitOutcome, LadderId, Role, StepId};
use stige_store::{ladders, partners, reports};

/// Fewer people than this and the median is not shown.
const MIN_FOR_MEDIAN: usize = 5;

fn count(n: i64) -> stige_domain::small_cells::ShownCount {
    show(u64::try_from(n).unwrap_or(0), true)
}

/// The median of `values`, if there are enough of them to show.
pub fn median(mut values: Vec<i64>) -> Option<f64> {
    if values.len() < MIN_FOR_MEDIAN {
        return None;
    }
    values.sort_unstable();
    let mid = values.len() / 2;
    let value = if values.len().is_multiple_of(2) {
        (values[mid - 1] + values[mid]) as f64 / 2.0
    } else {
        values[mid] as f64
    };
    Some(value)
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
        let figures = reports::agreement_figures(conn, id)?;
        let ladder =
            ladders::get(conn, LadderId(agreement.ladder_id))?.ok_or(ApiError::NotFound)?;
        let people_per_step = ladder
            .steps
            .iter()
            .map(|(step, _)| StepCount {
                step: StepRef {
                    id: StepId(step.id),
                    name: step.name.clone(),
                },
                count: count(
                    figures
                        .per_step
                        .iter()
                        .find(|(s, _)| *s == step.id)
                        .map_or(0, |(_, n)| *n),
                ),
            })
            .collect();
        let exits_by_outcome = ExitOutcome::ALL
            .into_iter()
            .filter_map(|outcome| {
                let n: i64 = figures
                    .exits
                    .iter()
                    .filter(|(o, _)| o.as_deref() == Some(outcome.as_str()))
                    .map(|(_, n)| *n)
                    .sum();
                (n > 0).then(|| OutcomeCount {
                    outcome,
                    count: count(n),
                })
            })
            .collect();
        Ok(AgreementReport {
            agreement_id: id,
            places: i64::from(agreement.places),
            places_used: count(figures.places_used),
            starts: count(figures.starts),
            exits_by_outcome,
            people_per_step,
            median_days_to_first_step_up: median(figures.days_to_first_step_up),
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
        assert_eq!(median(vec![3, 1, 2, 9]), None);
        assert_eq!(median(vec![5, 1, 3, 2, 4]), Some(3.0));
        assert_eq!(median(vec![6, 1, 3, 2, 4, 5]), Some(3.5));
    }
}
