//! Request and response bodies of `/api/v1`.
//!
//! Request bodies use `Option` for fields a person must fill in, so a missing field
//! becomes a field-level validation error (422) rather than a parse error.

use crate::refs::StepRef;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use stige_domain::enrolment::EnrolmentAction;
use stige_domain::{
    DemandLevel, Direction, EnrolmentStatus, ExitOutcome, FieldError, LadderId, NationalIdKind,
    OrganisationId, ParticipantId, Role, StepId, UserId,
};

#[cfg(feature = "openapi")]
use utoipa::{IntoParams, ToSchema};

/// An RFC 9457 problem detail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Problem {
    /// A stable URI naming the kind of problem.
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// A stable code for the problem, so a program (and the web app, in the
    /// reader's language) need not read the English: a conflict's (409) or a
    /// used link's (410) detail has its own (`step-full`, `link-used`); every
    /// other problem's is its kind, the last part of `type` (`not-found`). The
    /// README lists them all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The values the detail names, by name, for the code's text.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub params: std::collections::BTreeMap<String, String>,
    /// One entry per invalid field, for validation problems.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// This occurrence: `urn:stige:request:<id>`, the request id that is also in
    /// the server's log lines and the request's audit event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,
}

/// `GET /api/v1/health` and `/ready`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Health {
    #[cfg_attr(feature = "openapi", schema(example = "ok"))]
    pub status: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct LoginRequest {
    #[cfg_attr(feature = "openapi", schema(example = "coordinator"))]
    pub username: String,
    #[cfg_attr(feature = "openapi", schema(example = "demo"))]
    pub password: String,
}

/// How staff may sign in here: with a password, through the organisation's
/// identity provider (OpenID Connect), or both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SignInOptions {
    /// Whether `POST /auth/login` takes a username and password.
    pub password: bool,
    /// The identity provider, when one is set up.
    pub single_sign_on: Option<SingleSignOn>,
    /// Partners' own identity providers, for their partner users.
    #[serde(default)]
    pub partner_providers: Vec<SingleSignOn>,
}

/// Sign-in through an identity provider: the browser goes to `start`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SingleSignOn {
    /// The provider's name for the button ("Sign in with …").
    #[cfg_attr(feature = "openapi", schema(example = "Kristiansand kommune"))]
    pub provider_name: String,
    /// Where the browser begins the sign-in.
    #[cfg_attr(feature = "openapi", schema(example = "/api/v1/auth/oidc/start"))]
    pub start: String,
}

/// The one-time code a finished single sign-on hands to the web app.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SignInHandoff {
    #[cfg_attr(feature = "openapi", schema(example = "pXh1b2Y0c2lnbi1pbi1jb2Rl"))]
    pub code: String,
}

/// Issued on login and refresh. The access token lives at most 15 minutes; the
/// refresh token is single-use and gets a new access token and refresh token.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct TokenResponse {
    pub access_token: String,
    #[cfg_attr(feature = "openapi", schema(example = "Bearer"))]
    pub token_type: String,
    /// Seconds until the access token expires.
    #[cfg_attr(feature = "openapi", schema(example = 900))]
    pub expires_in: i64,
    pub refresh_token: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct RefreshRequest {
    pub refresh_token: String,
}

/// The logged-in staff member.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Me {
    pub id: UserId,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    /// The organisation the staff member belongs to (none for a platform admin).
    #[serde(default)]
    pub organisation: Option<Organisation>,
    /// The programmes they work in, with the role held in each.
    #[serde(default)]
    pub programmes: Vec<ProgrammeRole>,
    /// For a partner user: the cooperation agreement they follow.
    #[serde(default)]
    pub followed_agreement: Option<FollowedAgreement>,
    /// Seconds this session may go unused before it ends (the web app warns
    /// a minute before); 0 from a server that does not say.
    #[serde(default)]
    pub session_idle_secs: i64,
    /// When this session ends whatever happens (its absolute end).
    #[serde(with = "crate::utc::option", default)]
    pub session_ends_at: Option<NaiveDateTime>,
}

/// The cooperation agreement a partner user follows, as the partner view
/// names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct FollowedAgreement {
    pub agreement_id: i64,
    pub partner_name: String,
    pub ladder_id: LadderId,
    pub programme_name: String,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    /// What the agreement shares (each person's consent narrows it further).
    pub sharing_scope: Vec<stige_domain::consent::SharingCategory>,
}

/// An organisation: a social enterprise running one or more programmes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Organisation {
    pub id: OrganisationId,
    pub name: String,
    pub organisation_number: String,
    /// `NO` or `SE`.
    pub country: String,
    /// `nb`, `sv` or `en`.
    pub default_language: String,
    /// The word the organisation uses for a participant.
    pub participant_word: String,
}

