//! Employers and placements: staff propose and invite; the employer confirms,
//! declines or reports completion through a link, seeing only what it needs.

use crate::helpers::{Sent, TestApp, assert_problem, fields, spawn_app, status_of};
use reqwest::Method;
use serde_json::json;
use stige_client::{
    ActivityRef, ContactInput, EmployerInput, InvitationPurpose, InvitationRequest, NewActivity,
    PlacementAction, PlacementActionRequest, PlacementActivityRequest, PlacementInput,
};
use stige_domain::placement::{Language, PlacementKind, PlacementStatus};
use stige_domain::{ActivityId, ParticipantId};

pub fn employer_input() -> EmployerInput {
    EmployerInput {
        name: Some("Kalmar Verkstad AB".into()),
        organisation_number: Some("556012-5790".into()),
        address: Some("Storgatan 1, Kalmar".into()),
        contacts: vec![ContactInput {
            name: Some("Anna Andersson".into()),
            phone: None,
            email: Some("anna@verkstad.example".into()),
        }],
        association_member: Some(true),
        language: Some(Language::Sv),
    }
}

pub async fn placement(app: &TestApp, participant: ParticipantId, start_offset: i64) -> (i64, i64) {
    let c = app.coordinator().await;
    let employer = match c.employers().await.expect("employers").into_iter().next() {
        Some(e) => e,
        None => c
            .create_employer(&employer_input())
            .await
            .expect("employer"),
    };
    let today = chrono::Utc::now().date_naive();
    let p = c
        .create_placement(&PlacementInput {
            participant_id: Some(participant),
            employer_id: Some(employer.id),
            contact_id: None,
            kind: Some(PlacementKind::Internship),
            role: Some("Lagerarbete".into()),
            tasks: Some("Plock och pack".into()),
            start_date: Some(today + chrono::Duration::days(start_offset)),
            end_date: Some(today + chrono::Duration::days(start_offset + 60)),
            hours_per_week: Some(20),
        })
        .await
        .expect("placement");
    assert_eq!(p.status, PlacementStatus::Proposed);
    (employer.id, p.id)
}

/// The placement's version as staff read it now, to send as `If-Match`.
pub async fn version(app: &TestApp, placement: i64) -> i64 {
    let c = app.coordinator().await;
    c.placement(placement).await.expect("read").version
}

/// Sends an invitation and returns the token from the link in the answer.
pub async fn invite(app: &TestApp, placement: i64, purpose: InvitationPurpose) -> String {
    let c = app.coordinator().await;
    let sent = c
        .invite_employer(
            placement,
            &InvitationRequest {
                purpose: Some(purpose),
            },
            version(app, placement).await,
        )
        .await
        .expect("invite");
    let outbox = c.outbox().await.expect("outbox");
    let message = outbox
        .iter()
        .find(|m| m.id == sent.message_id)
        .expect("message");
    assert_eq!(
        message.state, "kept",
        "no mail server: kept for staff to copy"
    );
    link_token(&sent.link)
}

/// The token of the employer link in a message.
pub fn link_token(message: &str) -> String {
    let start = message.find("/employer/").expect("a link") + "/employer/".len();
    message[start..]
        .split_whitespace()
        .next()
        .expect("token")
        .to_owned()
}

/// The employer's answer to a decision sent through its link.
/// Invites the employer to confirm and confirms through the link, with Bo Berg as
/// supervisor.
pub async fn confirm_by_employer(app: &TestApp, placement: i64) {
    let token = invite(app, placement, InvitationPurpose::Confirm).await;
    let response = employer_post(
        app,
        &token,
        "confirm",
        json!({"supervisor": {"name": "Bo Berg", "phone": "0480123456"}}),
    )
    .await;
    assert_eq!(response.status(), 200, "the employer confirms");
}

pub async fn employer_post(
    app: &TestApp,
    token: &str,
    action: &str,
    body: serde_json::Value,
) -> reqwest::Response {
    app.client
        .request(Method::POST, &format!("/api/v1/employer/{token}/{action}"))
        .json(&body)
        .sent()
        .await
}

