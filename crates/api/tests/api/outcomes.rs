//! Outcomes: the situation at the start, at the exit and 3, 6 and 12 months
//! after it, gender for statistics, the checks after exits to do (their list
//! and the Today page), and the ladder's two targets in the report.

use crate::helpers::{action, assert_problem, fields, spawn_app, status_of};
use diesel::prelude::*;
use reqwest::Method;
use serde_json::json;
use stige_client::{
    ExitCheckQuery, OutcomePreferences, ParticipantDetail, SituationInput, StatusChangeRequest,
};
use stige_domain::ExitOutcome;
use stige_domain::consent::SharingCategory;
use stige_domain::enrolment::EnrolmentAction;
use stige_domain::organisation_number::Country;
use stige_domain::situation::{Education, Gender, IncomeSource, Moment, Occupation};
use stige_store::schema::{participants, situations};

fn on_aap() -> SituationInput {
    SituationInput {
        income_source: Some(IncomeSource::NoAap),
        occupation: Some(Occupation::AnotherMeasure),
        education: Some(Education::Isced2),
        ..Default::default()
    }
}

async fn exited(app: &crate::helpers::TestApp, given: &str, days_ago: i64) -> ParticipantDetail {
    let p = app.active_participant(given, "Utskrevet").await;
    app.coordinator()
        .await
        .change_status(
            p.id,
            &StatusChangeRequest {
                outcome: Some(ExitOutcome::WorkSupportedPartTime),
                ..action(EnrolmentAction::Exit)
            },
        )
        .await
        .expect("exit");
    let day = chrono::Utc::now().date_naive() - chrono::Duration::days(days_ago);
    diesel::update(participants::table.find(p.id.0))
        .set(participants::status_since.eq(day))
        .execute(&mut app.conn())
        .expect("backdate");
    p
}

fn situation_rows(app: &crate::helpers::TestApp, id: i64) -> i64 {
    situations::table
        .filter(situations::participant_id.eq(id))
        .count()
        .get_result(&mut app.conn())
        .expect("count")
}

#[actix_web::test]
async fn the_situation_at_start_and_exit_is_recorded_with_gender_and_read_back() {
    let app = spawn_app().await;
    let p = app.active_participant("Siri", "Start").await;
    let mentor_of_none = app.coordinator().await;
    let start = mentor_of_none
        .record_situation(p.id, Moment::Start, &on_aap())
        .await
        .expect("start");
    assert_eq!(start.country, Country::Norway);
    assert!(
        start
            .income_sources
            .contains(&IncomeSource::NoKvalifiseringsstonad)
    );
    assert!(!start.income_sources.contains(&IncomeSource::SeLon));
    assert_eq!(start.situations.len(), 1);
    let s = &start.situations[0];
    assert_eq!(
        (
            s.moment,
            s.reached,
            s.income_source,
            s.occupation,
            s.education
        ),
        (
            Moment::Start,
            true,
            Some(IncomeSource::NoAap),
            Some(Occupation::AnotherMeasure),
            Some(Education::Isced2)
        )
    );
    assert_eq!(s.recorded_by, "coordinator display");
    assert_eq!(start.exited_on, None);
    assert!(start.checks_to_do.is_empty());

    let prefs = mentor_of_none
        .set_outcome_preferences(
            p.id,
            &OutcomePreferences {
                gender: Some(Gender::Woman),
                after_exit_checks_declined: false,
            },
        )
        .await
        .expect("gender");
    assert_eq!(prefs.gender, Some(Gender::Woman));

    // The exit's situation waits for the exit.
    let err = mentor_of_none
        .record_situation(p.id, Moment::Exit, &on_aap())
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 409);
    mentor_of_none
        .change_status(
            p.id,
            &StatusChangeRequest {
                outcome: Some(ExitOutcome::WorkSupportedFullTime),
                ..action(EnrolmentAction::Exit)
            },
        )
        .await
        .expect("exit");
    let exit = mentor_of_none
        .record_situation(
            p.id,
            Moment::Exit,
            &SituationInput {
                income_source: Some(IncomeSource::NoWages),
                occupation: Some(Occupation::WorkWithWageSubsidy),
                ..Default::default()
            },
        )
        .await
        .expect("exit situation");
    assert_eq!(exit.situations.len(), 2);
    assert_eq!(exit.situations[1].moment, Moment::Exit);
    let today = chrono::Utc::now().date_naive();
    assert_eq!(exit.exited_on, Some(today));
    let moments: Vec<Moment> = exit.checks_to_do.iter().map(|c| c.moment).collect();
    assert_eq!(moments, Moment::AFTER_EXIT.to_vec());
    assert_eq!(
        exit.checks_to_do[0].due_on,
        today
            .checked_add_months(chrono::Months::new(3))
            .expect("date")
    );
    // Recording the start again replaces it.
    let again = mentor_of_none
        .record_situation(
            p.id,
            Moment::Start,
            &SituationInput {
                income_source: Some(IncomeSource::NoSosialhjelp),
                occupation: Some(Occupation::Treatment),
                ..Default::default()
            },
        )
        .await
        .expect("again");
    assert_eq!(again.situations.len(), 2);
    assert_eq!(
        again.situations[0].income_source,
        Some(IncomeSource::NoSosialhjelp)
    );
    let read = app.viewer().await.outcomes(p.id).await;
    // Viewers see no one's record; the coordinator reads it back.
    assert_eq!(read.map_err(|e| status_of(&e)).err(), Some(404));
    let read = mentor_of_none.outcomes(p.id).await.expect("read");
    assert_eq!(read, again);
    let actions = app.audit_actions(p.id);
    for action in ["outcome.record", "outcome.preferences", "outcome.read"] {
        assert!(
            actions.iter().any(|a| a == action),
            "{action} in {actions:?}"
        );
    }
}

