//! The programme report, its CSV tables, small-cell suppression per audience,
//! and who may see which report.

use crate::helpers::{Sent, TestApp, assert_problem, fields, spawn_app, status_of};
use crate::partner_helpers::{PartnerSetup, agreement_input, consent};
use chrono::{Datelike, Duration, NaiveDate};
use diesel::RunQueryDsl as _;
use reqwest::Method;
use stige_client::{ConsentRevocation, MarkInput, RegisterUpdate, ReportQuery, ReportTable};
use stige_domain::ExitOutcome;
use stige_domain::ParticipantId;
use stige_domain::attendance::AttendanceMark;
use stige_domain::consent::SharingCategory;
use stige_domain::report::Period;
use stige_domain::small_cells::{Disclosure, ShownCount, Suppressed};
use stige_store::bulk::{SeedBatch, SeedMove, SeedParticipant, SeedStatus};

pub fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

pub fn days_ago(n: i64) -> NaiveDate {
    today() - Duration::days(n)
}

/// One participant's dated history, written straight to the store so it can
/// start in the past.
pub struct Story {
    pub id: i64,
    pub agreement: Option<i64>,
    /// (days ago, from, to, outcome)
    pub statuses: Vec<(i64, Option<&'static str>, &'static str, Option<ExitOutcome>)>,
    /// (days ago, step index on the test ladder)
    pub moves: Vec<(i64, usize)>,
    pub research_consent: bool,
}

impl TestApp {
    pub fn write_stories(&self, stories: &[Story]) {
        let mut batch = SeedBatch::default();
        for s in stories {
            let last = s
                .statuses
                .last()
                .map(|x| (x.0, x.2))
                .unwrap_or((0, "referred"));
            batch.participants.push(SeedParticipant {
                id: s.id,
                ladder_id: self.ladder.0,
                given_name: format!("Given{}", s.id),
                family_name: format!("Family{}", s.id),
                birth_date: NaiveDate::from_ymd_opt(1990, 5, 17),
                status: last.1,
                status_since: days_ago(last.0),
                current_step_id: s.moves.last().map(|(_, i)| self.steps[*i].0),
                agreement_id: s.agreement,
                created_at: days_ago(s.statuses.first().map_or(0, |x| x.0))
                    .and_hms_opt(9, 0, 0)
                    .expect("time"),
                mentor: None,
                research_consent: s.research_consent.then(|| days_ago(500)),
                gender: None,
            });
            for (ago, from, to, outcome) in &s.statuses {
                batch.statuses.push(SeedStatus {
                    participant_id: s.id,
                    from: *from,
                    to,
                    date: days_ago(*ago),
                    reason: None,
                    planned_return: None,
                    outcome: outcome.map(ExitOutcome::as_str),
                    outcome_text: None,
                });
            }
            let mut from = None;
            for (ago, step) in &s.moves {
                let to = self.steps[*step].0;
                batch.moves.push(SeedMove {
                    participant_id: s.id,
                    from_step: from.map(|f: usize| self.steps[f].0),
                    to_step: to,
                    direction: match from {
                        None => "start",
                        Some(f) if f < *step => "up",
                        Some(_) => "down",
                    },
                    date: days_ago(*ago),
                    reason: "test",
                });
                from = Some(*step);
            }
        }
        self.load_as_coordinator(&batch, "stories");
    }
}

/// A: started 100 days ago, up after 40 days, exited to work 10 days ago.
/// B: started 90 days ago, still on the lowest step. C: left before the period.
pub fn three_stories(agreement: Option<i64>) -> Vec<Story> {
    vec![
        Story {
            id: 1001,
            agreement,
            statuses: vec![
                (120, None, "referred", None),
                (100, Some("referred"), "active", None),
                (
                    10,
                    Some("active"),
                    "exited",
                    Some(ExitOutcome::WorkOrdinaryPartTime),
                ),
            ],
            moves: vec![(100, 0), (60, 1)],
            research_consent: true,
        },
        Story {
            id: 1002,
            agreement,
            statuses: vec![
                (95, None, "referred", None),
                (90, Some("referred"), "active", None),
            ],
            moves: vec![(90, 0)],
            research_consent: false,
        },
        Story {
            id: 1003,
            agreement: None,
            statuses: vec![
                (420, None, "referred", None),
                (400, Some("referred"), "active", None),
                (380, Some("active"), "exited", Some(ExitOutcome::Moved)),
            ],
            moves: vec![(400, 0)],
            research_consent: true,
        },
    ]
}

