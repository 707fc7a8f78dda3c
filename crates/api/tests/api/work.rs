//! The work itself (issue 26): workplaces and tasks set up by admins, the
//! day's work log prefilled from attendance, and a person's work capacity
//! week by week against what their step expects.

use crate::helpers::{TestApp, assert_problem, fields, spawn_app, status_of};
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use diesel::prelude::*;
use reqwest::Method;
use serde_json::json;
use stige_client::{
    MarkInput, NewWorkTask, NewWorkplace, RegisterUpdate, StepWorkDemand, WorkDayInput,
    WorkLogQuery, WorkLogUpdate, Workplace,
};
use stige_domain::attendance::AttendanceMark;
use stige_domain::work::Independence;
use stige_domain::{LadderId, ParticipantId};
use stige_store::schema::{work_day_tasks, work_days, workplaces};

/// The last working day on or before today (attendance is marked on weekdays).
fn workday() -> NaiveDate {
    let mut d = chrono::Utc::now().date_naive();
    while matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
        d -= Duration::days(1);
    }
    d
}

async fn workshop(app: &TestApp, ladder: LadderId) -> Workplace {
    app.admin()
        .await
        .add_workplace(
            ladder,
            &NewWorkplace {
                output_unit: None,
                name: Some("Snekkerverkstedet".into()),
                tasks: vec!["Pussing".into(), "Maling".into()],
            },
        )
        .await
        .expect("workplace")
}

async fn mark_present(app: &TestApp, ids: &[ParticipantId], date: NaiveDate) {
    app.coordinator()
        .await
        .save_register(&RegisterUpdate {
            date: Some(date),
            marks: ids
                .iter()
                .map(|id| MarkInput {
                    participant_id: *id,
                    mark: AttendanceMark::Present,
                })
                .collect(),
            ..Default::default()
        })
        .await
        .expect("marks");
}

/// (days, tasks) stored for the person.
fn rows(app: &TestApp, id: ParticipantId) -> (i64, i64) {
    let mut conn = app.conn();
    let d = work_days::table
        .filter(work_days::participant_id.eq(id.0))
        .count()
        .get_result(&mut conn)
        .expect("days");
    let t = work_day_tasks::table
        .filter(work_day_tasks::participant_id.eq(id.0))
        .count()
        .get_result(&mut conn)
        .expect("tasks");
    (d, t)
}

fn day(id: ParticipantId, hours: f64, level: Independence, tasks: Vec<i64>) -> WorkDayInput {
    WorkDayInput {
        participant_id: Some(id),
        hours: Some(hours),
        independence: Some(level),
        task_ids: tasks,
        note: None,
        peer_support: false,
    }
}

#[actix_web::test]
async fn an_admin_sets_up_workplaces_tasks_and_what_a_step_expects() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let place = workshop(&app, app.ladder).await;
    assert_eq!(place.name, "Snekkerverkstedet");
    let names: Vec<&str> = place.tasks.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Maling", "Pussing"]);
    let grown = admin
        .add_work_task(
            app.ladder,
            place.id,
            &NewWorkTask {
                name: Some(" Montering ".into()),
            },
        )
        .await
        .expect("task");
    assert_eq!(grown.tasks.len(), 3);
    assert!(grown.tasks.iter().any(|t| t.name == "Montering"));
    // Everyone in the programme reads them.
    let listed = app
        .mentor()
        .await
        .workplaces(app.ladder)
        .await
        .expect("list");
    assert_eq!(listed, vec![grown]);

    let demand = admin
        .set_step_work_demand(
            app.ladder,
            app.steps[0],
            &StepWorkDemand {
                hours_a_week: Some(10.5),
                independence: Some(Independence::SomeGuidance),
            },
        )
        .await
        .expect("demand");
    assert_eq!(demand.hours_a_week, Some(10.5));
    let ladder = admin.ladder(app.ladder).await.expect("ladder");
    let step = ladder
        .steps
        .iter()
        .find(|s| s.id == app.steps[0])
        .expect("step");
    assert_eq!(step.work_demand, demand);
}

