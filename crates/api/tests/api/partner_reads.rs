//! What partners read: participants under their agreement, consent-filtered; the
//! events feed; the agreement report.

use crate::helpers::{Sent, action, get_json, move_to, spawn_app, status_of};
use crate::partner_helpers::consent;
use stige_client::{ConsentRevocation, NewConsent, StatusChangeRequest};
use stige_domain::consent::SharingCategory;
use stige_domain::enrolment::EnrolmentAction;
use stige_domain::small_cells::{Disclosure, ShownCount, Suppressed};
use stige_domain::{EnrolmentStatus, ExitOutcome};

const ALL: &[SharingCategory] = SharingCategory::ALL;

fn exit_to_education() -> StatusChangeRequest {
    StatusChangeRequest {
        action: Some(EnrolmentAction::Exit),
        outcome: Some(ExitOutcome::Education),
        ..Default::default()
    }
}

#[actix_web::test]
async fn a_partner_reads_only_categories_in_scope_and_consented_and_revocation_applies_at_once() {
    let app = spawn_app().await;
    // The agreement covers status and step, not attendance.
    let setup = app
        .kristiansand_kommune(&[
            SharingCategory::EnrolmentStatus,
            SharingCategory::CurrentStep,
        ])
        .await;
    let (_, id) = app.accepted(&setup, "Kari", "Nordmann").await;
    app.start(id).await;
    let c = app.coordinator().await;

    // No consent yet: names only.
    let bare = setup.api.partner_participant(id).await.expect("read");
    assert_eq!(bare.given_name, "Kari");
    assert!(bare.enrolment_status.is_none() && bare.current_step.is_none());
    let raw = get_json(&setup.api, &format!("/api/v1/participants/{id}")).await;
    assert!(
        raw.get("enrolment_status").is_none(),
        "absent, not null: {raw}"
    );

    let ledger = c
        .give_consent(
            id,
            &consent(
                setup.partner,
                &[
                    SharingCategory::EnrolmentStatus,
                    SharingCategory::CurrentStep,
                    SharingCategory::AttendanceRate,
                ],
            ),
        )
        .await
        .expect("consent");
    assert_eq!(ledger.len(), 3);
    let shared = setup.api.partner_participant(id).await.expect("read");
    assert_eq!(shared.enrolment_status, Some(EnrolmentStatus::Active));
    assert_eq!(
        shared.current_step.as_ref().map(|s| s.id),
        Some(app.steps[0])
    );
    assert!(
        shared.attendance_rate.is_none(),
        "outside the agreement's scope"
    );
    let page = setup.api.partner_participants(1, 50).await.expect("list");
    assert_eq!((page.total, page.items.len()), (1, 1));
    assert_eq!(page.items[0], shared);

    let step = ledger
        .iter()
        .find(|l| l.category == SharingCategory::CurrentStep)
        .expect("step consent");
    c.revoke_consent(id, step.id, &ConsentRevocation::default())
        .await
        .expect("revoke");
    let after = setup.api.partner_participant(id).await.expect("read");
    assert!(after.current_step.is_none());
    assert_eq!(after.enrolment_status, Some(EnrolmentStatus::Active));
    // The ledger keeps who revoked and when.
    let ledger = c.consents(id).await.expect("ledger");
    let revoked = ledger.iter().find(|l| l.id == step.id).expect("entry");
    assert!(revoked.revoked_on.is_some() && revoked.revoked_recorded_by.is_some());
    assert_eq!(
        status_of(
            &c.revoke_consent(id, step.id, &ConsentRevocation::default())
                .await
                .unwrap_err()
        ),
        409
    );
}

#[actix_web::test]
async fn bad_consents_get_422_and_others_participants_consents_are_404() {
    let app = spawn_app().await;
    let setup = app.kristiansand_kommune(ALL).await;
    let p = app.new_participant("Ola", "Hansen").await;
    let c = app.coordinator().await;
    let empty = c
        .give_consent(p.id, &NewConsent::default())
        .await
        .unwrap_err();
    let names: Vec<String> = empty
        .problem()
        .expect("p")
        .errors
        .iter()
        .map(|e| e.field.clone())
        .collect();
    assert_eq!(names, ["partner_id", "categories", "purpose"]);
    let future = NewConsent {
        given_on: Some(chrono::Utc::now().date_naive() + chrono::Duration::days(3)),
        ..consent(setup.partner, ALL)
    };
    assert_eq!(
        status_of(&c.give_consent(p.id, &future).await.unwrap_err()),
        422
    );
    assert!(c.consents(p.id).await.expect("ledger").is_empty());
    // A mentor not assigned to the participant gets 404, as does an unknown consent.
    let mentor = app.mentor().await;
    assert_eq!(status_of(&mentor.consents(p.id).await.unwrap_err()), 404);
    assert_eq!(
        status_of(
            &mentor
                .give_consent(p.id, &consent(setup.partner, ALL))
                .await
                .unwrap_err()
        ),
        404
    );
    assert_eq!(
        status_of(
            &c.revoke_consent(p.id, 4242, &ConsentRevocation::default())
                .await
                .unwrap_err()
        ),
        404
    );
}

