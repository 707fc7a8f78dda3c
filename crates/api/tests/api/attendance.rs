use crate::helpers::{action, spawn_app, status_of};
use chrono::{Duration, NaiveDate};
use stige_client::{
    MarkInput, NewPlannedParticipation, RegisterQuery, RegisterUpdate, StatusChangeRequest,
};
use stige_domain::ExitOutcome;
use stige_domain::attendance::{AttendanceMark, is_working_day, previous_working_day};
use stige_domain::enrolment::EnrolmentAction;

/// The latest working day up to today (tests run on weekends too).
pub fn workday() -> NaiveDate {
    let today = chrono::Utc::now().date_naive();
    if is_working_day(today) {
        today
    } else {
        previous_working_day(today)
    }
}

fn marks(date: NaiveDate, marks: Vec<MarkInput>) -> RegisterUpdate {
    RegisterUpdate {
        date: Some(date),
        step_id: None,
        ladder_id: None,
        marks,
        activity_marks: vec![],
    }
}

#[actix_web::test]
async fn the_register_lists_active_participants_and_keeps_corrections() {
    let app = spawn_app().await;
    let a = app.active_participant("Anna", "Lind").await;
    let b = app.active_participant("Erik", "Ek").await;
    app.new_participant("Not", "Active").await;
    let c = app.coordinator().await;
    let day = workday();
    let register = c
        .register(&RegisterQuery {
            date: Some(day),
            step_id: None,
            ladder_id: None,
        })
        .await
        .expect("register");
    assert_eq!(register.lines.len(), 2);
    assert_eq!(register.unmarked, 2);
    let saved = c
        .save_register(&marks(
            day,
            vec![
                MarkInput {
                    participant_id: a.id,
                    mark: AttendanceMark::Present,
                },
                MarkInput {
                    participant_id: b.id,
                    mark: AttendanceMark::AbsentWithoutNotice,
                },
            ],
        ))
        .await
        .expect("save");
    assert_eq!(saved.unmarked, 0);
    c.save_register(&marks(
        day,
        vec![MarkInput {
            participant_id: a.id,
            mark: AttendanceMark::SentHome,
        }],
    ))
    .await
    .expect("correct");
    let summary = c.attendance(a.id).await.expect("summary");
    assert_eq!(summary.corrections.len(), 1);
    assert_eq!(
        (
            summary.corrections[0].previous_mark,
            summary.corrections[0].new_mark
        ),
        (AttendanceMark::Present, AttendanceMark::SentHome)
    );
    assert_eq!(summary.weekly.len(), 8);
    assert!(
        app.audit_actions(a.id)
            .contains(&"attendance.correct".to_owned())
    );
    let by_step = c
        .register(&RegisterQuery {
            date: Some(day),
            step_id: Some(app.steps[1]),
            ladder_id: None,
        })
        .await
        .expect("register");
    assert!(by_step.lines.is_empty());
}

#[actix_web::test]
async fn a_future_day_or_an_exited_participant_gets_422_and_nothing_is_written() {
    let app = spawn_app().await;
    let a = app.active_participant("Anna", "Lind").await;
    let c = app.coordinator().await;
    let future = workday() + Duration::days(7);
    let err = c
        .save_register(&marks(
            future,
            vec![MarkInput {
                participant_id: a.id,
                mark: AttendanceMark::Present,
            }],
        ))
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 422);
    assert_eq!(
        err.problem().map(|p| p.errors[0].field.as_str()),
        Some("date")
    );
    let exit = StatusChangeRequest {
        outcome: Some(ExitOutcome::Education),
        ..action(EnrolmentAction::Exit)
    };
    c.change_status(a.id, &exit).await.expect("exit");
    // Someone who exited on the last working day (on a weekend, the API
    // cannot date an exit before the status began today: set in the store).
    let b = app.active_participant("Berit", "Lind").await;
    {
        use diesel::prelude::*;
        use stige_store::schema::participants;
        diesel::update(participants::table.find(b.id.0))
            .set((
                participants::status.eq("exited"),
                participants::status_since.eq(workday()),
            ))
            .execute(&mut app.conn())
            .expect("exited");
    }
    let err = c
        .save_register(&marks(
            workday(),
            vec![MarkInput {
                participant_id: b.id,
                mark: AttendanceMark::Present,
            }],
        ))
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 422);
    assert_eq!(
        err.problem().map(|p| p.errors[0].field.as_str()),
        Some("marks[0].participant_id")
    );
    let summary = c.attendance(a.id).await.expect("summary");
    assert!(summary.weekly.iter().all(|w| w.rate.is_none()));
}

#[actix_web::test]
async fn a_mentor_marks_only_their_own_participants() {
    let app = spawn_app().await;
    let mine = app.active_participant("Anna", "Lind").await;
    let other = app.active_participant("Erik", "Ek").await;
    let c = app.coordinator().await;
    app.assign_the_mentor(&c, mine.id).await;
    let mentor = app.mentor().await;
    let register = mentor
        .register(&RegisterQuery::default())
        .await
        .expect("register");
    assert_eq!(
        register
            .lines
            .iter()
            .map(|l| l.participant_id)
            .collect::<Vec<_>>(),
        vec![mine.id]
    );
    let err = mentor
        .save_register(&marks(
            workday(),
            vec![
                MarkInput {
                    participant_id: mine.id,
                    mark: AttendanceMark::Present,
                },
                MarkInput {
                    participant_id: other.id,
                    mark: AttendanceMark::Present,
                },
            ],
        ))
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 404);
    assert_eq!(
        c.register(&RegisterQuery {
            date: Some(workday()),
            step_id: None,
            ladder_id: None,
        })
        .await
        .expect("r")
        .unmarked,
        2,
        "nothing written"
    );
    assert_eq!(
        status_of(&mentor.attendance(other.id).await.unwrap_err()),
        404
    );
    assert_eq!(
        status_of(
            &app.viewer()
                .await
                .register(&RegisterQuery::default())
                .await
                .unwrap_err()
        ),
        403
    );
}

#[actix_web::test]
async fn planned_participation_keeps_its_changes_and_refuses_nonsense() {
    let app = spawn_app().await;
    let a = app.active_participant("Anna", "Lind").await;
    let c = app.coordinator().await;
    let plan = |days: &[i64]| NewPlannedParticipation {
        weekdays: Some(days.to_vec()),
        ..Default::default()
    };
    c.add_planned_participation(a.id, &plan(&[1, 2, 3]))
        .await
        .expect("plan");
    let s = c
        .add_planned_participation(a.id, &plan(&[5, 1]))
        .await
        .expect("plan");
    assert_eq!(
        s.plans
            .iter()
            .map(|p| p.weekdays.clone())
            .collect::<Vec<_>>(),
        vec![vec![1, 2, 3], vec![1, 5]]
    );
    for nonsense in [&[9][..], &[0], &[]] {
        let err = c
            .add_planned_participation(a.id, &plan(nonsense))
            .await
            .unwrap_err();
        assert_eq!(status_of(&err), 422);
        assert_eq!(
            err.problem().map(|p| p.errors[0].field.as_str()),
            Some("weekdays")
        );
    }
    let err = c
        .add_planned_participation(a.id, &NewPlannedParticipation::default())
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 422);
    assert_eq!(c.attendance(a.id).await.expect("s").plans.len(), 2);
}
