//! Partners and their cooperation agreements (staff). Admins change them;
//! coordinators read them.

use crate::auth::Staff;
use crate::calendar::today;
use crate::conditional::{if_match, with_etag};
use crate::db::{read, write};
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use stige_domain::AuditAction;
use stige_domain::Capability;
use stige_domain::organisation_number::OrganisationNumber;
use stige_domain::partner::{AgreementDraft, PartnerDraft, scope_from_text};
use stige_domain::{LadderId, OrganisationId, ValidationErrors};
use stige_store::partners::{self, AgreementListed, PartnerRow};
use stige_store::{DbConnection, ladders};
use stige_wire::{
    Agreement, AgreementInput, Contact, LadderRef, Partner, PartnerInput, PartnerRef,
};

pub fn to_partner(row: PartnerRow) -> Partner {
    Partner {
        id: row.id,
        organisation_number: OrganisationNumber::parse(&row.organisation_number)
            .map_or(row.organisation_number.clone(), |n| n.formatted()),
        name: row.name,
        kind: row.kind,
    }
}

pub fn to_agreement(listed: AgreementListed) -> Agreement {
    let a = listed.agreement;
    let terms = stige_domain::partner::AgreementTerms {
        valid_from: a.valid_from,
        valid_to: a.valid_to,
        places: u32::try_from(a.places).unwrap_or(0),
    };
    Agreement {
        id: a.id,
        partner: PartnerRef {
            id: a.partner_id,
            name: listed.partner_name,
        },
        ladder: LadderRef {
            id: LadderId(a.ladder_id),
            name: listed.ladder_name,
        },
        valid_from: a.valid_from,
        valid_to: a.valid_to,
        places: i64::from(a.places),
        places_used: listed.places_used,
        takes_referrals: terms.takes_referrals_on(today()),
        sharing_scope: scope_from_text(&a.sharing_scope).into_iter().collect(),
        contact: Contact {
            name: a.contact_name,
            phone: a.contact_phone,
            email: a.contact_email,
        },
        follow_up_service: Contact {
            name: a.follow_up_name,
            phone: a.follow_up_phone,
            email: a.follow_up_email,
        },
        version: a.version,
    }
}

/// One agreement about one of the programmes `ladders` with names and usage, or 404.
pub fn load_agreement(
    conn: &mut DbConnection,
    ladders: &[i64],
    id: i64,
) -> Result<Agreement, ApiError> {
    let row = partners::agreement(conn, id)?.ok_or(ApiError::NotFound)?;
    partners::agreements(conn, ladders, Some(row.partner_id))?
        .into_iter()
        .find(|l| l.agreement.id == id)
        .map(to_agreement)
        .ok_or(ApiError::NotFound)
}

fn partner_draft(body: &PartnerInput) -> Result<PartnerDraft, ValidationErrors> {
    PartnerDraft::parse(
        body.name.as_deref(),
        body.kind,
        body.organisation_number.as_deref(),
    )
}

fn number_taken(
    conn: &mut DbConnection,
    organisation: OrganisationId,
    draft: &PartnerDraft,
    except: Option<i64>,
) -> Result<(), ApiError> {
    if let Some(other) =
        partners::partner_by_number(conn, organisation.0, draft.organisation_number.digits())?
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

/// All partners, by name.
#[utoipa::path(tag = "partners", security(("staff" = [])), responses(
    (status = 200, body = Vec<Partner>),
    problem::Forbidden,
))]
#[get("/partners")]
pub async fn list(state: web::Data<AppState>, staff: Staff) -> Result<HttpResponse, ApiError> {
    staff.require_that(Capability::ReadPartners)?;
    let organisation = staff.organisation()?;
    let rows = read(&state, move |conn| {
        Ok(partners::partners(conn, organisation)?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(rows.into_iter().map(to_partner).collect::<Vec<_>>()))
}

/// Register a partner (admin).
#[utoipa::path(tag = "partners", security(("staff" = [])), request_body = PartnerInput, responses(
    (status = 201, body = Partner),
    problem::Forbidden,
    problem::ValidationFailed,
))]
#[post("/partners")]
pub async fn create(
    state: web::Data<AppState>,
    staff: Staff,
    body: web::Json<PartnerInput>,
) -> Result<HttpResponse, ApiError> {
    staff.require_that(Capability::Administer)?;
    let organisation = staff.organisation()?;
    let draft = partner_draft(&body)?;
    let row = write(&state, move |conn| {
        number_taken(conn, organisation, &draft, None)?;
        let row = partners::insert_partner(conn, organisation, &draft)?;
        crate::setup_audit::record(
            conn,
            &staff,
            AuditAction::PartnerCreate,
            format!("partner={}", row.id),
        )?;
        Ok(row)
    })
    .await?;
    Ok(HttpResponse::Created().json(to_partner(row)))
}

