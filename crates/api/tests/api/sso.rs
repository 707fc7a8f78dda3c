//! Single sign-on through a real OpenID provider (issue 21, item 1): the
//! code flow with PKCE, state and nonce; users created or matched by the
//! issuer's subject; every refusal with a clear reason and nothing created.

use crate::helpers::{PASSWORD, Sent, TestApp, assert_problem, spawn_app};
use crate::identity_provider::{
    IdentityProvider, app_with_provider, browser, fragment, land, sign_in_at_provider,
};
use reqwest::Method;
use stige_client::UserUpdate;
use stige_domain::Role;

fn user_count(app: &TestApp) -> i64 {
    stige_store::users::count(&mut app.conn()).expect("count")
}

fn audited(app: &TestApp, action: &str) -> Vec<stige_store::audit::AuditRow> {
    stige_store::audit::with_action(
        &mut app.conn(),
        stige_domain::AuditAction::parse(action).expect("a known action"),
    )
    .expect("audit")
}

/// The callback's `state` parameter.
fn state_of(callback: &str) -> String {
    url::Url::parse(callback)
        .expect("url")
        .query_pairs()
        .find(|(k, _)| k == "state")
        .map(|(_, v)| v.into_owned())
        .expect("a state")
}

/// Signs `username` in through the provider in a fresh browser, trades the
/// one-time code, and answers who Stige says is signed in.
async fn signed_in(app: &TestApp, idp: &IdentityProvider, username: &str) -> stige_client::Me {
    let b = browser();
    let callback = sign_in_at_provider(&b, app, idp, username).await;
    let landing = land(&b, &callback).await;
    let code = fragment(&landing, "sign_in").expect("a one-time code");
    let tokens = app
        .client
        .finish_single_sign_on(code)
        .await
        .expect("tokens");
    app.me_with(tokens.access_token).await
}

/// Signs `username` in through the provider in a fresh browser and answers
/// why Stige refused; asserts that no user was created and the refusal audited.
async fn refusal(app: &TestApp, idp: &IdentityProvider, username: &str) -> String {
    let before = user_count(app);
    let b = browser();
    let callback = sign_in_at_provider(&b, app, idp, username).await;
    let landing = land(&b, &callback).await;
    let refused = audited(app, "auth.sso_refused");
    let reason =
        fragment(&landing, "sign_in_error").unwrap_or_else(|| panic!("{landing} {refused:?}"));
    assert_eq!(user_count(app), before, "nothing is created");
    assert!(
        refused
            .last()
            .and_then(|e| e.detail.as_deref())
            .is_some_and(|d| d.starts_with(&format!("refusal={reason}"))),
        "{refused:?}"
    );
    reason.to_owned()
}

#[actix_web::test]
async fn a_new_staff_member_signs_in_through_the_provider_and_is_matched_by_subject_after() {
    let (app, idp) = app_with_provider(false, |_, _| {}).await;
    let before = user_count(&app);
    let b = browser();
    let callback = sign_in_at_provider(&b, &app, &idp, "kari").await;
    assert!(callback.starts_with(app.client.base()), "{callback}");
    let landing = land(&b, &callback).await;
    let code = fragment(&landing, "sign_in").expect("a one-time code");
    let tokens = app
        .client
        .finish_single_sign_on(code)
        .await
        .expect("tokens");
    let me = app.me_with(tokens.access_token).await;
    assert_eq!((me.username.as_str(), me.role), ("kari", Role::Coordinator));
    assert_eq!(me.display_name, "Kari Nordmann");
    assert_eq!(me.programmes.len(), 2, "the mapped role in each programme");
    assert_eq!(user_count(&app), before + 1);
    // The code works once.
    let again = app.client.finish_single_sign_on(code).await.unwrap_err();
    assert_eq!(again.status(), Some(401));

    // The next sign-in finds the same user by the issuer's subject.
    let me_again = signed_in(&app, &idp, "kari").await;
    assert_eq!(me_again.id, me.id);
    assert_eq!(user_count(&app), before + 1);
    assert_eq!(audited(&app, "user.create_by_sso").len(), 1);
    assert_eq!(audited(&app, "auth.sso_login").len(), 2);
    // Such a user has no password to sign in with.
    let err = app.client.login("kari", "kari-password").await.unwrap_err();
    assert_eq!(err.status(), Some(401));
}