fn keys(value: &serde_json::Value) -> Vec<String> {
    let mut k: Vec<String> = value.as_object().expect("object").keys().cloned().collect();
    k.sort();
    k
}

#[actix_web::test]
async fn an_employer_confirms_through_the_link_and_sees_only_what_it_needs() {
    let app = spawn_app().await;
    let person = app.active_participant("Kari", "Nordmann").await;
    let (_, id) = placement(&app, person.id, 7).await;
    let token = invite(&app, id, InvitationPurpose::Confirm).await;
    let c = app.coordinator().await;
    assert_eq!(
        c.placement(id).await.expect("read").status,
        PlacementStatus::AwaitingEmployer
    );
    let outbox = c.outbox().await.expect("outbox");
    assert!(
        outbox[0].body.contains("Bekräfta"),
        "written in the employer's language"
    );

    let view = app
        .client
        .request(Method::GET, &format!("/api/v1/employer/{token}"))
        .sent()
        .await;
    assert_eq!(view.status(), 200);
    let view: serde_json::Value = view.json().await.expect("json");
    assert_eq!(
        keys(&view),
        [
            "employer_name",
            "end_date",
            "hours_per_week",
            "kind",
            "language",
            "participant_name",
            "programme_contact",
            "purpose",
            "role",
            "start_date",
            "tasks"
        ]
    );
    assert_eq!(keys(&view["programme_contact"]), ["email", "name", "phone"]);
    assert_eq!(view["participant_name"], "Kari Nordmann");
    let text = view.to_string();
    assert!(
        !text.contains("active") && !text.contains("step"),
        "nothing about the participant's programme: {text}"
    );

    // A confirmation without a supervisor is refused and uses nothing up.
    let bad = employer_post(&app, &token, "confirm", json!({})).await;
    assert_problem(bad, 422).await;
    let ok = employer_post(
        &app,
        &token,
        "confirm",
        json!({"supervisor": {"name": "Bo Berg", "phone": "+46 480 12 34 56"}}),
    )
    .await;
    assert_eq!(ok.status(), 200);
    let receipt: serde_json::Value = ok.json().await.expect("json");
    assert_eq!(keys(&receipt), ["programme_contact", "status"]);
    assert_eq!(receipt["status"], "confirmed");

    let confirmed = c.placement(id).await.expect("read");
    assert_eq!(confirmed.status, PlacementStatus::Confirmed);
    assert_eq!(
        confirmed.supervisor.as_ref().map(|s| s.name.as_str()),
        Some("Bo Berg")
    );
    assert!(
        confirmed
            .history
            .iter()
            .any(|h| h.by_employer && h.to_status == PlacementStatus::Confirmed)
    );

    // The link takes one decision.
    let again = app
        .client
        .request(Method::GET, &format!("/api/v1/employer/{token}"))
        .sent()
        .await;
    assert_problem(again, 410).await;
    let decline = employer_post(
        &app,
        &token,
        "decline",
        json!({"reason": "changed our mind"}),
    )
    .await;
    assert_problem(decline, 410).await;
}

