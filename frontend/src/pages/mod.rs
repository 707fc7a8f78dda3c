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
pub mod participant_activities;
mod participant_attendance;
mod participant_consents;
pub mod participant_contact;
mod participant_follow_ups;
pub mod participant_form;
mod participant_goals;
mod participant_history;
mod participant_outcomes;
pub mod participant_plan;
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
/// The name of the participant whose id is in the path ("Kari Nordmann"),
/// once loaded: the heading of the pages about one person.
pub fn use_person_name() -> leptos::prelude::RwSignal<String> {
    use leptos::prelude::*;
    let session = crate::session::use_session();
    let id_param = use_id_param();
    let name = RwSignal::new(String::new());
    Effect::new(move |_| {
        let Some(pid) = id_param().map(stige_domain::ParticipantId) else {
            return;
        };
        leptos::task::spawn_local(async move {
            if let Ok(d) = session
                .call(move |c| async move { c.participant(pid).await })
                .await
            {
                name.set(format!("{} {}", d.given_name, d.family_name));
            }
        });
    });
    name
}

pub fn use_id_param() -> impl Fn() -> Option<i64> + Copy + 'static {
    let params = leptos_router::hooks::use_params_map();
    move || {
        use leptos::prelude::Read;
        params.read().get("id").and_then(|s| s.parse::<i64>().ok())
    }
}
