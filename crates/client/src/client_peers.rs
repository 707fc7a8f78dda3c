//! Client methods for peer supports.

use crate::client::{Client, ClientError};
use stige_domain::ParticipantId;
use stige_wire::peers::*;

impl Client {
    /// The person's peer supports, both ways.
    pub async fn peers(&self, id: ParticipantId) -> Result<Peers, ClientError> {
        Self::send(self.get(&format!("/api/v1/participants/{id}/peers"))).await
    }

    /// Names a peer for the newcomer `id`.
    pub async fn name_peer(
        &self,
        id: ParticipantId,
        input: &NewPeerSupport,
    ) -> Result<Peers, ClientError> {
        Self::send(self.post(&format!("/api/v1/participants/{id}/peers"), input)).await
    }

    /// Ends one of the person's peer supports.
    pub async fn end_peer_support(
        &self,
        id: ParticipantId,
        support: i64,
        input: &PeerSupportEnd,
    ) -> Result<Peers, ClientError> {
        Self::send(self.put(
            &format!("/api/v1/participants/{id}/peers/{support}/ending"),
            input,
        ))
        .await
    }
}
