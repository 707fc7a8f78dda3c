//! Parallel activities (issue 24): a person enrolled in ALUP beside the
//! steps, their attendance in it marked in the register, its completion or
//! interruption with a result, and the report's counts per activity.

use crate::helpers::{TestApp, assert_problem, fields, spawn_app, status_of};
use chrono::{Datelike, Duration, NaiveDate};
use diesel::prelude::*;
use reqwest::Method;
use serde_json::json;
use stige_client::{
    ActivityMarkInput, EnrolmentEndInput, EnrolmentInput, NewActivity, RegisterActivityMark,
    RegisterQuery, RegisterUpdate, ReportQuery,
};
use stige_domain::activity::{ActivityEnding, EnrolmentKind};
use stige_domain::attendance::AttendanceMark;
use stige_domain::small_cells::ShownCount;
use stige_domain::{ActivityId, LadderId, ParticipantId};
use stige_store::schema::{activity_attendance, activity_enrolments};

fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

/// Adds an activity to `ladder` and returns its id.
async fn activity(app: &TestApp, ladder: LadderId, name: &str) -> ActivityId {
    let admin = app.admin().await;
    admin
        .add_activity(
            ladder,
            &NewActivity {
                name: Some(name.into()),
                description: Some("Arbetslivsinriktat program".into()),
            },
        )
        .await
        .expect("activity")
        .activities
        .into_iter()
        .find(|a| a.name == name)
        .expect("added")
        .id
}

fn enrolment(activity: ActivityId, starts_on: NaiveDate) -> EnrolmentInput {
    EnrolmentInput {
        activity_id: Some(activity),
        starts_on: Some(starts_on),
        planned_end_on: Some(starts_on + Duration::weeks(12)),
    }
}

/// (enrolments, marks) stored for the person.
fn rows(app: &TestApp, id: ParticipantId) -> (i64, i64) {
    let mut conn = app.conn();
    let e = activity_enrolments::table
        .filter(activity_enrolments::participant_id.eq(id.0))
        .count()
        .get_result(&mut conn)
        .expect("enrolments");
    let m = activity_attendance::table
        .filter(activity_attendance::participant_id.eq(id.0))
        .count()
        .get_result(&mut conn)
        .expect("marks");
    (e, m)
}

