use crate::helpers::{action, move_to, spawn_app, status_of};
use stige_client::{MoveRequestBody, StatusChangeRequest};
use stige_domain::enrolment::EnrolmentAction;
use stige_domain::{Direction, EnrolmentStatus, ExitOutcome};

#[actix_web::test]
async fn a_participant_moves_up_and_down_and_every_move_is_in_the_history() {
    let app = spawn_app().await;
    let p = app.active_participant("Anna", "Lind").await;
    let c = app.coordinator().await;
    let up = c
        .move_participant(p.id, &move_to(app.steps[2], "Ready for an internship"))
        .await
        .expect("up");
    assert_eq!(up.current_step.as_ref().map(|s| s.id), Some(app.steps[2]));
    let down = c
        .move_participant(p.id, &move_to(app.steps[0], "Needs a calmer pace"))
        .await
        .expect("down");
    let directions: Vec<Direction> = down.moves.iter().map(|m| m.direction).collect();
    assert_eq!(
        directions,
        vec![Direction::Start, Direction::Up, Direction::Down]
    );
    assert_eq!(down.moves[2].reason, "Needs a calmer pace");
    assert_eq!(
        down.moves[2].from_step.as_ref().map(|s| s.id),
        Some(app.steps[2])
    );
    assert_eq!(down.days_in_current_step, Some(0));
    assert_eq!(down.days_per_step.len(), 3);
    assert!(
        app.audit_actions(p.id)
            .iter()
            .filter(|a| *a == "participant.move")
            .count()
            == 3
    );
}

#[actix_web::test]
async fn only_an_active_participant_moves() {
    let app = spawn_app().await;
    let p = app.new_participant("Anna", "Lind").await;
    let err = app
        .coordinator()
        .await
        .move_participant(p.id, &move_to(app.steps[0], "Start"))
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 409);
    let after = app
        .coordinator()
        .await
        .participant(p.id)
        .await
        .expect("read");
    assert!(after.moves.is_empty());
}

#[actix_web::test]
async fn moving_into_a_full_step_needs_an_override_reason() {
    let app = spawn_app().await;
    let first = app.active_participant("Anna", "Lind").await;
    let second = app.active_participant("Erik", "Ek").await;
    let c = app.coordinator().await;
    c.move_participant(first.id, &move_to(app.steps[1], "Up"))
        .await
        .expect("fills the one place");
    let err = c
        .move_participant(second.id, &move_to(app.steps[1], "Up"))
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 409);
    assert!(
        err.problem()
            .and_then(|p| p.detail.clone())
            .unwrap_or_default()
            .contains("full")
    );
    let body = MoveRequestBody {
        override_reason: Some("Agreed in the team meeting".into()),
        ..move_to(app.steps[1], "Up")
    };
    let moved = c
        .move_participant(second.id, &body)
        .await
        .expect("override");
    assert_eq!(
        moved
            .moves
            .last()
            .and_then(|m| m.override_reason.clone())
            .as_deref(),
        Some("Agreed in the team meeting")
    );
}

#[actix_web::test]
async fn a_move_to_another_ladder_or_without_reason_or_in_the_future_gets_422() {
    let app = spawn_app().await;
    let p = app.active_participant("Anna", "Lind").await;
    let c = app.coordinator().await;
    let err = c
        .move_participant(p.id, &move_to(app.other_step, "Elsewhere"))
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 422);
    let body = MoveRequestBody {
        to_step_id: Some(app.steps[1]),
        date: Some(chrono::Utc::now().date_naive() + chrono::Duration::days(3)),
        reason: None,
        override_reason: None,
    };
    let err = c.move_participant(p.id, &body).await.unwrap_err();
    let fields: Vec<String> = err
        .problem()
        .map(|p| p.errors.iter().map(|e| e.field.clone()).collect())
        .unwrap_or_default();
    assert_eq!(fields, vec!["reason", "date"]);
    assert_eq!(c.participant(p.id).await.expect("read").moves.len(), 1);
}

#[actix_web::test]
async fn the_enrolment_runs_from_referral_through_pause_to_exit_and_back() {
    let app = spawn_app().await;
    let p = app.new_participant("Anna", "Lind").await;
    let c = app.coordinator().await;
    c.change_status(p.id, &action(EnrolmentAction::StartAssessment))
        .await
        .expect("assess");
    c.change_status(p.id, &action(EnrolmentAction::Activate))
        .await
        .expect("activate");
    let pause = StatusChangeRequest {
        reason: Some("Treatment stay".into()),
        planned_return: Some(chrono::Utc::now().date_naive() + chrono::Duration::days(30)),
        ..action(EnrolmentAction::Pause)
    };
    let paused = c.change_status(p.id, &pause).await.expect("pause");
    assert_eq!(paused.status, EnrolmentStatus::Paused);
    c.change_status(p.id, &action(EnrolmentAction::Resume))
        .await
        .expect("resume");
    let exit = StatusChangeRequest {
        outcome: Some(ExitOutcome::Education),
        ..action(EnrolmentAction::Exit)
    };
    let exited = c.change_status(p.id, &exit).await.expect("exit");
    assert_eq!(exited.status, EnrolmentStatus::Exited);
    assert_eq!(
        exited.status_history.last().and_then(|s| s.outcome),
        Some(ExitOutcome::Education)
    );
    let back = StatusChangeRequest {
        reason: Some("Wants to try again".into()),
        ..action(EnrolmentAction::Reactivate)
    };
    let again = c.change_status(p.id, &back).await.expect("reactivate");
    let statuses: Vec<EnrolmentStatus> = again.status_history.iter().map(|s| s.to_status).collect();
    use EnrolmentStatus::*;
    assert_eq!(
        statuses,
        vec![
            Referred,
            InAssessment,
            Active,
            Paused,
            Active,
            Exited,
            Active
        ]
    );
}

#[actix_web::test]
async fn a_transition_the_programme_does_not_allow_gets_409_and_changes_nothing() {
    let app = spawn_app().await;
    let p = app.new_participant("Anna", "Lind").await;
    let c = app.coordinator().await;
    let err = c
        .change_status(p.id, &action(EnrolmentAction::Resume))
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 409);
    let after = c.participant(p.id).await.expect("read");
    assert_eq!(
        (after.status, after.status_history.len(), after.version),
        (EnrolmentStatus::Referred, 1, p.version)
    );
}

#[actix_web::test]
async fn exit_as_other_needs_a_text_and_pause_needs_a_reason() {
    let app = spawn_app().await;
    let p = app.active_participant("Anna", "Lind").await;
    let c = app.coordinator().await;
    let exit = StatusChangeRequest {
        outcome: Some(ExitOutcome::Other),
        ..action(EnrolmentAction::Exit)
    };
    let err = c.change_status(p.id, &exit).await.unwrap_err();
    assert_eq!(status_of(&err), 422);
    assert_eq!(
        err.problem().map(|p| p.errors[0].field.as_str()),
        Some("outcome_text")
    );
    let err = c
        .change_status(p.id, &action(EnrolmentAction::Pause))
        .await
        .unwrap_err();
    assert_eq!(
        err.problem().map(|p| p.errors[0].field.as_str()),
        Some("reason")
    );
    let err = c
        .change_status(p.id, &StatusChangeRequest::default())
        .await
        .unwrap_err();
    assert_eq!(
        err.problem().map(|p| p.errors[0].field.as_str()),
        Some("action")
    );
    assert_eq!(
        c.participant(p.id).await.expect("read").status,
        EnrolmentStatus::Active
    );
}
