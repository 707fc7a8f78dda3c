use crate::helpers::{PASSWORD, Sent, assert_problem, spawn_app, status_of};
use reqwest::Method;
use stige_client::{ParticipantQuery, UserUpdate};
use stige_domain::Role;

#[actix_web::test]
async fn login_with_the_right_password_gives_a_bearer_token_of_at_most_fifteen_minutes() {
    let app = spawn_app().await;
    let tokens = app
        .client
        .login("coordinator", PASSWORD)
        .await
        .expect("login");
    assert_eq!(tokens.token_type, "Bearer");
    assert!(tokens.expires_in > 0 && tokens.expires_in <= 900);
    let me = app.me_with(tokens.access_token).await;
    assert_eq!(me.username, "coordinator");
}

#[actix_web::test]
async fn a_wrong_password_gets_401_problem_and_is_recorded() {
    let app = spawn_app().await;
    let response = app
        .client
        .request(Method::POST, "/api/v1/auth/login")
        .json(&serde_json::json!({"username": "coordinator", "password": "nope"}))
        .sent()
        .await;
    assert_problem(response, 401).await;
    let failed = stige_store::audit::with_action(
        &mut app.conn(),
        stige_domain::AuditAction::AuthLoginFailed,
    )
    .expect("audit");
    assert_eq!(failed.len(), 1);
}

#[actix_web::test]
async fn an_unknown_user_gets_the_same_answer_as_a_wrong_password() {
    let app = spawn_app().await;
    let err = app.client.login("nobody", PASSWORD).await.unwrap_err();
    assert_eq!(status_of(&err), 401);
    assert_eq!(
        err.problem().map(|p| p.kind.as_str()),
        Some("/problems/invalid-credentials")
    );
}

#[actix_web::test]
async fn repeated_failed_logins_for_one_account_are_throttled() {
    let app = spawn_app().await;
    for _ in 0..5 {
        let err = app.client.login("mentor", "wrong").await.unwrap_err();
        assert_eq!(status_of(&err), 401);
    }
    let err = app.client.login("mentor", PASSWORD).await.unwrap_err();
    assert_eq!(
        status_of(&err),
        429,
        "even the right password waits once throttled"
    );
    // Another account is not affected by this one's failures.
    assert!(app.client.login("coordinator", PASSWORD).await.is_ok());
}

#[actix_web::test]
async fn anonymous_calls_get_401() {
    let app = spawn_app().await;
    for path in [
        "/api/v1/participants",
        "/api/v1/participants/1",
        "/api/v1/ladders",
        "/api/v1/users",
        "/api/v1/auth/me",
    ] {
        let response = app.client.request(Method::GET, path).sent().await;
        let body = assert_problem(response, 401).await;
        assert_eq!(body["type"], "/problems/unauthorized", "{path}");
    }
}

#[actix_web::test]
async fn a_tampered_token_gets_401() {
    let app = spawn_app().await;
    let tokens = app.client.login("admin", PASSWORD).await.expect("login");
    // Change the first character of the signature (the last one may carry only
    // padding bits, so changing it might not change the signature at all).
    let signature_at = tokens.access_token.rfind('.').expect("a JWT") + 1;
    let mut forged = tokens.access_token.clone();
    let first = forged.remove(signature_at);
    forged.insert(signature_at, if first == 'A' { 'B' } else { 'A' });
    let err = app.client.with_token(forged).me().await.unwrap_err();
    assert_eq!(status_of(&err), 401);
    let foreign = stige_api::auth::jwt::TokenKeys::new(&[1u8; 32])
        .issue(app.users.admin.0, 1, "admin", 60)
        .expect("token");
    assert_eq!(
        status_of(&app.client.with_token(foreign).me().await.unwrap_err()),
        401
    );
}

#[actix_web::test]
async fn refresh_gives_new_tokens_and_the_old_refresh_token_works_only_once() {
    let app = spawn_app().await;
    let first = app
        .client
        .login("coordinator", PASSWORD)
        .await
        .expect("login");
    let second = app
        .client
        .refresh(&first.refresh_token)
        .await
        .expect("refresh");
    assert_ne!(second.refresh_token, first.refresh_token);
    assert!(
        app.client
            .with_token(second.access_token)
            .me()
            .await
            .is_ok()
    );
    let err = app.client.refresh(&first.refresh_token).await.unwrap_err();
    assert_eq!(status_of(&err), 401);
}

#[actix_web::test]
async fn logout_ends_the_session_at_once() {
    let app = spawn_app().await;
    let tokens = app
        .client
        .login("coordinator", PASSWORD)
        .await
        .expect("login");
    let client = app.client.with_token(tokens.access_token.clone());
    client.logout().await.expect("logout");
    assert_eq!(status_of(&client.me().await.unwrap_err()), 401);
    assert_eq!(
        status_of(&app.client.refresh(&tokens.refresh_token).await.unwrap_err()),
        401
    );
}

#[actix_web::test]
async fn the_participant_list_and_page_check_the_session_and_the_role_with_the_read() {
    let app = spawn_app().await;
    let someone = app.new_participant("Siri", "Lund").await;
    let coordinator = app.coordinator().await;
    let everyone = ParticipantQuery::default();
    assert_eq!(
        coordinator
            .participants(&everyone)
            .await
            .expect("list")
            .total,
        1
    );
    assert!(coordinator.participant(someone.id).await.is_ok());
    // A changed role applies at once: the session ends, and signed in again
    // as a viewer, they see no participants.
    demote_coordinator_to_viewer(&app).await;
    let err = coordinator.participants(&everyone).await.unwrap_err();
    assert_eq!(status_of(&err), 401);
    let coordinator = app.coordinator().await;
    let err = coordinator.participants(&everyone).await.unwrap_err();
    assert_eq!(status_of(&err), 403);
    // A closed session stops both reads, and no read is recorded.
    let reads_before = app.audit_actions(someone.id).len();
    coordinator.logout().await.expect("logout");
    let err = coordinator.participants(&everyone).await.unwrap_err();
    assert_eq!(status_of(&err), 401);
    let err = coordinator.participant(someone.id).await.unwrap_err();
    assert_eq!(status_of(&err), 401);
    assert_eq!(app.audit_actions(someone.id).len(), reads_before);
}

/// The admin makes the coordinator a viewer.
pub(crate) async fn demote_coordinator_to_viewer(app: &crate::helpers::TestApp) {
    let update = UserUpdate {
        role: Some(Role::Viewer),
        ..Default::default()
    };
    app.admin()
        .await
        .update_user(app.users.coordinator, &update)
        .await
        .expect("demote");
}

#[actix_web::test]
async fn a_deactivated_user_is_locked_out_at_once() {
    let app = spawn_app().await;
    let mentor = app.mentor().await;
    let update = UserUpdate {
        active: Some(false),
        ..Default::default()
    };
    app.admin()
        .await
        .update_user(app.users.mentor, &update)
        .await
        .expect("deactivate");
    assert_eq!(status_of(&mentor.me().await.unwrap_err()), 401);
    assert_eq!(
        status_of(&app.client.login("mentor", PASSWORD).await.unwrap_err()),
        401
    );
}

#[actix_web::test]
async fn a_login_body_without_fields_gets_400_problem() {
    let app = spawn_app().await;
    let response = app
        .client
        .request(Method::POST, "/api/v1/auth/login")
        .json(&serde_json::json!({}))
        .sent()
        .await;
    assert_problem(response, 400).await;
}
