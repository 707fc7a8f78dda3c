//! Several agreements per participant: links over time, one paying for the place,
//! the others following; each partner sees the person through its own link.

use crate::helpers::{TestApp, action, assert_problem, fields, spawn_app};
use reqwest::Method;
use serde_json::json;
use stige_client::{AgreementLinkEnding, NewAgreementLink, StatusChangeRequest};
use stige_domain::ParticipantId;
use stige_domain::consent::SharingCategory;
use stige_domain::enrolment::EnrolmentAction;
use stige_domain::small_cells::ShownCount;

const SCOPE: [SharingCategory; 1] = [SharingCategory::EnrolmentStatus];

fn today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}

fn follow(agreement: i64) -> NewAgreementLink {
    NewAgreementLink {
        agreement_id: Some(agreement),
        ..Default::default()
    }
}

async fn places_used(app: &TestApp, agreement: i64) -> i64 {
    let all = app.admin().await.agreements().await.expect("agreements");
    all.into_iter()
        .find(|a| a.id == agreement)
        .map(|a| a.places_used)
        .expect("agreement")
}

fn links_stored(app: &TestApp, id: ParticipantId) -> usize {
    stige_store::agreement_links::of_participant(&mut app.conn(), id)
        .expect("links")
        .len()
}

#[actix_web::test]
async fn a_second_agreement_follows_the_person_without_paying_and_sees_them_through_its_link() {
    let app = spawn_app().await;
    let paying = app.partner("Vennesla kommune", "963296746", &SCOPE).await;
    let following = app
        .partner("Arbeidsformidlingen", "964964106", &SCOPE)
        .await;
    let stranger = app.partner("Iveland kommune", "964965218", &SCOPE).await;
    let (_, id) = app.accepted(&paying, "Kari", "Nordmann").await;
    app.start(id).await;
    let c = app.coordinator().await;
    // The agreement the person was accepted under is their first, paying link.
    let links = c.agreement_links(id).await.expect("links");
    assert_eq!(links.len(), 1);
    assert_eq!(
        (links[0].agreement_id, links[0].pays),
        (paying.agreement, true)
    );
    let links = c
        .link_agreement(id, &follow(following.agreement))
        .await
        .expect("link");
    let added = links
        .iter()
        .find(|l| l.agreement_id == following.agreement)
        .expect("the new link");
    assert!(!added.pays && added.in_force && added.valid_from == today());
    assert_eq!(added.partner.name, "Arbeidsformidlingen");
    assert!(
        app.audit_actions(id)
            .contains(&"agreement_link.add".to_owned())
    );
    // Place usage counts the paying agreement only.
    assert_eq!(places_used(&app, paying.agreement).await, 1);
    assert_eq!(places_used(&app, following.agreement).await, 0);
    // The following partner reads the person through its own link (names only
    // until the person consents to it); one without a link does not find them.
    let seen = following.api.partner_participant(id).await.expect("read");
    assert_eq!(seen.given_name, "Kari");
    assert!(seen.enrolment_status.is_none());
    let err = stranger
        .api
        .partner_participant(id)
        .await
        .expect_err("no link");
    assert_eq!(err.status(), Some(404));
    // With consent, each linked partner's feed carries the person's changes.
    for partner in [&paying, &following] {
        partner
            .consented(&c, id, &[SharingCategory::EnrolmentStatus], "Follow-up")
            .await;
    }
    let pause = StatusChangeRequest {
        reason: Some("Illness".into()),
        ..action(EnrolmentAction::Pause)
    };
    c.change_status(id, &pause).await.expect("pause");
    for partner in [&paying, &following] {
        let feed = partner.api.events(None, None).await.expect("feed");
        assert!(
            feed.events
                .iter()
                .any(|e| e.kind == "participant.status_changed" && e.participant_id == Some(id)),
            "each linked partner is told"
        );
    }
    let feed = stranger.api.events(None, None).await.expect("feed");
    assert!(feed.events.iter().all(|e| e.participant_id != Some(id)));
    // Ending the following link on its first day: it still held today.
    let links = c
        .end_agreement_link(id, added.id, &ending_today())
        .await
        .expect("end");
    let ended = links.iter().find(|l| l.id == added.id).expect("link");
    assert_eq!(ended.valid_to, Some(today()));
    // The export holds the links.
    let exported = app.exported_by_admin(id).await;
    assert_eq!(exported.agreement_links.len(), 2);
}

/// What the agreement's report counts of one person: (starts, people on a step).
async fn counted(c: &stige_client::Client, agreement: i64) -> (ShownCount, ShownCount) {
    let report = c.agreement_report(agreement).await.expect("report");
    let on_steps = (report.people_per_step.expect("steps").iter())
        .map(|s| match s.count {
            ShownCount::Number(n) => n,
            ShownCount::Suppressed(_) => panic!("exact for a coordinator"),
        })
        .sum();
    (report.starts.expect("starts"), ShownCount::Number(on_steps))
}

