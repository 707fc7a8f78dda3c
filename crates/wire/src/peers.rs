//! Peers (issue 26): a participant named peer support for a newcomer.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use stige_domain::ParticipantId;

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// One side of a peer support.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PeerPerson {
    pub participant_id: ParticipantId,
    pub given_name: String,
    pub family_name: String,
}

/// A peer support: who supports whom, from when until when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PeerSupport {
    pub id: i64,
    pub peer: PeerPerson,
    pub newcomer: PeerPerson,
    pub starts_on: NaiveDate,
    /// Absent while it runs.
    pub ends_on: Option<NaiveDate>,
    /// Whether it runs today.
    pub running: bool,
    #[serde(with = "crate::utc")]
    pub updated_at: NaiveDateTime,
}

/// A person's peer supports, both ways.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Peers {
    pub participant_id: ParticipantId,
    /// The peers the person has had as a newcomer, newest first.
    pub peers: Vec<PeerSupport>,
    /// The newcomers the person supports or supported, newest first.
    pub supports: Vec<PeerSupport>,
}

/// Names a peer for the newcomer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewPeerSupport {
    /// An active participant of the same programme, not the newcomer.
    pub peer_id: Option<ParticipantId>,
    /// At most 31 days ahead; today when absent.
    pub starts_on: Option<NaiveDate>,
}

/// Ends a peer support.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PeerSupportEnd {
    /// From the start to today.
    pub ends_on: Option<NaiveDate>,
}
