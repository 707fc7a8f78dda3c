//! Placements (staff): propose, invite the employer (a link by message), follow on
//! the board, extend, complete or end early; and the outbox of messages.

use super::participants::{read_event, record as record_participant, visible};
use crate::auth::Staff;
use crate::calendar::today;
use crate::conditional::{if_match, with_etag};
use crate::db::{read, write};
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use crate::use_cases::employer_invitations;
use crate::use_cases::placement_actions::{self, claim, visible_placement};
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};

use chrono::NaiveDate;

use stige_domain::AuditAction;
use stige_domain::Capability;
use stige_domain::OrganisationId;
use stige_domain::activity::{EnrolmentKind, EnrolmentPeriod};
use stige_domain::placement::{PlacementDraft, PlacementStatus};
use stige_domain::{ActivityId, ParticipantId, ValidationErrors};
use stige_store::activity_enrolments::{self, NewEnrolment};
use stige_store::invitations::{self};
use stige_store::placements::{self, ChangeRow, FeedbackRow, PlacementListed};
use stige_store::{DbConnection, ladders, participants};
use stige_wire::{
    ActivityRef, Contact, EmployerFeedback, InvitationRequest, InvitationSent, OutboxMessage,
    Placement, PlacementActionRequest, PlacementActivityRequest, PlacementBoard, PlacementChange,
    PlacementInput,
};

pub fn to_placement(
    p: PlacementListed,
    today: NaiveDate,
    feedback: Option<FeedbackRow>,
    history: Vec<ChangeRow>,
) -> Placement {
    let r = p.placement;
    let status = r.stored_status().on(r.start_date, today);
    Placement {
        id: r.id,
        participant_id: ParticipantId(r.participant_id),
        participant_name: format!("{} {}", p.given_name, p.family_name),
        employer_id: r.employer_id,
        employer_name: p.employer_name,
        contact: Contact {
            name: p.contact.name,
            phone: p.contact.phone,
            email: p.contact.email,
        },
        kind: r.kind,
        role: r.role,
        tasks: r.tasks,
        start_date: r.start_date,
        end_date: r.end_date,
        hours_per_week: i64::from(r.hours_per_week),
        status,
        supervisor: r.supervisor_name.map(|name| Contact {
            name,
            phone: r.supervisor_phone.unwrap_or_default(),
            email: r.supervisor_email.unwrap_or_default(),
        }),
        proposed_start_date: r.proposed_start_date,
        decline_reason: r.decline_reason,
        end_reason: r.end_reason,
        activity: p.activity.map(|(id, name)| ActivityRef {
            id: ActivityId(id),
            name,
        }),
        feedback: feedback.map(|f| EmployerFeedback {
            attendance: i64::from(f.attendance),
            punctuality: i64::from(f.punctuality),
            cooperation: i64::from(f.cooperation),
            quality: i64::from(f.quality),
            comment: f.comment,
            given_at: f.given_at,
        }),
        history: history
            .into_iter()
            .map(|c| PlacementChange {
                from_status: c.from_status.as_deref().and_then(PlacementStatus::parse),
                to_status: PlacementStatus::parse(&c.to_status)
                    .unwrap_or(PlacementStatus::Proposed),
                old_end_date: c.old_end_date,
                new_end_date: c.new_end_date,
                note: c.note,
                by_employer: c.by_employer,
                recorded_at: c.recorded_at,
            })
            .collect(),
        version: r.version,
    }
}

/// One placement with its feedback and history, or 404.
pub fn load(conn: &mut DbConnection, id: i64) -> Result<Placement, ApiError> {
    let p = placements::placement(conn, id)?.ok_or(ApiError::NotFound)?;
    let feedback = placements::feedback(conn, id)?;
    let history = placements::changes(conn, id)?;
    Ok(to_placement(p, today(), feedback, history))
}

