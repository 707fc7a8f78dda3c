//! Partners, agreements and API clients, as staff manage them.

use crate::helpers::{Sent, assert_problem, fields, spawn_app, status_of};
use crate::partner_helpers::{agreement_input, contact};
use reqwest::Method;
use serde_json::json;
use stige_client::{NewApiClient, PartnerInput};
use stige_domain::consent::SharingCategory;
use stige_domain::partner::PartnerKind;

fn kristiansand() -> PartnerInput {
    PartnerInput {
        name: Some("Kristiansand kommune".into()),
        kind: Some(PartnerKind::Municipality),
        organisation_number: Some("963296746".into()),
    }
}

#[actix_web::test]
async fn an_admin_registers_a_partner_and_an_agreement_whose_place_usage_is_derived() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let partner = admin
        .create_partner(&kristiansand())
        .await
        .expect("partner");
    assert_eq!(partner.organisation_number, "963 296 746");
    let agreement = admin
        .create_agreement(&agreement_input(
            partner.id,
            &app,
            &[SharingCategory::EnrolmentStatus],
        ))
        .await
        .expect("agreement");
    assert_eq!((agreement.places, agreement.places_used), (5, 0));
    assert!(agreement.takes_referrals);
    assert_eq!(agreement.sharing_scope, [SharingCategory::EnrolmentStatus]);
    assert_eq!(agreement.follow_up_service.name, "Oppfølgingstjenesten");

    // An accepted and activated referral uses a place.
    let setup = app
        .partner(
            "Søgne kommune",
            "964965218",
            &[SharingCategory::EnrolmentStatus],
        )
        .await;
    let (_, id) = app.accepted(&setup, "Kari", "Nordmann").await;
    let c = app.coordinator().await;
    c.change_status(
        id,
        &crate::helpers::action(stige_domain::enrolment::EnrolmentAction::Activate),
    )
    .await
    .expect("activate");
    let used = c.agreement(setup.agreement).await.expect("agreement");
    assert_eq!(used.places_used, 1);
    assert_eq!(c.agreements().await.expect("list").len(), 2);
    assert_eq!(c.partners().await.expect("partners").len(), 2);

    let mut changed = agreement_input(partner.id, &app, &[]);
    changed.places = Some(9);
    let updated = admin
        .update_agreement(agreement.id, &changed, agreement.version)
        .await
        .expect("update");
    assert_eq!((updated.places, updated.sharing_scope.len()), (9, 0));
    assert_eq!(updated.version, agreement.version + 1);
    let renamed = admin
        .update_partner(
            partner.id,
            &PartnerInput {
                name: Some("Kristiansand kommune, NAV".into()),
                ..kristiansand()
            },
        )
        .await
        .expect("rename");
    assert_eq!(renamed.name, "Kristiansand kommune, NAV");
}

#[actix_web::test]
async fn bad_partners_and_agreements_get_422_and_nothing_is_written() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let bad = app
        .send_json(
            &admin,
            Method::POST,
            "/api/v1/partners",
            json!({"organisation_number": "963296747"}),
        )
        .await;
    let body = assert_problem(bad, 422).await;
    assert_eq!(fields(&body), ["name", "kind", "organisation_number"]);
    let partner = admin
        .create_partner(&kristiansand())
        .await
        .expect("partner");
    let taken = admin.create_partner(&kristiansand()).await.unwrap_err();
    assert_eq!(status_of(&taken), 422);
    let problem = taken.problem().expect("problem");
    let taken_fields: Vec<&str> = problem.errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(taken_fields, ["organisation_number"]);
    assert_eq!(admin.partners().await.expect("list").len(), 1);

    let mut input = agreement_input(partner.id, &app, &[]);
    input.valid_to = Some(chrono::NaiveDate::MIN);
    input.places = Some(-1);
    input.ladder_id = Some(stige_domain::LadderId(9999));
    input.follow_up_service = contact("");
    let err = admin.create_agreement(&input).await.unwrap_err();
    let problem = err.problem().expect("problem");
    let names: Vec<&str> = problem.errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        names,
        ["valid_to", "places", "follow_up_service.name", "ladder_id"]
    );
    assert!(admin.agreements().await.expect("list").is_empty());
}

