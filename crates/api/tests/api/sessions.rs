//! Sessions that end: on a new password or role, on a replayed refresh token,
//! at their absolute end, when unused too long, and on "sign out everywhere".

use crate::helpers::{PASSWORD, Sent, TestApp, assert_problem, spawn_app, status_of};
use diesel::prelude::*;
use reqwest::Method;
use stige_client::{TokenResponse, UserUpdate};
use stige_domain::{Role, UserId};
use stige_store::schema::{audit_events, sessions, spent_refresh_tokens};

pub(crate) async fn sign_in(app: &TestApp, username: &str) -> TokenResponse {
    app.client.login(username, PASSWORD).await.expect("login")
}

/// Whether the access token of `tokens` still works (reads `/auth/me`); the
/// tests check the refresh token on its own, since a check would spend it.
pub(crate) async fn works(app: &TestApp, tokens: &TokenResponse) -> bool {
    app.client
        .with_token(tokens.access_token.clone())
        .me()
        .await
        .is_ok()
}

fn open_sessions(app: &TestApp, user: UserId) -> i64 {
    sessions::table
        .filter(sessions::user_id.eq(user.0))
        .filter(sessions::revoked_at.is_null())
        .count()
        .get_result(&mut app.conn())
        .expect("count")
}

pub(crate) fn events(app: &TestApp, action: &str) -> i64 {
    audit_events::table
        .filter(audit_events::action.eq(action))
        .count()
        .get_result(&mut app.conn())
        .expect("count")
}

#[actix_web::test]
async fn a_new_password_from_an_admin_ends_the_user_s_sessions_at_once() {
    let app = spawn_app().await;
    let mentor = sign_in(&app, "mentor").await;
    let admin = app.admin().await;
    let update = UserUpdate {
        password: Some("a brand new passphrase".into()),
        ..Default::default()
    };
    admin
        .update_user(app.users.mentor, &update)
        .await
        .expect("reset");
    assert!(
        !works(&app, &mentor).await,
        "the old access token is refused"
    );
    let err = app.client.refresh(&mentor.refresh_token).await.unwrap_err();
    assert_eq!(status_of(&err), 401, "and so is the refresh token");
    assert!(
        app.client
            .login("mentor", "a brand new passphrase")
            .await
            .is_ok()
    );
}

#[actix_web::test]
async fn a_new_role_ends_the_sessions_and_the_next_sign_in_has_the_new_role() {
    let app = spawn_app().await;
    let coordinator = sign_in(&app, "coordinator").await;
    crate::auth::demote_coordinator_to_viewer(&app).await;
    assert!(!works(&app, &coordinator).await);
    let me = app.coordinator().await.me().await.expect("me");
    assert_eq!(me.role, Role::Viewer);
}

#[actix_web::test]
async fn an_admin_changing_their_own_password_keeps_this_session_and_ends_the_others() {
    let app = spawn_app().await;
    let elsewhere = sign_in(&app, "admin").await;
    let here = app.admin().await;
    let update = UserUpdate {
        password: Some("a brand new passphrase".into()),
        ..Default::default()
    };
    here.update_user(app.users.admin, &update)
        .await
        .expect("change");
    assert!(
        here.me().await.is_ok(),
        "the session making the change goes on"
    );
    assert!(!works(&app, &elsewhere).await, "the other one ended");
    assert_eq!(open_sessions(&app, app.users.admin), 1);
}

#[actix_web::test]
async fn a_replayed_refresh_token_ends_its_whole_session() {
    let app = spawn_app().await;
    let first = sign_in(&app, "coordinator").await;
    let second = app
        .client
        .refresh(&first.refresh_token)
        .await
        .expect("refresh");
    assert!(works(&app, &second).await);
    // Someone replays the first token: refused, and the session it belonged
    // to ends, with the tokens of whoever refreshed it rightly.
    let err = app.client.refresh(&first.refresh_token).await.unwrap_err();
    assert_eq!(status_of(&err), 401);
    assert!(!works(&app, &second).await);
    let err = app.client.refresh(&second.refresh_token).await.unwrap_err();
    assert_eq!(status_of(&err), 401);
    assert_eq!(events(&app, "auth.refresh_replayed"), 1);
    assert_eq!(open_sessions(&app, app.users.coordinator), 0);
    // A made-up token ends nothing.
    let mentor = sign_in(&app, "mentor").await;
    let err = app.client.refresh("made-up").await.unwrap_err();
    assert_eq!(status_of(&err), 401);
    assert!(works(&app, &mentor).await);
    assert_eq!(events(&app, "auth.refresh_replayed"), 1);
}

