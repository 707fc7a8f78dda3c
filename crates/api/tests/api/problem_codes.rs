//! Every message a person can meet carries a stable code, so the web app can say it in
//! the reader's language: field errors (422) per field, conflicts (409) and used links
//! (410) on the problem itself. The English sentences stay for API users.

use crate::helpers::{Sent, assert_problem, move_to, spawn_app};
use crate::placements::{employer_post, invite, placement};
use reqwest::Method;
use serde_json::json;
use stige_client::InvitationPurpose;
use stige_domain::placement::PlacementStatus;

fn field<'a>(problem: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    problem["errors"]
        .as_array()
        .and_then(|a| a.iter().find(|e| e["field"] == name))
        .unwrap_or(&serde_json::Value::Null)
}

#[actix_web::test]
async fn an_employer_confirming_without_phone_or_email_gets_a_coded_field_error() {
    // Arrange
    let app = spawn_app().await;
    let person = app.active_participant("Kari", "Nordmann").await;
    let (_, id) = placement(&app, person.id, 7).await;
    let token = invite(&app, id, InvitationPurpose::Confirm).await;

    // Act
    let bad = employer_post(
        &app,
        &token,
        "confirm",
        json!({"supervisor": {"name": "Bo Berg"}}),
    )
    .await;

    // Assert
    let problem = assert_problem(bad, 422).await;
    let error = field(&problem, "supervisor.phone");
    assert_eq!(error["code"], "phone-or-email");
    assert_eq!(error["message"], "give a phone number or an e-mail");
    let c = app.coordinator().await;
    assert_eq!(
        c.placement(id).await.expect("read").status,
        PlacementStatus::AwaitingEmployer,
        "nothing written"
    );
}

#[actix_web::test]
async fn a_too_long_name_gives_its_limit_as_a_parameter() {
    let app = spawn_app().await;
    let c = app.coordinator().await;
    let before = app.participant_count();

    let response = app
        .send_json(
            &c,
            Method::POST,
            "/api/v1/participants",
            json!({"given_name": "a".repeat(101), "family_name": "", "ladder_id": 0}),
        )
        .await;

    let problem = assert_problem(response, 422).await;
    let given = field(&problem, "given_name");
    assert_eq!(given["code"], "too-long");
    assert_eq!(given["params"]["max"], "100");
    assert_eq!(field(&problem, "family_name")["code"], "required");
    assert_eq!(app.participant_count(), before, "nothing written");
}

#[actix_web::test]
async fn a_conflict_carries_its_code() {
    let app = spawn_app().await;
    let person = app.active_participant("Kari", "Nordmann").await;
    let c = app.coordinator().await;

    let response = app
        .send_json(
            &c,
            Method::POST,
            &format!("/api/v1/participants/{}/moves", person.id),
            serde_json::to_value(move_to(app.steps[0], "Again")).expect("json"),
        )
        .await;

    let problem = assert_problem(response, 409).await;
    assert_eq!(problem["type"], "/problems/conflict");
    assert_eq!(problem["code"], "same-step");
    assert!(
        problem["detail"].is_string(),
        "the English stays for API users"
    );
}

#[actix_web::test]
async fn a_used_link_says_so_by_its_code() {
    let app = spawn_app().await;
    let person = app.active_participant("Kari", "Nordmann").await;
    let (_, id) = placement(&app, person.id, 7).await;
    let token = invite(&app, id, InvitationPurpose::Confirm).await;
    let ok = employer_post(
        &app,
        &token,
        "confirm",
        json!({"supervisor": {"name": "Bo Berg", "phone": "0480123456"}}),
    )
    .await;
    assert_eq!(ok.status(), 200);

    let again = app
        .client
        .request(Method::GET, &format!("/api/v1/employer/{token}"))
        .sent()
        .await;

    let problem = assert_problem(again, 410).await;
    assert_eq!(problem["code"], "link-used");
}

#[actix_web::test]
async fn a_person_who_may_not_see_the_participant_gets_no_code_to_learn_from() {
    // A mentor with no caseload asks to move someone else's participant: 404, not the
    // conflict's code, so nothing about the participant's step is told.
    let app = spawn_app().await;
    let person = app.active_participant("Kari", "Nordmann").await;
    let m = app.mentor().await;

    let response = app
        .send_json(
            &m,
            Method::POST,
            &format!("/api/v1/participants/{}/moves", person.id),
            serde_json::to_value(move_to(app.steps[0], "Again")).expect("json"),
        )
        .await;

    let status = response.status().as_u16();
    let problem: serde_json::Value = response.json().await.expect("json");
    assert!(matches!(status, 403 | 404), "refused: {status}");
    assert_eq!(
        problem["code"],
        if status == 404 {
            "not-found"
        } else {
            "forbidden"
        }
    );
}
