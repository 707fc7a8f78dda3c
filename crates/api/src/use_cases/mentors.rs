//! A participant's mentors.

use crate::auth::Staff;
use crate::error::ApiError;
use crate::use_cases::access::{record, visible};
use stige_domain::{AuditAction, Capability, ParticipantId, Role, UserId, ValidationErrors};
use stige_store::{DbConnection, participants, users};

/// Sets participant `id`'s mentors to `mentors` (admin, coordinator): each an
/// active staff member of the programme in a role that mentors (422
/// otherwise). Returns the mentors as set, without repeats, in id order.
pub fn assign_mentors(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
    mut mentors: Vec<UserId>,
) -> Result<Vec<UserId>, ApiError> {
    staff.require_that(Capability::AssignMentors)?;
    mentors.sort();
    mentors.dedup();
    let row = visible(conn, staff, id)?;
    let ids: Vec<i64> = mentors.iter().map(|m| m.0).collect();
    if !all_can_mentor(conn, &ids, row.ladder_id)? {
        let mut e = ValidationErrors::new();
        e.add(
            "mentor_ids",
            "must name active staff members who can mentor in this programme",
        );
        return Err(e.into());
    }
    participants::set_mentors(conn, id, &mentors)?;
    let listed: Vec<String> = ids.iter().map(i64::to_string).collect();
    record(
        conn,
        staff,
        AuditAction::ParticipantMentors,
        Some(id),
        Some(format!("mentors={}", listed.join(","))),
    )?;
    Ok(mentors)
}

/// True when every id names an active staff member who works in `ladder`
/// (its organisation's admin, or a role there) in a role that mentors
/// (mentor, coordinator or admin).
pub fn all_can_mentor(conn: &mut DbConnection, ids: &[i64], ladder: i64) -> Result<bool, ApiError> {
    let organisation = stige_store::organisations::of_ladder(conn, ladder)?.map(|o| o.id);
    let found = users::by_ids(conn, ids)?;
    let roles = users::programme_roles_of_users(conn, ids)?;
    let usable = found
        .iter()
        .filter(|u| u.active && u.organisation_id.is_some() && u.organisation_id == organisation)
        .filter(|u| {
            let role = if u.role == Role::Admin {
                Some(Role::Admin)
            } else {
                (roles.iter())
                    .find(|(user, l, _)| *user == u.id && *l == ladder)
                    .map(|(.., r)| *r)
            };
            role.is_some_and(|r| r.may(Capability::BeAMentor))
        })
        .count();
    Ok(usable == ids.len())
}
