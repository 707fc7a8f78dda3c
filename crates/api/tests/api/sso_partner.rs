//! Partner users signing in through their partner's own identity provider
//! (issue 22, part 3): matched to the partner user invited with the
//! provider's username on the first sign-in and by the provider's subject
//! after; nobody is created, and a partner's provider signs in only that
//! partner's people.

use crate::helpers::{AppOptions, Sent, TestApp, spawn_app_with};
use crate::identity_provider::{
    CLIENT_ID, CLIENT_SECRET, IdentityProvider, browser, fragment, land, sign_in_through,
};
use std::sync::{Arc, Mutex};
use stige_api::oidc::{OidcSettings, SignsIn};
use stige_client::NewPartnerUser;
use stige_domain::Role;
use stige_domain::consent::SharingCategory;

const PATH: &str = "/api/v1/auth/partner-sign-in/vennesla";
/// Vennesla kommune's organisation number (the partner whose provider it is).
const VENNESLA: &str = "963296746";

async fn app_with_partner_provider() -> (TestApp, IdentityProvider) {
    let slot: Arc<Mutex<Option<IdentityProvider>>> = Arc::default();
    let keep = slot.clone();
    let options = AppOptions {
        partner_sign_on: Some(Box::new(move |address: &str| {
            let idp = IdentityProvider::start(&format!("{address}{PATH}/callback"));
            let settings = OidcSettings {
                issuer: idp.issuer.clone(),
                client_id: CLIENT_ID.into(),
                client_secret: Some(CLIENT_SECRET.into()),
                provider_name: "Vennesla ID".into(),
                scopes: vec!["openid".into(), "profile".into(), "email".into()],
                signs_in: SignsIn::Partner {
                    key: "vennesla".into(),
                    organisation_number: VENNESLA.into(),
                },
                public_url: address.to_owned(),
                clock_offset_secs: 0,
            };
            *keep.lock().expect("slot") = Some(idp);
            settings
        })),
        ..AppOptions::default()
    };
    let app = spawn_app_with(options).await;
    let idp = slot.lock().expect("slot").take().expect("provider started");
    (app, idp)
}

fn user_count(app: &TestApp) -> i64 {
    stige_store::users::count(&mut app.conn()).expect("count")
}

/// Where signing `username` in through the partner's provider lands.
async fn landing(app: &TestApp, idp: &IdentityProvider, username: &str) -> String {
    let b = browser();
    let callback = sign_in_through(&b, app, idp, username, PATH).await;
    land(&b, &callback).await
}

async fn invite(app: &TestApp, agreement: i64, username: &str) {
    app.admin()
        .await
        .invite_partner_user(
            agreement,
            &NewPartnerUser {
                username: Some(username.into()),
                display_name: Some("Per Hansen".into()),
            },
        )
        .await
        .expect("invite");
}

#[actix_web::test]
async fn an_invited_partner_user_signs_in_through_the_partners_provider() {
    let (app, idp) = app_with_partner_provider().await;
    let options = app.client.sign_in_options().await.expect("options");
    assert_eq!(options.partner_providers.len(), 1);
    assert_eq!(options.partner_providers[0].provider_name, "Vennesla ID");
    assert_eq!(options.partner_providers[0].start, format!("{PATH}/start"));
    assert!(options.single_sign_on.is_none() && options.password);

    let setup = app
        .partner(
            "Vennesla kommune",
            VENNESLA,
            &[SharingCategory::EnrolmentStatus],
        )
        .await;
    invite(&app, setup.agreement, "per").await;
    let before = user_count(&app);
    for _ in 0..2 {
        // The first time by the invited username, then by the provider's subject.
        let landed = landing(&app, &idp, "per").await;
        let code = fragment(&landed, "sign_in").unwrap_or_else(|| panic!("{landed}"));
        let tokens = app
            .client
            .finish_single_sign_on(code)
            .await
            .expect("tokens");
        let me = app.me_with(tokens.access_token).await;
        assert_eq!(me.role, Role::Partner);
        assert_eq!(
            me.followed_agreement.map(|a| a.agreement_id),
            Some(setup.agreement)
        );
    }
    assert_eq!(user_count(&app), before, "nobody is created");
}

#[actix_web::test]
async fn nobody_uninvited_or_of_another_partner_or_deactivated_signs_in() {
    let (app, idp) = app_with_partner_provider().await;
    let vennesla = app
        .partner(
            "Vennesla kommune",
            VENNESLA,
            &[SharingCategory::EnrolmentStatus],
        )
        .await;
    let lillesand = app
        .partner(
            "Lillesand kommune",
            "964964106",
            &[SharingCategory::EnrolmentStatus],
        )
        .await;
    // Invited by another partner: Vennesla's provider does not sign them in.
    invite(&app, lillesand.agreement, "ola").await;
    let before = user_count(&app);
    for (username, why) in [("kari", "not-invited"), ("ola", "not-invited")] {
        let landed = landing(&app, &idp, username).await;
        assert_eq!(
            fragment(&landed, "sign_in_error"),
            Some(why),
            "{username}: {landed}"
        );
    }
    assert_eq!(user_count(&app), before, "nobody is created");

    invite(&app, vennesla.agreement, "per").await;
    let per = app
        .admin()
        .await
        .partner_users(vennesla.agreement)
        .await
        .expect("list")
        .remove(0);
    app.admin()
        .await
        .set_partner_user_active(vennesla.agreement, per.id, false)
        .await
        .expect("deactivate");
    let landed = landing(&app, &idp, "per").await;
    assert_eq!(fragment(&landed, "sign_in_error"), Some("deactivated"));

    // No provider of that name: 404.
    let missing = browser()
        .get(format!(
            "{}/api/v1/auth/partner-sign-in/nobody/start",
            app.client.base()
        ))
        .sent()
        .await;
    assert_eq!(missing.status().as_u16(), 404);
}

#[actix_web::test]
async fn the_staffs_provider_never_makes_a_partner_user_staff() {
    let (app, idp) = crate::identity_provider::app_with_provider(false, |_, _| {}).await;
    let setup = app
        .partner(
            "Vennesla kommune",
            VENNESLA,
            &[SharingCategory::EnrolmentStatus],
        )
        .await;
    invite(&app, setup.agreement, "kari").await;
    let kari = stige_store::users::by_username(&mut app.conn(), "kari")
        .expect("read")
        .expect("invited");
    // Linked to the subject the staff's provider gives (one provider for both).
    stige_store::oidc::link_subject(&mut app.conn(), kari.id, &idp.issuer, "kari").expect("link");
    let b = browser();
    let callback = crate::identity_provider::sign_in_at_provider(&b, &app, &idp, "kari").await;
    let landed = land(&b, &callback).await;
    assert_eq!(
        fragment(&landed, "sign_in_error"),
        Some("unknown-group"),
        "{landed}"
    );
    let after = stige_store::users::by_username(&mut app.conn(), "kari")
        .expect("read")
        .expect("still there");
    assert_eq!(after.role, stige_domain::Role::Partner);
    assert_eq!(after.agreement_id, Some(setup.agreement));
}
