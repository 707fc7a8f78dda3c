//! Request and response bodies for partners: cooperation agreements, API clients,
//! referrals, consents, the partner view of participants, the events feed, reports.

use crate::refs::StepRef;
use crate::types::LadderRef;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use stige_domain::consent::SharingCategory;
use stige_domain::partner::PartnerKind;
use stige_domain::proposal::{EndReason, ProposalKind, ProposalStatus};
use stige_domain::referral::{DeclineReason, ReferralChannel, ReferralStatus};
use stige_domain::small_cells::{Disclosure, ShownCount};
use stige_domain::{
    EnrolmentStatus, ExitOutcome, LadderId, NationalIdKind, ParticipantId, StepId, UserId,
};

#[cfg(feature = "openapi")]
use utoipa::{IntoParams, ToSchema};

// --- partners and agreements (staff) ---

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Partner {
    pub id: i64,
    pub name: String,
    pub kind: PartnerKind,
    /// Formatted: `923 609 016` (Norway) or `556012-5790` (Sweden).
    pub organisation_number: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PartnerInput {
    #[cfg_attr(feature = "openapi", schema(example = "Kristiansand kommune"))]
    pub name: Option<String>,
    pub kind: Option<PartnerKind>,
    /// Norwegian (9 digits, mod-11) or Swedish (10 digits, Luhn).
    #[cfg_attr(feature = "openapi", schema(example = "963 296 746"))]
    pub organisation_number: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PartnerRef {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Contact {
    pub name: String,
    /// Empty when not given.
    pub phone: String,
    /// Empty when not given.
    pub email: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ContactInput {
    pub name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Agreement {
    pub id: i64,
    pub partner: PartnerRef,
    pub ladder: LadderRef,
    pub valid_from: NaiveDate,
    /// Absent: until further notice.
    pub valid_to: Option<NaiveDate>,
    pub places: i64,
    /// Active and paused participants under the agreement.
    pub places_used: i64,
    /// Whether the agreement takes referrals today (it is within its period).
    pub takes_referrals: bool,
    /// What the partner may ever be told; each person's consent narrows it further.
    pub sharing_scope: Vec<SharingCategory>,
    /// The partner's contact person for the agreement.
    pub contact: Contact,
    /// The partner's follow-up service.
    pub follow_up_service: Contact,
    /// Also sent as the `ETag` header; send it back in `If-Match` to change the agreement.
    pub version: i64,
}

/// A new agreement, or new terms for one (`partner_id` and `ladder_id` are only
/// read on creation).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AgreementInput {
    pub partner_id: Option<i64>,
    pub ladder_id: Option<stige_domain::LadderId>,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    pub places: Option<i64>,
    pub sharing_scope: Option<Vec<SharingCategory>>,
    #[serde(default)]
    pub contact: ContactInput,
    #[serde(default)]
    pub follow_up_service: ContactInput,
}

/// An API client of an agreement. Its secret is never shown again after creation
/// or rotation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ApiClient {
    pub id: i64,
    pub agreement_id: i64,
    pub client_id: String,
    #[serde(with = "crate::utc")]
    pub created_at: NaiveDateTime,
    #[serde(with = "crate::utc::option", default)]
    pub rotated_at: Option<NaiveDateTime>,
    #[serde(with = "crate::utc::option", default)]
    pub revoked_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewApiClient {
    /// Letters, digits and dashes, 3 to 64; generated when absent.
    pub client_id: Option<String>,
}

/// Someone at a partner who signs in to the web app's partner view and
/// follows one agreement's people (not staff).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PartnerUser {
    pub id: UserId,
    pub agreement_id: i64,
    pub username: String,
    pub display_name: String,
    /// A deactivated partner user cannot sign in; their sessions ended.
    pub active: bool,
    #[serde(with = "crate::utc")]
    pub created_at: NaiveDateTime,
}

/// `POST /api/v1/agreements/{id}/users`: invite someone at the partner.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewPartnerUser {
    /// The name they sign in with: 3 to 50 characters, a-z, 0-9, `.`, `_` or `-`.
    pub username: Option<String>,
    /// Their name as colleagues know it, up to 100 characters.
    pub display_name: Option<String>,
}

/// An invited partner user and the one-time link with which they choose a
/// password (shown once; send it to them yourself).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PartnerUserInvitation {
    pub user: PartnerUser,
    pub link: String,
    #[serde(with = "crate::utc")]
    pub expires_at: NaiveDateTime,
}

/// `PUT /api/v1/agreements/{id}/users/{user}/active`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PartnerUserActive {
    pub active: Option<bool>,
}

