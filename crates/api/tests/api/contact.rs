//! Contact and safety (issue 24): a participant's phone, e-mail, address,
//! emergency contacts and safety note, sealed at rest, read by the staff who
//! follow the person; attempts to reach them, shown on the early warning;
//! partners see contact details only under the consent category.

use crate::attendance::workday;
use crate::helpers::{Sent, TestApp, assert_problem, fields, get_json, spawn_app, status_of};
use diesel::prelude::*;
use reqwest::Method;
use serde_json::json;
use stige_client::{MarkInput, ParticipantContactInput, ReachAttemptInput, RegisterUpdate};
use stige_domain::ParticipantId;
use stige_domain::attendance::{AttendanceMark, previous_working_day};
use stige_domain::consent::SharingCategory;
use stige_domain::contact::{EmergencyContact, ReachOutcome};
use stige_store::schema::{participant_contacts, reach_attempts};

fn details() -> ParticipantContactInput {
    ParticipantContactInput {
        phone: Some("+47 412 34 567".into()),
        email: Some("ola@example.no".into()),
        address: Some("Storgata 1, 4611 Kristiansand".into()),
        emergency_contacts: vec![EmergencyContact {
            name: "Lise Nordmann".into(),
            relation: "sister".into(),
            phone: "+47 412 34 568".into(),
            may_contact: true,
        }],
        safety_note: Some("Call the sister first. Do not contact the father.".into()),
    }
}

fn sealed_rows(app: &TestApp, id: ParticipantId) -> Vec<String> {
    participant_contacts::table
        .filter(participant_contacts::participant_id.eq(id.0))
        .select(participant_contacts::sealed)
        .load(&mut app.conn())
        .expect("rows")
}

fn attempt_rows(app: &TestApp, id: ParticipantId) -> i64 {
    reach_attempts::table
        .filter(reach_attempts::participant_id.eq(id.0))
        .count()
        .get_result(&mut app.conn())
        .expect("count")
}

#[actix_web::test]
async fn contact_details_are_sealed_at_rest_and_read_by_the_staff_who_follow_the_person() {
    let app = spawn_app().await;
    let p = app.active_participant("Ola", "Nordmann").await;
    let c = app.coordinator().await;
    let empty = c.contact(p.id).await.expect("nothing yet");
    assert_eq!(empty.phone, None);
    assert_eq!(empty.updated_by, None);

    let card = c.set_contact(p.id, &details()).await.expect("save");
    assert_eq!(card.phone.as_deref(), Some("+47 412 34 567"));
    assert_eq!(card.emergency_contacts[0].relation, "sister");
    assert_eq!(card.updated_by.as_deref(), Some("coordinator display"));
    assert!(card.updated_at.is_some());

    // At rest nothing of it can be read without the data key.
    let sealed = sealed_rows(&app, p.id);
    assert_eq!(sealed.len(), 1);
    for plain in ["412 34 567", "ola@example.no", "Storgata", "Lise", "sister"] {
        assert!(!sealed[0].contains(plain), "{plain} in {}", sealed[0]);
    }

    // A mentor sees it once they follow the person; not before.
    let mentor = app.mentor().await;
    assert_eq!(status_of(&mentor.contact(p.id).await.unwrap_err()), 404);
    app.assign_the_mentor(&c, p.id).await;
    let seen = mentor.contact(p.id).await.expect("mentor reads");
    assert_eq!(
        seen.safety_note.as_deref(),
        Some("Call the sister first. Do not contact the father.")
    );

    // Saving again replaces; blank fields are removed.
    let replaced = mentor
        .set_contact(
            p.id,
            &ParticipantContactInput {
                phone: Some("90 00 00 01".into()),
                email: Some(" ".into()),
                ..Default::default()
            },
        )
        .await
        .expect("replace");
    assert_eq!(replaced.phone.as_deref(), Some("90 00 00 01"));
    assert_eq!(replaced.email, None);
    assert!(replaced.emergency_contacts.is_empty());
    assert_eq!(sealed_rows(&app, p.id).len(), 1);

    let actions = app.audit_actions(p.id);
    assert!(actions.iter().any(|a| a == "contact.update"));
    assert!(actions.iter().any(|a| a == "contact.read"));
}