/// Change a partner (admin).
#[utoipa::path(tag = "partners", security(("staff" = [])), request_body = PartnerInput, responses(
    (status = 200, body = Partner),
    problem::Forbidden,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[put("/partners/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
    body: web::Json<PartnerInput>,
) -> Result<HttpResponse, ApiError> {
    staff.require_that(Capability::Administer)?;
    let id = path.into_inner();
    let body = body.into_inner();
    let organisation = staff.organisation()?;
    let row = write(&state, move |conn| {
        partners::partner(conn, id)?
            .filter(|p| p.organisation_id == organisation.0)
            .ok_or(ApiError::NotFound)?;
        let draft = partner_draft(&body)?;
        number_taken(conn, organisation, &draft, Some(id))?;
        let row = partners::update_partner(conn, id, &draft)?.ok_or(ApiError::NotFound)?;
        crate::setup_audit::record(
            conn,
            &staff,
            AuditAction::PartnerUpdate,
            format!("partner={id}"),
        )?;
        Ok(row)
    })
    .await?;
    Ok(HttpResponse::Ok().json(to_partner(row)))
}

fn agreement_draft(body: &AgreementInput) -> Result<AgreementDraft, ValidationErrors> {
    AgreementDraft::parse(&stige_domain::partner::AgreementInput {
        valid_from: body.valid_from,
        valid_to: body.valid_to,
        places: body.places,
        sharing_scope: body.sharing_scope.as_deref(),
        contact: [
            body.contact.name.as_deref(),
            body.contact.phone.as_deref(),
            body.contact.email.as_deref(),
        ],
        follow_up_service: [
            body.follow_up_service.name.as_deref(),
            body.follow_up_service.phone.as_deref(),
            body.follow_up_service.email.as_deref(),
        ],
    })
}

/// Cooperation agreements with their place usage.
#[utoipa::path(tag = "partners", security(("staff" = [])), responses(
    (status = 200, body = Vec<Agreement>),
    problem::Forbidden,
))]
#[get("/agreements")]
pub async fn list_agreements(
    state: web::Data<AppState>,
    staff: Staff,
) -> Result<HttpResponse, ApiError> {
    staff.require_that(Capability::ReadPartners)?;
    let ladders = staff.reach.ladders();
    let rows = read(&state, move |conn| {
        Ok(partners::agreements(conn, &ladders, None)?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(rows.into_iter().map(to_agreement).collect::<Vec<_>>()))
}

/// One agreement.
#[utoipa::path(tag = "partners", security(("staff" = [])), responses(
    (status = 200, body = Agreement, headers(("ETag" = String, description = "The version, for If-Match"))),
    problem::Forbidden,
    problem::NotFound,
))]
#[get("/agreements/{id}")]
pub async fn get_agreement(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    staff.require_that(Capability::ReadPartners)?;
    let id = path.into_inner();
    let ladders = staff.reach.ladders();
    let agreement = read(&state, move |conn| load_agreement(conn, &ladders, id)).await?;
    Ok(with_etag(HttpResponse::Ok(), agreement.version, &agreement))
}