#[actix_web::test]
async fn a_link_cannot_be_used_after_expiry_for_another_purpose_or_when_unknown() {
    let app = spawn_app().await;
    let person = app.active_participant("Kari", "Nordmann").await;
    let (_, id) = placement(&app, person.id, 7).await;
    let token = invite(&app, id, InvitationPurpose::Confirm).await;
    // The confirm link is not a completion link.
    let other_purpose = employer_post(&app, &token, "complete", json!({"outcome": "completed", "attendance": 4, "punctuality": 4, "cooperation": 4, "quality": 4})).await;
    assert_problem(other_purpose, 404).await;
    let unknown = app
        .client
        .request(Method::GET, "/api/v1/employer/not-a-real-token")
        .sent()
        .await;
    let body = assert_problem(unknown, 404).await;
    assert!(
        !body.to_string().contains("placement"),
        "no hint about other placements"
    );
    // A second invitation replaces the first link.
    let newer = invite(&app, id, InvitationPurpose::Confirm).await;
    let old = app
        .client
        .request(Method::GET, &format!("/api/v1/employer/{token}"))
        .sent()
        .await;
    assert_problem(old, 410).await;
    // Expired.
    diesel::RunQueryDsl::execute(
        diesel::sql_query("UPDATE employer_invitations SET expires_at = '2000-01-01 00:00:00'"),
        &mut *app.conn(),
    )
    .expect("expire");
    let expired = app
        .client
        .request(Method::GET, &format!("/api/v1/employer/{newer}"))
        .sent()
        .await;
    assert_problem(expired, 410).await;
    assert_eq!(
        app.coordinator()
            .await
            .placement(id)
            .await
            .expect("read")
            .status,
        PlacementStatus::AwaitingEmployer
    );
}

#[actix_web::test]
async fn unknown_tokens_are_rate_limited_per_address() {
    let app = spawn_app().await;
    for i in 0..20 {
        let r = app
            .client
            .request(Method::GET, &format!("/api/v1/employer/guess-{i}"))
            .sent()
            .await;
        assert_eq!(r.status(), 404);
    }
    let limited = app
        .client
        .request(Method::GET, "/api/v1/employer/guess-21")
        .sent()
        .await;
    let wait: u64 = limited
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .expect("Retry-After in seconds");
    assert!((1..=900).contains(&wait), "{wait}");
    assert_problem(limited, 429).await;
    // Counted by Stige's one throttle, apart from the sign-in doors: the
    // address's staff still sign in.
    let counted = stige_store::sign_in_attempts::count_for_account(
        &mut app.conn(),
        stige_store::sign_in_attempts::Door::EmployerLink,
        "",
    )
    .expect("count");
    assert_eq!(counted, 20);
    app.coordinator().await;
}

#[actix_web::test]
async fn an_employer_declines_with_a_reason() {
    let app = spawn_app().await;
    let person = app.active_participant("Kari", "Nordmann").await;
    let (_, id) = placement(&app, person.id, 7).await;
    let token = invite(&app, id, InvitationPurpose::Confirm).await;
    let no_reason = employer_post(&app, &token, "decline", json!({"reason": " "})).await;
    assert_problem(no_reason, 422).await;
    let declined = employer_post(
        &app,
        &token,
        "decline",
        json!({"reason": "No supervisor free this spring"}),
    )
    .await;
    assert_eq!(declined.status(), 200);
    let p = app.coordinator().await.placement(id).await.expect("read");
    assert_eq!(p.status, PlacementStatus::Declined);
    assert_eq!(
        p.decline_reason.as_deref(),
        Some("No supervisor free this spring")
    );
    // Declined placements take no more invitations.
    let err = app
        .coordinator()
        .await
        .invite_employer(
            id,
            &InvitationRequest {
                purpose: Some(InvitationPurpose::Confirm),
            },
            version(&app, id).await,
        )
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 409);
}

