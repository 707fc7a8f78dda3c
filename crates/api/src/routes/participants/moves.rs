//! `POST /participants/{id}/moves`: step moves, up or down.

use crate::auth::Staff;
use crate::calendar::today;
use crate::db::write;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use actix_web::{HttpResponse, post, web};
use stige_domain::AuditAction;
use stige_domain::Capability;
use stige_domain::step_move::decide_move;
use stige_domain::{LadderId, MoveRequest, ParticipantId, StepId, StepOnLadder, ValidationErrors};
use stige_store::ladders;
use stige_store::participants::{self, NewStepMove};
use stige_wire::{MoveRequestBody, ParticipantDetail};

/// Move an active participant to another step of their ladder, up or down, with a
/// reason. Moving into a full step needs `override_reason`; otherwise 409.
#[utoipa::path(tag = "participants", security(("staff" = [])), request_body = MoveRequestBody, responses(
    (status = 200, body = ParticipantDetail),
    problem::NotFound,
    problem::Conflict,
    problem::ValidationFailed,
))]
#[post("/participants/{id}/moves")]
pub async fn move_participant(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
    body: web::Json<MoveRequestBody>,
) -> Result<HttpResponse, ApiError> {
    staff.require_that(Capability::WorkWithParticipants)?;
    let id = ParticipantId(path.into_inner());
    let body = body.into_inner();
    let today = today();
    let detail = write(&state, move |conn| {
        let row = super::visible(conn, &staff, id)?;
        let ladder = ladders::get(conn, LadderId(row.ladder_id))?.ok_or(ApiError::NotFound)?;
        let on_ladder = |step: i64| {
            ladder
                .steps
                .iter()
                .find(|(s, _)| s.id == step)
                .map(|(s, occupied)| StepOnLadder {
                    id: StepId(s.id),
                    position: s.position,
                    capacity: s.capacity.and_then(|c| u32::try_from(c).ok()),
                    occupied: u32::try_from(*occupied).unwrap_or(u32::MAX),
                })
        };
        let mut errors = ValidationErrors::new();
        let target = match body.to_step_id {
            None => {
                errors.add("to_step_id", "is required");
                None
            }
            Some(s) => {
                let t = on_ladder(s.0);
                if t.is_none() {
                    errors.add("to_step_id", "is not a step of this participant's ladder");
                }
                t
            }
        };
        let request = MoveRequest::parse(
            body.to_step_id.unwrap_or(StepId(0)),
            body.date.unwrap_or(today),
            body.reason.as_deref().unwrap_or(""),
            body.override_reason.as_deref(),
            today,
        );
        let (target, request) = match (target, request) {
            (Some(t), Ok(r)) if errors.is_empty() => (t, r),
            (_, Err(mut e)) => {
                errors.0.append(&mut e.0);
                return Err(errors.into());
            }
            _ => return Err(errors.into()),
        };
        let status = row.status;
        let current = row.current_step_id.and_then(on_ladder);
        let last = participants::last_move_date(conn, id)?;
        let direction = decide_move(status, current.as_ref(), last, &target, &request)
            .map_err(|e| ApiError::Conflict(format!("{e}.")))?;
        if !participants::set_current_step(conn, id, row.version, target.id)? {
            return Err(super::changed_meanwhile());
        }
        let step_name = ladder
            .steps
            .iter()
            .find(|(s, _)| s.id == target.id.0)
            .map(|(s, _)| s.name.clone())
            .unwrap_or_default();
        stige_store::partner_feed::participant_moved(
            conn,
            &row,
            (target.id.0, &step_name),
            request.date,
        )?;
        participants::insert_move(
            conn,
            &NewStepMove {
                participant: id,
                from_step: current.map(|c| c.id),
                to_step: target.id,
                direction: direction.as_str().to_owned(),
                date: request.date,
                reason: request.reason,
                override_reason: request.override_reason,
                recorded_by: staff.id,
            },
        )?;
        super::record(
            conn,
            &staff,
            AuditAction::ParticipantMove,
            Some(id),
            Some(format!(
                "to_step={} direction={}",
                target.id,
                direction.as_str()
            )),
        )?;
        let row = participants::get(conn, staff.within(), id)?.ok_or(ApiError::NotFound)?;
        super::detail_view(conn, row, today)
    })
    .await?;
    Ok(super::with_etag(HttpResponse::Ok(), &detail))
}
