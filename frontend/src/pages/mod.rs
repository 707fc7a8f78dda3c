//! One module per page.

pub mod account;
pub mod agreement;
mod agreement_users;
pub mod employer_link;
pub mod employers;
pub mod exit_checks;
pub mod ladder_work;
pub mod ladders;
pub mod login;
pub mod organisation_report;
pub mod organisations;
pub mod participant;
mod participant_access_log;
pub use participant_access_log::ParticipantAccessLogPage;
mod participant_actions;
pub mod participant_activities;
pub mod participant_agreements;
mod participant_attendance;
mod participant_consents;
pub mod participant_contact;
mod participant_follow_ups;
pub mod participant_form;
mod participant_goals;
mod participant_history;
mod participant_outcomes;
mod participant_peers;
pub mod participant_plan;
mod participant_rectifications;
mod participant_research;
mod participant_work;
pub mod participants;
pub mod partner_view;
mod partner_view_forms;
pub mod partners;
pub mod placement_activity;
pub mod placements;
pub mod privacy;
pub mod production;
mod production_import;
mod production_report;
mod production_shared;
mod proposals;
mod referral_fields;
pub mod referral_record;
pub mod referrals;
pub mod register;
mod register_saving;
mod report_charts;
mod report_tables;
pub mod reports;
pub mod reset_password;
pub mod today;
pub mod users;
pub mod work_log;

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

/// The day a page shows, from `?date=` in its address (today without one),
/// and how to open another day: the date input's value, at `path`, today
/// without `?date=` so the menu's link opens today again.
pub fn use_day_param(
    path: &'static str,
) -> (
    leptos::prelude::Memo<chrono::NaiveDate>,
    impl Fn(leptos::ev::Event) + Copy + 'static,
) {
    use crate::format::{parse_date, today};
    use leptos::prelude::*;
    let params = leptos_router::hooks::use_query_map();
    let navigate = StoredValue::new_local(leptos_router::hooks::use_navigate());
    let date = Memo::new(move |_| {
        params
            .with(|p| p.get_str("date").and_then(parse_date))
            .unwrap_or_else(today)
    });
    let pick = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let to = if parse_date(&value).is_some_and(|d| d != today()) {
            format!("{path}?date={value}")
        } else {
            path.to_owned()
        };
        navigate.with_value(|n| n(&to, Default::default()));
    };
    (date, pick)
}
