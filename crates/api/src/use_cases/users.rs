//! Staff accounts of an organisation: an admin creates them with the
//! programmes they work in and their role in each, changes or deactivates
//! them and signs them out everywhere; coordinators list them to assign
//! mentors.

use crate::auth::Staff;
use crate::error::ApiError;
use stige_domain::person::required_text;
use stige_domain::{
    AuditAction, Capability, LadderId, OrganisationId, Role, UserId, ValidationErrors,
};
use stige_secrets::password;
use stige_store::DbConnection;
use stige_store::users::{self, NewUserRow, UserRow};
use stige_wire::{NewUser, ProgrammeRole, User, UserUpdate};

/// Why a partner's people are no staff accounts.
const PARTNERS_INVITED: &str = "partner users are invited per cooperation agreement";

/// The user with their programmes: an admin's are every programme of the
/// organisation, in `ladders`.
pub fn to_user(
    row: UserRow,
    roles: &[(i64, i64, Role)],
    ladders: &[i64],
    sign_ins: &[(i64, chrono::NaiveDateTime)],
) -> User {
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
            .map(|(_, ladder, role)| ProgrammeRole {
                ladder_id: LadderId(*ladder),
                role: *role,
            })
            .collect()
    };
    User {
        id: UserId(row.id),
        role,
        username: row.username,
        display_name: row.display_name,
        active: row.active,
        programmes,
        last_sign_in_at,
    }
}

/// The users `rows` of `organisation` as the API shows them.
fn users_view(
    conn: &mut DbConnection,
    rows: Vec<UserRow>,
    organisation: OrganisationId,
) -> Result<Vec<User>, ApiError> {
    let ids: Vec<i64> = rows.iter().map(|u| u.id).collect();
    let roles = users::programme_roles_of_users(conn, &ids)?;
    let ladders = stige_store::organisations::ladder_ids(conn, organisation.0)?;
    let sign_ins = users::last_sign_ins(conn, &ids)?;
    Ok(rows
        .into_iter()
        .map(|row| to_user(row, &roles, &ladders, &sign_ins))
        .collect())
}

/// One user as the API shows them.
fn user_view(
    conn: &mut DbConnection,
    row: UserRow,
    organisation: OrganisationId,
) -> Result<User, ApiError> {
    users_view(conn, vec![row], organisation)?
        .pop()
        .ok_or(ApiError::NotFound)
}

/// The user if they belong to `organisation`, else 404.
pub fn of_organisation(
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
    users::set_programme_roles(conn, user, rows)?;
    Ok(())
}

/// A new account's username and display name, each `None` with its error
/// added to `errors` when it is missing or not fit.
pub fn check_names(
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

/// A username as stored: 3 to 50 of a-z, 0-9, '.', '_' and '-'.
pub fn check_username(name: &str) -> Result<String, &'static str> {
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

/// 422 unless `username` is free.
pub fn username_free(conn: &mut DbConnection, username: &str, field: &str) -> Result<(), ApiError> {
    if users::by_username(conn, username)?.is_some() {
        let mut e = ValidationErrors::new();
        e.add(field, "is already taken");
        return Err(e.into());
    }
    Ok(())
}

/// The staff users of `staff`'s organisation, with their programmes.
pub fn staff_of_organisation(
    conn: &mut DbConnection,
    staff: &Staff,
) -> Result<Vec<User>, ApiError> {
    staff.require_that(Capability::ListStaff)?;
    let organisation = staff.organisation()?;
    let rows = users::list(conn, Some(organisation.0))?;
    users_view(conn, rows, organisation)
}

/// A new staff account as checked by [`check_new_user`], waiting for its
/// password's hash.
pub struct NewAccount {
    organisation: OrganisationId,
    username: String,
    display_name: String,
    role: Role,
    programmes: Option<Vec<ProgrammeRole>>,
}

/// Checks a new staff account of the admin's organisation (403 for others,
/// 422 naming each bad field) before anything is stored; returns it with the
/// password to hash.
pub fn check_new_user(staff: &Staff, body: NewUser) -> Result<(NewAccount, String), ApiError> {
    staff.require_that(Capability::Administer)?;
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
        Some(Role::Partner) => errors.add("role", PARTNERS_INVITED),
        Some(_) => {}
    }
    let organisation = staff.organisation()?;
    let (Some(username), Some(display_name), Some(role), true) =
        (username, display_name, body.role, errors.is_empty())
    else {
        return Err(errors.into());
    };
    let account = NewAccount {
        organisation,
        username,
        display_name,
        role,
        programmes: body.programmes,
    };
    Ok((account, pw))
}

