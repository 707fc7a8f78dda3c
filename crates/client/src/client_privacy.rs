//! Client methods for the participant's rights: the access log and the export.

use crate::client::{Client, ClientError};
use crate::client_partners::query;
use stige_domain::ParticipantId;
use stige_wire::privacy::*;
use stige_wire::types::Page;

impl Client {
    /// Who has read or changed the person's information, newest first.
    pub async fn access_log(
        &self,
        id: ParticipantId,
        q: &AccessLogQuery,
    ) -> Result<Page<AccessLogEntry>, ClientError> {
        let qs = query(&[
            ("from", q.from.map(|d| d.to_string())),
            ("to", q.to.map(|d| d.to_string())),
            ("actor", q.actor.map(|a| a.as_str().to_owned())),
            ("user_id", q.user_id.map(|u| u.to_string())),
            ("page", q.page.map(|p| p.to_string())),
            ("per_page", q.per_page.map(|p| p.to_string())),
        ]);
        Self::send(self.get(&format!("/api/v1/participants/{id}/access-log{qs}"))).await
    }

    /// Everything Stige holds about the person, as one document.
    pub async fn export_participant(
        &self,
        id: ParticipantId,
    ) -> Result<ParticipantExport, ClientError> {
        Self::send(self.get(&format!("/api/v1/participants/{id}/export"))).await
    }

    /// The export as the server sent it (JSON text), to save as a file.
    pub async fn export_participant_text(&self, id: ParticipantId) -> Result<String, ClientError> {
        self.text(self.get(&format!("/api/v1/participants/{id}/export")))
            .await
    }

    /// Admins: what corrections of the person's identity and follow-ups replaced.
    pub async fn rectifications(&self, id: ParticipantId) -> Result<Rectifications, ClientError> {
        Self::send(self.get(&format!("/api/v1/participants/{id}/rectifications"))).await
    }

    /// Admins: anonymises the person now, on their request.
    pub async fn erase_participant(
        &self,
        id: ParticipantId,
        request: &ErasureRequest,
    ) -> Result<Erasure, ClientError> {
        Self::send(self.post(&format!("/api/v1/participants/{id}/erasure"), request)).await
    }

    /// Admins: retention, erasures and the record of processing.
    pub async fn privacy(&self) -> Result<PrivacyOverview, ClientError> {
        Self::send(self.get("/api/v1/privacy")).await
    }
}
