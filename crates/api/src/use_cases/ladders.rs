//! Ladders (programmes), their steps and the activities run beside them:
//! every staff member reads the ladders they work in, admins shape them.

use crate::auth::Staff;
use crate::error::ApiError;
use stige_domain::ladder::{
    check_reorder, parse_annual_target, parse_name_and_description, parse_retention,
    parse_throughput_target,
};
use stige_domain::{
    ActivityId, AuditAction, Capability, DemandLevel, LadderId, StepDraft, StepId, ValidationErrors,
};
use stige_store::DbConnection;
use stige_store::ladders::{self, LadderWithSteps};
use stige_wire::{Activity, Ladder, LadderSummary, NewActivity, NewLadder, Step, StepInput};

/// The ladder with its steps (their occupancy) and activities, as the API
/// shows it.
pub fn to_ladder(l: LadderWithSteps) -> Ladder {
    Ladder {
        id: LadderId(l.ladder.id),
        name: l.ladder.name,
        description: l.ladder.description,
        annual_target: l.ladder.annual_target.and_then(|t| u32::try_from(t).ok()),
        throughput_target: l
            .ladder
            .throughput_target
            .and_then(|t| u32::try_from(t).ok()),
        whole_house_register: l.ladder.whole_house_register,
        retention_years: u32::try_from(l.ladder.retention_years).unwrap_or(0),
        retention_basis: l.ladder.retention_basis,
        steps: l
            .steps
            .into_iter()
            .map(|(s, occupied)| Step {
                id: StepId(s.id),
                ladder_id: LadderId(s.ladder_id),
                name: s.name,
                description: s.description,
                demand_level: s.demand_level,
                capacity: s.capacity,
                typical_duration_days: s.typical_duration_days,
                position: s.position,
                occupied,
                work_demand: crate::use_cases::workplaces::demand_view(
                    s.expected_minutes_a_week,
                    s.expected_independence,
                ),
            })
            .collect(),
        activities: l
            .activities
            .into_iter()
            .map(|a| Activity {
                id: ActivityId(a.id),
                ladder_id: LadderId(a.ladder_id),
                name: a.name,
                description: a.description,
            })
            .collect(),
    }
}

fn load(conn: &mut DbConnection, id: LadderId) -> Result<Ladder, ApiError> {
    ladders::get(conn, id)?
        .map(to_ladder)
        .ok_or(ApiError::NotFound)
}

fn audit_ladder(
    conn: &mut DbConnection,
    staff: &Staff,
    action: AuditAction,
    id: LadderId,
) -> Result<(), ApiError> {
    crate::setup_audit::record(conn, staff, action, format!("ladder={id}"))
}

/// A ladder's fields as checked: name, description, target, and retention.
struct LadderFields {
    name: String,
    description: String,
    target: Option<i32>,
    throughput_target: Option<i32>,
    retention_years: Option<i32>,
    retention_basis: Option<String>,
    whole_house_register: Option<bool>,
}

/// A ladder's name, description, targets and retention, with every field's errors.
fn parse_ladder(body: &NewLadder) -> Result<LadderFields, ValidationErrors> {
    let names = parse_name_and_description(
        body.name.as_deref().unwrap_or(""),
        body.description.as_deref().unwrap_or(""),
    );
    let target = parse_annual_target(body.annual_target);
    let throughput = parse_throughput_target(body.throughput_target);
    let retention = parse_retention(body.retention_years, body.retention_basis.as_deref());
    match (names, target, throughput, retention) {
        (Ok((name, description)), Ok(target), Ok(throughput), Ok((years, basis))) => {
            Ok(LadderFields {
                name,
                description,
                target: target.and_then(|t| i32::try_from(t).ok()),
                throughput_target: throughput.and_then(|t| i32::try_from(t).ok()),
                retention_years: years.and_then(|y| i32::try_from(y).ok()),
                retention_basis: basis,
                whole_house_register: body.whole_house_register,
            })
        }
        (names, target, throughput, retention) => {
            let mut errors = ValidationErrors::new();
            for e in [names.err(), target.err(), throughput.err(), retention.err()]
                .into_iter()
                .flatten()
            {
                errors.0.extend(e.0);
            }
            Err(errors)
        }
    }
}

/// Writes the fields the ladder's name and description do not carry: whether
/// the whole house is marked in the register, the throughput target and the
/// retention.
fn set_ladder_settings(
    conn: &mut DbConnection,
    id: LadderId,
    fields: &LadderFields,
) -> Result<(), ApiError> {
    if let Some(whole_house) = fields.whole_house_register {
        ladders::set_whole_house_register(conn, id, whole_house)?;
    }
    ladders::set_throughput_target(conn, id, fields.throughput_target)?;
    ladders::set_retention(
        conn,
        id,
        fields.retention_years,
        fields.retention_basis.as_deref(),
    )?;
    Ok(())
}

fn parse_step(input: &StepInput) -> Result<StepDraft, ValidationErrors> {
    let level = input.demand_level;
    let parsed = StepDraft::parse(
        input.name.as_deref().unwrap_or(""),
        input.description.as_deref().unwrap_or(""),
        level.unwrap_or(DemandLevel::Low),
        input.capacity,
        input.typical_duration_days,
    );
    match (parsed, level) {
        (Ok(draft), Some(_)) => Ok(draft),
        (Ok(_), None) => {
            let mut e = ValidationErrors::new();
            e.add("demand_level", "is required");
            Err(e)
        }
        (Err(mut e), None) => {
            e.add("demand_level", "is required");
            Err(e)
        }
        (Err(e), Some(_)) => Err(e),
    }
}