pub fn last_year(app: &TestApp) -> ReportQuery {
    ReportQuery {
        ladder: Some(app.ladder.0),
        from: Some(days_ago(365)),
        to: Some(today()),
        ..Default::default()
    }
}

/// The twelve whole calendar months up to the end of this one: a period
/// every audience may ask for.
pub fn whole_months(app: &TestApp) -> ReportQuery {
    let to = Period::month_end(today());
    let from = (to - Duration::days(365))
        .succ_opt()
        .and_then(|d| d.with_day(1))
        .expect("from");
    ReportQuery {
        ladder: Some(app.ladder.0),
        from: Some(from),
        to: Some(to),
        ..Default::default()
    }
}

const FEW: ShownCount = ShownCount::Suppressed(Suppressed::FewerThanFive);

fn n(count: u64) -> Option<ShownCount> {
    Some(ShownCount::Number(count))
}

#[actix_web::test]
async fn a_coordinator_sees_the_exact_figures_of_the_period() {
    let app = spawn_app().await;
    app.write_stories(&three_stories(None));
    let report = app
        .coordinator()
        .await
        .programme_report(&last_year(&app))
        .await
        .expect("report");
    assert_eq!(report.disclosure, Disclosure::Exact);
    assert_eq!(report.starts, n(2));
    assert_eq!(report.exits, n(1));
    let outcomes = report.exits_by_outcome.clone().expect("outcomes");
    assert_eq!(
        outcomes.len(),
        ExitOutcome::ALL.len(),
        "every outcome listed"
    );
    let with_exits: Vec<_> = outcomes
        .iter()
        .filter(|o| o.count != ShownCount::Number(0))
        .collect();
    assert_eq!(with_exits.len(), 1);
    assert_eq!(with_exits[0].outcome, ExitOutcome::WorkOrdinaryPartTime);
    assert_eq!(report.work_or_education_share, Some(1.0));
    let throughput = report.throughput.clone().expect("throughput");
    assert_eq!(throughput.annual_target, Some(40));
    assert_eq!(throughput.target_for_period, Some(40.0), "whole people");
    assert_eq!(throughput.through, ShownCount::Number(1));
    let steps = report.steps.clone().expect("steps");
    let lowest = &steps[0];
    assert_eq!(lowest.reached, ShownCount::Number(2));
    assert_eq!(lowest.people_at_end, ShownCount::Number(1));
    assert_eq!(lowest.moves_up, ShownCount::Number(1));
    assert_eq!(lowest.median_days, Some(40.0));
    let second = &steps[1];
    assert_eq!(second.people_at_end, ShownCount::Number(0));
    assert_eq!(second.finished_stays, ShownCount::Number(1));
    assert_eq!(second.median_days, Some(50.0));
    assert_eq!(report.per_month.map(|m| m.len()), Some(13));
}