#[actix_web::test]
async fn an_agreements_report_counts_a_person_for_its_links_period_only() {
    let app = spawn_app().await;
    let paying = app.partner("Vennesla kommune", "963296746", &SCOPE).await;
    let earlier = app
        .partner("Arbeidsformidlingen", "964964106", &SCOPE)
        .await;
    let now = app.partner("Iveland kommune", "964965218", &SCOPE).await;
    let (_, id) = app.accepted(&paying, "Kari", "Nordmann").await;
    let c = app.coordinator().await;
    // One agreement followed the person last month and no longer does;
    // another follows from today. The person starts today.
    let past = NewAgreementLink {
        agreement_id: Some(earlier.agreement),
        valid_from: Some(today() - chrono::Duration::days(30)),
        valid_to: Some(today() - chrono::Duration::days(1)),
        ..Default::default()
    };
    c.link_agreement(id, &past).await.expect("past link");
    c.link_agreement(id, &follow(now.agreement))
        .await
        .expect("link");
    app.start(id).await;
    let one = (ShownCount::Number(1), ShownCount::Number(1));
    assert_eq!(counted(&c, paying.agreement).await, one);
    assert_eq!(counted(&c, now.agreement).await, one);
    // The start came after the earlier link ended, and the person is on a
    // step without it today: that agreement counts none of it.
    let none = (ShownCount::Number(0), ShownCount::Number(0));
    assert_eq!(counted(&c, earlier.agreement).await, none);
}

#[actix_web::test]
async fn bad_links_name_their_field_and_write_nothing() {
    let app = spawn_app().await;
    let paying = app.partner("Vennesla kommune", "963296746", &SCOPE).await;
    let other = app
        .partner("Arbeidsformidlingen", "964964106", &SCOPE)
        .await;
    let (_, id) = app.accepted(&paying, "Kari", "Nordmann").await;
    let c = app.coordinator().await;
    let path = format!("/api/v1/participants/{id}/agreements");
    let yesterday = today() - chrono::Duration::days(1);
    let cases = [
        (json!({}), "agreement_id"),
        (json!({"agreement_id": 424242}), "agreement_id"),
        // The same agreement again while its link holds.
        (json!({"agreement_id": paying.agreement}), "agreement_id"),
        // A second payer while the first pays.
        (
            json!({"agreement_id": other.agreement, "pays": true}),
            "pays",
        ),
        (
            json!({"agreement_id": other.agreement, "valid_from": today(), "valid_to": yesterday}),
            "valid_to",
        ),
        // Before the agreement's period began (it runs from 30 days back).
        (
            json!({"agreement_id": other.agreement, "valid_from": "2001-01-01"}),
            "valid_from",
        ),
    ];
    for (body, field) in cases {
        let response = app.send_json(&c, Method::POST, &path, body.clone()).await;
        let problem = assert_problem(response, 422).await;
        assert_eq!(fields(&problem), [field], "{body}");
    }
    assert_eq!(links_stored(&app, id), 1);
    let link = c.agreement_links(id).await.expect("links")[0].id;
    let ending = format!("/api/v1/participants/{id}/agreements/{link}/ending");
    let response = app.send_json(&c, Method::PUT, &ending, json!({})).await;
    assert_eq!(fields(&assert_problem(response, 422).await), ["valid_to"]);
    let response = app
        .send_json(&c, Method::PUT, &ending, json!({"valid_to": "2000-01-01"}))
        .await;
    assert_eq!(fields(&assert_problem(response, 422).await), ["valid_to"]);
    // A link that ended before today cannot end again.
    let links = c
        .link_agreement(
            id,
            &NewAgreementLink {
                agreement_id: Some(other.agreement),
                valid_from: Some(yesterday - chrono::Duration::days(5)),
                valid_to: Some(yesterday),
                pays: Some(false),
            },
        )
        .await
        .expect("a past link");
    let past = links
        .iter()
        .find(|l| l.agreement_id == other.agreement)
        .expect("past link");
    assert!(!past.in_force);
    let response = app
        .send_json(
            &c,
            Method::PUT,
            &format!("/api/v1/participants/{id}/agreements/{}/ending", past.id),
            json!({"valid_to": today()}),
        )
        .await;
    assert_problem(response, 409).await;
}

#[actix_web::test]
async fn links_are_for_the_programmes_staff_only() {
    let app = spawn_app().await;
    let paying = app.partner("Vennesla kommune", "963296746", &SCOPE).await;
    let other = app
        .partner("Arbeidsformidlingen", "964964106", &SCOPE)
        .await;
    let (_, id) = app.accepted(&paying, "Kari", "Nordmann").await;
    let stranger = app.as_user("other-coordinator").await;
    assert_eq!(
        stranger
            .agreement_links(id)
            .await
            .map_err(|e| e.status())
            .err(),
        Some(Some(404))
    );
    let err = stranger
        .link_agreement(id, &follow(other.agreement))
        .await
        .expect_err("other organisation");
    assert_eq!(err.status(), Some(404));
    // A mentor may not link; a partner's token is no staff session.
    let err = app
        .mentor()
        .await
        .link_agreement(id, &follow(other.agreement))
        .await
        .expect_err("mentor");
    assert_eq!(err.status(), Some(403));
    let err = paying.api.agreement_links(id).await.expect_err("partner");
    assert!(matches!(err.status(), Some(401 | 403 | 404)));
    // Another participant's link is not found through this one.
    let (_, someone) = app.accepted(&paying, "Ola", "Hansen").await;
    let c = app.coordinator().await;
    let theirs = c.agreement_links(someone).await.expect("links")[0].id;
    let err = c
        .end_agreement_link(id, theirs, &ending_today())
        .await
        .expect_err("someone else's link");
    assert_eq!(err.status(), Some(404));
    assert_eq!(links_stored(&app, id), 1);
}

/// An ending on today's date.
fn ending_today() -> AgreementLinkEnding {
    AgreementLinkEnding {
        valid_to: Some(today()),
    }
}
