//! The isolation matrix (issue 27): every staff role of another organisation
//! against every kind of object of ours, on every endpoint that names one,
//! reads and writes; afterwards every table but the audit and sign-in records
//! is exactly as before.

use crate::helpers::{Sent, TestApp, action, move_to, spawn_app};
use crate::placements::employer_input;
use reqwest::Method;
use serde_json::json;
use std::collections::BTreeMap;
use stige_domain::consent::SharingCategory;
use stige_domain::enrolment::EnrolmentAction;

/// Every table's rows, but those a refused attempt or a sign-in writes.
fn snapshot(app: &TestApp) -> BTreeMap<String, Vec<String>> {
    let mut conn = app.conn();
    let skip = [
        "audit",
        "sessions",
        "login_failures",
        "read",
        "__diesel",
        "job",
    ];
    stige_store::backup::tables(&mut conn)
        .expect("tables")
        .into_iter()
        .filter(|t| !skip.iter().any(|s| t.contains(s)))
        .map(|t| {
            let rows = stige_store::backup::rows(&mut conn, &t).expect("rows");
            (t, rows)
        })
        .collect()
}

#[actix_web::test]
async fn no_staff_of_another_organisation_reaches_or_changes_anything_of_ours() {
    let app = spawn_app().await;
    let coordinator = app.coordinator().await;
    let admin = app.admin().await;
    // Ours: a person with a goal, a follow-up, a mark and a consent; an
    // employer and a placement; a partner, an agreement, an API client and a
    // referral; a user.
    let p = app.active_participant("Kari", "Nordmann").await;
    let goal = coordinator
        .add_goal(
            p.id,
            &stige_client::NewGoal {
                text: Some("Komme i jobb".into()),
                category: Some(stige_domain::goal::GoalCategory::Structure),
            },
        )
        .await
        .expect("goal")
        .id;
    let setup = app
        .kristiansand_kommune(&[SharingCategory::EnrolmentStatus])
        .await;
    let (referral, _) = app.accepted(&setup, "Ebba", "Ek").await;
    let employer = coordinator
        .create_employer(&employer_input())
        .await
        .expect("employer");
    let placement = coordinator
        .create_placement(&stige_client::PlacementInput {
            participant_id: Some(p.id),
            employer_id: Some(employer.id),
            kind: Some(stige_domain::placement::PlacementKind::Internship),
            role: Some("Lager".into()),
            tasks: Some("Plukk".into()),
            start_date: Some(chrono::Utc::now().date_naive() + chrono::Duration::days(7)),
            end_date: Some(chrono::Utc::now().date_naive() + chrono::Duration::days(60)),
            hours_per_week: Some(20),
            contact_id: None,
        })
        .await
        .expect("placement");
    let client = setup.secret.client.id;
    let (l, s) = (app.ladder, app.steps[0]);
    let (pid, e, pl, a, pa, r, u) = (
        p.id,
        employer.id,
        placement.id,
        setup.agreement,
        setup.partner,
        referral.id,
        app.users.coordinator,
    );
    let today = chrono::Utc::now().date_naive();
    let requests: Vec<(Method, String, serde_json::Value)> = vec![
        (
            Method::GET,
            format!("/api/v1/participants/{pid}"),
            json!(null),
        ),
        (
            Method::GET,
            format!("/api/v1/participants/{pid}/attendance"),
            json!(null),
        ),
        (
            Method::GET,
            format!("/api/v1/participants/{pid}/consents"),
            json!(null),
        ),
        (
            Method::GET,
            format!("/api/v1/participants/{pid}/follow-ups"),
            json!(null),
        ),
        (
            Method::GET,
            format!("/api/v1/participants/{pid}/goals"),
            json!(null),
        ),
        (
            Method::GET,
            format!("/api/v1/participants/{pid}/placements"),
            json!(null),
        ),
        (
            Method::GET,
            format!("/api/v1/participants/{pid}/research-consent"),
            json!(null),
        ),
        (Method::GET, format!("/api/v1/ladders/{l}"), json!(null)),
        (Method::GET, format!("/api/v1/employers/{e}"), json!(null)),
        (Method::GET, format!("/api/v1/placements/{pl}"), json!(null)),
        (Method::GET, format!("/api/v1/agreements/{a}"), json!(null)),
        (
            Method::GET,
            format!("/api/v1/agreements/{a}/clients"),
            json!(null),
        ),
        (
            Method::GET,
            format!("/api/v1/agreements/{a}/report"),
            json!(null),
        ),
        (Method::GET, format!("/api/v1/referrals/{r}"), json!(null)),
        (
            Method::GET,
            format!("/api/v1/reports/programme?ladder={l}"),
            json!(null),
        ),
        (
            Method::GET,
            format!("/api/v1/reports/programme.csv?ladder={l}&table=summary"),
            json!(null),
        ),
        (
            Method::GET,
            format!("/api/v1/reports/research-extract?ladder={l}"),
            json!(null),
        ),
        (
            Method::PUT,
            format!("/api/v1/participants/{pid}"),
            json!({"given_name": "X", "family_name": "Y"}),
        ),
        (
            Method::POST,
            format!("/api/v1/participants/{pid}/status"),
            serde_json::to_value(action(EnrolmentAction::Pause)).expect("json"),
        ),
        (
            Method::POST,
            format!("/api/v1/participants/{pid}/moves"),
            serde_json::to_value(move_to(app.steps[1], "up")).expect("json"),
        ),
        (
            Method::PUT,
            format!("/api/v1/participants/{pid}/mentors"),
            json!({"mentor_ids": []}),
        ),
        (
            Method::POST,
            format!("/api/v1/participants/{pid}/national-id/reveal"),
            json!({"reason": "check"}),
        ),
        (
            Method::POST,
            format!("/api/v1/participants/{pid}/goals"),
            json!({"text": "Ny"}),
        ),
        (
            Method::POST,
            format!("/api/v1/participants/{pid}/goals/{goal}/scores"),
            json!({"score": 5, "date": today}),
        ),
        (
            Method::PUT,
            format!("/api/v1/participants/{pid}/goals/{goal}/status"),
            json!({"status": "dropped"}),
        ),
        (
            Method::POST,
            format!("/api/v1/participants/{pid}/follow-ups"),
            json!({"date": today, "summary": "x"}),
        ),
        (
            Method::POST,
            format!("/api/v1/participants/{pid}/consents"),
            json!({"partner_id": pa, "categories": ["current_step"], "purpose": "x", "given_on": today}),
        ),
        (
            Method::PUT,
            format!("/api/v1/participants/{pid}/research-consent"),
            json!({"given": false}),
        ),
        (
            Method::POST,
            format!("/api/v1/participants/{pid}/planned-participation"),
            json!({"weekdays": [1], "valid_from": today}),
        ),
        (
            Method::DELETE,
            format!("/api/v1/participants/{pid}/attendance/{today}"),
            json!(null),
        ),
        (
            Method::PUT,
            "/api/v1/attendance".into(),
            json!({"date": today, "marks": [{"participant_id": pid, "mark": "present"}]}),
        ),
        (
            Method::PUT,
            format!("/api/v1/ladders/{l}"),
            json!({"name": "Taken", "description": ""}),
        ),
        (
            Method::POST,
            format!("/api/v1/ladders/{l}/steps"),
            json!({"name": "New", "description": "", "demand_level": "low"}),
        ),
        (
            Method::PUT,
            format!("/api/v1/ladders/{l}/steps/{s}"),
            json!({"name": "New", "description": "", "demand_level": "low"}),
        ),
        (
            Method::PUT,
            format!("/api/v1/ladders/{l}/step-order"),
            json!({"step_ids": app.steps}),
        ),
        (
            Method::POST,
            format!("/api/v1/ladders/{l}/activities"),
            json!({"name": "New", "description": ""}),
        ),
        (
            Method::PUT,
            format!("/api/v1/employers/{e}"),
            serde_json::to_value(employer_input()).expect("json"),
        ),
        (
            Method::POST,
            "/api/v1/placements".into(),
            json!({"participant_id": pid, "employer_id": e, "kind": "internship", "role": "x", "tasks": "x", "start_date": today, "end_date": today, "hours_per_week": 10}),
        ),
        (
            Method::POST,
            format!("/api/v1/placements/{pl}/invite"),
            json!({"purpose": "confirm"}),
        ),
        (
            Method::POST,
            format!("/api/v1/placements/{pl}/actions"),
            json!({"action": "end_early", "reason": "x"}),
        ),
        (
            Method::PUT,
            format!("/api/v1/placements/{pl}/activity"),
            json!({"activity_id": 1}),
        ),
        (
            Method::PUT,
            format!("/api/v1/agreements/{a}"),
            json!({"places": 1}),
        ),
        (
            Method::POST,
            format!("/api/v1/agreements/{a}/clients"),
            json!({}),
        ),
        (
            Method::POST,
            format!("/api/v1/api-clients/{client}/rotate"),
            json!(null),
        ),
        (
            Method::POST,
            format!("/api/v1/api-clients/{client}/revoke"),
            json!(null),
        ),
        (
            Method::PUT,
            format!("/api/v1/partners/{pa}"),
            json!({"name": "Taken", "kind": "municipality", "organisation_number": "963296746"}),
        ),
        (
            Method::POST,
            format!("/api/v1/referrals/{r}/triage"),
            json!({"decision": "decline", "reason": "other", "text": "x"}),
        ),
        (
            Method::PATCH,
            format!("/api/v1/users/{u}"),
            json!({"display_name": "Taken"}),
        ),
        (
            Method::DELETE,
            format!("/api/v1/users/{u}/sessions"),
            json!(null),
        ),
        (
            Method::POST,
            format!("/api/v1/users/{u}/password-reset"),
            json!(null),
        ),
        (
            Method::POST,
            "/api/v1/participants".into(),
            json!({"given_name": "New", "family_name": "Person", "ladder_id": l}),
        ),
        (
            Method::POST,
            "/api/v1/agreements".into(),
            json!({"partner_id": pa, "ladder_id": l, "valid_from": today, "places": 1, "sharing_scope": ["enrolment_status"], "contact": {"name": "x"}, "follow_up_service": {"name": "x"}}),
        ),
    ];
    let before = snapshot(&app);
    let mut leaks = vec![];
    for stranger in ["other-admin", "other-coordinator", "other-mentor"] {
        let c = app.as_user(stranger).await;
        for (method, path, body) in &requests {
            let mut request = c.request(method.clone(), path).header("If-Match", "\"1\"");
            if !body.is_null() {
                request = request.json(body);
            }
            let status = request.sent().await.status().as_u16();
            // 404 as for a made-up id; 403 where the role may not do it at all;
            // 422 where an id in the body is treated as unknown.
            let allowed: &[u16] = if method == Method::GET && stranger == "other-admin" {
                &[404]
            } else {
                &[403, 404, 422]
            };
            if !allowed.contains(&status) {
                leaks.push(format!("{stranger} {method} {path}: {status}"));
            }
        }
    }
    assert!(
        leaks.is_empty(),
        "answers that reach our data:\n{}",
        leaks.join("\n")
    );
    let after = snapshot(&app);
    for (table, rows) in &before {
        assert_eq!(
            after.get(table),
            Some(rows),
            "{table} unchanged by the other programme's staff"
        );
    }
    // Our own staff still reach it all.
    assert_eq!(admin.participant(pid).await.expect("ours").id, pid);
}
