//! stige-store: persistence for Stige over SQLite and PostgreSQL.
//!
//! Which error type where: store functions return diesel's `QueryResult`; opening
//! the database and migrating return [`StoreError`]. The store never decides: the
//! API loads state with these functions, asks the domain, and writes the decision
//! together with its audit event inside one [`Store::transaction`].

pub mod access_log;
pub mod activity_enrolments;
pub mod agreement_links;
pub mod anonymise;
pub mod attendance;
pub mod audit;
pub mod audit_chain;
pub mod backup;
pub mod bulk;
pub mod connection;
pub mod consents;
pub mod contacts;
pub mod early_warnings;
pub mod follow_ups;
pub mod goals;
pub mod idempotency;
pub mod identity_corrections;
mod immediate;
pub mod invitations;
pub mod jobs;
pub mod ladders;
pub mod list_filter;
pub mod list_memory;
pub mod migrate;
pub mod oidc;
pub mod optional_code;
pub mod organisations;
pub mod outcomes;
pub mod participants;
pub mod partner_events;
pub mod partner_feed;
pub mod partner_reads;
pub mod partners;
pub mod password_resets;
pub mod peers;
pub mod placements;
pub mod plans;
pub mod production;
pub mod proposals;
pub mod reachability;
pub mod read_audit;
pub mod read_events;
pub mod referrals;
pub mod reports;
pub mod request;
pub mod research;
pub mod row_security;
pub mod schema;
pub mod sign_in_attempts;
pub mod testing;
pub mod today;
pub mod users;
pub mod within;
pub mod work_log;

pub use connection::{Backend, DbConnection, Store, StoreError, Turn};
pub use diesel::result::Error as DbError;

/// Now, in UTC, as stored.
pub fn now() -> chrono::NaiveDateTime {
    chrono::Utc::now().naive_utc()
}
