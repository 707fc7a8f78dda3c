//! Consent to research, the anonymised extract, and the reports' equality on
//! SQLite and PostgreSQL.

use crate::helpers::{assert_problem, fields, spawn_app, status_of};
use crate::reports::{Story, last_year, three_stories, today, whole_months};
use reqwest::Method;
use stige_client::ResearchConsentChange;
use stige_domain::report::research::{self, LEVELS};
use stige_domain::report::{Period, programme_report};
use stige_domain::small_cells::Disclosure;
use stige_domain::{ExitOutcome, LadderId, ParticipantId};
use stige_store::reports::{self, Scope};
use stige_store::row_security::RowScope;
use stige_store::testing::TestDatabase;
use stige_store::{Store, migrate};

/// `n` people like story A of [`three_stories`] (started 100 days ago, up
/// after 40 days, out to work 10 days ago), with ids from `first`.
fn alike(first: i64, n: i64, research_consent: bool) -> Vec<Story> {
    (first..first + n)
        .map(|id| Story {
            id,
            research_consent,
            ..three_stories(None).swap_remove(0)
        })
        .collect()
}

#[actix_web::test]
async fn the_extract_is_k_anonymous_holds_only_consenting_participants_and_fresh_pseudonyms() {
    let app = spawn_app().await;
    let mut stories = alike(1001, 5, true);
    stories.extend(alike(1006, 1, false));
    // Alone in their combination: started 300 days ago, out to treatment.
    stories.push(Story {
        id: 1007,
        agreement: None,
        statuses: vec![
            (300, None, "referred", None),
            (290, Some("referred"), "active", None),
            (5, Some("active"), "exited", Some(ExitOutcome::Treatment)),
        ],
        moves: vec![(290, 0)],
        research_consent: true,
    });
    app.write_stories(&stories);
    let researcher = app.researcher().await;
    // Researchers, like every audience under disclosure control, ask for
    // whole calendar months.
    let q = whole_months(&app);
    let first = researcher.research_extract(&q).await.expect("extract");
    // 1001 to 1005 consented and share every quasi-identifier; 1006 did not
    // consent; 1007 consented but is alone in its combination: suppressed.
    assert_eq!(first.k, 5);
    assert_eq!(first.records.len(), 5);
    assert_eq!(first.suppressed_records, 1);
    assert_eq!(first.generalisation, LEVELS[0]);
    let r = &first.records[0];
    assert_eq!(r.days_per_step, vec!["31-60", "31-60", "0"]);
    assert_eq!(r.moves_up, 1);
    assert_eq!(r.exit_outcome, Some(ExitOutcome::WorkOrdinaryPartTime));
    let birth = chrono::NaiveDate::from_ymd_opt(1990, 5, 17).expect("date");
    let age = research::age_on(birth, today()).expect("age");
    let low = age / 5 * 5;
    assert_eq!(r.age_band, Some(format!("{low}-{}", low + 4)));
    assert!(r.pseudonym.starts_with("R-"));
    let second = researcher.research_extract(&q).await.expect("extract");
    for a in &first.records {
        assert!(second.records.iter().all(|b| a.pseudonym != b.pseudonym));
    }
    // Nothing that names the person.
    let csv = researcher.research_extract_csv(&q).await.expect("csv");
    let json = serde_json::to_string(&first).expect("json");
    for text in [&csv, &json] {
        assert!(
            !text.contains("Given1001") && !text.contains("Family1001") && !text.contains("1001")
        );
        assert!(!text.contains("1990-05-17"));
    }
    assert!(csv.starts_with("pseudonym,age_band,"));
    assert!(
        csv.lines()
            .next()
            .is_some_and(|h| h.ends_with("days_step_1,days_step_2,days_step_3"))
    );
    // Admins and researchers take it; coordinators, viewers and mentors may not.
    assert!(app.admin().await.research_extract(&q).await.is_ok());
    for client in [
        app.coordinator().await,
        app.viewer().await,
        app.mentor().await,
    ] {
        let err = client.research_extract(&q).await.unwrap_err();
        assert_eq!(status_of(&err), 403);
        let err = client.research_extract_csv(&q).await.unwrap_err();
        assert_eq!(status_of(&err), 403);
    }
    // Every extract is audited with its parameters.
    let extracts = stige_store::audit::with_action(
        &mut app.conn(),
        stige_domain::AuditAction::ResearchExtract,
    )
    .expect("audit");
    assert_eq!(extracts.len(), 4);
    let details: Vec<String> = extracts.iter().filter_map(|e| e.detail.clone()).collect();
    assert!(
        details.iter().any(|d| d.contains("format=csv")
            && d.contains(&format!("from={}", q.from.expect("from")))
            && d.contains("records=5 suppressed=1")),
        "{details:?}"
    );
    // Each extract is on the record of the people it holds, and only theirs.
    let touched = |id: i64| {
        stige_store::audit::touching(&mut app.conn(), ParticipantId(id))
            .expect("audit")
            .iter()
            .filter(|e| e.action == "research.extract")
            .count()
    };
    assert_eq!(touched(1001), 4);
    assert_eq!(touched(1005), 4);
    assert_eq!(touched(1006), 0, "did not consent");
    assert_eq!(touched(1007), 0, "suppressed");
}