#[actix_web::test]
async fn bad_situations_are_refused_with_each_field_named_and_nothing_written() {
    let app = spawn_app().await;
    let c = app.coordinator().await;
    let p = app.active_participant("Feil", "Input").await;
    let path = format!("/api/v1/participants/{}/outcomes/start", p.id);
    let problem = assert_problem(
        app.send_json(&c, Method::PUT, &path, json!({"income_source": "se_lon"}))
            .await,
        422,
    )
    .await;
    assert_eq!(fields(&problem), ["income_source", "occupation"]);
    assert_eq!(problem["errors"][0]["code"], "not-known");
    assert_eq!(problem["errors"][1]["code"], "required");
    // "Not reached" is for the checks after an exit.
    let problem = assert_problem(
        app.send_json(&c, Method::PUT, &path, json!({"reached": false}))
            .await,
        422,
    )
    .await;
    assert_eq!(problem["errors"][0]["code"], "reached-after-exit-only");
    // A code that is no income source at all is malformed input.
    assert_problem(
        app.send_json(
            &c,
            Method::PUT,
            &path,
            json!({"income_source": "lottery", "occupation": "none"}),
        )
        .await,
        400,
    )
    .await;
    let unknown_moment = format!("/api/v1/participants/{}/outcomes/someday", p.id);
    assert_problem(
        app.send_json(&c, Method::PUT, &unknown_moment, json!({}))
            .await,
        404,
    )
    .await;
    let gone = exited(&app, "Borte", 100).await;
    let after = format!("/api/v1/participants/{}/outcomes/after_3_months", gone.id);
    let problem = assert_problem(
        app.send_json(
            &c,
            Method::PUT,
            &after,
            json!({"reached": false, "occupation": "education"}),
        )
        .await,
        422,
    )
    .await;
    assert_eq!(problem["errors"][0]["code"], "empty-when-not-reached");
    assert_eq!(situation_rows(&app, p.id.0), 0);
    assert_eq!(situation_rows(&app, gone.id.0), 0);
}

