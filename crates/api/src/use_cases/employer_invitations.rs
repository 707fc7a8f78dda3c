//! Inviting an employer by message: to confirm (or decline) a placement, or
//! near its end to report how it went. The link goes out sealed; staff see it
//! once.

use crate::auth::Staff;
use crate::error::ApiError;
use crate::mail::Delivery;
use crate::messages::{self, Invitation};
use crate::state::EmployerLinks;
use crate::use_cases::access::record;
use crate::use_cases::placement_actions::{claim, visible_placement};
use chrono::{NaiveDate, NaiveDateTime};
use stige_domain::placement::{
    InvitationPurpose, PlacementCommand, PlacementStatus, placement_transition,
};
use stige_domain::{AuditAction, Capability, ParticipantId, ValidationErrors};
use stige_secrets::cipher::DataCipher;
use stige_secrets::token::new_token;
use stige_store::DbConnection;
use stige_store::invitations::{self, NewMessage};
use stige_store::placements;
use stige_wire::{InvitationRequest, OutboxMessage};

/// How messages to employers go out: the link's address and lifetime, the
/// key that seals it, and who delivers.
#[derive(Debug, Clone)]
pub struct Outbound {
    pub links: EmployerLinks,
    pub cipher: DataCipher,
    pub delivery: Delivery,
}

/// What an invitation did: the message in the outbox and the link, this once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invited {
    pub message_id: i64,
    pub link: String,
    pub expires_at: NaiveDateTime,
}

/// The invitation's purpose from `body`, for `staff` (who must arrange
/// placements: 403 otherwise); 422 without one.
pub fn purpose(staff: &Staff, body: &InvitationRequest) -> Result<InvitationPurpose, ApiError> {
    staff.require_that(Capability::ArrangePlacements)?;
    body.purpose.ok_or_else(|| {
        let mut e = ValidationErrors::new();
        e.add("purpose", "is required");
        e.into()
    })
}

/// Invites the employer of placement `id` for `purpose`: a new link replaces
/// an open one; to confirm, the placement then awaits the employer (409 when
/// its status does not allow it); to report how it went, the placement must
/// be active (409 otherwise). The message goes to the outbox and the
/// invitation is audited.
pub fn invite(
    conn: &mut DbConnection,
    staff: &Staff,
    id: i64,
    purpose: InvitationPurpose,
    expected: Result<i64, ApiError>,
    outbound: &Outbound,
    today: NaiveDate,
) -> Result<Invited, ApiError> {
    let p = visible_placement(conn, staff, id)?;
    claim(conn, &p.placement, expected)?;
    let status = p
        .placement
        .stored_status()
        .on(p.placement.start_date, today);
    match purpose {
        InvitationPurpose::Confirm => {
            let next = placement_transition(status, p.placement.end_date, PlacementCommand::Invite)
                .map_err(|e| ApiError::Conflict(format!("{e}.")))?;
            if next != status {
                placements::set_status(conn, id, next, None, None)?;
                placements::record_change(
                    conn,
                    id,
                    Some(status),
                    next,
                    None,
                    None,
                    Some(staff.id),
                )?;
            }
        }
        InvitationPurpose::Completion => {
            if status != PlacementStatus::Active {
                return Err(ApiError::Conflict(format!(
                    "a placement that is {} has no completion to report.",
                    status.as_str()
                )));
            }
        }
    }
    invitations::retire_open(conn, id, purpose)?;
    let (token, hash) = new_token();
    let expires_at = stige_store::now() + chrono::Duration::days(outbound.links.ttl_days);
    invitations::insert(conn, id, purpose, &hash, expires_at, staff.id)?;
    let employer =
        placements::employer(conn, p.placement.employer_id)?.ok_or(ApiError::NotFound)?;
    let language = employer.language;
    let link = format!("{}/employer/{token}", outbound.links.public_url);
    // The stored message shows the link without its token; the mailer gets
    // the link sealed with the data key, and staff see it once, below.
    let (subject, text) = messages::invitation(&Invitation {
        purpose,
        language,
        contact_name: &p.contact.name,
        role: &p.placement.role,
        period: (p.placement.start_date, p.placement.end_date),
        link: &messages::without_tokens(&link),
        expires: expires_at.date(),
        staff_name: &staff.display_name,
    });
    let sealed_link = outbound.cipher.encrypt(&link)?;
    let recipient = if p.contact.email.is_empty() {
        p.contact.phone.clone()
    } else {
        p.contact.email.clone()
    };
    let message_id = invitations::enqueue(
        conn,
        &NewMessage {
            placement: Some(id),
            recipient: &recipient,
            subject: &subject,
            body: &text,
            language,
            state: outbound.delivery.initial_state(),
            sealed_link: Some(&sealed_link),
        },
    )?;
    record(
        conn,
        staff,
        AuditAction::PlacementInvite,
        Some(ParticipantId(p.placement.participant_id)),
        Some(format!("placement={id} purpose={}", purpose.as_str())),
    )?;
    Ok(Invited {
        message_id,
        link,
        expires_at,
    })
}

/// Most messages the outbox shows.
const OUTBOX_SHOWN: i64 = 200;

/// The outbox: every message Stige sent or keeps about placements of the
/// people `staff` reaches (those who arrange placements; 403 otherwise),
/// newest first, with its delivery state; a message whose invitation the
/// employer used is answered, whatever its delivery state was.
pub fn outbox(conn: &mut DbConnection, staff: &Staff) -> Result<Vec<OutboxMessage>, ApiError> {
    staff.require_that(Capability::ArrangePlacements)?;
    let rows = invitations::messages(conn, OUTBOX_SHOWN)?;
    let placements: Vec<i64> = rows.iter().filter_map(|m| m.placement_id).collect();
    // Only messages about placements of the people the staff member reaches.
    let of = placements::participants_of(conn, &placements)?;
    let people: Vec<i64> = of.iter().map(|(_, p)| *p).collect();
    let reached = stige_store::today::reached_among(conn, &staff.people(), &people)?;
    let answers = invitations::answers_of(conn, &placements)?;
    // A message carries the invitation made with it (the latest of its
    // placement made no later): once the employer used that link, the message
    // is answered, whatever its delivery state was.
    let answered = |placement: Option<i64>, at: NaiveDateTime| {
        answers
            .iter()
            .rfind(|(p, made, _)| Some(*p) == placement && *made <= at)
            .is_some_and(|(_, _, used)| used.is_some())
    };
    Ok(rows
        .into_iter()
        .filter(|m| {
            of.iter()
                .any(|(pl, p)| Some(*pl) == m.placement_id && reached.contains(p))
        })
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
        .collect())
}
