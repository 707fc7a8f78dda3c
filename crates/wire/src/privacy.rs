//! The participant's rights: the access log of their record (who has seen my
//! information) and, later in this module, the export of everything held.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use stige_domain::access_log::{AccessKind, PersonalDataCategory};
use stige_domain::{Role, UserId};

#[cfg(feature = "openapi")]
use utoipa::{IntoParams, ToSchema};

/// Who acted, as the person reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum AccessActorKind {
    /// A staff member of the programme.
    Staff,
    /// A partner (municipality, agency) through its API client under an agreement.
    Partner,
    /// An employer through the link of a placement.
    EmployerLink,
    /// Stige itself (demo data, scheduled work).
    System,
    /// Someone not signed in.
    Anonymous,
}

impl AccessActorKind {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// The actor of one access.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AccessActor {
    pub kind: AccessActorKind,
    /// The staff member (staff only).
    pub user_id: Option<UserId>,
    /// The staff member's name, the partner's (with the partner user's name
    /// beside it when one acted in the partner view) or the employer's.
    pub name: Option<String>,
    /// The staff member's role in the person's programme.
    pub role: Option<Role>,
    /// The cooperation agreement a partner acted under.
    pub agreement_id: Option<i64>,
}

/// One read, change or refused attempt on the person's information.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AccessLogEntry {
    #[serde(with = "crate::utc")]
    pub at: NaiveDateTime,
    pub actor: AccessActor,
    /// The audit action, a stable dotted name (`participant.read`, `goal.score`, ...).
    pub action: String,
    pub kind: AccessKind,
    /// The kinds of the person's information the access touched.
    pub categories: Vec<PersonalDataCategory>,
    /// The person was one of several in a list (the participant list, Today,
    /// the register), not opened alone.
    pub in_list: bool,
    /// Why, where the access records it (an erasure's reason).
    pub reason: Option<String>,
}

/// Filters and paging of `GET /api/v1/participants/{id}/access-log`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct AccessLogQuery {
    /// First day of the period (UTC), inclusive.
    pub from: Option<NaiveDate>,
    /// Last day of the period (UTC), inclusive.
    pub to: Option<NaiveDate>,
    /// Only accesses by this kind of actor.
    pub actor: Option<AccessActorKind>,
    /// Only accesses by this staff member.
    pub user_id: Option<UserId>,
    /// 1-based; default 1.
    pub page: Option<i64>,
    /// 1 to 200; default 50.
    pub per_page: Option<i64>,
}

/// One day's attendance mark.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AttendanceDay {
    pub date: NaiveDate,
    pub mark: stige_domain::attendance::AttendanceMark,
}

/// All Stige holds of a participant's attendance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ExportedAttendance {
    /// Every day with a mark, oldest first.
    pub days: Vec<AttendanceDay>,
    /// Rates, planned participation over time, and corrections.
    pub summary: crate::AttendanceSummary,
}

/// An event recorded for a partner's feed about the person. A partner
/// receives it only within its agreement's sharing scope and the person's
/// consent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ExportedPartnerEvent {
    pub agreement_id: i64,
    /// `referral.received`, `participant.moved`, ...
    pub kind: String,
    /// The information category the event carries, if any.
    pub category: Option<stige_domain::consent::SharingCategory>,
    #[serde(with = "crate::utc")]
    pub occurred_at: NaiveDateTime,
    pub data: serde_json::Value,
}

