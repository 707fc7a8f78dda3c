//! The programme's workplaces and their tasks, and what each step expects of
//! a person's work: `GET`/`POST /ladders/{id}/workplaces`,
//! `PUT /ladders/{id}/workplaces/{workplace}`,
//! `POST /ladders/{id}/workplaces/{workplace}/tasks`,
//! `PUT /ladders/{id}/steps/{step}/work-demand`. Every staff member of the
//! programme reads; admins write.

use crate::auth::Staff;
use crate::db::{read, write};
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, put, web};
use stige_domain::AuditAction;
use stige_domain::production::OutputUnit;
use stige_domain::work::{self, Independence, MAX_HOURS_A_WEEK, StepDemand};
use stige_domain::{Capability, LadderId, ValidationErrors};
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

/// The programme's workplaces (workshop, kitchen, café, ...) by name, each
/// with its tasks by name. Staff of the programme; 404 for anyone else.
#[utoipa::path(tag = "work", security(("staff" = [])), responses(
    (status = 200, body = Vec<Workplace>),
    problem::NotFound,
))]
#[get("/ladders/{id}/workplaces")]
pub async fn list(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let ladder = LadderId(path.into_inner());
    staff.works_in(ladder.0)?;
    let places = read(&state, move |conn| workplaces_of(conn, &[ladder.0])).await?;
    Ok(HttpResponse::Ok().json(places))
}

/// Adds a workplace to the programme with its first tasks (admin). Its name
/// is unique in the programme, each task's at the workplace.
#[utoipa::path(tag = "work", security(("staff" = [])), request_body = NewWorkplace, responses(
    (status = 201, body = Workplace),
    problem::BadRequest,
    problem::Forbidden,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[post("/ladders/{id}/workplaces")]
pub async fn add(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
    body: web::Json<NewWorkplace>,
) -> Result<HttpResponse, ApiError> {
    staff.require_that(Capability::Administer)?;
    let ladder = LadderId(path.into_inner());
    staff.works_in(ladder.0)?;
    let body = body.into_inner();
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
    let place = write(&state, move |conn| {
        if store::workplace_taken(conn, ladder.0, &name)? {
            let mut e = ValidationErrors::new();
            e.add("name", "is already taken");
            return Err(e.into());
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
        crate::setup_audit::record(
            conn,
            &staff,
            AuditAction::LadderWorkplaceAdd,
            format!("ladder={ladder} workplace={id}"),
        )?;
        one(conn, ladder, id)
    })
    .await?;
    Ok(HttpResponse::Created().json(place))
}

/// Sets one of the programme's workplaces' name and what its output is
/// counted in, items or portions (admin); both are required, as `PUT`
/// replaces them. Answers the workplace with its tasks.
#[utoipa::path(tag = "work", security(("staff" = [])), request_body = WorkplaceUpdate, responses(
    (status = 200, body = Workplace),
    problem::BadRequest,
    problem::Forbidden,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[put("/ladders/{id}/workplaces/{workplace}")]
pub async fn update(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i64, i64)>,
    body: web::Json<WorkplaceUpdate>,
) -> Result<HttpResponse, ApiError> {
    staff.require_that(Capability::Administer)?;
    let (ladder, workplace) = path.into_inner();
    let ladder = LadderId(ladder);
    staff.works_in(ladder.0)?;
    let body = body.into_inner();
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
    let place = write(&state, move |conn| {
        let current = store::workplace(conn, ladder.0, workplace)?.ok_or(ApiError::NotFound)?;
        if let Some(n) = name.as_deref()
            && n != current.name
            && store::workplace_taken(conn, ladder.0, n)?
        {
            let mut e = ValidationErrors::new();
            e.add("name", "is already taken");
            return Err(e.into());
        }
        store::update_workplace(conn, ladder.0, workplace, name.as_deref(), body.output_unit)?;
        crate::setup_audit::record(
            conn,
            &staff,
            AuditAction::LadderWorkplaceUpdate,
            format!("ladder={ladder} workplace={workplace}"),
        )?;
        one(conn, ladder, workplace)
    })
    .await?;
    Ok(HttpResponse::Ok().json(place))
}

/// Adds a task to one of the programme's workplaces (admin); answers the
/// workplace with its tasks.
#[utoipa::path(tag = "work", security(("staff" = [])), request_body = NewWorkTask, responses(
    (status = 201, body = Workplace),
    problem::BadRequest,
    problem::Forbidden,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[post("/ladders/{id}/workplaces/{workplace}/tasks")]
pub async fn add_task(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i64, i64)>,
    body: web::Json<NewWorkTask>,
) -> Result<HttpResponse, ApiError> {
    staff.require_that(Capability::Administer)?;
    let (ladder, workplace) = path.into_inner();
    let ladder = LadderId(ladder);
    staff.works_in(ladder.0)?;
    let name = work::parse_name("name", body.name.as_deref())?;
    let place = write(&state, move |conn| {
        store::workplace(conn, ladder.0, workplace)?.ok_or(ApiError::NotFound)?;
        if store::task_taken(conn, workplace, &name)? {
            let mut e = ValidationErrors::new();
            e.add("name", "is already taken");
            return Err(e.into());
        }
        let id = store::add_task(conn, workplace, &name)?;
        crate::setup_audit::record(
            conn,
            &staff,
            AuditAction::LadderWorkTaskAdd,
            format!("ladder={ladder} workplace={workplace} task={id}"),
        )?;
        one(conn, ladder, workplace)
    })
    .await?;
    Ok(HttpResponse::Created().json(place))
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
pub fn demand_view(minutes: Option<i32>, independence: Option<&str>) -> StepWorkDemand {
    StepWorkDemand {
        hours_a_week: minutes
            .and_then(|m| u32::try_from(m).ok())
            .map(work::hours_of),
        independence: independence.and_then(Independence::parse),
    }
}

/// Sets what a step expects of a person's work (admin): hours a week and an
/// independence level, drawn as a band beside the person's work capacity.
#[utoipa::path(tag = "work", security(("staff" = [])), request_body = StepWorkDemand, responses(
    (status = 200, body = StepWorkDemand),
    problem::BadRequest,
    problem::Forbidden,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[put("/ladders/{id}/steps/{step_id}/work-demand")]
pub async fn set_demand(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i64, i64)>,
    body: web::Json<StepWorkDemand>,
) -> Result<HttpResponse, ApiError> {
    staff.require_that(Capability::Administer)?;
    let (ladder, step) = path.into_inner();
    staff.works_in(ladder)?;
    let demand = parse_demand(&body)?;
    let saved = write(&state, move |conn| {
        if !store::set_step_demand(conn, ladder, step, demand)? {
            return Err(ApiError::NotFound);
        }
        crate::setup_audit::record(
            conn,
            &staff,
            AuditAction::LadderStepWorkDemand,
            format!("ladder={ladder} step={step}"),
        )?;
        let row = store::step_demands(conn, &[ladder])?
            .into_iter()
            .find(|s| s.id == step)
            .ok_or(ApiError::NotFound)?;
        Ok(demand_view(
            row.expected_minutes_a_week,
            row.expected_independence.as_deref(),
        ))
    })
    .await?;
    Ok(HttpResponse::Ok().json(saved))
}
