//! `PUT /participants/{id}/mentors`.

use crate::auth::Staff;
use crate::calendar::today;
use crate::db::write;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use actix_web::{HttpResponse, put, web};
use stige_domain::AuditAction;
use stige_domain::Capability;
use stige_domain::{ParticipantId, Role, ValidationErrors};
use stige_store::users;
use stige_store::{DbConnection, participants};
use stige_wire::{MentorAssignment, ParticipantDetail};

/// Set the participant's mentors (admin, coordinator). Mentors must be active staff
/// with the role mentor, coordinator or admin.
#[utoipa::path(tag = "participants", security(("staff" = [])), request_body = MentorAssignment, responses(
    (status = 200, body = ParticipantDetail),
    problem::Forbidden,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[put("/participants/{id}/mentors")]
pub async fn assign(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
    body: web::Json<MentorAssignment>,
) -> Result<HttpResponse, ApiError> {
    staff.require_that(Capability::AssignMentors)?;
    let id = ParticipantId(path.into_inner());
    let mut mentors = body.into_inner().mentor_ids;
    mentors.sort();
    mentors.dedup();
    let detail = write(&state, move |conn| {
        let row = super::visible(conn, &staff, id)?;
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
        super::record(
            conn,
            &staff,
            AuditAction::ParticipantMentors,
            Some(id),
            Some(format!("mentors={}", listed.join(","))),
        )?;
        let row = participants::get(conn, staff.within(), id)?.ok_or(ApiError::NotFound)?;
        super::detail_view(conn, row, today())
    })
    .await?;
    Ok(super::with_etag(HttpResponse::Ok(), &detail))
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
                    .and_then(|(.., r)| Role::parse(r))
            };
            role.is_some_and(|r| r.may(Capability::BeAMentor))
        })
        .count();
    Ok(usable == ids.len())
}
