//! Referrals: partners refer people (idempotently) and may withdraw them; staff
//! record the referrals that come by phone, letter, e-mail, at a meeting or from
//! the person themselves, and triage them all in the inbox. A partner sees only
//! its agreement's referrals.

use crate::auth::{Caller, PartnerClient, Staff};
use crate::calendar::today;
use crate::db::{read, write};
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use crate::use_cases::referral_intake::{self};
use crate::use_cases::referral_triage;
use crate::use_cases::referrals::{audit_referral, triaged_by, visible};
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use stige_domain::AuditAction;
use stige_domain::Capability;
use stige_domain::partner::PartnerEventKind;
use stige_domain::referral::{DeclineReason, ReferralCommand, referral_transition};
use stige_domain::{LadderId, ParticipantId, ValidationErrors};
use stige_store::DbConnection;
use stige_store::partner_feed;
use stige_store::read_audit::ReadEvent;
use stige_store::referrals::{self, Duplicate, ReferralFilter, ReferralListed};
use stige_wire::{
    Contact, NewReferral, Page, PartnerRef, PossibleDuplicate, Problem, RecordedReferral, Referral,
    ReferralQuery, TriageRequest,
};

/// Every referral that led to participant `id`, oldest first, as staff see them.
pub fn of_participant(
    conn: &mut DbConnection,
    id: ParticipantId,
) -> Result<Vec<Referral>, ApiError> {
    referrals::all_of_participant(conn, id)?
        .into_iter()
        .map(|r| view(conn, r, true))
        .collect()
}

fn view(
    conn: &mut DbConnection,
    listed: ReferralListed,
    for_staff: bool,
) -> Result<Referral, ApiError> {
    let r = listed.referral;
    let waiting_list_position = if r.status() == stige_domain::referral::ReferralStatus::WaitingList
    {
        referrals::waiting_positions(conn, r.agreement_id, r.ladder_id)?
            .into_iter()
            .find(|(id, _)| *id == r.id)
            .map(|(_, n)| n)
    } else {
        None
    };
    let possible_duplicates = if for_staff {
        referrals::possible_duplicates(conn, &r)?
            .into_iter()
            .map(|d| match d {
                Duplicate::Participant(id) => PossibleDuplicate::Participant {
                    id: ParticipantId(id),
                },
                Duplicate::Referral(id) => PossibleDuplicate::Referral { id },
            })
            .collect()
    } else {
        vec![]
    };
    Ok(Referral {
        id: r.id,
        agreement_id: r.agreement_id,
        partner: listed.partner.map(|(id, name)| PartnerRef { id, name }),
        ladder_id: LadderId(r.ladder_id),
        channel: r.channel(),
        recorded_by: listed.recorded_by_name.filter(|_| for_staff),
        status: r.status(),
        given_name: r.given_name,
        family_name: r.family_name,
        birth_date: r.birth_date,
        national_id_masked: r.national_id_masked,
        national_id_kind: r.national_id_kind,
        phone: r.phone,
        email: r.email,
        reason: r.reason,
        partner_contact: Contact {
            name: r.partner_contact_name,
            phone: r.partner_contact_phone.unwrap_or_default(),
            email: r.partner_contact_email.unwrap_or_default(),
        },
        consent_collected: r.consent_collected,
        waiting_list_position,
        decline_reason: r.decline_reason.as_deref().and_then(DeclineReason::parse),
        decline_text: r.decline_text,
        participant_id: r.participant_id.map(ParticipantId),
        received_at: r.received_at,
        updated_at: r.updated_at,
        possible_duplicates,
    })
}