#[actix_web::test]
async fn consent_to_research_is_given_and_revoked_and_revocation_leaves_the_extract() {
    let app = spawn_app().await;
    app.write_stories(&three_stories(None));
    let c = app.coordinator().await;
    let b = ParticipantId(1002);
    let before = c.research_consent(b).await.expect("consent");
    assert!(!before.in_force && before.given_on.is_none());
    let given = c
        .set_research_consent(
            b,
            &ResearchConsentChange {
                given: Some(true),
                date: None,
            },
        )
        .await
        .expect("give");
    assert!(given.in_force);
    assert_eq!(given.given_on, Some(today()));
    let q = last_year(&app);
    let admin = app.admin().await;
    let in_extract =
        |e: stige_client::ResearchExtract| e.records.len() + e.suppressed_records as usize;
    assert_eq!(
        in_extract(admin.research_extract(&q).await.expect("extract")),
        2
    );
    let revoked = c
        .set_research_consent(
            ParticipantId(1001),
            &ResearchConsentChange {
                given: Some(false),
                date: None,
            },
        )
        .await
        .expect("revoke");
    assert!(!revoked.in_force);
    assert_eq!(revoked.revoked_on, Some(today()));
    assert_eq!(
        in_extract(admin.research_extract(&q).await.expect("extract")),
        1
    );
    let actions = app.audit_actions(b);
    assert!(
        actions.contains(&"research_consent.give".to_owned()),
        "{actions:?}"
    );
}

#[actix_web::test]
async fn bad_consent_changes_write_nothing_and_others_participants_are_404() {
    let app = spawn_app().await;
    app.write_stories(&three_stories(None));
    let c = app.coordinator().await;
    let path = "/api/v1/participants/1002/research-consent";
    let r = app
        .send_json(&c, Method::PUT, path, serde_json::json!({}))
        .await;
    assert_eq!(fields(&assert_problem(r, 422).await), vec!["given"]);
    let tomorrow = today() + chrono::Duration::days(1);
    let r = app
        .send_json(
            &c,
            Method::PUT,
            path,
            serde_json::json!({"given": true, "date": tomorrow}),
        )
        .await;
    assert_eq!(fields(&assert_problem(r, 422).await), vec!["date"]);
    let r = app
        .send_json(&c, Method::PUT, path, serde_json::json!({"given": false}))
        .await;
    assert_problem(r, 409).await;
    let still = c
        .research_consent(ParticipantId(1002))
        .await
        .expect("consent");
    assert!(still.given_on.is_none() && still.revoked_on.is_none());
    // A mentor not assigned to the participant, and the viewer: 404 / 403.
    let err = app
        .mentor()
        .await
        .research_consent(ParticipantId(1002))
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 404);
    let err = app
        .viewer()
        .await
        .research_consent(ParticipantId(1002))
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 403);
    let err = c
        .research_consent(ParticipantId(999_999))
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 404);
}