/// A client with its secret: shown this once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ApiClientSecret {
    pub client: ApiClient,
    pub client_secret: String,
}

/// `POST /api/v1/auth/token` (OAuth 2.0 client credentials, RFC 6749 §4.4).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ClientToken {
    pub access_token: String,
    #[cfg_attr(feature = "openapi", schema(example = "Bearer"))]
    pub token_type: String,
    #[cfg_attr(feature = "openapi", schema(example = 900))]
    pub expires_in: i64,
    /// `agreement:<id>` and the granted operations.
    pub scope: String,
}

/// An OAuth 2.0 error answer (RFC 6749 §5.2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct OAuthError {
    #[cfg_attr(feature = "openapi", schema(example = "invalid_client"))]
    pub error: String,
    pub error_description: Option<String>,
}

/// The form of `POST /api/v1/auth/token`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ClientCredentialsForm {
    #[cfg_attr(feature = "openapi", schema(example = "client_credentials"))]
    pub grant_type: Option<String>,
    /// With `client_secret_post`; or send HTTP Basic (`client_secret_basic`).
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
    pub scope: Option<String>,
}

// --- referrals ---

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewReferral {
    #[cfg_attr(feature = "openapi", schema(example = "Kari"))]
    pub given_name: Option<String>,
    #[cfg_attr(feature = "openapi", schema(example = "Nordmann"))]
    pub family_name: Option<String>,
    /// Required unless `national_id` is given.
    pub birth_date: Option<NaiveDate>,
    /// Norwegian fødselsnummer or D-number, Swedish personnummer or samordningsnummer.
    pub national_id: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// Why the partner refers the person.
    pub reason: Option<String>,
    /// The partner's contact person for this referral.
    #[serde(default)]
    pub partner_contact: ContactInput,
    /// Whether the partner collected the person's consent to the referral.
    pub consent_collected: Option<bool>,
}

/// A partner's proposal for a person it follows (see `kind` for which fields
/// count).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewProposal {
    pub kind: Option<ProposalKind>,
    /// `extend`: the link's new last day (after today).
    pub until: Option<NaiveDate>,
    /// `change_participation`: from which day (default today).
    pub from: Option<NaiveDate>,
    /// `change_participation`: ISO weekdays, 1 = Monday.
    pub weekdays: Option<Vec<i64>>,
    /// `change_participation`: hours a week, 1 to 60.
    pub hours_per_week: Option<i64>,
    /// `pause`: the planned return (after today).
    pub planned_return: Option<NaiveDate>,
    /// `end`: why.
    pub end_reason: Option<EndReason>,
    /// Why (required to pause, and to end for another reason); at most 2000
    /// characters, never health details.
    pub text: Option<String>,
}

/// A change proposal and, once decided, the decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ChangeProposal {
    pub id: i64,
    pub agreement_id: i64,
    pub partner_name: String,
    pub participant_id: ParticipantId,
    pub given_name: String,
    pub family_name: String,
    pub kind: ProposalKind,
    pub until: Option<NaiveDate>,
    pub from: Option<NaiveDate>,
    #[serde(default)]
    pub weekdays: Vec<i64>,
    pub hours_per_week: Option<i64>,
    pub planned_return: Option<NaiveDate>,
    pub end_reason: Option<EndReason>,
    pub text: Option<String>,
    pub status: ProposalStatus,
    /// The staff's comment on their decision.
    pub comment: Option<String>,
    #[serde(with = "crate::utc")]
    pub created_at: NaiveDateTime,
    #[serde(default, with = "crate::utc::option")]
    pub decided_at: Option<NaiveDateTime>,
}

/// Staff's decision on a proposal: accepting carries the change out.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ProposalDecision {
    pub accept: Option<bool>,
    /// At most 2000 characters; both sides see it.
    pub comment: Option<String>,
    /// Accepting an end: the exit outcome, when not the one the reason suggests.
    pub outcome: Option<ExitOutcome>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ProposalQuery {
    pub status: Option<ProposalStatus>,
}

/// A participant's link to a cooperation agreement: from when to when it
/// follows the person, and whether it pays for the place (at most one at a
/// time) or follows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AgreementLink {
    pub id: i64,
    pub agreement_id: i64,
    pub partner: PartnerRef,
    pub valid_from: NaiveDate,
    /// The last day; absent: until further notice.
    pub valid_to: Option<NaiveDate>,
    /// This agreement pays for the place; the others follow the person.
    pub pays: bool,
    /// The link holds today.
    pub in_force: bool,
}

