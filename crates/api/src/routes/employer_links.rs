//! The employer's side, without an account: the token in the link is the key to one
//! placement and one purpose. Answers hold only what the employer needs; a used or
//! expired link answers 410, an unknown one 404, and failed look-ups are rate
//! limited per address.

use crate::auth::principal::peer_ip;
use crate::calendar::today;
use crate::db::write;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use stige_domain::AuditAction;
use stige_domain::partner::ContactDraft;
use stige_domain::person::required_text;
use stige_domain::placement::{
    Feedback, Language, PlacementCommand, PlacementStatus, placement_transition,
};
use stige_domain::{ParticipantId, UserId, ValidationErrors};
use stige_secrets::token::token_hash;
use stige_store::audit::{self, Actor, AuditEvent};
use stige_store::invitations::{self, InvitationRow};
use stige_store::placements::{self, PlacementListed};
use stige_store::{DbConnection, users};
use stige_wire::{
    CompletionOutcome, Contact, EmployerCompletion, EmployerConfirmation, EmployerDecline,
    EmployerReceipt, EmployerView, InvitationPurpose,
};

/// The programme's contact: the staff member who sent the invitation.
fn programme_contact(conn: &mut DbConnection, by: i64) -> Result<Contact, ApiError> {
    let name = users::by_id(conn, UserId(by))?
        .map(|u| u.display_name)
        .unwrap_or_default();
    Ok(Contact {
        name,
        phone: String::new(),
        email: String::new(),
    })
}

/// The invitation and its placement, if the token is good for `purpose`.
fn open_invitation(
    conn: &mut DbConnection,
    token: &str,
    ip: &str,
    purpose: Option<InvitationPurpose>,
) -> Result<(InvitationRow, PlacementListed), ApiError> {
    if let Some(wait) = crate::sign_in::link_wait(conn, ip)? {
        return Err(ApiError::TooManyRequests(wait));
    }
    let found = invitations::by_hash(conn, &token_hash(token))?;
    let Some(invitation) = found else {
        return Err(ApiError::NotFound);
    };
    if invitation.used_at.is_some() {
        return Err(ApiError::Gone(
            "This link has already been used. Contact the programme if something needs changing."
                .into(),
        ));
    }
    if invitation.expires_at <= stige_store::now() {
        return Err(ApiError::Gone(
            "This link has expired. Ask the programme for a new one.".into(),
        ));
    }
    if purpose.is_some_and(|p| p != invitation.purpose) {
        return Err(ApiError::NotFound);
    }
    let placement =
        placements::placement(conn, invitation.placement_id)?.ok_or(ApiError::NotFound)?;
    Ok((invitation, placement))
}

/// Counts an unknown token against the caller's address (in its own transaction, as
/// the request's own is rolled back), then passes the answer on.
async fn counted<T>(
    state: &web::Data<AppState>,
    ip: String,
    result: Result<T, ApiError>,
) -> Result<T, ApiError> {
    if matches!(result, Err(ApiError::NotFound)) {
        write(state, move |conn| crate::sign_in::link_failed(conn, &ip)).await?;
    }
    result
}

fn view(
    conn: &mut DbConnection,
    i: &InvitationRow,
    p: &PlacementListed,
) -> Result<EmployerView, ApiError> {
    let language = placements::employer(conn, p.placement.employer_id)?
        .map(|e| e.language)
        .unwrap_or(Language::En);
    Ok(EmployerView {
        purpose: i.purpose,
        language,
        employer_name: p.employer_name.clone(),
        participant_name: format!("{} {}", p.given_name, p.family_name),
        kind: p.placement.kind,
        role: p.placement.role.clone(),
        tasks: p.placement.tasks.clone(),
        start_date: p.placement.start_date,
        end_date: p.placement.end_date,
        hours_per_week: i64::from(p.placement.hours_per_week),
        programme_contact: programme_contact(conn, i.created_by)?,
    })
}

fn audit_employer(
    conn: &mut DbConnection,
    action: AuditAction,
    p: &PlacementListed,
    ip: &str,
) -> Result<(), ApiError> {
    audit::record(
        conn,
        AuditEvent {
            actor: Actor::Anonymous,
            action,
            participant: Some(ParticipantId(p.placement.participant_id)),
            ip: Some(ip),
            detail: Some(format!("placement={} via employer link", p.placement.id)),
        },
    )?;
    Ok(())
}

