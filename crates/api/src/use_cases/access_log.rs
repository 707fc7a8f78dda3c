//! The access log: who has read or changed a person's information (Normen:
//! the person may ask who has read their record), told as the person reads
//! it.

use crate::auth::Staff;
use crate::error::ApiError;
use crate::use_cases::access::visible;
use std::collections::HashMap;
use stige_domain::AuditAction;
use stige_domain::Capability;
use stige_domain::access_log::classify;
use stige_domain::{LadderId, ParticipantId, UserId};
use stige_store::DbConnection;
use stige_store::access_log as names;
use stige_store::audit::{self, AuditRow};
use stige_store::participants::ParticipantRow;
use stige_wire::{AccessActor, AccessActorKind, AccessLogEntry, AccessLogQuery, Page};

/// Participant `id` if `staff` may answer the person's own requests about
/// their data (the access log, the export): admins and coordinators of their
/// programme; 404 for everyone else.
pub fn answerable(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
) -> Result<ParticipantRow, ApiError> {
    let row = visible(conn, staff, id)?;
    if staff.reach.may_in(
        LadderId(row.ladder_id),
        Capability::AnswerParticipantRequests,
    ) {
        Ok(row)
    } else {
        Err(ApiError::NotFound)
    }
}

/// A page of participant `id`'s access log, newest first, filtered as
/// `query` says: admins and coordinators of the person's programme; 404 for
/// everyone else.
pub fn page(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
    query: &AccessLogQuery,
    (page, per_page): (i64, i64),
) -> Result<Page<AccessLogEntry>, ApiError> {
    let row = answerable(conn, staff, id)?;
    let events = audit::touching(conn, id)?;
    let mut entries = described(conn, events, id, row.ladder_id)?;
    entries.retain(|e| wanted(e, query));
    entries.reverse();
    let total = i64::try_from(entries.len()).unwrap_or(i64::MAX);
    let skip = usize::try_from((page - 1).saturating_mul(per_page)).unwrap_or(usize::MAX);
    let take = usize::try_from(per_page).unwrap_or(usize::MAX);
    let items = entries.into_iter().skip(skip).take(take).collect();
    Ok(Page {
        items,
        total,
        page,
        per_page,
    })
}

/// Whether `entry` passes the query's filters.
fn wanted(entry: &AccessLogEntry, query: &AccessLogQuery) -> bool {
    let day = entry.at.date();
    query.from.is_none_or(|from| day >= from)
        && query.to.is_none_or(|to| day <= to)
        && query.actor.is_none_or(|kind| entry.actor.kind == kind)
        && query
            .user_id
            .is_none_or(|user| entry.actor.user_id == Some(user))
}

/// The events told as the person reads them, oldest first, each actor named.
pub fn described(
    conn: &mut DbConnection,
    events: Vec<AuditRow>,
    id: ParticipantId,
    ladder: i64,
) -> Result<Vec<AccessLogEntry>, ApiError> {
    let ids_of = |kind: &str| -> Vec<i64> {
        let mut ids: Vec<i64> = events
            .iter()
            .filter(|e| e.actor_kind == kind)
            .filter_map(|e| e.actor_id)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    };
    let staff = names::staff(conn, &ids_of("user"), ladder)?;
    let partners = names::partners(conn, &ids_of("partner"))?;
    let placements: Vec<i64> = events.iter().filter_map(employer_placement).collect();
    let employers = names::employers(conn, &placements)?;
    let names = Names {
        staff,
        partners,
        employers,
    };
    Ok(events
        .into_iter()
        .map(|event| {
            let access = classify(&event.action);
            AccessLogEntry {
                at: event.at,
                actor: names.actor(&event),
                in_list: event.participant_id != Some(id.0),
                reason: event
                    .detail
                    .as_deref()
                    .filter(|_| event.action == AuditAction::ParticipantErasure.as_str())
                    .and_then(|d| d.strip_prefix("reason: "))
                    .map(str::to_owned),
                kind: access.kind,
                categories: access.categories,
                action: event.action,
            }
        })
        .collect())
}

/// The placement an employer link's event was about (`placement=7 via employer link`).
fn employer_placement(event: &AuditRow) -> Option<i64> {
    if !event.action.starts_with("placement.employer_") {
        return None;
    }
    let detail = event.detail.as_deref()?;
    let rest = detail.strip_prefix("placement=")?;
    rest.split(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()
}

struct Names {
    staff: HashMap<i64, names::StaffName>,
    partners: HashMap<i64, names::PartnerName>,
    employers: HashMap<i64, String>,
}

impl Names {
    fn actor(&self, event: &AuditRow) -> AccessActor {
        let nobody = |kind| AccessActor {
            kind,
            user_id: None,
            name: None,
            role: None,
            agreement_id: None,
        };
        match (event.actor_kind.as_str(), event.actor_id) {
            ("user", Some(user)) => {
                let named = self.staff.get(&user);
                // A partner user acts for their partner: named as the partner,
                // with their own name beside it.
                if let Some((name, partner)) = named.and_then(|n| Some((n, n.partner.as_ref()?))) {
                    return AccessActor {
                        name: Some(format!("{} ({})", partner.partner, name.display_name)),
                        agreement_id: Some(partner.agreement_id),
                        ..nobody(AccessActorKind::Partner)
                    };
                }
                AccessActor {
                    user_id: Some(UserId(user)),
                    name: named.map(|n| n.display_name.clone()),
                    role: named.map(|n| n.role),
                    ..nobody(AccessActorKind::Staff)
                }
            }
            ("partner", Some(client)) => {
                let named = self.partners.get(&client);
                AccessActor {
                    name: named.map(|n| n.partner.clone()),
                    agreement_id: named.map(|n| n.agreement_id),
                    ..nobody(AccessActorKind::Partner)
                }
            }
            ("system", _) => nobody(AccessActorKind::System),
            _ => match employer_placement(event) {
                Some(placement) => AccessActor {
                    name: self.employers.get(&placement).cloned(),
                    ..nobody(AccessActorKind::EmployerLink)
                },
                None => nobody(AccessActorKind::Anonymous),
            },
        }
    }
}
