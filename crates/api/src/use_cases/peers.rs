//! Peers: a participant who has come some way named peer support for a
//! newcomer of the same programme; each side's page shows the other.

use crate::auth::Staff;
use crate::error::ApiError;
use crate::use_cases::access::{followed, read_event, record, visible};
use chrono::NaiveDate;
use stige_domain::{AuditAction, EnrolmentStatus, ParticipantId, ValidationErrors, peer};
use stige_store::DbConnection;
use stige_store::peers as store;
use stige_store::read_audit::ReadEvent;
use stige_wire::{NewPeerSupport, PeerPerson, PeerSupport, PeerSupportEnd, Peers};

/// Why a peer support could not be ended again.
pub const ENDED: &str = "The peer support has already ended";

/// Participant `id`'s peer supports, both ways, as the API shows them;
/// `today` tells which are running.
pub fn peers_of(
    conn: &mut DbConnection,
    id: ParticipantId,
    today: NaiveDate,
) -> Result<Peers, ApiError> {
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

/// Participant `id`'s peers as a newcomer and the newcomers they support, if
/// `staff` may see them (404 otherwise).
pub fn peers(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
    today: NaiveDate,
) -> Result<Peers, ApiError> {
    visible(conn, staff, id)?;
    peers_of(conn, id, today)
}

/// The audit event of a read of participant `id`'s peers: the other side of
/// each support is shown too (by name).
pub fn peers_read(staff: &Staff, id: ParticipantId, peers: &Peers) -> ReadEvent {
    let mut event = read_event(staff, AuditAction::PeerRead, Some(id), None);
    event.participants = (peers.peers.iter())
        .map(|p| p.peer.participant_id)
        .chain(peers.supports.iter().map(|p| p.newcomer.participant_id))
        .collect();
    event
}

/// Names a peer for newcomer `id`: an active participant of the same
/// programme, from a day at most 31 days ahead; refused (422) while the
/// newcomer has a peer whose support has not ended, and for a newcomer who
/// has exited. Audited for both. Returns the newcomer's peers.
pub fn name_peer(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
    body: &NewPeerSupport,
    today: NaiveDate,
) -> Result<Peers, ApiError> {
    let newcomer = followed(conn, staff, id)?;
    let pair = peer::parse_new(id, body.peer_id, body.starts_on, today)?;
    let mut errors = ValidationErrors::new();
    if newcomer.status == EnrolmentStatus::Exited {
        errors.add("peer_id", "the participant has exited the programme");
    } else if store::has_running(conn, id)? {
        errors.add("peer_id", "already has a peer");
    }
    let peer_row = followed(conn, staff, pair.peer)?;
    if peer_row.ladder_id != newcomer.ladder_id {
        errors.add("peer_id", "is not a participant of the same programme");
    } else if peer_row.status != EnrolmentStatus::Active {
        errors.add("peer_id", "is not an active participant");
    }
    errors.into_result(())?;
    let now = chrono::Utc::now().naive_utc();
    let support = store::start(conn, pair.peer, id, pair.starts_on, staff.id, now)?;
    let detail = Some(format!("support={support} from={}", pair.starts_on));
    record(conn, staff, AuditAction::PeerName, Some(id), detail.clone())?;
    record(conn, staff, AuditAction::PeerName, Some(pair.peer), detail)?;
    peers_of(conn, id, today)
}

/// Ends peer support `support` of participant `id` (its peer or its
/// newcomer) on a day from its start to today (409 once ended). Audited for
/// both. Returns the participant's peers.
pub fn end_support(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
    support: i64,
    body: &PeerSupportEnd,
    today: NaiveDate,
) -> Result<Peers, ApiError> {
    followed(conn, staff, id)?;
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
    let ends_on = peer::parse_end(Some(ends_on), row.starts_on, today)?;
    store::end(
        conn,
        support,
        ends_on,
        staff.id,
        chrono::Utc::now().naive_utc(),
    )?;
    let detail = Some(format!("support={support} to={ends_on}"));
    for person in [row.peer_id, row.newcomer_id] {
        record(
            conn,
            staff,
            AuditAction::PeerEnd,
            Some(ParticipantId(person)),
            detail.clone(),
        )?;
    }
    peers_of(conn, id, today)
}
