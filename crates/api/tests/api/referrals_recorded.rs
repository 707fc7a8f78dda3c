//! Referrals staff record: by phone, letter, e-mail or at a meeting on a
//! partner's behalf, or a self-referral with no partner; the same checks, duplicate
//! warning and triage as a partner's own referral.

use crate::helpers::{assert_problem, fields, spawn_app};
use crate::partner_helpers::{referral_body, triage};
use reqwest::Method;
use serde_json::json;
use stige_client::{RecordedReferral, ReferralQuery, TriageAction};
use stige_domain::consent::SharingCategory;
use stige_domain::referral::{ReferralChannel, ReferralStatus};

const SCOPE: [SharingCategory; 1] = [SharingCategory::EnrolmentStatus];

fn recorded(channel: ReferralChannel, agreement: Option<i64>, given: &str) -> RecordedReferral {
    RecordedReferral {
        channel: Some(channel),
        agreement_id: agreement,
        ladder_id: None,
        referral: referral_body(given, "Telefonsen"),
    }
}

#[actix_web::test]
async fn a_coordinator_records_a_phone_referral_that_the_partner_sees_as_its_own() {
    let app = spawn_app().await;
    let setup = app.partner("Vennesla kommune", "963296746", &SCOPE).await;
    let c = app.coordinator().await;
    let referral = c
        .record_referral(&recorded(
            ReferralChannel::Phone,
            Some(setup.agreement),
            "Ola",
        ))
        .await
        .expect("record");
    assert_eq!(referral.channel, ReferralChannel::Phone);
    assert_eq!(referral.agreement_id, Some(setup.agreement));
    assert_eq!(referral.ladder_id, app.ladder);
    assert_eq!(referral.status, ReferralStatus::Received);
    assert_eq!(referral.partner.as_ref().map(|p| p.id), Some(setup.partner));
    // The history says who recorded it, and how.
    let recorder = referral.recorded_by.clone().expect("recorded by");
    assert!(!recorder.is_empty());
    let audit =
        stige_store::audit::with_action(&mut app.conn(), stige_domain::AuditAction::ReferralRecord)
            .expect("audit");
    assert_eq!(audit.len(), 1);
    assert_eq!(
        audit[0].detail.as_deref(),
        Some(format!("referral={} channel=phone", referral.id).as_str())
    );
    // The partner sees it in its list and feed, without the staff member's name.
    let theirs = setup
        .api
        .referral(referral.id)
        .await
        .expect("partner reads");
    assert_eq!(theirs.channel, ReferralChannel::Phone);
    assert_eq!(theirs.recorded_by, None);
    let feed = setup.api.events(None, None).await.expect("feed");
    assert!(
        feed.events
            .iter()
            .any(|e| e.kind == "referral.received" && e.referral_id == Some(referral.id))
    );
    // It is triaged like any other and the person is linked to the agreement.
    let accepted = c
        .triage(referral.id, &triage(TriageAction::Accept))
        .await
        .expect("accept");
    let person = accepted.participant_id.expect("participant");
    let detail = c.participant(person).await.expect("detail");
    let origin = detail.referral.expect("origin");
    assert_eq!(origin.channel, ReferralChannel::Phone);
    assert_eq!(origin.partner_id, Some(setup.partner));
    assert_eq!(
        app.agreement_and_ladder_of(person),
        (Some(setup.agreement), app.ladder.0)
    );
}

#[actix_web::test]
async fn a_self_referral_has_no_partner_and_waits_in_the_programmes_own_line() {
    let app = spawn_app().await;
    let setup = app.partner("Vennesla kommune", "963296746", &SCOPE).await;
    let admin = app.admin().await;
    let body = RecordedReferral {
        channel: Some(ReferralChannel::SelfReferral),
        agreement_id: None,
        ladder_id: Some(app.ladder),
        referral: stige_client::NewReferral {
            partner_contact: Default::default(),
            phone: Some("+47 912 34 567".into()),
            ..referral_body("Siri", "Selvstendig")
        },
    };
    let referral = admin.record_referral(&body).await.expect("self-referral");
    assert_eq!(
        (referral.partner.clone(), referral.agreement_id),
        (None, None)
    );
    assert_eq!(referral.partner_contact.name, "");
    // It is in the inbox, but in no partner's list or feed.
    let inbox = admin
        .referrals(&ReferralQuery::default())
        .await
        .expect("inbox");
    assert!(inbox.items.iter().any(|r| r.id == referral.id));
    let theirs = setup
        .api
        .referrals(&ReferralQuery::default())
        .await
        .expect("partner list");
    assert!(theirs.items.iter().all(|r| r.id != referral.id));
    assert_eq!(
        setup
            .api
            .referral(referral.id)
            .await
            .map_err(|e| e.status())
            .err(),
        Some(Some(404))
    );
    let feed = setup.api.events(None, None).await.expect("feed");
    assert!(
        feed.events
            .iter()
            .all(|e| e.referral_id != Some(referral.id))
    );
    let waiting = admin
        .triage(referral.id, &triage(TriageAction::PutOnWaitingList))
        .await
        .expect("wait");
    assert_eq!(waiting.waiting_list_position, Some(1));
    let accepted = admin
        .triage(referral.id, &triage(TriageAction::Accept))
        .await
        .expect("accept");
    let person = accepted.participant_id.expect("participant");
    assert_eq!(app.agreement_and_ladder_of(person), (None, app.ladder.0));
    let origin = admin
        .participant(person)
        .await
        .expect("detail")
        .referral
        .expect("origin");
    assert_eq!(
        (origin.channel, origin.partner_name),
        (ReferralChannel::SelfReferral, None)
    );
}