/// A new organisation and its first admin (platform admin).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "name": "Kirkens Bymisjon Arendal",
    "organisation_number": "971589485",
    "default_language": "nb",
    "participant_word": "deltaker",
    "admin": {"username": "arendal-admin", "display_name": "Anne Admin", "password": "a long passphrase"}
})))]
pub struct NewOrganisation {
    pub name: Option<String>,
    pub organisation_number: Option<String>,
    pub default_language: Option<String>,
    pub participant_word: Option<String>,
    pub admin: Option<NewUser>,
}

/// A staff user as listed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct User {
    pub id: UserId,
    pub username: String,
    pub display_name: String,
    /// The role in the organisation; an admin is admin in every programme.
    pub role: Role,
    pub active: bool,
    /// The programmes the user works in, with the role held in each.
    #[serde(default)]
    pub programmes: Vec<ProgrammeRole>,
    /// When the user last signed in (the start of their newest session).
    #[serde(with = "crate::utc::option", default)]
    pub last_sign_in_at: Option<NaiveDateTime>,
}

/// The role a staff member holds in one programme (ladder).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ProgrammeRole {
    pub ladder_id: LadderId,
    pub role: Role,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewUser {
    pub username: Option<String>,
    pub display_name: Option<String>,
    /// At least 10 characters.
    pub password: Option<String>,
    pub role: Option<Role>,
    /// The programmes the user works in and their role in each; without it,
    /// their role in every programme of the organisation.
    pub programmes: Option<Vec<ProgrammeRole>>,
}

/// Changes to a user; absent fields stay as they are.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct UserUpdate {
    pub display_name: Option<String>,
    pub role: Option<Role>,
    pub active: Option<bool>,
    pub password: Option<String>,
    /// Replaces the programmes the user works in and their role in each.
    pub programmes: Option<Vec<ProgrammeRole>>,
}

/// A ladder in lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct LadderSummary {
    pub id: LadderId,
    pub name: String,
    pub description: String,
    pub step_count: i64,
}

/// A ladder with its steps (lowest first) and parallel activities.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Ladder {
    pub id: LadderId,
    pub name: String,
    pub description: String,
    /// People the ladder aims to bring to work or education per year.
    pub annual_target: Option<u32>,
    /// People the ladder aims to see leave in a planned way per year (to work,
    /// education, another measure or treatment).
    pub throughput_target: Option<u32>,
    /// The staff on duty may mark everyone on the ladder in the register, not only
    /// the participants they mentor.
    pub whole_house_register: bool,
    /// Years after a person's exit their identity and free texts are kept;
    /// then they are anonymised (`stige retention`, the daily job).
    pub retention_years: u32,
    /// The legal basis of the retention period, as text.
    pub retention_basis: String,
    pub steps: Vec<Step>,
    pub activities: Vec<Activity>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Step {
    pub id: StepId,
    pub ladder_id: LadderId,
    pub name: String,
    pub description: String,
    pub demand_level: DemandLevel,
    /// Places; absent means no limit.
    pub capacity: Option<i64>,
    /// A guide, never a deadline.
    pub typical_duration_days: Option<i64>,
    /// 0 is the lowest rung.
    pub position: i32,
    /// Active and paused participants on the step now.
    pub occupied: i64,
    /// What the step expects of a person's work.
    #[serde(default)]
    pub work_demand: crate::work::StepWorkDemand,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Activity {
    pub id: stige_domain::ActivityId,
    pub ladder_id: LadderId,
    pub name: String,
    pub description: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewLadder {
    pub name: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// People the ladder aims to bring to work or education per year
    /// (1–100 000); reports compare exits to work or education with it.
    /// Absent: no target.
    #[serde(default)]
    pub annual_target: Option<i64>,
    /// People the ladder aims to see leave in a planned way per year (to work,
    /// education, another measure or treatment; 1–100 000); reports compare
    /// planned exits with it. Absent: no target.
    #[serde(default)]
    pub throughput_target: Option<i64>,
    /// Let the staff on duty mark the whole house in the register. Absent: unchanged
    /// (off for a new ladder).
    #[serde(default)]
    pub whole_house_register: Option<bool>,
    /// Years after exit before a person is anonymised (1–50). Absent:
    /// unchanged (5 for a new ladder).
    #[serde(default)]
    pub retention_years: Option<i64>,
    /// The legal basis of the retention period. Absent: unchanged.
    #[serde(default)]
    pub retention_basis: Option<String>,
}

/// A new step (added at the top of the ladder) or a step's new values.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct StepInput {
    pub name: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    pub demand_level: Option<DemandLevel>,
    pub capacity: Option<i64>,
    pub typical_duration_days: Option<i64>,
}

/// A new order of a ladder's steps, lowest first.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct StepOrder {
    pub step_ids: Vec<StepId>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewActivity {
    pub name: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
}

/// A page of a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Items matching the filters, on all pages.
    pub total: i64,
    /// 1-based.
    pub page: i64,
    pub per_page: i64,
}

