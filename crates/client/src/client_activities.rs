//! Client methods for enrolments in parallel activities.

use crate::client::{Client, ClientError};
use stige_domain::ParticipantId;
use stige_wire::activities::*;

impl Client {
    /// The person's enrolments in activities, newest start first.
    pub async fn enrolments(
        &self,
        id: ParticipantId,
    ) -> Result<Vec<ActivityEnrolment>, ClientError> {
        Self::send(self.get(&format!("/api/v1/participants/{id}/activities"))).await
    }

    /// Enrols the person in an activity.
    pub async fn enrol(
        &self,
        id: ParticipantId,
        input: &EnrolmentInput,
    ) -> Result<ActivityEnrolment, ClientError> {
        Self::send(self.post(&format!("/api/v1/participants/{id}/activities"), input)).await
    }

    /// Ends an enrolment.
    pub async fn end_enrolment(
        &self,
        id: ParticipantId,
        enrolment: i64,
        input: &EnrolmentEndInput,
    ) -> Result<ActivityEnrolment, ClientError> {
        Self::send(self.put(
            &format!("/api/v1/participants/{id}/activities/{enrolment}/ending"),
            input,
        ))
        .await
    }

    /// Marks one day's attendance in an activity.
    pub async fn mark_activity(
        &self,
        id: ParticipantId,
        enrolment: i64,
        input: &ActivityMarkInput,
    ) -> Result<ActivityEnrolment, ClientError> {
        Self::send(self.put(
            &format!("/api/v1/participants/{id}/activities/{enrolment}/attendance"),
            input,
        ))
        .await
    }
}