#[actix_web::test]
async fn a_started_placement_is_extended_and_the_employer_reports_completion_with_feedback() {
    let app = spawn_app().await;
    let person = app.active_participant("Kari", "Nordmann").await;
    let (_, id) = placement(&app, person.id, -3).await;
    let c = app.coordinator().await;
    // Completion before the placement is active is refused.
    let early = c
        .invite_employer(
            id,
            &InvitationRequest {
                purpose: Some(InvitationPurpose::Completion),
            },
            version(&app, id).await,
        )
        .await
        .unwrap_err();
    assert_eq!(status_of(&early), 409);
    let token = invite(&app, id, InvitationPurpose::Confirm).await;
    let ok = employer_post(
        &app,
        &token,
        "confirm",
        json!({"supervisor": {"name": "Bo Berg", "email": "bo@verkstad.example"}}),
    )
    .await;
    assert_eq!(ok.status(), 200);
    let active = c.placement(id).await.expect("read");
    assert_eq!(
        active.status,
        PlacementStatus::Active,
        "confirmed and started"
    );

    let old_end = active.end_date;
    let extended = c
        .placement_action(
            id,
            &PlacementActionRequest {
                action: Some(PlacementAction::Extend),
                new_end_date: Some(old_end + chrono::Duration::days(30)),
                reason: None,
            },
            version(&app, id).await,
        )
        .await
        .expect("extend");
    assert_eq!(extended.end_date, old_end + chrono::Duration::days(30));
    let change = extended.history.last().expect("change");
    assert_eq!(
        (change.old_end_date, change.new_end_date),
        (Some(old_end), Some(extended.end_date))
    );
    let shorter = c
        .placement_action(
            id,
            &PlacementActionRequest {
                action: Some(PlacementAction::Extend),
                new_end_date: Some(old_end),
                reason: None,
            },
            version(&app, id).await,
        )
        .await
        .unwrap_err();
    assert_eq!(status_of(&shorter), 409);

    let token = invite(&app, id, InvitationPurpose::Completion).await;
    let bad = employer_post(
        &app,
        &token,
        "complete",
        json!({"outcome": "completed", "attendance": 5}),
    )
    .await;
    let body = assert_problem(bad, 422).await;
    let fields = crate::helpers::fields(&body);
    assert_eq!(
        fields,
        ["attendance", "punctuality", "cooperation", "quality"]
    );
    let done = employer_post(&app, &token, "complete", json!({"outcome": "completed", "attendance": 4, "punctuality": 3, "cooperation": 4, "quality": 3, "comment": "Reliable"})).await;
    assert_eq!(done.status(), 200);
    let completed = c.placement(id).await.expect("read");
    assert_eq!(completed.status, PlacementStatus::Completed);
    let feedback = completed.feedback.expect("feedback");
    assert_eq!(
        (feedback.attendance, feedback.comment.as_str()),
        (4, "Reliable")
    );
    // Finished: no more changes.
    let after = c
        .placement_action(
            id,
            &PlacementActionRequest {
                action: Some(PlacementAction::Complete),
                ..Default::default()
            },
            version(&app, id).await,
        )
        .await
        .unwrap_err();
    assert_eq!(status_of(&after), 409);
    let on_page = c.participant_placements(person.id).await.expect("list");
    assert_eq!(on_page.len(), 1);
}

#[actix_web::test]
async fn staff_end_a_placement_early_with_a_reason_and_invalid_actions_get_409() {
    let app = spawn_app().await;
    let person = app.active_participant("Kari", "Nordmann").await;
    let (_, id) = placement(&app, person.id, 7).await;
    let c = app.coordinator().await;
    // Proposed: nothing to complete, end or extend.
    for action in [
        PlacementAction::Complete,
        PlacementAction::EndEarly,
        PlacementAction::Extend,
    ] {
        let err = c
            .placement_action(
                id,
                &PlacementActionRequest {
                    action: Some(action),
                    reason: Some("r".into()),
                    new_end_date: Some(
                        chrono::Utc::now().date_naive() + chrono::Duration::days(400),
                    ),
                },
                version(&app, id).await,
            )
            .await
            .unwrap_err();
        assert_eq!(status_of(&err), 409, "{action:?}");
    }
    let no_reason = c
        .placement_action(
            id,
            &PlacementActionRequest {
                action: Some(PlacementAction::EndEarly),
                ..Default::default()
            },
            version(&app, id).await,
        )
        .await
        .unwrap_err();
    assert_eq!(status_of(&no_reason), 422);
    confirm_by_employer(&app, id).await;
    let ended = c
        .placement_action(
            id,
            &PlacementActionRequest {
                action: Some(PlacementAction::EndEarly),
                reason: Some("Moved away".into()),
                new_end_date: None,
            },
            version(&app, id).await,
        )
        .await
        .expect("end");
    assert_eq!(
        (ended.status, ended.end_reason.as_deref()),
        (PlacementStatus::EndedEarly, Some("Moved away"))
    );
}

