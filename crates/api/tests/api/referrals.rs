//! Referrals: idempotent POSTs by partners, triage by staff, withdrawal, and each
//! partner seeing only its own.

use crate::helpers::{Sent, assert_problem, fields, spawn_app, status_of};
use crate::partner_helpers::{referral_body, triage};
use reqwest::Method;
use serde_json::json;
use stige_client::{ReferralQuery, TriageAction, TriageRequest};
use stige_domain::EnrolmentStatus;
use stige_domain::consent::SharingCategory;
use stige_domain::referral::{DeclineReason, ReferralStatus};

const SCOPE: [SharingCategory; 1] = [SharingCategory::EnrolmentStatus];

#[actix_web::test]
async fn a_referral_runs_through_triage_into_a_participant_linked_to_the_agreement() {
    let app = spawn_app().await;
    let setup = app
        .partner("Kristiansand kommune", "963296746", &SCOPE)
        .await;
    let referral = setup
        .api
        .refer(&referral_body("Kari", "Nordmann"), "k-1")
        .await
        .expect("refer");
    assert_eq!(referral.status, ReferralStatus::Received);
    assert_eq!(referral.agreement_id, Some(setup.agreement));
    let c = app.coordinator().await;
    let inbox = c.referrals(&ReferralQuery::default()).await.expect("inbox");
    assert_eq!(inbox.total, 1);
    let assessed = c
        .triage(referral.id, &triage(TriageAction::StartAssessment))
        .await
        .expect("assess");
    assert_eq!(assessed.status, ReferralStatus::InAssessment);
    let waiting = c
        .triage(referral.id, &triage(TriageAction::PutOnWaitingList))
        .await
        .expect("wait");
    assert_eq!(waiting.waiting_list_position, Some(1));
    let accepted = c
        .triage(referral.id, &triage(TriageAction::Accept))
        .await
        .expect("accept");
    assert_eq!(accepted.status, ReferralStatus::Accepted);
    let id = accepted.participant_id.expect("participant");
    let detail = c.participant(id).await.expect("participant");
    assert_eq!(
        (detail.given_name.as_str(), detail.status),
        ("Kari", EnrolmentStatus::Referred)
    );
    assert_eq!(detail.ladder.id, app.ladder);
    let row = stige_store::participants::get(
        &mut app.conn(),
        stige_store::within::Within::Installation,
        id,
    )
    .expect("row")
    .expect("p");
    assert_eq!(row.agreement_id, Some(setup.agreement));
    // The partner sees the decision on its referral.
    let seen = setup.api.referral(referral.id).await.expect("partner read");
    assert_eq!(
        (seen.status, seen.participant_id),
        (ReferralStatus::Accepted, Some(id))
    );
    assert!(seen.possible_duplicates.is_empty());
    // Decided: no more triage or withdrawal.
    assert_eq!(
        status_of(
            &c.triage(referral.id, &triage(TriageAction::Accept))
                .await
                .unwrap_err()
        ),
        409
    );
    assert_eq!(
        status_of(&setup.api.withdraw_referral(referral.id).await.unwrap_err()),
        409
    );
}

#[actix_web::test]
async fn a_decline_needs_a_reason_and_other_needs_a_text_and_nothing_changes_before() {
    let app = spawn_app().await;
    let setup = app
        .partner("Kristiansand kommune", "963296746", &SCOPE)
        .await;
    let r = setup
        .api
        .refer(&referral_body("Ola", "Hansen"), "k-1")
        .await
        .expect("refer");
    let c = app.coordinator().await;
    let no_reason = c
        .triage(r.id, &triage(TriageAction::Decline))
        .await
        .unwrap_err();
    assert_eq!(
        no_reason.problem().expect("p").errors[0].field,
        "decline_reason"
    );
    let other = TriageRequest {
        action: Some(TriageAction::Decline),
        decline_reason: Some(DeclineReason::Other),
        decline_text: Some("  ".into()),
        ..Default::default()
    };
    assert_eq!(status_of(&c.triage(r.id, &other).await.unwrap_err()), 422);
    let no_action = app
        .send_json(
            &c,
            Method::POST,
            &format!("/api/v1/referrals/{}/triage", r.id),
            json!({}),
        )
        .await;
    assert_eq!(fields(&assert_problem(no_action, 422).await), ["action"]);
    assert_eq!(
        c.referral(r.id).await.expect("read").status,
        ReferralStatus::Received
    );
    let declined = c
        .triage(
            r.id,
            &TriageRequest {
                action: Some(TriageAction::Decline),
                decline_reason: Some(DeclineReason::NeedsOtherMeasure),
                decline_text: Some("Treatment first".into()),
                ..Default::default()
            },
        )
        .await
        .expect("decline");
    assert_eq!(
        declined.decline_reason,
        Some(DeclineReason::NeedsOtherMeasure)
    );
    assert_eq!(
        status_of(
            &app.mentor()
                .await
                .triage(r.id, &triage(TriageAction::Accept))
                .await
                .unwrap_err()
        ),
        403
    );
    assert_eq!(
        status_of(
            &c.triage(4242, &triage(TriageAction::Accept))
                .await
                .unwrap_err()
        ),
        404
    );
}

