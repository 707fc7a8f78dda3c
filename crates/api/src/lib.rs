//! stige-api: Stige's HTTP API and the `stige` binary.
//!
//! Which error type where: handlers return [`error::ApiError`] (its one
//! `ResponseError` impl decides the HTTP status); start-up and commands use `anyhow`;
//! store calls return diesel's `QueryResult`, turned into `ApiError::Unexpected`.

pub mod app;
pub mod audit_verify;
pub mod auth;
pub mod calendar;
pub mod client_address;
pub mod conditional;
pub mod config;
pub mod db;
pub mod early_warning;
pub mod error;
pub mod export_page;
pub mod idempotent;
pub mod jobs;
pub mod mail;
pub mod maintenance;
pub mod messages;
pub mod metrics;
pub mod oidc;
pub mod openapi;
pub mod organisations;
pub mod partner_view;
pub mod production_csv;
pub mod report_csv;
pub mod request_id;
pub mod request_log;
pub mod retention;
pub mod rotation;
pub mod routes;
pub mod row_scope;
pub mod server_timing;
pub mod setup_audit;
pub mod sign_in;
pub mod sign_in_guard;
pub mod staff_reads;
pub mod state;
pub mod use_cases;
pub mod web;
pub mod web_assets;
