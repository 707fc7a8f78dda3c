//! Staff users (admin writes; coordinators may list them to assign mentors).

use crate::auth::Staff;
use crate::db::{read, write};
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use actix_web::{HttpResponse, delete, get, patch, post, web};
use stige_domain::AuditAction;
use stige_domain::Capability;
use stige_domain::person::required_text;
use stige_domain::{LadderId, OrganisationId, Role, UserId, ValidationErrors};
use stige_secrets::password;
use stige_store::DbConnection;
use stige_store::audit::{self, AuditEvent};
use stige_store::users::{self, NewUserRow, UserRow};
use stige_wire::{NewUser, ProgrammeRole, User, UserUpdate};

/// The user with their programmes: an admin's are every programme of the
/// organisation, in `ladders`.
pub fn to_user(
    row: UserRow,
    roles: &[(i64, i64, String)],
    ladders: &[i64],
    sign_ins: &[(i64, chrono::NaiveDateTime)],
) -> Result<User, ApiError> {
    let last_sign_in_at = (sign_ins.iter())
        .find(|(user, _)| *user == row.id)
        .map(|(_, at)| *at);
    let role = row.role;
    let programmes = if role == Role::Admin {
        (ladders.iter())
            .map(|l| ProgrammeRole {
                ladder_id: LadderId(*l),
                role: Role::Admin,
            })
            .collect()
    } else {
        (roles.iter())
            .filter(|(user, ..)| *user == row.id)
            .filter_map(|(_, ladder, role)| {
                Some(ProgrammeRole {
                    ladder_id: LadderId(*ladder),
                    role: Role::parse(role)?,
                })
            })
            .collect()
    };
    Ok(User {
        id: UserId(row.id),
        role,
        username: row.username,
        display_name: row.display_name,
        active: row.active,
        programmes,
        last_sign_in_at,
    })
}

/// One user as the API shows them.
fn load_user(
    conn: &mut DbConnection,
    row: UserRow,
    organisation: OrganisationId,
) -> Result<User, ApiError> {
    let roles = users::programme_roles_of_users(conn, &[row.id])?;
    let ladders = stige_store::organisations::ladder_ids(conn, organisation.0)?;
    let sign_ins = users::last_sign_ins(conn, &[row.id])?;
    to_user(row, &roles, &ladders, &sign_ins)
}

/// The user if they belong to `organisation`, else 404.
pub(crate) fn of_organisation(
    conn: &mut DbConnection,
    id: UserId,
    organisation: OrganisationId,
) -> Result<UserRow, ApiError> {
    users::by_id(conn, id)?
        .filter(|u| u.organisation_id == Some(organisation.0))
        .ok_or(ApiError::NotFound)
}

/// Checks the programmes given for a user of `organisation` in `role`, as
/// (ladder, role) rows to store: each a programme of the organisation, each
/// role one that is held in a programme; `None` gives `role` in all of them.
/// An admin needs no rows (they hold admin in every programme).
fn programme_rows(
    conn: &mut DbConnection,
    organisation: OrganisationId,
    role: Role,
    given: Option<&[ProgrammeRole]>,
) -> Result<Vec<(i64, Role)>, ApiError> {
    let ladders = stige_store::organisations::ladder_ids(conn, organisation.0)?;
    if role == Role::Admin {
        return Ok(vec![]);
    }
    let Some(given) = given else {
        return Ok(ladders.into_iter().map(|l| (l, role)).collect());
    };
    let mut errors = ValidationErrors::new();
    let mut rows = Vec::with_capacity(given.len());
    for (i, p) in given.iter().enumerate() {
        if !ladders.contains(&p.ladder_id.0) {
            errors.add(
                &format!("programmes[{i}].ladder_id"),
                "is not a programme of your organisation",
            );
        } else if !Role::IN_PROGRAMMES.contains(&p.role) {
            errors.add(
                &format!("programmes[{i}].role"),
                "is not a role in a programme",
            );
        } else if rows.iter().any(|(l, _)| *l == p.ladder_id.0) {
            errors.add(&format!("programmes[{i}].ladder_id"), "is given twice");
        } else {
            rows.push((p.ladder_id.0, p.role));
        }
    }
    errors.into_result(rows).map_err(Into::into)
}