#[actix_web::test]
async fn the_sign_in_options_name_the_provider_and_password_sign_in_can_be_switched_off() {
    let (app, _idp) = app_with_provider(true, |_, _| {}).await;
    let options = app.client.sign_in_options().await.expect("options");
    assert!(!options.password);
    let sso = options.single_sign_on.expect("a provider");
    assert_eq!(sso.provider_name, "Kommune-ID");
    assert_eq!(sso.start, "/api/v1/auth/oidc/start");
    let response = app
        .client
        .request(Method::POST, "/api/v1/auth/login")
        .json(&serde_json::json!({"username": "admin", "password": PASSWORD}))
        .sent()
        .await;
    let problem = assert_problem(response, 403).await;
    assert_eq!(problem["type"], "/problems/password-sign-in-off");
    assert!(audited(&app, "auth.login").is_empty());

    let plain = spawn_app().await;
    let options = plain.client.sign_in_options().await.expect("options");
    assert!(options.password && options.single_sign_on.is_none());
    for (method, path) in [
        (Method::GET, "/api/v1/auth/oidc/start"),
        (Method::GET, "/api/v1/auth/oidc/callback?code=x&state=y"),
    ] {
        let response = plain.client.request(method, path).sent().await;
        assert_problem(response, 404).await;
    }
    let err = plain
        .client
        .finish_single_sign_on("anything")
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(404));
}

#[actix_web::test]
async fn a_wrong_state_or_another_browser_is_refused_and_nothing_is_created() {
    let (app, idp) = app_with_provider(false, |_, _| {}).await;
    let before = user_count(&app);
    let b = browser();
    let callback = sign_in_at_provider(&b, &app, &idp, "kari").await;
    let forged = callback.replace(&state_of(&callback), "forged-state");
    assert_eq!(
        fragment(&land(&b, &forged).await, "sign_in_error"),
        Some("state")
    );
    // The right state from a browser that did not begin the sign-in.
    assert_eq!(
        fragment(&land(&browser(), &callback).await, "sign_in_error"),
        Some("state")
    );
    // A bare visit without code or state.
    let bare = format!("{}/api/v1/auth/oidc/callback", app.client.base());
    assert_eq!(
        fragment(&land(&b, &bare).await, "sign_in_error"),
        Some("state")
    );
    assert_eq!(user_count(&app), before);
    assert_eq!(audited(&app, "auth.sso_refused").len(), 3);
    assert!(audited(&app, "auth.sso_login").is_empty());
}

#[actix_web::test]
async fn an_id_token_with_another_nonce_is_refused() {
    let (app, idp) = app_with_provider(false, |_, _| {}).await;
    let before = user_count(&app);
    let b = browser();
    let callback = sign_in_at_provider(&b, &app, &idp, "kari").await;
    let changed = stige_store::oidc::set_nonce(&mut app.conn(), &state_of(&callback), "another")
        .expect("nonce");
    assert_eq!(changed, 1);
    assert_eq!(
        fragment(&land(&b, &callback).await, "sign_in_error"),
        Some("nonce")
    );
    assert_eq!(user_count(&app), before);
}

#[actix_web::test]
async fn an_expired_id_token_is_refused() {
    // Stige's clock two hours ahead: the provider's fresh token arrives expired.
    let (app, idp) = app_with_provider(false, |s, _| s.clock_offset_secs = 2 * 3600).await;
    assert_eq!(refusal(&app, &idp, "kari").await, "expired");
}

#[actix_web::test]
async fn a_token_from_another_issuer_is_refused() {
    // Stige trusts ".../other-issuer", whose metadata points at a provider
    // that signs its tokens as itself.
    let (app, idp) = app_with_provider(false, |s, idp| {
        s.issuer = format!("{}/other-issuer", idp.issuer);
    })
    .await;
    assert_eq!(refusal(&app, &idp, "kari").await, "issuer");
}

#[actix_web::test]
async fn an_unknown_group_is_refused_and_nothing_is_created() {
    let (app, idp) = app_with_provider(false, |_, _| {}).await;
    assert_eq!(refusal(&app, &idp, "per").await, "unknown-group");
}

#[actix_web::test]
async fn a_deactivated_user_is_refused() {
    let (app, idp) = app_with_provider(false, |_, _| {}).await;
    let ola = signed_in(&app, &idp, "ola").await;
    assert_eq!(ola.role, Role::Admin);
    let update = UserUpdate {
        active: Some(false),
        ..Default::default()
    };
    app.admin()
        .await
        .update_user(ola.id, &update)
        .await
        .expect("deactivate");
    assert_eq!(refusal(&app, &idp, "ola").await, "deactivated");
}

#[actix_web::test]
async fn keys_rotated_at_the_provider_are_fetched_again() {
    let (app, idp) = app_with_provider(false, |_, _| {}).await;
    let b = browser();
    let callback = sign_in_at_provider(&b, &app, &idp, "kari").await;
    assert!(fragment(&land(&b, &callback).await, "sign_in").is_some());
    idp.rotate_keys().await;
    let b = browser();
    let callback = sign_in_at_provider(&b, &app, &idp, "ola").await;
    let landing = land(&b, &callback).await;
    assert!(
        fragment(&landing, "sign_in").is_some(),
        "signed with the new key: {landing}"
    );
}
