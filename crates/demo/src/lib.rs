//! stige-demo: demo data and `stige seed`, outside the server library.
//!
//! - [`programmes`]: an empty database gets the demo organisations, staff
//!   (password "demo"), the two programmes (Portalen in Kristiansand, Porten in
//!   Malmö) and people at every stage, with partners, employers, activities, the
//!   work log, production and outcomes from the other modules.
//! - [`seed`]: a reproducible number of people and years of history on top
//!   (`stige seed`, the benchmark).
//! - [`contacts`]: contact details for the demo people, encrypted with the data key.
//! - [`credentials`]: whether the demo's well-known passwords are still in use.

pub mod activities;
pub mod contacts;
pub mod credentials;
mod daily;
pub mod employers;
pub mod outcomes;
pub mod partners;
pub mod production;
pub mod programmes;
pub mod seed;
pub mod work;
