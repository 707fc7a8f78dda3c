//! Referrals: partners refer people (idempotently) and may withdraw them; staff
//! record the referrals that come by phone, letter, e-mail, at a meeting or from
//! the person themselves, and triage them all in the inbox. A partner sees only
//! its agreement's referrals.

use crate::auth::{Caller, PartnerClient, Staff};
use crate::calendar::today;
use crate::db::{read, write};
use crate::error::ApiError;
use crate::openapi::problem;
use crate::routes::participants::mentors::all_can_mentor;
use crate::state::AppState;
use crate::use_cases::start::{Start, record_start, start_on_ladder};
use crate::use_cases::step_moves::step_on_ladder;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use stige_domain::AuditAction;
use stige_domain::Capability;
use stige_domain::partner::AgreementTerms;
use stige_domain::referral::{
    DeclineReason, ReferralChannel, ReferralCommand, ReferralDraft, ReferralInput,
    check_recorded_source, referral_transition,
};
use stige_domain::{LadderId, ParticipantId, ValidationErrors};
use stige_store::audit::{self, Actor, AuditEvent};
use stige_store::participants::{self, PersonalDetails, StoredNationalId};
use stige_store::partner_feed;
use stige_store::read_audit::ReadEvent;
use stige_store::referrals::{self, Duplicate, ReferralFilter, ReferralListed, ReferralSource};
use stige_store::{DbConnection, partners};
use stige_wire::{
    Contact, NewReferral, Page, PartnerRef, PossibleDuplicate, Problem, RecordedReferral, Referral,
    ReferralQuery, TriageAction, TriageRequest,
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

fn audit_referral(
    conn: &mut DbConnection,
    actor: Actor,
    ip: Option<&str>,
    action: AuditAction,
    referral: i64,
    participant: Option<ParticipantId>,
) -> Result<(), ApiError> {
    audit::record(
        conn,
        AuditEvent {
            actor,
            action,
            participant,
            ip,
            detail: Some(format!("referral={referral}")),
        },
    )?;
    Ok(())
}

/// The programmes whose referrals `staff` triages.
pub(crate) fn triaged_by(staff: &crate::auth::Staff) -> Vec<i64> {
    (staff.reach.programmes().iter())
        .filter(|(_, role)| role.may(Capability::TriageReferrals))
        .map(|(ladder, _)| ladder.0)
        .collect()
}

/// The referral if the caller may see it, else 404.
fn visible(conn: &mut DbConnection, caller: &Caller, id: i64) -> Result<ReferralListed, ApiError> {
    let listed = referrals::get(conn, id)?.ok_or(ApiError::NotFound)?;
    match caller {
        Caller::Staff(staff) => {
            staff.require_that(Capability::TriageReferrals)?;
            if !staff
                .reach
                .may_in(LadderId(listed.ladder_id), Capability::TriageReferrals)
            {
                return Err(ApiError::NotFound);
            }
            Ok(listed)
        }
        Caller::Partner(p) if Some(p.agreement) == listed.referral.agreement_id => Ok(listed),
        Caller::Partner(p) => Err(crate::routes::partner_reads::refused(
            p,
            listed.referral.participant_id.map(ParticipantId),
            Some(format!("referral={id}")),
        )),
    }
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
        let draft = ReferralDraft::parse(&referral_input(&input), today())?;
        check_takes_referrals(conn, p.agreement)?;
        let source = ReferralSource {
            agreement: Some(p.agreement),
            ladder: p.ladder,
            // A partner user's referral names them, as a recorded one names staff.
            channel: if p.user().is_some() {
                ReferralChannel::PartnerView
            } else {
                ReferralChannel::Api
            },
            recorded_by: p.user().map(|u| u.0),
        };
        let row = receive(conn, &cipher, source, &draft)?;
        audit_referral(
            conn,
            p.actor(),
            p.ip.as_deref(),
            AuditAction::ReferralCreate,
            row.id,
            None,
        )?;
        let listed = referrals::get(conn, row.id)?.ok_or(ApiError::NotFound)?;
        view(conn, listed, false)
    })
    .await
}

/// The fields of a referral as the domain reads them.
fn referral_input(input: &NewReferral) -> ReferralInput<'_> {
    ReferralInput {
        given_name: input.given_name.as_deref(),
        family_name: input.family_name.as_deref(),
        birth_date: input.birth_date,
        national_id: input.national_id.as_deref(),
        phone: input.phone.as_deref(),
        email: input.email.as_deref(),
        reason: input.reason.as_deref(),
        partner_contact: [
            input.partner_contact.name.as_deref(),
            input.partner_contact.phone.as_deref(),
            input.partner_contact.email.as_deref(),
        ],
        consent_collected: input.consent_collected,
    }
}

/// 409 unless the agreement is inside its period (404 if there is none).
fn check_takes_referrals(conn: &mut DbConnection, agreement: i64) -> Result<(), ApiError> {
    let agreement = partners::agreement(conn, agreement)?.ok_or(ApiError::NotFound)?;
    let terms = AgreementTerms {
        valid_from: agreement.valid_from,
        valid_to: agreement.valid_to,
        places: u32::try_from(agreement.places).unwrap_or(0),
    };
    if terms.takes_referrals_on(today()) {
        Ok(())
    } else {
        Err(ApiError::Conflict(
            "The cooperation agreement is outside its period and takes no referrals.".into(),
        ))
    }
}