#[actix_web::test]
async fn the_idempotency_key_is_required_replays_the_first_answer_and_refuses_another_body() {
    let app = spawn_app().await;
    let setup = app
        .partner("Kristiansand kommune", "963296746", &SCOPE)
        .await;
    let missing = setup
        .api
        .request(Method::POST, "/api/v1/referrals")
        .json(&referral_body("Kari", "Nordmann"))
        .sent()
        .await;
    assert_problem(missing, 400).await;
    assert_eq!(app.referral_count(), 0);

    let first = setup
        .api
        .refer(&referral_body("Kari", "Nordmann"), "same")
        .await
        .expect("first");
    let again = setup
        .api
        .refer(&referral_body("Kari", "Nordmann"), "same")
        .await
        .expect("replay");
    assert_eq!(first, again);
    let other = setup
        .api
        .refer(&referral_body("Per", "Olsen"), "same")
        .await
        .unwrap_err();
    assert_eq!(status_of(&other), 422);
    assert_eq!(app.referral_count(), 1);

    let invalid = app
        .send_json(
            &setup.api,
            Method::POST,
            "/api/v1/referrals",
            json!({"given_name": "", "national_id": "01018012345"}),
        )
        .await;
    // The raw request has no key: 400 first. With a key, the fields are checked.
    assert_problem(invalid, 400).await;
    let invalid = setup
        .api
        .request(Method::POST, "/api/v1/referrals")
        .header("Idempotency-Key", "bad-1")
        .json(&json!({"given_name": "", "national_id": "01018012345"}))
        .sent()
        .await;
    let body = assert_problem(invalid, 422).await;
    assert_eq!(
        fields(&body),
        [
            "given_name",
            "family_name",
            "national_id",
            "reason",
            "partner_contact.name",
            "partner_contact.phone",
            "consent_collected"
        ]
    );
    let not_json = setup
        .api
        .request(Method::POST, "/api/v1/referrals")
        .header("Idempotency-Key", "bad-2")
        .body("{not json")
        .sent()
        .await;
    assert_problem(not_json, 400).await;
    assert_eq!(app.referral_count(), 1);
    // Staff do not refer through the partner API.
    let staff = app.coordinator().await;
    assert_eq!(
        status_of(
            &staff
                .refer(&referral_body("A", "B"), "s-1")
                .await
                .unwrap_err()
        ),
        401
    );
}

#[actix_web::test]
async fn ten_concurrent_identical_posts_with_one_key_make_one_referral() {
    let app = spawn_app().await;
    let setup = app
        .partner("Kristiansand kommune", "963296746", &SCOPE)
        .await;
    let body = referral_body("Kari", "Nordmann");
    let calls = (0..10).map(|_| setup.api.refer(&body, "concurrent-key"));
    let results = futures::future::join_all(calls).await;
    let mut ids = vec![];
    for result in results {
        match result {
            Ok(r) => ids.push(r.id),
            Err(e) => assert_eq!(status_of(&e), 409, "{e}"),
        }
    }
    assert!(!ids.is_empty());
    assert!(ids.iter().all(|id| *id == ids[0]), "{ids:?}");
    assert_eq!(app.referral_count(), 1);
}

