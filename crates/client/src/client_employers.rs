//! Client methods for employers and placements (staff), and the employer's side.

use crate::client::{Client, ClientError};
use stige_domain::ParticipantId;
use stige_wire::employers::*;

impl Client {
    pub async fn employers(&self) -> Result<Vec<Employer>, ClientError> {
        Self::send(self.get("/api/v1/employers")).await
    }

    pub async fn employer(&self, id: i64) -> Result<EmployerDetail, ClientError> {
        Self::send(self.get(&format!("/api/v1/employers/{id}"))).await
    }

    pub async fn create_employer(&self, employer: &EmployerInput) -> Result<Employer, ClientError> {
        Self::send(self.post("/api/v1/employers", employer)).await
    }

    pub async fn update_employer(
        &self,
        id: i64,
        employer: &EmployerInput,
    ) -> Result<Employer, ClientError> {
        Self::send(self.put(&format!("/api/v1/employers/{id}"), employer)).await
    }

    pub async fn placement_board(&self) -> Result<PlacementBoard, ClientError> {
        Self::send(self.get("/api/v1/placements")).await
    }

    pub async fn create_placement(&self, p: &PlacementInput) -> Result<Placement, ClientError> {
        Self::send(self.post("/api/v1/placements", p)).await
    }

    pub async fn placement(&self, id: i64) -> Result<Placement, ClientError> {
        Self::send(self.get(&format!("/api/v1/placements/{id}"))).await
    }

    pub async fn participant_placements(
        &self,
        participant: ParticipantId,
    ) -> Result<Vec<Placement>, ClientError> {
        Self::send(self.get(&format!("/api/v1/participants/{participant}/placements"))).await
    }

    /// Invites the employer; `version` is the placement's last read (sent as `If-Match`).
    pub async fn invite_employer(
        &self,
        placement: i64,
        request: &InvitationRequest,
        version: i64,
    ) -> Result<InvitationSent, ClientError> {
        let rb = self
            .post(&format!("/api/v1/placements/{placement}/invite"), request)
            .header("If-Match", format!("\"{version}\""));
        Self::send(rb).await
    }

    /// Completes, ends or extends the placement; `version` is the one last read
    /// (sent as `If-Match`).
    pub async fn placement_action(
        &self,
        placement: i64,
        request: &PlacementActionRequest,
        version: i64,
    ) -> Result<Placement, ClientError> {
        let rb = self
            .post(&format!("/api/v1/placements/{placement}/actions"), request)
            .header("If-Match", format!("\"{version}\""));
        Self::send(rb).await
    }

    /// Records the placement as one of the ladder's parallel activities;
    /// `version` is the one last read (sent as `If-Match`).
    pub async fn record_placement_activity(
        &self,
        placement: i64,
        request: &PlacementActivityRequest,
        version: i64,
    ) -> Result<Placement, ClientError> {
        let rb = self
            .put(&format!("/api/v1/placements/{placement}/activity"), request)
            .header("If-Match", format!("\"{version}\""));
        Self::send(rb).await
    }

    pub async fn outbox(&self) -> Result<Vec<OutboxMessage>, ClientError> {
        Self::send(self.get("/api/v1/outbox")).await
    }

    // --- the employer's side: no token needed but the one in the link ---

    pub async fn employer_view(&self, token: &str) -> Result<EmployerView, ClientError> {
        Self::send(self.get(&format!("/api/v1/employer/{token}"))).await
    }

    pub async fn employer_confirm(
        &self,
        token: &str,
        confirmation: &EmployerConfirmation,
    ) -> Result<EmployerReceipt, ClientError> {
        Self::send(self.post(&format!("/api/v1/employer/{token}/confirm"), confirmation)).await
    }

    pub async fn employer_decline(
        &self,
        token: &str,
        decline: &EmployerDecline,
    ) -> Result<EmployerReceipt, ClientError> {
        Self::send(self.post(&format!("/api/v1/employer/{token}/decline"), decline)).await
    }

    pub async fn employer_complete(
        &self,
        token: &str,
        completion: &EmployerCompletion,
    ) -> Result<EmployerReceipt, ClientError> {
        Self::send(self.post(&format!("/api/v1/employer/{token}/complete"), completion)).await
    }
}
