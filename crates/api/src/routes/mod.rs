//! The `/api/v1` routes. Every route is registered through utoipa-actix-web, so it
//! is in the OpenAPI document.

pub mod api_clients;
pub mod attendance;
pub mod auth;
pub mod consents;
pub mod employer_links;
pub mod employers;
pub mod events;
pub mod exit_checks;
pub mod follow_ups;
pub mod goals;
pub mod health;
pub mod ladders;
pub mod oauth;
pub mod oidc;
pub mod organisation_report;
pub mod organisations;
pub mod paging;
pub mod participants;
pub mod partner_users;
pub mod partners;
pub mod passwords;
pub mod placements;
pub mod privacy;
pub mod production;
pub mod programme_report;
pub mod proposals;
pub mod referrals;
pub mod reply;
pub mod reports;
pub mod research;
pub mod today;
pub mod users;
pub mod work_log;
pub mod workplaces;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(health::health)
        .service(health::ready)
        .service(auth::login)
        .service(auth::refresh)
        .service(auth::logout)
        .service(auth::logout_everywhere)
        .service(auth::me)
        .service(oidc::options)
        .service(oidc::start)
        .service(oidc::callback)
        .service(oidc::partner_start)
        .service(oidc::partner_callback)
        .service(oidc::session)
        .service(users::list)
        .service(users::create)
        .service(users::update)
        .service(users::end_sessions)
        .service(passwords::start_reset)
        .service(passwords::complete_reset)
        .service(passwords::change_own)
        .service(organisations::list)
        .service(organisations::own)
        .service(organisations::create)
        .service(ladders::list)
        .service(ladders::create)
        .service(ladders::get)
        .service(ladders::update)
        .service(ladders::add_step)
        .service(ladders::update_step)
        .service(ladders::reorder_steps)
        .service(ladders::add_activity)
        .service(participants::list::list)
        .service(participants::create::create)
        .service(participants::detail::get)
        .service(participants::update::update)
        .service(participants::status::change_status)
        .service(participants::moves::move_participant)
        .service(participants::mentors::assign)
        .service(participants::national_id::reveal)
        .service(participants::access_log::access_log)
        .service(participants::export::export)
        .service(participants::erasure::erase)
        .service(participants::outcomes::get)
        .service(participants::outcomes::set_preferences)
        .service(participants::outcomes::record)
        .service(participants::contact::get)
        .service(participants::contact::set)
        .service(participants::contact::record_attempt)
        .service(participants::activities::list)
        .service(participants::activities::enrol)
        .service(participants::activities::end)
        .service(participants::activities::mark_attendance)
        .service(participants::work_capacity::get)
        .service(participants::agreements::list)
        .service(participants::agreements::add)
        .service(participants::agreements::end)
        .service(participants::peers::list)
        .service(participants::peers::name)
        .service(participants::peers::end)
        .service(work_log::get)
        .service(work_log::save)
        .service(workplaces::list)
        .service(workplaces::add)
        .service(workplaces::update)
        .service(workplaces::add_task)
        .service(production::list)
        .service(production::record)
        .service(production::delete)
        .service(production::import)
        .service(workplaces::set_demand)
        .service(participants::plan::get)
        .service(participants::plan::set)
        .service(participants::plan::review)
        .service(exit_checks::list)
        .service(participants::rectifications::rectifications)
        .service(goals::list)
        .service(goals::create)
        .service(goals::set_status)
        .service(goals::add_score)
        .service(follow_ups::list)
        .service(follow_ups::create)
        .service(follow_ups::update)
        .service(follow_ups::set_action_done)
        .service(attendance::register)
        .service(attendance::save_register)
        .service(attendance::participant_summary)
        .service(attendance::add_plan)
        .service(attendance::clear_mark)
        .service(today::today_page)
        .service(oauth::token)
        .service(partners::list)
        .service(partners::create)
        .service(partners::update)
        .service(partners::list_agreements)
        .service(partners::create_agreement)
        .service(partners::get_agreement)
        .service(partners::update_agreement)
        .service(reports::agreement_report)
        .service(organisation_report::report)
        .service(privacy::overview)
        .service(programme_report::programme)
        .service(programme_report::programme_csv)
        .service(production::production_report)
        .service(production::production_report_csv)
        .service(research::research_extract)
        .service(research::research_extract_csv)
        .service(research::get_consent)
        .service(research::set_consent)
        .service(api_clients::list)
        .service(api_clients::create)
        .service(api_clients::rotate)
        .service(api_clients::revoke)
        .service(partner_users::list)
        .service(partner_users::invite)
        .service(partner_users::new_link)
        .service(partner_users::set_active)
        .service(referrals::list)
        .service(referrals::create)
        .service(referrals::record)
        .service(proposals::propose)
        .service(proposals::list)
        .service(proposals::decide)
        .service(referrals::get)
        .service(referrals::withdraw)
        .service(referrals::triage)
        .service(consents::list)
        .service(consents::give)
        .service(consents::revoke)
        .service(events::feed)
        .service(employers::list)
        .service(employers::create)
        .service(employers::get)
        .service(employers::update)
        .service(placements::board)
        .service(placements::create)
        .service(placements::get)
        .service(placements::for_participant)
        .service(placements::invite)
        .service(placements::act)
        .service(placements::record_activity)
        .service(placements::outbox)
        .service(employer_links::show)
        .service(employer_links::confirm)
        .service(employer_links::decline)
        .service(employer_links::complete);
}
