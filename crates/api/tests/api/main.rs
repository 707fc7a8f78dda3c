#![expect(clippy::expect_used, reason = "test fixtures fail loudly")]

//! The API's black-box tests: one binary, one file per feature. Each test starts its
//! own server on 127.0.0.1:0 with a fresh database (SQLite by default; PostgreSQL
//! when `STIGE_TEST_DATABASE=postgres`).

mod access_log;
mod activities;
mod agreement_links;
pub mod attendance;
mod audit;
mod auth;
mod contact;
mod demo;
mod demo_credentials;
mod early_warning;
mod erasure;
mod export;
mod follow_ups;
mod goals;
mod health;
mod helpers;
mod identity_provider;
mod ladders;
mod openapi;
mod operations;
mod organisation_report;
mod organisations;
mod organisations_matrix;
mod outage;
mod outbox;
mod outcomes;
mod participants;
mod participants_history;
mod participants_privacy;
mod partner_auth;
mod partner_helpers;
mod partner_reads;
mod partner_users;
mod partners;
mod passwords;
mod peers;
mod placements;
mod plan;
mod privacy;
mod problem_codes;
mod processes;
mod production;
mod proposals;
mod rectifications;
mod referrals;
mod referrals_accept;
mod referrals_recorded;
mod register;
mod report_work_capacity;
mod reports;
mod request_log;
mod research;
mod retention;
mod security;
mod sessions;
mod sso;
mod sso_partner;
mod throttling;
mod today;
mod today_answers;
mod users;
mod web_assets;
mod work;
