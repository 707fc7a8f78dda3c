//! One module per page.

pub mod account;
pub mod agreement;
pub mod employer_link;
pub mod employers;
pub mod exit_checks;
pub mod ladders;
pub mod login;
pub mod organisation_report;
pub mod organisations;
pub mod participant;
mod participant_access_log;
pub use participant_access_log::ParticipantAccessLogPage;
mod participant_actions;
mod participant_attendance;
mod participant_consents;
pub mod participant_contact;
mod participant_follow_ups;
pub mod participant_form;
mod participant_goals;
mod participant_history;
mod participant_outcomes;
mod participant_rectifications;
mod participant_research;
pub mod participants;
pub mod partners;
pub mod placement_activity;
pub mod placements;
pub mod privacy;
pub mod referrals;
pub mod register;
mod register_saving;
mod report_charts;
mod report_tables;
pub mod reports;
pub mod reset_password;
pub mod today;
pub mod users;

/// The `:id` of the current route, as a number.
pub fn use_id_param() -> impl Fn() -> Option<i64> + Copy + 'static {
    let params = leptos_router::hooks::use_params_map();
    move || {
        use leptos::prelude::Read;
        params.read().get("id").and_then(|s| s.parse::<i64>().ok())
    }
}