/// Everything Stige holds about one person (GDPR Art. 15 and 20), as one
/// document: identity with the national identity number in full, the ladder
/// history, goals, follow-ups (confidential ones too), attendance, consents,
/// research consent, referrals, placements with the employer's feedback,
/// events for partners, and the access log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ParticipantExport {
    #[serde(with = "crate::utc")]
    pub generated_at: NaiveDateTime,
    /// Identity, ladder, current step, moves with reasons, status history, mentors.
    pub participant: crate::ParticipantDetail,
    /// The national identity number in full, if one is recorded.
    pub national_id: Option<crate::RevealedNationalId>,
    pub goals: Vec<crate::Goal>,
    pub follow_ups: Vec<crate::FollowUp>,
    pub attendance: ExportedAttendance,
    /// Consents to partners, each with its history.
    pub consents: Vec<crate::Consent>,
    pub research_consent: crate::ResearchConsent,
    pub referrals: Vec<crate::Referral>,
    /// The cooperation agreements linked to the person over time.
    #[serde(default)]
    pub agreement_links: Vec<crate::AgreementLink>,
    pub placements: Vec<crate::Placement>,
    pub partner_events: Vec<ExportedPartnerEvent>,
    /// The situation at the start, at the exit and after it; gender.
    pub outcomes: crate::Outcomes,
    /// Contact details, emergency contacts, the safety note and every attempt
    /// to reach the person.
    pub contact: crate::ParticipantContact,
    /// The individual plan.
    pub plan: crate::ParticipantPlan,
    /// Enrolments in parallel activities, with attendance in them.
    #[serde(default)]
    pub activities: Vec<crate::ActivityEnrolment>,
    /// Every day in the work log (tasks by id, hours, independence, note),
    /// oldest first.
    #[serde(default)]
    pub work_days: Vec<crate::WorkDayEntry>,
    /// The tasks the work log names.
    #[serde(default)]
    pub work_tasks: Vec<crate::WorkTask>,
    /// Peer supports, both ways.
    #[serde(default)]
    pub peer_supports: Vec<crate::PeerSupport>,
    /// What corrections of the identity and of follow-ups replaced.
    pub rectifications: Rectifications,
    /// Every read and change, oldest first.
    pub access_log: Vec<AccessLogEntry>,
}

/// A field of a person's identity that a correction can replace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum IdentityField {
    GivenName,
    FamilyName,
    BirthDate,
    NationalId,
}

impl IdentityField {
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(value: &str) -> Option<Self> {
        value.parse().ok()
    }
}

/// What a change of the person's identity replaced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct IdentityCorrection {
    pub field: IdentityField,
    /// The value it had; none when the field was empty. A national identity
    /// number is masked here and in full in the export.
    pub old_value: Option<String>,
    pub corrected_by: String,
    #[serde(with = "crate::utc")]
    pub corrected_at: NaiveDateTime,
}

/// An earlier version of a follow-up, kept when it was corrected after the
/// day it was written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct FollowUpCorrection {
    pub follow_up_id: i64,
    /// The follow-up's content before the correction.
    pub earlier: serde_json::Value,
    pub replaced_by: String,
    #[serde(with = "crate::utc")]
    pub replaced_at: NaiveDateTime,
}

/// The rectification trail of a person's record, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Rectifications {
    pub identity: Vec<IdentityCorrection>,
    pub follow_ups: Vec<FollowUpCorrection>,
}

/// An erasure on the person's request (GDPR Art. 17).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ErasureRequest {
    /// Why, in a few words (kept in the access log): e.g. "The person asked
    /// to be forgotten (Art. 17)".
    pub reason: Option<String>,
}

/// What an erasure did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Erasure {
    pub participant_id: stige_domain::ParticipantId,
    /// Rows changed per table.
    pub rows: std::collections::BTreeMap<String, usize>,
}

/// A programme's retention and what the next anonymisation run would do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct LadderRetention {
    pub id: stige_domain::LadderId,
    pub name: String,
    /// The programme's purpose, as its description says.
    pub description: String,
    pub retention_years: u32,
    pub retention_basis: String,
    /// People the next run would anonymise (a dry run now).
    pub due_now: i64,
    /// Rows per table the next run would change.
    pub rows: std::collections::BTreeMap<String, usize>,
}

/// An erasure done on a person's request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ErasureDone {
    #[serde(with = "crate::utc")]
    pub at: NaiveDateTime,
    pub participant_id: stige_domain::ParticipantId,
    pub by: Option<String>,
    pub reason: Option<String>,
}

/// A recipient of personal data: a partner under a cooperation agreement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Recipient {
    pub partner: String,
    pub agreement_id: i64,
    pub ladder: String,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    /// What the agreement lets the partner receive, with the person's consent.
    pub sharing_scope: Vec<stige_domain::consent::SharingCategory>,
}

/// The organisation's privacy at a glance, and its record of processing
/// (GDPR Art. 30), generated from the data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PrivacyOverview {
    /// The controller.
    pub organisation: String,
    pub organisation_number: String,
    /// Each programme: purpose, retention, legal basis, and the next run.
    pub ladders: Vec<LadderRetention>,
    /// When the next daily anonymisation run may start, if one has run.
    #[serde(with = "crate::utc::option")]
    pub next_run: Option<NaiveDateTime>,
    /// People anonymised so far.
    pub anonymised: i64,
    /// Erasures on request, newest first.
    pub erasures: Vec<ErasureDone>,
    /// The kinds of personal data processed.
    pub categories: Vec<PersonalDataCategory>,
    /// Who receives personal data: the partners under agreements.
    pub recipients: Vec<Recipient>,
}
