//! Use cases: one function for each thing a principal does (move a
//! participant, change their status, start them on the ladder, ...). Each takes
//! the principal and the parsed command and, inside the caller's one
//! transaction (`db::write`), does the whole of it: load, decide (the domain
//! returns what happened), write, record the audit event and tell the partners
//! following the person (their change feed). It returns what happened, typed
//! where the answer needs more than "done" (`StepMoved`, `StatusChanged`,
//! `Triaged`, `Answered`, `Invited`, a new id, the participant's row).
//!
//! Handlers in `routes/` only extract the request, call a use case and map its
//! result to the answer; nothing here knows HTTP (no `actix_web`), and nothing
//! here imports `routes/` (`xtask/tests/layers.rs` checks both;
//! `xtask/tests/import_circles.rs` that no file imports one that imports it
//! back).

pub mod access;
pub mod access_log;
pub mod activities;
pub mod agreement_links;
pub mod agreements;
pub mod api_clients;
pub mod api_tokens;
pub mod attendance;
pub mod consent;
pub mod contacts;
pub mod employer_answers;
pub mod employer_invitations;
pub mod employers;
pub mod enrolment;
pub mod erasure;
pub mod exit_checks;
pub mod export;
pub mod follow_ups;
pub mod goals;
pub mod ladders;
pub mod mentors;
pub mod national_id;
pub mod organisations;
pub mod outcomes;
pub mod participants;
pub mod partner_events;
pub mod partner_reads;
pub mod partner_users;
pub mod partners;
pub mod passwords;
pub mod peers;
pub mod placement_actions;
pub mod placements;
pub mod plans;
pub mod privacy;
pub mod production;
pub mod proposals;
pub mod rectifications;
pub mod referral_intake;
pub mod referral_triage;
pub mod referrals;
pub mod registration;
pub mod reports;
pub mod research;
pub mod sign_in;
pub mod single_sign_on;
pub mod start;
pub mod step_moves;
pub mod today;
pub mod users;
pub mod work_capacity;
pub mod work_log;
pub mod workplaces;