#[actix_web::test]
async fn another_partner_gets_404_on_the_first_partner_s_participants_and_report_and_sees_none_of_its_events()
 {
    let app = spawn_app().await;
    let first = app.kristiansand_kommune(ALL).await;
    let second = app.partner("Søgne kommune", "964965218", ALL).await;
    let (_, id) = app.accepted(&first, "Kari", "Nordmann").await;
    app.coordinator()
        .await
        .give_consent(id, &consent(first.partner, ALL))
        .await
        .expect("consent");
    assert_eq!(
        status_of(&second.api.partner_participant(id).await.unwrap_err()),
        404
    );
    assert_eq!(
        second
            .api
            .partner_participants(1, 50)
            .await
            .expect("list")
            .total,
        0
    );
    assert_eq!(
        status_of(
            &second
                .api
                .agreement_report(first.agreement)
                .await
                .unwrap_err()
        ),
        404
    );
    let feed = second.api.events(None, None).await.expect("feed");
    assert!(feed.events.is_empty(), "{feed:?}");
    // A participant outside any agreement is 404 too.
    let own = app.new_participant("Ola", "Hansen").await;
    assert_eq!(
        status_of(&first.api.partner_participant(own.id).await.unwrap_err()),
        404
    );
    let filtered = first
        .api
        .request(reqwest::Method::GET, "/api/v1/participants?status=active")
        .sent()
        .await;
    assert_eq!(filtered.status(), 422);
}

#[actix_web::test]
async fn the_events_feed_is_ordered_resumable_and_consent_filtered() {
    let app = spawn_app().await;
    let setup = app.kristiansand_kommune(ALL).await;
    let (referral, id) = app.accepted(&setup, "Kari", "Nordmann").await;
    let c = app.coordinator().await;
    c.give_consent(
        id,
        &consent(
            setup.partner,
            &[SharingCategory::EnrolmentStatus, SharingCategory::Outcome],
        ),
    )
    .await
    .expect("consent");
    c.change_status(id, &action(EnrolmentAction::Activate))
        .await
        .expect("activate");
    c.move_participant(id, &move_to(app.steps[0], "Start"))
        .await
        .expect("start (step not consented)");
    c.change_status(id, &exit_to_education())
        .await
        .expect("exit");

    let all = setup.api.events(None, None).await.expect("feed");
    let kinds: Vec<&str> = all.events.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "referral.received",
            "referral.status_changed",
            "participant.status_changed",
            "participant.status_changed",
            "participant.exited",
        ]
    );
    assert_eq!(all.events[0].referral_id, Some(referral.id));
    assert_eq!(all.events[4].data["outcome"], "education");
    assert!(!all.has_more);

    // Paging resumes where it stopped.
    let first_two = setup.api.events(None, Some(2)).await.expect("page");
    assert!(first_two.has_more);
    let rest = setup
        .api
        .events(Some(&first_two.next_cursor), Some(100))
        .await
        .expect("rest");
    let paged: Vec<_> = first_two
        .events
        .iter()
        .chain(&rest.events)
        .cloned()
        .collect();
    assert_eq!(paged, all.events);
    let none = setup
        .api
        .events(Some(&all.next_cursor), None)
        .await
        .expect("caught up");
    assert!(none.events.is_empty());
    assert_eq!(none.next_cursor, all.next_cursor);

    // Revoking the outcome hides the exit event from the next read.
    let ledger = c.consents(id).await.expect("ledger");
    let outcome = ledger
        .iter()
        .find(|l| l.category == SharingCategory::Outcome)
        .expect("outcome");
    c.revoke_consent(id, outcome.id, &ConsentRevocation::default())
        .await
        .expect("revoke");
    let again = setup.api.events(None, None).await.expect("feed");
    assert!(again.events.iter().all(|e| e.kind != "participant.exited"));
    assert_eq!(again.events.len(), 4);
    assert_eq!(
        setup
            .api
            .partner_participant(id)
            .await
            .expect("read")
            .outcome,
        None
    );

    let bad = setup
        .api
        .events(Some("not-a-cursor"), Some(0))
        .await
        .unwrap_err();
    let names: Vec<String> = bad
        .problem()
        .expect("p")
        .errors
        .iter()
        .map(|e| e.field.clone())
        .collect();
    assert_eq!(names, ["after", "limit"]);
}

