//! The work itself (issue 26): the programme's workplaces and their tasks, the
//! day's work log (tasks done, hours, independence) and a person's work
//! capacity week by week against what their step expects.

use crate::refs::StepRef;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use stige_domain::attendance::AttendanceMark;
use stige_domain::production::OutputUnit;
use stige_domain::work::Independence;
use stige_domain::{LadderId, ParticipantId, StepId};

#[cfg(feature = "openapi")]
use utoipa::{IntoParams, ToSchema};

/// A task done at a workplace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct WorkTask {
    pub id: i64,
    #[cfg_attr(feature = "openapi", schema(example = "Sanding"))]
    pub name: String,
}

/// One of a programme's workplaces (workshop, kitchen, café, ...) with its
/// tasks, by name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Workplace {
    pub id: i64,
    pub ladder_id: LadderId,
    #[cfg_attr(feature = "openapi", schema(example = "Workshop"))]
    pub name: String,
    /// What the workplace's output is counted in (items by default).
    #[serde(default)]
    pub output_unit: OutputUnit,
    pub tasks: Vec<WorkTask>,
}

/// A workplace as it is to be: its name and what its output is counted in
/// (both required: `PUT` replaces them).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct WorkplaceUpdate {
    /// At most 80 characters, unique in the programme.
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub name: Option<String>,
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub output_unit: Option<OutputUnit>,
}

/// Read only from a JSON object; a missing field answers 422 naming it.
impl<'de> Deserialize<'de> for WorkplaceUpdate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Fields {
            #[serde(default)]
            name: Option<String>,
            #[serde(default)]
            output_unit: Option<OutputUnit>,
        }
        let f: Fields = crate::object::from_object(d)?;
        Ok(WorkplaceUpdate {
            name: f.name,
            output_unit: f.output_unit,
        })
    }
}

/// A new workplace, with its first tasks.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewWorkplace {
    /// At most 80 characters, unique in the programme.
    pub name: Option<String>,
    /// What its output is counted in; items when absent.
    #[serde(default)]
    pub output_unit: Option<OutputUnit>,
    /// Task names, each at most 80 characters and given once.
    #[serde(default)]
    pub tasks: Vec<String>,
}

/// A new task at a workplace.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewWorkTask {
    /// At most 80 characters, unique at the workplace.
    pub name: Option<String>,
}

/// What a step expects of a person's work; both absent: nothing set.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct StepWorkDemand {
    /// Hours a week, in quarter hours up to 60.
    #[cfg_attr(feature = "openapi", schema(example = 12.0))]
    pub hours_a_week: Option<f64>,
    pub independence: Option<Independence>,
}

/// Read only from a JSON object: every field may be absent, so serde's
/// derived reading would also take an array (`[null, null]`) for one.
impl<'de> Deserialize<'de> for StepWorkDemand {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Fields {
            #[serde(default)]
            hours_a_week: Option<f64>,
            #[serde(default)]
            independence: Option<Independence>,
        }
        struct Object;
        impl<'de> serde::de::Visitor<'de> for Object {
            type Value = StepWorkDemand;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<Self::Value, A::Error> {
                let f = Fields::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(StepWorkDemand {
                    hours_a_week: f.hours_a_week,
                    independence: f.independence,
                })
            }
        }
        d.deserialize_map(Object)
    }
}

/// Which day's work log: a day, and a programme or every programme.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct WorkLogQuery {
    /// Defaults to today.
    pub date: Option<NaiveDate>,
    /// One programme's house; absent: every programme the staff member works in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ladder_id: Option<LadderId>,
}

/// One person's recorded work on a day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct WorkDayEntry {
    pub date: NaiveDate,
    #[cfg_attr(feature = "openapi", schema(example = 4.5))]
    pub hours: f64,
    pub independence: Independence,
    /// The tasks done.
    pub task_ids: Vec<i64>,
    pub note: Option<String>,
    /// Worked as someone's peer support that day.
    #[serde(default)]
    pub peer_support: bool,
    #[serde(with = "crate::utc")]
    pub recorded_at: NaiveDateTime,
}

/// One person on the day's work log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct WorkLogLine {
    pub participant_id: ParticipantId,
    pub given_name: String,
    pub family_name: String,
    pub ladder_id: LadderId,
    pub step: Option<StepRef>,
    /// The day's attendance mark.
    pub attendance: Option<AttendanceMark>,
    /// What is recorded for the day.
    pub entry: Option<WorkDayEntry>,
    /// The person's last recorded day before this one, to start from.
    pub last: Option<WorkDayEntry>,
    /// The newcomers the person is peer support for that day ("Given Family").
    #[serde(default)]
    pub peer_for: Vec<String>,
}

/// The day's work log: everyone marked present that day (or with work
/// recorded), and the workplaces whose tasks they may have done.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct WorkLog {
    pub date: NaiveDate,
    pub lines: Vec<WorkLogLine>,
    pub workplaces: Vec<Workplace>,
    /// Lines with the day's work recorded.
    pub recorded: i64,
}

/// One person's day's work as entered.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct WorkDayInput {
    pub participant_id: Option<ParticipantId>,
    /// Hours worked, in quarter hours from 0.25 to 12.
    #[cfg_attr(feature = "openapi", schema(example = 4.5))]
    pub hours: Option<f64>,
    pub independence: Option<Independence>,
    /// Tasks of the person's programme's workplaces, each once.
    #[serde(default)]
    pub task_ids: Vec<i64>,
    /// At most 300 characters.
    pub note: Option<String>,
    /// Worked as someone's peer support that day (only for a person who is
    /// a peer that day).
    #[serde(default)]
    pub peer_support: bool,
}

/// The day's work of several people, saved together (a person's earlier
/// entry for the day is replaced).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct WorkLogUpdate {
    /// Today or up to 62 days back.
    pub date: Option<NaiveDate>,
    pub entries: Vec<WorkDayInput>,
    /// The programme whose log the answer shows; absent: every programme.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ladder_id: Option<LadderId>,
}

/// One week of a person's work, beside what their step expected then.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CapacityWeek {
    /// The week's Monday.
    pub week: NaiveDate,
    pub hours: f64,
    /// Days with recorded work.
    pub days: i64,
    /// The median level of the week's days; absent for a week without work.
    pub independence: Option<Independence>,
    /// The step the person was on at the week's end.
    pub step: Option<StepRef>,
    /// What that step expects.
    pub expected_hours: Option<f64>,
    pub expected_independence: Option<Independence>,
}

/// A person's work capacity over time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct WorkCapacity {
    pub participant_id: ParticipantId,
    /// Every week with recorded work, oldest first.
    pub weeks: Vec<CapacityWeek>,
    /// The last four weeks up to this one, with or without work, oldest first.
    pub last_four_weeks: Vec<CapacityWeek>,
    /// What the current step expects.
    pub current_step: Option<StepId>,
    pub expected_hours: Option<f64>,
    pub expected_independence: Option<Independence>,
}
