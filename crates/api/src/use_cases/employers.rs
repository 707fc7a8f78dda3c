//! Employers offering work placements, and their contact people: admins and
//! coordinators register and change them and read their placement history;
//! mentors list them.

use crate::auth::Staff;
use crate::error::ApiError;
use crate::use_cases::access::read_event;
use crate::use_cases::placements::to_placement;
use chrono::NaiveDate;
use stige_domain::organisation_number::OrganisationNumber;
use stige_domain::placement::EmployerDraft;
use stige_domain::{AuditAction, Capability, OrganisationId, ParticipantId, ValidationErrors};
use stige_store::DbConnection;
use stige_store::placements::{self, ContactRow, EmployerRow};
use stige_store::read_audit::ReadEvent;
use stige_wire::{Employer, EmployerContact, EmployerDetail, EmployerInput, Placement};

/// The employer with its contact people among `contacts`, as the API shows
/// it (its organisation number formatted).
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

/// 422 when another employer of `organisation` (not `except`) has the
/// draft's organisation number.
fn number_taken(
    conn: &mut DbConnection,
    organisation: OrganisationId,
    d: &EmployerDraft,
    except: Option<i64>,
) -> Result<(), ApiError> {
    let other =
        placements::employer_by_number(conn, organisation.0, d.organisation_number.digits())?;
    crate::use_cases::partners::number_free(other.map(|o| (o.id, o.name)), except)
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

/// The employers of `staff`'s organisation, by name, with their contact
/// people.
pub fn employers(conn: &mut DbConnection, staff: &Staff) -> Result<Vec<Employer>, ApiError> {
    staff.require_that(Capability::ReadEmployers)?;
    let organisation = staff.organisation()?;
    let rows = placements::employers(conn, organisation)?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let contacts = placements::all_contacts(conn, &ids)?;
    Ok(rows
        .into_iter()
        .map(|r| to_employer(r, &contacts))
        .collect())
}

/// Registers an employer with at least one contact person (422 naming each
/// bad field, an organisation number already registered among them);
/// returns it.
pub fn register_employer(
    conn: &mut DbConnection,
    staff: &Staff,
    body: &EmployerInput,
) -> Result<Employer, ApiError> {
    staff.require_that(Capability::ArrangePlacements)?;
    let organisation = staff.organisation()?;
    let d = draft(body)?;
    number_taken(conn, organisation, &d, None)?;
    let id = placements::insert_employer(conn, organisation, &d)?;
    let detail = format!("employer={id}");
    crate::setup_audit::record(conn, staff, AuditAction::EmployerCreate, detail)?;
    load(conn, organisation, id)
}

/// Employer `id` of `staff`'s organisation with its placement history, the
/// placements of the people `staff` reaches (shown as on the placement page,
/// without the employer's feedback and the history of changes); and the
/// audit event of the read, which names those people.
pub fn employer_history(
    conn: &mut DbConnection,
    staff: &Staff,
    id: i64,
    today: NaiveDate,
) -> Result<(EmployerDetail, ReadEvent), ApiError> {
    staff.require_that(Capability::ArrangePlacements)?;
    let organisation = staff.organisation()?;
    let employer = load(conn, organisation, id)?;
    let all = placements::listed(conn, None, None, Some(id))?;
    let ids: Vec<i64> = all.iter().map(|p| p.placement.participant_id).collect();
    let reached = stige_store::today::reached_among(conn, &staff.people(), &ids)?;
    let placements: Vec<Placement> = all
        .into_iter()
        .filter(|p| reached.contains(&p.placement.participant_id))
        .map(|p| to_placement(p, today, None, vec![]))
        .collect();
    let listed: Vec<ParticipantId> = placements.iter().map(|p| p.participant_id).collect();
    let event = read_event(
        staff,
        AuditAction::EmployerRead,
        None,
        Some(format!("employer={id}")),
    )
    .with_participants(&listed);
    let detail = EmployerDetail {
        employer,
        placements,
    };
    Ok((detail, event))
}

/// Changes employer `id` of `staff`'s organisation; contact people keep their
/// place in the list. Returns it.
pub fn change_employer(
    conn: &mut DbConnection,
    staff: &Staff,
    id: i64,
    body: &EmployerInput,
) -> Result<Employer, ApiError> {
    staff.require_that(Capability::ArrangePlacements)?;
    let organisation = staff.organisation()?;
    load(conn, organisation, id)?;
    let d = draft(body)?;
    number_taken(conn, organisation, &d, Some(id))?;
    placements::update_employer(conn, id, &d)?;
    let detail = format!("employer={id}");
    crate::setup_audit::record(conn, staff, AuditAction::EmployerUpdate, detail)?;
    load(conn, organisation, id)
}