pub fn seeded(backend: &str, today: chrono::NaiveDate) -> (TestDatabase, Store) {
    let db = TestDatabase::new(backend).expect("database");
    let store = Store::open(&db.url).expect("open");
    migrate::run(&store).expect("migrate");
    stige_demo::programmes::seed_if_empty(&store, today).expect("demo");
    stige_demo::seed::run(
        &store,
        stige_demo::seed::SeedOptions {
            participants: 600,
            years: 3,
            seed: 11,
            today,
            progress: false,
        },
    )
    .expect("seed");
    (db, store)
}

/// The period from `from` to `to`, each (year, month, day).
fn period(from: (i32, u32, u32), to: (i32, u32, u32)) -> Period {
    Period::parse(
        chrono::NaiveDate::from_ymd_opt(from.0, from.1, from.2).expect("date"),
        chrono::NaiveDate::from_ymd_opt(to.0, to.1, to.2).expect("date"),
    )
    .expect("period")
}

/// Every report on the same generated data gives identical figures on SQLite
/// and PostgreSQL: the SQL aggregation means the same thing on both.
#[test]
fn every_report_is_identical_on_sqlite_and_postgresql() {
    let day = chrono::NaiveDate::from_ymd_opt(2026, 6, 30).expect("date");
    let (_a, sqlite) = seeded("sqlite", day);
    let (_b, postgres) = seeded("postgres", day);
    let mut lite = sqlite.conn().expect("conn");
    let mut compared = 0;
    for ladder in [1, 2] {
        let mut agreements: Vec<Option<i64>> = vec![None];
        agreements.extend(
            reports::ladder_agreements(&mut lite, LadderId(ladder))
                .expect("agreements")
                .into_iter()
                .map(|(id, _, _)| Some(id)),
        );
        for agreement in agreements {
            for (from, to) in [
                ((2025, 1, 1), (2025, 12, 31)),
                ((2023, 7, 1), (2026, 6, 30)),
                ((2026, 3, 1), (2026, 3, 31)),
            ] {
                let period = period(from, to);
                let scope = Scope {
                    ladder: LadderId(ladder),
                    agreement,
                };
                let a = reports::report_input(&sqlite, scope, period, None, RowScope::Installation)
                    .expect("sqlite")
                    .expect("ladder");
                let b =
                    reports::report_input(&postgres, scope, period, None, RowScope::Installation)
                        .expect("postgres")
                        .expect("ladder");
                assert!(!a.histories.is_empty());
                if agreement.is_none() && from.0 == 2023 {
                    // The seed records situations at every moment, so the
                    // before/after section is compared on real figures.
                    let exact = programme_report(&a, Disclosure::Exact);
                    let before_after = exact.before_after.expect("before/after");
                    assert!(
                        (before_after.moments.iter())
                            .all(|m| m.recorded.number().is_some_and(|n| n > 0)),
                        "{before_after:?}"
                    );
                    // The seed writes work logs: the lowest step's entries
                    // and exits have work capacity figures.
                    let capacity = exact.work_capacity.expect("work capacity");
                    let lowest = capacity.first().expect("steps");
                    for f in [&lowest.at_entry, &lowest.at_exit] {
                        assert!(f.people.number().is_some_and(|n| n > 0), "{f:?}");
                        assert!(f.median_hours_a_week.is_some_and(|h| h > 0.0), "{f:?}");
                    }
                }
                for suppress in [Disclosure::Exact, Disclosure::Controlled] {
                    assert_eq!(
                        programme_report(&a, suppress),
                        programme_report(&b, suppress),
                        "ladder {ladder}, agreement {agreement:?}, {period:?}"
                    );
                }
                compared += 1;
            }
        }
    }
    assert!(compared >= 6);
}