/// Referrals, newest first. Staff (admin, coordinator) see all, partners their
/// agreement's.
#[utoipa::path(tag = "referrals", security(("staff" = []), ("partner" = [])), params(ReferralQuery), responses(
    (status = 200, body = Page<Referral>),
    problem::BadRequest,
    problem::Unauthorized,
    problem::Forbidden,
    problem::ValidationFailed,
))]
#[get("/referrals")]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<ReferralQuery>,
) -> Result<HttpResponse, ApiError> {
    let mut errors = ValidationErrors::new();
    let (page, per_page) = crate::routes::paging::checked(query.page, query.per_page, &mut errors);
    let (agreement, ladders) = match &caller {
        Caller::Staff(staff) => {
            staff.require_that(Capability::TriageReferrals)?;
            (query.agreement_id, triaged_by(staff))
        }
        Caller::Partner(p) => {
            if query.agreement_id.is_some_and(|a| a != p.agreement) {
                errors.add("agreement_id", "is not this client's agreement");
            }
            (Some(p.agreement), vec![p.ladder])
        }
    };
    errors.into_result(())?;
    let filter = ReferralFilter {
        ladders,
        agreement,
        status: query.status,
        limit: per_page,
        offset: (page - 1).saturating_mul(per_page),
    };
    let for_staff = matches!(caller, Caller::Staff(_));
    let (items, total): (Vec<Referral>, i64) = read(&state, move |conn| {
        let (rows, total) = referrals::list(conn, &filter)?;
        let items = rows
            .into_iter()
            .map(|r| view(conn, r, for_staff))
            .collect::<Result<Vec<_>, _>>()?;
        Ok((items, total))
    })
    .await?;
    // The people listed: by participant id once accepted, else by referral id.
    let listed: Vec<ParticipantId> = items.iter().filter_map(|r| r.participant_id).collect();
    let referral_ids: Vec<String> = items.iter().map(|r| r.id.to_string()).collect();
    let (actor, ip) = match &caller {
        Caller::Staff(s) => (s.actor(), s.ip.clone()),
        Caller::Partner(p) => (p.actor(), p.ip.clone()),
    };
    let event = ReadEvent {
        actor,
        action: AuditAction::ReferralList,
        participant: None,
        participants: listed,
        ip,
        detail: Some(format!("referrals={}", referral_ids.join(","))),
    };
    state.store.record_read_async(event).await?;
    Ok(HttpResponse::Ok().json(Page {
        items,
        total,
        page,
        per_page,
    }))
}

/// One referral.
#[utoipa::path(tag = "referrals", security(("staff" = []), ("partner" = [])), responses(
    (status = 200, body = Referral),
    problem::Unauthorized,
    problem::NotFound,
))]
#[get("/referrals/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let referral = write(&state, move |conn| {
        let listed = visible(conn, &caller, id)?;
        let (actor, ip, for_staff) = match &caller {
            Caller::Staff(s) => (s.actor(), s.ip.clone(), true),
            Caller::Partner(p) => (p.actor(), p.ip.clone(), false),
        };
        audit_referral(
            conn,
            actor,
            ip.as_deref(),
            AuditAction::ReferralRead,
            id,
            None,
        )?;
        view(conn, listed, for_staff)
    })
    .await?;
    Ok(HttpResponse::Ok().json(referral))
}

/// What a retry with the same key gets.
/// Refer a person (partner). Requires an `Idempotency-Key` header: a retry with the
/// same key and body gets the original answer, the same key with another body 422,
/// and a retry while the first is in flight 409 or the original answer; never a
/// second referral. Keys are kept for 48 hours (at least 24).
#[utoipa::path(tag = "referrals", security(("partner" = [])), request_body = NewReferral,
    params(("Idempotency-Key" = String, Header, description = "Unique per referral; reuse it on retries")),
    responses(
    (status = 201, body = Referral),
    (status = 400, body = Problem, content_type = "application/problem+json", description = "No Idempotency-Key, or a body that is not JSON"),
    problem::Unauthorized,
    (status = 409, body = Problem, content_type = "application/problem+json", description = "The agreement takes no referrals now, or the same key is in flight"),
    problem::ValidationFailed,
))]
#[post("/referrals")]
pub async fn create(
    state: web::Data<AppState>,
    partner: PartnerClient,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let request = crate::idempotent::keyed(&req, &body)?;
    let cipher = state.cipher.clone();
    let p = partner.clone();
    crate::idempotent::create(&state, partner.owner(), request, move |conn, value| {
        let input: NewReferral = crate::idempotent::body_as(value)?;
        let row = referral_intake::refer(conn, &cipher, &p, &input, today())?;
        let listed = referrals::get(conn, row.id)?.ok_or(ApiError::NotFound)?;
        view(conn, listed, false)
    })
    .await
}

