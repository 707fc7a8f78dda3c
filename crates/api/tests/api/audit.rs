//! The audit trail: every response with personal data records the people it
//! returned, refused attempts on a person are recorded, and the log is
//! insert-only and hash-chained.

use crate::helpers::{Sent, TestApp, assert_problem, spawn_app, status_of};
use diesel::RunQueryDsl;
use reqwest::Method;
use stige_client::ReferralQuery;
use stige_domain::consent::SharingCategory;
use stige_domain::{ParticipantId, UserId};
use stige_store::audit::{self, AuditRow};

fn events(app: &TestApp, action: &str) -> Vec<AuditRow> {
    audit::with_action(
        &mut app.conn(),
        stige_domain::AuditAction::parse(action).expect("a known action"),
    )
    .expect("audit")
}

fn last(app: &TestApp, action: &str) -> AuditRow {
    events(app, action).pop().expect("an event")
}

fn by_user(event: &AuditRow, user: UserId) -> bool {
    event.actor_kind == "user" && event.actor_id == Some(user.0)
}

#[actix_web::test]
async fn the_referral_list_records_the_people_it_returned_for_staff_and_partners() {
    let app = spawn_app().await;
    let setup = app.partner("Kalmar kommun", "212000-0902", &[]).await;
    let (accepted, person) = app.accepted(&setup, "Kari", "Nordmann").await;
    let waiting = setup
        .api
        .refer(
            &crate::partner_helpers::referral_body("Ola", "Eksempel"),
            "key-ola",
        )
        .await
        .expect("refer");

    let listed = app
        .coordinator()
        .await
        .referrals(&ReferralQuery::default())
        .await
        .expect("list");
    assert_eq!(listed.items.len(), 2);
    let event = last(&app, "referral.list");
    assert!(by_user(&event, app.users.coordinator));
    assert_eq!(event.participants(), [person]);
    let detail = event.detail.unwrap_or_default();
    assert!(
        detail.contains(&accepted.id.to_string()) && detail.contains(&waiting.id.to_string()),
        "{detail}"
    );
    let touched: Vec<String> = audit::touching(&mut app.conn(), person)
        .expect("touching")
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert!(touched.contains(&"referral.list".to_owned()), "{touched:?}");

    setup
        .api
        .referrals(&ReferralQuery::default())
        .await
        .expect("partner's list");
    let event = last(&app, "referral.list");
    assert_eq!(
        (event.actor_kind.as_str(), event.participants()),
        ("partner", vec![person])
    );
}

#[actix_web::test]
async fn a_referral_list_refused_or_malformed_records_nothing() {
    let app = spawn_app().await;
    let bad = app
        .coordinator()
        .await
        .request(Method::GET, "/api/v1/referrals?per_page=0")
        .sent()
        .await;
    assert_problem(bad, 422).await;
    let mentor = app
        .mentor()
        .await
        .referrals(&ReferralQuery::default())
        .await
        .expect_err("mentors do not triage");
    assert_eq!(status_of(&mentor), 403);
    assert!(events(&app, "referral.list").is_empty());
}

#[actix_web::test]
async fn the_placement_board_and_an_employers_history_record_the_people_they_show() {
    let app = spawn_app().await;
    let p = app.active_participant("Anna", "Lind").await;
    let (employer, _) = crate::placements::placement(&app, p.id, 3).await;
    let c = app.coordinator().await;

    c.placement_board().await.expect("board");
    let board = last(&app, "placement.list");
    assert!(by_user(&board, app.users.coordinator));
    assert_eq!(board.participants(), [p.id]);

    let detail = c.employer(employer).await.expect("employer");
    assert_eq!(detail.placements.len(), 1);
    let read = last(&app, "employer.read");
    assert_eq!(read.participants(), [p.id]);
    assert_eq!(read.detail, Some(format!("employer={employer}")));

    // Mentors see neither; nothing is recorded for them.
    let m = app.mentor().await;
    assert_eq!(status_of(&m.placement_board().await.expect_err("403")), 403);
    assert_eq!(
        status_of(&m.employer(employer).await.expect_err("403")),
        403
    );
    assert_eq!(events(&app, "placement.list").len(), 1);
    assert_eq!(events(&app, "employer.read").len(), 1);
    // An employer that is not there: 404 and no event.
    assert_eq!(
        status_of(&c.employer(employer + 100).await.expect_err("404")),
        404
    );
    assert_eq!(events(&app, "employer.read").len(), 1);
}

