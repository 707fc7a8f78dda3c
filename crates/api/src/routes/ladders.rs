//! Ladders, steps and activities: every staff member reads, admins write.

use crate::auth::Staff;
use crate::db::{read, write};
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, put, web};
use stige_domain::AuditAction;
use stige_domain::Capability;
use stige_domain::ladder::{
    check_reorder, parse_annual_target, parse_name_and_description, parse_retention,
    parse_throughput_target,
};
use stige_domain::{ActivityId, DemandLevel, LadderId, StepDraft, StepId, ValidationErrors};
use stige_store::DbConnection;
use stige_store::ladders::{self, LadderWithSteps};
use stige_wire::{
    Activity, Ladder, LadderSummary, NewActivity, NewLadder, Step, StepInput, StepOrder,
};

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
                work_demand: super::workplaces::demand_view(
                    s.expected_minutes_a_week,
                    s.expected_independence.as_deref(),
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

/// A ladder's name, description and annual target, with every field's errors.
/// A ladder's fields as checked: name, description, target, and retention.
struct LadderFields {
    name: String,
    description: String,
    target: Option<i32>,
    throughput_target: Option<i32>,
    retention_years: Option<i32>,
    retention_basis: Option<String>,
}

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

fn parse_step(input: StepInput) -> Result<StepDraft, ValidationErrors> {
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

/// The ladders (programmes) the staff member works in.
#[utoipa::path(tag = "ladders", security(("staff" = [])), responses(
    (status = 200, body = Vec<LadderSummary>),
    problem::Unauthorized,
))]
#[get("/ladders")]
pub async fn list(state: web::Data<AppState>, staff: Staff) -> Result<HttpResponse, ApiError> {
    let only = staff.reach.ladders();
    let rows = read(&state, move |conn| Ok(ladders::list(conn, &only)?)).await?;
    let items: Vec<LadderSummary> = rows
        .into_iter()
        .map(|(l, n)| LadderSummary {
            id: LadderId(l.id),
            name: l.name,
            description: l.description,
            step_count: n,
        })
        .collect();
    Ok(HttpResponse::Ok().json(items))
}

/// Create a ladder (admin).
#[utoipa::path(tag = "ladders", security(("staff" = [])), request_body = NewLadder, responses(
    (status = 201, body = Ladder),
    problem::Forbidden,
    problem::ValidationFailed,
))]
#[post("/ladders")]
pub async fn create(
    state: web::Data<AppState>,
    staff: Staff,
    body: web::Json<NewLadder>,
) -> Result<HttpResponse, ApiError> {
    staff.require_that(Capability::Administer)?;
    let organisation = staff.organisation()?;
    let fields = parse_ladder(&body)?;
    let whole_house_register = body.whole_house_register;
    let ladder = write(&state, move |conn| {
        let row = ladders::create(
            conn,
            organisation,
            &fields.name,
            &fields.description,
            fields.target,
        )?;
        if let Some(whole_house) = whole_house_register {
            ladders::set_whole_house_register(conn, LadderId(row.id), whole_house)?;
        }
        ladders::set_throughput_target(conn, LadderId(row.id), fields.throughput_target)?;
        ladders::set_retention(
            conn,
            LadderId(row.id),
            fields.retention_years,
            fields.retention_basis.as_deref(),
        )?;
        audit_ladder(conn, &staff, AuditAction::LadderCreate, LadderId(row.id))?;
        load(conn, LadderId(row.id))
    })
    .await?;
    Ok(HttpResponse::Created().json(ladder))
}

/// A ladder with its steps (lowest first), their occupancy, and its activities.
#[utoipa::path(tag = "ladders", security(("staff" = [])), responses(
    (status = 200, body = Ladder),
    problem::NotFound,
))]
#[get("/ladders/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = LadderId(path.into_inner());
    staff.works_in(id.0)?;
    let ladder = read(&state, move |conn| load(conn, id)).await?;
    Ok(HttpResponse::Ok().json(ladder))
}

/// Rename a ladder, change its description, target, or whether the staff on duty
/// mark the whole house in the register (admin).
#[utoipa::path(tag = "ladders", security(("staff" = [])), request_body = NewLadder, responses(
    (status = 200, body = Ladder),
    problem::NotFound,
    problem::ValidationFailed,
))]
#[put("/ladders/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
    body: web::Json<NewLadder>,
) -> Result<HttpResponse, ApiError> {
    staff.require_that(Capability::Administer)?;
    let id = LadderId(path.into_inner());
    staff.works_in(id.0)?;
    let fields = parse_ladder(&body)?;
    let whole_house_register = body.whole_house_register;
    let ladder = write(&state, move |conn| {
        if ladders::update(conn, id, &fields.name, &fields.description, fields.target)? == 0 {
            return Err(ApiError::NotFound);
        }
        if let Some(whole_house) = whole_house_register {
            ladders::set_whole_house_register(conn, id, whole_house)?;
        }
        ladders::set_throughput_target(conn, id, fields.throughput_target)?;
        ladders::set_retention(
            conn,
            id,
            fields.retention_years,
            fields.retention_basis.as_deref(),
        )?;
        audit_ladder(conn, &staff, AuditAction::LadderUpdate, id)?;
        load(conn, id)
    })
    .await?;
    Ok(HttpResponse::Ok().json(ladder))
}

