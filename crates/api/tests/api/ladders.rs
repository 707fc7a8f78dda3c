use crate::helpers::{Sent, assert_problem, fields, spawn_app, status_of};
use reqwest::Method;
use stige_client::{NewActivity, NewLadder, StepInput, StepOrder};
use stige_domain::{DemandLevel, LadderId};

fn step(name: &str, level: DemandLevel, capacity: Option<i64>) -> StepInput {
    StepInput {
        name: Some(name.into()),
        description: Some(String::new()),
        demand_level: Some(level),
        capacity,
        typical_duration_days: Some(90),
    }
}

#[actix_web::test]
async fn an_admin_builds_a_ladder_with_ordered_steps_and_a_parallel_activity() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let ladder = admin
        .create_ladder(&NewLadder {
            name: Some("Kalmar".into()),
            description: None,
            annual_target: None,
            throughput_target: None,
            whole_house_register: None,
            retention_years: None,
            retention_basis: None,
        })
        .await
        .expect("ladder");
    admin
        .add_step(ladder.id, &step("Mylla", DemandLevel::Low, Some(15)))
        .await
        .expect("step");
    let ladder = admin
        .add_step(ladder.id, &step("Porten", DemandLevel::Moderate, None))
        .await
        .expect("step");
    let ladder = admin
        .add_activity(
            ladder.id,
            &NewActivity {
                name: Some("ALUP".into()),
                description: None,
            },
        )
        .await
        .expect("activity");
    let names: Vec<&str> = ladder.steps.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, vec!["Mylla", "Porten"]);
    assert_eq!(ladder.steps[0].capacity, Some(15));
    assert_eq!(ladder.activities[0].name, "ALUP");

    let reversed = StepOrder {
        step_ids: vec![ladder.steps[1].id, ladder.steps[0].id],
    };
    let ladder = admin
        .reorder_steps(ladder.id, &reversed)
        .await
        .expect("reorder");
    assert_eq!(ladder.steps[0].name, "Porten");
    let listed = admin.ladders().await.expect("the admin reads ladders");
    assert!(
        listed
            .iter()
            .any(|l| l.id == ladder.id && l.step_count == 2)
    );
    // A new programme is the admins' until they give others a role in it.
    let seen = app
        .viewer()
        .await
        .ladders()
        .await
        .expect("the viewer's ladders");
    assert!(seen.iter().all(|l| l.id != ladder.id));
    assert!(seen.iter().any(|l| l.id == app.ladder));
}

#[actix_web::test]
async fn a_step_without_name_or_level_gets_422_and_nothing_is_written() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let path = format!("/api/v1/ladders/{}/steps", app.ladder);
    let response = app
        .send_json(
            &admin,
            Method::POST,
            &path,
            serde_json::json!({"capacity": 0}),
        )
        .await;
    let problem = assert_problem(response, 422).await;
    assert_eq!(fields(&problem), vec!["name", "capacity", "demand_level"]);
    assert_eq!(
        admin.ladder(app.ladder).await.expect("ladder").steps.len(),
        3
    );
}

#[actix_web::test]
async fn a_reorder_that_misses_a_step_gets_422() {
    let app = spawn_app().await;
    let order = StepOrder {
        step_ids: vec![app.steps[0], app.steps[1]],
    };
    let err = app
        .admin()
        .await
        .reorder_steps(app.ladder, &order)
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 422);
    let ladder = app.admin().await.ladder(app.ladder).await.expect("ladder");
    assert_eq!(
        ladder.steps.iter().map(|s| s.id).collect::<Vec<_>>(),
        app.steps
    );
}

#[actix_web::test]
async fn only_admins_change_ladders() {
    let app = spawn_app().await;
    let coordinator = app.coordinator().await;
    let err = coordinator
        .create_ladder(&NewLadder {
            name: Some("X".into()),
            description: None,
            annual_target: None,
            throughput_target: None,
            whole_house_register: None,
            retention_years: None,
            retention_basis: None,
        })
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 403);
    let err = coordinator
        .add_step(app.ladder, &step("X", DemandLevel::Low, None))
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 403);
}

#[actix_web::test]
async fn an_unknown_ladder_or_a_step_of_another_ladder_is_404() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    assert_eq!(
        status_of(&admin.ladder(LadderId(999)).await.unwrap_err()),
        404
    );
    let err = admin
        .update_step(
            app.other_ladder,
            app.steps[0],
            &step("X", DemandLevel::Low, None),
        )
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 404);
}