#[actix_web::test]
async fn those_who_must_not_see_the_person_get_404_viewers_included() {
    let app = spawn_app().await;
    let p = app.active_participant("Per", "Skjult").await;
    app.coordinator()
        .await
        .set_contact(p.id, &details())
        .await
        .expect("save");
    let other = app.as_user("other-coordinator").await;
    assert_eq!(status_of(&other.contact(p.id).await.unwrap_err()), 404);
    assert_eq!(
        status_of(&other.set_contact(p.id, &details()).await.unwrap_err()),
        404
    );
    let attempt = ReachAttemptInput {
        outcome: ReachOutcome::Tried,
        at: None,
    };
    assert_eq!(
        status_of(
            &other
                .record_reach_attempt(p.id, &attempt)
                .await
                .unwrap_err()
        ),
        404
    );
    // A viewer sees reports, not people.
    let viewer = app.viewer().await;
    assert_eq!(status_of(&viewer.contact(p.id).await.unwrap_err()), 404);
    assert_eq!(
        status_of(
            &viewer
                .record_reach_attempt(p.id, &attempt)
                .await
                .unwrap_err()
        ),
        404
    );
    let unknown = ParticipantId(p.id.0 + 10_000);
    let c = app.coordinator().await;
    assert_eq!(status_of(&c.contact(unknown).await.unwrap_err()), 404);
    assert_eq!(attempt_rows(&app, p.id), 0);
}

#[actix_web::test]
async fn bad_contact_details_are_refused_with_every_field_named_and_nothing_written() {
    let app = spawn_app().await;
    let p = app.active_participant("Kari", "Feil").await;
    let c = app.coordinator().await;
    let path = format!("/api/v1/participants/{}/contact", p.id);
    let body = json!({
        "phone": "call me",
        "email": "not an address",
        "emergency_contacts": [
            {"name": "", "relation": "brother", "phone": "12", "may_contact": false}
        ],
        "safety_note": "x".repeat(501)
    });
    let problem = assert_problem(app.send_json(&c, Method::PUT, &path, body).await, 422).await;
    assert_eq!(
        fields(&problem),
        [
            "phone",
            "email",
            "safety_note",
            "emergency_contacts[0].name",
            "emergency_contacts[0].phone"
        ]
    );
    assert_eq!(problem["errors"][2]["code"], "too-long");
    let six: Vec<_> = (0..6)
        .map(|i| json!({"name": format!("N{i}"), "relation": "", "phone": "41234567", "may_contact": true}))
        .collect();
    let problem = assert_problem(
        app.send_json(&c, Method::PUT, &path, json!({"emergency_contacts": six}))
            .await,
        422,
    )
    .await;
    assert_eq!(fields(&problem), ["emergency_contacts"]);
    assert_eq!(problem["errors"][0]["code"], "too-many");
    let malformed = c
        .request(Method::PUT, &path)
        .header("content-type", "application/json")
        .body("{\"phone\": ")
        .sent()
        .await;
    assert_problem(malformed, 400).await;
    assert!(sealed_rows(&app, p.id).is_empty());
    assert!(
        !app.audit_actions(p.id)
            .iter()
            .any(|a| a == "contact.update")
    );
}