/// The placement board: awaiting the employer, confirmed and not yet started
/// (those starting this week also on their own), running (those ending within 14
/// days also on their own), and proposals not yet sent.
#[utoipa::path(tag = "placements", security(("staff" = [])), responses(
    (status = 200, body = PlacementBoard),
    problem::Forbidden,
))]
#[get("/placements")]
pub async fn board(state: web::Data<AppState>, staff: Staff) -> Result<HttpResponse, ApiError> {
    staff.require_that(Capability::ArrangePlacements)?;
    let today = today();
    let reach = staff.people();
    let open = read(&state, move |conn| {
        let open = placements::open(conn)?;
        let ids: Vec<i64> = open.iter().map(|p| p.placement.participant_id).collect();
        let reached = stige_store::today::reached_among(conn, &reach, &ids)?;
        Ok(open
            .into_iter()
            .filter(|p| reached.contains(&p.placement.participant_id))
            .collect::<Vec<_>>())
    })
    .await?;
    let listed: Vec<ParticipantId> = open
        .iter()
        .map(|p| ParticipantId(p.placement.participant_id))
        .collect();
    let event =
        read_event(&staff, AuditAction::PlacementList, None, None).with_participants(&listed);
    state.store.record_read_async(event).await?;
    let mut board = PlacementBoard {
        awaiting_employer: vec![],
        starting_this_week: vec![],
        confirmed_starting_soon: vec![],
        active: vec![],
        ending_within_14_days: vec![],
        proposed: vec![],
    };
    // "Confirmed" and "active" hold every such placement, so none falls between
    // columns; "starting this week" and "ending within 14 days" are reminders
    // drawn from them.
    for p in open {
        let p = to_placement(p, today, None, vec![]);
        match p.status {
            PlacementStatus::Proposed => board.proposed.push(p),
            PlacementStatus::AwaitingEmployer => board.awaiting_employer.push(p),
            PlacementStatus::Confirmed => {
                if (p.start_date - today).num_days() < 7 {
                    board.starting_this_week.push(p.clone());
                }
                board.confirmed_starting_soon.push(p);
            }
            PlacementStatus::Active => {
                if (p.end_date - today).num_days() <= 14 {
                    board.ending_within_14_days.push(p.clone());
                }
                board.active.push(p);
            }
            _ => {}
        }
    }
    board.confirmed_starting_soon.sort_by_key(|p| p.start_date);
    Ok(HttpResponse::Ok().json(board))
}

/// Propose a placement for a participant with an employer.
#[utoipa::path(tag = "placements", security(("staff" = [])), request_body = PlacementInput, responses(
    (status = 201, body = Placement, headers(("ETag" = String, description = "The version, for If-Match"))),
    problem::Forbidden,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[post("/placements")]
pub async fn create(
    state: web::Data<AppState>,
    staff: Staff,
    body: web::Json<PlacementInput>,
) -> Result<HttpResponse, ApiError> {
    staff.require_that(Capability::ArrangePlacements)?;
    let body = body.into_inner();
    let placement = write(&state, move |conn| {
        let mut errors = match PlacementDraft::parse(
            body.kind,
            body.role.as_deref(),
            body.tasks.as_deref(),
            body.start_date,
            body.end_date,
            body.hours_per_week,
        ) {
            Ok(_) => ValidationErrors::new(),
            Err(e) => e,
        };
        let participant = match body.participant_id {
            None => {
                errors.add("participant_id", "is required");
                None
            }
            Some(p) => stige_store::participants::get(conn, staff.within(), p)?.map(|_| p),
        };
        if body.participant_id.is_some() && participant.is_none() {
            errors.add("participant_id", "is not a known participant");
        }
        let contacts = match body.employer_id {
            None => {
                errors.add("employer_id", "is required");
                None
            }
            Some(e) => match placements::employer(conn, e)?
                .filter(|e| Some(OrganisationId(e.organisation_id)) == staff.reach.organisation())
            {
                None => {
                    errors.add("employer_id", "is not a known employer");
                    None
                }
                Some(_) => Some(placements::contacts(conn, e)?),
            },
        };
        let contact = contacts.as_ref().and_then(|cs| match body.contact_id {
            None => cs.first().map(|c| c.id),
            Some(id) => cs.iter().find(|c| c.id == id).map(|c| c.id),
        });
        if contacts.is_some() && contact.is_none() {
            errors.add("contact_id", "is not a contact person of this employer");
        }
        let (Some(p), Some(employer), Some(contact), Ok(draft)) = (
            participant,
            body.employer_id,
            contact,
            PlacementDraft::parse(
                body.kind,
                body.role.as_deref(),
                body.tasks.as_deref(),
                body.start_date,
                body.end_date,
                body.hours_per_week,
            ),
        ) else {
            return Err(errors.into());
        };
        let id = placements::insert_placement(conn, p, employer, contact, &draft, staff.id)?;
        record_participant(
            conn,
            &staff,
            AuditAction::PlacementCreate,
            Some(p),
            Some(format!("placement={id}")),
        )?;
        load(conn, id)
    })
    .await?;
    Ok(with_etag(
        HttpResponse::Created(),
        placement.version,
        &placement,
    ))
}

/// One placement with its history and the employer's feedback.
#[utoipa::path(tag = "placements", security(("staff" = [])), responses(
    (status = 200, body = Placement, headers(("ETag" = String, description = "The version, for If-Match"))),
    problem::NotFound,
))]
#[get("/placements/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    staff.require_that(Capability::WorkWithParticipants)?;
    let id = path.into_inner();
    let placement = write(&state, move |conn| {
        let p = visible_placement(conn, &staff, id)?;
        record_participant(
            conn,
            &staff,
            AuditAction::PlacementRead,
            Some(ParticipantId(p.placement.participant_id)),
            Some(format!("placement={id}")),
        )?;
        load(conn, id)
    })
    .await?;
    Ok(with_etag(HttpResponse::Ok(), placement.version, &placement))
}

