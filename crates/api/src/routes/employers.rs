//! Employers and their contact people (staff). Admins and coordinators change
//! them; mentors read them.

use crate::auth::Staff;
use crate::db::{read, write};
use crate::error::ApiError;
use crate::openapi::problem;
use crate::routes::participants::read_event;
use crate::routes::placements::to_placement;
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, put, web};
use stige_domain::AuditAction;
use stige_domain::Capability;
use stige_domain::organisation_number::OrganisationNumber;
use stige_domain::placement::EmployerDraft;
use stige_domain::{OrganisationId, ParticipantId, ValidationErrors};
use stige_store::DbConnection;
use stige_store::placements::{self, ContactRow, EmployerRow};
use stige_wire::{Employer, EmployerContact, EmployerDetail, EmployerInput};

pub fn to_employer(row: EmployerRow, contacts: &[ContactRow]) -> Employer {
    Employer {
        id: row.id,
        organisation_number: OrganisationNumber::parse(&row.organisation_number)
            .map_or(row.organisation_number.clone(), |n| n.formatted()),
        name: row.name,
        address: row.address,
        association_member: row.association_member,
        language: row.language,
        contacts: contacts
            .iter()
            .filter(|c| c.employer_id == row.id)
            .map(|c| EmployerContact {
                id: c.id,
                name: c.name.clone(),
                phone: c.phone.clone(),
                email: c.email.clone(),
            })
            .collect(),
    }
}

fn draft(body: &EmployerInput) -> Result<EmployerDraft, ValidationErrors> {
    EmployerDraft::parse(&stige_domain::placement::EmployerInput {
        name: body.name.as_deref(),
        organisation_number: body.organisation_number.as_deref(),
        address: body.address.as_deref(),
        contacts: body
            .contacts
            .iter()
            .map(|c| [c.name.as_deref(), c.phone.as_deref(), c.email.as_deref()])
            .collect(),
        association_member: body.association_member,
        language: body.language,
    })
}

fn number_taken(
    conn: &mut DbConnection,
    organisation: OrganisationId,
    d: &EmployerDraft,
    except: Option<i64>,
) -> Result<(), ApiError> {
    if let Some(other) =
        placements::employer_by_number(conn, organisation.0, d.organisation_number.digits())?
        && Some(other.id) != except
    {
        let mut e = ValidationErrors::new();
        e.add(
            "organisation_number",
            format!("is already registered for {}", other.name),
        );
        return Err(e.into());
    }
    Ok(())
}

/// The employer if it belongs to `organisation`, else 404.
fn load(
    conn: &mut DbConnection,
    organisation: OrganisationId,
    id: i64,
) -> Result<Employer, ApiError> {
    let row = placements::employer(conn, id)?
        .filter(|e| e.organisation_id == organisation.0)
        .ok_or(ApiError::NotFound)?;
    let contacts = placements::contacts(conn, id)?;
    Ok(to_employer(row, &contacts))
}

/// Employers, by name.
#[utoipa::path(tag = "employers", security(("staff" = [])), responses(
    (status = 200, body = Vec<Employer>),
    problem::Forbidden,
))]
#[get("/employers")]
pub async fn list(state: web::Data<AppState>, staff: Staff) -> Result<HttpResponse, ApiError> {
    staff.require_that(Capability::ReadEmployers)?;
    let organisation = staff.organisation()?;
    let employers = read(&state, move |conn| {
        let rows = placements::employers(conn, organisation)?;
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let contacts = placements::all_contacts(conn, &ids)?;
        Ok(rows
            .into_iter()
            .map(|r| to_employer(r, &contacts))
            .collect::<Vec<_>>())
    })
    .await?;
    Ok(HttpResponse::Ok().json(employers))
}

/// Register an employer with at least one contact person.
#[utoipa::path(tag = "employers", security(("staff" = [])), request_body = EmployerInput, responses(
    (status = 201, body = Employer),
    problem::Forbidden,
    problem::ValidationFailed,
))]
#[post("/employers")]
pub async fn create(
    state: web::Data<AppState>,
    staff: Staff,
    body: web::Json<EmployerInput>,
) -> Result<HttpResponse, ApiError> {
    staff.require_that(Capability::ArrangePlacements)?;
    let organisation = staff.organisation()?;
    let d = draft(&body)?;
    let employer = write(&state, move |conn| {
        number_taken(conn, organisation, &d, None)?;
        let id = placements::insert_employer(conn, organisation, &d)?;
        crate::setup_audit::record(
            conn,
            &staff,
            AuditAction::EmployerCreate,
            format!("employer={id}"),
        )?;
        load(conn, organisation, id)
    })
    .await?;
    Ok(HttpResponse::Created().json(employer))
}

/// An employer with its placement history.
#[utoipa::path(tag = "employers", security(("staff" = [])), responses(
    (status = 200, body = EmployerDetail),
    problem::Forbidden,
    problem::NotFound,
))]
#[get("/employers/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    staff.require_that(Capability::ArrangePlacements)?;
    let id = path.into_inner();
    let today = crate::calendar::today();
    let organisation = staff.organisation()?;
    let reach = staff.people();
    let detail = read(&state, move |conn| {
        let employer = load(conn, organisation, id)?;
        let all = placements::listed(conn, None, None, Some(id))?;
        let ids: Vec<i64> = all.iter().map(|p| p.placement.participant_id).collect();
        let reached = stige_store::today::reached_among(conn, &reach, &ids)?;
        let placements = all
            .into_iter()
            .filter(|p| reached.contains(&p.placement.participant_id))
            .map(|p| to_placement(p, today, None, vec![]))
            .collect();
        Ok(EmployerDetail {
            employer,
            placements,
        })
    })
    .await?;
    // The placement history names the people placed there.
    let listed: Vec<ParticipantId> = detail.placements.iter().map(|p| p.participant_id).collect();
    let event = read_event(
        &staff,
        AuditAction::EmployerRead,
        None,
        Some(format!("employer={id}")),
    )
    .with_participants(&listed);
    state.store.record_read_async(event).await?;
    Ok(HttpResponse::Ok().json(detail))
}

/// Change an employer; contact people keep their place in the list.
#[utoipa::path(tag = "employers", security(("staff" = [])), request_body = EmployerInput, responses(
    (status = 200, body = Employer),
    problem::Forbidden,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[put("/employers/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
    body: web::Json<EmployerInput>,
) -> Result<HttpResponse, ApiError> {
    staff.require_that(Capability::ArrangePlacements)?;
    let id = path.into_inner();
    let body = body.into_inner();
    let organisation = staff.organisation()?;
    let employer = write(&state, move |conn| {
        load(conn, organisation, id)?;
        let d = draft(&body)?;
        number_taken(conn, organisation, &d, Some(id))?;
        placements::update_employer(conn, id, &d)?;
        crate::setup_audit::record(
            conn,
            &staff,
            AuditAction::EmployerUpdate,
            format!("employer={id}"),
        )?;
        load(conn, organisation, id)
    })
    .await?;
    Ok(HttpResponse::Ok().json(employer))
}