/// A new link of a participant to an agreement of their programme.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewAgreementLink {
    pub agreement_id: Option<i64>,
    /// Default today.
    pub valid_from: Option<NaiveDate>,
    /// The last day; absent: until further notice.
    pub valid_to: Option<NaiveDate>,
    /// Default false: the agreement follows the person without paying.
    pub pays: Option<bool>,
}

/// Ending a link: its last day.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AgreementLinkEnding {
    pub valid_to: Option<NaiveDate>,
}

/// A referral staff record (admin, coordinator): one that came by phone, letter,
/// e-mail or at a meeting on a partner's behalf (`agreement_id`), or a person's
/// own request (`self_referral`, to the programme `ladder_id`, with no partner
/// contact). The person's fields are those of a partner's referral.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct RecordedReferral {
    /// How it came in: `phone`, `letter`, `email`, `meeting` or `self_referral`.
    pub channel: Option<ReferralChannel>,
    /// The partner's agreement; not for a self-referral.
    pub agreement_id: Option<i64>,
    /// The programme; only for a self-referral (a partner's comes from its agreement).
    pub ladder_id: Option<LadderId>,
    /// The person's fields, as in a partner's referral.
    #[serde(flatten)]
    pub referral: NewReferral,
}

/// Someone a referral may be the same person as.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PossibleDuplicate {
    Participant { id: ParticipantId },
    Referral { id: i64 },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Referral {
    pub id: i64,
    /// `None` for a self-referral.
    pub agreement_id: Option<i64>,
    /// `None` for a self-referral.
    pub partner: Option<PartnerRef>,
    /// The programme the referral is to.
    pub ladder_id: LadderId,
    /// How it came in: `api` from the partner's system, `partner_view` from a
    /// partner user in the web app, or recorded by staff.
    pub channel: ReferralChannel,
    /// For staff only: who recorded it, when staff did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recorded_by: Option<String>,
    pub status: ReferralStatus,
    pub given_name: String,
    pub family_name: String,
    pub birth_date: Option<NaiveDate>,
    /// Only the birth-date part.
    pub national_id_masked: Option<String>,
    pub national_id_kind: Option<NationalIdKind>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub reason: String,
    /// Empty for a self-referral.
    pub partner_contact: Contact,
    pub consent_collected: bool,
    /// 1 = next in line; only while on the waiting list.
    pub waiting_list_position: Option<i64>,
    pub decline_reason: Option<DeclineReason>,
    pub decline_text: Option<String>,
    /// The participant the referral became, once accepted.
    pub participant_id: Option<ParticipantId>,
    #[serde(with = "crate::utc")]
    pub received_at: NaiveDateTime,
    #[serde(with = "crate::utc")]
    pub updated_at: NaiveDateTime,
    /// For staff only: people this may be a duplicate of. Never sent to partners.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub possible_duplicates: Vec<PossibleDuplicate>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ReferralQuery {
    pub status: Option<ReferralStatus>,
    /// Staff only: one agreement's referrals.
    pub agreement_id: Option<i64>,
    /// 1-based; default 1.
    pub page: Option<i64>,
    /// 1 to 200; default 50.
    pub per_page: Option<i64>,
}

/// A staff triage decision on a referral.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TriageAction {
    StartAssessment,
    /// Creates the participant, linked to the agreement.
    Accept,
    PutOnWaitingList,
    Decline,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct TriageRequest {
    pub action: Option<TriageAction>,
    /// Required to decline.
    pub decline_reason: Option<DeclineReason>,
    /// Required when the reason is `other`.
    pub decline_text: Option<String>,
    /// Accept only: start the new participant on this step of the agreement's
    /// ladder, active from `start_date` (otherwise they wait as "referred").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_step_id: Option<StepId>,
    /// Accept only: the new participant's mentor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mentor_id: Option<UserId>,
    /// Accept only: the day the participant starts; default today, not in the
    /// future, not before the referral was received.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<NaiveDate>,
    /// Accept only: the person's situation at the start (income source from
    /// the programme's country's list, occupation, education), recorded on
    /// the new participant. Field errors are named `situation_at_start.<field>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub situation_at_start: Option<crate::outcomes::SituationInput>,
}

// --- consents ---

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Consent {
    pub id: i64,
    pub partner: PartnerRef,
    pub category: SharingCategory,
    pub purpose: String,
    pub given_on: NaiveDate,
    pub given_recorded_by: String,
    pub revoked_on: Option<NaiveDate>,
    pub revoked_recorded_by: Option<String>,
}

