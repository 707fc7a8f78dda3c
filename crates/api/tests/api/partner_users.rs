//! Partner users (issue 22, part 3): people at a partner, invited per
//! agreement by an admin, who sign in to the partner view and see what the
//! partner's API clients see (scope ∩ consent), refer, read the agreement's
//! report and propose changes; and nothing of the staff's.

use crate::helpers::{PASSWORD, TestApp, assert_problem, fields, spawn_app, status_of};
use crate::partner_helpers::{PartnerSetup, referral_body};
use reqwest::Method;
use serde_json::json;
use stige_client::{
    AccessActorKind, AccessLogQuery, Client, NewPartnerUser, NewProposal, PasswordReset,
    ProposalDecision, ProposalQuery, ReferralQuery,
};
use stige_domain::consent::SharingCategory;
use stige_domain::proposal::{EndReason, ProposalKind, ProposalStatus};
use stige_domain::referral::ReferralChannel;
use stige_domain::{EnrolmentStatus, Role};

const SCOPE: [SharingCategory; 2] = [
    SharingCategory::EnrolmentStatus,
    SharingCategory::CurrentStep,
];

fn invitation(username: &str) -> NewPartnerUser {
    NewPartnerUser {
        username: Some(username.into()),
        display_name: Some("Per Saksbehandler".into()),
    }
}

/// Invites `username` to `setup`'s agreement, lets them choose their password
/// with the invitation's link and signs them in.
async fn partner_user(app: &TestApp, setup: &PartnerSetup, username: &str) -> Client {
    let invited = app
        .admin()
        .await
        .invite_partner_user(setup.agreement, &invitation(username))
        .await
        .expect("invite");
    assert_eq!(invited.user.username, username);
    let token = invited
        .link
        .split_once("#token=")
        .map(|(_, t)| t.to_owned())
        .expect("a token in the link");
    app.client
        .complete_password_reset(&PasswordReset {
            token: Some(token),
            new_password: Some(PASSWORD.into()),
        })
        .await
        .expect("choose a password");
    app.as_user(username).await
}

fn partner_user_count(app: &TestApp) -> usize {
    stige_store::users::all(&mut app.conn())
        .expect("users")
        .into_iter()
        .filter(|u| u.agreement_id.is_some())
        .count()
}