/// Filters and paging of `GET /api/v1/participants`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ParticipantQuery {
    pub status: Option<EnrolmentStatus>,
    pub ladder_id: Option<LadderId>,
    pub step_id: Option<StepId>,
    pub mentor_id: Option<UserId>,
    /// Part of a given or family name, any case.
    pub q: Option<String>,
    /// 1-based; default 1.
    pub page: Option<i64>,
    /// 1 to 200; default 50.
    pub per_page: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct LadderRef {
    pub id: LadderId,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct MentorRef {
    pub id: UserId,
    pub display_name: String,
}

/// A participant in lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ParticipantSummary {
    pub id: ParticipantId,
    pub given_name: String,
    pub family_name: String,
    pub status: EnrolmentStatus,
    pub ladder: LadderRef,
    pub current_step: Option<StepRef>,
    pub mentors: Vec<MentorRef>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewParticipant {
    #[cfg_attr(feature = "openapi", schema(example = "Kari"))]
    pub given_name: Option<String>,
    #[cfg_attr(feature = "openapi", schema(example = "Nordmann"))]
    pub family_name: Option<String>,
    pub birth_date: Option<NaiveDate>,
    /// Norwegian fødselsnummer or D-number, Swedish personnummer or samordningsnummer.
    pub national_id: Option<String>,
    pub ladder_id: Option<LadderId>,
}

/// New personal details of a participant (replaces them; `If-Match` required).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ParticipantUpdate {
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    pub birth_date: Option<NaiveDate>,
    /// Absent: keep the stored number. Empty string: remove it. Otherwise the new number.
    pub national_id: Option<String>,
}

/// A participant with their ladder history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ParticipantDetail {
    pub id: ParticipantId,
    pub given_name: String,
    pub family_name: String,
    pub birth_date: Option<NaiveDate>,
    /// Only the birth-date part is shown, e.g. `150385*****`.
    pub national_id_masked: Option<String>,
    pub national_id_kind: Option<NationalIdKind>,
    pub status: EnrolmentStatus,
    pub status_since: NaiveDate,
    pub ladder: LadderRef,
    pub current_step: Option<StepRef>,
    /// Active days on the current step (pauses excluded).
    pub days_in_current_step: Option<i64>,
    /// Active days on each step, summed over all stays.
    pub days_per_step: Vec<StepDays>,
    /// Oldest first.
    pub moves: Vec<StepMove>,
    /// Oldest first.
    pub status_history: Vec<StatusChange>,
    pub mentors: Vec<MentorRef>,
    /// The partner's referral the participant came from, if any.
    #[serde(default)]
    pub referral: Option<ReferralOrigin>,
    /// Also sent as the `ETag` header; send it back in `If-Match` to update.
    pub version: i64,
    #[serde(with = "crate::utc")]
    pub created_at: NaiveDateTime,
}

/// Where a participant came from: the partner that referred them (none for a
/// self-referral), how, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ReferralOrigin {
    pub referral_id: i64,
    /// `None` for a self-referral.
    pub partner_id: Option<i64>,
    /// `None` for a self-referral.
    pub partner_name: Option<String>,
    pub channel: stige_domain::referral::ReferralChannel,
    pub reason: String,
    #[serde(with = "crate::utc")]
    pub received_at: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct StepDays {
    pub step: StepRef,
    pub days: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct StepMove {
    pub id: i64,
    pub from_step: Option<StepRef>,
    pub to_step: StepRef,
    pub direction: Direction,
    pub date: NaiveDate,
    pub reason: String,
    pub override_reason: Option<String>,
    pub recorded_by: String,
    #[serde(with = "crate::utc")]
    pub recorded_at: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct StatusChange {
    pub id: i64,
    pub from_status: Option<EnrolmentStatus>,
    pub to_status: EnrolmentStatus,
    pub date: NaiveDate,
    pub reason: Option<String>,
    pub planned_return: Option<NaiveDate>,
    pub outcome: Option<ExitOutcome>,
    pub outcome_text: Option<String>,
    pub recorded_by: String,
    #[serde(with = "crate::utc")]
    pub recorded_at: NaiveDateTime,
}

/// A status change: `action` and the fields it needs (pause: `reason`, optional
/// `planned_return`; exit: `outcome`, and `outcome_text` for "other"; reactivate: `reason`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct StatusChangeRequest {
    pub action: Option<EnrolmentAction>,
    /// Defaults to today.
    pub date: Option<NaiveDate>,
    pub reason: Option<String>,
    pub planned_return: Option<NaiveDate>,
    pub outcome: Option<ExitOutcome>,
    pub outcome_text: Option<String>,
}

/// A move to another step of the participant's ladder.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct MoveRequestBody {
    pub to_step_id: Option<StepId>,
    /// Defaults to today; never in the future.
    pub date: Option<NaiveDate>,
    pub reason: Option<String>,
    /// Required when the step is full.
    pub override_reason: Option<String>,
}

/// The participant's mentors (replaces the current set).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct MentorAssignment {
    pub mentor_ids: Vec<UserId>,
}

/// The full national identity number, on an explicit and audited request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct RevealedNationalId {
    pub national_id: String,
    pub kind: NationalIdKind,
}