fn store_programmes(
    conn: &mut DbConnection,
    user: UserId,
    rows: &[(i64, Role)],
) -> Result<(), ApiError> {
    let rows: Vec<(i64, &str)> = rows.iter().map(|(l, r)| (*l, r.as_str())).collect();
    users::set_programme_roles(conn, user, &rows)?;
    Ok(())
}

/// A new account's username and display name, each `None` with its error
/// added to `errors` when it is missing or not fit.
pub(crate) fn check_names(
    username: Option<&str>,
    display_name: Option<&str>,
    errors: &mut ValidationErrors,
) -> (Option<String>, Option<String>) {
    let username = errors.collect("username", check_username(username.unwrap_or("")));
    let display_name = errors.collect(
        "display_name",
        required_text(display_name.unwrap_or(""), 100),
    );
    (username, display_name)
}

pub(crate) fn check_username(name: &str) -> Result<String, &'static str> {
    let name = name.trim();
    let ok_chars = name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
    if !(3..=50).contains(&name.len()) {
        Err("must be 3 to 50 characters")
    } else if !ok_chars {
        Err("may contain only a-z, 0-9, '.', '_' and '-'")
    } else {
        Ok(name.to_owned())
    }
}

/// The staff users of the caller's organisation, with their programmes.
#[utoipa::path(tag = "users", security(("staff" = [])), responses(
    (status = 200, body = Vec<User>),
    problem::Unauthorized,
    problem::Forbidden,
))]
#[get("/users")]
pub async fn list(state: web::Data<AppState>, staff: Staff) -> Result<HttpResponse, ApiError> {
    staff.require_that(Capability::ListStaff)?;
    let organisation = staff.organisation()?;
    let users = read(&state, move |conn| {
        let rows = users::list(conn, Some(organisation.0))?;
        let ids: Vec<i64> = rows.iter().map(|u| u.id).collect();
        let roles = users::programme_roles_of_users(conn, &ids)?;
        let ladders = stige_store::organisations::ladder_ids(conn, organisation.0)?;
        let sign_ins = users::last_sign_ins(conn, &ids)?;
        rows.into_iter()
            .map(|row| to_user(row, &roles, &ladders, &sign_ins))
            .collect::<Result<Vec<_>, _>>()
    })
    .await?;
    Ok(HttpResponse::Ok().json(users))
}

/// Create a staff user of the admin's organisation, with the programmes they
/// work in (admin).
#[utoipa::path(tag = "users", security(("staff" = [])), request_body = NewUser, responses(
    (status = 201, body = User),
    problem::Forbidden,
    problem::ValidationFailed,
))]
#[post("/users")]
pub async fn create(
    state: web::Data<AppState>,
    staff: Staff,
    body: web::Json<NewUser>,
) -> Result<HttpResponse, ApiError> {
    staff.require_that(Capability::Administer)?;
    let body = body.into_inner();
    let mut errors = ValidationErrors::new();
    let (username, display_name) = check_names(
        body.username.as_deref(),
        body.display_name.as_deref(),
        &mut errors,
    );
    let pw = body.password.unwrap_or_default();
    errors.collect("password", password::check_policy(&pw));
    match body.role {
        None => errors.add("role", "is required"),
        Some(Role::PlatformAdmin) => errors.add("role", "is not a role in an organisation"),
        Some(Role::Partner) => errors.add(
            "role",
            "partner users are invited per cooperation agreement",
        ),
        Some(_) => {}
    }
    let organisation = staff.organisation()?;
    let programmes = body.programmes;
    let (Some(username), Some(display_name), Some(role), true) =
        (username, display_name, body.role, errors.is_empty())
    else {
        return Err(errors.into());
    };
    let hash = web::block(move || password::hash(&pw)).await??;
    let row = write(&state, move |conn| {
        if users::by_username(conn, &username)?.is_some() {
            let mut e = ValidationErrors::new();
            e.add("username", "is already taken");
            return Err(e.into());
        }
        let rows = programme_rows(conn, organisation, role, programmes.as_deref())?;
        let row = users::insert(
            conn,
            &NewUserRow {
                username: &username,
                display_name: &display_name,
                password_hash: &hash,
                role: role.as_str(),
                active: true,
                created_at: stige_store::now(),
                organisation_id: Some(organisation.0),
                agreement_id: None,
            },
        )?;
        store_programmes(conn, UserId(row.id), &rows)?;
        audit::record(
            conn,
            AuditEvent {
                actor: staff.actor(),
                action: AuditAction::UserCreate,
                participant: None,
                ip: staff.ip.as_deref(),
                detail: Some(format!("user={}", row.id)),
            },
        )?;
        load_user(conn, row, organisation)
    })
    .await?;
    Ok(HttpResponse::Created().json(row))
}

