//! Staff users (admin writes; coordinators may list them to assign mentors).

use crate::auth::{Staff, password};
use crate::error::ApiError;
use crate::routes::{read, write};
use crate::state::AppState;
use actix_web::{HttpResponse, get, patch, post, web};
use stige_client::{NewUser, Problem, User, UserUpdate};
use stige_domain::person::required_text;
use stige_domain::{Role, UserId, ValidationErrors};
use stige_store::audit::{self, AuditEvent};
use stige_store::users::{self, NewUserRow, UserRow};

pub fn to_user(row: UserRow) -> Result<User, ApiError> {
    Ok(User {
        id: UserId(row.id),
        role: Role::parse(&row.role)
            .ok_or_else(|| ApiError::Unexpected(anyhow::anyhow!("unknown role in database")))?,
        username: row.username,
        display_name: row.display_name,
        active: row.active,
    })
}

fn check_username(name: &str) -> Result<String, &'static str> {
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

/// All staff users.
#[utoipa::path(tag = "users", security(("staff" = [])), responses(
    (status = 200, body = Vec<User>),
    (status = 401, body = Problem, content_type = "application/problem+json"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
))]
#[get("/users")]
pub async fn list(state: web::Data<AppState>, staff: Staff) -> Result<HttpResponse, ApiError> {
    staff.require(&[Role::Admin, Role::Coordinator])?;
    let rows = read(&state, |conn| Ok(users::list(conn)?)).await?;
    let users = rows
        .into_iter()
        .map(to_user)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(HttpResponse::Ok().json(users))
}

/// Create a staff user (admin).
#[utoipa::path(tag = "users", security(("staff" = [])), request_body = NewUser, responses(
    (status = 201, body = User),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[post("/users")]
pub async fn create(
    state: web::Data<AppState>,
    staff: Staff,
    body: web::Json<NewUser>,
) -> Result<HttpResponse, ApiError> {
    staff.require(&[Role::Admin])?;
    let body = body.into_inner();
    let mut errors = ValidationErrors::new();
    let username = errors.collect(
        "username",
        check_username(body.username.as_deref().unwrap_or("")),
    );
    let display_name = errors.collect(
        "display_name",
        required_text(body.display_name.as_deref().unwrap_or(""), 100),
    );
    let pw = body.password.unwrap_or_default();
    errors.collect("password", password::check_policy(&pw));
    if body.role.is_none() {
        errors.add("role", "is required");
    }
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
        let row = users::insert(
            conn,
            &NewUserRow {
                username: &username,
                display_name: &display_name,
                password_hash: &hash,
                role: role.as_str(),
                active: true,
                created_at: stige_store::now(),
            },
        )?;
        audit::record(
            conn,
            AuditEvent {
                actor: staff.actor(),
                action: "user.create",
                participant: None,
                ip: staff.ip.as_deref(),
                detail: Some(format!("user={}", row.id)),
            },
        )?;
        Ok(row)
    })
    .await?;
    Ok(HttpResponse::Created().json(to_user(row)?))
}

/// Change a user's name, role, password, or deactivate them (admin). Deactivating
/// ends their sessions at once.
#[utoipa::path(tag = "users", security(("staff" = [])), request_body = UserUpdate, responses(
    (status = 200, body = User),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[patch("/users/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
    body: web::Json<UserUpdate>,
) -> Result<HttpResponse, ApiError> {
    staff.require(&[Role::Admin])?;
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
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let hash = match body.password {
        Some(pw) => Some(web::block(move || password::hash(&pw)).await??),
        None => None,
    };
    let role = body.role;
    let active = body.active;
    let row = write(&state, move |conn| {
        let row = users::update(
            conn,
            id,
            display_name.as_deref(),
            role.map(Role::as_str),
            active,
            hash.as_deref(),
        )?
        .ok_or(ApiError::NotFound)?;
        audit::record(
            conn,
            AuditEvent {
                actor: staff.actor(),
                action: "user.update",
                participant: None,
                ip: staff.ip.as_deref(),
                detail: Some(format!("user={}", row.id)),
            },
        )?;
        Ok(row)
    })
    .await?;
    Ok(HttpResponse::Ok().json(to_user(row)?))
}