#[actix_web::test]
async fn a_step_is_updated_in_place() {
    let app = spawn_app().await;
    let ladder = app
        .admin()
        .await
        .update_step(
            app.ladder,
            app.steps[1],
            &step("Soppköket", DemandLevel::WorkLike, Some(3)),
        )
        .await
        .expect("update");
    let s = &ladder.steps[1];
    assert_eq!(
        (s.name.as_str(), s.demand_level, s.capacity),
        ("Soppköket", DemandLevel::WorkLike, Some(3))
    );
}

#[actix_web::test]
async fn a_ladder_is_renamed_and_a_nameless_one_is_refused() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let renamed = admin
        .update_ladder(
            app.ladder,
            &NewLadder {
                name: Some("Porten / Mylla".into()),
                description: Some("Kalmar".into()),
                annual_target: Some(40),
                throughput_target: Some(60),
                whole_house_register: None,
                retention_years: None,
                retention_basis: None,
            },
        )
        .await
        .expect("rename");
    assert_eq!(
        (
            renamed.name.as_str(),
            renamed.description.as_str(),
            renamed.annual_target,
            renamed.throughput_target
        ),
        ("Porten / Mylla", "Kalmar", Some(40), Some(60))
    );
    let err = admin
        .update_ladder(
            app.ladder,
            &NewLadder {
                name: Some("Porten / Mylla".into()),
                description: None,
                annual_target: Some(0),
                throughput_target: Some(100_001),
                whole_house_register: None,
                retention_years: None,
                retention_basis: None,
            },
        )
        .await
        .unwrap_err();
    let stige_client::ClientError::Api { problem } = err else {
        panic!("expected a problem, got {err}");
    };
    let fields: Vec<&str> = problem.errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        (problem.status, fields),
        (422, vec!["annual_target", "throughput_target"])
    );
    let unchanged = admin.ladder(app.ladder).await.expect("ladder");
    assert_eq!(
        (unchanged.annual_target, unchanged.throughput_target),
        (Some(40), Some(60)),
        "nothing written"
    );
    let err = admin
        .update_ladder(app.ladder, &NewLadder::default())
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 422);
    let err = admin
        .create_ladder(&NewLadder::default())
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 422);
    let err = admin
        .add_activity(app.ladder, &NewActivity::default())
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 422);
    let err = admin
        .update_ladder(
            LadderId(999),
            &NewLadder {
                name: Some("X".into()),
                description: None,
                annual_target: None,
                throughput_target: None,
                whole_house_register: None,
                retention_years: None,
                retention_basis: None,
            },
        )
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 404);
    assert_eq!(
        admin.ladder(app.ladder).await.expect("read").name,
        "Porten / Mylla"
    );
}

#[actix_web::test]
async fn an_admin_sets_the_retention_period_and_its_legal_basis() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let before = admin.ladder(app.ladder).await.expect("ladder");
    assert_eq!(
        (before.retention_years, before.retention_basis.as_str()),
        (5, "")
    );
    let body = |years: Option<i64>, basis: Option<&str>| NewLadder {
        name: Some(before.name.clone()),
        description: Some(before.description.clone()),
        annual_target: None,
        throughput_target: None,
        whole_house_register: None,
        retention_years: years,
        retention_basis: basis.map(str::to_owned),
    };
    let set = admin
        .update_ladder(app.ladder, &body(Some(7), Some("Arkivlova § 6")))
        .await
        .expect("set");
    assert_eq!(
        (set.retention_years, set.retention_basis.as_str()),
        (7, "Arkivlova § 6")
    );
    // Absent: unchanged.
    let kept = admin
        .update_ladder(app.ladder, &body(None, None))
        .await
        .expect("unchanged");
    assert_eq!(kept.retention_years, 7);

    let bad = admin
        .request(Method::PUT, &format!("/api/v1/ladders/{}", app.ladder))
        .json(&serde_json::json!({
            "name": before.name,
            "retention_years": 0,
            "retention_basis": "x".repeat(501),
        }))
        .sent()
        .await;
    let problem = assert_problem(bad, 422).await;
    assert_eq!(fields(&problem), vec!["retention_years", "retention_basis"]);
    assert_eq!(
        admin
            .ladder(app.ladder)
            .await
            .expect("ladder")
            .retention_years,
        7
    );

    let coordinator = app.coordinator().await;
    let err = coordinator
        .update_ladder(app.ladder, &body(Some(1), None))
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 403);
    let stranger = app.as_user("other-admin").await;
    let err = stranger
        .update_ladder(app.ladder, &body(Some(1), None))
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 404);
    assert_eq!(
        admin
            .ladder(app.ladder)
            .await
            .expect("ladder")
            .retention_years,
        7
    );
}
