//! `GET /exit-checks`: the checks 3, 6 and 12 months after people's exits
//! still to do, for the staff who follow them (also on the Today page).

use crate::auth::Staff;
use crate::db::write;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use chrono::{Months, NaiveDate};
use std::collections::HashMap;
use stige_domain::AuditAction;
use stige_domain::Capability;
use stige_domain::situation::{self, Moment};
use stige_domain::{LadderId, ParticipantId, ValidationErrors};
use stige_store::DbConnection;
use stige_store::outcomes as store;
use stige_wire::{ExitCheck, ExitCheckQuery, Page, PersonRef, Problem};

/// How long after an exit its checks are offered: the last check (12 months)
/// stays on the list for three months more.
const OFFERED_FOR: Months = Months::new(15);

/// The checks still to do for the people `staff` reaches (in `ladder` when
/// given), due on or before `due_by` when given; soonest due first.
pub fn to_do(
    conn: &mut DbConnection,
    staff: &Staff,
    ladder: Option<i64>,
    today: NaiveDate,
    due_by: Option<NaiveDate>,
) -> Result<Vec<ExitCheck>, ApiError> {
    let since = today.checked_sub_months(OFFERED_FOR).unwrap_or(today);
    let exited = store::exited_to_check(conn, staff.within(), ladder, since)?;
    let ids: Vec<i64> = exited.iter().map(|p| p.id).collect();
    let mut recorded: HashMap<i64, Vec<Moment>> = HashMap::new();
    for (id, moment) in store::moments_of(conn, &ids)? {
        if let Some(moment) = Moment::parse(&moment) {
            recorded.entry(id).or_default().push(moment);
        }
    }
    let mut checks: Vec<ExitCheck> = exited
        .into_iter()
        .flat_map(|p| {
            let done = recorded.get(&p.id).cloned().unwrap_or_default();
            situation::checks_to_do(p.exited_on, &done, false)
                .into_iter()
                .filter(|(_, due)| due_by.is_none_or(|by| *due <= by))
                .map(move |(moment, due_on)| ExitCheck {
                    participant: PersonRef {
                        id: ParticipantId(p.id),
                        given_name: p.given_name.clone(),
                        family_name: p.family_name.clone(),
                    },
                    ladder_id: LadderId(p.ladder_id),
                    exited_on: p.exited_on,
                    moment,
                    due_on,
                })
                .collect::<Vec<_>>()
        })
        .collect();
    checks.sort_by_key(|c| (c.due_on, c.participant.id.0, c.moment));
    Ok(checks)
}

/// The checks after exits still to do (3, 6 and 12 months after; none for
/// people who declined them), soonest due first; a check stays listed until
/// recorded, at most 15 months after the exit. Admins, coordinators and
/// mentors (their own people).
#[utoipa::path(tag = "outcomes", security(("staff" = [])), params(ExitCheckQuery), responses(
    (status = 200, body = Page<ExitCheck>),
    problem::BadRequest,
    problem::Unauthorized,
    problem::Forbidden,
    (status = 404, body = Problem, content_type = "application/problem+json", description = "A ladder_id the staff member does not work in"),
    problem::ValidationFailed,
))]
#[get("/exit-checks")]
pub async fn list(
    state: web::Data<AppState>,
    staff: Staff,
    query: web::Query<ExitCheckQuery>,
) -> Result<HttpResponse, ApiError> {
    staff.require_that(Capability::WorkWithParticipants)?;
    let query = query.into_inner();
    let mut errors = ValidationErrors::new();
    let (page, per_page) = super::paging::checked(query.page, query.per_page, &mut errors);
    errors.into_result(())?;
    if let Some(ladder) = query.ladder_id {
        staff.works_in(ladder)?;
    }
    let today = crate::calendar::today();
    let found = write(&state, move |conn| {
        let all = to_do(conn, &staff, query.ladder_id, today, query.due_by)?;
        let total = i64::try_from(all.len()).unwrap_or(i64::MAX);
        let skip = usize::try_from((page - 1).saturating_mul(per_page)).unwrap_or(usize::MAX);
        let take = usize::try_from(per_page).unwrap_or(usize::MAX);
        let items: Vec<ExitCheck> = all.into_iter().skip(skip).take(take).collect();
        let listed: Vec<ParticipantId> = items.iter().map(|c| c.participant.id).collect();
        super::participants::record_listed(
            conn,
            &staff,
            AuditAction::OutcomeList,
            None,
            &listed,
            None,
        )?;
        Ok(Page {
            items,
            total,
            page,
            per_page,
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(found))
}
