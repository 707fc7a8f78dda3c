use crate::helpers::{Sent, assert_problem, fields, spawn_app, status_of};
use reqwest::Method;
use stige_client::{NewParticipant, ParticipantQuery, ParticipantUpdate};
use stige_domain::{EnrolmentStatus, LadderId};

#[actix_web::test]
async fn an_empty_body_gets_422_naming_the_missing_fields_and_nothing_is_written() {
    let app = spawn_app().await;
    let coordinator = app.coordinator().await;
    let response = app
        .send_json(
            &coordinator,
            Method::POST,
            "/api/v1/participants",
            serde_json::json!({}),
        )
        .await;
    let problem = assert_problem(response, 422).await;
    assert_eq!(
        fields(&problem),
        vec!["given_name", "family_name", "ladder_id"]
    );
    assert_eq!(app.participant_count(), 0);
}

#[actix_web::test]
async fn a_body_that_is_not_json_gets_400_problem() {
    let app = spawn_app().await;
    let coordinator = app.coordinator().await;
    let response = coordinator
        .request(Method::POST, "/api/v1/participants")
        .header("content-type", "application/json")
        .body("{not json")
        .sent()
        .await;
    assert_problem(response, 400).await;
    assert_eq!(app.participant_count(), 0);
}

#[actix_web::test]
async fn a_coordinator_registers_a_participant_who_starts_as_referred() {
    let app = spawn_app().await;
    let body = NewParticipant {
        given_name: Some("  Kari ".into()),
        family_name: Some("Nordmann".into()),
        ladder_id: Some(app.ladder),
        ..Default::default()
    };
    let response = app
        .coordinator()
        .await
        .request(Method::POST, "/api/v1/participants")
        .json(&body)
        .sent()
        .await;
    assert_eq!(response.status().as_u16(), 201);
    let etag = response
        .headers()
        .get("etag")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    assert_eq!(etag.as_deref(), Some("\"1\""));
    let created: stige_client::ParticipantDetail = response.json().await.expect("json");
    assert_eq!(created.given_name, "Kari");
    assert_eq!(created.status, EnrolmentStatus::Referred);
    assert_eq!(created.current_step, None);
    assert_eq!(created.status_history.len(), 1);
    assert_eq!(app.participant_count(), 1);
}

#[actix_web::test]
async fn a_participant_on_an_unknown_ladder_is_refused() {
    let app = spawn_app().await;
    let body = NewParticipant {
        given_name: Some("Kari".into()),
        family_name: Some("Nordmann".into()),
        ladder_id: Some(LadderId(999)),
        ..Default::default()
    };
    let err = app
        .coordinator()
        .await
        .create_participant(&body)
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 422);
    assert_eq!(app.participant_count(), 0);
}

#[actix_web::test]
async fn mentors_and_viewers_cannot_register_participants() {
    let app = spawn_app().await;
    for client in [app.mentor().await, app.viewer().await] {
        let err = client
            .create_participant(&NewParticipant::default())
            .await
            .unwrap_err();
        assert_eq!(status_of(&err), 403);
    }
}

#[actix_web::test]
async fn the_list_filters_and_pages() {
    let app = spawn_app().await;
    for family in ["Berg", "Dahl", "Eide"] {
        app.new_participant("Test", family).await;
    }
    let active = app.active_participant("Aktiv", "Holm").await;
    let c = app.coordinator().await;
    let page = c
        .participants(&ParticipantQuery {
            per_page: Some(2),
            page: Some(2),
            ..Default::default()
        })
        .await
        .expect("list");
    assert_eq!(
        (page.total, page.page, page.per_page, page.items.len()),
        (4, 2, 2, 2)
    );
    assert_eq!(page.items[0].family_name, "Eide");
    let by_status = c
        .participants(&ParticipantQuery {
            status: Some(EnrolmentStatus::Active),
            ..Default::default()
        })
        .await
        .expect("list");
    assert_eq!(
        by_status.items.iter().map(|p| p.id).collect::<Vec<_>>(),
        vec![active.id]
    );
    let by_step = c
        .participants(&ParticipantQuery {
            step_id: Some(app.steps[0]),
            ..Default::default()
        })
        .await
        .expect("list");
    assert_eq!(by_step.total, 1);
    assert_eq!(
        by_step.items[0]
            .current_step
            .as_ref()
            .map(|s| s.name.as_str()),
        Some("Mylla")
    );
    let by_name = c
        .participants(&ParticipantQuery {
            q: Some("dAh".into()),
            ..Default::default()
        })
        .await
        .expect("list");
    assert_eq!(
        by_name
            .items
            .iter()
            .map(|p| p.family_name.as_str())
            .collect::<Vec<_>>(),
        vec!["Dahl"]
    );
}

