//! Passwords of staff accounts: an admin's one-time reset link, the reset it
//! leads to, one's own change of password, and when users last signed in.

use crate::helpers::{PASSWORD, Sent, TestApp, assert_problem, fields, spawn_app, status_of};
use crate::sessions::{events, sign_in, works};
use diesel::prelude::*;
use reqwest::Method;
use stige_client::{PasswordChange, PasswordReset, PasswordResetLink};
use stige_domain::UserId;
use stige_store::schema::{password_resets, sessions, users};

fn password_hash_of(app: &TestApp, user: UserId) -> String {
    users::table
        .find(user.0)
        .select(users::password_hash)
        .first(&mut app.conn())
        .expect("hash")
}

fn resets(app: &TestApp) -> i64 {
    password_resets::table
        .count()
        .get_result(&mut app.conn())
        .expect("count")
}

/// The token in a reset link (`…/reset-password#token=…`).
fn token_of(link: &PasswordResetLink) -> String {
    link.link
        .split_once("#token=")
        .map(|(_, t)| t.to_owned())
        .expect("a token in the link")
}

fn reset(token: &str, new_password: &str) -> PasswordReset {
    PasswordReset {
        token: Some(token.into()),
        new_password: Some(new_password.into()),
    }
}

#[actix_web::test]
async fn a_reset_link_sets_a_new_password_once_and_ends_every_session() {
    let app = spawn_app().await;
    let mentor = sign_in(&app, "mentor").await;
    let admin = app.admin().await;
    let before = password_hash_of(&app, app.users.mentor);
    let link = admin.reset_password(app.users.mentor).await.expect("link");
    assert!(
        link.link.contains("/reset-password#token="),
        "{}",
        link.link
    );
    let hours = (link.expires_at - stige_store::now()).num_minutes();
    assert!((23 * 60..=24 * 60).contains(&hours), "about 24 h: {hours}");
    // Only its hash is kept, and nothing else changed yet.
    let token = token_of(&link);
    let stored: String = password_resets::table
        .select(password_resets::token_hash)
        .first(&mut app.conn())
        .expect("stored");
    assert_ne!(stored, token);
    assert!(works(&app, &mentor).await, "a link alone ends nothing");
    assert_eq!(password_hash_of(&app, app.users.mentor), before);
    assert_eq!(events(&app, "user.password_reset_started"), 1);

    // The person chooses a new password, without signing in.
    app.client
        .complete_password_reset(&reset(&token, "a fresh passphrase"))
        .await
        .expect("reset");
    assert!(!works(&app, &mentor).await, "every session ended");
    let err = app.client.refresh(&mentor.refresh_token).await.unwrap_err();
    assert_eq!(status_of(&err), 401);
    assert!(app.client.login("mentor", PASSWORD).await.is_err());
    assert!(
        app.client
            .login("mentor", "a fresh passphrase")
            .await
            .is_ok()
    );
    assert_eq!(events(&app, "auth.password_reset"), 1);

    // The link works once: used again it is gone, and nothing is written.
    let after = password_hash_of(&app, app.users.mentor);
    let err = app
        .client
        .complete_password_reset(&reset(&token, "yet another passphrase"))
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 410);
    assert_eq!(
        err.problem().and_then(|p| p.code.clone()).as_deref(),
        Some("link-used")
    );
    assert_eq!(password_hash_of(&app, app.users.mentor), after);
    assert_eq!(events(&app, "auth.password_reset"), 1);
}

#[actix_web::test]
async fn a_new_link_replaces_the_old_and_an_expired_or_unknown_one_writes_nothing() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let first = admin.reset_password(app.users.mentor).await.expect("first");
    let second = admin
        .reset_password(app.users.mentor)
        .await
        .expect("second");
    assert_eq!(resets(&app), 1, "one reset per user");
    let before = password_hash_of(&app, app.users.mentor);
    // The replaced link is unknown; a made-up one too.
    for token in [token_of(&first), "made-up".to_owned()] {
        let response = app
            .client
            .request(Method::POST, "/api/v1/auth/password-reset")
            .json(&reset(&token, "a fresh passphrase"))
            .sent()
            .await;
        assert_problem(response, 404).await;
    }
    // An expired link is gone.
    diesel::update(password_resets::table)
        .set(password_resets::expires_at.eq(stige_store::now() - chrono::Duration::minutes(1)))
        .execute(&mut app.conn())
        .expect("expire");
    let err = app
        .client
        .complete_password_reset(&reset(&token_of(&second), "a fresh passphrase"))
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 410);
    assert_eq!(
        err.problem().and_then(|p| p.code.clone()).as_deref(),
        Some("link-expired")
    );
    // A short password or no token: 422 naming the fields.
    let response = app
        .client
        .request(Method::POST, "/api/v1/auth/password-reset")
        .json(&serde_json::json!({"new_password": "short"}))
        .sent()
        .await;
    let problem = assert_problem(response, 422).await;
    assert_eq!(fields(&problem), vec!["token", "new_password"]);
    assert_eq!(password_hash_of(&app, app.users.mentor), before);
    assert_eq!(events(&app, "auth.password_reset"), 0);
    let unused: i64 = password_resets::table
        .filter(password_resets::used_at.is_null())
        .count()
        .get_result(&mut app.conn())
        .expect("count");
    assert_eq!(unused, 1, "nothing was spent");
}

