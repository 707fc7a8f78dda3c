//! `GET /privacy`: retention, erasures and the record of processing.

use crate::helpers::{action, spawn_app, status_of};
use diesel::prelude::*;
use stige_client::{ErasureRequest, StatusChangeRequest};
use stige_domain::ExitOutcome;
use stige_domain::consent::SharingCategory;
use stige_domain::enrolment::EnrolmentAction;
use stige_store::schema::participants;

#[actix_web::test]
async fn the_overview_shows_retention_the_next_run_erasures_and_recipients() {
    let app = spawn_app().await;
    let setup = app
        .kristiansand_kommune(&[SharingCategory::CurrentStep])
        .await;
    let c = app.coordinator().await;
    let old = app.active_participant("Eldre", "Utskrevet").await;
    c.change_status(
        old.id,
        &StatusChangeRequest {
            outcome: Some(ExitOutcome::Education),
            ..action(EnrolmentAction::Exit)
        },
    )
    .await
    .expect("exit");
    let long_ago = chrono::Utc::now().date_naive() - chrono::Duration::days(6 * 366);
    diesel::update(participants::table.find(old.id.0))
        .set(participants::status_since.eq(long_ago))
        .execute(&mut app.conn())
        .expect("backdate");
    let erased = app.active_participant("Glemt", "Person").await;
    let admin = app.admin().await;
    admin
        .erase_participant(
            erased.id,
            &ErasureRequest {
                reason: Some("Asked by letter".into()),
            },
        )
        .await
        .expect("erase");

    let overview = admin.privacy().await.expect("overview");
    let ladder = overview
        .ladders
        .iter()
        .find(|l| l.id == app.ladder)
        .expect("the test ladder");
    assert_eq!(ladder.retention_years, 5);
    assert_eq!(ladder.due_now, 1);
    assert_eq!(ladder.rows.get("participants"), Some(&1));
    // The dry run changed nothing.
    assert_eq!(
        admin.participant(old.id).await.expect("read").given_name,
        "Eldre"
    );
    assert_eq!(overview.anonymised, 1);
    let erasure = overview.erasures.first().expect("the erasure");
    assert_eq!(erasure.participant_id, erased.id);
    assert_eq!(erasure.reason.as_deref(), Some("Asked by letter"));
    assert_eq!(erasure.by.as_deref(), Some("admin display"));
    let recipient = overview
        .recipients
        .iter()
        .find(|r| r.agreement_id == setup.agreement)
        .expect("the agreement");
    assert_eq!(recipient.partner, "Kristiansand kommune");
    assert_eq!(recipient.sharing_scope, vec![SharingCategory::CurrentStep]);
    assert!(!overview.categories.is_empty());
}

#[actix_web::test]
async fn only_admins_see_the_overview_and_only_of_their_organisation() {
    let app = spawn_app().await;
    let erased = app.active_participant("Glemt", "Person").await;
    app.admin()
        .await
        .erase_participant(
            erased.id,
            &ErasureRequest {
                reason: Some("Asked by letter".into()),
            },
        )
        .await
        .expect("erase");
    for user in ["coordinator", "mentor", "viewer"] {
        let client = app.as_user(user).await;
        assert_eq!(
            status_of(&client.privacy().await.unwrap_err()),
            403,
            "{user}"
        );
    }
    let other = app
        .as_user("other-admin")
        .await
        .privacy()
        .await
        .expect("theirs");
    assert!(other.erasures.is_empty());
    assert!(other.ladders.iter().all(|l| l.id != app.ladder));
    assert_eq!(other.anonymised, 0);
}