#[actix_web::test]
async fn the_list_total_follows_every_registration_and_move() {
    let app = spawn_app().await;
    let c = app.coordinator().await;
    let on_first_step = ParticipantQuery {
        step_id: Some(app.steps[0]),
        per_page: Some(1),
        ..Default::default()
    };
    let total = |q: ParticipantQuery| {
        let c = c.clone();
        async move { c.participants(&q).await.expect("list").total }
    };
    assert_eq!(total(ParticipantQuery::default()).await, 0);
    assert_eq!(total(on_first_step.clone()).await, 0);
    app.new_participant("Test", "Berg").await;
    assert_eq!(
        total(ParticipantQuery::default()).await,
        1,
        "a registration"
    );
    app.active_participant("Aktiv", "Holm").await;
    assert_eq!(total(ParticipantQuery::default()).await, 2);
    assert_eq!(
        total(on_first_step.clone()).await,
        1,
        "a start on the first step"
    );
    assert_eq!(
        total(ParticipantQuery {
            page: Some(2),
            ..on_first_step
        })
        .await,
        1,
        "the same total on every page"
    );
}

#[actix_web::test]
async fn bad_paging_gets_422_and_a_bad_filter_value_gets_400() {
    let app = spawn_app().await;
    let c = app.coordinator().await;
    let response = c
        .request(Method::GET, "/api/v1/participants?per_page=1000&page=0")
        .sent()
        .await;
    let problem = assert_problem(response, 422).await;
    assert_eq!(fields(&problem), vec!["page", "per_page"]);
    let response = c
        .request(Method::GET, "/api/v1/participants?status=happy")
        .sent()
        .await;
    assert_problem(response, 400).await;
}

#[actix_web::test]
async fn an_update_needs_the_current_etag() {
    let app = spawn_app().await;
    let p = app.new_participant("Kari", "Nordmann").await;
    let c = app.coordinator().await;
    let update = ParticipantUpdate {
        given_name: Some("Karin".into()),
        family_name: Some("Nordmann".into()),
        ..Default::default()
    };
    let path = format!("/api/v1/participants/{}", p.id);
    let missing = c.request(Method::PUT, &path).json(&update).sent().await;
    assert_problem(missing, 428).await;
    let updated = c
        .update_participant(p.id, &update, p.version)
        .await
        .expect("update");
    assert_eq!(
        (updated.given_name.as_str(), updated.version),
        ("Karin", p.version + 1)
    );
    let stale = ParticipantUpdate {
        given_name: Some("Lost".into()),
        ..update
    };
    let err = c
        .update_participant(p.id, &stale, p.version)
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 412);
    assert_eq!(c.participant(p.id).await.expect("read").given_name, "Karin");
}

#[actix_web::test]
async fn an_update_with_bad_fields_gets_422_and_changes_nothing() {
    let app = spawn_app().await;
    let p = app.new_participant("Kari", "Nordmann").await;
    let c = app.coordinator().await;
    let update = ParticipantUpdate {
        given_name: Some(" ".into()),
        family_name: Some("Nordmann".into()),
        birth_date: chrono::NaiveDate::from_ymd_opt(2999, 1, 1),
        national_id: Some("12345678901".into()),
    };
    let err = c
        .update_participant(p.id, &update, p.version)
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 422);
    let names: Vec<&str> = err
        .problem()
        .map(|p| p.errors.iter().map(|e| e.field.as_str()).collect())
        .unwrap_or_default();
    assert_eq!(names, vec!["given_name", "birth_date", "national_id"]);
    let after = c.participant(p.id).await.expect("read");
    assert_eq!(
        (after.given_name.as_str(), after.version),
        ("Kari", p.version)
    );
}
