//! Organisations: the platform admin creates them with their first admin;
//! staff read their own.

use crate::auth::Staff;
use crate::db::{read, write};
use crate::error::ApiError;
use crate::openapi::problem;
use crate::organisations::{insert, to_organisation};
use crate::routes::users::check_username;
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, web};
use stige_domain::AuditAction;
use stige_domain::Capability;
use stige_domain::organisation::OrganisationDraft;
use stige_domain::person::required_text;
use stige_domain::{Role, ValidationErrors};
use stige_secrets::password;
use stige_store::audit::{self, AuditEvent};
use stige_store::organisations;
use stige_store::users::{self, NewUserRow};
use stige_wire::{NewOrganisation, Organisation};

/// Every organisation of the installation (platform admin).
#[utoipa::path(tag = "organisations", security(("staff" = [])), responses(
    (status = 200, body = Vec<Organisation>),
    problem::Unauthorized,
    problem::Forbidden,
))]
#[get("/organisations")]
pub async fn list(state: web::Data<AppState>, staff: Staff) -> Result<HttpResponse, ApiError> {
    staff.require_that(Capability::AdministerPlatform)?;
    let rows = read(&state, |conn| Ok(organisations::list(conn)?)).await?;
    Ok(HttpResponse::Ok().json(rows.into_iter().map(to_organisation).collect::<Vec<_>>()))
}

/// The caller's own organisation (404 for a platform admin, who has none).
#[utoipa::path(tag = "organisations", security(("staff" = [])), responses(
    (status = 200, body = Organisation),
    problem::Unauthorized,
    problem::NotFound,
))]
#[get("/organisation")]
pub async fn own(state: web::Data<AppState>, staff: Staff) -> Result<HttpResponse, ApiError> {
    let id = staff.organisation()?;
    let row = read(&state, move |conn| Ok(organisations::get(conn, id.0)?))
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(HttpResponse::Ok().json(to_organisation(row)))
}

/// Create an organisation with its first admin, who then manages its users,
/// programmes, partners and employers (platform admin).
#[utoipa::path(tag = "organisations", security(("staff" = [])), request_body = NewOrganisation, responses(
    (status = 201, body = Organisation),
    problem::Unauthorized,
    problem::Forbidden,
    problem::ValidationFailed,
))]
#[post("/organisations")]
pub async fn create(
    state: web::Data<AppState>,
    staff: Staff,
    body: web::Json<NewOrganisation>,
) -> Result<HttpResponse, ApiError> {
    staff.require_that(Capability::AdministerPlatform)?;
    let body = body.into_inner();
    // The country follows from the organisation number.
    let organisation = OrganisationDraft::parse(
        body.name.as_deref().unwrap_or(""),
        body.organisation_number.as_deref().unwrap_or(""),
        body.default_language.as_deref().unwrap_or(""),
        body.participant_word.as_deref().unwrap_or(""),
    );
    let mut errors = match &organisation {
        Ok(_) => ValidationErrors::new(),
        Err(e) => e.clone(),
    };
    let admin = body.admin.unwrap_or_default();
    let username = errors.collect(
        "admin.username",
        check_username(admin.username.as_deref().unwrap_or("")),
    );
    let display_name = errors.collect(
        "admin.display_name",
        required_text(admin.display_name.as_deref().unwrap_or(""), 100),
    );
    let pw = admin.password.unwrap_or_default();
    errors.collect("admin.password", password::check_policy(&pw));
    let (Ok(draft), Some(username), Some(display_name), true) =
        (organisation, username, display_name, errors.is_empty())
    else {
        return Err(errors.into());
    };
    let hash = web::block(move || password::hash(&pw)).await??;
    let row = write(&state, move |conn| {
        if users::by_username(conn, &username)?.is_some() {
            let mut e = ValidationErrors::new();
            e.add("admin.username", "is already taken");
            return Err(e.into());
        }
        let row = insert(conn, &draft)?;
        let admin = users::insert(
            conn,
            &NewUserRow {
                username: &username,
                display_name: &display_name,
                password_hash: &hash,
                role: Role::Admin.as_str(),
                active: true,
                created_at: stige_store::now(),
                organisation_id: Some(row.id),
                agreement_id: None,
            },
        )?;
        audit::record(
            conn,
            AuditEvent {
                actor: staff.actor(),
                action: AuditAction::OrganisationCreate,
                participant: None,
                ip: staff.ip.as_deref(),
                detail: Some(format!("organisation={} admin={}", row.id, admin.id)),
            },
        )?;
        Ok(row)
    })
    .await?;
    Ok(HttpResponse::Created().json(to_organisation(row)))
}
