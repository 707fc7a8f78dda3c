//! The individual plan (issue 24): made and replaced by the staff who follow
//! the person, reviewed at its interval with the reviews due on Today, read
//! by a partner only under the consent category `plan`.

use crate::helpers::{TestApp, assert_problem, fields, spawn_app, status_of};
use diesel::prelude::*;
use reqwest::Method;
use serde_json::json;
use stige_client::PlanInput;
use stige_domain::ParticipantId;
use stige_domain::consent::SharingCategory;
use stige_domain::plan::{PlanArea, PlanAreaEntry, Responsible};
use stige_store::schema::{plan_areas, plans};

fn housing_and_work() -> PlanInput {
    PlanInput {
        coordinator: Some("Kari Koordinator".into()),
        review_every_weeks: Some(4),
        areas: vec![
            PlanAreaEntry {
                area: PlanArea::Work,
                goal: "Four hours a day in the kitchen".into(),
                responsible: Responsible::Staff,
                responsible_name: Some("Morten".into()),
                next_step: Some("Three days a week".into()),
                next_step_by: None,
            },
            PlanAreaEntry {
                area: PlanArea::Housing,
                goal: "My own flat by the summer".into(),
                responsible: Responsible::Partner,
                responsible_name: Some("Boligkontoret".into()),
                next_step: Some("Apply for municipal housing".into()),
                next_step_by: chrono::NaiveDate::from_ymd_opt(2027, 1, 15),
            },
        ],
    }
}

fn rows(app: &TestApp, id: ParticipantId) -> (i64, i64) {
    let mut conn = app.conn();
    let p = plans::table
        .filter(plans::participant_id.eq(id.0))
        .count()
        .get_result(&mut conn)
        .expect("plans");
    let a = plan_areas::table
        .filter(plan_areas::participant_id.eq(id.0))
        .count()
        .get_result(&mut conn)
        .expect("areas");
    (p, a)
}

#[actix_web::test]
async fn a_plan_is_made_replaced_and_reviewed_with_the_review_due_on_today() {
    let app = spawn_app().await;
    let p = app.active_participant("Ola", "Plan").await;
    let c = app.coordinator().await;
    let none = c.plan(p.id).await.expect("no plan yet");
    assert!(none.coordinator.is_none() && none.areas.is_empty());
    // No review without a plan.
    assert_eq!(status_of(&c.review_plan(p.id).await.unwrap_err()), 409);

    let plan = c.set_plan(p.id, &housing_and_work()).await.expect("make");
    let today = chrono::Utc::now().date_naive();
    assert_eq!(plan.made_on, Some(today));
    assert_eq!(
        plan.next_review_on,
        Some(today + chrono::Duration::weeks(4))
    );
    // In the order of the areas: work before housing.
    let areas: Vec<PlanArea> = plan.areas.iter().map(|a| a.area).collect();
    assert_eq!(areas, [PlanArea::Work, PlanArea::Housing]);
    assert_eq!(plan.updated_by.as_deref(), Some("coordinator display"));

    // Replacing keeps the day it was made and drops areas left out.
    let mut one = housing_and_work();
    one.areas.remove(0);
    one.review_every_weeks = Some(1);
    let replaced = c.set_plan(p.id, &one).await.expect("replace");
    assert_eq!(replaced.areas.len(), 1);
    assert_eq!(replaced.made_on, Some(today));
    assert_eq!(rows(&app, p.id), (1, 1));

    // Due within a week: on Today; after a review, a week from now.
    let page = c.today().await.expect("today");
    let due = page
        .plan_reviews_due
        .iter()
        .find(|d| d.participant.id == p.id)
        .expect("due on Today");
    assert_eq!(due.due_on, today + chrono::Duration::weeks(1));
    let reviewed = c.review_plan(p.id).await.expect("review");
    assert_eq!(reviewed.last_reviewed_on, Some(today));

    // The person's mentor follows the plan too.
    app.assign_the_mentor(&c, p.id).await;
    let seen = app.mentor().await.plan(p.id).await.expect("mentor");
    assert_eq!(seen.coordinator.as_deref(), Some("Kari Koordinator"));
    let actions = app.audit_actions(p.id);
    for action in ["plan.update", "plan.review", "plan.read"] {
        assert!(actions.iter().any(|a| a == action), "{action}");
    }
    let export = app.exported_by_admin(p.id).await;
    assert_eq!(export.plan.areas.len(), 1);
}

