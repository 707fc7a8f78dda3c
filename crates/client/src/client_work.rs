//! Client methods for workplaces, the work log and work capacity.

use crate::client::{Client, ClientError};
use stige_domain::{LadderId, ParticipantId, StepId};
use stige_wire::work::*;

impl Client {
    /// The programme's workplaces with their tasks.
    pub async fn workplaces(&self, ladder: LadderId) -> Result<Vec<Workplace>, ClientError> {
        Self::send(self.get(&format!("/api/v1/ladders/{ladder}/workplaces"))).await
    }

    /// Adds a workplace to the programme.
    pub async fn add_workplace(
        &self,
        ladder: LadderId,
        input: &NewWorkplace,
    ) -> Result<Workplace, ClientError> {
        Self::send(self.post(&format!("/api/v1/ladders/{ladder}/workplaces"), input)).await
    }

    /// Renames a workplace or sets what its output is counted in.
    pub async fn update_workplace(
        &self,
        ladder: LadderId,
        workplace: i64,
        input: &WorkplaceUpdate,
    ) -> Result<Workplace, ClientError> {
        Self::send(self.put(
            &format!("/api/v1/ladders/{ladder}/workplaces/{workplace}"),
            input,
        ))
        .await
    }

    /// Adds a task to a workplace.
    pub async fn add_work_task(
        &self,
        ladder: LadderId,
        workplace: i64,
        input: &NewWorkTask,
    ) -> Result<Workplace, ClientError> {
        Self::send(self.post(
            &format!("/api/v1/ladders/{ladder}/workplaces/{workplace}/tasks"),
            input,
        ))
        .await
    }

    /// Sets what a step expects of a person's work.
    pub async fn set_step_work_demand(
        &self,
        ladder: LadderId,
        step: StepId,
        input: &StepWorkDemand,
    ) -> Result<StepWorkDemand, ClientError> {
        Self::send(self.put(
            &format!("/api/v1/ladders/{ladder}/steps/{step}/work-demand"),
            input,
        ))
        .await
    }

    /// The day's work log.
    pub async fn work_log(&self, query: &WorkLogQuery) -> Result<WorkLog, ClientError> {
        Self::send(self.get("/api/v1/work-log").query(query)).await
    }

    /// Saves the day's work of several people.
    pub async fn save_work_log(&self, update: &WorkLogUpdate) -> Result<WorkLog, ClientError> {
        Self::send(self.put("/api/v1/work-log", update)).await
    }

    /// A person's work capacity over time.
    pub async fn work_capacity(&self, id: ParticipantId) -> Result<WorkCapacity, ClientError> {
        Self::send(self.get(&format!("/api/v1/participants/{id}/work-capacity"))).await
    }
}