#[actix_web::test]
async fn the_today_page_records_the_people_it_names() {
    let app = spawn_app().await;
    let referred = app.new_participant("Per", "Venter").await;
    let today = app.coordinator().await.today().await.expect("today");
    assert!(today.referrals_waiting.iter().any(|r| r.id == referred.id));
    let event = last(&app, "today.read");
    assert!(by_user(&event, app.users.coordinator));
    assert!(event.participants().contains(&referred.id), "{event:?}");
}

#[actix_web::test]
async fn a_mentors_attempt_on_someone_elses_participant_is_recorded_and_answered_404() {
    let app = spawn_app().await;
    let p = app.new_participant("Anna", "Lind").await;
    let m = app.mentor().await;

    assert_eq!(status_of(&m.participant(p.id).await.expect_err("404")), 404);
    // Also from an endpoint whose transaction the refusal rolls back.
    assert_eq!(status_of(&m.goals(p.id).await.expect_err("404")), 404);
    let refused = events(&app, "participant.read.refused");
    assert_eq!(refused.len(), 2, "{refused:?}");
    assert!(refused.iter().all(|e| by_user(e, app.users.mentor)));
    assert!(refused.iter().all(|e| e.participant_id == Some(p.id.0)));
    assert!(
        app.audit_actions(p.id)
            .contains(&"participant.read.refused".to_owned())
    );

    // No one by that id: an ordinary 404, nothing to record.
    let nobody = ParticipantId(p.id.0 + 1000);
    assert_eq!(
        status_of(&m.participant(nobody).await.expect_err("404")),
        404
    );
    assert_eq!(events(&app, "participant.read.refused").len(), 2);
}

#[actix_web::test]
async fn a_partners_attempt_on_a_participant_outside_its_agreement_is_recorded() {
    let app = spawn_app().await;
    let ours = app.kristiansand_kommune(SharingCategory::ALL).await;
    let theirs = app.partner("Kalmar kommun", "212000-0902", &[]).await;
    let (_, person) = app.accepted(&ours, "Kari", "Nordmann").await;

    let refused = theirs
        .api
        .partner_participant(person)
        .await
        .expect_err("not theirs");
    assert_eq!(status_of(&refused), 404);
    let event = last(&app, "participant.read.refused");
    assert_eq!(event.actor_kind, "partner");
    assert_eq!(event.participant_id, Some(person.0));
    ours.api.partner_participant(person).await.expect("ours");
    assert_eq!(events(&app, "participant.read.refused").len(), 1);
}

#[actix_web::test]
async fn the_audit_log_refuses_change_and_removal_and_verifies_intact() {
    let app = spawn_app().await;
    let p = app.new_participant("Anna", "Lind").await;
    app.coordinator()
        .await
        .participant(p.id)
        .await
        .expect("read");
    for statement in [
        "UPDATE audit_events SET action = 'nothing'",
        "DELETE FROM audit_events",
    ] {
        let refused = diesel::sql_query(statement).execute(&mut *app.conn());
        assert!(refused.is_err(), "{statement}");
    }
    let outcome = stige_api::audit_verify::verify(&app.store).expect("verify");
    assert!(outcome.intact, "{}", outcome.report);
    assert!(
        outcome.report.contains("chain intact"),
        "{}",
        outcome.report
    );
}
