//! Request and response bodies for partners: cooperation agreements, API clients,
//! referrals, consents, the partner view of participants, the events feed, reports.

use crate::types::{LadderRef, StepRef};
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use stige_domain::consent::SharingCategory;
use stige_domain::partner::PartnerKind;
use stige_domain::referral::{DeclineReason, ReferralStatus};
use stige_domain::small_cells::{Disclosure, ShownCount};
use stige_domain::{EnrolmentStatus, ExitOutcome, NationalIdKind, ParticipantId, StepId, UserId};

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
    pub agreement_id: i64,
    pub partner: PartnerRef,
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
    /// `participant.moved`, `participant.exited`.
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
/// share that category; the others are absent.
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
