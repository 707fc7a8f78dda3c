//! Client methods for contact and safety.

use crate::client::{Client, ClientError};
use stige_domain::ParticipantId;
use stige_wire::contact::*;

impl Client {
    /// The person's contact details, safety note and latest reach attempts.
    pub async fn contact(&self, id: ParticipantId) -> Result<ParticipantContact, ClientError> {
        Self::send(self.get(&format!("/api/v1/participants/{id}/contact"))).await
    }

    /// Replaces the person's contact details and safety note.
    pub async fn set_contact(
        &self,
        id: ParticipantId,
        contact: &ParticipantContactInput,
    ) -> Result<ParticipantContact, ClientError> {
        Self::send(self.put(&format!("/api/v1/participants/{id}/contact"), contact)).await
    }

    /// Records an attempt to reach the person ("tried", "reached").
    pub async fn record_reach_attempt(
        &self,
        id: ParticipantId,
        attempt: &ReachAttemptInput,
    ) -> Result<ParticipantContact, ClientError> {
        Self::send(self.post(
            &format!("/api/v1/participants/{id}/reach-attempts"),
            attempt,
        ))
        .await
    }
}