#[actix_web::test]
async fn bad_employers_and_placements_get_422_and_others_participants_are_404() {
    let app = spawn_app().await;
    let c = app.coordinator().await;
    let empty = c
        .create_employer(&EmployerInput::default())
        .await
        .unwrap_err();
    let names: Vec<String> = empty
        .problem()
        .expect("p")
        .errors
        .iter()
        .map(|e| e.field.clone())
        .collect();
    assert_eq!(
        names,
        ["name", "organisation_number", "contacts", "language"]
    );
    assert!(c.employers().await.expect("list").is_empty());
    let employer = c
        .create_employer(&employer_input())
        .await
        .expect("employer");
    assert_eq!(employer.organisation_number, "556012-5790");
    assert_eq!(
        status_of(&c.create_employer(&employer_input()).await.unwrap_err()),
        422
    );
    let person = app.active_participant("Kari", "Nordmann").await;
    let bad = c
        .create_placement(&PlacementInput {
            participant_id: Some(person.id),
            employer_id: Some(employer.id),
            contact_id: Some(999_999),
            hours_per_week: Some(80),
            ..Default::default()
        })
        .await
        .unwrap_err();
    let names: Vec<String> = bad
        .problem()
        .expect("p")
        .errors
        .iter()
        .map(|e| e.field.clone())
        .collect();
    assert_eq!(
        names,
        [
            "kind",
            "role",
            "start_date",
            "end_date",
            "hours_per_week",
            "contact_id"
        ]
    );
    assert!(
        c.participant_placements(person.id)
            .await
            .expect("list")
            .is_empty()
    );

    let (_, id) = placement(&app, person.id, 7).await;
    let mentor = app.mentor().await;
    assert_eq!(status_of(&mentor.placement(id).await.unwrap_err()), 404);
    assert_eq!(
        status_of(&mentor.participant_placements(person.id).await.unwrap_err()),
        404
    );
    assert_eq!(
        status_of(&app.viewer().await.placement_board().await.unwrap_err()),
        403
    );
    assert_eq!(status_of(&mentor.outbox().await.unwrap_err()), 403);
    assert_eq!(status_of(&c.placement(424_242).await.unwrap_err()), 404);
    let board = c.placement_board().await.expect("board");
    assert_eq!(board.proposed.len(), 1);
}