#[actix_web::test]
async fn viewers_mentors_and_researchers_see_counts_under_disclosure_control() {
    let app = spawn_app().await;
    let mut stories = three_stories(None);
    // Five more who started 90 days ago: seven starts in all.
    stories.extend((0..5).map(|i| Story {
        id: 2001 + i,
        ..three_stories(None).swap_remove(1)
    }));
    app.write_stories(&stories);
    let q = whole_months(&app);
    for client in [
        app.viewer().await,
        app.mentor().await,
        app.researcher().await,
    ] {
        let report = client.programme_report(&q).await.expect("report");
        assert_eq!(report.disclosure, Disclosure::Controlled);
        // 7 starts show as 5; one exit as "<5", and so the share is left out.
        assert_eq!(report.starts, n(5));
        assert_eq!(report.exits, Some(FEW));
        assert_eq!(report.work_or_education_share, None);
        let steps = report.steps.expect("steps");
        assert_eq!(steps[0].reached, ShownCount::Number(5));
        assert_eq!(steps[0].median_days, None, "one finished stay");
        // Zero singles nobody out.
        assert_eq!(steps[2].reached, ShownCount::Number(0));
    }
    let exact = app
        .coordinator()
        .await
        .programme_report(&q)
        .await
        .expect("report");
    assert_eq!(exact.starts, n(7));
    let csv = app
        .viewer()
        .await
        .programme_report_csv(&q, ReportTable::Summary)
        .await
        .expect("csv");
    assert!(csv.contains("starts,5\n"), "{csv}");
    assert!(csv.contains("exits,<5\n"), "{csv}");
    // The default period (this year to the end of this month) is whole months.
    let default = app
        .viewer()
        .await
        .programme_report(&ReportQuery::default())
        .await
        .expect("report");
    assert_eq!(default.period.to, Period::month_end(today()));
    assert_eq!(default.period.from.day(), 1);
}

#[actix_web::test]
async fn controlled_audiences_ask_for_whole_calendar_months_only() {
    let app = spawn_app().await;
    let viewer = app.viewer().await;
    let month_end = Period::month_end(today());
    let first = month_end.with_day(1).expect("first");
    for (from, to, bad) in [
        (first + Duration::days(1), month_end, vec!["from", "period"]),
        (first, first + Duration::days(9), vec!["to", "period"]),
    ] {
        let r = viewer
            .request(
                Method::GET,
                &format!("/api/v1/reports/programme?from={from}&to={to}"),
            )
            .sent()
            .await;
        let problem = assert_problem(r, 422).await;
        assert_eq!(fields(&problem), bad);
        let text = problem.to_string();
        assert!(text.contains("whole calendar months"), "{text}");
    }
    // Admins and coordinators may ask for any period.
    let any = ReportQuery {
        from: Some(first + Duration::days(1)),
        to: Some(first + Duration::days(9)),
        ..Default::default()
    };
    assert!(app.coordinator().await.programme_report(&any).await.is_ok());
    // The partner too asks for whole months.
    let kommune = app.kristiansand_kommune(SharingCategory::ALL).await;
    let err = kommune.api.programme_report(&any).await.unwrap_err();
    assert_eq!(status_of(&err), 422);
}

/// Gives each of `ids` consent to share `categories` with `partner`.
pub async fn consent_all(app: &TestApp, ids: &[i64], partner: i64, categories: &[SharingCategory]) {
    let c = app.coordinator().await;
    for id in ids {
        c.give_consent(ParticipantId(*id), &consent(partner, categories))
            .await
            .expect("consent");
    }
}

/// Seven people under `agreement` like A and B of [`three_stories`], ids
/// 3001 to 3007: 7 starts, 3 exits to work, all on the lowest step first.
pub fn seven_under(agreement: i64) -> Vec<Story> {
    (0..7)
        .map(|i| Story {
            id: 3001 + i,
            agreement: Some(agreement),
            ..three_stories(None).swap_remove(if i < 3 { 0 } else { 1 })
        })
        .collect()
}