#[actix_web::test]
async fn another_partner_gets_404_on_the_first_partner_s_referrals() {
    let app = spawn_app().await;
    let first = app
        .partner("Kristiansand kommune", "963296746", &SCOPE)
        .await;
    let second = app.partner("Søgne kommune", "964965218", &SCOPE).await;
    let r = first
        .api
        .refer(&referral_body("Kari", "Nordmann"), "k")
        .await
        .expect("refer");
    assert_eq!(
        status_of(&second.api.referral(r.id).await.unwrap_err()),
        404
    );
    assert_eq!(
        status_of(&second.api.withdraw_referral(r.id).await.unwrap_err()),
        404
    );
    assert_eq!(
        second
            .api
            .referrals(&ReferralQuery::default())
            .await
            .expect("list")
            .total,
        0
    );
    let asked = second
        .api
        .referrals(&ReferralQuery {
            agreement_id: Some(first.agreement),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(status_of(&asked), 422);
    // The same key in another client's hands is another referral.
    second
        .api
        .refer(&referral_body("Kari", "Nordmann"), "k")
        .await
        .expect("own key space");
    // The first partner withdraws its own.
    let withdrawn = first.api.withdraw_referral(r.id).await.expect("withdraw");
    assert_eq!(withdrawn.status, ReferralStatus::Withdrawn);
    assert_eq!(
        first
            .api
            .referrals(&ReferralQuery::default())
            .await
            .expect("list")
            .total,
        1
    );
}

#[actix_web::test]
async fn a_referral_for_someone_already_referred_or_active_is_flagged_to_staff_only() {
    let app = spawn_app().await;
    let setup = app
        .partner("Kristiansand kommune", "963296746", &SCOPE)
        .await;
    let existing = app.active_participant("Kari", "Nordmann").await;
    stige_store::participants::update_personal(
        &mut app.conn(),
        existing.id,
        stige_store::participants::get(
            &mut app.conn(),
            stige_store::within::Within::Installation,
            existing.id,
        )
        .expect("row")
        .expect("p")
        .version,
        &stige_store::participants::PersonalDetails {
            given_name: "Kari".into(),
            family_name: "Nordmann".into(),
            birth_date: chrono::NaiveDate::from_ymd_opt(1988, 4, 12),
            national_id: None,
        },
    )
    .expect("birth date");
    let first = setup
        .api
        .refer(&referral_body("Kari", "Nordmann"), "a")
        .await
        .expect("refer");
    let second = setup
        .api
        .refer(&referral_body("kari", "nordmann"), "b")
        .await
        .expect("refer");
    assert!(
        second.possible_duplicates.is_empty(),
        "partners never see duplicate hints"
    );
    let staff_view = app
        .coordinator()
        .await
        .referral(second.id)
        .await
        .expect("read");
    let text = serde_json::to_value(&staff_view.possible_duplicates).expect("json");
    assert_eq!(
        text,
        json!([{"kind": "participant", "id": existing.id.0}, {"kind": "referral", "id": first.id}])
    );
    let unrelated = setup
        .api
        .refer(&referral_body("Nils", "Berg"), "c")
        .await
        .expect("refer");
    let view = app
        .coordinator()
        .await
        .referral(unrelated.id)
        .await
        .expect("read");
    assert!(view.possible_duplicates.is_empty());
}

#[actix_web::test]
async fn an_agreement_outside_its_period_takes_no_referrals() {
    let app = spawn_app().await;
    let setup = app
        .partner("Kristiansand kommune", "963296746", &SCOPE)
        .await;
    let mut ended = crate::partner_helpers::agreement_input(setup.partner, &app, &SCOPE);
    let today = chrono::Utc::now().date_naive();
    ended.valid_to = Some(today - chrono::Duration::days(1));
    let admin = app.admin().await;
    let read = admin.agreement(setup.agreement).await.expect("agreement");
    admin
        .update_agreement(setup.agreement, &ended, read.version)
        .await
        .expect("end it");
    let err = setup
        .api
        .refer(&referral_body("Kari", "Nordmann"), "late")
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 409);
    assert_eq!(app.referral_count(), 0);
}