#[actix_web::test]
async fn the_agreement_report_counts_starts_exits_and_steps_under_disclosure_control() {
    let app = spawn_app().await;
    let setup = app.kristiansand_kommune(ALL).await;
    let c = app.coordinator().await;
    let mut people = vec![];
    for i in 0..6 {
        let (_, id) = app
            .accepted(&setup, &format!("Person{i}"), "Testesen")
            .await;
        c.change_status(id, &action(EnrolmentAction::Activate))
            .await
            .expect("activate");
        c.move_participant(id, &move_to(app.steps[0], "Start"))
            .await
            .expect("start");
        c.give_consent(id, &consent(setup.partner, ALL))
            .await
            .expect("consent");
        people.push(id);
    }
    c.change_status(people[0], &exit_to_education())
        .await
        .expect("exit");
    let report = setup
        .api
        .agreement_report(setup.agreement)
        .await
        .expect("report");
    assert_eq!(report.disclosure, Disclosure::Controlled);
    // 6 starts show as 5: rounded to base 5.
    assert_eq!(report.starts, Some(ShownCount::Number(5)));
    assert_eq!(report.places_used, Some(ShownCount::Number(5)));
    assert_eq!(report.places, 5);
    let outcomes = report.exits_by_outcome.clone().expect("outcomes");
    assert_eq!(
        outcomes.len(),
        ExitOutcome::ALL.len(),
        "every outcome listed"
    );
    let few = ShownCount::Suppressed(Suppressed::FewerThanFive);
    assert_eq!(outcomes.iter().filter(|o| o.count == few).count(), 1);
    let steps = report.people_per_step.clone().expect("steps");
    assert_eq!(steps[0].count, ShownCount::Number(5));
    assert_eq!(steps[1].count, ShownCount::Number(0));
    assert_eq!(report.median_days_to_first_step_up, None, "nobody moved up");
    let json = serde_json::to_value(&report).expect("json");
    assert!(
        json["exits_by_outcome"]
            .as_array()
            .is_some_and(|a| a.iter().any(|o| o["count"] == "<5"))
    );
    // A coordinator sees the exact figures; a viewer the controlled ones.
    let exact = c.agreement_report(setup.agreement).await.expect("staff");
    assert_eq!(exact.disclosure, Disclosure::Exact);
    assert_eq!(exact.starts, Some(ShownCount::Number(6)));
    let viewer = app
        .viewer()
        .await
        .agreement_report(setup.agreement)
        .await
        .expect("viewer");
    assert_eq!(viewer.starts, Some(ShownCount::Number(5)));
    // A mentor may not.
    assert_eq!(
        status_of(
            &app.mentor()
                .await
                .agreement_report(setup.agreement)
                .await
                .unwrap_err()
        ),
        403
    );
    assert_eq!(status_of(&c.agreement_report(4242).await.unwrap_err()), 404);
    // Revoking the consent to share the step takes two people out of the
    // partner's steps: four left on the lowest step now show as "<5".
    for id in &people[1..3] {
        let ledger = c.consents(*id).await.expect("ledger");
        let step = ledger
            .iter()
            .find(|l| l.category == SharingCategory::CurrentStep)
            .expect("step consent");
        c.revoke_consent(*id, step.id, &ConsentRevocation::default())
            .await
            .expect("revoke");
    }
    let after = setup
        .api
        .agreement_report(setup.agreement)
        .await
        .expect("report");
    assert_eq!(after.people_per_step.expect("steps")[0].count, few);
    assert_eq!(
        after.starts,
        Some(ShownCount::Number(5)),
        "status still shared"
    );
}

#[actix_web::test]
async fn the_agreement_report_leaves_out_what_the_scope_does_not_hold() {
    let app = spawn_app().await;
    let setup = app
        .partner(
            "Lillesand kommune",
            "964964106",
            &[SharingCategory::EnrolmentStatus],
        )
        .await;
    let c = app.coordinator().await;
    let (_, id) = app.accepted(&setup, "Anna", "Svensson").await;
    c.give_consent(
        id,
        &consent(setup.partner, &[SharingCategory::EnrolmentStatus]),
    )
    .await
    .expect("consent");
    let r = setup
        .api
        .request(
            reqwest::Method::GET,
            &format!("/api/v1/agreements/{}/report", setup.agreement),
        )
        .sent()
        .await;
    assert_eq!(r.status(), 200);
    let json: serde_json::Value = r.json().await.expect("json");
    assert!(json.get("starts").is_some() && json.get("places_used").is_some());
    for absent in [
        "exits_by_outcome",
        "people_per_step",
        "median_days_to_first_step_up",
    ] {
        assert!(
            json.get(absent).is_none(),
            "{absent} outside the scope: {json}"
        );
    }
}