/// Creates the staff account checked by [`check_new_user`] with the
/// programmes it works in (422 for a username already taken or a programme
/// that is not the organisation's); returns the user.
pub fn create_user(
    conn: &mut DbConnection,
    staff: &Staff,
    account: NewAccount,
    password_hash: &str,
) -> Result<User, ApiError> {
    let NewAccount {
        organisation,
        username,
        display_name,
        role,
        programmes,
    } = account;
    username_free(conn, &username, "username")?;
    let rows = programme_rows(conn, organisation, role, programmes.as_deref())?;
    let row = users::insert(
        conn,
        &NewUserRow {
            username: &username,
            display_name: &display_name,
            password_hash,
            role: role.as_str(),
            active: true,
            created_at: stige_store::now(),
            organisation_id: Some(organisation.0),
            agreement_id: None,
        },
    )?;
    store_programmes(conn, UserId(row.id), &rows)?;
    let detail = format!("user={}", row.id);
    crate::setup_audit::record(conn, staff, AuditAction::UserCreate, detail)?;
    user_view(conn, row, organisation)
}

/// A change to a staff account as checked by [`check_user_change`], waiting
/// for the new password's hash, if any.
pub struct AccountChange {
    id: UserId,
    organisation: OrganisationId,
    display_name: Option<String>,
    role: Option<Role>,
    active: Option<bool>,
    programmes: Option<Vec<ProgrammeRole>>,
}

/// Checks a change to user `id` by an admin (403 for others, 422 naming each
/// bad field: an admin neither demotes nor deactivates themselves) before
/// anything is stored; returns it with the new password to hash, if any.
pub fn check_user_change(
    staff: &Staff,
    id: UserId,
    body: UserUpdate,
) -> Result<(AccountChange, Option<String>), ApiError> {
    staff.require_that(Capability::Administer)?;
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
        errors.add("role", PARTNERS_INVITED);
    }
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let change = AccountChange {
        id,
        organisation: staff.organisation()?,
        display_name,
        role: body.role,
        active: body.active,
        programmes: body.programmes,
    };
    Ok((change, body.password))
}

/// Changes a user's name, role, programmes, password or whether they are
/// active, as checked by [`check_user_change`] (another organisation's user
/// is not found). A new password, role or programmes end the user's other
/// sessions (all of them, when the admin changes someone else); returns the
/// user.
pub fn change_user(
    conn: &mut DbConnection,
    staff: &Staff,
    change: AccountChange,
    password_hash: Option<String>,
) -> Result<User, ApiError> {
    let AccountChange {
        id,
        organisation,
        display_name,
        role,
        active,
        programmes,
    } = change;
    let before = of_organisation(conn, id, organisation)?;
    let new_role = role.unwrap_or(before.role);
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
        password_hash.as_deref(),
    )?
    .ok_or(ApiError::NotFound)?;
    if password_hash.is_some() || role.is_some() || programmes.is_some() {
        if id == staff.id {
            users::revoke_other_sessions(conn, id, staff.session)?;
        } else {
            users::revoke_all_sessions(conn, id)?;
        }
    }
    let detail = format!("user={}", row.id);
    crate::setup_audit::record(conn, staff, AuditAction::UserUpdate, detail)?;
    user_view(conn, row, organisation)
}

/// Signs user `id` of the admin's organisation out everywhere: every session
/// of theirs ends at once.
pub fn sign_out_everywhere(
    conn: &mut DbConnection,
    staff: &Staff,
    id: UserId,
) -> Result<(), ApiError> {
    staff.require_that(Capability::Administer)?;
    let organisation = staff.organisation()?;
    of_organisation(conn, id, organisation)?;
    let ended = users::revoke_all_sessions(conn, id)?;
    let detail = format!("user={} sessions={ended}", id.0);
    crate::setup_audit::record(conn, staff, AuditAction::UserSessionsEnded, detail)
}
