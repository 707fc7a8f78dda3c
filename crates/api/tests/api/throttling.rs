//! Throttling that cannot be turned against users (issue 21, item 2): the
//! right password from another address is never held up, the client's real
//! address is read behind trusted proxies only, staff and partner clients
//! are counted apart, and a burst cannot pass the limits.

use crate::helpers::{PASSWORD, Sent, TestApp, spawn_app, spawn_app_guarded};
use reqwest::{Method, StatusCode};
use std::time::Duration;
use stige_api::client_address::TrustedProxies;
use stige_api::sign_in_guard::SignInGuard;
use stige_store::sign_in_attempts::{self, Door};

/// `POST /auth/login` as a client at `forwarded_for`; the status and `Retry-After`.
async fn login_from(
    app: &TestApp,
    username: &str,
    password: &str,
    forwarded_for: &str,
) -> (StatusCode, Option<u64>) {
    let response = app
        .client
        .request(Method::POST, "/api/v1/auth/login")
        .header("x-forwarded-for", forwarded_for)
        .json(&serde_json::json!({"username": username, "password": password}))
        .sent()
        .await;
    let retry = response
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok());
    (response.status(), retry)
}

fn behind_proxy() -> SignInGuard {
    SignInGuard::new(
        TrustedProxies::parse("127.0.0.1").expect("list"),
        4,
        Duration::from_secs(1),
    )
}

fn audited(app: &TestApp, action: &str) -> Vec<stige_store::audit::AuditRow> {
    stige_store::audit::with_action(
        &mut app.conn(),
        stige_domain::AuditAction::parse(action).expect("a known action"),
    )
    .expect("audit")
}

#[actix_web::test]
async fn fifty_concurrent_wrong_passwords_record_exactly_fifty_failures_within_the_limits() {
    let app = spawn_app().await;
    let attempts = (0..50).map(|_| login_from(&app, "mentor", "wrong password", "9.9.9.9"));
    let answers = futures::future::join_all(attempts).await;
    let checked = answers
        .iter()
        .filter(|(s, _)| *s == StatusCode::UNAUTHORIZED)
        .count();
    let throttled: Vec<_> = answers
        .iter()
        .filter(|(s, _)| *s == StatusCode::TOO_MANY_REQUESTS)
        .collect();
    assert_eq!(checked + throttled.len(), 50, "{answers:?}");
    assert!(
        checked <= 5,
        "only the 5 free attempts are checked, not {checked}"
    );
    assert!(
        throttled
            .iter()
            .all(|(_, retry)| retry.is_some_and(|r| r > 0))
    );
    let recorded =
        sign_in_attempts::count_for_account(&mut app.conn(), Door::Staff, "mentor").expect("n");
    assert_eq!(recorded, 50, "every attempt is recorded, none twice");
    assert_eq!(audited(&app, "auth.login_failed").len(), checked);
    assert_eq!(audited(&app, "auth.login_throttled").len(), throttled.len());
}

#[actix_web::test]
async fn after_ten_failures_from_one_address_the_right_password_from_another_succeeds() {
    let app = spawn_app_guarded(behind_proxy()).await;
    let mut statuses = Vec::new();
    for _ in 0..10 {
        statuses.push(
            login_from(&app, "mentor", "wrong password", "203.0.113.10")
                .await
                .0,
        );
    }
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == StatusCode::UNAUTHORIZED)
            .count(),
        5,
        "{statuses:?}"
    );
    assert_eq!(statuses[9], StatusCode::TOO_MANY_REQUESTS);
    let (status, retry) = login_from(&app, "mentor", PASSWORD, "203.0.113.10").await;
    assert_eq!(
        status,
        StatusCode::TOO_MANY_REQUESTS,
        "the attacker's address waits"
    );
    assert!(
        retry.is_some_and(|r| r > 60),
        "the wait has grown: {retry:?}"
    );
    let (status, _) = login_from(&app, "mentor", PASSWORD, "198.51.100.20").await;
    assert_eq!(
        status,
        StatusCode::OK,
        "the right password from elsewhere signs in"
    );
    // The audit names the client's address, not the proxy's.
    let failed = audited(&app, "auth.login_failed");
    assert!(
        failed
            .iter()
            .all(|e| e.ip.as_deref() == Some("203.0.113.10"))
    );
    let logins = audited(&app, "auth.login");
    assert_eq!(
        logins.last().and_then(|e| e.ip.as_deref()),
        Some("198.51.100.20")
    );
}

