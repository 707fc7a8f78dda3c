//! Peers (issue 26): `GET`/`POST /participants/{id}/peers` and
//! `PUT /participants/{id}/peers/{support}/ending`. A participant who has
//! come some way is named peer support for a newcomer of the same programme;
//! each side's page shows the other.

use crate::auth::{Reader, Staff};
use crate::calendar::today;
use crate::db::write;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::staff_reads::read_audited;
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, put, web};
use stige_domain::AuditAction;
use stige_domain::{EnrolmentStatus, ParticipantId, ValidationErrors, peer};
use stige_store::DbConnection;
use stige_store::peers as store;
use stige_wire::{NewPeerSupport, PeerPerson, PeerSupport, PeerSupportEnd, Peers};

/// The person's supports, both ways, as the API shows them.
pub fn peers_of(conn: &mut DbConnection, id: ParticipantId) -> Result<Peers, ApiError> {
    let rows = store::of_person(conn, id)?;
    let ids: Vec<i64> = rows
        .iter()
        .flat_map(|r| [r.peer_id, r.newcomer_id])
        .collect();
    let names = store::names(conn, &ids)?;
    let person = |pid: i64| {
        let (given, family) = (names.iter())
            .find(|(n, ..)| *n == pid)
            .map(|(_, g, f)| (g.clone(), f.clone()))
            .unwrap_or_default();
        PeerPerson {
            participant_id: ParticipantId(pid),
            given_name: given,
            family_name: family,
        }
    };
    let today = today();
    let (mut peers, mut supports) = (vec![], vec![]);
    for r in rows {
        let view = PeerSupport {
            id: r.id,
            peer: person(r.peer_id),
            newcomer: person(r.newcomer_id),
            starts_on: r.starts_on,
            ends_on: r.ends_on,
            running: stige_domain::activity::runs_on(today, r.starts_on, r.ends_on),
            updated_at: r.updated_at,
        };
        if r.newcomer_id == id.0 {
            peers.push(view);
        } else {
            supports.push(view);
        }
    }
    Ok(Peers {
        participant_id: id,
        peers,
        supports,
    })
}

/// The person's peers as a newcomer and the newcomers they support, newest
/// first. Staff who may see the person; 404 for everyone else.
#[utoipa::path(tag = "work", security(("staff" = [])), responses(
    (status = 200, body = Peers),
    problem::NotFound,
))]
#[get("/participants/{id}/peers")]
pub async fn list(
    state: web::Data<AppState>,
    reader: Reader,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = ParticipantId(path.into_inner());
    let Reader::Staff(token) = reader else {
        return Err(ApiError::NotFound);
    };
    let peers = read_audited(
        &state,
        token,
        move |conn, staff| {
            super::visible(conn, staff, id)?;
            peers_of(conn, id)
        },
        // The other side of each support is shown too (by name).
        move |staff, peers: &Peers| {
            let mut event = super::read_event(staff, AuditAction::PeerRead, Some(id), None);
            event.participants = (peers.peers.iter())
                .map(|p| p.peer.participant_id)
                .chain(peers.supports.iter().map(|p| p.newcomer.participant_id))
                .collect();
            event
        },
    )
    .await?;
    Ok(HttpResponse::Ok().json(peers))
}

/// Names a peer for the newcomer: an active participant of the same
/// programme, not the newcomer, from a day at most 31 days ahead. Refused
/// (422) while the newcomer has a peer whose support has not ended, and for
/// a newcomer who has exited. Admin, coordinator, a mentor of both.
#[utoipa::path(tag = "work", security(("staff" = [])), request_body = NewPeerSupport, responses(
    (status = 201, body = Peers),
    problem::BadRequest,
    problem::Forbidden,
    problem::NotFound,
    problem::ValidationFailed,
))]
#[post("/participants/{id}/peers")]
pub async fn name(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i64>,
    body: web::Json<NewPeerSupport>,
) -> Result<HttpResponse, ApiError> {
    let id = ParticipantId(path.into_inner());
    let body = body.into_inner();
    let peers = write(&state, move |conn| {
        let newcomer = super::followed(conn, &staff, id)?;
        let pair = peer::parse_new(id, body.peer_id, body.starts_on, today())?;
        let mut errors = ValidationErrors::new();
        if newcomer.status == EnrolmentStatus::Exited {
            errors.add("peer_id", "the participant has exited the programme");
        } else if store::has_running(conn, id)? {
            errors.add("peer_id", "already has a peer");
        }
        let peer_row = super::followed(conn, &staff, pair.peer)?;
        if peer_row.ladder_id != newcomer.ladder_id {
            errors.add("peer_id", "is not a participant of the same programme");
        } else if peer_row.status != EnrolmentStatus::Active {
            errors.add("peer_id", "is not an active participant");
        }
        errors.into_result(())?;
        let now = chrono::Utc::now().naive_utc();
        let support = store::start(conn, pair.peer, id, pair.starts_on, staff.id, now)?;
        let detail = Some(format!("support={support} from={}", pair.starts_on));
        super::record(
            conn,
            &staff,
            AuditAction::PeerName,
            Some(id),
            detail.clone(),
        )?;
        super::record(conn, &staff, AuditAction::PeerName, Some(pair.peer), detail)?;
        peers_of(conn, id)
    })
    .await?;
    Ok(HttpResponse::Created().json(peers))
}

/// Ends one of the person's peer supports (the person may be its peer or its
/// newcomer) on a day from its start to today. 409 once ended.
#[utoipa::path(tag = "work", security(("staff" = [])), request_body = PeerSupportEnd, responses(
    (status = 200, body = Peers),
    problem::BadRequest,
    problem::Forbidden,
    problem::NotFound,
    problem::Conflict,
    problem::ValidationFailed,
))]
#[put("/participants/{id}/peers/{support}/ending")]
pub async fn end(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i64, i64)>,
    body: web::Json<PeerSupportEnd>,
) -> Result<HttpResponse, ApiError> {
    let (id, support) = path.into_inner();
    let id = ParticipantId(id);
    let peers = write(&state, move |conn| {
        super::followed(conn, &staff, id)?;
        let row = store::get(conn, support)?
            .filter(|r| r.peer_id == id.0 || r.newcomer_id == id.0)
            .ok_or(ApiError::NotFound)?;
        if row.ends_on.is_some() {
            return Err(ApiError::Conflict(ENDED.into()));
        }
        let Some(ends_on) = body.ends_on else {
            let mut e = ValidationErrors::new();
            e.add("ends_on", "is required");
            return Err(e.into());
        };
        let ends_on = peer::parse_end(Some(ends_on), row.starts_on, today())?;
        store::end(
            conn,
            support,
            ends_on,
            staff.id,
            chrono::Utc::now().naive_utc(),
        )?;
        let detail = Some(format!("support={support} to={ends_on}"));
        for person in [row.peer_id, row.newcomer_id] {
            super::record(
                conn,
                &staff,
                AuditAction::PeerEnd,
                Some(ParticipantId(person)),
                detail.clone(),
            )?;
        }
        peers_of(conn, id)
    })
    .await?;
    Ok(HttpResponse::Ok().json(peers))
}

/// Why a peer support could not be ended again.
pub const ENDED: &str = "The peer support has already ended";
