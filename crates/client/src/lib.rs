//! stige-client: a typed client of Stige's REST API, for partners' integrations,
//! the web app, the benchmark and the API tests. The types it sends and reads
//! are `stige-wire`'s, re-exported here so that a client needs one dependency.
//!
//! The client works natively and in the browser (wasm32); one [`Client`] carries one
//! principal's bearer token.

mod client;
mod client_accounts;
mod client_activities;
mod client_contact;
mod client_daily;
mod client_employers;
mod client_outcomes;
mod client_partners;
mod client_peers;
mod client_plan;
mod client_privacy;
mod client_production;
mod client_reports;
mod client_work;

pub use client::{Client, ClientError};
#[cfg(not(target_arch = "wasm32"))]
pub use client_partners::PartnerSession;
pub use stige_wire::*;