#[actix_web::test]
async fn bad_workplaces_tasks_and_demands_name_their_fields_and_write_nothing() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let path = format!("/api/v1/ladders/{}/workplaces", app.ladder);
    let body = json!({"name": " ", "tasks": ["Pussing", "Pussing", "x".repeat(81)]});
    let problem = assert_problem(app.send_json(&admin, Method::POST, &path, body).await, 422).await;
    assert_eq!(fields(&problem), ["name", "tasks[1]", "tasks[2]"]);
    assert_eq!(problem["errors"][1]["code"], "given-twice");
    assert_problem(
        app.send_json(&admin, Method::POST, &path, json!({"name": 3}))
            .await,
        400,
    )
    .await;
    let stored: i64 = workplaces::table
        .count()
        .get_result(&mut app.conn())
        .expect("count");
    assert_eq!(stored, 0);

    let place = workshop(&app, app.ladder).await;
    let again = json!({"name": "Snekkerverkstedet"});
    let problem =
        assert_problem(app.send_json(&admin, Method::POST, &path, again).await, 422).await;
    assert_eq!(problem["errors"][0]["code"], "taken");
    let tasks = format!("{path}/{}/tasks", place.id);
    let problem = assert_problem(
        app.send_json(&admin, Method::POST, &tasks, json!({"name": "Maling"}))
            .await,
        422,
    )
    .await;
    assert_eq!(fields(&problem), ["name"]);

    let demand = format!(
        "/api/v1/ladders/{}/steps/{}/work-demand",
        app.ladder, app.steps[0]
    );
    for hours in [0.0, 60.25, 3.1] {
        let body = json!({"hours_a_week": hours});
        let problem =
            assert_problem(app.send_json(&admin, Method::PUT, &demand, body).await, 422).await;
        assert_eq!(fields(&problem), ["hours_a_week"]);
    }
    for body in [json!({"independence": "alone"}), json!([null, null])] {
        assert_problem(app.send_json(&admin, Method::PUT, &demand, body).await, 400).await;
    }
    let ladder = admin.ladder(app.ladder).await.expect("ladder");
    assert!(
        ladder
            .steps
            .iter()
            .all(|s| s.work_demand == StepWorkDemand::default())
    );
}

#[actix_web::test]
async fn only_the_programmes_admins_change_its_workplaces() {
    let app = spawn_app().await;
    let place = workshop(&app, app.ladder).await;
    let new = NewWorkplace {
        output_unit: Some(stige_client::OutputUnit::Portions),
        name: Some("Kafé".into()),
        tasks: vec![],
    };
    let task = NewWorkTask {
        name: Some("Oppvask".into()),
    };
    // Another organisation: not there at all.
    let other = app.as_user("other-admin").await;
    assert_eq!(
        status_of(&other.workplaces(app.ladder).await.unwrap_err()),
        404
    );
    assert_eq!(
        status_of(&other.add_workplace(app.ladder, &new).await.unwrap_err()),
        404
    );
    assert_eq!(
        status_of(
            &other
                .add_work_task(app.ladder, place.id, &task)
                .await
                .unwrap_err()
        ),
        404
    );
    let demand = StepWorkDemand {
        hours_a_week: Some(5.0),
        independence: None,
    };
    assert_eq!(
        status_of(
            &other
                .set_step_work_demand(app.ladder, app.steps[0], &demand)
                .await
                .unwrap_err()
        ),
        404
    );
    // Staff who are not admins may not change them.
    for user in ["coordinator", "mentor", "viewer"] {
        let c = app.as_user(user).await;
        assert_eq!(
            status_of(&c.add_workplace(app.ladder, &new).await.unwrap_err()),
            403,
            "{user}"
        );
        assert_eq!(
            status_of(
                &c.add_work_task(app.ladder, place.id, &task)
                    .await
                    .unwrap_err()
            ),
            403
        );
    }
    // A workplace or step of another programme through this one's path.
    let admin = app.admin().await;
    let theirs = workshop(&app, app.other_ladder).await;
    assert_eq!(
        status_of(
            &admin
                .add_work_task(app.ladder, theirs.id, &task)
                .await
                .unwrap_err()
        ),
        404
    );
    let wrong_step = admin
        .set_step_work_demand(app.other_ladder, app.steps[0], &demand)
        .await
        .unwrap_err();
    assert_eq!(status_of(&wrong_step), 404);
    assert_eq!(admin.workplaces(app.ladder).await.expect("list").len(), 1);
    // The admin adds it, counted in portions from the start.
    let cafe = admin.add_workplace(app.ladder, &new).await.expect("café");
    assert_eq!(cafe.output_unit, stige_client::OutputUnit::Portions);
    assert_eq!(place.output_unit, stige_client::OutputUnit::Items);
}