#[actix_web::test]
async fn a_confirmed_placement_is_recorded_as_a_parallel_activity_of_the_ladder() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let activity = |name: &str| NewActivity {
        name: Some(name.into()),
        description: None,
    };
    let added = |ladder: stige_client::Ladder, name: &str| {
        ladder
            .activities
            .into_iter()
            .find(|a| a.name == name)
            .expect("the added activity")
    };
    let ours = added(
        admin
            .add_activity(app.ladder, &activity("Arbeidslivsprogram"))
            .await
            .expect("activity"),
        "Arbeidslivsprogram",
    );
    let theirs = added(
        admin
            .add_activity(app.other_ladder, &activity("Kurs"))
            .await
            .expect("activity"),
        "Kurs",
    );
    let person = app.active_participant("Kari", "Nordmann").await;
    let (_, id) = placement(&app, person.id, 7).await;
    let c = app.coordinator().await;
    let request = |a: Option<ActivityId>| PlacementActivityRequest { activity_id: a };

    // Proposed: not yet something the participant does.
    let early = c
        .record_placement_activity(id, &request(Some(ours.id)), version(&app, id).await)
        .await
        .unwrap_err();
    assert_eq!(status_of(&early), 409);

    confirm_by_employer(&app, id).await;

    // Bad input: no activity, or another ladder's activity; nothing is written.
    let missing = app
        .send_json(
            &c,
            Method::PUT,
            &format!("/api/v1/placements/{id}/activity"),
            json!({}),
        )
        .await;
    let problem = assert_problem(missing, 422).await;
    assert_eq!(fields(&problem), ["activity_id"]);
    let other = c
        .record_placement_activity(id, &request(Some(theirs.id)), version(&app, id).await)
        .await
        .unwrap_err();
    assert_eq!(status_of(&other), 422);
    assert_eq!(c.placement(id).await.expect("placement").activity, None);
    assert!(
        !app.audit_actions(person.id)
            .contains(&"placement.activity".to_owned())
    );

    // Someone who must not see it: an unknown placement, a mentor, a viewer.
    assert_eq!(
        status_of(
            &c.record_placement_activity(424_242, &request(Some(ours.id)), 1)
                .await
                .unwrap_err()
        ),
        404
    );
    for outsider in [app.mentor().await, app.viewer().await] {
        let err = outsider
            .record_placement_activity(id, &request(Some(ours.id)), version(&app, id).await)
            .await
            .unwrap_err();
        assert_eq!(status_of(&err), 403);
    }

    let recorded = c
        .record_placement_activity(id, &request(Some(ours.id)), version(&app, id).await)
        .await
        .expect("record");
    assert_eq!(
        recorded.activity,
        Some(ActivityRef {
            id: ours.id,
            name: "Arbeidslivsprogram".into()
        })
    );
    // A placement recorded as an activity is one kind of enrolment in it.
    let enrolments = c.enrolments(person.id).await.expect("enrolments");
    assert_eq!(enrolments.len(), 1);
    assert_eq!(
        enrolments[0].kind,
        stige_domain::activity::EnrolmentKind::Placement
    );
    assert_eq!(enrolments[0].placement_id, Some(id));
    assert_eq!(enrolments[0].activity_id, ours.id);
    assert_eq!(recorded.status, PlacementStatus::Confirmed);
    // The participant stays on their step; the placement shows the activity everywhere.
    let detail = c.participant(person.id).await.expect("participant");
    assert_eq!(
        detail.current_step.map(|s| s.id),
        person.current_step.map(|s| s.id)
    );
    let listed = c.participant_placements(person.id).await.expect("list");
    assert_eq!(listed[0].activity.as_ref().map(|a| a.id), Some(ours.id));
    assert!(
        app.audit_actions(person.id)
            .contains(&"placement.activity".to_owned())
    );

    // The enrolment follows the placement: extended, then ended before it began.
    let new_end = recorded.end_date + chrono::Duration::days(14);
    c.placement_action(
        id,
        &PlacementActionRequest {
            action: Some(PlacementAction::Extend),
            new_end_date: Some(new_end),
            reason: None,
        },
        version(&app, id).await,
    )
    .await
    .expect("extend");
    let enrolments = c.enrolments(person.id).await.expect("enrolments");
    assert_eq!(enrolments[0].planned_end_on, Some(new_end));
    c.placement_action(
        id,
        &PlacementActionRequest {
            action: Some(PlacementAction::EndEarly),
            new_end_date: None,
            reason: Some("Flyttet fra kommunen".into()),
        },
        version(&app, id).await,
    )
    .await
    .expect("end early");
    assert!(
        c.enrolments(person.id)
            .await
            .expect("enrolments")
            .is_empty(),
        "a placement that never began was never an activity"
    );
}