#[actix_web::test]
async fn a_partner_s_report_holds_only_its_scope_and_counts_only_consenting_people() {
    let app = spawn_app().await;
    let kommune = app.kristiansand_kommune(SharingCategory::ALL).await;
    app.write_stories(&seven_under(kommune.agreement));
    let ids: Vec<i64> = (3001..=3007).collect();
    let q = ReportQuery {
        ladder: None,
        ..whole_months(&app)
    };
    // Nobody consented yet: every section of the scope is there, counted
    // over nobody.
    let none = kommune.api.programme_report(&q).await.expect("report");
    assert_eq!(none.disclosure, Disclosure::Controlled);
    assert_eq!(none.agreement_id, Some(kommune.agreement));
    assert_eq!(none.starts, n(0));
    assert_eq!(none.work_or_education, n(0));
    assert_eq!(
        none.goal_scores.map(|g| g.goals),
        Some(ShownCount::Number(0))
    );
    // Everyone consents to everything: rounded figures.
    consent_all(&app, &ids, kommune.partner, SharingCategory::ALL).await;
    let all = kommune.api.programme_report(&q).await.expect("report");
    assert_eq!(all.starts, n(5), "7 starts");
    assert_eq!(all.work_or_education, Some(FEW), "3 to work");
    assert_eq!(all.work_or_education_share, None, "its numerator is hidden");
    assert_eq!(
        all.steps.clone().expect("steps")[0].reached,
        ShownCount::Number(5)
    );
    // Each category on and off in the scope.
    let admin = app.admin().await;
    for category in SharingCategory::ALL.iter().copied() {
        let agreement = admin.agreement(kommune.agreement).await.expect("agreement");
        let input = agreement_input(kommune.partner, &app, &[category]);
        admin
            .update_agreement(kommune.agreement, &input, agreement.version)
            .await
            .expect("scope");
        let r = kommune.api.programme_report(&q).await.expect("report");
        let json = serde_json::to_value(&r).expect("json");
        let has = |key: &str| json.get(key).is_some();
        let status = category == SharingCategory::EnrolmentStatus;
        let outcome = category == SharingCategory::Outcome;
        assert_eq!(has("starts"), status, "{category:?}: {json}");
        assert_eq!(has("exits"), status, "{category:?}");
        assert_eq!(has("place_usage"), status, "{category:?}");
        assert_eq!(has("exits_by_outcome"), outcome, "{category:?}");
        assert_eq!(has("work_or_education"), outcome, "{category:?}");
        assert_eq!(has("throughput"), outcome, "{category:?}");
        assert_eq!(has("per_month"), status || outcome, "{category:?}");
        assert_eq!(
            has("steps"),
            category == SharingCategory::CurrentStep,
            "{category:?}"
        );
        assert_eq!(
            has("attendance"),
            category == SharingCategory::AttendanceRate,
            "{category:?}"
        );
        assert_eq!(
            has("goal_scores"),
            category == SharingCategory::GoalsSummary,
            "{category:?}"
        );
        assert_eq!(
            has("work_capacity"),
            category == SharingCategory::WorkCapacity,
            "{category:?}"
        );
        assert!(!has("peers") && !has("activities"), "{category:?}");
        // The CSV of a section outside the scope is its header alone.
        let steps_csv = kommune
            .api
            .programme_report_csv(&q, ReportTable::Steps)
            .await
            .expect("csv");
        let rows = steps_csv.lines().count() - 1;
        assert_eq!(
            rows > 0,
            category == SharingCategory::CurrentStep,
            "{steps_csv}"
        );
    }
    // Back to the whole scope; three revoke their consent to share the step.
    let agreement = admin.agreement(kommune.agreement).await.expect("agreement");
    let input = agreement_input(kommune.partner, &app, SharingCategory::ALL);
    admin
        .update_agreement(kommune.agreement, &input, agreement.version)
        .await
        .expect("scope");
    let c = app.coordinator().await;
    for id in [3004, 3005, 3006] {
        let ledger = c.consents(ParticipantId(id)).await.expect("ledger");
        let step = ledger
            .iter()
            .find(|l| l.category == SharingCategory::CurrentStep)
            .expect("step consent");
        c.revoke_consent(ParticipantId(id), step.id, &ConsentRevocation::default())
            .await
            .expect("revoke");
    }
    let revoked = kommune.api.programme_report(&q).await.expect("report");
    // Four of seven left on the steps; the other sections still count seven.
    assert_eq!(revoked.steps.expect("steps")[0].reached, FEW);
    assert_eq!(revoked.starts, n(5));
}

