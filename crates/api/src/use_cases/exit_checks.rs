//! The checks 3, 6 and 12 months after participants' exits still to do, for
//! the staff who follow them (also on the Today page).

use crate::auth::Staff;
use crate::error::ApiError;
use crate::use_cases::access::record_listed;
use chrono::{Months, NaiveDate};
use std::collections::HashMap;
use stige_domain::situation::{self, Moment};
use stige_domain::{AuditAction, Capability, LadderId, ParticipantId, ValidationErrors};
use stige_store::DbConnection;
use stige_store::outcomes as store;
use stige_wire::{ExitCheck, ExitCheckQuery, Page, PersonRef};

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

/// A page of the checks after exits still to do for the people `staff`
/// reaches (in `query`'s programme, due by its day), soonest due first,
/// audited with everyone listed. `paging` is the page and its size the query
/// asks for, as the caller checked them: a bad one is refused after the
/// permission check.
pub fn exit_checks(
    conn: &mut DbConnection,
    staff: &Staff,
    query: &ExitCheckQuery,
    paging: Result<(i64, i64), ValidationErrors>,
    today: NaiveDate,
) -> Result<Page<ExitCheck>, ApiError> {
    staff.require_that(Capability::WorkWithParticipants)?;
    let (page, per_page) = paging?;
    if let Some(ladder) = query.ladder_id {
        staff.works_in(ladder)?;
    }
    let all = to_do(conn, staff, query.ladder_id, today, query.due_by)?;
    let total = i64::try_from(all.len()).unwrap_or(i64::MAX);
    let skip = usize::try_from((page - 1).saturating_mul(per_page)).unwrap_or(usize::MAX);
    let take = usize::try_from(per_page).unwrap_or(usize::MAX);
    let items: Vec<ExitCheck> = all.into_iter().skip(skip).take(take).collect();
    let listed: Vec<ParticipantId> = items.iter().map(|c| c.participant.id).collect();
    record_listed(conn, staff, AuditAction::OutcomeList, None, &listed, None)?;
    Ok(Page {
        items,
        total,
        page,
        per_page,
    })
}