#[actix_web::test]
async fn an_agreement_changes_only_with_the_etag_last_read_and_a_stale_one_writes_nothing() {
    let app = spawn_app().await;
    let setup = app
        .kristiansand_kommune(&[SharingCategory::EnrolmentStatus])
        .await;
    let path = format!("/api/v1/agreements/{}", setup.agreement);
    let admin = app.admin().await;
    let read = admin.request(Method::GET, &path).sent().await;
    assert_eq!(read.status(), 200);
    let etag = read.headers()["etag"].to_str().expect("etag").to_owned();
    let first: stige_client::Agreement = read.json().await.expect("agreement");
    assert_eq!(etag, format!("\"{}\"", first.version));

    let mut changed = agreement_input(setup.partner, &app, &[]);
    changed.places = Some(9);
    // Without If-Match: 428, nothing written.
    let missing = admin
        .request(Method::PUT, &path)
        .json(&changed)
        .sent()
        .await;
    assert_problem(missing, 428).await;
    // Not a version: 412.
    let garbled = admin
        .request(Method::PUT, &path)
        .header("If-Match", "\"yesterday\"")
        .json(&changed)
        .sent()
        .await;
    assert_problem(garbled, 412).await;
    assert_eq!(admin.agreement(setup.agreement).await.expect("read"), first);

    // Two admins read the same version; the first change wins, the second
    // gets 412 and does not overwrite it.
    let other = app.admin().await;
    let answer = admin
        .request(Method::PUT, &path)
        .header("If-Match", etag.as_str())
        .json(&changed)
        .sent()
        .await;
    assert_eq!(answer.status(), 200);
    let new_etag = answer.headers()["etag"].to_str().expect("etag").to_owned();
    let updated: stige_client::Agreement = answer.json().await.expect("agreement");
    assert_eq!(
        (updated.places, updated.version, new_etag),
        (9, first.version + 1, format!("\"{}\"", first.version + 1))
    );
    let mut theirs = agreement_input(setup.partner, &app, &[]);
    theirs.places = Some(2);
    let stale = other
        .update_agreement(setup.agreement, &theirs, first.version)
        .await
        .unwrap_err();
    assert_eq!(status_of(&stale), 412);
    assert_eq!(
        admin.agreement(setup.agreement).await.expect("read"),
        updated
    );
    let changes = stige_store::audit::with_action(
        &mut app.conn(),
        stige_domain::AuditAction::AgreementUpdate,
    )
    .expect("audit")
    .len();
    assert_eq!(changes, 1, "only the change that was written is audited");

    // Bad input with the right version: 422, nothing written.
    let mut bad = theirs.clone();
    bad.places = Some(-1);
    let err = other
        .update_agreement(setup.agreement, &bad, updated.version)
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 422);
    // Nobody else's business: an unknown agreement is 404 with or without a
    // version, and only admins change agreements.
    let unknown = other.update_agreement(4242, &theirs, 1).await.unwrap_err();
    assert_eq!(status_of(&unknown), 404);
    let coordinator = app.coordinator().await;
    let refused = coordinator
        .update_agreement(setup.agreement, &theirs, updated.version)
        .await
        .unwrap_err();
    assert_eq!(status_of(&refused), 403);
    assert_eq!(
        admin.agreement(setup.agreement).await.expect("read"),
        updated
    );
}

#[actix_web::test]
async fn only_admins_change_partners_and_mentors_and_viewers_see_none() {
    let app = spawn_app().await;
    let coordinator = app.coordinator().await;
    assert_eq!(
        status_of(
            &coordinator
                .create_partner(&kristiansand())
                .await
                .unwrap_err()
        ),
        403
    );
    for client in [app.mentor().await, app.viewer().await] {
        assert_eq!(status_of(&client.partners().await.unwrap_err()), 403);
        assert_eq!(status_of(&client.agreements().await.unwrap_err()), 403);
    }
    let admin = app.admin().await;
    assert_eq!(status_of(&admin.agreement(4242).await.unwrap_err()), 404);
    assert_eq!(
        status_of(
            &admin
                .update_partner(4242, &kristiansand())
                .await
                .unwrap_err()
        ),
        404
    );
}

#[actix_web::test]
async fn an_api_client_secret_is_shown_once_and_rotation_and_revocation_take_effect() {
    let app = spawn_app().await;
    let setup = app
        .partner(
            "Vennesla kommune",
            "964964610",
            &[SharingCategory::EnrolmentStatus],
        )
        .await;
    let admin = app.admin().await;
    let listed = admin.api_clients(setup.agreement).await.expect("clients");
    assert_eq!(listed.len(), 1);
    let text = serde_json::to_string(&listed).expect("json");
    assert!(
        !text.contains(&setup.secret.client_secret),
        "the secret is never listed"
    );
    let stored = stige_store::partners::client(&mut app.conn(), listed[0].id)
        .expect("row")
        .expect("client");
    assert!(stored.secret_hash.starts_with("$argon2id$"));

    let rotated = admin.rotate_api_client(listed[0].id).await.expect("rotate");
    assert_ne!(rotated.client_secret, setup.secret.client_secret);
    let id = &setup.secret.client.client_id;
    assert_eq!(
        status_of(
            &app.client
                .client_credentials(id, &setup.secret.client_secret)
                .await
                .unwrap_err()
        ),
        401
    );
    app.client
        .client_credentials(id, &rotated.client_secret)
        .await
        .expect("the new secret works");

    let named = admin
        .create_api_client(
            setup.agreement,
            &NewApiClient {
                client_id: Some("vennesla-2".into()),
            },
        )
        .await
        .expect("named");
    assert_eq!(named.client.client_id, "vennesla-2");
    let bad = admin
        .create_api_client(
            setup.agreement,
            &NewApiClient {
                client_id: Some("no spaces!".into()),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(status_of(&bad), 422);
    assert_eq!(
        admin
            .api_clients(setup.agreement)
            .await
            .expect("clients")
            .len(),
        2
    );
    assert_eq!(
        status_of(
            &app.coordinator()
                .await
                .api_clients(setup.agreement)
                .await
                .unwrap_err()
        ),
        403
    );
    assert_eq!(
        status_of(
            &admin
                .create_api_client(4242, &NewApiClient::default())
                .await
                .unwrap_err()
        ),
        404
    );

    let revoked = admin.revoke_api_client(listed[0].id).await.expect("revoke");
    assert!(revoked.revoked_at.is_some());
    assert_eq!(
        status_of(&admin.rotate_api_client(listed[0].id).await.unwrap_err()),
        409
    );
    assert_eq!(
        status_of(&admin.revoke_api_client(4242).await.unwrap_err()),
        404
    );
}
