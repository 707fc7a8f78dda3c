//! A participant's links to cooperation agreements (issue 22, part 2):
//! `GET`/`POST /participants/{id}/agreements` and
//! `PUT /participants/{id}/agreements/{link}/ending`. Any number over time, one
//! paying for the place at a time; each partner sees the person through its own
//! links, scope and the person's consents to it.

use crate::auth::{Reader, Staff};
use crate::calendar::today;
use crate::db::write;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, put, web};
use stige_domain::AuditAction;
use stige_domain::agreement_link::{self, EndLinkError, LinkSpan};
use stige_domain::{Capability, ParticipantId, ValidationErrors};
use stige_store::DbConnection;
use stige_store::agreement_links::{self as store, LinkListed, NewLink};
use stige_wire::{AgreementLink, AgreementLinkEnding, NewAgreementLink, PartnerRef};

fn span(l: &LinkListed) -> LinkSpan {
    l.link.span()
}

/// The person's links, oldest first, as the API shows them.
pub fn links_of(
    conn: &mut DbConnection,
    id: ParticipantId,
) -> Result<Vec<AgreementLink>, ApiError> {
    let today = today();
    Ok(store::of_participant(conn, id)?
        .into_iter()
        .map(|l| AgreementLink {
            id: l.link.id,
            agreement_id: l.link.agreement_id,
            in_force: span(&l).in_force_on(today),
            partner: PartnerRef {
                id: l.partner_id,
                name: l.partner_name,
            },
            valid_from: l.link.valid_from,
            valid_to: l.link.valid_to,
            pays: l.link.pays,
        })
        .collect())
}

/// The agreements linked to the person over time: which pays for the place and
/// which follow. Staff who may see the person; 404 for everyone else.
#[utoipa::path(tag = "partners", security(("staff" = [])), responses(
    (status = 200, body = Vec<AgreementLink>),
    problem::NotFound,
))]
#[get("/participants/{id}/agreements")]
pub async fn list(
    state: web::Data<AppState>,
    reader: Reader,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = ParticipantId(path.into_inner());
    super::person_read(
        &state,
        reader,
        id,
        AuditAction::AgreementLinkRead,
        move |conn, staff| {
            super::visible(conn, staff, id)?;
            links_of(conn, id)
        },
    )
    .await
}

/// Links the person to another cooperation agreement of their programme, from
/// `valid_from` (default today) to `valid_to` (default until further notice),
/// paying for the place (`pays`) or following. Refused (422) for an agreement of
/// another programme, one already linked for part of the period, or a second
/// payer at the same time. Admins and coordinators.
#[utoipa::path(tag = "partners", security(("staff" = [])), request_body = NewAgreementLink, responses(
    (status = 201, body = Vec<AgreementLink>),
    problem::BadRequest,
    problem::Forbidden,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[post("/participants/{id}/agreements")]
pub async fn add(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
    body: web::Json<NewAgreementLink>,
) -> Result<HttpResponse, ApiError> {
    staff.require_that(Capability::TriageReferrals)?;
    let id = ParticipantId(path.into_inner());
    let body = body.into_inner();
    let links = write(&state, move |conn| {
        let person = super::visible(conn, &staff, id)?;
        let mut errors = ValidationErrors::new();
        let Some(agreement) = body.agreement_id else {
            errors.add("agreement_id", "is required");
            return Err(errors.into());
        };
        // Another programme's agreement, or none, is no agreement of the person's.
        let Some(terms) = stige_store::partners::agreement(conn, agreement)?
            .filter(|a| a.ladder_id == person.ladder_id)
        else {
            errors.add(
                "agreement_id",
                "is not an agreement of the person's programme",
            );
            return Err(errors.into());
        };
        let new = LinkSpan {
            agreement,
            from: body.valid_from.unwrap_or_else(today),
            to: body.valid_to,
            pays: body.pays.unwrap_or(false),
        };
        // A link starts within the agreement's period.
        if new.from < terms.valid_from || terms.valid_to.is_some_and(|to| new.from > to) {
            errors.add("valid_from", "is outside the agreement's period");
        }
        let existing: Vec<LinkSpan> = store::of_participant(conn, id)?.iter().map(span).collect();
        agreement_link::check_new_link(&new, &existing, &mut errors);
        errors.into_result(())?;
        let added = store::insert(
            conn,
            NewLink {
                participant: id,
                agreement,
                valid_from: new.from,
                valid_to: new.to,
                pays: new.pays,
            },
        )?;
        let detail = format!(
            "link={added} agreement={agreement} from={} pays={}",
            new.from, new.pays
        );
        super::record(
            conn,
            &staff,
            AuditAction::AgreementLinkAdd,
            Some(id),
            Some(detail),
        )?;
        links_of(conn, id)
    })
    .await?;
    Ok(HttpResponse::Created().json(links))
}

/// Ends one of the person's links on `valid_to` (its last day, on or after its
/// first). 409 for a link that ended before today. Admins and coordinators.
#[utoipa::path(tag = "partners", security(("staff" = [])), request_body = AgreementLinkEnding, responses(
    (status = 200, body = Vec<AgreementLink>),
    problem::BadRequest,
    problem::Forbidden,
    problem::NotFound,
    problem::Conflict,
    problem::ValidationFailed,
))]
#[put("/participants/{id}/agreements/{link}/ending")]
pub async fn end(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i64, i64)>,
    body: web::Json<AgreementLinkEnding>,
) -> Result<HttpResponse, ApiError> {
    staff.require_that(Capability::TriageReferrals)?;
    let (id, link) = path.into_inner();
    let id = ParticipantId(id);
    let links = write(&state, move |conn| {
        super::visible(conn, &staff, id)?;
        let row = (store::of_participant(conn, id)?.into_iter())
            .find(|l| l.link.id == link)
            .ok_or(ApiError::NotFound)?;
        let Some(valid_to) = body.valid_to else {
            let mut e = ValidationErrors::new();
            e.add("valid_to", "is required");
            return Err(e.into());
        };
        match agreement_link::check_end(&span(&row), valid_to, today()) {
            Ok(()) => {}
            Err(e @ EndLinkError::AlreadyEnded) => {
                return Err(ApiError::Conflict(format!("{e}.")));
            }
            Err(e @ EndLinkError::BeforeStart) => {
                let mut errors = ValidationErrors::new();
                errors.add("valid_to", e.to_string());
                return Err(errors.into());
            }
        }
        store::end(conn, link, valid_to)?;
        let detail = format!("link={link} to={valid_to}");
        super::record(
            conn,
            &staff,
            AuditAction::AgreementLinkEnd,
            Some(id),
            Some(detail),
        )?;
        links_of(conn, id)
    })
    .await?;
    Ok(HttpResponse::Ok().json(links))
}