#[actix_web::test]
async fn a_partner_user_sees_what_the_partner_sees_refers_and_proposes() {
    let app = spawn_app().await;
    let setup = app.partner("Vennesla kommune", "963296746", &SCOPE).await;
    let other = app.partner("Lillesand kommune", "964964106", &SCOPE).await;
    let (_, followed) = app.accepted(&setup, "Kari", "Nordmann").await;
    app.start(followed).await;
    let (_, not_ours) = app.accepted(&other, "Ola", "Hansen").await;
    let user = partner_user(&app, &setup, "per.vennesla").await;

    let me = user.me().await.expect("me");
    assert_eq!(me.role, Role::Partner);
    let agreement = me.followed_agreement.expect("the agreement they follow");
    assert_eq!(agreement.agreement_id, setup.agreement);
    assert_eq!(agreement.partner_name, "Vennesla kommune");
    assert!(me.organisation.is_none() && me.programmes.is_empty());

    // Exactly what the partner's own system sees: scope ∩ consent.
    let seen = user.partner_participants(1, 50).await.expect("list");
    assert_eq!(
        seen,
        setup.api.partner_participants(1, 50).await.expect("api")
    );
    assert_eq!(seen.items.len(), 1);
    assert_eq!(
        user.partner_participant(followed).await.expect("read"),
        setup.api.partner_participant(followed).await.expect("read")
    );
    assert_eq!(
        status_of(&user.partner_participant(not_ours).await.unwrap_err()),
        404
    );

    // A referral from the partner view names who sent it.
    let sent = user
        .refer(&referral_body("Liv", "Berg"), "web-1")
        .await
        .expect("refer");
    assert_eq!(sent.channel, ReferralChannel::PartnerView);
    let again = user
        .refer(&referral_body("Liv", "Berg"), "web-1")
        .await
        .expect("a retry");
    assert_eq!(again.id, sent.id, "the same key makes no second referral");
    let listed = user
        .referrals(&ReferralQuery::default())
        .await
        .expect("their referrals");
    assert!(listed.items.iter().any(|r| r.id == sent.id));
    assert!(
        listed
            .items
            .iter()
            .all(|r| r.partner.as_ref().map(|p| p.id) == Some(setup.partner)),
        "only their own agreement's referrals"
    );

    // The agreement's report, as the partner reads it.
    let report = user
        .agreement_report(setup.agreement)
        .await
        .expect("report");
    assert_eq!(
        report,
        setup
            .api
            .agreement_report(setup.agreement)
            .await
            .expect("api")
    );
    assert_eq!(
        status_of(&user.agreement_report(other.agreement).await.unwrap_err()),
        404
    );

    // A proposed end that the coordinator accepts.
    let proposal = user
        .propose(
            followed,
            &NewProposal {
                kind: Some(ProposalKind::End),
                end_reason: Some(EndReason::GotJob),
                text: Some("Starts at the bakery on Monday".into()),
                ..Default::default()
            },
            "web-end-1",
        )
        .await
        .expect("propose");
    let coordinator = app.coordinator().await;
    coordinator
        .decide_proposal(
            proposal.id,
            &ProposalDecision {
                accept: Some(true),
                comment: Some("Good news".into()),
                outcome: None,
            },
        )
        .await
        .expect("accept");
    let seen = user
        .proposals(&ProposalQuery::default())
        .await
        .expect("their proposals");
    assert_eq!(seen[0].status, ProposalStatus::Accepted);
    let person = coordinator.participant(followed).await.expect("read");
    assert_eq!(person.status, EnrolmentStatus::Exited);

    // The person's access log names the partner, with the caseworker beside it.
    let log = coordinator
        .access_log(
            followed,
            &AccessLogQuery {
                actor: Some(AccessActorKind::Partner),
                ..Default::default()
            },
        )
        .await
        .expect("access log");
    let theirs: Vec<_> = log
        .items
        .iter()
        .filter(|e| e.actor.name.as_deref() == Some("Vennesla kommune (Per Saksbehandler)"))
        .collect();
    assert!(!theirs.is_empty(), "{:?}", log.items);
    assert!(
        theirs
            .iter()
            .all(|e| e.actor.agreement_id == Some(setup.agreement))
    );
}

