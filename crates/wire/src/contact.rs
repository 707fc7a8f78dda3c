//! Contact and safety: how to reach a participant, whom to call when they
//! cannot be reached, what to know first, and the attempts to reach them.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use stige_domain::contact::{EmergencyContact, ReachOutcome};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// A participant's contact details and safety note, as the staff who follow
/// them see them, with the latest attempts to reach them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ParticipantContact {
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub emergency_contacts: Vec<EmergencyContact>,
    /// What to know before contacting the person ("call the sister first").
    pub safety_note: Option<String>,
    /// Who last changed the details; absent when none are recorded.
    pub updated_by: Option<String>,
    #[serde(default, with = "crate::utc::option")]
    pub updated_at: Option<NaiveDateTime>,
    /// The latest attempts to reach the person, newest first (at most 20).
    pub reach_attempts: Vec<ReachAttempt>,
}

/// Contact details as sent; blank or absent fields are removed. Replaces
/// what was recorded.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ParticipantContactInput {
    #[cfg_attr(feature = "openapi", schema(example = "+47 412 34 567"))]
    pub phone: Option<String>,
    #[cfg_attr(feature = "openapi", schema(example = "ola@example.no"))]
    pub email: Option<String>,
    #[cfg_attr(feature = "openapi", schema(example = "Storgata 1, 4611 Kristiansand"))]
    pub address: Option<String>,
    /// At most five.
    #[serde(default)]
    pub emergency_contacts: Vec<EmergencyContact>,
    /// At most 500 characters.
    #[cfg_attr(feature = "openapi", schema(example = "Call the sister first."))]
    pub safety_note: Option<String>,
}

/// One attempt to reach the person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ReachAttempt {
    pub outcome: ReachOutcome,
    /// When it was tried.
    #[serde(with = "crate::utc")]
    pub at: NaiveDateTime,
    /// Who tried.
    pub recorded_by: String,
}

/// Records an attempt to reach the person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ReachAttemptInput {
    pub outcome: ReachOutcome,
    /// When it was tried (UTC); absent: now. Not in the future, nor more than
    /// seven days ago.
    #[serde(default, with = "crate::utc::option")]
    pub at: Option<NaiveDateTime>,
}