#[actix_web::test]
async fn a_person_is_enrolled_marked_in_the_register_and_completes_the_activity() {
    let app = spawn_app().await;
    let alup = activity(&app, app.ladder, "ALUP").await;
    let p = app.active_participant("Karin", "Björk").await;
    let c = app.coordinator().await;
    let start = today() - Duration::days(7);
    let enrolled = c.enrol(p.id, &enrolment(alup, start)).await.expect("enrol");
    assert_eq!(enrolled.activity_name, "ALUP");
    assert_eq!(enrolled.kind, EnrolmentKind::Course);
    assert!(enrolled.running);
    assert_eq!(enrolled.ending, None);
    // Only one running enrolment per activity.
    let twice = c.enrol(p.id, &enrolment(alup, today())).await.unwrap_err();
    assert_eq!(status_of(&twice), 422);

    // The register shows the activity beside the step, and takes its mark.
    let query = RegisterQuery {
        date: Some(today()),
        step_id: None,
        ladder_id: None,
    };
    let register = c.register(&query).await.expect("register");
    let line = register
        .lines
        .iter()
        .find(|l| l.participant_id == p.id)
        .expect("on the register");
    assert_eq!(line.activities.len(), 1);
    assert_eq!(line.activities[0].name, "ALUP");
    assert_eq!(line.activities[0].mark, None);
    let saved = c
        .save_register(&RegisterUpdate {
            date: Some(today()),
            step_id: None,
            ladder_id: None,
            marks: vec![],
            activity_marks: vec![RegisterActivityMark {
                enrolment_id: enrolled.id,
                mark: AttendanceMark::Present,
            }],
        })
        .await
        .expect("save");
    let line = saved
        .lines
        .iter()
        .find(|l| l.participant_id == p.id)
        .expect("on the register");
    assert_eq!(line.activities[0].mark, Some(AttendanceMark::Present));
    // A day earlier, on the person's page; then corrected.
    for mark in [AttendanceMark::Present, AttendanceMark::AbsentWithNotice] {
        c.mark_activity(
            p.id,
            enrolled.id,
            &ActivityMarkInput {
                date: Some(start),
                mark,
            },
        )
        .await
        .expect("mark");
    }
    let listed = c.enrolments(p.id).await.expect("list");
    assert_eq!(listed.len(), 1);
    assert_eq!((listed[0].days_present, listed[0].days_marked), (1, 2));
    assert_eq!(listed[0].days[0].date, start);
    assert_eq!(listed[0].days[0].mark, AttendanceMark::AbsentWithNotice);

    // Completed today with its result; a new enrolment may follow.
    let done = c
        .end_enrolment(
            p.id,
            enrolled.id,
            &EnrolmentEndInput {
                ending: Some(ActivityEnding::Completed),
                ended_on: None,
                reason: None,
                result: Some(" Riktning: lagerarbete ".into()),
            },
        )
        .await
        .expect("end");
    assert_eq!(done.ending, Some(ActivityEnding::Completed));
    assert_eq!(done.ended_on, Some(today()));
    assert_eq!(done.result.as_deref(), Some("Riktning: lagerarbete"));
    let again = c
        .enrol(p.id, &enrolment(alup, today()))
        .await
        .expect("again");
    assert!(again.running);

    // The report counts enrolments and completions per activity.
    let report = c
        .programme_report(&ReportQuery {
            ladder: Some(app.ladder.0),
            from: NaiveDate::from_ymd_opt(today().year(), 1, 1),
            to: Some(today()),
            ..Default::default()
        })
        .await
        .expect("report");
    let figures = report.activities.expect("activities for staff");
    let alup_figures = figures
        .iter()
        .find(|a| a.activity_id == alup)
        .expect("ALUP");
    let started_this_year = if start.year() == today().year() { 2 } else { 1 };
    assert_eq!(alup_figures.enrolled, ShownCount::Number(started_this_year));
    assert_eq!(alup_figures.completed, ShownCount::Number(1));
    assert_eq!(alup_figures.interrupted, ShownCount::Number(0));
    assert_eq!(alup_figures.running, ShownCount::Number(1));

    let actions = app.audit_actions(p.id);
    for action in [
        "activity.enrol",
        "activity.mark",
        "activity.correct",
        "activity.end",
        "activity.read",
    ] {
        assert!(actions.iter().any(|a| a == action), "{action}");
    }
    let export = app.exported_by_admin(p.id).await;
    assert_eq!(export.activities.len(), 2);
}

#[actix_web::test]
async fn bad_enrolments_ends_and_marks_name_their_fields_and_write_nothing() {
    let app = spawn_app().await;
    let alup = activity(&app, app.ladder, "ALUP").await;
    let theirs = activity(&app, app.other_ladder, "Kurs").await;
    let p = app.active_participant("Kari", "Feil").await;
    let c = app.coordinator().await;
    let path = format!("/api/v1/participants/{}/activities", p.id);

    let problem =
        assert_problem(app.send_json(&c, Method::POST, &path, json!({})).await, 422).await;
    assert_eq!(fields(&problem), ["activity_id", "starts_on"]);
    let body = json!({"activity_id": theirs.0, "starts_on": today(), "planned_end_on": today() - Duration::days(1)});
    let problem = assert_problem(app.send_json(&c, Method::POST, &path, body).await, 422).await;
    assert_eq!(fields(&problem), ["activity_id", "planned_end_on"]);
    assert_eq!(problem["errors"][1]["code"], "before-start");
    let body = json!({"activity_id": alup.0, "starts_on": "not a date"});
    assert_problem(app.send_json(&c, Method::POST, &path, body).await, 400).await;
    assert_eq!(rows(&app, p.id), (0, 0));

    let start = today() - Duration::days(3);
    let e = c.enrol(p.id, &enrolment(alup, start)).await.expect("enrol");
    let problem = assert_problem(
        app.send_json(
            &c,
            Method::POST,
            &path,
            json!({"activity_id": alup.0, "starts_on": today()}),
        )
        .await,
        422,
    )
    .await;
    assert_eq!(problem["errors"][0]["code"], "already-enrolled");

    // An interruption without a reason, an end before the start.
    let ending = format!("{path}/{}/ending", e.id);
    let body = json!({"ending": "interrupted", "ended_on": start - Duration::days(1)});
    let problem = assert_problem(app.send_json(&c, Method::PUT, &ending, body).await, 422).await;
    assert_eq!(fields(&problem), ["ended_on", "reason"]);
    // Marks ahead of today or before the start.
    let marks = format!("{path}/{}/attendance", e.id);
    for date in [today() + Duration::days(1), start - Duration::days(1)] {
        let body = json!({"date": date, "mark": "present"});
        let problem = assert_problem(app.send_json(&c, Method::PUT, &marks, body).await, 422).await;
        assert_eq!(fields(&problem), ["date"]);
    }
    let body = json!({"date": today(), "mark": "here"});
    assert_problem(app.send_json(&c, Method::PUT, &marks, body).await, 400).await;
    // The register refuses a mark outside the enrolment, and writes none of its marks.
    let body = json!({
        "date": start - Duration::days(1),
        "marks": [],
        "activity_marks": [{"enrolment_id": e.id, "mark": "present"}]
    });
    let problem = assert_problem(
        app.send_json(&c, Method::PUT, "/api/v1/attendance", body)
            .await,
        422,
    )
    .await;
    assert_eq!(fields(&problem), ["activity_marks[0].enrolment_id"]);
    assert_eq!(problem["errors"][0]["code"], "outside-enrolment");
    assert_eq!(rows(&app, p.id), (1, 0));
    let unchanged = c.enrolments(p.id).await.expect("list");
    assert_eq!(unchanged[0].ending, None);

    // Ended once, it cannot end again.
    let body = json!({"ending": "interrupted", "reason": "Fick arbete", "ended_on": today()});
    app.send_json(&c, Method::PUT, &ending, body.clone()).await;
    assert_problem(app.send_json(&c, Method::PUT, &ending, body).await, 409).await;
    // And takes no marks after its end.
    let tomorrowless = json!({"date": today(), "mark": "present"});
    let after_end = app.send_json(&c, Method::PUT, &marks, tomorrowless).await;
    assert_eq!(after_end.status(), 200, "the day it ended still counts");
}