/// Make a cooperation agreement with a partner on a ladder (admin).
#[utoipa::path(tag = "partners", security(("staff" = [])), request_body = AgreementInput, responses(
    (status = 201, body = Agreement, headers(("ETag" = String, description = "The version, for If-Match"))),
    problem::Forbidden,
    problem::ValidationFailed,
))]
#[post("/agreements")]
pub async fn create_agreement(
    state: web::Data<AppState>,
    staff: Staff,
    body: web::Json<AgreementInput>,
) -> Result<HttpResponse, ApiError> {
    staff.require_that(Capability::Administer)?;
    let body = body.into_inner();
    let agreement = write(&state, move |conn| {
        let mut errors = match agreement_draft(&body) {
            Ok(_) => ValidationErrors::new(),
            Err(e) => e,
        };
        let partner = match body.partner_id {
            None => {
                errors.add("partner_id", "is required");
                None
            }
            Some(p) => partners::partner(conn, p)?
                .filter(|p| Some(OrganisationId(p.organisation_id)) == staff.reach.organisation()),
        };
        if body.partner_id.is_some() && partner.is_none() {
            errors.add("partner_id", "is not a known partner");
        }
        let ladder = match body.ladder_id {
            None => {
                errors.add("ladder_id", "is required");
                None
            }
            Some(l) if staff.reach.works_in(l) => ladders::get(conn, l)?.map(|_| l),
            Some(_) => None,
        };
        if body.ladder_id.is_some() && ladder.is_none() {
            errors.add("ladder_id", "is not a known ladder");
        }
        let (Some(partner), Some(ladder), Ok(draft)) = (partner, ladder, agreement_draft(&body))
        else {
            return Err(errors.into());
        };
        let row = partners::insert_agreement(conn, partner.id, ladder.0, &draft)?;
        crate::setup_audit::record(
            conn,
            &staff,
            AuditAction::AgreementCreate,
            format!("agreement={}", row.id),
        )?;
        load_agreement(conn, &[ladder.0], row.id)
    })
    .await?;
    Ok(with_etag(
        HttpResponse::Created(),
        agreement.version,
        &agreement,
    ))
}

/// Change an agreement's period, places, scope or contacts (admin). Narrowing the
/// scope applies to partners' next read.
/// Send the `ETag` you read as `If-Match`: a stale one gets 412, none gets 428.
#[utoipa::path(tag = "partners", security(("staff" = [])), request_body = AgreementInput,
    params(("If-Match" = String, Header, description = "The ETag from the last read")),
    responses(
    (status = 200, body = Agreement, headers(("ETag" = String, description = "The new version"))),
    problem::Forbidden,
    problem::NotFound,
    problem::PreconditionFailed,
    problem::ValidationFailed,
    problem::PreconditionRequired,
))]
#[put("/agreements/{id}")]
pub async fn update_agreement(
    state: web::Data<AppState>,
    staff: Staff,
    req: HttpRequest,
    path: web::Path<i64>,
    body: web::Json<AgreementInput>,
) -> Result<HttpResponse, ApiError> {
    staff.require_that(Capability::Administer)?;
    let id = path.into_inner();
    let expected = if_match(&req);
    let body = body.into_inner();
    let ladders = staff.reach.ladders();
    let agreement = write(&state, move |conn| {
        let row = partners::agreement(conn, id)?
            .filter(|a| ladders.contains(&a.ladder_id))
            .ok_or(ApiError::NotFound)?;
        let expected = expected?;
        if expected != row.version {
            return Err(ApiError::PreconditionFailed);
        }
        let draft = agreement_draft(&body)?;
        if !partners::update_agreement(conn, id, expected, &draft)? {
            return Err(ApiError::PreconditionFailed);
        }
        crate::setup_audit::record(
            conn,
            &staff,
            AuditAction::AgreementUpdate,
            format!("agreement={id}"),
        )?;
        load_agreement(conn, &ladders, id)
    })
    .await?;
    Ok(with_etag(HttpResponse::Ok(), agreement.version, &agreement))
}
