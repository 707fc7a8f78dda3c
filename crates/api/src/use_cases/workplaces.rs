//! The programme's workplaces (workshop, kitchen, café, ...) and their
//! tasks, and what each step of the ladder expects of a person's work. Every
//! staff member of the programme reads; admins set them up, audited in the
//! organisation's log.

use crate::auth::Staff;
use crate::error::ApiError;
use crate::setup_audit;
use stige_domain::production::OutputUnit;
use stige_domain::work::{self, Independence, MAX_HOURS_A_WEEK, StepDemand};
use stige_domain::{AuditAction, Capability, LadderId, ValidationErrors};
use stige_store::DbConnection;
use stige_store::work_log as store;
use stige_wire::{NewWorkTask, NewWorkplace, StepWorkDemand, WorkTask, Workplace, WorkplaceUpdate};

/// The workplaces of `ladders` as the API shows them.
pub fn workplaces_of(conn: &mut DbConnection, ladders: &[i64]) -> Result<Vec<Workplace>, ApiError> {
    Ok(store::workplaces_of(conn, ladders)?
        .into_iter()
        .map(|(p, tasks)| Workplace {
            id: p.id,
            ladder_id: LadderId(p.ladder_id),
            output_unit: OutputUnit::parse(&p.output_unit).unwrap_or_default(),
            name: p.name,
            tasks: tasks
                .into_iter()
                .map(|t| WorkTask {
                    id: t.id,
                    name: t.name,
                })
                .collect(),
        })
        .collect())
}

fn one(conn: &mut DbConnection, ladder: LadderId, id: i64) -> Result<Workplace, ApiError> {
    workplaces_of(conn, &[ladder.0])?
        .into_iter()
        .find(|w| w.id == id)
        .ok_or(ApiError::NotFound)
}

/// The name is taken: a 422 on `name`.
fn taken() -> ApiError {
    let mut e = ValidationErrors::new();
    e.add("name", "is already taken");
    e.into()
}

/// The workplaces of programme `ladder`, each with its tasks, for its staff
/// (404 for anyone else).
pub fn workplaces(
    conn: &mut DbConnection,
    staff: &Staff,
    ladder: LadderId,
) -> Result<Vec<Workplace>, ApiError> {
    staff.works_in(ladder.0)?;
    workplaces_of(conn, &[ladder.0])
}

/// Adds a workplace to programme `ladder` with its first tasks (admin); its
/// name is unique in the programme, each task's at the workplace. Returns the
/// workplace.
pub fn add_workplace(
    conn: &mut DbConnection,
    staff: &Staff,
    ladder: LadderId,
    body: &NewWorkplace,
) -> Result<Workplace, ApiError> {
    staff.require_that(Capability::Administer)?;
    staff.works_in(ladder.0)?;
    let mut errors = ValidationErrors::new();
    let name = match work::parse_name("name", body.name.as_deref()) {
        Ok(n) => n,
        Err(e) => {
            errors.0.extend(e.0);
            String::new()
        }
    };
    let mut tasks: Vec<String> = Vec::new();
    for (i, t) in body.tasks.iter().enumerate() {
        match work::parse_name(&format!("tasks[{i}]"), Some(t)) {
            Ok(t) if tasks.contains(&t) => errors.add(&format!("tasks[{i}]"), "is given twice"),
            Ok(t) => tasks.push(t),
            Err(e) => errors.0.extend(e.0),
        }
    }
    errors.into_result(())?;
    if store::workplace_taken(conn, ladder.0, &name)? {
        return Err(taken());
    }
    let id = store::add_workplace(
        conn,
        ladder.0,
        &name,
        &tasks,
        chrono::Utc::now().naive_utc(),
    )?;
    if let Some(unit) = body.output_unit.filter(|u| *u != OutputUnit::default()) {
        store::update_workplace(conn, ladder.0, id, None, Some(unit))?;
    }
    setup_audit::record(
        conn,
        staff,
        AuditAction::LadderWorkplaceAdd,
        format!("ladder={ladder} workplace={id}"),
    )?;
    one(conn, ladder, id)
}

