//! The organisation's report across its programmes (issue 27): for staff who
//! hold a role in every programme of their organisation, each programme's
//! report and totals counted once; nothing of another organisation.

use crate::helpers::{Sent, assert_problem, fields, spawn_app, status_of};
use crate::organisations::add_platform_admin;
use reqwest::Method;
use stige_client::{OrganisationReportQuery, ProgrammeRole, UserUpdate};
use stige_domain::small_cells::{Disclosure, ShownCount};
use stige_domain::{LadderId, Role};

fn number(c: Option<ShownCount>) -> u64 {
    c.and_then(ShownCount::number).expect("a number")
}

#[actix_web::test]
async fn staff_in_every_programme_see_each_programme_and_totals_counted_once() {
    let app = spawn_app().await;
    app.active_participant("Kari", "Nordmann").await;
    app.active_participant("Ola", "Nordmann").await;
    app.active_on_other_ladder("Per", "Moen").await;

    let r = app
        .coordinator()
        .await
        .organisation_report(&OrganisationReportQuery::default())
        .await
        .expect("report");
    assert_eq!(r.disclosure, Disclosure::Exact);
    let ladders: Vec<LadderId> = r.programmes.iter().map(|p| p.ladder_id).collect();
    assert_eq!(ladders, vec![app.ladder, app.other_ladder]);
    assert_eq!(r.totals.programmes, 2);
    let by_ladder: Vec<u64> = r.programmes.iter().map(|p| number(p.starts)).collect();
    assert_eq!(by_ladder, vec![2, 1]);
    assert_eq!(r.totals.starts, ShownCount::Number(3));
    assert_eq!(r.totals.exits, ShownCount::Number(0));

    // The other organisation's coordinator works in all of theirs: they see
    // their own programme only, and none of our people.
    let theirs = app
        .as_user("other-coordinator")
        .await
        .organisation_report(&OrganisationReportQuery::default())
        .await
        .expect("their report");
    assert_eq!(
        theirs
            .programmes
            .iter()
            .map(|p| p.ladder_id)
            .collect::<Vec<_>>(),
        vec![app.stranger.ladder]
    );
    assert_eq!(theirs.totals.starts, ShownCount::Number(0));
    assert_ne!(theirs.organisation_id, r.organisation_id);
}

#[actix_web::test]
async fn viewers_see_the_totals_under_disclosure_control() {
    let app = spawn_app().await;
    app.active_participant("Kari", "Nordmann").await;
    let r = app
        .viewer()
        .await
        .organisation_report(&OrganisationReportQuery::default())
        .await
        .expect("report");
    assert_eq!(r.disclosure, Disclosure::Controlled);
    assert!(r.totals.starts.number().is_none(), "one start shows as <5");
}

#[actix_web::test]
async fn someone_without_a_role_in_every_programme_is_refused() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let update = UserUpdate {
        programmes: Some(vec![ProgrammeRole {
            ladder_id: app.ladder,
            role: Role::Coordinator,
        }]),
        ..Default::default()
    };
    admin
        .update_user(app.users.coordinator, &update)
        .await
        .expect("one programme");
    let c = app.coordinator().await;
    let response = c
        .request(Method::GET, "/api/v1/reports/organisation")
        .sent()
        .await;
    assert_problem(response, 403).await;
    // The programme they work in still has its report.
    let one = c
        .programme_report(&stige_client::ReportQuery {
            ladder: Some(app.ladder.0),
            ..Default::default()
        })
        .await;
    assert!(one.is_ok());
}

#[actix_web::test]
async fn the_platform_admin_has_no_organisation_to_report_on() {
    let app = spawn_app().await;
    add_platform_admin(&app);
    let platform = app
        .client
        .logged_in("platform", "correct horse battery")
        .await
        .expect("login");
    let e = platform
        .organisation_report(&OrganisationReportQuery::default())
        .await
        .unwrap_err();
    assert_eq!(status_of(&e), 404);
    let anonymous = app
        .client
        .request(Method::GET, "/api/v1/reports/organisation")
        .sent()
        .await;
    assert_problem(anonymous, 401).await;
}

#[actix_web::test]
async fn a_period_that_ends_before_it_starts_is_a_clear_error() {
    let app = spawn_app().await;
    let c = app.coordinator().await;
    let response = c
        .request(
            Method::GET,
            "/api/v1/reports/organisation?from=2026-06-01&to=2026-05-01",
        )
        .sent()
        .await;
    let problem = assert_problem(response, 422).await;
    assert_eq!(fields(&problem), vec!["to".to_owned()]);
    // Viewers ask for whole months.
    let v = app.viewer().await;
    let response = v
        .request(
            Method::GET,
            "/api/v1/reports/organisation?from=2026-06-03&to=2026-06-30",
        )
        .sent()
        .await;
    let problem = assert_problem(response, 422).await;
    assert!(fields(&problem).contains(&"from".to_owned()));
    let malformed = c
        .request(Method::GET, "/api/v1/reports/organisation?from=yesterday")
        .sent()
        .await;
    assert_problem(malformed, 400).await;
}