#[actix_web::test]
async fn a_session_ends_when_unused_too_long_and_at_its_end_whatever_the_refreshes() {
    let app = spawn_app().await;
    let tokens = sign_in(&app, "coordinator").await;
    let session_of = |app: &TestApp| -> i64 {
        sessions::table
            .filter(sessions::user_id.eq(app.users.coordinator.0))
            .select(sessions::id)
            .first(&mut app.conn())
            .expect("session")
    };
    let id = session_of(&app);
    let ago = |minutes: i64| stige_store::now() - chrono::Duration::minutes(minutes);
    // Used 29 minutes ago: still open (the test app's idle timeout is 30).
    diesel::update(sessions::table.find(id))
        .set(sessions::last_seen_at.eq(ago(29)))
        .execute(&mut app.conn())
        .expect("age");
    assert!(works(&app, &tokens).await);
    // The request counted as use; 31 minutes unused ends it.
    let seen: chrono::NaiveDateTime = sessions::table
        .find(id)
        .select(sessions::last_seen_at)
        .first(&mut app.conn())
        .expect("seen");
    assert!(seen > ago(1), "the request was recorded as use");
    diesel::update(sessions::table.find(id))
        .set(sessions::last_seen_at.eq(ago(31)))
        .execute(&mut app.conn())
        .expect("age");
    assert!(!works(&app, &tokens).await);
    let err = app.client.refresh(&tokens.refresh_token).await.unwrap_err();
    assert_eq!(status_of(&err), 401);

    // A fresh session past its absolute end: no refresh brings it back.
    let tokens = sign_in(&app, "mentor").await;
    diesel::update(sessions::table.filter(sessions::user_id.eq(app.users.mentor.0)))
        .set(sessions::ends_at.eq(ago(1)))
        .execute(&mut app.conn())
        .expect("end");
    assert!(!works(&app, &tokens).await);
    let err = app.client.refresh(&tokens.refresh_token).await.unwrap_err();
    assert_eq!(status_of(&err), 401);
    let spent: i64 = spent_refresh_tokens::table
        .count()
        .get_result(&mut app.conn())
        .expect("count");
    assert_eq!(spent, 0, "nothing was traded in");
}

#[actix_web::test]
async fn a_refresh_does_not_move_the_absolute_end() {
    let app = spawn_app().await;
    let first = sign_in(&app, "coordinator").await;
    let ends = |app: &TestApp| -> chrono::NaiveDateTime {
        sessions::table
            .filter(sessions::user_id.eq(app.users.coordinator.0))
            .select(sessions::ends_at)
            .first(&mut app.conn())
            .expect("end")
    };
    let before = ends(&app);
    app.client
        .refresh(&first.refresh_token)
        .await
        .expect("refresh");
    assert_eq!(ends(&app), before);
    let hours = (before - stige_store::now()).num_minutes();
    assert!(
        (11 * 60..=12 * 60).contains(&hours),
        "about 12 hours: {hours} min"
    );
}

#[actix_web::test]
async fn sign_out_everywhere_ends_every_session_of_the_caller_only() {
    let app = spawn_app().await;
    let phone = sign_in(&app, "coordinator").await;
    let desk = app.coordinator().await;
    let mentor = sign_in(&app, "mentor").await;
    desk.logout_everywhere().await.expect("everywhere");
    assert_eq!(status_of(&desk.me().await.unwrap_err()), 401);
    assert!(!works(&app, &phone).await);
    let err = app.client.refresh(&phone.refresh_token).await.unwrap_err();
    assert_eq!(status_of(&err), 401);
    assert!(works(&app, &mentor).await, "another user's session goes on");
    assert_eq!(events(&app, "auth.logout_everywhere"), 1);
    // Without a token: 401 problem, nothing recorded.
    let response = app
        .client
        .request(Method::POST, "/api/v1/auth/logout-everywhere")
        .sent()
        .await;
    assert_problem(response, 401).await;
    assert_eq!(events(&app, "auth.logout_everywhere"), 1);
}

#[actix_web::test]
async fn an_admin_signs_a_user_out_everywhere_and_no_one_else_may() {
    let app = spawn_app().await;
    let mentor = sign_in(&app, "mentor").await;
    // A coordinator may not (403), another organisation's admin finds no such
    // user (404), and neither ends anything.
    let coordinator = app.coordinator().await;
    let err = coordinator
        .end_user_sessions(app.users.mentor)
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 403);
    let stranger = app.as_user("other-admin").await;
    let err = stranger
        .end_user_sessions(app.users.mentor)
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 404);
    assert!(works(&app, &mentor).await);
    assert_eq!(events(&app, "user.sessions_ended"), 0);
    // A made-up id is 404 too, and so is an id that is no number (a
    // problem, as for every path that names nothing).
    let admin = app.admin().await;
    let err = admin.end_user_sessions(UserId(987_654)).await.unwrap_err();
    assert_eq!(status_of(&err), 404);
    let response = admin
        .request(Method::DELETE, "/api/v1/users/someone/sessions")
        .sent()
        .await;
    assert_problem(response, 404).await;
    assert!(works(&app, &mentor).await);
    // The organisation's admin: every session of the mentor ends.
    admin
        .end_user_sessions(app.users.mentor)
        .await
        .expect("end");
    assert!(!works(&app, &mentor).await);
    assert_eq!(open_sessions(&app, app.users.mentor), 0);
    assert_eq!(events(&app, "user.sessions_ended"), 1);
    assert!(admin.me().await.is_ok(), "the admin's own session goes on");
}