/// Add a step at the top of a ladder (admin).
#[utoipa::path(tag = "ladders", security(("staff" = [])), request_body = StepInput, responses(
    (status = 201, body = Ladder),
    problem::NotFound,
    problem::ValidationFailed,
))]
#[post("/ladders/{id}/steps")]
pub async fn add_step(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
    body: web::Json<StepInput>,
) -> Result<HttpResponse, ApiError> {
    staff.require_that(Capability::Administer)?;
    let id = LadderId(path.into_inner());
    staff.works_in(id.0)?;
    let draft = parse_step(body.into_inner())?;
    let ladder = write(&state, move |conn| {
        load(conn, id)?;
        ladders::add_step(conn, id, &draft)?;
        audit_ladder(conn, &staff, AuditAction::LadderStepAdd, id)?;
        load(conn, id)
    })
    .await?;
    Ok(HttpResponse::Created().json(ladder))
}

/// Change a step (admin).
#[utoipa::path(tag = "ladders", security(("staff" = [])), request_body = StepInput, responses(
    (status = 200, body = Ladder),
    problem::NotFound,
    problem::ValidationFailed,
))]
#[put("/ladders/{id}/steps/{step_id}")]
pub async fn update_step(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i64, i64)>,
    body: web::Json<StepInput>,
) -> Result<HttpResponse, ApiError> {
    staff.require_that(Capability::Administer)?;
    let (id, step) = path.into_inner();
    let (id, step) = (LadderId(id), StepId(step));
    staff.works_in(id.0)?;
    let draft = parse_step(body.into_inner())?;
    let ladder = write(&state, move |conn| {
        match ladders::step(conn, step)? {
            Some(s) if s.ladder_id == id.0 => {}
            _ => return Err(ApiError::NotFound),
        }
        ladders::update_step(conn, step, &draft)?;
        audit_ladder(conn, &staff, AuditAction::LadderStepUpdate, id)?;
        load(conn, id)
    })
    .await?;
    Ok(HttpResponse::Ok().json(ladder))
}

/// Put a ladder's steps in a new order, lowest first (admin).
#[utoipa::path(tag = "ladders", security(("staff" = [])), request_body = StepOrder, responses(
    (status = 200, body = Ladder),
    problem::NotFound,
    problem::ValidationFailed,
))]
#[put("/ladders/{id}/step-order")]
pub async fn reorder_steps(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
    body: web::Json<StepOrder>,
) -> Result<HttpResponse, ApiError> {
    staff.require_that(Capability::Administer)?;
    let id = LadderId(path.into_inner());
    staff.works_in(id.0)?;
    let order = body.into_inner().step_ids;
    let ladder = write(&state, move |conn| {
        let current = load(conn, id)?;
        let ids: Vec<StepId> = current.steps.iter().map(|s| s.id).collect();
        check_reorder(&ids, &order)?;
        ladders::reorder_steps(conn, id, &order)?;
        audit_ladder(conn, &staff, AuditAction::LadderStepReorder, id)?;
        load(conn, id)
    })
    .await?;
    Ok(HttpResponse::Ok().json(ladder))
}

/// Add an activity run in parallel with the ladder (admin).
#[utoipa::path(tag = "ladders", security(("staff" = [])), request_body = NewActivity, responses(
    (status = 201, body = Ladder),
    problem::NotFound,
    problem::ValidationFailed,
))]
#[post("/ladders/{id}/activities")]
pub async fn add_activity(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
    body: web::Json<NewActivity>,
) -> Result<HttpResponse, ApiError> {
    staff.require_that(Capability::Administer)?;
    let id = LadderId(path.into_inner());
    staff.works_in(id.0)?;
    let (name, description) = parse_name_and_description(
        body.name.as_deref().unwrap_or(""),
        body.description.as_deref().unwrap_or(""),
    )?;
    let ladder = write(&state, move |conn| {
        load(conn, id)?;
        ladders::add_activity(conn, id, &name, &description)?;
        audit_ladder(conn, &staff, AuditAction::LadderActivityAdd, id)?;
        load(conn, id)
    })
    .await?;
    Ok(HttpResponse::Created().json(ladder))
}