#[actix_web::test]
async fn attempts_to_reach_a_person_are_recorded_and_shown_on_the_early_warning() {
    let app = spawn_app().await;
    let p = app.active_participant("Erik", "Borte").await;
    let c = app.coordinator().await;
    let day2 = workday();
    let day1 = previous_working_day(day2);
    for d in [day1, day2] {
        c.save_register(&RegisterUpdate {
            date: Some(d),
            step_id: None,
            ladder_id: None,
            marks: vec![MarkInput {
                participant_id: p.id,
                mark: AttendanceMark::AbsentWithoutNotice,
            }],
            activity_marks: vec![],
        })
        .await
        .expect("marks");
    }
    let warning = |page: &stige_client::Today| {
        page.early_warnings
            .iter()
            .find(|w| w.participant.id == p.id)
            .cloned()
            .expect("warned")
    };
    assert_eq!(
        warning(&c.today().await.expect("today")).last_reach_attempt,
        None
    );

    let earlier = chrono::Utc::now().naive_utc() - chrono::Duration::hours(2);
    c.record_reach_attempt(
        p.id,
        &ReachAttemptInput {
            outcome: ReachOutcome::Tried,
            at: Some(earlier),
        },
    )
    .await
    .expect("tried");
    let card = c
        .record_reach_attempt(
            p.id,
            &ReachAttemptInput {
                outcome: ReachOutcome::Reached,
                at: None,
            },
        )
        .await
        .expect("reached");
    let outcomes: Vec<ReachOutcome> = card.reach_attempts.iter().map(|a| a.outcome).collect();
    assert_eq!(outcomes, [ReachOutcome::Reached, ReachOutcome::Tried]);
    assert_eq!(card.reach_attempts[1].recorded_by, "coordinator display");

    let last = warning(&c.today().await.expect("today"))
        .last_reach_attempt
        .expect("shown");
    assert_eq!(last.outcome, ReachOutcome::Reached);
    assert!(app.audit_actions(p.id).iter().any(|a| a == "contact.reach"));

    // Not in the future, not more than a week back, and only known outcomes.
    let path = format!("/api/v1/participants/{}/reach-attempts", p.id);
    let future = (chrono::Utc::now() + chrono::Duration::days(1)).to_rfc3339();
    let problem = assert_problem(
        app.send_json(
            &c,
            Method::POST,
            &path,
            json!({"outcome": "tried", "at": future}),
        )
        .await,
        422,
    )
    .await;
    assert_eq!(problem["errors"][0]["code"], "in-future");
    let old = (chrono::Utc::now() - chrono::Duration::days(9)).to_rfc3339();
    let problem = assert_problem(
        app.send_json(
            &c,
            Method::POST,
            &path,
            json!({"outcome": "tried", "at": old}),
        )
        .await,
        422,
    )
    .await;
    assert_eq!(problem["errors"][0]["code"], "too-long-ago");
    assert_problem(
        app.send_json(&c, Method::POST, &path, json!({"outcome": "maybe"}))
            .await,
        400,
    )
    .await;
    assert_eq!(attempt_rows(&app, p.id), 2);
}

#[actix_web::test]
async fn a_partner_sees_phone_email_and_address_only_with_the_consent_category() {
    let app = spawn_app().await;
    let setup = app.kristiansand_kommune(SharingCategory::ALL).await;
    let (_, id) = app.accepted(&setup, "Nina", "Kontakt").await;
    let c = app.coordinator().await;
    c.set_contact(id, &details()).await.expect("save");

    let bare = get_json(&setup.api, &format!("/api/v1/participants/{id}")).await;
    assert!(bare.get("contact_details").is_none(), "{bare}");
    assert_eq!(
        status_of(&setup.api.contact(id).await.unwrap_err()),
        404,
        "the contact card is for staff"
    );

    let purpose = "The follow-up service calls when the person is absent";
    setup
        .consented(&c, id, &[SharingCategory::ContactDetails], purpose)
        .await;
    let read = setup.api.partner_participant(id).await.expect("read");
    let contact = read.contact_details.expect("consented");
    assert_eq!(contact.phone.as_deref(), Some("+47 412 34 567"));
    assert_eq!(
        contact.address.as_deref(),
        Some("Storgata 1, 4611 Kristiansand")
    );
    let raw = serde_json::to_string(&read.given_name).expect("json");
    assert!(!raw.contains("sister"));
    let page = setup.api.partner_participants(1, 50).await.expect("list");
    let listed = page.items.iter().find(|p| p.id == id).expect("listed");
    assert!(listed.contact_details.is_some());
    // Never the emergency contacts or the safety note.
    let whole = get_json(&setup.api, &format!("/api/v1/participants/{id}")).await;
    let text = whole.to_string();
    assert!(!text.contains("Lise") && !text.contains("father"), "{text}");
    let partner_reads = app
        .audit_actions(id)
        .into_iter()
        .filter(|a| a == "contact.read")
        .count();
    assert!(
        partner_reads >= 2,
        "each partner read of contact details is logged"
    );
}

#[actix_web::test]
async fn erasure_removes_contact_details_and_reach_attempts() {
    let app = spawn_app().await;
    let p = app.active_participant("Eva", "Glemt").await;
    let c = app.coordinator().await;
    c.set_contact(p.id, &details()).await.expect("save");
    c.record_reach_attempt(
        p.id,
        &ReachAttemptInput {
            outcome: ReachOutcome::Tried,
            at: None,
        },
    )
    .await
    .expect("tried");
    let export = app.exported_by_admin(p.id).await;
    assert_eq!(export.contact.phone.as_deref(), Some("+47 412 34 567"));
    assert_eq!(export.contact.reach_attempts.len(), 1);
    stige_store::anonymise::participant(&mut app.conn(), p.id, chrono::Utc::now().naive_utc())
        .expect("anonymise");
    assert!(sealed_rows(&app, p.id).is_empty());
    assert_eq!(attempt_rows(&app, p.id), 0);
}
