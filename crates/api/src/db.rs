//! A request's work on the store: off the async threads, in the request's
//! turn and row scope, a read or one transaction, with refusals recorded and
//! a lost database reported (see `stige_store::reachability`).

use crate::error::ApiError;
use crate::state::AppState;
use actix_web::web;
use stige_store::{DbConnection, Store, Turn};

/// Runs `f` off the async threads once the store gives this request its turn
/// (requests take turns in the order they came; see [`stige_store::Store::turn`]).
pub async fn on_store<T, F>(store: &Store, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&Store, Turn) -> T + Send + 'static,
{
    let clock = crate::server_timing::DbClock::current();
    let turn = store.turn().await?;
    let store = store.clone();
    // The request's id goes with its work, into its audit events.
    let request = stige_store::request::current();
    Ok(web::block(move || {
        clock.time(|| stige_store::request::on_thread(request, || f(&store, turn)))
    })
    .await?)
}

/// Runs `f` with a connection, off the async threads.
pub async fn read<T, F>(state: &web::Data<AppState>, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
{
    let scope = crate::row_scope::current();
    on_store(&state.store, move |store, _turn| {
        let result = store.read_in(&mut *store.conn()?, scope, f);
        settle(store, result)
    })
    .await?
}

/// Runs `f` in one transaction, off the async threads: all of it is written, or none.
pub async fn write<T, F>(state: &web::Data<AppState>, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
{
    let scope = crate::row_scope::current();
    on_store(&state.store, move |store, _turn| {
        let result = store.transaction_in(scope, f);
        settle(store, result)
    })
    .await?
}

/// Records a refused attempt on a person (see [`ApiError::Refused`]) and
/// answers 404. Called after the request's transaction has ended, which rolls
/// back on the error, so the event is committed on its own, by the read audit.
///
/// A request that failed because the database cannot be reached tells the
/// store, so the requests after it are answered 503 at once and the pool's
/// connections from before the outage are dropped (see
/// `stige_store::reachability`).
pub(crate) fn settle<T>(store: &Store, result: Result<T, ApiError>) -> Result<T, ApiError> {
    match result {
        Err(ApiError::Refused(event)) => {
            store.record_read(*event)?;
            Err(ApiError::NotFound)
        }
        Err(ApiError::Unavailable) => {
            store.mark_unreachable("a query failed: the connection to the database is gone");
            Err(ApiError::Unavailable)
        }
        other => other,
    }
}
