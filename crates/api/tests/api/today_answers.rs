//! Today: pauses whose planned return is due, employers' answers since
//! yesterday, and the inbox figure that equals the inbox's list.

use crate::helpers::{action, spawn_app};
use crate::partner_helpers::referral_body;
use crate::placements::{confirm_by_employer, placement};
use stige_client::{ReferralQuery, StatusChangeRequest, TriageAction, TriageRequest};
use stige_domain::consent::SharingCategory;
use stige_domain::enrolment::EnrolmentAction;
use stige_domain::placement::PlacementStatus;
use stige_domain::referral::ReferralStatus;

#[actix_web::test]
async fn today_lists_pauses_whose_planned_return_is_due_and_not_the_others() {
    let app = spawn_app().await;
    let due = app.active_participant("Anna", "Tilbake").await;
    let later = app.active_participant("Erik", "Senere").await;
    let c = app.coordinator().await;
    let today = chrono::Utc::now().date_naive();
    for (p, planned) in [(due.id, today), (later.id, today + chrono::Days::new(10))] {
        c.change_status(
            p,
            &StatusChangeRequest {
                reason: Some("Behandling".into()),
                planned_return: Some(planned),
                ..action(EnrolmentAction::Pause)
            },
        )
        .await
        .expect("pause");
    }

    let page = c.today().await.expect("today");

    let listed: Vec<_> = page
        .returns_due
        .iter()
        .map(|r| (r.participant.id, r.planned_return))
        .collect();
    assert_eq!(listed, [(due.id, today)]);
    // A mentor sees only their own participants' returns.
    let mentor = app.mentor().await;
    assert!(mentor.today().await.expect("today").returns_due.is_empty());
    app.assign_the_mentor(&c, due.id).await;
    assert_eq!(mentor.today().await.expect("today").returns_due.len(), 1);
}

#[actix_web::test]
async fn today_shows_an_employer_s_answer_through_the_link() {
    let app = spawn_app().await;
    let person = app.active_participant("Kari", "Praksis").await;
    let (_, id) = placement(&app, person.id, 7).await;
    let c = app.coordinator().await;
    assert!(c.today().await.expect("today").employer_answers.is_empty());

    confirm_by_employer(&app, id).await;

    let answers = c.today().await.expect("today").employer_answers;
    assert_eq!(answers.len(), 1);
    assert_eq!(
        (
            answers[0].placement_id,
            answers[0].participant.id,
            answers[0].status
        ),
        (id, person.id, PlacementStatus::Confirmed)
    );
    // Not the mentor's participant: not on the mentor's Today.
    let mentor = app.mentor().await;
    assert!(
        mentor
            .today()
            .await
            .expect("today")
            .employer_answers
            .is_empty()
    );
}

#[actix_web::test]
async fn the_inbox_figure_equals_the_referrals_the_inbox_lists() {
    let app = spawn_app().await;
    let setup = app
        .kristiansand_kommune(&[SharingCategory::EnrolmentStatus])
        .await;
    let mut ids = vec![];
    for (n, given) in ["Ola", "Per", "Siri"].into_iter().enumerate() {
        let r = setup
            .api
            .refer(&referral_body(given, "Venter"), &format!("k-{n}"))
            .await
            .expect("refer");
        ids.push(r.id);
    }
    let c = app.coordinator().await;
    c.triage(
        ids[0],
        &TriageRequest {
            action: Some(TriageAction::StartAssessment),
            ..Default::default()
        },
    )
    .await
    .expect("assess");

    let figure = c.today().await.expect("today").open_referrals;
    let inbox = c
        .referrals(&ReferralQuery {
            status: Some(ReferralStatus::Received),
            ..Default::default()
        })
        .await
        .expect("inbox");

    assert_eq!(figure, inbox.total);
    assert_eq!(figure, 2);
    assert_eq!(
        app.mentor()
            .await
            .today()
            .await
            .expect("today")
            .open_referrals,
        0
    );
}