#[actix_web::test]
async fn only_an_admin_of_the_agreements_organisation_invites_and_bad_input_writes_nothing() {
    let app = spawn_app().await;
    let setup = app.partner("Vennesla kommune", "963296746", &SCOPE).await;
    let admin = app.admin().await;
    let path = format!("/api/v1/agreements/{}/users", setup.agreement);
    let bad = app
        .send_json(
            &admin,
            Method::POST,
            &path,
            json!({"username": "No Spaces!", "display_name": ""}),
        )
        .await;
    let problem = assert_problem(bad, 422).await;
    assert_eq!(fields(&problem), vec!["username", "display_name"]);
    let taken = app
        .send_json(
            &admin,
            Method::POST,
            &path,
            json!({"username": "coordinator", "display_name": "Per"}),
        )
        .await;
    assert_eq!(fields(&assert_problem(taken, 422).await), vec!["username"]);
    assert_eq!(partner_user_count(&app), 0, "nothing written");

    let coordinator = app.coordinator().await;
    let refused = coordinator
        .invite_partner_user(setup.agreement, &invitation("per.v"))
        .await
        .unwrap_err();
    assert_eq!(status_of(&refused), 403);
    let stranger = app.as_user("other-admin").await;
    let hidden = stranger
        .invite_partner_user(setup.agreement, &invitation("per.v"))
        .await
        .unwrap_err();
    assert_eq!(status_of(&hidden), 404);
    assert_eq!(
        status_of(&stranger.partner_users(setup.agreement).await.unwrap_err()),
        404
    );
    assert_eq!(partner_user_count(&app), 0, "nothing written");

    let user = partner_user(&app, &setup, "per.vennesla").await;
    let listed = admin.partner_users(setup.agreement).await.expect("list");
    assert_eq!(listed.len(), 1);
    // Partner users are not staff: not in the staff list, not editable there,
    // and no staff role makes one.
    let staff = admin.users().await.expect("staff");
    assert!(staff.iter().all(|u| u.id != listed[0].id));
    let patch = app
        .send_json(
            &admin,
            Method::PATCH,
            &format!("/api/v1/users/{}", listed[0].id),
            json!({"display_name": "X"}),
        )
        .await;
    assert_problem(patch, 404).await;
    let as_staff = app
        .send_json(&admin, Method::POST, "/api/v1/users", json!({"username": "kari.p", "display_name": "Kari", "password": PASSWORD, "role": "partner"}))
        .await;
    assert_eq!(fields(&assert_problem(as_staff, 422).await), vec!["role"]);
    // A partner user invites no one.
    assert_eq!(
        status_of(
            &user
                .invite_partner_user(setup.agreement, &invitation("x.y"))
                .await
                .unwrap_err()
        ),
        403
    );

    // Deactivated: their session ends at once; a new link only once reactivated.
    let off = admin
        .set_partner_user_active(setup.agreement, listed[0].id, false)
        .await
        .expect("deactivate");
    assert!(!off.active);
    assert_eq!(status_of(&user.me().await.unwrap_err()), 401);
    assert_eq!(
        status_of(
            &admin
                .partner_user_link(setup.agreement, off.id)
                .await
                .unwrap_err()
        ),
        409
    );
    admin
        .set_partner_user_active(setup.agreement, off.id, true)
        .await
        .expect("reactivate");
    let link = admin
        .partner_user_link(setup.agreement, off.id)
        .await
        .expect("a new link");
    assert!(link.link.contains("/reset-password#token="));
}

/// Every operation the document gives staff alone answers a partner user's
/// session 403 or 404 (the account's own routes aside), even with the id of
/// someone the partner follows.
#[actix_web::test]
async fn no_staff_endpoint_answers_a_partner_user() {
    let app = spawn_app().await;
    let setup = app.partner("Vennesla kommune", "963296746", &SCOPE).await;
    let (_, followed) = app.accepted(&setup, "Kari", "Nordmann").await;
    let user = partner_user(&app, &setup, "per.vennesla").await;
    let account = [
        "/auth/me",
        "/auth/logout",
        "/auth/logout-everywhere",
        "/auth/password",
    ];
    let document = stige_api::openapi::document();
    let paths = document["paths"].as_object().expect("paths");
    let mut checked = 0;
    for (path, operations) in paths {
        let Some(operations) = operations.as_object() else {
            continue;
        };
        for (method, operation) in operations {
            let schemes: Vec<&str> = operation["security"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|s| s.as_object())
                .flat_map(|s| s.keys().map(String::as_str))
                .collect();
            let staff_only = schemes.contains(&"staff") && !schemes.contains(&"partner");
            if !staff_only || account.iter().any(|a| path.ends_with(a)) {
                continue;
            }
            let concrete = path
                .replace("{id}", &followed.0.to_string())
                .replace("{participant}", &followed.0.to_string())
                .replace("{date}", "2026-12-01")
                .replace("{token}", "x")
                .split('/')
                .map(|part| if part.starts_with('{') { "1" } else { part })
                .collect::<Vec<_>>()
                .join("/");
            let method = Method::from_bytes(method.to_uppercase().as_bytes()).expect("method");
            let answer = app
                .send_json(&user, method.clone(), &concrete, json!({}))
                .await;
            let status = answer.status().as_u16();
            assert!(
                status == 403 || status == 404,
                "{method} {path} answered a partner user {status}"
            );
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} staff operations checked");
}