/// The participant's placements, newest first.
#[utoipa::path(tag = "placements", security(("staff" = [])), responses(
    (status = 200, body = Vec<Placement>),
    problem::NotFound,
))]
#[get("/participants/{id}/placements")]
pub async fn for_participant(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    staff.require_that(Capability::WorkWithParticipants)?;
    let id = ParticipantId(path.into_inner());
    let list = write(&state, move |conn| {
        visible(conn, &staff, id)?;
        record_participant(conn, &staff, AuditAction::PlacementList, Some(id), None)?;
        of_participant(conn, id)
    })
    .await?;
    Ok(HttpResponse::Ok().json(list))
}

/// The participant's placements with the employer's feedback and the changes.
pub fn of_participant(
    conn: &mut DbConnection,
    id: ParticipantId,
) -> Result<Vec<Placement>, ApiError> {
    let rows = placements::listed(conn, None, Some(id), None)?;
    let mut out = vec![];
    for p in rows {
        let pid = p.placement.id;
        let feedback = placements::feedback(conn, pid)?;
        out.push(to_placement(
            p,
            today(),
            feedback,
            placements::changes(conn, pid)?,
        ));
    }
    Ok(out)
}

/// Invite the employer's contact by message: to confirm (or decline) the placement,
/// or near the end to report how it went. A new link replaces an open one; each
/// link takes one decision and expires (14 days by default). The answer holds the
/// link, this once: the outbox shows the message with the link's token left out.
#[utoipa::path(tag = "placements", security(("staff" = [])), request_body = InvitationRequest,
    params(("If-Match" = String, Header, description = "The ETag from the last read")),
    responses(
    (status = 200, body = InvitationSent, headers(("ETag" = String, description = "The placement's new version"))),
    problem::PlacementChange,
))]
#[post("/placements/{id}/invite")]
pub async fn invite(
    state: web::Data<AppState>,
    staff: Staff,
    req: HttpRequest,
    path: web::Path<i64>,
    body: web::Json<InvitationRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let purpose = employer_invitations::purpose(&staff, &body.into_inner())?;
    let outbound = employer_invitations::Outbound {
        links: state.links.clone(),
        cipher: state.cipher.clone(),
        delivery: state.delivery,
    };
    let expected = if_match(&req);
    let today = today();
    let sent = write(&state, move |conn| {
        let invited =
            employer_invitations::invite(conn, &staff, id, purpose, expected, &outbound, today)?;
        Ok(InvitationSent {
            placement: load(conn, id)?,
            message_id: invited.message_id,
            link: invited.link,
            expires_at: invited.expires_at,
        })
    })
    .await?;
    Ok(with_etag(HttpResponse::Ok(), sent.placement.version, &sent))
}

/// Staff's own changes: complete, end early (with a reason) or extend (a later end
/// date; the history keeps the old one).
#[utoipa::path(tag = "placements", security(("staff" = [])), request_body = PlacementActionRequest,
    params(("If-Match" = String, Header, description = "The ETag from the last read")),
    responses(
    (status = 200, body = Placement, headers(("ETag" = String, description = "The new version"))),
    problem::PlacementChange,
))]
#[post("/placements/{id}/actions")]
pub async fn act(
    state: web::Data<AppState>,
    staff: Staff,
    req: HttpRequest,
    path: web::Path<i64>,
    body: web::Json<PlacementActionRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let action = placement_actions::PlacementActionCommand::parse(&staff, &body.into_inner())?;
    let expected = if_match(&req);
    let today = today();
    let placement = write(&state, move |conn| {
        placement_actions::act(conn, &staff, id, &action, expected, today)?;
        load(conn, id)
    })
    .await?;
    Ok(with_etag(HttpResponse::Ok(), placement.version, &placement))
}

