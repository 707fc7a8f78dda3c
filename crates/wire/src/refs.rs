//! How an answer names a person or a step it refers to.

use serde::{Deserialize, Serialize};
use stige_domain::{ParticipantId, StepId};
#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// A participant, by id and name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PersonRef {
    pub id: ParticipantId,
    pub given_name: String,
    pub family_name: String,
}

/// A step of a ladder, by id and name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct StepRef {
    pub id: StepId,
    pub name: String,
}
