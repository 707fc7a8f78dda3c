//! Client methods for the individual plan.

use crate::client::{Client, ClientError};
use stige_domain::ParticipantId;
use stige_wire::plan::*;

impl Client {
    /// The person's individual plan (empty when there is none).
    pub async fn plan(&self, id: ParticipantId) -> Result<ParticipantPlan, ClientError> {
        Self::send(self.get(&format!("/api/v1/participants/{id}/plan"))).await
    }

    /// Makes or replaces the person's plan.
    pub async fn set_plan(
        &self,
        id: ParticipantId,
        plan: &PlanInput,
    ) -> Result<ParticipantPlan, ClientError> {
        Self::send(self.put(&format!("/api/v1/participants/{id}/plan"), plan)).await
    }

    /// Records that the plan was reviewed today.
    pub async fn review_plan(&self, id: ParticipantId) -> Result<ParticipantPlan, ClientError> {
        Self::send(self.post(
            &format!("/api/v1/participants/{id}/plan/reviews"),
            &serde_json::json!({}),
        ))
        .await
    }
}