/// Records a confirmed or active placement as one of the participant's ladder's
/// parallel activities, so the ladder stays true when the placement runs beside
/// the current step instead of moving the participant to the internship step.
/// A later choice replaces an earlier one.
#[utoipa::path(tag = "placements", security(("staff" = [])), request_body = PlacementActivityRequest,
    params(("If-Match" = String, Header, description = "The ETag from the last read")),
    responses(
    (status = 200, body = Placement, headers(("ETag" = String, description = "The new version"))),
    problem::PlacementChange,
))]
#[put("/placements/{id}/activity")]
pub async fn record_activity(
    state: web::Data<AppState>,
    staff: Staff,
    req: HttpRequest,
    path: web::Path<i64>,
    body: web::Json<PlacementActivityRequest>,
) -> Result<HttpResponse, ApiError> {
    staff.require_that(Capability::ArrangePlacements)?;
    let id = path.into_inner();
    let Some(activity_id) = body.activity_id else {
        let mut errors = ValidationErrors::new();
        errors.add("activity_id", "is required");
        return Err(errors.into());
    };
    let expected = if_match(&req);
    let placement = write(&state, move |conn| {
        let p = visible_placement(conn, &staff, id)?;
        let r = &p.placement;
        claim(conn, r, expected)?;
        let status = r.stored_status().on(r.start_date, today());
        if !matches!(status, PlacementStatus::Confirmed | PlacementStatus::Active) {
            return Err(ApiError::Conflict(format!(
                "Only a confirmed or active placement can be recorded as an activity; this one is {}.",
                status.as_str().replace('_', " ")
            )));
        }
        let ladder = participants::get(conn, staff.within(), ParticipantId(r.participant_id))?
            .ok_or(ApiError::NotFound)?
            .ladder_id;
        let activity = ladders::activity(conn, activity_id.0)?.filter(|a| a.ladder_id == ladder);
        let Some(activity) = activity else {
            let mut errors = ValidationErrors::new();
            errors.add("activity_id", "is not an activity of the participant's ladder");
            return Err(errors.into());
        };
        // A placement recorded as an activity is an enrolment of the kind
        // "placement" for the placement's period.
        let enrolment = NewEnrolment {
            participant: ParticipantId(r.participant_id),
            activity: activity.id,
            kind: EnrolmentKind::Placement,
            placement: Some(id),
            period: EnrolmentPeriod {
                starts_on: r.start_date,
                planned_end_on: Some(r.end_date),
            },
        };
        activity_enrolments::record_placement(conn, &enrolment, staff.id, stige_store::now())?;
        record_participant(
            conn,
            &staff,
            AuditAction::PlacementActivity,
            Some(ParticipantId(r.participant_id)),
            Some(format!("placement={id} activity={}", activity.id)),
        )?;
        load(conn, id)
    })
    .await?;
    Ok(with_etag(HttpResponse::Ok(), placement.version, &placement))
}

/// Every message Stige sent or keeps, newest first, with its delivery state. An
/// employer link shows as `…/employer/…`: its token is in no stored message.
#[utoipa::path(tag = "placements", security(("staff" = [])), responses(
    (status = 200, body = Vec<OutboxMessage>),
    problem::Forbidden,
))]
#[get("/outbox")]
pub async fn outbox(state: web::Data<AppState>, staff: Staff) -> Result<HttpResponse, ApiError> {
    staff.require_that(Capability::ArrangePlacements)?;
    let reach = staff.people();
    let (rows, answers) = read(&state, move |conn| {
        let rows = invitations::messages(conn, 200)?;
        let placements: Vec<i64> = rows.iter().filter_map(|m| m.placement_id).collect();
        // Only messages about placements of the people the staff member reaches.
        let of = placements::participants_of(conn, &placements)?;
        let people: Vec<i64> = of.iter().map(|(_, p)| *p).collect();
        let reached = stige_store::today::reached_among(conn, &reach, &people)?;
        let rows: Vec<_> = (rows.into_iter())
            .filter(|m| {
                of.iter()
                    .any(|(pl, p)| Some(*pl) == m.placement_id && reached.contains(p))
            })
            .collect();
        Ok((rows, invitations::answers_of(conn, &placements)?))
    })
    .await?;
    // A message carries the invitation made with it (the latest of its
    // placement made no later): once the employer used that link, the message
    // is answered, whatever its delivery state was.
    let answered = |placement: Option<i64>, at: chrono::NaiveDateTime| {
        answers
            .iter()
            .rfind(|(p, made, _)| Some(*p) == placement && *made <= at)
            .is_some_and(|(_, _, used)| used.is_some())
    };
    let list: Vec<OutboxMessage> = rows
        .into_iter()
        .map(|m| OutboxMessage {
            state: if answered(m.placement_id, m.created_at) {
                "answered".to_owned()
            } else {
                m.state.as_str().to_owned()
            },
            id: m.id,
            placement_id: m.placement_id,
            recipient: m.recipient,
            subject: m.subject,
            body: m.body,
            language: m.language,
            attempts: i64::from(m.attempts),
            last_error: m.last_error,
            next_attempt_at: m.next_attempt_at,
            created_at: m.created_at,
            sent_at: m.sent_at,
        })
        .collect();
    Ok(HttpResponse::Ok().json(list))
}