#[actix_web::test]
async fn a_placement_recorded_as_an_activity_ends_its_enrolment_when_it_ends() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let ladder = admin
        .add_activity(
            app.ladder,
            &NewActivity {
                name: Some("Arbeidstrening".into()),
                description: None,
            },
        )
        .await
        .expect("activity");
    let activity = ladder.activities[0].id;
    let person = app.active_participant("Siri", "Praksis").await;
    // Started today: active at once when confirmed.
    let (_, id) = placement(&app, person.id, 0).await;
    confirm_by_employer(&app, id).await;
    let c = app.coordinator().await;
    c.record_placement_activity(
        id,
        &PlacementActivityRequest {
            activity_id: Some(activity),
        },
        version(&app, id).await,
    )
    .await
    .expect("record");
    c.placement_action(
        id,
        &PlacementActionRequest {
            action: Some(PlacementAction::EndEarly),
            new_end_date: None,
            reason: Some("Sykmeldt".into()),
        },
        version(&app, id).await,
    )
    .await
    .expect("end early");
    let enrolments = c.enrolments(person.id).await.expect("enrolments");
    assert_eq!(enrolments.len(), 1);
    assert_eq!(
        enrolments[0].ending,
        Some(stige_domain::activity::ActivityEnding::Interrupted)
    );
    assert_eq!(enrolments[0].reason.as_deref(), Some("Sykmeldt"));
    assert_eq!(
        enrolments[0].ended_on,
        Some(chrono::Utc::now().date_naive())
    );
}

#[actix_web::test]
async fn a_placement_changes_only_with_the_etag_last_read_and_a_stale_one_writes_nothing() {
    let app = spawn_app().await;
    let person = app.active_participant("Kari", "Nordmann").await;
    let (_, id) = placement(&app, person.id, 7).await;
    let c = app.coordinator().await;
    let path = format!("/api/v1/placements/{id}");
    let read = c.request(Method::GET, &path).sent().await;
    assert_eq!(read.status(), 200);
    let etag = read.headers()["etag"].to_str().expect("etag").to_owned();
    let proposed: stige_client::Placement = read.json().await.expect("placement");
    assert_eq!(etag, format!("\"{}\"", proposed.version));

    // Without If-Match, each change to a placement is 428 and writes nothing:
    // no invitation is sent, no change or activity recorded.
    let confirm = json!({"purpose": "confirm"});
    for (method, route, body) in [
        (Method::POST, "invite", confirm.clone()),
        (Method::POST, "actions", json!({"action": "complete"})),
        (Method::PUT, "activity", json!({"activity_id": 1})),
    ] {
        let missing = c
            .request(method, &format!("{path}/{route}"))
            .json(&body)
            .sent()
            .await;
        assert_problem(missing, 428).await;
    }
    assert!(c.outbox().await.expect("outbox").is_empty());
    assert_eq!(c.placement(id).await.expect("read"), proposed);
    // An unknown placement is 404 whether or not a version is sent.
    let unknown = c
        .request(Method::POST, "/api/v1/placements/424242/invite")
        .json(&confirm)
        .sent()
        .await;
    assert_problem(unknown, 404).await;

    // The invitation, sent with the version read, raises it.
    let to_confirm = InvitationRequest {
        purpose: Some(InvitationPurpose::Confirm),
    };
    let sent = c
        .invite_employer(id, &to_confirm, proposed.version)
        .await
        .expect("invite");
    let awaiting = sent.placement;
    assert_eq!(
        (awaiting.status, awaiting.version),
        (PlacementStatus::AwaitingEmployer, proposed.version + 1)
    );
    // A second invitation from the old reading is 412: one message only.
    let twice = c
        .invite_employer(id, &to_confirm, proposed.version)
        .await
        .unwrap_err();
    assert_eq!(status_of(&twice), 412);
    assert_eq!(c.outbox().await.expect("outbox").len(), 1);

    // The employer confirms meanwhile: a change staff make from the page they
    // read before is refused, not written over the confirmation.
    let token = link_token(&sent.link);
    let confirmed = employer_post(
        &app,
        &token,
        "confirm",
        json!({"supervisor": {"name": "Bo Berg", "phone": "0480123456"}}),
    )
    .await;
    assert_eq!(confirmed.status(), 200);
    let extend = PlacementActionRequest {
        action: Some(PlacementAction::Extend),
        new_end_date: Some(awaiting.end_date + chrono::Duration::days(30)),
        reason: None,
    };
    let stale = c
        .placement_action(id, &extend, awaiting.version)
        .await
        .unwrap_err();
    assert_eq!(status_of(&stale), 412);
    let now = c.placement(id).await.expect("read");
    assert_eq!(
        (now.status, now.end_date, now.version),
        (
            PlacementStatus::Confirmed,
            awaiting.end_date,
            awaiting.version + 1
        )
    );
    // From the current reading it is written, and the answer names the new version.
    let answer = c
        .request(Method::POST, &format!("{path}/actions"))
        .header("If-Match", format!("\"{}\"", now.version))
        .json(&extend)
        .sent()
        .await;
    assert_eq!(answer.status(), 200);
    let new_etag = answer.headers()["etag"].to_str().expect("etag").to_owned();
    let extended: stige_client::Placement = answer.json().await.expect("placement");
    assert_eq!(
        (extended.end_date, extended.version, new_etag),
        (
            awaiting.end_date + chrono::Duration::days(30),
            now.version + 1,
            format!("\"{}\"", now.version + 1)
        )
    );
    // Bad input with the right version: 422, nothing written.
    let bad = c
        .placement_action(
            id,
            &PlacementActionRequest {
                action: Some(PlacementAction::EndEarly),
                ..Default::default()
            },
            extended.version,
        )
        .await
        .unwrap_err();
    assert_eq!(status_of(&bad), 422);
    // Someone who must not change it: a viewer, whatever the version.
    let viewer = app.viewer().await;
    let refused = viewer
        .placement_action(id, &extend, extended.version)
        .await
        .unwrap_err();
    assert_eq!(status_of(&refused), 403);
    assert_eq!(c.placement(id).await.expect("read"), extended);
}