/// Sets the name of programme `ladder`'s workplace `workplace` and what its
/// output is counted in (admin; both required). Returns the workplace.
pub fn update_workplace(
    conn: &mut DbConnection,
    staff: &Staff,
    ladder: LadderId,
    workplace: i64,
    body: &WorkplaceUpdate,
) -> Result<Workplace, ApiError> {
    staff.require_that(Capability::Administer)?;
    staff.works_in(ladder.0)?;
    let mut errors = ValidationErrors::new();
    let name = match work::parse_name("name", body.name.as_deref()) {
        Ok(n) => Some(n),
        Err(e) => {
            errors.0.extend(e.0);
            None
        }
    };
    if body.output_unit.is_none() {
        errors.add("output_unit", "is required");
    }
    errors.into_result(())?;
    let current = store::workplace(conn, ladder.0, workplace)?.ok_or(ApiError::NotFound)?;
    if let Some(n) = name.as_deref()
        && n != current.name
        && store::workplace_taken(conn, ladder.0, n)?
    {
        return Err(taken());
    }
    store::update_workplace(conn, ladder.0, workplace, name.as_deref(), body.output_unit)?;
    setup_audit::record(
        conn,
        staff,
        AuditAction::LadderWorkplaceUpdate,
        format!("ladder={ladder} workplace={workplace}"),
    )?;
    one(conn, ladder, workplace)
}

/// Adds a task to programme `ladder`'s workplace `workplace` (admin); its name
/// is unique at the workplace. Returns the workplace.
pub fn add_task(
    conn: &mut DbConnection,
    staff: &Staff,
    ladder: LadderId,
    workplace: i64,
    body: &NewWorkTask,
) -> Result<Workplace, ApiError> {
    staff.require_that(Capability::Administer)?;
    staff.works_in(ladder.0)?;
    let name = work::parse_name("name", body.name.as_deref())?;
    store::workplace(conn, ladder.0, workplace)?.ok_or(ApiError::NotFound)?;
    if store::task_taken(conn, workplace, &name)? {
        return Err(taken());
    }
    let id = store::add_task(conn, workplace, &name)?;
    setup_audit::record(
        conn,
        staff,
        AuditAction::LadderWorkTaskAdd,
        format!("ladder={ladder} workplace={workplace} task={id}"),
    )?;
    one(conn, ladder, workplace)
}

/// Checks what a step expects: hours a week in quarter hours up to 60, and
/// an independence level; both may be absent.
pub fn parse_demand(body: &StepWorkDemand) -> Result<StepDemand, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let minutes = body
        .hours_a_week
        .and_then(|h| errors.collect("hours_a_week", work::minutes_of(h, MAX_HOURS_A_WEEK)));
    errors.into_result(StepDemand {
        minutes_a_week: minutes,
        independence: body.independence,
    })
}

/// What a step's demand looks like in the API.
pub fn demand_view(minutes: Option<i32>, independence: Option<Independence>) -> StepWorkDemand {
    StepWorkDemand {
        hours_a_week: minutes
            .and_then(|m| u32::try_from(m).ok())
            .map(work::hours_of),
        independence,
    }
}

/// Sets what step `step` of programme `ladder` expects of a person's work
/// (admin): hours a week and an independence level. Returns it as stored.
pub fn set_step_demand(
    conn: &mut DbConnection,
    staff: &Staff,
    ladder: i64,
    step: i64,
    body: &StepWorkDemand,
) -> Result<StepWorkDemand, ApiError> {
    staff.require_that(Capability::Administer)?;
    staff.works_in(ladder)?;
    let demand = parse_demand(body)?;
    if !store::set_step_demand(conn, ladder, step, demand)? {
        return Err(ApiError::NotFound);
    }
    setup_audit::record(
        conn,
        staff,
        AuditAction::LadderStepWorkDemand,
        format!("ladder={ladder} step={step}"),
    )?;
    let row = store::step_demands(conn, &[ladder])?
        .into_iter()
        .find(|s| s.id == step)
        .ok_or(ApiError::NotFound)?;
    Ok(demand_view(
        row.expected_minutes_a_week,
        row.expected_independence,
    ))
}
