//! stige-client: the request and response types of Stige's REST API, shared by the
//! server, its tests, the web app and partners' integrations, and a typed client.
//!
//! The client works natively and in the browser (wasm32); one [`Client`] carries one
//! principal's bearer token.

pub mod accounts;
pub mod activities;
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
pub mod contact;
pub mod daily;
pub mod employers;
mod object;
pub mod outcomes;
pub mod partners;
pub mod peers;
pub mod plan;
pub mod privacy;
pub mod production;
pub mod refs;
pub mod reports;
pub mod types;
pub mod utc;
pub mod work;

pub use accounts::*;
pub use activities::*;
pub use client::{Client, ClientError};
#[cfg(not(target_arch = "wasm32"))]
pub use client_partners::PartnerSession;
pub use contact::*;
pub use daily::*;
pub use employers::*;
pub use outcomes::*;
pub use partners::*;
pub use peers::*;
pub use plan::*;
pub use privacy::*;
pub use production::*;
pub use refs::*;
pub use reports::*;
pub use types::*;
pub use work::*;
