//! Totals of the participant list, kept per filter until the participants change.
//!
//! Counting every participant on a step costs more than reading the page of 50
//! itself, and staff page through the same filters again and again. The
//! database keeps a version of everything the list filters on (triggers on
//! `participants` and `participant_mentors` bump `list_versions`), so a total is
//! reused only while that version is unchanged, whichever process or server
//! wrote in between.

use crate::DbConnection;
use crate::participants::ListFilter;
use crate::schema::list_versions;
use diesel::prelude::*;
use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

/// Filters remembered at most; beyond it all are forgotten and counted anew.
const MOST_FILTERS: usize = 4096;

/// Totals by filter (without its page), each with the version it was counted at.
#[derive(Debug, Default)]
pub struct ListTotals {
    totals: Mutex<HashMap<ListFilter, (i64, i64)>>,
}

impl ListTotals {
    /// The total for `f`: remembered if the participants are unchanged since it
    /// was counted, else counted with `count` and remembered.
    pub fn total(
        &self,
        conn: &mut DbConnection,
        f: &ListFilter,
        count: impl FnOnce(&mut DbConnection) -> QueryResult<i64>,
    ) -> QueryResult<i64> {
        // The version is read before counting: a change committed in between
        // makes the total newer than its version, never older, and the next
        // reader sees the new version and counts again.
        let version = current_version(conn)?;
        let key = ListFilter {
            limit: 0,
            offset: 0,
            ..f.clone()
        };
        if let Some(&(at, total)) = self.lock().get(&key)
            && at == version
        {
            return Ok(total);
        }
        let total = count(conn)?;
        let mut totals = self.lock();
        if totals.len() >= MOST_FILTERS {
            totals.clear();
        }
        totals.insert(key, (version, total));
        Ok(total)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<ListFilter, (i64, i64)>> {
        self.totals.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The version of everything the participant list filters on.
pub fn current_version(conn: &mut DbConnection) -> QueryResult<i64> {
    list_versions::table
        .find("participants")
        .select(list_versions::version)
        .first(conn)
}