#[actix_web::test]
async fn only_the_organisation_s_admin_starts_a_reset() {
    let app = spawn_app().await;
    // Another role: 403; another organisation's admin, a made-up id and an
    // id that is no number: 404. None of them starts anything.
    let coordinator = app.coordinator().await;
    let err = coordinator
        .reset_password(app.users.mentor)
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 403);
    let stranger = app.as_user("other-admin").await;
    let err = stranger.reset_password(app.users.mentor).await.unwrap_err();
    assert_eq!(status_of(&err), 404);
    let admin = app.admin().await;
    let err = admin.reset_password(UserId(987_654)).await.unwrap_err();
    assert_eq!(status_of(&err), 404);
    let response = admin
        .request(Method::POST, "/api/v1/users/someone/password-reset")
        .sent()
        .await;
    assert_problem(response, 404).await;
    let response = app
        .client
        .request(
            Method::POST,
            &format!("/api/v1/users/{}/password-reset", app.users.mentor),
        )
        .sent()
        .await;
    assert_problem(response, 401).await;
    // A deactivated user gets no link until reactivated.
    let off = stige_client::UserUpdate {
        active: Some(false),
        ..Default::default()
    };
    admin
        .update_user(app.users.mentor, &off)
        .await
        .expect("off");
    let err = admin.reset_password(app.users.mentor).await.unwrap_err();
    assert_eq!(status_of(&err), 409);
    assert_eq!(
        err.problem().and_then(|p| p.code.clone()).as_deref(),
        Some("user-deactivated")
    );
    assert_eq!(resets(&app), 0);
    assert_eq!(events(&app, "user.password_reset_started"), 0);
}

#[actix_web::test]
async fn a_staff_member_changes_their_own_password_and_their_other_sessions_end() {
    let app = spawn_app().await;
    let phone = sign_in(&app, "coordinator").await;
    let desk = app.coordinator().await;
    let before = password_hash_of(&app, app.users.coordinator);
    // The wrong current password, or a short new one: 422, nothing written.
    let wrong = PasswordChange {
        current_password: Some("not my password".into()),
        new_password: Some("a fresh passphrase".into()),
    };
    let err = desk.change_password(&wrong).await.unwrap_err();
    assert_eq!(status_of(&err), 422);
    let problem = err.problem().expect("problem");
    assert_eq!(problem.errors[0].field, "current_password");
    assert_eq!(problem.errors[0].code, "password-wrong");
    let response = desk
        .request(Method::POST, "/api/v1/auth/password")
        .json(&serde_json::json!({"current_password": PASSWORD, "new_password": "short"}))
        .sent()
        .await;
    let problem = assert_problem(response, 422).await;
    assert_eq!(fields(&problem), vec!["new_password"]);
    assert_eq!(password_hash_of(&app, app.users.coordinator), before);
    assert!(works(&app, &phone).await);
    assert_eq!(events(&app, "auth.password_changed"), 0);
    // Without a session: 401.
    let response = app
        .client
        .request(Method::POST, "/api/v1/auth/password")
        .json(&serde_json::json!({"current_password": PASSWORD, "new_password": "a fresh passphrase"}))
        .sent().await;
    assert_problem(response, 401).await;

    let change = PasswordChange {
        current_password: Some(PASSWORD.into()),
        new_password: Some("a fresh passphrase".into()),
    };
    desk.change_password(&change).await.expect("change");
    assert!(desk.me().await.is_ok(), "this session goes on");
    assert!(!works(&app, &phone).await, "the other one ended");
    assert!(
        app.client
            .login("coordinator", "a fresh passphrase")
            .await
            .is_ok()
    );
    assert!(app.client.login("coordinator", PASSWORD).await.is_err());
    assert_eq!(events(&app, "auth.password_changed"), 1);
}

#[actix_web::test]
async fn users_show_when_they_last_signed_in_and_me_tells_when_the_session_ends() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let listed = admin.users().await.expect("users");
    let viewer = (listed.iter())
        .find(|u| u.id == app.users.viewer)
        .expect("viewer");
    assert_eq!(viewer.last_sign_in_at, None, "never signed in");
    sign_in(&app, "viewer").await;
    let newest: chrono::NaiveDateTime = sessions::table
        .filter(sessions::user_id.eq(app.users.viewer.0))
        .select(diesel::dsl::max(sessions::created_at))
        .first::<Option<chrono::NaiveDateTime>>(&mut app.conn())
        .expect("newest")
        .expect("a session");
    let listed = admin.users().await.expect("users");
    let viewer = (listed.iter())
        .find(|u| u.id == app.users.viewer)
        .expect("viewer");
    let shown = viewer.last_sign_in_at.expect("signed in");
    assert!(
        (shown - newest).num_milliseconds().abs() < 1,
        "{shown} vs {newest}"
    );

    let me = admin.me().await.expect("me");
    assert_eq!(me.session_idle_secs, 30 * 60);
    let ends = me.session_ends_at.expect("an end");
    let hours = (ends - stige_store::now()).num_minutes();
    assert!((11 * 60..=12 * 60).contains(&hours), "about 12 h: {hours}");
}
