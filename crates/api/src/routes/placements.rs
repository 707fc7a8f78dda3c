//! Placements (staff): propose, invite the employer (a link by message), follow on
//! the board, extend, complete or end early; and the outbox of messages.

use crate::auth::Staff;
use crate::calendar::today;
use crate::conditional::{if_match, with_etag};
use crate::db::{read, write};
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use crate::use_cases::placements::{self as placements_uc, load};
use crate::use_cases::{employer_invitations, placement_actions};
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use stige_domain::ParticipantId;
use stige_wire::{
    InvitationRequest, InvitationSent, OutboxMessage, Placement, PlacementActionRequest,
    PlacementActivityRequest, PlacementBoard, PlacementInput,
};

/// The placement board: awaiting the employer, confirmed and not yet started
/// (those starting this week also on their own), running (those ending within 14
/// days also on their own), and proposals not yet sent.
#[utoipa::path(tag = "placements", security(("staff" = [])), responses(
    (status = 200, body = PlacementBoard),
    problem::Forbidden,
))]
#[get("/placements")]
pub async fn board(state: web::Data<AppState>, staff: Staff) -> Result<HttpResponse, ApiError> {
    let today = today();
    let (board, event) = read(&state, move |conn| {
        placements_uc::board(conn, &staff, today)
    })
    .await?;
    state.store.record_read_async(event).await?;
    Ok(HttpResponse::Ok().json(board))
}

/// Propose a placement for a participant with an employer.
#[utoipa::path(tag = "placements", security(("staff" = [])), request_body = PlacementInput, responses(
    (status = 201, body = Placement, headers(("ETag" = String, description = "The version, for If-Match"))),
    problem::Forbidden,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[post("/placements")]
pub async fn create(
    state: web::Data<AppState>,
    staff: Staff,
    body: web::Json<PlacementInput>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let today = today();
    let placement = write(&state, move |conn| {
        placements_uc::propose(conn, &staff, &body, today)
    })
    .await?;
    Ok(with_etag(
        HttpResponse::Created(),
        placement.version,
        &placement,
    ))
}

/// One placement with its history and the employer's feedback.
#[utoipa::path(tag = "placements", security(("staff" = [])), responses(
    (status = 200, body = Placement, headers(("ETag" = String, description = "The version, for If-Match"))),
    problem::NotFound,
))]
#[get("/placements/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let today = today();
    let placement = write(&state, move |conn| {
        placements_uc::placement(conn, &staff, id, today)
    })
    .await?;
    Ok(with_etag(HttpResponse::Ok(), placement.version, &placement))
}

/// The participant's placements, newest first.
#[utoipa::path(tag = "placements", security(("staff" = [])), responses(
    (status = 200, body = Vec<Placement>),
    problem::NotFound,
))]
#[get("/participants/{id}/placements")]
pub async fn for_participant(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = ParticipantId(path.into_inner());
    let today = today();
    super::reply::write_ok(&state, move |conn| {
        placements_uc::for_participant(conn, &staff, id, today)
    })
    .await
}

/// Invite the employer's contact by message: to confirm (or decline) the placement,
/// or near the end to report how it went. A new link replaces an open one; each
/// link takes one decision and expires (14 days by default). The answer holds the
/// link, this once: the outbox shows the message with the link's token left out.
#[utoipa::path(tag = "placements", security(("staff" = [])), request_body = InvitationRequest,
    params(("If-Match" = String, Header, description = "The ETag from the last read")),
    responses(
    (status = 200, body = InvitationSent, headers(("ETag" = String, description = "The placement's new version"))),
    problem::PlacementChange,
))]
#[post("/placements/{id}/invite")]
pub async fn invite(
    state: web::Data<AppState>,
    staff: Staff,
    req: HttpRequest,
    path: web::Path<i64>,
    body: web::Json<InvitationRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let purpose = employer_invitations::purpose(&staff, &body.into_inner())?;
    let outbound = employer_invitations::Outbound {
        links: state.links.clone(),
        cipher: state.cipher.clone(),
        delivery: state.delivery,
    };
    let expected = if_match(&req);
    let today = today();
    let sent = write(&state, move |conn| {
        let invited =
            employer_invitations::invite(conn, &staff, id, purpose, expected, &outbound, today)?;
        Ok(InvitationSent {
            placement: load(conn, id, today)?,
            message_id: invited.message_id,
            link: invited.link,
            expires_at: invited.expires_at,
        })
    })
    .await?;
    Ok(with_etag(HttpResponse::Ok(), sent.placement.version, &sent))
}

/// Staff's own changes: complete, end early (with a reason) or extend (a later end
/// date; the history keeps the old one).
#[utoipa::path(tag = "placements", security(("staff" = [])), request_body = PlacementActionRequest,
    params(("If-Match" = String, Header, description = "The ETag from the last read")),
    responses(
    (status = 200, body = Placement, headers(("ETag" = String, description = "The new version"))),
    problem::PlacementChange,
))]
#[post("/placements/{id}/actions")]
pub async fn act(
    state: web::Data<AppState>,
    staff: Staff,
    req: HttpRequest,
    path: web::Path<i64>,
    body: web::Json<PlacementActionRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let action = placement_actions::PlacementActionCommand::parse(&staff, &body.into_inner())?;
    let expected = if_match(&req);
    let today = today();
    let placement = write(&state, move |conn| {
        placement_actions::act(conn, &staff, id, &action, expected, today)?;
        load(conn, id, today)
    })
    .await?;
    Ok(with_etag(HttpResponse::Ok(), placement.version, &placement))
}

/// Records a confirmed or active placement as one of the participant's ladder's
/// parallel activities, so the ladder stays true when the placement runs beside
/// the current step instead of moving the participant to the internship step.
/// A later choice replaces an earlier one.
#[utoipa::path(tag = "placements", security(("staff" = [])), request_body = PlacementActivityRequest,
    params(("If-Match" = String, Header, description = "The ETag from the last read")),
    responses(
    (status = 200, body = Placement, headers(("ETag" = String, description = "The new version"))),
    problem::PlacementChange,
))]
#[put("/placements/{id}/activity")]
pub async fn record_activity(
    state: web::Data<AppState>,
    staff: Staff,
    req: HttpRequest,
    path: web::Path<i64>,
    body: web::Json<PlacementActivityRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let activity_id = body.into_inner().activity_id;
    let expected = if_match(&req);
    let today = today();
    let placement = write(&state, move |conn| {
        placements_uc::record_as_activity(conn, &staff, id, activity_id, expected, today)
    })
    .await?;
    Ok(with_etag(HttpResponse::Ok(), placement.version, &placement))
}

/// Every message Stige sent or keeps, newest first, with its delivery state. An
/// employer link shows as `…/employer/…`: its token is in no stored message.
#[utoipa::path(tag = "placements", security(("staff" = [])), responses(
    (status = 200, body = Vec<OutboxMessage>),
    problem::Forbidden,
))]
#[get("/outbox")]
pub async fn outbox(state: web::Data<AppState>, staff: Staff) -> Result<HttpResponse, ApiError> {
    super::reply::read_ok(&state, move |conn| {
        employer_invitations::outbox(conn, &staff)
    })
    .await
}