/// Record a referral that came by phone, letter, e-mail or at a meeting on a
/// partner's behalf (`agreement_id`), or a self-referral to a programme
/// (`ladder_id`, no partner contact). Admins and coordinators of the programme;
/// the same checks and duplicate warning as a partner's referral, and the partner
/// sees it in its feed and list as its own. The referral remembers how it came
/// and who recorded it.
#[utoipa::path(tag = "referrals", security(("staff" = [])), request_body = RecordedReferral,
    responses(
    (status = 201, body = Referral),
    problem::BadRequest,
    problem::Unauthorized,
    problem::Forbidden,
    (status = 409, body = Problem, content_type = "application/problem+json", description = "The agreement takes no referrals now"),
    problem::ValidationFailed,
))]
#[post("/referrals/recorded")]
pub async fn record(
    state: web::Data<AppState>,
    staff: Staff,
    body: web::Json<RecordedReferral>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let cipher = state.cipher.clone();
    let referral = write(&state, move |conn| {
        let row = referral_intake::record(conn, &cipher, &staff, &body, today())?;
        let listed = referrals::get(conn, row.id)?.ok_or(ApiError::NotFound)?;
        view(conn, listed, true)
    })
    .await?;
    Ok(HttpResponse::Created().json(referral))
}

/// Withdraw a referral that is not decided yet (partner).
#[utoipa::path(tag = "referrals", security(("partner" = [])), responses(
    (status = 200, body = Referral),
    problem::Unauthorized,
    problem::NotFound,
    problem::Conflict,
))]
#[post("/referrals/{id}/withdraw")]
pub async fn withdraw(
    state: web::Data<AppState>,
    partner: PartnerClient,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let referral = write(&state, move |conn| {
        let listed = visible(conn, &Caller::Partner(partner.clone()), id)?;
        let next = referral_transition(listed.referral.status(), ReferralCommand::Withdraw)
            .map_err(|e| ApiError::Conflict(format!("{e}.")))?;
        referrals::set_status(conn, id, next, None)?;
        let listed = referrals::get(conn, id)?.ok_or(ApiError::NotFound)?;
        partner_feed::referral(
            conn,
            &listed.referral,
            PartnerEventKind::ReferralStatusChanged,
        )?;
        audit_referral(
            conn,
            partner.actor(),
            partner.ip.as_deref(),
            AuditAction::ReferralWithdraw,
            id,
            None,
        )?;
        view(conn, listed, false)
    })
    .await?;
    Ok(HttpResponse::Ok().json(referral))
}

/// Triage a referral (admin, coordinator): start the assessment, accept (creates
/// the participant on the agreement's ladder, linked to the agreement), put on the
/// waiting list, or decline with a reason ("other" needs a text). Accepting may
/// also start the person in one step: `first_step_id` makes them active on that
/// step of the agreement's ladder from `start_date` (default today; not in the
/// future, not before the referral came), `mentor_id` assigns their mentor,
/// `situation_at_start` records their situation at the start.
#[utoipa::path(tag = "referrals", security(("staff" = [])), request_body = TriageRequest, responses(
    (status = 200, body = Referral),
    problem::Forbidden,
    problem::NotFound,
    problem::Conflict,
    problem::ValidationFailed,
))]
#[post("/referrals/{id}/triage")]
pub async fn triage(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
    body: web::Json<TriageRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let today = today();
    let command = referral_triage::TriageCommand::parse(&staff, body.into_inner(), today)?;
    let referral = write(&state, move |conn| {
        referral_triage::triage(conn, &staff, id, command, today)?;
        let listed = referrals::get(conn, id)?.ok_or(ApiError::NotFound)?;
        view(conn, listed, true)
    })
    .await?;
    Ok(HttpResponse::Ok().json(referral))
}
