//! `POST /participants/{id}/erasure`: anonymising one person on request.

use crate::helpers::{Sent, assert_problem, fields, spawn_app, status_of};
use crate::placements::placement;
use reqwest::Method;
use serde_json::json;
use stige_client::{AccessLogQuery, ErasureRequest, NewGoal, NewParticipant};
use stige_domain::goal::GoalCategory;

fn because(reason: &str) -> ErasureRequest {
    ErasureRequest {
        reason: Some(reason.into()),
    }
}

#[actix_web::test]
async fn an_erasure_removes_identity_and_free_texts_and_the_log_keeps_who_and_why() {
    let app = spawn_app().await;
    let c = app.coordinator().await;
    let p = c
        .create_participant(&NewParticipant {
            given_name: Some("Kari".into()),
            family_name: Some("Nordmann".into()),
            ladder_id: Some(app.ladder),
            birth_date: chrono::NaiveDate::from_ymd_opt(1965, 7, 15),
            national_id: Some("15076500565".into()),
        })
        .await
        .expect("create");
    c.change_status(
        p.id,
        &crate::helpers::action(stige_domain::enrolment::EnrolmentAction::Activate),
    )
    .await
    .expect("activate");
    c.move_participant(
        p.id,
        &crate::helpers::move_to(app.steps[0], "Sliter med rus"),
    )
    .await
    .expect("move");
    c.add_goal(
        p.id,
        &NewGoal {
            text: Some("Holde meg rusfri i helgene".into()),
            category: Some(GoalCategory::SubstanceUse),
        },
    )
    .await
    .expect("goal");

    let admin = app.admin().await;
    let erased = admin
        .erase_participant(p.id, &because("The person asked to be forgotten (Art. 17)"))
        .await
        .expect("erase");
    assert_eq!(erased.participant_id, p.id);
    assert_eq!(erased.rows.get("participants"), Some(&1));
    assert_eq!(erased.rows.get("goals"), Some(&1));

    let detail = admin.participant(p.id).await.expect("read");
    assert_eq!(detail.given_name, "Anonymised");
    assert_eq!(detail.family_name, "");
    assert_eq!(detail.national_id_masked, None);
    assert_eq!(
        detail.birth_date,
        chrono::NaiveDate::from_ymd_opt(1965, 7, 1)
    );
    assert!(detail.moves.iter().all(|m| m.reason.is_empty()));
    // The counts stay: the move and its step are still there.
    assert_eq!(detail.moves.len(), 1);
    let goals = admin.goals(p.id).await.expect("goals");
    assert_eq!(goals[0].text, "");
    assert_eq!(goals[0].category, GoalCategory::SubstanceUse);

    let log = admin
        .access_log(p.id, &AccessLogQuery::default())
        .await
        .expect("log");
    let erasure = log
        .items
        .iter()
        .find(|e| e.action == "participant.erasure")
        .expect("the erasure is in the log");
    assert_eq!(erasure.actor.user_id, Some(app.users.admin));
    assert_eq!(
        erasure.reason.as_deref(),
        Some("The person asked to be forgotten (Art. 17)")
    );
}

#[actix_web::test]
async fn an_erasure_without_a_reason_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    let p = app.active_participant("Anna", "Lind").await;
    let admin = app.admin().await;
    for body in [
        json!({}),
        json!({"reason": "   "}),
        json!({"reason": "x\u{7}y"}),
    ] {
        let response = app
            .send_json(
                &admin,
                Method::POST,
                &format!("/api/v1/participants/{}/erasure", p.id),
                body,
            )
            .await;
        let problem = assert_problem(response, 422).await;
        assert_eq!(fields(&problem), vec!["reason"]);
    }
    let long = "x".repeat(501);
    let err = admin
        .erase_participant(p.id, &because(&long))
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 422);
    assert_eq!(
        admin.participant(p.id).await.expect("read").given_name,
        "Anna"
    );
    assert!(
        !app.audit_actions(p.id)
            .contains(&"participant.erasure".to_owned())
    );
}

#[actix_web::test]
async fn an_open_placement_holds_the_erasure_with_409_naming_it() {
    let app = spawn_app().await;
    let p = app.active_participant("Anna", "Lind").await;
    placement(&app, p.id, 7).await;
    let admin = app.admin().await;
    let response = admin
        .request(
            Method::POST,
            &format!("/api/v1/participants/{}/erasure", p.id),
        )
        .json(&because("Asked by letter"))
        .sent()
        .await;
    let problem = assert_problem(response, 409).await;
    assert_eq!(problem["code"], "erasure-held-placement");
    assert_eq!(
        admin.participant(p.id).await.expect("read").given_name,
        "Anna"
    );
}

#[actix_web::test]
async fn only_admins_of_the_programme_may_erase() {
    let app = spawn_app().await;
    let (setup, id) = crate::access_log::referred_and_mentored(&app).await;
    let request = because("Asked by letter");
    for user in ["coordinator", "mentor", "viewer", "other-admin"] {
        let client = app.as_user(user).await;
        assert_eq!(
            status_of(&client.erase_participant(id, &request).await.unwrap_err()),
            404,
            "{user}"
        );
    }
    assert_eq!(
        status_of(&setup.api.erase_participant(id, &request).await.unwrap_err()),
        404
    );
    let admin = app.admin().await;
    assert_eq!(
        status_of(
            &admin
                .erase_participant(stige_domain::ParticipantId(9999), &request)
                .await
                .unwrap_err()
        ),
        404
    );
    assert_eq!(
        admin.participant(id).await.expect("read").given_name,
        "Anna"
    );
}
