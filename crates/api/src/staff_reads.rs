//! A staff member's read in one trip to the store: the session checked on
//! the read's own connection, the read, then its audit event committed
//! without holding a thread (see [`read_audited`]).

use crate::auth::{Staff, StaffToken};
use crate::db::{on_store, settle};
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::web;
use stige_store::DbConnection;
use stige_store::read_audit::ReadEvent;
use stige_store::row_security::RowScope;

/// Reads with `f` as a staff member whose session is checked first, on the
/// same connection and in the same trip to the store (401 if it is not
/// open); gives the connection and the turn back, then records the read's
/// audit event from `audit`, waiting for its commit without a thread. The
/// answer leaves only after the event is committed; events of reads that
/// arrive together share one commit, and the read never holds the write lock.
pub async fn read_audited<T, F, A>(
    state: &web::Data<AppState>,
    token: StaffToken,
    f: F,
    audit: A,
) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&mut DbConnection, &Staff) -> Result<T, ApiError> + Send + 'static,
    A: FnOnce(&Staff, &T) -> ReadEvent + Send + 'static,
{
    let (value, event) = on_store(&state.store, move |store, _turn| {
        let read = {
            let mut conn = store.conn()?;
            let staff = token.staff(&mut conn)?;
            let scope = RowScope::Organisation(staff.reach.organisation().map(|o| o.0));
            store
                .read_in(&mut conn, scope, |conn| f(conn, &staff))
                .map(|value| (audit(&staff, &value), value))
        };
        settle(store, read).map(|(event, value)| (value, event))
    })
    .await??;
    // The connection and the turn are given back; the wait needs no thread.
    let clock = crate::server_timing::DbClock::current();
    let started = std::time::Instant::now();
    state.store.record_read_async(event).await?;
    clock.add(started.elapsed());
    Ok(value)
}
