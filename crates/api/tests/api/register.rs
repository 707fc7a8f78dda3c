//! The register as staff meet it: who is expected (planned weekdays, pauses,
//! internships), undo of a mark, and a ladder that lets the staff on duty mark the
//! whole house.

use crate::attendance::workday;
use crate::helpers::{Sent, action, assert_problem, fields, spawn_app, status_of};
use crate::placements::{confirm_by_employer, placement};
use chrono::{Datelike, Duration};
use stige_client::{MarkInput, NewLadder, NewPlannedParticipation, RegisterQuery, RegisterUpdate};
use stige_domain::attendance::{AttendanceMark, Expectation, week_start};
use stige_domain::enrolment::EnrolmentAction;

fn mark(p: stige_domain::ParticipantId, m: AttendanceMark) -> RegisterUpdate {
    RegisterUpdate {
        date: Some(workday()),
        step_id: None,
        ladder_id: None,
        marks: vec![MarkInput {
            participant_id: p,
            mark: m,
        }],
        activity_marks: vec![],
    }
}

fn day_query() -> RegisterQuery {
    RegisterQuery {
        date: Some(workday()),
        step_id: None,
        ladder_id: None,
    }
}

#[actix_web::test]
async fn the_register_expects_people_on_their_planned_days_and_lists_the_rest_apart() {
    let app = spawn_app().await;
    let c = app.coordinator().await;
    let today_iso = i64::from(workday().weekday().number_from_monday());
    let other_day = today_iso % 5 + 1;
    let planned = app.active_participant("Anna", "Aas").await;
    let elsewhere = app.active_participant("Berit", "Bakke").await;
    let paused = app.active_participant("Cato", "Carlsen").await;
    let placed = app.active_participant("Dina", "Dahl").await;
    let plan = |days: Vec<i64>| NewPlannedParticipation {
        weekdays: Some(days),
        valid_from: Some(workday() - Duration::days(7)),
        hours_per_week: None,
    };
    for (p, day) in [(&planned, today_iso), (&elsewhere, other_day)] {
        c.add_planned_participation(p.id, &plan(vec![day]))
            .await
            .expect("plan");
    }
    let pause = stige_client::StatusChangeRequest {
        reason: Some("Sykmeldt".into()),
        ..action(EnrolmentAction::Pause)
    };
    c.change_status(paused.id, &pause).await.expect("pause");
    let (_, placement_id) = placement(&app, placed.id, -3).await;
    confirm_by_employer(&app, placement_id).await;
    // Two working days absent without notice before the internship began.
    let before = week_start(workday()) - Duration::days(7);
    for d in [before, before + Duration::days(1)] {
        c.save_register(&RegisterUpdate {
            date: Some(d),
            ..mark(placed.id, AttendanceMark::AbsentWithoutNotice)
        })
        .await
        .expect("earlier absences");
    }

    let register = c.register(&day_query()).await.expect("register");

    let seen: Vec<_> = register
        .lines
        .iter()
        .map(|l| (l.participant_id, l.expected))
        .collect();
    assert_eq!(
        seen,
        vec![
            (planned.id, Expectation::Expected),
            (elsewhere.id, Expectation::NotScheduled),
            (paused.id, Expectation::Paused),
            (placed.id, Expectation::AtInternship),
        ]
    );
    assert_eq!((register.expected, register.unmarked), (1, 1));
    // Today uses the same definition, when today is a working day.
    if workday() == chrono::Utc::now().date_naive() {
        let today = c.today().await.expect("today");
        assert_eq!(
            today.not_marked.iter().map(|p| p.id).collect::<Vec<_>>(),
            vec![planned.id]
        );
        assert_eq!(today.register_total, 1);
        assert!(
            today.early_warnings.is_empty(),
            "at an internship, not absent"
        );
    }
    // Someone not expected may still come, and is marked like anyone else.
    let saved = c
        .save_register(&mark(elsewhere.id, AttendanceMark::Present))
        .await
        .expect("save");
    assert_eq!(saved.unmarked, 1);
}

#[actix_web::test]
async fn a_mark_is_undone_and_the_undo_is_audited() {
    let app = spawn_app().await;
    let a = app.active_participant("Anna", "Lind").await;
    let c = app.coordinator().await;
    c.save_register(&mark(a.id, AttendanceMark::Present))
        .await
        .expect("mark");

    c.clear_mark(a.id, workday()).await.expect("undo");

    let register = c.register(&day_query()).await.expect("register");
    assert_eq!(register.lines[0].mark, None);
    assert!(
        app.audit_actions(a.id)
            .contains(&"attendance.unmark".to_owned())
    );
    let again = c.clear_mark(a.id, workday()).await.unwrap_err();
    assert_eq!(status_of(&again), 404, "no mark left to remove");
}