#[actix_web::test]
async fn the_board_keeps_every_confirmed_placement_until_it_starts_and_every_running_one() {
    let app = spawn_app().await;
    let later = app.active_participant("Kari", "Senere").await;
    let soon = app.active_participant("Ola", "Snart").await;
    let running = app.active_participant("Per", "Pågår").await;
    let (_, in_ten_days) = placement(&app, later.id, 10).await;
    let (_, in_three_days) = placement(&app, soon.id, 3).await;
    let (_, started) = placement(&app, running.id, 0).await;
    for p in [in_ten_days, in_three_days, started] {
        confirm_by_employer(&app, p).await;
    }

    let board = app
        .coordinator()
        .await
        .placement_board()
        .await
        .expect("board");

    let ids = |list: &[stige_client::Placement]| list.iter().map(|p| p.id).collect::<Vec<_>>();
    assert_eq!(
        ids(&board.confirmed_starting_soon),
        [in_three_days, in_ten_days],
        "every confirmed placement not yet started, soonest first"
    );
    assert_eq!(ids(&board.starting_this_week), [in_three_days]);
    assert_eq!(ids(&board.active), [started]);
    assert!(board.ending_within_14_days.is_empty());
    assert_eq!(
        status_of(&app.mentor().await.placement_board().await.unwrap_err()),
        403
    );
}

#[actix_web::test]
async fn an_invitation_whose_link_the_employer_used_shows_as_answered_in_the_outbox() {
    let app = spawn_app().await;
    let person = app.active_participant("Kari", "Svar").await;
    let (_, answered) = placement(&app, person.id, 7).await;
    let (_, waiting) = placement(&app, person.id, 30).await;
    confirm_by_employer(&app, answered).await;
    invite(&app, waiting, InvitationPurpose::Confirm).await;

    let outbox = app.coordinator().await.outbox().await.expect("outbox");

    let state_of = |p: i64| {
        outbox
            .iter()
            .find(|m| m.placement_id == Some(p))
            .map(|m| m.state.clone())
    };
    assert_eq!(state_of(answered).as_deref(), Some("answered"));
    assert_eq!(state_of(waiting).as_deref(), Some("kept"));
    assert_eq!(
        status_of(&app.mentor().await.outbox().await.unwrap_err()),
        403
    );
}