/// Change a user's name, role, programmes, password, or deactivate them (admin
/// of their organisation; another organisation's user is not found).
/// A new password, role or programmes, and deactivating, end the user's
/// sessions at once (an admin changing their own password keeps the session
/// they make the change in).
#[utoipa::path(tag = "users", security(("staff" = [])), request_body = UserUpdate, responses(
    (status = 200, body = User),
    problem::Forbidden,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[patch("/users/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
    body: web::Json<UserUpdate>,
) -> Result<HttpResponse, ApiError> {
    staff.require_that(Capability::Administer)?;
    let id = UserId(path.into_inner());
    let body = body.into_inner();
    let mut errors = ValidationErrors::new();
    let display_name = body
        .display_name
        .as_deref()
        .and_then(|d| errors.collect("display_name", required_text(d, 100)));
    if let Some(pw) = &body.password {
        errors.collect("password", password::check_policy(pw));
    }
    if id == staff.id && (body.active == Some(false) || body.role.is_some_and(|r| r != Role::Admin))
    {
        errors.add("role", "you cannot demote or deactivate yourself");
    }
    if body.role == Some(Role::PlatformAdmin) {
        errors.add("role", "is not a role in an organisation");
    }
    if body.role == Some(Role::Partner) {
        errors.add(
            "role",
            "partner users are invited per cooperation agreement",
        );
    }
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let organisation = staff.organisation()?;
    let programmes = body.programmes;
    let hash = match body.password {
        Some(pw) => Some(web::block(move || password::hash(&pw)).await??),
        None => None,
    };
    let role = body.role;
    let active = body.active;
    let row = write(&state, move |conn| {
        let before = of_organisation(conn, id, organisation)?;
        let new_role = match role {
            Some(r) => r,
            None => before.role,
        };
        if programmes.is_some() || role.is_some() {
            let given = match &programmes {
                Some(p) => Some(p.clone()),
                // An admin's new role applies in every programme.
                None if before.role == Role::Admin => None,
                // A new role keeps the programmes, now in that role.
                None => Some(
                    users::programme_roles_of(conn, id)?
                        .into_iter()
                        .map(|(l, _)| ProgrammeRole {
                            ladder_id: LadderId(l),
                            role: new_role,
                        })
                        .collect(),
                ),
            };
            let rows = programme_rows(conn, organisation, new_role, given.as_deref())?;
            store_programmes(conn, id, &rows)?;
        }
        let row = users::update(
            conn,
            id,
            display_name.as_deref(),
            role.map(Role::as_str),
            active,
            hash.as_deref(),
        )?
        .ok_or(ApiError::NotFound)?;
        if hash.is_some() || role.is_some() || programmes.is_some() {
            if id == staff.id {
                users::revoke_other_sessions(conn, id, staff.session)?;
            } else {
                users::revoke_all_sessions(conn, id)?;
            }
        }
        audit::record(
            conn,
            AuditEvent {
                actor: staff.actor(),
                action: AuditAction::UserUpdate,
                participant: None,
                ip: staff.ip.as_deref(),
                detail: Some(format!("user={}", row.id)),
            },
        )?;
        load_user(conn, row, organisation)
    })
    .await?;
    Ok(HttpResponse::Ok().json(row))
}

/// Sign a user out everywhere (admin of their organisation; another
/// organisation's user is not found): every session of theirs ends at once.
#[utoipa::path(tag = "users", security(("staff" = [])), responses(
    (status = 204),
    problem::Unauthorized,
    problem::Forbidden,
    problem::NotFound,
))]
#[delete("/users/{id}/sessions")]
pub async fn end_sessions(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    staff.require_that(Capability::Administer)?;
    let id = UserId(path.into_inner());
    let organisation = staff.organisation()?;
    write(&state, move |conn| {
        of_organisation(conn, id, organisation)?;
        let ended = users::revoke_all_sessions(conn, id)?;
        audit::record(
            conn,
            AuditEvent {
                actor: staff.actor(),
                action: AuditAction::UserSessionsEnded,
                participant: None,
                ip: staff.ip.as_deref(),
                detail: Some(format!("user={} sessions={ended}", id.0)),
            },
        )?;
        Ok(())
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