#[actix_web::test]
async fn a_recorded_referral_warns_of_a_possible_duplicate() {
    let app = spawn_app().await;
    let setup = app.partner("Vennesla kommune", "963296746", &SCOPE).await;
    let first = setup
        .api
        .refer(&referral_body("Kari", "Nordmann"), "k-1")
        .await
        .expect("refer");
    let again = RecordedReferral {
        referral: referral_body("Kari", "Nordmann"),
        ..recorded(ReferralChannel::Letter, Some(setup.agreement), "Kari")
    };
    let referral = app
        .coordinator()
        .await
        .record_referral(&again)
        .await
        .expect("record");
    assert_eq!(
        referral.possible_duplicates,
        vec![stige_client::PossibleDuplicate::Referral { id: first.id }]
    );
}

#[actix_web::test]
async fn bad_input_names_the_fields_and_writes_nothing() {
    let app = spawn_app().await;
    let setup = app.partner("Vennesla kommune", "963296746", &SCOPE).await;
    let c = app.coordinator().await;
    let agreement = setup.agreement;
    let ladder = app.ladder.0;
    let person = json!({
        "given_name": "Ola", "family_name": "Hansen", "birth_date": "1991-09-03",
        "reason": "Called", "consent_collected": true,
        "partner_contact": {"name": "Per", "phone": "+47 38 00 00 00"}
    });
    let with = |extra: serde_json::Value| {
        let mut body = person.clone();
        for (k, v) in extra.as_object().expect("object") {
            body[k] = v.clone();
        }
        body
    };
    let cases = [
        (with(json!({"agreement_id": agreement})), vec!["channel"]),
        (
            with(json!({"channel": "api", "agreement_id": agreement})),
            vec!["channel"],
        ),
        (with(json!({"channel": "phone"})), vec!["agreement_id"]),
        (
            with(json!({"channel": "meeting", "agreement_id": agreement, "ladder_id": ladder})),
            vec!["ladder_id"],
        ),
        (
            with(json!({"channel": "self_referral", "agreement_id": agreement})),
            vec!["agreement_id", "ladder_id", "partner_contact"],
        ),
        (
            with(
                json!({"channel": "email", "agreement_id": agreement, "given_name": "", "reason": ""}),
            ),
            vec!["given_name", "reason"],
        ),
        (
            with(json!({"channel": "phone", "agreement_id": agreement + 1000})),
            vec!["agreement_id"],
        ),
    ];
    for (body, expected) in cases {
        let response = app
            .send_json(&c, Method::POST, "/api/v1/referrals/recorded", body.clone())
            .await;
        let problem = assert_problem(response, 422).await;
        assert_eq!(fields(&problem), expected, "{body}");
    }
    let response = app
        .send_json(
            &c,
            Method::POST,
            "/api/v1/referrals/recorded",
            json!({"channel": "fax"}),
        )
        .await;
    assert_problem(response, 400).await;
    assert_eq!(app.referral_count(), 0);
    assert!(
        stige_store::audit::with_action(&mut app.conn(), stige_domain::AuditAction::ReferralRecord)
            .expect("audit")
            .is_empty()
    );
}

#[actix_web::test]
async fn only_the_programmes_admins_and_coordinators_record_referrals() {
    let app = spawn_app().await;
    let setup = app.partner("Vennesla kommune", "963296746", &SCOPE).await;
    let body = recorded(ReferralChannel::Phone, Some(setup.agreement), "Ola");
    // Another organisation's coordinator: our agreement is not theirs to name.
    let other = app.as_user("other-coordinator").await;
    let response = app
        .send_json(
            &other,
            Method::POST,
            "/api/v1/referrals/recorded",
            serde_json::to_value(&body).expect("json"),
        )
        .await;
    let problem = assert_problem(response, 422).await;
    assert_eq!(fields(&problem), ["agreement_id"]);
    assert_eq!(problem["errors"][0]["code"], "not-your-agreement");
    let self_referral = json!({
        "channel": "self_referral", "ladder_id": app.ladder.0,
        "given_name": "Ola", "family_name": "Hansen", "birth_date": "1991-09-03",
        "reason": "Asked", "consent_collected": true
    });
    let response = app
        .send_json(
            &other,
            Method::POST,
            "/api/v1/referrals/recorded",
            self_referral,
        )
        .await;
    assert_eq!(fields(&assert_problem(response, 422).await), ["ladder_id"]);
    // Mentors and viewers do not triage; a partner records nothing this way.
    for user in ["mentor", "viewer"] {
        let client = app.as_user(user).await;
        let err = client.record_referral(&body).await.expect_err(user);
        assert_eq!(err.status(), Some(403), "{user}");
    }
    let err = setup.api.record_referral(&body).await.expect_err("partner");
    assert!(matches!(err.status(), Some(401 | 403)));
    assert_eq!(app.referral_count(), 0);
    // A recorded referral is as invisible to another organisation as any other.
    let mine = app
        .coordinator()
        .await
        .record_referral(&body)
        .await
        .expect("record");
    let err = other
        .referral(mine.id)
        .await
        .expect_err("other organisation");
    assert_eq!(err.status(), Some(404));
}