#[actix_web::test]
async fn staff_see_a_report_as_its_partner_sees_it() {
    let app = spawn_app().await;
    let kommune = app
        .kristiansand_kommune(&[SharingCategory::EnrolmentStatus, SharingCategory::Outcome])
        .await;
    app.write_stories(&seven_under(kommune.agreement));
    let ids: Vec<i64> = (3001..=3007).collect();
    consent_all(
        &app,
        &ids,
        kommune.partner,
        &[SharingCategory::EnrolmentStatus],
    )
    .await;
    let q = ReportQuery {
        agreement: Some(kommune.agreement),
        as_partner: Some(true),
        ..whole_months(&app)
    };
    let seen = app
        .coordinator()
        .await
        .programme_report(&q)
        .await
        .expect("report");
    let own = kommune
        .api
        .programme_report(&ReportQuery {
            as_partner: None,
            ..q.clone()
        })
        .await
        .expect("report");
    assert_eq!(seen, own);
    assert_eq!(seen.starts, n(5));
    assert_eq!(seen.steps, None);
    assert_eq!(seen.work_or_education, n(0), "nobody consented to outcome");
    // Without an agreement: 422; a viewer may not: 403.
    let r = app
        .coordinator()
        .await
        .request(Method::GET, "/api/v1/reports/programme?as_partner=true")
        .sent()
        .await;
    assert_eq!(fields(&assert_problem(r, 422).await), vec!["agreement"]);
    let err = app.viewer().await.programme_report(&q).await.unwrap_err();
    assert_eq!(status_of(&err), 403);
}

