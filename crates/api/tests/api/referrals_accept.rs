//! Accepting a referral in one step: the new participant is active on the first
//! step from the start date, with a mentor, and the participant's page names the
//! partner and the reason of the referral.

use crate::helpers::{TestApp, assert_problem, fields, move_to, spawn_app, status_of};
use crate::partner_helpers::referral_body;
use reqwest::Method;
use serde_json::json;
use stige_client::{Referral, TriageAction, TriageRequest};
use stige_domain::consent::SharingCategory;
use stige_domain::referral::ReferralStatus;
use stige_domain::{Direction, EnrolmentStatus};

const SCOPE: [SharingCategory; 1] = [SharingCategory::EnrolmentStatus];

async fn referred(app: &TestApp, given: &str) -> Referral {
    let setup = app
        .partner("Kristiansand kommune", "963296746", &SCOPE)
        .await;
    setup
        .api
        .refer(&referral_body(given, "Nordmann"), given)
        .await
        .expect("refer")
}

fn accept() -> TriageRequest {
    TriageRequest {
        action: Some(TriageAction::Accept),
        ..Default::default()
    }
}

#[actix_web::test]
async fn accepting_with_a_first_step_mentor_and_start_date_makes_an_active_participant_on_that_step()
 {
    let app = spawn_app().await;
    let referral = referred(&app, "Kari").await;
    let today = chrono::Utc::now().date_naive();
    let c = app.coordinator().await;

    let accepted = c
        .triage(
            referral.id,
            &TriageRequest {
                first_step_id: Some(app.steps[0]),
                mentor_id: Some(app.users.mentor),
                start_date: Some(today),
                ..accept()
            },
        )
        .await
        .expect("accept");

    assert_eq!(accepted.status, ReferralStatus::Accepted);
    let id = accepted.participant_id.expect("participant");
    let detail = c.participant(id).await.expect("participant");
    assert_eq!(detail.status, EnrolmentStatus::Active);
    assert_eq!(detail.status_since, today);
    assert_eq!(detail.current_step.map(|s| s.id), Some(app.steps[0]));
    assert_eq!(
        detail.mentors.iter().map(|m| m.id).collect::<Vec<_>>(),
        [app.users.mentor]
    );
    assert_eq!(detail.moves.len(), 1);
    assert_eq!(detail.moves[0].direction, Direction::Start);
    let statuses: Vec<EnrolmentStatus> =
        detail.status_history.iter().map(|s| s.to_status).collect();
    assert_eq!(
        statuses,
        [EnrolmentStatus::Referred, EnrolmentStatus::Active]
    );
    // The referral's partner and reason on the participant's page.
    let origin = detail.referral.expect("the referral");
    assert_eq!(origin.referral_id, referral.id);
    assert_eq!(origin.partner_name, Some("Kristiansand kommune".to_owned()));
    assert_eq!(
        origin.reason,
        "Wants a structured day and a way back to work"
    );
    // The mentor now sees their new participant.
    let mentor = app.mentor().await;
    assert_eq!(
        mentor.participant(id).await.expect("mentor reads").status,
        EnrolmentStatus::Active
    );
    let actions = app.audit_actions(id);
    for a in [
        "participant.create",
        "participant.status",
        "participant.move",
        "participant.mentors",
    ] {
        assert!(actions.iter().any(|x| x == a), "{a} in {actions:?}");
    }
}

#[actix_web::test]
async fn accepting_without_a_first_step_leaves_the_participant_referred_as_before() {
    let app = spawn_app().await;
    let referral = referred(&app, "Ola").await;
    let c = app.coordinator().await;
    let accepted = c.triage(referral.id, &accept()).await.expect("accept");
    let detail = c
        .participant(accepted.participant_id.expect("participant"))
        .await
        .expect("participant");
    assert_eq!(detail.status, EnrolmentStatus::Referred);
    assert_eq!(detail.current_step, None);
    assert!(detail.mentors.is_empty());
    assert_eq!(
        detail.referral.and_then(|r| r.partner_name),
        Some("Kristiansand kommune".to_owned())
    );
}