#[actix_web::test]
async fn only_those_who_follow_the_person_reach_their_activities() {
    let app = spawn_app().await;
    let alup = activity(&app, app.ladder, "ALUP").await;
    let p = app.active_participant("Per", "Skjult").await;
    let other = app.active_participant("Pål", "Annen").await;
    let c = app.coordinator().await;
    let e = c
        .enrol(p.id, &enrolment(alup, today()))
        .await
        .expect("enrol");
    let mark = ActivityMarkInput {
        date: Some(today()),
        mark: AttendanceMark::Present,
    };
    let end = EnrolmentEndInput {
        ending: Some(ActivityEnding::Completed),
        ..Default::default()
    };
    for user in ["other-coordinator", "viewer", "mentor"] {
        let client = app.as_user(user).await;
        assert_eq!(
            status_of(&client.enrolments(p.id).await.unwrap_err()),
            404,
            "{user}"
        );
        let enrol = client
            .enrol(p.id, &enrolment(alup, today()))
            .await
            .unwrap_err();
        assert_eq!(status_of(&enrol), 404, "{user}");
        let marked = client.mark_activity(p.id, e.id, &mark).await.unwrap_err();
        assert_eq!(status_of(&marked), 404, "{user}");
        let ended = client.end_enrolment(p.id, e.id, &end).await.unwrap_err();
        assert_eq!(status_of(&ended), 404, "{user}");
    }
    // An enrolment reached through someone else's path, or one that does not exist.
    let wrong = c.mark_activity(other.id, e.id, &mark).await.unwrap_err();
    assert_eq!(status_of(&wrong), 404);
    let unknown = c.end_enrolment(p.id, 424_242, &end).await.unwrap_err();
    assert_eq!(status_of(&unknown), 404);
    // The other organisation's register cannot mark this person's activity.
    let register = app
        .as_user("other-coordinator")
        .await
        .save_register(&RegisterUpdate {
            date: Some(today()),
            activity_marks: vec![RegisterActivityMark {
                enrolment_id: e.id,
                mark: AttendanceMark::Present,
            }],
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(status_of(&register), 404);
    assert_eq!(rows(&app, p.id), (1, 0));
    // A partner never reads them.
    let setup = app
        .kristiansand_kommune(stige_domain::consent::SharingCategory::ALL)
        .await;
    let (_, id) = app.accepted(&setup, "Nina", "Aktiv").await;
    let listed = setup.api.enrolments(id).await.unwrap_err();
    assert_eq!(status_of(&listed), 404);
}
