//! Retention: people whose ladder's period after exit has run out are
//! anonymised (`stige retention`, the daily job), and anonymisation keeps every
//! figure of the programme report.

use crate::helpers::{action, spawn_app};
use diesel::prelude::*;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use stige_client::StatusChangeRequest;
use stige_domain::enrolment::EnrolmentAction;
use stige_domain::report::{Period, programme_report};
use stige_domain::small_cells::Disclosure;
use stige_domain::{ExitOutcome, LadderId, ParticipantId};
use stige_store::reports::{self, Scope};
use stige_store::row_security::RowScope;
use stige_store::schema::participants;

#[actix_web::test]
async fn retention_anonymises_only_those_whose_period_ran_out_and_a_dry_run_changes_nothing() {
    let app = spawn_app().await;
    let c = app.coordinator().await;
    let old = app.active_participant("Eldre", "Utskrevet").await;
    let recent = app.active_participant("Nylig", "Utskrevet").await;
    for p in [&old, &recent] {
        c.change_status(
            p.id,
            &StatusChangeRequest {
                outcome: Some(ExitOutcome::Education),
                ..action(EnrolmentAction::Exit)
            },
        )
        .await
        .expect("exit");
    }
    let today = chrono::Utc::now().date_naive();
    // Exited five years and a day ago, and one year ago; the test ladder keeps
    // people five years (the default).
    let long_ago = today - chrono::Duration::days(5 * 366);
    diesel::update(participants::table.find(old.id.0))
        .set(participants::status_since.eq(long_ago))
        .execute(&mut app.conn())
        .expect("backdate");
    diesel::update(participants::table.find(recent.id.0))
        .set(participants::status_since.eq(today - chrono::Duration::days(365)))
        .execute(&mut app.conn())
        .expect("backdate");

    let dry = stige_api::retention::run(&app.store, today, true).expect("dry run");
    assert_eq!(dry.people, vec![old.id]);
    assert_eq!(dry.rows.get("participants"), Some(&1));
    assert!(dry.rows.get("step_moves").is_some_and(|n| *n >= 1));
    let text = stige_api::retention::describe(&dry, true);
    assert!(text.starts_with("Would anonymise 1 people."), "{text}");
    let admin = app.admin().await;
    assert_eq!(
        admin.participant(old.id).await.expect("read").given_name,
        "Eldre"
    );

    let done = stige_api::retention::run(&app.store, today, false).expect("run");
    assert_eq!(done, dry, "the dry run said what the run did");
    assert_eq!(
        admin.participant(old.id).await.expect("read").given_name,
        "Anonymised"
    );
    assert_eq!(
        admin.participant(recent.id).await.expect("read").given_name,
        "Nylig"
    );
    let events = stige_store::audit::for_participant(&mut app.conn(), old.id).expect("audit");
    let anonymised = events
        .iter()
        .find(|e| e.action == "participant.anonymised")
        .expect("audited");
    assert_eq!(anonymised.actor_kind, "system");
    // Nobody is due twice.
    let again = stige_api::retention::run(&app.store, today, false).expect("again");
    assert!(again.people.is_empty());
}

/// Property: for random sets of people, anonymising them leaves the programme
/// report for any period identical, on SQLite and on PostgreSQL. Each round
/// anonymises another random set (reproducible: a seeded generator) and
/// compares every report with the one from before any anonymisation.
#[test]
fn the_programme_report_is_identical_before_and_after_anonymising_any_set_of_people() {
    let day = chrono::NaiveDate::from_ymd_opt(2026, 6, 30).expect("date");
    for backend in stige_store::testing::backends() {
        let (_db, store) = crate::research::seeded(backend, day);
        let mut rng = StdRng::seed_from_u64(20);
        let mut periods = vec![
            Period::year(2025).expect("year"),
            Period::parse(date(2023, 7, 1), date(2026, 6, 30)).expect("period"),
            // Not on month bounds: anonymisation keeps the days reports read.
            Period::parse(date(2025, 2, 14), date(2025, 9, 3)).expect("period"),
        ];
        for _ in 0..3 {
            let from = date(2023, 7, 1) + chrono::Duration::days(rng.gen_range(0..900));
            let to = from + chrono::Duration::days(rng.gen_range(0..300));
            periods.push(Period::parse(from, to.min(day)).expect("random period"));
        }
        let scopes = [1, 2].map(|ladder| Scope {
            ladder: LadderId(ladder),
            agreement: None,
        });
        let report = |scope: Scope, period: Period| {
            let input = reports::report_input(&store, scope, period, None, RowScope::Installation)
                .expect("input")
                .expect("ladder");
            (
                programme_report(&input, Disclosure::Exact),
                programme_report(&input, Disclosure::Controlled),
            )
        };
        let before: Vec<_> = scopes
            .iter()
            .flat_map(|s| periods.iter().map(move |p| (*s, *p)))
            .map(|(s, p)| ((s, p), report(s, p)))
            .collect();
        let mut people: Vec<i64> = participants::table
            .select(participants::id)
            .order(participants::id.asc())
            .load(&mut store.conn().expect("conn"))
            .expect("people");
        assert!(people.len() > 100, "{backend}: enough people to sample");
        for round in 0..3 {
            // A random set of the people not anonymised yet.
            let share = rng.gen_range(5..40);
            let (chosen, rest): (Vec<i64>, Vec<i64>) = people
                .into_iter()
                .partition(|_| rng.gen_range(0..100) < share);
            people = rest;
            let chosen: Vec<ParticipantId> = chosen.into_iter().map(ParticipantId).collect();
            store
                .transaction(|conn| -> Result<_, stige_store::StoreError> {
                    Ok(stige_api::retention::anonymise_all(
                        conn,
                        &chosen,
                        stige_store::audit::Actor::System,
                        "test",
                    )?)
                })
                .expect("anonymise");
            for ((scope, period), expected) in &before {
                assert_eq!(
                    &report(*scope, *period),
                    expected,
                    "{backend}, round {round} ({} people), {scope:?}, {period:?}",
                    chosen.len()
                );
            }
        }
    }
}

fn date(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).expect("date")
}