#[actix_web::test]
async fn a_partner_sees_only_its_own_agreement() {
    let app = spawn_app().await;
    let kommune = app
        .kristiansand_kommune(&[SharingCategory::EnrolmentStatus])
        .await;
    let other: PartnerSetup = app
        .partner(
            "Vennesla kommune",
            "964964076",
            &[SharingCategory::EnrolmentStatus],
        )
        .await;
    app.write_stories(&three_stories(Some(kommune.agreement)));
    consent_all(
        &app,
        &[1001, 1002],
        kommune.partner,
        &[SharingCategory::EnrolmentStatus],
    )
    .await;
    let year = ReportQuery {
        ladder: None,
        ..whole_months(&app)
    };
    let mine = kommune.api.programme_report(&year).await.expect("report");
    assert_eq!(mine.agreement_id, Some(kommune.agreement));
    assert_eq!(mine.disclosure, Disclosure::Controlled);
    assert_eq!(mine.starts, Some(FEW));
    let theirs = other.api.programme_report(&year).await.expect("report");
    assert_eq!(theirs.starts, n(0));
    // Another agreement, or a ladder outside the agreement: 404.
    let err = kommune
        .api
        .programme_report(&ReportQuery {
            agreement: Some(other.agreement),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 404);
    let err = kommune
        .api
        .programme_report(&ReportQuery {
            ladder: Some(app.other_ladder.0),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 404);
    // Partners never get the research extract.
    let err = kommune
        .api
        .research_extract(&ReportQuery::default())
        .await
        .unwrap_err();
    assert!(matches!(status_of(&err), 401 | 403 | 404), "{err}");
    // Staff filter by agreement.
    let filtered = app
        .coordinator()
        .await
        .programme_report(&ReportQuery {
            agreement: Some(kommune.agreement),
            ..last_year(&app)
        })
        .await
        .expect("report");
    assert_eq!(filtered.starts, n(2));
    let places = filtered.place_usage.expect("places");
    assert_eq!(places.len(), 1);
    assert_eq!(places[0].used_at_end, ShownCount::Number(1));
}

#[actix_web::test]
async fn bad_report_requests_get_problems() {
    let app = spawn_app().await;
    let c = app.coordinator().await;
    let from = days_ago(1).to_string();
    let to = days_ago(30).to_string();
    let r = c
        .request(
            Method::GET,
            &format!("/api/v1/reports/programme?from={from}&to={to}"),
        )
        .sent()
        .await;
    let problem = assert_problem(r, 422).await;
    assert_eq!(fields(&problem), vec!["to"]);
    let r = c
        .request(Method::GET, "/api/v1/reports/programme?from=2026-13-01")
        .sent()
        .await;
    assert_problem(r, 400).await;
    let r = c
        .request(Method::GET, "/api/v1/reports/programme?ladder=999999")
        .sent()
        .await;
    assert_problem(r, 404).await;
    let r = c
        .request(Method::GET, "/api/v1/reports/programme.csv?table=secrets")
        .sent()
        .await;
    assert_problem(r, 400).await;
    let r = app
        .client
        .request(Method::GET, "/api/v1/reports/programme")
        .sent()
        .await;
    assert_problem(r, 401).await;
}

#[actix_web::test]
async fn every_table_exports_as_csv_with_the_report_s_figures() {
    let app = spawn_app().await;
    app.write_stories(&three_stories(None));
    let c = app.coordinator().await;
    // Marked through the register: the mark is counted on B's step.
    let day = stige_domain::attendance::previous_working_day(today());
    c.save_register(&RegisterUpdate {
        date: Some(day),
        step_id: None,
        ladder_id: None,
        marks: vec![MarkInput {
            participant_id: ParticipantId(1002),
            mark: AttendanceMark::Present,
        }],
        activity_marks: vec![],
    })
    .await
    .expect("register");
    let q = last_year(&app);
    let report = c.programme_report(&q).await.expect("report");
    let attendance = report.attendance.clone().expect("attendance");
    assert_eq!(attendance.len(), 1);
    assert_eq!(attendance[0].step_id, app.steps[0]);
    assert_eq!(attendance[0].rate, Some(1.0));
    let len = |v: Option<usize>| v.expect("section");
    for table in ReportTable::ALL.iter().copied() {
        let csv = c.programme_report_csv(&q, table).await.expect("csv");
        let lines: Vec<&str> = csv.lines().collect();
        assert!(!lines.is_empty(), "{table:?}: {csv}");
        let expected_rows = match table {
            ReportTable::Outcomes => len(report.exits_by_outcome.as_ref().map(Vec::len)),
            ReportTable::Months => len(report.per_month.as_ref().map(Vec::len)),
            ReportTable::Steps => len(report.steps.as_ref().map(Vec::len)),
            ReportTable::Attendance => len(report.attendance.as_ref().map(Vec::len)),
            ReportTable::Places => len(report.place_usage.as_ref().map(Vec::len)),
            ReportTable::Activities => len(report.activities.as_ref().map(Vec::len)),
            ReportTable::Peers => report.peers.as_ref().map_or(0, |_| 1),
            ReportTable::WorkCapacity => 2 * len(report.work_capacity.as_ref().map(Vec::len)),
            ReportTable::Summary => lines.len() - 1,
            ReportTable::BeforeAfter => report
                .before_after
                .as_ref()
                .map(stige_api::report_csv::before_after_rows)
                .map_or(0, |rows| rows.len()),
        };
        assert_eq!(lines.len() - 1, expected_rows, "{table:?}");
    }
    let steps = c
        .programme_report_csv(&q, ReportTable::Steps)
        .await
        .expect("csv");
    assert!(steps.starts_with("position,step,people_at_end,reached,moves_up"));
    assert!(steps.contains(",Mylla,1,2,1,0,1,40.000,40.000"), "{steps}");
    let r = c
        .request(Method::GET, "/api/v1/reports/programme.csv?table=months")
        .sent()
        .await;
    assert_eq!(
        r.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("text/csv; charset=utf-8")
    );
    assert!(
        r.headers()
            .get("content-disposition")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("attachment; filename=\"stige-months-"))
    );
}

#[actix_web::test]
async fn a_name_that_a_spreadsheet_would_run_is_exported_as_text() {
    let app = spawn_app().await;
    app.write_stories(&three_stories(None));
    diesel::sql_query(format!(
        "UPDATE steps SET name = '=1+1' WHERE id = {}",
        app.steps[0].0
    ))
    .execute(&mut app.conn())
    .expect("rename");
    let c = app.coordinator().await;
    let q = last_year(&app);
    let steps = c
        .programme_report_csv(&q, ReportTable::Steps)
        .await
        .expect("csv");
    assert!(steps.contains(",'=1+1,"), "{steps}");
    assert!(!steps.contains(",=1+1,"), "{steps}");
    let report = c.programme_report(&q).await.expect("report");
    assert_eq!(
        report.steps.expect("steps")[0].name,
        "=1+1",
        "the JSON keeps the name"
    );
}
