use crate::helpers::{assert_problem, fields, spawn_app, status_of};
use reqwest::Method;
use stige_client::{GoalStatusChange, NewGoal, NewScore};
use stige_domain::goal::{GoalCategory, GoalStatus};

fn goal(text: &str) -> NewGoal {
    NewGoal {
        text: Some(text.into()),
        category: Some(GoalCategory::SelfBelief),
    }
}

#[actix_web::test]
async fn a_goal_in_own_words_collects_scaling_scores_over_time() {
    let app = spawn_app().await;
    let p = app.active_participant("Anna", "Lind").await;
    let c = app.coordinator().await;
    let g = c
        .add_goal(p.id, &goal("Tro på at jeg kan klare en hel dag"))
        .await
        .expect("goal");
    assert_eq!((g.status, g.scores.len()), (GoalStatus::Active, 0));
    let yesterday = chrono::Utc::now().date_naive() - chrono::Duration::days(1);
    c.add_score(
        p.id,
        g.id,
        &NewScore {
            date: Some(yesterday),
            score: Some(3),
            comment: None,
        },
    )
    .await
    .expect("score");
    let g = c
        .add_score(
            p.id,
            g.id,
            &NewScore {
                score: Some(5),
                comment: Some("Bedre uke".into()),
                ..Default::default()
            },
        )
        .await
        .expect("score");
    assert_eq!(
        g.scores.iter().map(|s| s.score).collect::<Vec<_>>(),
        vec![3, 5]
    );
    let g = c
        .set_goal_status(
            p.id,
            g.id,
            &GoalStatusChange {
                status: Some(GoalStatus::Reached),
            },
        )
        .await
        .expect("status");
    assert_eq!(g.status, GoalStatus::Reached);
    assert_eq!(c.goals(p.id).await.expect("list").len(), 1);
    let actions = app.audit_actions(p.id);
    for a in ["goal.create", "goal.score", "goal.status", "goal.list"] {
        assert!(actions.contains(&a.to_owned()), "{a}");
    }
}

#[actix_web::test]
async fn a_score_of_eleven_or_a_goal_without_words_gets_422_and_writes_nothing() {
    let app = spawn_app().await;
    let p = app.active_participant("Anna", "Lind").await;
    let c = app.coordinator().await;
    let g = c
        .add_goal(p.id, &goal("Struktur i hverdagen"))
        .await
        .expect("goal");
    let err = c
        .add_score(
            p.id,
            g.id,
            &NewScore {
                score: Some(11),
                ..Default::default()
            },
        )
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 422);
    assert_eq!(
        err.problem().map(|p| p.errors[0].field.as_str()),
        Some("score")
    );
    let path = format!("/api/v1/participants/{}/goals", p.id);
    let response = app
        .send_json(&c, Method::POST, &path, serde_json::json!({"text": " "}))
        .await;
    assert_eq!(
        fields(&assert_problem(response, 422).await),
        vec!["text", "category"]
    );
    let goals = c.goals(p.id).await.expect("list");
    assert_eq!((goals.len(), goals[0].scores.len()), (1, 0));
}

#[actix_web::test]
async fn goals_of_someone_else_s_participant_are_404_for_a_mentor() {
    let app = spawn_app().await;
    let p = app.active_participant("Anna", "Lind").await;
    let c = app.coordinator().await;
    let g = c.add_goal(p.id, &goal("Jobb")).await.expect("goal");
    let mentor = app.mentor().await;
    assert_eq!(status_of(&mentor.goals(p.id).await.unwrap_err()), 404);
    assert_eq!(
        status_of(&mentor.add_goal(p.id, &goal("x")).await.unwrap_err()),
        404
    );
    let score = NewScore {
        score: Some(4),
        ..Default::default()
    };
    assert_eq!(
        status_of(&mentor.add_score(p.id, g.id, &score).await.unwrap_err()),
        404
    );
    // A goal id of another participant is 404 too.
    let other = app.active_participant("Erik", "Ek").await;
    assert_eq!(
        status_of(&c.add_score(other.id, g.id, &score).await.unwrap_err()),
        404
    );
    app.assign_the_mentor(&c, p.id).await;
    assert_eq!(mentor.goals(p.id).await.expect("now visible").len(), 1);
    assert_eq!(
        status_of(&app.viewer().await.goals(p.id).await.unwrap_err()),
        403
    );
}