#[actix_web::test]
async fn other_organisations_and_unassigned_mentors_get_404_and_viewers_403() {
    let app = spawn_app().await;
    let p = app.active_participant("Privat", "Person").await;
    for who in ["other-admin", "other-coordinator", "mentor"] {
        let client = app.as_user(who).await;
        let read = client.outcomes(p.id).await.unwrap_err();
        assert_eq!(status_of(&read), 404, "{who} reads");
        let write = client
            .record_situation(p.id, Moment::Start, &on_aap())
            .await
            .unwrap_err();
        assert_eq!(status_of(&write), 404, "{who} writes");
        let prefs = client
            .set_outcome_preferences(p.id, &OutcomePreferences::default())
            .await
            .unwrap_err();
        assert_eq!(status_of(&prefs), 404, "{who} sets");
    }
    let viewer = app.viewer().await;
    let err = viewer
        .record_situation(p.id, Moment::Start, &on_aap())
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 403);
    assert_eq!(situation_rows(&app, p.id.0), 0);
    let other = app.as_user("other-coordinator").await;
    let checks = other
        .exit_checks(&ExitCheckQuery {
            ladder_id: Some(app.ladder.0),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(status_of(&checks), 404, "another organisation's ladder");
}

#[actix_web::test]
async fn checks_after_exits_fall_due_on_the_today_page_until_recorded_or_declined() {
    let app = spawn_app().await;
    let c = app.coordinator().await;
    let due = exited(&app, "Tre", 100).await;
    let later = exited(&app, "Nylig", 10).await;
    let declined = exited(&app, "Nei", 100).await;
    c.set_outcome_preferences(
        declined.id,
        &OutcomePreferences {
            gender: None,
            after_exit_checks_declined: true,
        },
    )
    .await
    .expect("decline");

    let today = c.today().await.expect("today");
    let on_today: Vec<_> = today
        .exit_checks_due
        .iter()
        .map(|c| (c.participant.id, c.moment))
        .collect();
    assert_eq!(on_today, vec![(due.id, Moment::AfterThreeMonths)]);

    let all = c
        .exit_checks(&ExitCheckQuery::default())
        .await
        .expect("list");
    // Three checks for each of the two who did not decline.
    assert_eq!(all.total, 6);
    assert!(all.items.iter().all(|c| c.participant.id != declined.id));
    assert!(all.items.windows(2).all(|w| w[0].due_on <= w[1].due_on));
    let page_two = c
        .exit_checks(&ExitCheckQuery {
            page: Some(2),
            per_page: Some(4),
            ..Default::default()
        })
        .await
        .expect("page 2");
    assert_eq!((page_two.items.len(), page_two.total), (2, 6));
    assert!(page_two.items.iter().any(|c| c.participant.id == later.id));

    // Recording "not reached" is an answer: the check leaves the list.
    c.record_situation(
        due.id,
        Moment::AfterThreeMonths,
        &SituationInput {
            reached: Some(false),
            ..Default::default()
        },
    )
    .await
    .expect("not reached");
    let today = c.today().await.expect("today");
    assert!(today.exit_checks_due.is_empty());
    let err = c
        .exit_checks(&ExitCheckQuery {
            per_page: Some(0),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 422);
    // Mentors see the checks of their own people only.
    let mentor = app.mentor().await;
    let theirs = mentor
        .exit_checks(&ExitCheckQuery::default())
        .await
        .expect("mentor");
    assert_eq!(theirs.total, 0);
}

#[actix_web::test]
async fn the_report_shows_planned_exits_against_the_throughput_target() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let ladder = admin.ladder(app.ladder).await.expect("ladder");
    admin
        .update_ladder(
            app.ladder,
            &stige_client::NewLadder {
                name: Some(ladder.name.clone()),
                description: Some(ladder.description.clone()),
                annual_target: Some(12),
                throughput_target: Some(40),
                ..Default::default()
            },
        )
        .await
        .expect("targets");
    let c = app.coordinator().await;
    for (given, outcome) in [
        ("Arbeid", ExitOutcome::WorkOrdinaryFullTime),
        ("Behandling", ExitOutcome::Treatment),
        ("Flyttet", ExitOutcome::Moved),
    ] {
        let p = app.active_participant(given, "Ut").await;
        c.change_status(
            p.id,
            &StatusChangeRequest {
                outcome: Some(outcome),
                ..action(EnrolmentAction::Exit)
            },
        )
        .await
        .expect("exit");
    }
    let year = chrono::Datelike::year(&chrono::Utc::now().date_naive());
    let report = admin
        .programme_report(&stige_client::ReportQuery {
            ladder: Some(app.ladder.0),
            from: chrono::NaiveDate::from_ymd_opt(year, 1, 1),
            to: chrono::NaiveDate::from_ymd_opt(year, 12, 31),
            ..Default::default()
        })
        .await
        .expect("report");
    let planned = report.planned_exits.expect("planned exits");
    assert_eq!(planned.annual_target, Some(40));
    assert_eq!(
        planned.through,
        stige_domain::small_cells::ShownCount::Number(2)
    );
    let work = report.throughput.expect("to work or education");
    assert_eq!(work.annual_target, Some(12));
    assert_eq!(
        work.through,
        stige_domain::small_cells::ShownCount::Number(1)
    );
}

#[actix_web::test]
async fn a_partner_sees_the_situations_after_the_exit_only_with_scope_and_consent() {
    let app = spawn_app().await;
    let with = app
        .kristiansand_kommune(&[
            stige_domain::consent::SharingCategory::Outcome,
            stige_domain::consent::SharingCategory::OutcomesAfterExit,
        ])
        .await;
    let (_, id) = app.accepted(&with, "Kari", "Etterpaa").await;
    let c = app.coordinator().await;
    c.change_status(id, &action(EnrolmentAction::Activate))
        .await
        .expect("activate");
    c.change_status(
        id,
        &StatusChangeRequest {
            outcome: Some(ExitOutcome::Education),
            ..action(EnrolmentAction::Exit)
        },
    )
    .await
    .expect("exit");
    c.record_situation(
        id,
        Moment::AfterThreeMonths,
        &SituationInput {
            income_source: Some(IncomeSource::NoWages),
            occupation: Some(Occupation::WorkWithoutWageSubsidy),
            ..Default::default()
        },
    )
    .await
    .expect("after 3 months");
    // In scope, but the person has not consented: nothing.
    let read = with.api.partner_participant(id).await.expect("read");
    assert_eq!(read.outcomes_after_exit, None);
    let purpose = "Follow-up after the exit";
    with.consented(&c, id, &[SharingCategory::OutcomesAfterExit], purpose)
        .await;
    let read = with.api.partner_participant(id).await.expect("read");
    let seen = read.outcomes_after_exit.expect("consented");
    assert_eq!(seen.len(), 1);
    assert_eq!(
        (seen[0].moment, seen[0].occupation),
        (
            Moment::AfterThreeMonths,
            Some(Occupation::WorkWithoutWageSubsidy)
        )
    );
    // The person's own record stays closed to partners, and another
    // partner's agreement sees nothing of the person.
    let err = with.api.outcomes(id).await.unwrap_err();
    assert_eq!(status_of(&err), 404);
    let other = app
        .partner(
            "Vennesla kommune",
            "964967636",
            stige_domain::consent::SharingCategory::ALL,
        )
        .await;
    let err = other.api.partner_participant(id).await.unwrap_err();
    assert_eq!(status_of(&err), 404);
}