/// 403 unless `staff` may shape ladders (admin), then 404 unless they work in
/// ladder `id`.
fn shapes(staff: &Staff, id: LadderId) -> Result<(), ApiError> {
    staff.require_that(Capability::Administer)?;
    staff.works_in(id.0)?;
    Ok(())
}

/// The ladders (programmes) `staff` works in, with their number of steps.
pub fn programmes(conn: &mut DbConnection, staff: &Staff) -> Result<Vec<LadderSummary>, ApiError> {
    let only = staff.reach.ladders();
    Ok(ladders::list(conn, &only)?
        .into_iter()
        .map(|(l, n)| LadderSummary {
            id: LadderId(l.id),
            name: l.name,
            description: l.description,
            step_count: n,
        })
        .collect())
}

/// Ladder `id` with its steps (lowest first), their occupancy and its
/// activities; 404 unless `staff` works in it.
pub fn ladder(conn: &mut DbConnection, staff: &Staff, id: LadderId) -> Result<Ladder, ApiError> {
    staff.works_in(id.0)?;
    load(conn, id)
}

/// Creates a ladder in the admin's organisation; returns it.
pub fn create_ladder(
    conn: &mut DbConnection,
    staff: &Staff,
    body: &NewLadder,
) -> Result<Ladder, ApiError> {
    staff.require_that(Capability::Administer)?;
    let organisation = staff.organisation()?;
    let fields = parse_ladder(body)?;
    let row = ladders::create(
        conn,
        organisation,
        &fields.name,
        &fields.description,
        fields.target,
    )?;
    let id = LadderId(row.id);
    set_ladder_settings(conn, id, &fields)?;
    audit_ladder(conn, staff, AuditAction::LadderCreate, id)?;
    load(conn, id)
}

/// Renames ladder `id`, changes its description, targets, retention or
/// whether the staff on duty mark the whole house in the register; returns it.
pub fn change_ladder(
    conn: &mut DbConnection,
    staff: &Staff,
    id: LadderId,
    body: &NewLadder,
) -> Result<Ladder, ApiError> {
    shapes(staff, id)?;
    let fields = parse_ladder(body)?;
    if ladders::update(conn, id, &fields.name, &fields.description, fields.target)? == 0 {
        return Err(ApiError::NotFound);
    }
    set_ladder_settings(conn, id, &fields)?;
    audit_ladder(conn, staff, AuditAction::LadderUpdate, id)?;
    load(conn, id)
}

/// Adds a step at the top of ladder `id`; returns the ladder.
pub fn add_step(
    conn: &mut DbConnection,
    staff: &Staff,
    id: LadderId,
    body: &StepInput,
) -> Result<Ladder, ApiError> {
    shapes(staff, id)?;
    let draft = parse_step(body)?;
    load(conn, id)?;
    ladders::add_step(conn, id, &draft)?;
    audit_ladder(conn, staff, AuditAction::LadderStepAdd, id)?;
    load(conn, id)
}

/// Changes step `step` of ladder `id` (404 for a step of another ladder);
/// returns the ladder.
pub fn change_step(
    conn: &mut DbConnection,
    staff: &Staff,
    id: LadderId,
    step: StepId,
    body: &StepInput,
) -> Result<Ladder, ApiError> {
    shapes(staff, id)?;
    let draft = parse_step(body)?;
    match ladders::step(conn, step)? {
        Some(s) if s.ladder_id == id.0 => {}
        _ => return Err(ApiError::NotFound),
    }
    ladders::update_step(conn, step, &draft)?;
    audit_ladder(conn, staff, AuditAction::LadderStepUpdate, id)?;
    load(conn, id)
}

/// Puts the steps of ladder `id` in the order given, lowest first (each of
/// its steps once); returns the ladder.
pub fn reorder_steps(
    conn: &mut DbConnection,
    staff: &Staff,
    id: LadderId,
    order: &[StepId],
) -> Result<Ladder, ApiError> {
    shapes(staff, id)?;
    let current = load(conn, id)?;
    let ids: Vec<StepId> = current.steps.iter().map(|s| s.id).collect();
    check_reorder(&ids, order)?;
    ladders::reorder_steps(conn, id, order)?;
    audit_ladder(conn, staff, AuditAction::LadderStepReorder, id)?;
    load(conn, id)
}

/// Adds an activity run in parallel with ladder `id`; returns the ladder.
pub fn add_activity(
    conn: &mut DbConnection,
    staff: &Staff,
    id: LadderId,
    body: &NewActivity,
) -> Result<Ladder, ApiError> {
    shapes(staff, id)?;
    let (name, description) = parse_name_and_description(
        body.name.as_deref().unwrap_or(""),
        body.description.as_deref().unwrap_or(""),
    )?;
    load(conn, id)?;
    ladders::add_activity(conn, id, &name, &description)?;
    audit_ladder(conn, staff, AuditAction::LadderActivityAdd, id)?;
    load(conn, id)
}
