//! Whether the database answers: set when a connection or query fails
//! because the database cannot be reached, cleared when it answers again.
//!
//! While it is unreachable, requests do not queue for a connection that will
//! not come: a request that finds a turn free probes the database (up to the
//! pool's connection timeout), every other one is answered at once, and every
//! connection given back to the pool is dropped (a connection from before
//! the outage may look open and be dead).

use diesel::result::{DatabaseErrorKind, Error};
use std::sync::{Mutex, PoisonError};
use tokio::sync::watch;

/// The database's reachability, shared by a store's clones.
#[derive(Debug)]
pub struct Reachability {
    down: watch::Sender<bool>,
    /// Why it was last found unreachable (no passwords: see `redact`).
    why: Mutex<Option<String>>,
}

impl Default for Reachability {
    fn default() -> Self {
        Self {
            down: watch::Sender::new(false),
            why: Mutex::new(None),
        }
    }
}

impl Reachability {
    /// The database failed to answer lately and has not answered since.
    pub fn is_down(&self) -> bool {
        *self.down.borrow()
    }

    /// Why the database was last found unreachable, while it still is.
    pub fn why(&self) -> Option<String> {
        if !self.is_down() {
            return None;
        }
        self.why
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    pub fn mark_down(&self, why: &str) {
        *self.why.lock().unwrap_or_else(PoisonError::into_inner) = Some(why.to_owned());
        if self
            .down
            .send_if_modified(|down| !std::mem::replace(down, true))
        {
            tracing::warn!(error = %why, "the database cannot be reached");
        }
    }

    pub fn mark_up(&self) {
        if self
            .down
            .send_if_modified(|down| std::mem::replace(down, false))
        {
            tracing::info!("the database answers again");
        }
    }

    /// Woken when the database is found unreachable.
    pub fn subscribe(&self) -> watch::Receiver<bool> {
        self.down.subscribe()
    }
}

/// Whether a query failed because the connection to the database is gone
/// (closed, refused, or the server went away), not because of the query.
pub fn is_unreachable(e: &Error) -> bool {
    match e {
        Error::DatabaseError(
            DatabaseErrorKind::ClosedConnection | DatabaseErrorKind::UnableToSendCommand,
            _,
        )
        | Error::BrokenTransactionManager => true,
        // PostgreSQL's "terminating connection due to administrator command"
        // and its kin (class 57P: operator intervention).
        Error::DatabaseError(_, info) => {
            let m = info.message();
            m.contains("terminating connection") || m.contains("server closed the connection")
        }
        Error::RollbackErrorOnCommit {
            rollback_error,
            commit_error,
        } => is_unreachable(rollback_error) || is_unreachable(commit_error),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn down_and_up_are_remembered_with_the_reason() {
        let r = Reachability::default();
        assert!(!r.is_down());
        let seen = r.subscribe();
        r.mark_down("connection refused");
        assert!(r.is_down());
        assert_eq!(r.why().as_deref(), Some("connection refused"));
        assert!(seen.has_changed().unwrap_or(false));
        r.mark_up();
        assert!(!r.is_down());
        assert_eq!(r.why(), None);
    }

    #[test]
    fn only_connection_failures_count_as_unreachable() {
        assert!(is_unreachable(&Error::BrokenTransactionManager));
        assert!(!is_unreachable(&Error::NotFound));
        assert!(!is_unreachable(&Error::RollbackTransaction));
    }
}
