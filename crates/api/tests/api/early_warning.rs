//! The early warning told to a partner's follow-up service: on the second working
//! day absent without notice, once per run, only where the agreement's scope and
//! the person's consent cover it, naming no one in the message.

use crate::attendance::workday;
use crate::helpers::{TestApp, assert_problem, spawn_app};
use crate::partner_helpers::{PartnerSetup, consent};
use reqwest::Method;
use serde_json::json;
use stige_client::{MarkInput, RegisterUpdate};
use stige_domain::ParticipantId;
use stige_domain::attendance::{AttendanceMark, previous_working_day};
use stige_domain::consent::SharingCategory;

const SCOPE: [SharingCategory; 2] = [
    SharingCategory::EnrolmentStatus,
    SharingCategory::EarlyWarning,
];

/// An active person referred by the partner, with `consented` categories.
async fn followed(
    app: &TestApp,
    setup: &PartnerSetup,
    consented: &[SharingCategory],
) -> ParticipantId {
    let (_, id) = app.accepted(setup, "Kari", "Nordmann").await;
    app.start(id).await;
    let c = app.coordinator().await;
    if !consented.is_empty() {
        c.give_consent(id, &consent(setup.partner, consented))
            .await
            .expect("consent");
    }
    id
}

async fn absent(app: &TestApp, id: ParticipantId, day: chrono::NaiveDate) {
    app.coordinator()
        .await
        .save_register(&RegisterUpdate {
            date: Some(day),
            step_id: None,
            ladder_id: None,
            marks: vec![MarkInput {
                participant_id: id,
                mark: AttendanceMark::AbsentWithoutNotice,
            }],
            activity_marks: vec![],
        })
        .await
        .expect("mark");
}

/// The outbox's messages that are not about a placement.
fn warnings_sent(app: &TestApp) -> Vec<stige_store::invitations::MessageRow> {
    stige_store::invitations::messages(&mut app.conn(), 100)
        .expect("outbox")
        .into_iter()
        .filter(|m| m.placement_id.is_none())
        .collect()
}

#[actix_web::test]
async fn the_second_day_absent_without_notice_tells_the_follow_up_service_once() {
    let app = spawn_app().await;
    let setup = app.partner("Vennesla kommune", "963296746", &SCOPE).await;
    let id = followed(&app, &setup, &SCOPE).await;
    let day2 = workday();
    let day1 = previous_working_day(day2);
    let day0 = previous_working_day(day1);
    absent(&app, id, day0).await;
    assert!(
        warnings_sent(&app).is_empty(),
        "one day is not yet a warning"
    );
    absent(&app, id, day1).await;
    let sent = warnings_sent(&app);
    assert_eq!(sent.len(), 1);
    let message = &sent[0];
    // The agreement's follow-up service has no e-mail address in the test: the
    // message is kept for staff to phone, never sent to a phone number by e-mail.
    assert_eq!(
        (message.recipient.as_str(), message.state.as_str()),
        ("+47 38 07 50 00", "kept")
    );
    assert!(message.body.contains("2"), "{}", message.body);
    assert!(message.body.contains(&format!("{}", id.0)), "the reference");
    assert!(
        !message.body.contains("Kari") && !message.body.contains("Nordmann"),
        "the message names no one: {}",
        message.body
    );
    // The partner's feed carries it; the audit log and Today say it was sent.
    let feed = setup.api.events(None, None).await.expect("feed");
    let event = feed
        .events
        .iter()
        .find(|e| e.kind == "participant.early_warning")
        .expect("the feed event");
    assert_eq!(event.participant_id, Some(id));
    assert_eq!(event.data["days"], 2);
    assert_eq!(event.data["since"], json!(day0));
    assert!(
        app.audit_actions(id)
            .contains(&"attendance.early_warning".to_owned())
    );
    let today = app.coordinator().await.today().await.expect("today");
    let warning = today
        .early_warnings
        .iter()
        .find(|w| w.participant.id == id)
        .expect("on Today");
    let told = warning.follow_up_service_told.as_ref().expect("told");
    assert_eq!(told.partner_name, "Vennesla kommune");
    // A third day is the same run: nothing more is sent.
    absent(&app, id, day2).await;
    assert_eq!(warnings_sent(&app).len(), 1);
}

#[actix_web::test]
async fn without_the_persons_consent_or_the_agreements_scope_nothing_is_told() {
    let app = spawn_app().await;
    let setup = app.partner("Vennesla kommune", "963296746", &SCOPE).await;
    // Consent to the status only.
    let id = followed(&app, &setup, &[SharingCategory::EnrolmentStatus]).await;
    let day2 = workday();
    let day1 = previous_working_day(day2);
    absent(&app, id, day1).await;
    absent(&app, id, day2).await;
    assert!(warnings_sent(&app).is_empty());
    let feed = setup.api.events(None, None).await.expect("feed");
    assert!(
        feed.events
            .iter()
            .all(|e| e.kind != "participant.early_warning")
    );
    let today = app.coordinator().await.today().await.expect("today");
    let warning = today
        .early_warnings
        .iter()
        .find(|w| w.participant.id == id)
        .expect("staff still see the warning");
    assert_eq!(warning.follow_up_service_told, None);

    // An agreement whose scope leaves it out tells nothing, whatever the consent.
    let other = app
        .partner(
            "Iveland kommune",
            "964964106",
            &[SharingCategory::EnrolmentStatus],
        )
        .await;
    let id = followed(&app, &other, &[SharingCategory::EarlyWarning]).await;
    absent(&app, id, day1).await;
    absent(&app, id, day2).await;
    assert!(warnings_sent(&app).is_empty());
}

#[actix_web::test]
async fn a_refused_register_tells_no_one_and_another_organisation_cannot_mark() {
    let app = spawn_app().await;
    let setup = app.partner("Vennesla kommune", "963296746", &SCOPE).await;
    let id = followed(&app, &setup, &SCOPE).await;
    let day2 = workday();
    let day1 = previous_working_day(day2);
    absent(&app, id, day1).await;
    let c = app.coordinator().await;
    // A day in the future is refused: the run does not grow, no one is told.
    let future = day2 + chrono::Duration::days(7);
    let response = app
        .send_json(
            &c,
            Method::PUT,
            "/api/v1/attendance",
            json!({"date": future, "marks": [{"participant_id": id.0, "mark": "absent_without_notice"}]}),
        )
        .await;
    assert_problem(response, 422).await;
    assert!(warnings_sent(&app).is_empty());
    // Another organisation's coordinator does not find the person.
    let other = app.as_user("other-coordinator").await;
    let response = app
        .send_json(
            &other,
            Method::PUT,
            "/api/v1/attendance",
            json!({"date": day2, "marks": [{"participant_id": id.0, "mark": "absent_without_notice"}]}),
        )
        .await;
    assert_problem(response, 404).await;
    assert!(warnings_sent(&app).is_empty());
}