#[actix_web::test]
async fn a_bad_first_step_mentor_or_start_date_is_refused_and_nothing_is_written() {
    let app = spawn_app().await;
    let referral = referred(&app, "Per").await;
    let c = app.coordinator().await;
    let before = app.participant_count();
    let path = format!("/api/v1/referrals/{}/triage", referral.id);
    let tomorrow = chrono::Utc::now().date_naive() + chrono::Days::new(1);
    let yesterday = chrono::Utc::now().date_naive() - chrono::Days::new(1);

    let other_ladder = app
        .send_json(
            &c,
            Method::POST,
            &path,
            json!({"action": "accept", "first_step_id": app.other_step, "mentor_id": app.users.viewer, "start_date": tomorrow}),
        )
        .await;
    let mut refused = fields(&assert_problem(other_ladder, 422).await);
    refused.sort();
    assert_eq!(refused, ["first_step_id", "mentor_id", "start_date"]);
    let before_referral = app
        .send_json(
            &c,
            Method::POST,
            &path,
            json!({"action": "accept", "start_date": yesterday}),
        )
        .await;
    assert_eq!(
        fields(&assert_problem(before_referral, 422).await),
        ["start_date"]
    );
    let not_accepting = app
        .send_json(
            &c,
            Method::POST,
            &path,
            json!({"action": "start_assessment", "first_step_id": app.steps[0]}),
        )
        .await;
    assert_eq!(
        fields(&assert_problem(not_accepting, 422).await),
        ["first_step_id"]
    );

    assert_eq!(app.participant_count(), before);
    assert_eq!(
        c.referral(referral.id).await.expect("read").status,
        ReferralStatus::Received
    );
}

#[actix_web::test]
async fn a_full_first_step_answers_409_and_leaves_no_participant_behind() {
    let app = spawn_app().await;
    // Step 1 has one place: fill it.
    let there = app.active_participant("Anne", "Fylt").await;
    let c = app.coordinator().await;
    c.move_participant(there.id, &move_to(app.steps[1], "Ready"))
        .await
        .expect("fill");
    let referral = referred(&app, "Lise").await;
    let before = app.participant_count();

    let full = c
        .triage(
            referral.id,
            &TriageRequest {
                first_step_id: Some(app.steps[1]),
                ..accept()
            },
        )
        .await
        .unwrap_err();

    assert_eq!(status_of(&full), 409);
    assert_eq!(app.participant_count(), before);
    assert_eq!(
        c.referral(referral.id).await.expect("read").status,
        ReferralStatus::Received
    );
}

#[actix_web::test]
async fn a_mentor_may_not_accept_and_an_unknown_referral_is_not_found() {
    let app = spawn_app().await;
    let referral = referred(&app, "Siri").await;
    let before = app.participant_count();
    let request = TriageRequest {
        first_step_id: Some(app.steps[0]),
        ..accept()
    };
    let mentor = app.mentor().await;
    assert_eq!(
        status_of(&mentor.triage(referral.id, &request).await.unwrap_err()),
        403
    );
    let c = app.coordinator().await;
    assert_eq!(
        status_of(&c.triage(referral.id + 1000, &request).await.unwrap_err()),
        404
    );
    assert_eq!(app.participant_count(), before);
}

#[actix_web::test]
async fn accepting_records_the_situation_at_the_start_and_a_wrong_one_writes_nothing() {
    use stige_client::SituationInput;
    use stige_domain::situation::{IncomeSource, Moment, Occupation};
    let app = spawn_app().await;
    let c = app.coordinator().await;
    let referral = referred(&app, "Siri").await;
    let before = app.participant_count();
    let path = format!("/api/v1/referrals/{}/triage", referral.id);
    let problem = assert_problem(
        app.send_json(
            &c,
            Method::POST,
            &path,
            json!({"action": "accept", "situation_at_start": {"income_source": "se_lon"}}),
        )
        .await,
        422,
    )
    .await;
    assert_eq!(
        fields(&problem),
        [
            "situation_at_start.income_source",
            "situation_at_start.occupation"
        ]
    );
    assert_eq!(app.participant_count(), before, "nothing written");
    let still = c.referral(referral.id).await.expect("referral");
    assert_eq!(still.status, ReferralStatus::Received);

    let accepted = c
        .triage(
            referral.id,
            &TriageRequest {
                situation_at_start: Some(SituationInput {
                    income_source: Some(IncomeSource::NoSosialhjelp),
                    occupation: Some(Occupation::Treatment),
                    ..Default::default()
                }),
                ..accept()
            },
        )
        .await
        .expect("accept");
    let id = accepted.participant_id.expect("participant");
    let outcomes = c.outcomes(id).await.expect("outcomes");
    assert_eq!(outcomes.situations.len(), 1);
    assert_eq!(outcomes.situations[0].moment, Moment::Start);
    assert_eq!(
        outcomes.situations[0].income_source,
        Some(IncomeSource::NoSosialhjelp)
    );
    assert!(app.audit_actions(id).contains(&"outcome.record".to_owned()));
    // A situation given with another decision is refused.
    let problem = assert_problem(
        app.send_json(
            &c,
            Method::POST,
            &path,
            json!({"action": "start_assessment", "situation_at_start": {}}),
        )
        .await,
        422,
    )
    .await;
    assert_eq!(fields(&problem), ["situation_at_start"]);
}
