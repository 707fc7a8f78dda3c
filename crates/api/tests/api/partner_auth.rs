//! `POST /auth/token` (client credentials) and what partner tokens open.

use crate::helpers::{Sent, spawn_app, status_of};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use reqwest::Method;
use stige_api::auth::jwt::{
    ISSUER, PARTNER_AUDIENCE, PartnerClaims, agreement_audience, partner_scope,
};
use stige_domain::consent::SharingCategory;

const SCOPE: [SharingCategory; 1] = [SharingCategory::EnrolmentStatus];

async fn token_form(
    app: &crate::helpers::TestApp,
    form: &[(&str, &str)],
    basic: Option<(&str, &str)>,
) -> reqwest::Response {
    let mut rb = app
        .client
        .request(Method::POST, "/api/v1/auth/token")
        .form(form);
    if let Some((id, secret)) = basic {
        rb = rb.basic_auth(id, Some(secret));
    }
    rb.sent().await
}

#[actix_web::test]
async fn a_client_gets_a_short_token_by_basic_or_post_and_bad_credentials_get_oauth_errors() {
    let app = spawn_app().await;
    let setup = app.partner("Lillesand kommune", "964964106", &SCOPE).await;
    let (id, secret) = (
        setup.secret.client.client_id.as_str(),
        setup.secret.client_secret.as_str(),
    );
    let basic = token_form(
        &app,
        &[("grant_type", "client_credentials")],
        Some((id, secret)),
    )
    .await;
    assert_eq!(basic.status(), 200);
    assert_eq!(
        basic
            .headers()
            .get("cache-control")
            .and_then(|v| v.to_str().ok()),
        Some("no-store")
    );
    let body: serde_json::Value = basic.json().await.expect("json");
    assert_eq!(body["token_type"], "Bearer");
    assert!(
        body["expires_in"]
            .as_i64()
            .is_some_and(|s| s > 0 && s <= 900)
    );
    assert_eq!(
        body["scope"].as_str(),
        Some(partner_scope(setup.agreement).as_str())
    );

    let post = token_form(
        &app,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", id),
            ("client_secret", secret),
        ],
        None,
    )
    .await;
    assert_eq!(post.status(), 200);

    type Case<'a> = (
        &'a [(&'a str, &'a str)],
        Option<(&'a str, &'a str)>,
        u16,
        &'a str,
    );
    let cases: [Case<'_>; 6] = [
        (
            &[("grant_type", "client_credentials")],
            Some((id, "wrong")),
            401,
            "invalid_client",
        ),
        (
            &[("grant_type", "client_credentials")],
            Some(("nobody", secret)),
            401,
            "invalid_client",
        ),
        (
            &[("grant_type", "client_credentials")],
            None,
            401,
            "invalid_client",
        ),
        (
            &[("grant_type", "password")],
            Some((id, secret)),
            400,
            "unsupported_grant_type",
        ),
        (&[], Some((id, secret)), 400, "invalid_request"),
        (
            &[
                ("grant_type", "client_credentials"),
                ("scope", "agreement:999"),
            ],
            Some((id, secret)),
            400,
            "invalid_scope",
        ),
    ];
    for (form, basic, status, error) in cases {
        let response = token_form(&app, form, basic).await;
        assert_eq!(response.status().as_u16(), status, "{error}");
        let body: serde_json::Value = response.json().await.expect("json");
        assert_eq!(body["error"], error);
    }
    let json_body = app
        .client
        .request(Method::POST, "/api/v1/auth/token")
        .json(&serde_json::json!({"grant_type": "client_credentials"}))
        .sent()
        .await;
    assert_eq!(json_body.status(), 400);
}

#[actix_web::test]
async fn a_revoked_client_s_token_stops_working_at_once() {
    let app = spawn_app().await;
    let setup = app.partner("Lillesand kommune", "964964106", &SCOPE).await;
    setup
        .api
        .referrals(&Default::default())
        .await
        .expect("works before");
    app.admin()
        .await
        .revoke_api_client(setup.secret.client.id)
        .await
        .expect("revoke");
    assert_eq!(
        status_of(&setup.api.referrals(&Default::default()).await.unwrap_err()),
        401
    );
    let again = app
        .client
        .client_credentials(&setup.secret.client.client_id, &setup.secret.client_secret)
        .await
        .unwrap_err();
    assert_eq!(status_of(&again), 401);
}

fn claims(
    setup: &crate::partner_helpers::PartnerSetup,
    exp_offset: i64,
    aud: Vec<String>,
) -> PartnerClaims {
    let now = chrono::Utc::now().timestamp();
    PartnerClaims {
        sub: setup.secret.client.client_id.clone(),
        cid: setup.secret.client.id,
        agr: setup.agreement,
        scope: partner_scope(setup.agreement),
        iss: ISSUER.into(),
        aud,
        iat: now,
        exp: now + exp_offset,
    }
}

#[actix_web::test]
async fn expired_tampered_wrong_audience_and_wrong_algorithm_tokens_get_401() {
    let app = spawn_app().await;
    let setup = app.partner("Lillesand kommune", "964964106", &SCOPE).await;
    let key = EncodingKey::from_secret(&[7u8; 32]);
    let right_aud = vec![
        PARTNER_AUDIENCE.to_owned(),
        agreement_audience(setup.agreement),
    ];
    let sign = |alg: Algorithm, c: &PartnerClaims| {
        jsonwebtoken::encode(&Header::new(alg), c, &key).expect("sign")
    };
    // The test server's key signs a valid token: the forgeries below differ in one way each.
    let valid = sign(Algorithm::HS256, &claims(&setup, 60, right_aud.clone()));
    app.client
        .with_token(valid.clone())
        .events(None, None)
        .await
        .expect("valid");

    let expired = sign(Algorithm::HS256, &claims(&setup, -120, right_aud.clone()));
    let wrong_audience = sign(
        Algorithm::HS256,
        &claims(&setup, 60, vec!["stige-staff".into()]),
    );
    let other_agreement = sign(
        Algorithm::HS256,
        &claims(
            &setup,
            60,
            vec![
                PARTNER_AUDIENCE.into(),
                agreement_audience(setup.agreement + 1),
            ],
        ),
    );
    let wrong_algorithm = sign(Algorithm::HS384, &claims(&setup, 60, right_aud.clone()));
    let signature_at = valid.rfind('.').expect("jwt") + 1;
    let mut tampered = valid.clone();
    let first = tampered.remove(signature_at);
    tampered.insert(signature_at, if first == 'A' { 'B' } else { 'A' });
    let unsigned = {
        let parts: Vec<&str> = valid.split('.').collect();
        format!("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.{}.", parts[1])
    };
    let staff = app.admin().await;
    let staff_token = staff.token().expect("token").to_owned();
    for (name, token) in [
        ("expired", expired),
        ("wrong audience", wrong_audience),
        ("other agreement", other_agreement),
        ("wrong algorithm", wrong_algorithm),
        ("tampered", tampered),
        ("alg none", unsigned),
        ("a staff token", staff_token),
    ] {
        let err = app
            .client
            .with_token(token)
            .events(None, None)
            .await
            .unwrap_err();
        assert_eq!(status_of(&err), 401, "{name}");
    }
    // And a partner token opens no staff-only route.
    assert_eq!(status_of(&setup.api.ladders().await.unwrap_err()), 401);
    assert_eq!(
        status_of(
            &setup
                .api
                .consents(stige_domain::ParticipantId(1))
                .await
                .unwrap_err()
        ),
        401
    );
}