/// What the link is about: the placement's terms and the programme's contact.
#[utoipa::path(tag = "employer", responses(
    (status = 200, body = EmployerView),
    problem::NotFound,
    problem::Gone,
    problem::TooManyRequests,
))]
#[get("/employer/{token}")]
pub async fn show(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let token = path.into_inner();
    let ip = peer_ip(&req).unwrap_or_else(|| "unknown".into());
    let ip2 = ip.clone();
    let view = write(&state, move |conn| {
        let (i, p) = open_invitation(conn, &token, &ip2, None)?;
        audit_employer(conn, AuditAction::PlacementEmployerView, &p, &ip2)?;
        view(conn, &i, &p)
    })
    .await;
    Ok(HttpResponse::Ok().json(counted(&state, ip, view).await?))
}

/// The placement's status now and after `command`; uses the link up (once only).
fn decide(
    conn: &mut DbConnection,
    i: &InvitationRow,
    p: &PlacementListed,
    command: PlacementCommand,
) -> Result<(PlacementStatus, PlacementStatus), ApiError> {
    let r = &p.placement;
    let status = r.stored_status().on(r.start_date, today());
    let next = placement_transition(status, r.end_date, command)
        .map_err(|e| ApiError::Conflict(format!("{e}.")))?;
    if !invitations::use_once(conn, i.id)? {
        return Err(ApiError::Gone("This link has already been used.".into()));
    }
    // A change by staff committed since the placement was read: nothing is
    // written (the link stays unused), and the employer can try again.
    if !placements::claim(conn, r.id, r.version)? {
        return Err(ApiError::Conflict(
            "The placement was changed by the programme at the same moment. Open the link again and try again.".into(),
        ));
    }
    Ok((status, next))
}

fn receipt(
    conn: &mut DbConnection,
    i: &InvitationRow,
    status: PlacementStatus,
) -> Result<EmployerReceipt, ApiError> {
    Ok(EmployerReceipt {
        status,
        programme_contact: programme_contact(conn, i.created_by)?,
    })
}

/// Confirm the placement, naming the supervisor; optionally propose another start.
#[utoipa::path(tag = "employer", request_body = EmployerConfirmation, responses(
    (status = 200, body = EmployerReceipt),
    problem::NotFound,
    problem::Conflict,
    problem::Gone,
    problem::ValidationFailed,
    problem::TooManyRequests,
))]
#[post("/employer/{token}/confirm")]
pub async fn confirm(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<String>,
    body: web::Json<EmployerConfirmation>,
) -> Result<HttpResponse, ApiError> {
    let token = path.into_inner();
    let ip = peer_ip(&req).unwrap_or_else(|| "unknown".into());
    let body = body.into_inner();
    let ip2 = ip.clone();
    let result = write(&state, move |conn| {
        let ip = ip2;
        let (i, p) = open_invitation(conn, &token, &ip, Some(InvitationPurpose::Confirm))?;
        let mut errors = ValidationErrors::new();
        let s = &body.supervisor;
        let supervisor = ContactDraft::parse(
            "supervisor",
            s.name.as_deref(),
            s.phone.as_deref(),
            s.email.as_deref(),
            &mut errors,
        );
        if body.proposed_start_date.is_some_and(|d| d < today()) {
            errors.add("proposed_start_date", "cannot be in the past");
        }
        let supervisor = match supervisor {
            Some(s) if errors.is_empty() => s,
            _ => return Err(errors.into()),
        };
        let r = &p.placement;
        let (status, next) = decide(conn, &i, &p, PlacementCommand::Confirm)?;
        placements::set_supervisor(
            conn,
            r.id,
            (&supervisor.name, &supervisor.phone, &supervisor.email),
            body.proposed_start_date,
        )?;
        placements::set_status(conn, r.id, next, None, None)?;
        let note = body
            .proposed_start_date
            .map(|d| format!("proposed start {d}"));
        placements::record_change(conn, r.id, Some(status), next, None, note.as_deref(), None)?;
        audit_employer(conn, AuditAction::PlacementEmployerConfirm, &p, &ip)?;
        receipt(conn, &i, next.on(r.start_date, today()))
    })
    .await;
    Ok(HttpResponse::Ok().json(counted(&state, ip, result).await?))
}

