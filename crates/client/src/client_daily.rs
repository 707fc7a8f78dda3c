//! Client methods for daily work: goals, follow-ups, attendance, Today.

use crate::client::{Client, ClientError};
use stige_domain::ParticipantId;
use stige_wire::daily::*;

impl Client {
    pub async fn goals(&self, participant: ParticipantId) -> Result<Vec<Goal>, ClientError> {
        Self::send(self.get(&format!("/api/v1/participants/{participant}/goals"))).await
    }

    pub async fn add_goal(
        &self,
        participant: ParticipantId,
        goal: &NewGoal,
    ) -> Result<Goal, ClientError> {
        Self::send(self.post(&format!("/api/v1/participants/{participant}/goals"), goal)).await
    }

    pub async fn set_goal_status(
        &self,
        participant: ParticipantId,
        goal: i64,
        change: &GoalStatusChange,
    ) -> Result<Goal, ClientError> {
        Self::send(self.put(
            &format!("/api/v1/participants/{participant}/goals/{goal}/status"),
            change,
        ))
        .await
    }

    pub async fn add_score(
        &self,
        participant: ParticipantId,
        goal: i64,
        score: &NewScore,
    ) -> Result<Goal, ClientError> {
        Self::send(self.post(
            &format!("/api/v1/participants/{participant}/goals/{goal}/scores"),
            score,
        ))
        .await
    }

    pub async fn follow_ups(
        &self,
        participant: ParticipantId,
    ) -> Result<Vec<FollowUp>, ClientError> {
        Self::send(self.get(&format!("/api/v1/participants/{participant}/follow-ups"))).await
    }

    pub async fn add_follow_up(
        &self,
        participant: ParticipantId,
        input: &FollowUpInput,
    ) -> Result<FollowUp, ClientError> {
        Self::send(self.post(
            &format!("/api/v1/participants/{participant}/follow-ups"),
            input,
        ))
        .await
    }

    pub async fn update_follow_up(
        &self,
        participant: ParticipantId,
        follow_up: i64,
        input: &FollowUpInput,
    ) -> Result<FollowUp, ClientError> {
        Self::send(self.put(
            &format!("/api/v1/participants/{participant}/follow-ups/{follow_up}"),
            input,
        ))
        .await
    }

    pub async fn set_action_done(
        &self,
        participant: ParticipantId,
        follow_up: i64,
        action: i64,
        done: bool,
    ) -> Result<FollowUp, ClientError> {
        let path =
            format!("/api/v1/participants/{participant}/follow-ups/{follow_up}/actions/{action}");
        Self::send(self.put(&path, &ActionDone { done })).await
    }

    pub async fn register(&self, query: &RegisterQuery) -> Result<Register, ClientError> {
        Self::send(self.get("/api/v1/attendance").query(query)).await
    }

    pub async fn save_register(&self, update: &RegisterUpdate) -> Result<Register, ClientError> {
        Self::send(self.put("/api/v1/attendance", update)).await
    }

    /// Removes a participant's mark for a day: the undo right after marking.
    pub async fn clear_mark(
        &self,
        participant: ParticipantId,
        date: chrono::NaiveDate,
    ) -> Result<(), ClientError> {
        Self::send_empty(self.request(
            reqwest::Method::DELETE,
            &format!("/api/v1/participants/{participant}/attendance/{date}"),
        ))
        .await
    }

    pub async fn attendance(
        &self,
        participant: ParticipantId,
    ) -> Result<AttendanceSummary, ClientError> {
        Self::send(self.get(&format!("/api/v1/participants/{participant}/attendance"))).await
    }

    pub async fn add_planned_participation(
        &self,
        participant: ParticipantId,
        plan: &NewPlannedParticipation,
    ) -> Result<AttendanceSummary, ClientError> {
        Self::send(self.post(
            &format!("/api/v1/participants/{participant}/planned-participation"),
            plan,
        ))
        .await
    }

    pub async fn today(&self) -> Result<Today, ClientError> {
        Self::send(self.get("/api/v1/today")).await
    }
}