#[actix_web::test]
async fn a_day_of_work_is_logged_for_those_present_and_shows_in_the_capacity() {
    let app = spawn_app().await;
    let place = workshop(&app, app.ladder).await;
    let (sanding, painting) = (place.tasks[1].id, place.tasks[0].id);
    let anna = app.active_participant("Anna", "Arbeid").await;
    let bo = app.active_participant("Bo", "Borte").await;
    let date = workday();
    mark_present(&app, &[anna.id], date).await;
    let admin = app.admin().await;
    admin
        .set_step_work_demand(
            app.ladder,
            app.steps[0],
            &StepWorkDemand {
                hours_a_week: Some(12.0),
                independence: Some(Independence::SomeGuidance),
            },
        )
        .await
        .expect("demand");

    let m = app.mentor().await;
    let query = WorkLogQuery {
        date: Some(date),
        ladder_id: Some(app.ladder),
    };
    let c = app.coordinator().await;
    let log = c.work_log(&query).await.expect("log");
    // Prefilled from attendance: present, not the one who was not marked.
    let ids: Vec<ParticipantId> = log.lines.iter().map(|l| l.participant_id).collect();
    assert!(ids.contains(&anna.id));
    assert!(!ids.contains(&bo.id));
    assert_eq!(log.recorded, 0);
    assert_eq!(log.workplaces, vec![place.clone()]);
    let line = log
        .lines
        .iter()
        .find(|l| l.participant_id == anna.id)
        .expect("Anna");
    assert_eq!(line.attendance, Some(AttendanceMark::Present));
    assert_eq!(line.entry, None);

    let saved = c
        .save_work_log(&WorkLogUpdate {
            date: Some(date),
            ladder_id: Some(app.ladder),
            entries: vec![WorkDayInput {
                note: Some(" Pusset to stoler ".into()),
                ..day(
                    anna.id,
                    4.5,
                    Independence::WorksAlone,
                    vec![sanding, painting],
                )
            }],
        })
        .await
        .expect("save");
    assert_eq!(saved.recorded, 1);
    let entry = saved
        .lines
        .iter()
        .find(|l| l.participant_id == anna.id)
        .and_then(|l| l.entry.clone())
        .expect("recorded");
    assert_eq!(entry.hours, 4.5);
    assert_eq!(entry.independence, Independence::WorksAlone);
    assert_eq!(entry.note.as_deref(), Some("Pusset to stoler"));
    let mut tasks = entry.task_ids.clone();
    tasks.sort();
    let mut expected = vec![sanding, painting];
    expected.sort();
    assert_eq!(tasks, expected);
    assert_eq!(rows(&app, anna.id), (1, 2));

    // Corrected the same day: replaced, not added.
    c.save_work_log(&WorkLogUpdate {
        date: Some(date),
        ladder_id: None,
        entries: vec![day(
            anna.id,
            6.0,
            Independence::SomeGuidance,
            vec![painting],
        )],
    })
    .await
    .expect("correct");
    assert_eq!(rows(&app, anna.id), (1, 1));

    // An earlier day; the next day's log offers it as the last day.
    let earlier = date - Duration::days(7);
    c.save_work_log(&WorkLogUpdate {
        date: Some(earlier),
        ladder_id: None,
        entries: vec![day(anna.id, 2.0, Independence::CloseGuidance, vec![])],
    })
    .await
    .expect("earlier");
    let later = c.work_log(&query).await.expect("log");
    let line = later
        .lines
        .iter()
        .find(|l| l.participant_id == anna.id)
        .expect("Anna");
    assert_eq!(line.last.as_ref().map(|l| l.date), Some(earlier));

    // The capacity: two weeks, each beside the step's demand.
    let capacity = m.work_capacity(anna.id).await;
    assert_eq!(status_of(&capacity.unwrap_err()), 404, "not Anna's mentor");
    let capacity = c.work_capacity(anna.id).await.expect("capacity");
    assert_eq!(capacity.weeks.len(), 2);
    assert_eq!(capacity.weeks[0].hours, 2.0);
    assert_eq!(
        capacity.weeks[0].independence,
        Some(Independence::CloseGuidance)
    );
    assert_eq!(capacity.weeks[1].hours, 6.0);
    assert_eq!(
        capacity.weeks[1].independence,
        Some(Independence::SomeGuidance)
    );
    assert_eq!(capacity.weeks[1].expected_hours, Some(12.0));
    assert_eq!(
        capacity.weeks[1].step.as_ref().map(|s| s.id),
        Some(app.steps[0])
    );
    assert_eq!(
        capacity.expected_independence,
        Some(Independence::SomeGuidance)
    );
    assert_eq!(capacity.last_four_weeks.len(), 4);
    let recent: f64 = capacity.last_four_weeks.iter().map(|w| w.hours).sum();
    assert_eq!(recent, 8.0);

    let actions = app.audit_actions(anna.id);
    for action in ["work.record", "work.correct", "work.read"] {
        assert!(actions.iter().any(|a| a == action), "{action}");
    }
    let export = app.exported_by_admin(anna.id).await;
    assert_eq!(export.work_days.len(), 2);
    assert_eq!(export.work_days[1].task_ids, vec![painting]);
    assert_eq!(export.work_tasks.len(), 2);
    // Being listed in the day's log is in the person's access log.
    let log = app
        .admin()
        .await
        .access_log(anna.id, &stige_client::AccessLogQuery::default())
        .await
        .expect("access log");
    let listed = (log.items.iter())
        .find(|e| e.action == "work.log_read")
        .expect("listed");
    assert!(listed.in_list);
    assert_eq!(
        listed.categories,
        vec![stige_domain::access_log::PersonalDataCategory::Work]
    );
}

