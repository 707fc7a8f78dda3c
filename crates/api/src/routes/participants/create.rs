//! `POST /participants`.

use crate::auth::Staff;
use crate::calendar::today;
use crate::db::write;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use actix_web::{HttpResponse, http::header, post, web};
use chrono::NaiveDate;
use stige_domain::AuditAction;
use stige_domain::Capability;
use stige_domain::{LadderId, NationalId, ParticipantId, PersonName, ValidationErrors};
use stige_secrets::cipher::DataCipher;
use stige_store::participants::{self, PersonalDetails, StoredNationalId};
use stige_wire::{NewParticipant, ParticipantDetail};

/// Checks names, birth date and national id; encrypts the number.
pub fn parse_details(
    given: Option<&str>,
    family: Option<&str>,
    birth_date: Option<NaiveDate>,
    national_id: Option<&str>,
    cipher: &DataCipher,
    today: NaiveDate,
    errors: &mut ValidationErrors,
) -> Result<Option<PersonalDetails>, ApiError> {
    let given = errors.collect("given_name", PersonName::parse(given.unwrap_or("")));
    let family = errors.collect("family_name", PersonName::parse(family.unwrap_or("")));
    if birth_date.is_some_and(|b| b > today) {
        errors.add("birth_date", "must not be in the future");
    }
    let nid = national_id
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .and_then(|n| errors.collect("national_id", NationalId::parse(n, today)));
    if let (Some(n), Some(b)) = (&nid, birth_date)
        && n.birth_date() != b
    {
        errors.add("birth_date", "does not match the national identity number");
    }
    let (Some(given), Some(family)) = (given, family) else {
        return Ok(None);
    };
    let national_id = match nid {
        Some(n) => Some(StoredNationalId {
            cipher: cipher.encrypt(n.expose())?,
            masked: n.masked(),
            kind: n.kind(),
            lookup: Some(cipher.lookup(n.expose())),
        }),
        None => None,
    };
    Ok(Some(PersonalDetails {
        given_name: given.as_str().to_owned(),
        family_name: family.as_str().to_owned(),
        birth_date,
        national_id,
    }))
}

/// Register a participant (admin, coordinator). They start as "referred".
#[utoipa::path(tag = "participants", security(("staff" = [])), request_body = NewParticipant, responses(
    (status = 201, body = ParticipantDetail, headers(("ETag" = String, description = "The version, for If-Match"))),
    problem::Forbidden,
    problem::ValidationFailed,
))]
#[post("/participants")]
pub async fn create(
    state: web::Data<AppState>,
    staff: Staff,
    body: web::Json<NewParticipant>,
) -> Result<HttpResponse, ApiError> {
    staff.require_that(Capability::TriageReferrals)?;
    let body = body.into_inner();
    let today = today();
    let mut errors = ValidationErrors::new();
    // The birth date defaults to the one the national id encodes.
    let birth_date = body.birth_date.or_else(|| {
        body.national_id
            .as_deref()
            .and_then(|n| NationalId::parse(n, today).ok())
            .map(|n| n.birth_date())
    });
    let details = parse_details(
        body.given_name.as_deref(),
        body.family_name.as_deref(),
        birth_date,
        body.national_id.as_deref(),
        &state.cipher,
        today,
        &mut errors,
    )?;
    if body.ladder_id.is_none() {
        errors.add("ladder_id", "is required");
    }
    let (Some(details), Some(ladder), true) = (details, body.ladder_id, errors.is_empty()) else {
        return Err(errors.into());
    };
    let detail = write(&state, move |conn| {
        // A ladder of another organisation, or one where the staff member may
        // not register people, is as unknown as one that does not exist.
        if !staff
            .reach
            .may_in(LadderId(ladder.0), Capability::TriageReferrals)
            || stige_store::ladders::get(conn, LadderId(ladder.0))?.is_none()
        {
            let mut e = ValidationErrors::new();
            e.add("ladder_id", "is not a ladder");
            return Err(e.into());
        }
        let row = participants::insert(conn, ladder.0, &details, today, staff.id)?;
        super::record(
            conn,
            &staff,
            AuditAction::ParticipantCreate,
            Some(ParticipantId(row.id)),
            None,
        )?;
        super::detail_view(conn, row, today)
    })
    .await?;
    let mut response = HttpResponse::Created();
    response.insert_header((
        header::LOCATION,
        format!("/api/v1/participants/{}", detail.id),
    ));
    Ok(super::with_etag(response, &detail))
}