#[actix_web::test]
async fn a_bad_plan_names_every_field_and_writes_nothing() {
    let app = spawn_app().await;
    let p = app.active_participant("Kari", "Feilplan").await;
    let c = app.coordinator().await;
    let path = format!("/api/v1/participants/{}/plan", p.id);
    let body = json!({
        "review_every_weeks": 60,
        "areas": [
            {"area": "work", "goal": " ", "responsible": "person"},
            {"area": "work", "goal": "A job", "responsible": "person"}
        ]
    });
    let problem = assert_problem(app.send_json(&c, Method::PUT, &path, body).await, 422).await;
    assert_eq!(
        fields(&problem),
        [
            "coordinator",
            "review_every_weeks",
            "areas[0].goal",
            "areas[1].area"
        ]
    );
    assert_eq!(problem["errors"][3]["code"], "duplicate-area");
    let unknown = json!({"coordinator": "K", "areas": [{"area": "sports", "goal": "x", "responsible": "person"}]});
    assert_problem(app.send_json(&c, Method::PUT, &path, unknown).await, 400).await;
    assert_eq!(rows(&app, p.id), (0, 0));
}

#[actix_web::test]
async fn only_those_who_follow_the_person_see_the_plan() {
    let app = spawn_app().await;
    let p = app.active_participant("Per", "Skjultplan").await;
    app.coordinator()
        .await
        .set_plan(p.id, &housing_and_work())
        .await
        .expect("make");
    for user in ["other-coordinator", "viewer", "mentor"] {
        let client = app.as_user(user).await;
        assert_eq!(
            status_of(&client.plan(p.id).await.unwrap_err()),
            404,
            "{user}"
        );
        assert_eq!(
            status_of(
                &client
                    .set_plan(p.id, &housing_and_work())
                    .await
                    .unwrap_err()
            ),
            404,
            "{user}"
        );
        assert_eq!(
            status_of(&client.review_plan(p.id).await.unwrap_err()),
            404,
            "{user}"
        );
    }
}

#[actix_web::test]
async fn a_partner_reads_the_plan_only_with_the_consent_category() {
    let app = spawn_app().await;
    let setup = app.kristiansand_kommune(SharingCategory::ALL).await;
    let (_, id) = app.accepted(&setup, "Nina", "Plan").await;
    let c = app.coordinator().await;
    c.set_plan(id, &housing_and_work()).await.expect("make");
    let bare = setup.api.partner_participant(id).await.expect("read");
    assert!(bare.plan.is_none());
    assert_eq!(status_of(&setup.api.plan(id).await.unwrap_err()), 404);
    let purpose = "Coordinated individual plan";
    setup
        .consented(&c, id, &[SharingCategory::Plan], purpose)
        .await;
    let read = setup.api.partner_participant(id).await.expect("read");
    let plan = read.plan.expect("consented");
    assert_eq!(plan.areas.len(), 2);
    assert_eq!(plan.coordinator.as_deref(), Some("Kari Koordinator"));
    assert_eq!(plan.updated_by, None, "no staff names");
    // The partner's read is in the person's access log as a read of the plan.
    assert!(app.audit_actions(id).iter().any(|a| a == "plan.read"));
    let listed = setup.api.partner_participants(1, 50).await.expect("list");
    assert!(listed.items.iter().any(|p| p.id == id && p.plan.is_some()));
}
