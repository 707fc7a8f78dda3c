//! The `/api/v1` routes. Every route is registered through utoipa-actix-web, so it
//! is in the OpenAPI document.

pub mod api_clients;
pub mod attendance;
pub mod auth;
pub mod conditional;
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
pub mod partner_feed;
pub mod partner_reads;
pub mod partners;
pub mod passwords;
pub mod placements;
pub mod privacy;
pub mod production;
pub mod programme_report;
pub mod referrals;
pub mod reports;
pub mod research;
pub mod today;
pub mod users;
pub mod work_log;
pub mod workplaces;

use crate::auth::{Staff, StaffToken};
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::web;
use stige_store::read_audit::ReadEvent;
use stige_store::row_security::RowScope;
use stige_store::{DbConnection, Store, Turn};
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
        .service(referrals::list)
        .service(referrals::create)
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

/// Runs `f` off the async threads once the store gives this request its turn
/// (requests take turns in the order they came; see [`stige_store::Store::turn`]).
pub async fn on_store<T, F>(store: &Store, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&Store, Turn) -> T + Send + 'static,
{
    let clock = crate::server_timing::DbClock::current();
    let turn = store.turn().await?;
    let store = store.clone();
    // The request's id goes with its work, into its audit events.
    let request = stige_store::request::current();
    Ok(web::block(move || {
        clock.time(|| stige_store::request::on_thread(request, || f(&store, turn)))
    })
    .await?)
}

/// Runs `f` with a connection, off the async threads.
pub async fn read<T, F>(state: &web::Data<AppState>, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
{
    let scope = crate::row_scope::current();
    on_store(&state.store, move |store, _turn| {
        let result = store.read_in(&mut *store.conn()?, scope, f);
        settle(store, result)
    })
    .await?
}

/// Runs `f` in one transaction, off the async threads: all of it is written, or none.
pub async fn write<T, F>(state: &web::Data<AppState>, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
{
    let scope = crate::row_scope::current();
    on_store(&state.store, move |store, _turn| {
        let result = store.transaction_in(scope, f);
        settle(store, result)
    })
    .await?
}

/// Records a refused attempt on a person (see [`ApiError::Refused`]) and
/// answers 404. Called after the request's transaction has ended, which rolls
/// back on the error, so the event is committed on its own, by the read audit.
///
/// A request that failed because the database cannot be reached tells the
/// store, so the requests after it are answered 503 at once and the pool's
/// connections from before the outage are dropped (see
/// `stige_store::reachability`).
fn settle<T>(store: &Store, result: Result<T, ApiError>) -> Result<T, ApiError> {
    match result {
        Err(ApiError::Refused(event)) => {
            store.record_read(*event)?;
            Err(ApiError::NotFound)
        }
        Err(ApiError::Unavailable) => {
            store.mark_unreachable("a query failed: the connection to the database is gone");
            Err(ApiError::Unavailable)
        }
        other => other,
    }
}

/// Reads with `f` as a staff member whose session is checked first, on the
/// same connection and in the same trip to the store (401 if it is not
/// open); gives the connection and the turn back, then records the read's
/// audit event from `audit`, waiting for its commit without a thread. The
/// answer leaves only after the event is committed; events of reads that
/// arrive together share one commit, and the read never holds the write lock.
pub async fn read_audited<T, F, A>(
    state: &web::Data<AppState>,
    token: StaffToken,
    f: F,
    audit: A,
) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&mut DbConnection, &Staff) -> Result<T, ApiError> + Send + 'static,
    A: FnOnce(&Staff, &T) -> ReadEvent + Send + 'static,
{
    let (value, event) = on_store(&state.store, move |store, _turn| {
        let read = {
            let mut conn = store.conn()?;
            let staff = token.staff(&mut conn)?;
            let scope = RowScope::Organisation(staff.reach.organisation().map(|o| o.0));
            store
                .read_in(&mut conn, scope, |conn| f(conn, &staff))
                .map(|value| (audit(&staff, &value), value))
        };
        settle(store, read).map(|(event, value)| (value, event))
    })
    .await??;
    // The connection and the turn are given back; the wait needs no thread.
    let clock = crate::server_timing::DbClock::current();
    let started = std::time::Instant::now();
    state.store.record_read_async(event).await?;
    clock.add(started.elapsed());
    Ok(value)
}

/// Today in UTC; the programmes work in one time zone band, and dates are ISO dates.
pub fn today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}
