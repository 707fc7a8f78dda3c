use crate::helpers::{spawn_app, status_of};
use stige_client::{AgreedActionInput, FollowUpInput};
use stige_domain::follow_up::Attendee;

fn input(text: &str) -> FollowUpInput {
    FollowUpInput {
        attendees: vec![Attendee::Mentor],
        what_works: Some(text.into()),
        scaling_score: Some(6),
        next_small_step: Some("Prøve en lengre dag fredag".into()),
        actions: vec![AgreedActionInput {
            owner: Some("Kari".into()),
            what: Some("Ringe NAV".into()),
            ..Default::default()
        }],
        next_due: Some(chrono::Utc::now().date_naive() + chrono::Duration::days(7)),
        ..Default::default()
    }
}

#[actix_web::test]
async fn a_follow_up_is_recorded_with_actions_and_edited_in_place_within_a_day() {
    let app = spawn_app().await;
    let p = app.active_participant("Anna", "Lind").await;
    let c = app.coordinator().await;
    let f = c
        .add_follow_up(p.id, &input("Kommer hver morgen"))
        .await
        .expect("create");
    assert_eq!(
        (f.scaling_score, f.actions.len(), f.earlier_versions),
        (Some(6), 1, 0)
    );
    let f = c
        .set_action_done(p.id, f.id, f.actions[0].id, true)
        .await
        .expect("done");
    assert!(f.actions[0].done);
    let edited = c
        .update_follow_up(p.id, f.id, &input("Kommer hver morgen, også fredag"))
        .await
        .expect("edit");
    assert_eq!(edited.what_works, "Kommer hver morgen, også fredag");
    assert_eq!(
        edited.earlier_versions, 0,
        "edits within 24 hours replace the text"
    );
    assert!(
        app.audit_actions(p.id)
            .contains(&"follow_up.update".to_owned())
    );
}

#[actix_web::test]
async fn bad_follow_ups_get_422_with_field_errors_and_write_nothing() {
    let app = spawn_app().await;
    let p = app.active_participant("Anna", "Lind").await;
    let c = app.coordinator().await;
    let today = chrono::Utc::now().date_naive();
    let bad = FollowUpInput {
        scaling_score: Some(11),
        next_due: Some(today - chrono::Duration::days(1)),
        actions: vec![AgreedActionInput {
            what: Some("Book the dentist".into()),
            ..Default::default()
        }],
        ..Default::default()
    };
    let err = c.add_follow_up(p.id, &bad).await.unwrap_err();
    assert_eq!(status_of(&err), 422);
    let fields: Vec<String> = err
        .problem()
        .map(|p| p.errors.iter().map(|e| e.field.clone()).collect())
        .unwrap_or_default();
    assert_eq!(
        fields,
        vec!["scaling_score", "next_due", "actions[0].owner"]
    );
    assert!(c.follow_ups(p.id).await.expect("list").is_empty());
}

#[actix_web::test]
async fn a_mentor_never_sees_a_confidential_note_and_cannot_write_one() {
    let app = spawn_app().await;
    let p = app.active_participant("Anna", "Lind").await;
    let c = app.coordinator().await;
    app.assign_the_mentor(&c, p.id).await;
    let secret = c
        .add_follow_up(
            p.id,
            &FollowUpInput {
                confidential: true,
                what_works: Some("Konfidensielt".into()),
                ..Default::default()
            },
        )
        .await
        .expect("confidential");
    c.add_follow_up(p.id, &input("Åpen samtale"))
        .await
        .expect("open");
    assert_eq!(c.follow_ups(p.id).await.expect("coordinator list").len(), 2);

    let mentor = app.mentor().await;
    let seen = mentor.follow_ups(p.id).await.expect("mentor list");
    assert_eq!(seen.len(), 1);
    assert!(
        !serde_json::to_string(&seen)
            .expect("json")
            .contains("Konfidensielt")
    );
    assert_eq!(
        status_of(
            &mentor
                .update_follow_up(p.id, secret.id, &input("x"))
                .await
                .unwrap_err()
        ),
        404
    );
    let today = mentor.today().await.expect("today");
    assert!(
        !serde_json::to_string(&today)
            .expect("json")
            .contains("Konfidensielt")
    );
    let err = mentor
        .add_follow_up(
            p.id,
            &FollowUpInput {
                confidential: true,
                ..input("x")
            },
        )
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 422);
    assert_eq!(c.follow_ups(p.id).await.expect("list").len(), 2);
}

#[actix_web::test]
async fn follow_ups_of_someone_else_s_participant_are_404() {
    let app = spawn_app().await;
    let p = app.active_participant("Anna", "Lind").await;
    let mentor = app.mentor().await;
    assert_eq!(status_of(&mentor.follow_ups(p.id).await.unwrap_err()), 404);
    assert_eq!(
        status_of(&mentor.add_follow_up(p.id, &input("x")).await.unwrap_err()),
        404
    );
}