#[actix_web::test]
async fn a_spoofed_x_forwarded_for_from_an_untrusted_peer_is_ignored() {
    let app = spawn_app().await;
    for n in 0..20 {
        let (status, _) = login_from(
            &app,
            &format!("nobody{n}"),
            "wrong password",
            &format!("10.1.1.{n}"),
        )
        .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    // The twenty failures all count for the real peer, whatever the header said.
    let (status, retry) = login_from(&app, "someone-else", "wrong password", "10.9.9.9").await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(retry.is_some_and(|r| r > 0 && r <= 900));
    let failed = audited(&app, "auth.login_failed");
    assert_eq!(failed.len(), 20);
    assert!(failed.iter().all(|e| e.ip.as_deref() == Some("127.0.0.1")));
}

#[actix_web::test]
async fn partner_clients_and_staff_are_throttled_apart() {
    let app = spawn_app().await;
    let setup = app.kristiansand_kommune(&[]).await;
    let client_id = setup.secret.client.client_id.clone();
    for n in 0..20 {
        let (status, _) = login_from(&app, &format!("x{n}"), "wrong password", "1.1.1.1").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let (status, _) = login_from(&app, "coordinator", "wrong password", "1.1.1.1").await;
    assert_eq!(
        status,
        StatusCode::TOO_MANY_REQUESTS,
        "staff sign-in is at its limit"
    );
    // The partner's client is not held up by staff failures from the same address…
    app.client
        .client_credentials(&client_id, &setup.secret.client_secret)
        .await
        .expect("the partner's client gets a token");
    // …and its own failures are counted for it, as a partner client.
    for _ in 0..3 {
        let err = app
            .client
            .client_credentials(&client_id, "not the secret")
            .await
            .expect_err("wrong secret");
        assert_eq!(err.status(), Some(401));
    }
    let conn = &mut app.conn();
    assert_eq!(
        sign_in_attempts::count_for_account(conn, Door::Partner, &client_id).expect("n"),
        3
    );
    assert_eq!(
        sign_in_attempts::count_for_account(conn, Door::Staff, &client_id).expect("n"),
        0
    );
    assert_eq!(
        stige_store::audit::with_action(conn, stige_domain::AuditAction::AuthTokenFailed)
            .expect("audit")
            .len(),
        3
    );
}

#[actix_web::test]
async fn password_checks_over_the_bound_get_429_with_retry_after_and_count_for_nothing() {
    let app = spawn_app_guarded(SignInGuard::new(
        TrustedProxies::parse("127.0.0.1").expect("list"),
        1,
        Duration::ZERO,
    ))
    .await;
    let attempts = (0..30).map(|n| {
        let address = format!("192.0.2.{n}");
        let app = &app;
        async move { login_from(app, "coordinator", PASSWORD, &address).await }
    });
    let answers = futures::future::join_all(attempts).await;
    let busy: Vec<_> = answers
        .iter()
        .filter(|(s, _)| *s == StatusCode::TOO_MANY_REQUESTS)
        .collect();
    assert!(
        answers
            .iter()
            .all(|(s, _)| *s == StatusCode::OK || *s == StatusCode::TOO_MANY_REQUESTS),
        "{answers:?}"
    );
    assert!(!busy.is_empty(), "one check at a time: some must wait");
    assert!(busy.iter().all(|(_, retry)| *retry == Some(1)));
    assert!(answers.iter().any(|(s, _)| *s == StatusCode::OK));
    let recorded = sign_in_attempts::count_for_account(&mut app.conn(), Door::Staff, "coordinator")
        .expect("n");
    assert_eq!(recorded, 0, "attempts never checked are taken back");
    assert!(audited(&app, "auth.login_failed").is_empty());
}