/// Consent given by the participant to share categories with a partner.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewConsent {
    pub partner_id: Option<i64>,
    pub categories: Option<Vec<SharingCategory>>,
    #[cfg_attr(
        feature = "openapi",
        schema(example = "Follow-up under the cooperation agreement")
    )]
    pub purpose: Option<String>,
    /// Default: today.
    pub given_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ConsentRevocation {
    /// Default: today.
    pub revoked_on: Option<NaiveDate>,
}

// --- what partners read ---

/// A participant as a partner sees them: the categories outside the agreement's
/// scope or without the person's consent are absent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PartnerParticipant {
    pub id: ParticipantId,
    pub referral_id: Option<i64>,
    pub given_name: String,
    pub family_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enrolment_status: Option<EnrolmentStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_step: Option<StepRef>,
    /// Share of planned days attended over the last 28 days, 0 to 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attendance_rate: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goals_summary: Option<GoalsSummary>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<ExitOutcome>,
    /// The situation at the start, at the exit and at the checks after it, in
    /// the order of the moments (category `outcomes_after_exit`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcomes_after_exit: Option<Vec<PartnerSituation>>,
    /// How to reach the person (category `contact_details`); never the
    /// emergency contacts or the safety note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_details: Option<PartnerContactDetails>,
    /// The individual plan (category `plan`), without staff names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<crate::plan::ParticipantPlan>,
    /// The last four weeks of work, oldest first: hours, days and the median
    /// independence of each week, beside what the person's step expects
    /// (category `work_capacity`); without the step's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub work_capacity: Option<Vec<crate::work::CapacityWeek>>,
}

/// A participant's contact details as a partner reads them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PartnerContactDetails {
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
}

/// A situation as a partner reads it: no names, no free text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PartnerSituation {
    pub moment: stige_domain::situation::Moment,
    /// False when a check after the exit did not reach the person.
    pub reached: bool,
    pub income_source: Option<stige_domain::situation::IncomeSource>,
    pub occupation: Option<stige_domain::situation::Occupation>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct GoalsSummary {
    pub active: i64,
    pub reached: i64,
}

/// One change in a partner's feed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PartnerEvent {
    /// Pass as `after` to resume after this event.
    pub cursor: String,
    /// `referral.received`, `referral.status_changed`, `participant.status_changed`,
    /// `participant.moved`, `participant.exited`, `participant.early_warning`
    /// (absent without notice for `days` working days `since` a date: please
    /// get in touch with the programme), `proposal.decided` (`proposal_id`,
    /// `status`, `comment`).
    pub kind: String,
    pub referral_id: Option<i64>,
    pub participant_id: Option<ParticipantId>,
    #[serde(with = "crate::utc")]
    pub occurred_at: NaiveDateTime,
    /// What changed; only consented categories.
    pub data: serde_json::Value,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct EventsPage {
    /// Oldest first.
    pub events: Vec<PartnerEvent>,
    /// Pass as `after` next time (the same cursor when nothing new happened).
    pub next_cursor: String,
    /// More events are waiting: ask again at once.
    pub has_more: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct EventsQuery {
    /// The `next_cursor` of the last page; absent to start from the beginning.
    pub after: Option<String>,
    /// 1 to 500; default 100.
    pub limit: Option<i64>,
}

/// An agreement's report: exact for admins and coordinators; for viewers,
/// researchers and the partner under disclosure control (counts rounded to
/// base 5, 1 to 4 as `"<5"`). The partner gets only the sections its
/// agreement's scope holds, each counted over the people who consented to
/// share that category; the others are absent. A person counts for the
/// agreement's links to them (paying or following): starts, exits and the
/// first step up dated while a link held, a step only while one holds today;
/// places used count the paying link in force today.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AgreementReport {
    pub agreement_id: i64,
    pub disclosure: Disclosure,
    pub places: i64,
    /// Enrolment status: absent when the partner's scope lacks it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub places_used: Option<ShownCount>,
    /// Participants who became active. Enrolment status: absent when the
    /// partner's scope lacks it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starts: Option<ShownCount>,
    /// Every outcome, also those without exits. Outcome: absent when the
    /// partner's scope lacks it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exits_by_outcome: Option<Vec<OutcomeCount>>,
    /// Current step: absent when the partner's scope lacks it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub people_per_step: Option<Vec<StepCount>>,
    /// Median days from becoming active to the first step up (current step);
    /// under disclosure control absent with fewer than 5 people who moved up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub median_days_to_first_step_up: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct OutcomeCount {
    pub outcome: ExitOutcome,
    pub count: ShownCount,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct StepCount {
    pub step: StepRef,
    pub count: ShownCount,
}