/// Stores a checked referral (its national id encrypted) and tells the partner's
/// feed; the caller audits.
fn receive(
    conn: &mut DbConnection,
    cipher: &stige_secrets::cipher::DataCipher,
    source: ReferralSource,
    draft: &ReferralDraft,
) -> Result<referrals::ReferralRow, ApiError> {
    let national_id = match &draft.national_id {
        Some(n) => Some(StoredNationalId {
            cipher: cipher.encrypt(n.expose())?,
            masked: n.masked(),
            kind: n.kind(),
            lookup: Some(cipher.lookup(n.expose())),
        }),
        None => None,
    };
    let row = referrals::insert(conn, source, draft, national_id.as_ref())?;
    partner_feed::referral(conn, &row, "referral.received")?;
    Ok(row)
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
    staff.require_that(Capability::TriageReferrals)?;
    let body = body.into_inner();
    let mut errors = ValidationErrors::new();
    let channel = check_recorded_source(
        body.channel,
        body.agreement_id.is_some(),
        body.ladder_id.is_some(),
        &mut errors,
    );
    let cipher = state.cipher.clone();
    let referral = write(&state, move |conn| {
        // The programme: the agreement's, or the self-referral's; one the caller
        // triages for, else the field is wrong (nothing is said about others').
        let triages = |ladder: LadderId| staff.reach.may_in(ladder, Capability::TriageReferrals);
        let ladder = match (body.agreement_id, body.ladder_id) {
            (Some(a), _) => match partners::agreement(conn, a)? {
                Some(agreement) if triages(LadderId(agreement.ladder_id)) => {
                    Some(LadderId(agreement.ladder_id))
                }
                _ => {
                    errors.add("agreement_id", "is not an agreement of your programmes");
                    None
                }
            },
            (None, Some(ladder)) if triages(ladder) => Some(ladder),
            (None, Some(_)) => {
                errors.add("ladder_id", "is not one of your programmes");
                None
            }
            (None, None) => None,
        };
        // The person's fields are checked even without a source, so that one
        // answer names every field to mend; a missing source is one of them.
        let draft = ReferralDraft::parse_from(
            channel.unwrap_or(ReferralChannel::Phone),
            &referral_input(&body.referral),
            today(),
            errors.clone(),
        )?;
        let (Some(channel), Some(ladder)) = (channel, ladder) else {
            return Err(errors.into());
        };
        if let Some(agreement) = body.agreement_id {
            check_takes_referrals(conn, agreement)?;
        }
        let source = ReferralSource {
            agreement: body.agreement_id,
            ladder: ladder.0,
            channel,
            recorded_by: Some(staff.id.0),
        };
        let row = receive(conn, &cipher, source, &draft)?;
        audit::record(
            conn,
            AuditEvent {
                actor: staff.actor(),
                action: AuditAction::ReferralRecord,
                participant: None,
                ip: staff.ip.as_deref(),
                detail: Some(format!("referral={} channel={}", row.id, channel.as_str())),
            },
        )?;
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
        partner_feed::referral(conn, &listed.referral, "referral.status_changed")?;
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

/// Checks what accepting in one step sets: the first step is on the agreement's
/// ladder, the mentor can mentor, and the start is not before the referral came.
fn check_start(
    conn: &mut DbConnection,
    start: &Start,
    ladder: i64,
    received: chrono::NaiveDate,
    today: chrono::NaiveDate,
) -> Result<(), ApiError> {
    let mut errors = ValidationErrors::new();
    if start.date > today {
        errors.add("start_date", "must not be in the future");
    } else if start.date < received {
        errors.add(
            "start_date",
            format!("must not be before the referral was received ({received})"),
        );
    }
    if let Some(step) = start.first_step
        && step_on_ladder(conn, LadderId(ladder), step)?.is_none()
    {
        errors.add("first_step_id", "is not a step of the agreement's ladder");
    }
    if let Some(mentor) = start.mentor
        && !all_can_mentor(conn, &[mentor.0], ladder)?
    {
        errors.add(
            "mentor_id",
            "must name an active staff member who can mentor",
        );
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.into())
    }
}

/// The situation at the start given with an acceptance, checked against the
/// country of the agreement's ladder; its field errors named under
/// `situation_at_start`.
fn start_situation(
    conn: &mut DbConnection,
    ladder: i64,
    given: &stige_wire::SituationInput,
) -> Result<stige_domain::situation::Situation, ApiError> {
    use stige_domain::situation::{Moment, SituationDraft, parse_situation};
    let country = stige_store::outcomes::country_of_ladder(conn, ladder)?;
    let draft = SituationDraft {
        reached: given.reached,
        income_source: given.income_source,
        occupation: given.occupation,
        education: given.education,
    };
    parse_situation(country, Moment::Start, draft).map_err(|mut errors| {
        for e in &mut errors.0 {
            e.field = format!("situation_at_start.{}", e.field);
        }
        errors.into()
    })
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
    staff.require_that(Capability::TriageReferrals)?;
    let id = path.into_inner();
    let body = body.into_inner();
    let mut errors = ValidationErrors::new();
    let decline_text = body
        .decline_text
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned);
    if decline_text
        .as_ref()
        .is_some_and(|t| t.chars().count() > 2000)
    {
        errors.add("decline_text", "must be at most 2000 characters");
    }
    let command = match body.action {
        None => {
            errors.add("action", "is required");
            None
        }
        Some(TriageAction::StartAssessment) => Some(ReferralCommand::StartAssessment),
        Some(TriageAction::Accept) => Some(ReferralCommand::Accept),
        Some(TriageAction::PutOnWaitingList) => Some(ReferralCommand::PutOnWaitingList),
        Some(TriageAction::Decline) => match body.decline_reason {
            None => {
                errors.add("decline_reason", "is required to decline");
                None
            }
            Some(DeclineReason::Other) if decline_text.is_none() => {
                errors.add("decline_text", "is required when the reason is other");
                None
            }
            Some(reason) => Some(ReferralCommand::Decline(reason)),
        },
    };
    let accepting = command == Some(ReferralCommand::Accept);
    for (field, given) in [
        ("first_step_id", body.first_step_id.is_some()),
        ("mentor_id", body.mentor_id.is_some()),
        ("start_date", body.start_date.is_some()),
        ("situation_at_start", body.situation_at_start.is_some()),
    ] {
        if given && !accepting {
            errors.add(field, "is only for accepting");
        }
    }
    let today = today();
    let start = Start {
        first_step: body.first_step_id,
        mentor: body.mentor_id,
        date: body.start_date.unwrap_or(today),
    };
    let command = match command {
        Some(c) if errors.is_empty() => c,
        _ => return Err(errors.into()),
    };
    let situation_at_start = body.situation_at_start;
    let referral = write(&state, move |conn| {
        let listed = visible(conn, &Caller::Staff(staff.clone()), id)?;
        let r = &listed.referral;
        let next = referral_transition(r.status(), command)
            .map_err(|e| ApiError::Conflict(format!("{e}.")))?;
        let decline = match command {
            ReferralCommand::Decline(reason) => Some((reason, decline_text.as_deref())),
            _ => None,
        };
        let mut participant = None;
        if command == ReferralCommand::Accept {
            let ladder_id = r.ladder_id;
            check_start(conn, &start, ladder_id, r.received_at.date(), today)?;
            let situation = situation_at_start
                .as_ref()
                .map(|s| start_situation(conn, ladder_id, s))
                .transpose()?;
            let national_id = match (
                r.national_id_cipher.clone(),
                r.national_id_masked.clone(),
                r.national_id_kind,
            ) {
                (Some(cipher), Some(masked), Some(kind)) => Some(StoredNationalId {
                    cipher,
                    masked,
                    kind,
                    lookup: r.national_id_lookup.clone(),
                }),
                _ => None,
            };
            let row = participants::insert(
                conn,
                ladder_id,
                &PersonalDetails {
                    given_name: r.given_name.clone(),
                    family_name: r.family_name.clone(),
                    birth_date: r.birth_date,
                    national_id,
                },
                start.date,
                staff.id,
            )?;
            let pid = ParticipantId(row.id);
            if let Some(agreement) = r.agreement_id {
                participants::link_agreement(conn, pid, agreement, start.date)?;
            }
            referrals::link_participant(conn, id, pid)?;
            start_on_ladder(conn, &staff, pid, start, today)?;
            if let Some(situation) = &situation {
                stige_store::outcomes::record(conn, pid, situation, staff.id)?;
            }
            participant = Some(pid);
        }
        referrals::set_status(conn, id, next, decline)?;
        let listed = referrals::get(conn, id)?.ok_or(ApiError::NotFound)?;
        partner_feed::referral(conn, &listed.referral, "referral.status_changed")?;
        // The audit events after the writes: on PostgreSQL appending holds the
        // audit log's lock until the commit (see `stige_store::audit_chain`).
        if let Some(pid) = participant {
            audit::record(
                conn,
                AuditEvent {
                    actor: staff.actor(),
                    action: AuditAction::ParticipantCreate,
                    participant: Some(pid),
                    ip: staff.ip.as_deref(),
                    detail: Some(format!("from referral={id}")),
                },
            )?;
            record_start(conn, &staff, pid, start)?;
            if situation_at_start.is_some() {
                audit::record(
                    conn,
                    AuditEvent {
                        actor: staff.actor(),
                        action: AuditAction::OutcomeRecord,
                        participant: Some(pid),
                        ip: staff.ip.as_deref(),
                        detail: Some("moment=start".into()),
                    },
                )?;
            }
        }
        audit_referral(
            conn,
            staff.actor(),
            staff.ip.as_deref(),
            AuditAction::referral_status(next),
            id,
            participant,
        )?;
        view(conn, listed, true)
    })
    .await?;
    Ok(HttpResponse::Ok().json(referral))
}
