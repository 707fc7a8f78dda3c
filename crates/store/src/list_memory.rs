//! What the participant list remembers per filter while the participants are
//! unchanged: the total, and where pages start.
//!
//! Counting every participant on a step costs more than reading the page of 50
//! itself, and so does skipping thousands of rows to reach a page far down the
//! list; staff page through the same filters again and again. The database
//! keeps a version of everything the list filters on (triggers on
//! `participants` and `participant_mentors` bump `list_versions`), so what is
//! remembered is used only while that version is unchanged, whichever process
//! or server wrote in between.

use crate::DbConnection;
use crate::list_filter::ListFilter;
use crate::schema::list_versions;
use diesel::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};

/// Filters remembered at most; beyond it all are forgotten.
const MOST_FILTERS: usize = 4096;
/// Page starts remembered at most per filter.
const MOST_STARTS: usize = 1024;

/// Where the list is sorted: family name, given name, id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SortKey {
    pub family_name: String,
    pub given_name: String,
    pub id: i64,
}

/// A place in a filter's list: the rows from `offset` on are those after `after`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Start {
    pub version: i64,
    pub offset: i64,
    pub after: SortKey,
}

/// What is remembered of one filter, all of it as of `version`.
#[derive(Debug, Default)]
struct Remembered {
    version: i64,
    total: Option<i64>,
    /// By offset: the key of the row just before it.
    starts: BTreeMap<i64, SortKey>,
}

/// Totals and page starts by filter (without its page), each as of the
/// version they were read at.
#[derive(Debug, Default)]
pub struct ListMemory {
    filters: Mutex<HashMap<ListFilter, Remembered>>,
    /// How many totals were counted rather than remembered.
    counted: AtomicU64,
}

/// The filter without its page: what is remembered is the same for every page.
fn key(f: &ListFilter) -> ListFilter {
    ListFilter {
        limit: 0,
        offset: 0,
        ..f.clone()
    }
}

impl ListMemory {
    /// The total for `f`: remembered if the participants are unchanged since it
    /// was counted, else counted with `count` and remembered.
    pub fn total(
        &self,
        conn: &mut DbConnection,
        f: &ListFilter,
        count: impl FnOnce(&mut DbConnection) -> QueryResult<i64>,
    ) -> QueryResult<i64> {
        let version = current_version(conn)?;
        self.total_at(conn, f, version, count)
    }

    /// Like [`ListMemory::total`], with the version already read by the caller,
    /// before counting: a change committed in between makes the total newer
    /// than its version, never older, and the next reader sees the new version
    /// and counts again.
    pub fn total_at(
        &self,
        conn: &mut DbConnection,
        f: &ListFilter,
        version: i64,
        count: impl FnOnce(&mut DbConnection) -> QueryResult<i64>,
    ) -> QueryResult<i64> {
        let key = key(f);
        if let Some(total) = self
            .lock()
            .get(&key)
            .filter(|r| r.version == version)
            .and_then(|r| r.total)
        {
            return Ok(total);
        }
        let total = count(conn)?;
        self.counted.fetch_add(1, Ordering::Relaxed);
        self.with(key, version, |r| r.total = Some(total));
        Ok(total)
    }

    /// The remembered start nearest before `f`'s page, if any: the page is
    /// then the rows after its key, skipping `f.offset - start.offset`. Valid
    /// only if the list's version is still `start.version`.
    pub fn start_before(&self, f: &ListFilter) -> Option<Start> {
        let filters = self.lock();
        let r = filters.get(&key(f))?;
        let (&offset, after) = r.starts.range(..=f.offset).next_back()?;
        Some(Start {
            version: r.version,
            offset,
            after: after.clone(),
        })
    }

    /// Remembers that, as of `version`, the rows of `f`'s list from `offset`
    /// on are those after `after`.
    pub fn remember_start(&self, f: &ListFilter, version: i64, offset: i64, after: SortKey) {
        self.with(key(f), version, |r| {
            if r.starts.len() < MOST_STARTS {
                r.starts.insert(offset, after);
            }
        });
    }

    /// How many totals were counted so far (the others were remembered).
    pub fn counted(&self) -> u64 {
        self.counted.load(Ordering::Relaxed)
    }

    /// Runs `change` on what is remembered of `key` as of `version`, first
    /// forgetting what was remembered as of another version. Never goes back
    /// to an older version than the one remembered.
    fn with(&self, key: ListFilter, version: i64, change: impl FnOnce(&mut Remembered)) {
        let mut filters = self.lock();
        if filters.len() >= MOST_FILTERS && !filters.contains_key(&key) {
            filters.clear();
        }
        let r = filters.entry(key).or_insert_with(|| Remembered {
            version,
            ..Remembered::default()
        });
        if r.version > version {
            return;
        }
        if r.version < version {
            *r = Remembered {
                version,
                ..Remembered::default()
            };
        }
        change(r);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<ListFilter, Remembered>> {
        self.filters.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The version of everything the participant list filters on.
pub fn current_version(conn: &mut DbConnection) -> QueryResult<i64> {
    list_versions::table
        .find("participants")
        .select(list_versions::version)
        .first(conn)
}