/// Decline the placement, with a reason.
#[utoipa::path(tag = "employer", request_body = EmployerDecline, responses(
    (status = 200, body = EmployerReceipt),
    problem::NotFound,
    problem::Conflict,
    problem::Gone,
    problem::ValidationFailed,
    problem::TooManyRequests,
))]
#[post("/employer/{token}/decline")]
pub async fn decline(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<String>,
    body: web::Json<EmployerDecline>,
) -> Result<HttpResponse, ApiError> {
    let token = path.into_inner();
    let ip = peer_ip(&req).unwrap_or_else(|| "unknown".into());
    let reason = body.into_inner().reason;
    let ip2 = ip.clone();
    let result = write(&state, move |conn| {
        let ip = ip2;
        let (i, p) = open_invitation(conn, &token, &ip, Some(InvitationPurpose::Confirm))?;
        let mut errors = ValidationErrors::new();
        let reason = errors.collect(
            "reason",
            required_text(reason.as_deref().unwrap_or(""), 1000),
        );
        let Some(reason) = reason else {
            return Err(errors.into());
        };
        let r = &p.placement;
        let (status, next) = decide(conn, &i, &p, PlacementCommand::Decline)?;
        placements::set_status(conn, r.id, next, Some(&reason), None)?;
        placements::record_change(conn, r.id, Some(status), next, None, Some(&reason), None)?;
        audit_employer(conn, AuditAction::PlacementEmployerDecline, &p, &ip)?;
        receipt(conn, &i, next)
    })
    .await;
    Ok(HttpResponse::Ok().json(counted(&state, ip, result).await?))
}

/// Report how the placement ended: completed or ended early (with a reason), and
/// short feedback: attendance, punctuality, cooperation and quality of work, 1–4.
#[utoipa::path(tag = "employer", request_body = EmployerCompletion, responses(
    (status = 200, body = EmployerReceipt),
    problem::NotFound,
    problem::Conflict,
    problem::Gone,
    problem::ValidationFailed,
    problem::TooManyRequests,
))]
#[post("/employer/{token}/complete")]
pub async fn complete(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<String>,
    body: web::Json<EmployerCompletion>,
) -> Result<HttpResponse, ApiError> {
    let token = path.into_inner();
    let ip = peer_ip(&req).unwrap_or_else(|| "unknown".into());
    let body = body.into_inner();
    let ip2 = ip.clone();
    let result = write(&state, move |conn| {
        let ip = ip2;
        let (i, p) = open_invitation(conn, &token, &ip, Some(InvitationPurpose::Completion))?;
        let feedback = Feedback::parse(
            [
                ("attendance", body.attendance),
                ("punctuality", body.punctuality),
                ("cooperation", body.cooperation),
                ("quality", body.quality),
            ],
            body.comment.as_deref(),
        );
        let mut errors = feedback.clone().err().unwrap_or_default();
        let command = match body.outcome {
            None => {
                errors.add("outcome", "is required");
                None
            }
            Some(CompletionOutcome::Completed) => Some(PlacementCommand::Complete),
            Some(CompletionOutcome::EndedEarly) => {
                errors.collect(
                    "reason",
                    required_text(body.reason.as_deref().unwrap_or(""), 1000),
                );
                Some(PlacementCommand::EndEarly)
            }
        };
        let (Some(command), Ok(feedback)) = (command, feedback) else {
            return Err(errors.into());
        };
        if !errors.is_empty() {
            return Err(errors.into());
        }
        let r = &p.placement;
        let (status, next) = decide(conn, &i, &p, command)?;
        let reason = body
            .reason
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty());
        let end_reason = (command == PlacementCommand::EndEarly)
            .then_some(reason)
            .flatten();
        placements::set_status(conn, r.id, next, None, end_reason)?;
        placements::record_change(conn, r.id, Some(status), next, None, end_reason, None)?;
        placements::insert_feedback(conn, r.id, &feedback)?;
        audit_employer(conn, AuditAction::PlacementEmployerComplete, &p, &ip)?;
        receipt(conn, &i, next)
    })
    .await;
    Ok(HttpResponse::Ok().json(counted(&state, ip, result).await?))
}
