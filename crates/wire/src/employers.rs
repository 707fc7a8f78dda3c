//! Request and response bodies for employers and placements: staff manage them;
//! employers answer invitations through a link, without an account.

use crate::partners::{Contact, ContactInput};
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use stige_domain::placement::{Language, PlacementKind, PlacementStatus};
use stige_domain::{ActivityId, ParticipantId};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct EmployerContact {
    pub id: i64,
    pub name: String,
    pub phone: String,
    pub email: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Employer {
    pub id: i64,
    pub name: String,
    /// Formatted: `923 609 016` (Norway) or `556012-5790` (Sweden).
    pub organisation_number: String,
    pub address: String,
    pub association_member: bool,
    pub language: Language,
    pub contacts: Vec<EmployerContact>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct EmployerInput {
    #[cfg_attr(feature = "openapi", schema(example = "Kalmar Verkstad AB"))]
    pub name: Option<String>,
    pub organisation_number: Option<String>,
    pub address: Option<String>,
    /// At least one; the first is the default contact for placements.
    #[serde(default)]
    pub contacts: Vec<ContactInput>,
    pub association_member: Option<bool>,
    /// The language of the employer's messages and page.
    pub language: Option<Language>,
}

/// An employer with its placement history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct EmployerDetail {
    pub employer: Employer,
    pub placements: Vec<Placement>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PlacementChange {
    pub from_status: Option<PlacementStatus>,
    pub to_status: PlacementStatus,
    pub old_end_date: Option<NaiveDate>,
    pub new_end_date: Option<NaiveDate>,
    pub note: Option<String>,
    /// Recorded by the employer through its link (not by staff).
    pub by_employer: bool,
    #[serde(with = "crate::utc")]
    pub recorded_at: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct EmployerFeedback {
    pub attendance: i64,
    pub punctuality: i64,
    pub cooperation: i64,
    pub quality: i64,
    pub comment: String,
    #[serde(with = "crate::utc")]
    pub given_at: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Placement {
    pub id: i64,
    pub participant_id: ParticipantId,
    pub participant_name: String,
    pub employer_id: i64,
    pub employer_name: String,
    /// The employer's contact person who gets the invitations.
    pub contact: Contact,
    pub kind: PlacementKind,
    pub role: String,
    pub tasks: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub hours_per_week: i64,
    /// Confirmed placements read `active` from their start date.
    pub status: PlacementStatus,
    pub supervisor: Option<Contact>,
    /// A start date the employer proposed when confirming.
    pub proposed_start_date: Option<NaiveDate>,
    pub decline_reason: Option<String>,
    pub end_reason: Option<String>,
    pub feedback: Option<EmployerFeedback>,
    /// The ladder's parallel activity staff recorded the placement as, if any.
    pub activity: Option<ActivityRef>,
    /// Oldest first.
    pub history: Vec<PlacementChange>,
    /// Also sent as the `ETag` header; send it back in `If-Match` to change the placement.
    pub version: i64,
}

/// One of the ladder's parallel activities, by id and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ActivityRef {
    pub id: ActivityId,
    pub name: String,
}

/// Records a confirmed or active placement as one of the participant's ladder's
/// parallel activities.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PlacementActivityRequest {
    /// An activity of the participant's ladder.
    pub activity_id: Option<ActivityId>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PlacementInput {
    pub participant_id: Option<ParticipantId>,
    pub employer_id: Option<i64>,
    /// The employer's contact person; default the first.
    pub contact_id: Option<i64>,
    pub kind: Option<PlacementKind>,
    pub role: Option<String>,
    pub tasks: Option<String>,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub hours_per_week: Option<i64>,
}

/// What staff do with a placement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PlacementAction {
    Complete,
    EndEarly,
    Extend,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PlacementActionRequest {
    pub action: Option<PlacementAction>,
    /// Required to end early.
    pub reason: Option<String>,
    /// Required to extend: after the current end date.
    pub new_end_date: Option<NaiveDate>,
}

/// Which invitation to send (its type is the domain's).
pub use stige_domain::placement::InvitationPurpose;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct InvitationRequest {
    pub purpose: Option<InvitationPurpose>,
}

/// An invitation sent: the message is in the outbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct InvitationSent {
    pub placement: Placement,
    pub message_id: i64,
    /// The employer's link, given only in this answer (to copy when no mail
    /// server sends the message): the outbox shows it without its token.
    pub link: String,
    #[serde(with = "crate::utc")]
    pub expires_at: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct OutboxMessage {
    pub id: i64,
    pub placement_id: Option<i64>,
    pub recipient: String,
    pub subject: String,
    /// The text, with an employer link shown as `…/employer/…` (the mailer puts
    /// the link in when it sends).
    pub body: String,
    pub language: Language,
    /// `pending`, `sent`, `failed` (retried with backoff) or `kept` (no mail server
    /// configured: copy it from here, with the link from the invitation), or
    /// `answered` once the employer used the link the message carries.
    pub state: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    #[serde(with = "crate::utc")]
    pub next_attempt_at: NaiveDateTime,
    #[serde(with = "crate::utc")]
    pub created_at: NaiveDateTime,
    #[serde(with = "crate::utc::option", default)]
    pub sent_at: Option<NaiveDateTime>,
}

/// The board: placements by what needs doing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PlacementBoard {
    pub awaiting_employer: Vec<Placement>,
    /// Confirmed placements starting within 7 days (also in
    /// `confirmed_starting_soon`).
    pub starting_this_week: Vec<Placement>,
    /// Every confirmed placement that has not started yet, soonest first.
    #[serde(default)]
    pub confirmed_starting_soon: Vec<Placement>,
    /// Every running placement (those ending within 14 days too).
    pub active: Vec<Placement>,
    /// Running placements ending within 14 days (also in `active`).
    pub ending_within_14_days: Vec<Placement>,
    pub proposed: Vec<Placement>,
}

// --- the employer's side (no account; the token is in the path) ---

/// Everything an employer sees: the programme's contact, the participant's name,
/// the role, period and hours. Nothing else about the participant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct EmployerView {
    pub purpose: InvitationPurpose,
    pub language: Language,
    pub employer_name: String,
    pub participant_name: String,
    pub kind: PlacementKind,
    pub role: String,
    pub tasks: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub hours_per_week: i64,
    pub programme_contact: Contact,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct EmployerConfirmation {
    #[serde(default)]
    pub supervisor: ContactInput,
    /// A different start date the employer proposes.
    pub proposed_start_date: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct EmployerDecline {
    pub reason: Option<String>,
}

/// How the placement ended, from the employer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CompletionOutcome {
    Completed,
    EndedEarly,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct EmployerCompletion {
    pub outcome: Option<CompletionOutcome>,
    /// Required when ended early.
    pub reason: Option<String>,
    /// 1 (poor) to 4 (very good).
    pub attendance: Option<i64>,
    pub punctuality: Option<i64>,
    pub cooperation: Option<i64>,
    pub quality: Option<i64>,
    pub comment: Option<String>,
}

/// The answer to an employer's decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct EmployerReceipt {
    pub status: PlacementStatus,
    pub programme_contact: Contact,
}
