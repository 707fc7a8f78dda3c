//! Client methods for outcomes: situations at the start, the exit and after it.

use crate::client::{Client, ClientError};
use crate::client_partners::query;
use stige_domain::ParticipantId;
use stige_domain::situation::Moment;
use stige_wire::outcomes::*;
use stige_wire::types::Page;

impl Client {
    /// The person's situations, gender and checks after the exit to do.
    pub async fn outcomes(&self, id: ParticipantId) -> Result<Outcomes, ClientError> {
        Self::send(self.get(&format!("/api/v1/participants/{id}/outcomes"))).await
    }

    /// Sets gender (for statistics) and whether the person declines the checks
    /// after the exit.
    pub async fn set_outcome_preferences(
        &self,
        id: ParticipantId,
        preferences: &OutcomePreferences,
    ) -> Result<Outcomes, ClientError> {
        Self::send(self.put(&format!("/api/v1/participants/{id}/outcomes"), preferences)).await
    }

    /// Records the person's situation at `moment`.
    pub async fn record_situation(
        &self,
        id: ParticipantId,
        moment: Moment,
        situation: &SituationInput,
    ) -> Result<Outcomes, ClientError> {
        let path = format!("/api/v1/participants/{id}/outcomes/{}", moment.as_str());
        Self::send(self.put(&path, situation)).await
    }

    /// The checks after exits still to do, soonest due first.
    pub async fn exit_checks(&self, q: &ExitCheckQuery) -> Result<Page<ExitCheck>, ClientError> {
        let qs = query(&[
            ("ladder_id", q.ladder_id.map(|l| l.to_string())),
            ("due_by", q.due_by.map(|d| d.to_string())),
            ("page", q.page.map(|p| p.to_string())),
            ("per_page", q.per_page.map(|p| p.to_string())),
        ]);
        Self::send(self.get(&format!("/api/v1/exit-checks{qs}"))).await
    }
}