#[actix_web::test]
async fn an_undo_with_a_bad_date_or_of_someone_else_is_refused_and_keeps_the_mark() {
    let app = spawn_app().await;
    let a = app.active_participant("Anna", "Lind").await;
    let c = app.coordinator().await;
    c.save_register(&mark(a.id, AttendanceMark::Present))
        .await
        .expect("mark");
    let response = app
        .send_json(
            &c,
            reqwest::Method::DELETE,
            &format!("/api/v1/participants/{}/attendance/yesterday", a.id),
            serde_json::json!({}),
        )
        .await;
    let problem = assert_problem(response, 422).await;
    assert_eq!(fields(&problem), vec!["date"]);

    let err = app
        .mentor()
        .await
        .clear_mark(a.id, workday())
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 404, "not the mentor's participant");

    let register = c.register(&day_query()).await.expect("register");
    assert_eq!(register.lines[0].mark, Some(AttendanceMark::Present));
}

#[actix_web::test]
async fn a_ladder_can_let_the_mentor_on_duty_mark_the_whole_house() {
    let app = spawn_app().await;
    let mine = app.active_participant("Anna", "Lind").await;
    let other = app.active_participant("Erik", "Ek").await;
    let c = app.coordinator().await;
    app.assign_the_mentor(&c, mine.id).await;
    let mentor = app.mentor().await;
    let err = mentor
        .save_register(&mark(other.id, AttendanceMark::Present))
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 404, "off by default");
    let setting = NewLadder {
        name: Some("Huset".into()),
        whole_house_register: Some(true),
        ..Default::default()
    };
    let refused = c.update_ladder(app.ladder, &setting).await.unwrap_err();
    assert_eq!(status_of(&refused), 403, "only an admin changes the ladder");

    let ladder = app
        .admin()
        .await
        .update_ladder(app.ladder, &setting)
        .await
        .expect("setting");

    assert!(ladder.whole_house_register);
    let register = mentor.register(&day_query()).await.expect("register");
    assert_eq!(register.lines.len(), 2);
    mentor
        .save_register(&mark(other.id, AttendanceMark::Present))
        .await
        .expect("the mentor on duty marks anyone in the house");
    // Renaming without the field keeps the setting.
    let renamed = app
        .admin()
        .await
        .update_ladder(
            app.ladder,
            &NewLadder {
                name: Some("Huset 2".into()),
                ..Default::default()
            },
        )
        .await
        .expect("rename");
    assert!(renamed.whole_house_register);
    // The participant page itself stays closed to the mentor.
    assert_eq!(
        status_of(&mentor.attendance(other.id).await.unwrap_err()),
        404
    );
}

#[actix_web::test]
async fn a_whole_house_setting_that_is_not_a_yes_or_no_is_refused() {
    let app = spawn_app().await;
    let admin = app.as_user("admin").await;
    let response = app
        .send_json(
            &admin,
            reqwest::Method::PUT,
            &format!("/api/v1/ladders/{}", app.ladder),
            serde_json::json!({"name": "Huset", "whole_house_register": "often"}),
        )
        .await;
    assert!(response.status().is_client_error());
    let ladder = app.admin().await.ladder(app.ladder).await.expect("ladder");
    assert!(!ladder.whole_house_register, "nothing written");
}

#[actix_web::test]
async fn a_programme_s_register_lists_that_programme_s_house_only() {
    let app = spawn_app().await;
    let ours = app.active_participant("Anna", "Aas").await;
    let c = app.coordinator().await;
    let other = app
        .new_participant_on(app.other_ladder, "Berit", "Bakke")
        .await;
    c.change_status(other.id, &action(EnrolmentAction::Activate))
        .await
        .expect("activate");
    let listed =
        |r: stige_client::Register| r.lines.iter().map(|l| l.participant_id).collect::<Vec<_>>();
    let of = |ladder| RegisterQuery {
        ladder_id: Some(ladder),
        ..day_query()
    };
    let house = c.register(&day_query()).await.expect("house");
    assert_eq!(
        listed(house),
        vec![ours.id, other.id],
        "the organisation's house"
    );
    let first = c.register(&of(app.ladder)).await.expect("first");
    assert_eq!(listed(first), vec![ours.id]);
    let second = c.register(&of(app.other_ladder)).await.expect("second");
    assert_eq!(listed(second), vec![other.id]);
    // Saving marks answers with the register of the programme asked for.
    let saved = c
        .save_register(&RegisterUpdate {
            ladder_id: Some(app.other_ladder),
            ..mark(other.id, AttendanceMark::Present)
        })
        .await
        .expect("save");
    assert_eq!(listed(saved), vec![other.id]);
    // Another organisation's programme is not there; a malformed one is refused.
    let e = c.register(&of(app.stranger.ladder)).await.unwrap_err();
    assert_eq!(status_of(&e), 404);
    let stranger = app.as_user("other-coordinator").await;
    let e = stranger.register(&of(app.ladder)).await.unwrap_err();
    assert_eq!(status_of(&e), 404);
    let response = c
        .request(reqwest::Method::GET, "/api/v1/attendance?ladder_id=first")
        .sent()
        .await;
    assert_problem(response, 400).await;
}