/// The report reads attendance on a second connection when one is free, and
/// everything on one connection when none is: both give the same report.
#[test]
fn a_report_on_one_connection_equals_one_on_two() {
    let day = chrono::NaiveDate::from_ymd_opt(2026, 6, 30).expect("date");
    let (db, two) = seeded("sqlite", day);
    let one = Store::open_with(&db.url, Some(1)).expect("open");
    let period = Period::year(2025).expect("period");
    let scope = Scope {
        ladder: LadderId(1),
        agreement: None,
    };
    // One store may read on two connections (its default pool), the other only on one.
    let _held = two.conn().expect("conn");
    let a = reports::report_input(&two, scope, period, None, RowScope::Installation)
        .expect("two")
        .expect("ladder");
    let b = reports::report_input(&one, scope, period, None, RowScope::Installation)
        .expect("one")
        .expect("ladder");
    assert!(!a.attendance_marks.is_empty());
    assert_eq!(
        programme_report(&a, Disclosure::Exact),
        programme_report(&b, Disclosure::Exact)
    );
}

/// The report's attendance read from the counts per month (kept by the
/// database's triggers, and by the seed's bulk load) equals the same counted
/// from the marks of every day, and histories and goal scores read for a
/// whole scope equal those read by its ids: on both databases, for whole and
/// cut months, the whole ladder and one agreement.
#[test]
fn report_inputs_read_the_fast_way_equal_those_read_the_plain_way() {
    let day = chrono::NaiveDate::from_ymd_opt(2026, 6, 30).expect("date");
    for backend in ["sqlite", "postgres"] {
        let (_db, store) = seeded(backend, day);
        let mut conn = store.conn().expect("conn");
        let steps: Vec<i64> = reports::ladder_steps(&mut conn, LadderId(1))
            .expect("steps")
            .into_iter()
            .map(|s| s.id.0)
            .collect();
        let agreement = reports::ladder_agreements(&mut conn, LadderId(1))
            .expect("agreements")
            .first()
            .map(|(id, _, _)| *id)
            .expect("an agreement on ladder 1");
        let under_agreement = reports::participant_ids(
            &mut conn,
            Scope {
                ladder: LadderId(1),
                agreement: Some(agreement),
            },
            None,
        )
        .expect("ids");
        assert!(!under_agreement.is_empty());
        for (from, to) in [
            ((2025, 1, 1), (2025, 12, 31)),
            ((2024, 2, 10), (2025, 3, 20)),
            ((2026, 3, 1), (2026, 3, 31)),
        ] {
            let period = period(from, to);
            for ids in [None, Some(under_agreement.as_slice())] {
                let kept = reports::attendance_counts_of(&mut conn, &steps, ids, period)
                    .expect("from the counts");
                let counted = reports::attendance_counts_from_marks(&mut conn, &steps, ids, period)
                    .expect("from the marks");
                assert!(!kept.0.is_empty() && !kept.1.is_empty());
                assert_eq!(
                    kept,
                    counted,
                    "{backend}, {period:?}, agreement {}",
                    ids.is_some()
                );
            }
            // Histories and goal scores read for a whole scope at once (the
            // scope a condition of the statement) equal those read by the
            // scope's ids.
            for agreement in [None, Some(agreement)] {
                let scope = Scope {
                    ladder: LadderId(1),
                    agreement,
                };
                let ids = reports::participant_ids(&mut conn, scope, Some(period)).expect("ids");
                let by_scope = reports::Whose::Scope(scope, Some(period));
                let by_ids = reports::Whose::Ids(&ids);
                let histories =
                    reports::histories(&mut conn, by_scope, Some(period.to)).expect("histories");
                assert_eq!(histories.len(), ids.len());
                assert_eq!(
                    histories,
                    reports::histories(&mut conn, by_ids, Some(period.to)).expect("histories")
                );
                let scores = reports::goal_scores_of(&mut conn, by_scope, period).expect("scores");
                assert!(!scores.is_empty());
                assert_eq!(
                    scores,
                    reports::goal_scores_of(&mut conn, by_ids, period).expect("scores")
                );
            }
        }
    }
}