#[actix_web::test]
async fn bad_days_of_work_name_their_fields_and_write_nothing() {
    let app = spawn_app().await;
    let place = workshop(&app, app.ladder).await;
    let theirs = workshop(&app, app.other_ladder).await;
    let anna = app.active_participant("Anna", "Feil").await;
    let c = app.coordinator().await;
    let date = workday();
    let body = json!({
        "date": date,
        "entries": [
            {"participant_id": anna.id, "hours": 12.5, "task_ids": [place.tasks[0].id, place.tasks[0].id], "note": "\u{7}"},
            {"hours": 1.0, "independence": "works_alone"},
            {"participant_id": anna.id, "hours": 1.1, "independence": "works_alone", "task_ids": [theirs.tasks[0].id]}
        ]
    });
    let problem = assert_problem(
        app.send_json(&c, Method::PUT, "/api/v1/work-log", body)
            .await,
        422,
    )
    .await;
    assert_eq!(
        fields(&problem),
        [
            "entries[0].hours",
            "entries[0].independence",
            "entries[0].task_ids",
            "entries[0].note",
            "entries[1].participant_id",
            "entries[2].participant_id",
            "entries[2].task_ids",
            "entries[2].hours"
        ]
    );
    assert_eq!(problem["errors"][7]["code"], "quarter-hours");
    for date in [
        json!(null),
        json!(chrono::Utc::now().date_naive() + Duration::days(1)),
        json!(chrono::Utc::now().date_naive() - Duration::days(63)),
    ] {
        let body = json!({"date": date, "entries": [{"participant_id": anna.id, "hours": 1.0, "independence": "works_alone"}]});
        let problem = assert_problem(
            app.send_json(&c, Method::PUT, "/api/v1/work-log", body)
                .await,
            422,
        )
        .await;
        assert_eq!(fields(&problem), ["date"]);
    }
    let body = json!({"date": date, "entries": [{"participant_id": anna.id, "hours": "four"}]});
    assert_problem(
        app.send_json(&c, Method::PUT, "/api/v1/work-log", body)
            .await,
        400,
    )
    .await;
    assert_problem(
        app.send_json(
            &c,
            Method::GET,
            "/api/v1/work-log?date=tomorrow",
            json!(null),
        )
        .await,
        400,
    )
    .await;
    assert_eq!(rows(&app, anna.id), (0, 0));
}

#[actix_web::test]
async fn only_those_who_may_see_the_person_log_their_work() {
    let app = spawn_app().await;
    let _place = workshop(&app, app.ladder).await;
    let anna = app.active_participant("Anna", "Skjult").await;
    let date = workday();
    mark_present(&app, &[anna.id], date).await;
    let entry = WorkLogUpdate {
        date: Some(date),
        ladder_id: None,
        entries: vec![day(anna.id, 3.0, Independence::WorksAlone, vec![])],
    };
    let query = WorkLogQuery {
        date: Some(date),
        ladder_id: None,
    };
    for user in ["other-coordinator", "mentor"] {
        let client = app.as_user(user).await;
        let saved = client.save_work_log(&entry).await.unwrap_err();
        assert_eq!(status_of(&saved), 404, "{user}");
        let log = client.work_log(&query).await.expect("their own log");
        assert!(
            log.lines.iter().all(|l| l.participant_id != anna.id),
            "{user}"
        );
        let capacity = client.work_capacity(anna.id).await.unwrap_err();
        assert_eq!(status_of(&capacity), 404, "{user}");
    }
    // Another organisation's programme is not there; viewers do not log work.
    let other = app.as_user("other-coordinator").await;
    let theirs = WorkLogQuery {
        date: Some(date),
        ladder_id: Some(app.ladder),
    };
    assert_eq!(status_of(&other.work_log(&theirs).await.unwrap_err()), 404);
    let viewer = app.viewer().await;
    assert_eq!(
        status_of(&viewer.save_work_log(&entry).await.unwrap_err()),
        403
    );
    assert_eq!(rows(&app, anna.id), (0, 0));
    // A partner never reads it.
    let setup = app
        .kristiansand_kommune(stige_domain::consent::SharingCategory::ALL)
        .await;
    let (_, id) = app.accepted(&setup, "Nina", "Aktiv").await;
    assert_eq!(
        status_of(&setup.api.work_capacity(id).await.unwrap_err()),
        404
    );
}
