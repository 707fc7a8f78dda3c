//! The programme report, its CSV tables, small-cell suppression per audience,
//! and who may see which report.

use crate::helpers::{TestApp, assert_problem, fields, spawn_app, status_of};
use crate::partner_helpers::PartnerSetup;
use chrono::{Duration, NaiveDate};
use diesel::Connection as _;
use reqwest::Method;
use stige_client::{MarkInput, RegisterUpdate, ReportQuery, ReportTable};
use stige_domain::ExitOutcome;
use stige_domain::ParticipantId;
use stige_domain::attendance::AttendanceMark;
use stige_domain::consent::SharingCategory;
use stige_domain::small_cells::{ShownCount, Suppressed};
use stige_store::bulk::{Load, SeedBatch, SeedMove, SeedParticipant, SeedStatus};

pub fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

fn days_ago(n: i64) -> NaiveDate {
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
        let mut conn = self.conn();
        let by = self.users.coordinator.0;
        conn.transaction(|conn| -> diesel::QueryResult<()> {
            let load = Load::begin(conn)?;
            load.insert(conn, &batch, by)?;
            load.complete(conn)
        })
        .expect("stories");
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
        agreement: None,
    }
}

const FEW: ShownCount = ShownCount::Suppressed(Suppressed::FewerThanFive);

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
    assert!(!report.suppressed);
    assert_eq!(report.starts, ShownCount::Exact(2));
    assert_eq!(report.exits, ShownCount::Exact(1));
    assert_eq!(report.exits_by_outcome.len(), 1);
    assert_eq!(
        report.exits_by_outcome[0].outcome,
        ExitOutcome::WorkOrdinaryPartTime
    );
    assert_eq!(report.work_or_education_share, Some(1.0));
    assert_eq!(report.throughput.annual_target, Some(40));
    assert_eq!(report.throughput.target_for_period, Some(40.1));
    assert_eq!(report.throughput.through, ShownCount::Exact(1));
    let lowest = &report.steps[0];
    assert_eq!(lowest.reached, ShownCount::Exact(2));
    assert_eq!(lowest.people_at_end, ShownCount::Exact(1));
    assert_eq!(lowest.moves_up, ShownCount::Exact(1));
    assert_eq!(lowest.median_days, Some(40.0));
    let second = &report.steps[1];
    assert_eq!(second.people_at_end, ShownCount::Exact(0));
    assert_eq!(second.finished_stays, ShownCount::Exact(1));
    assert_eq!(second.median_days, Some(50.0));
    assert_eq!(report.per_month.len(), 13);
}

#[actix_web::test]
async fn viewers_and_mentors_see_counts_from_one_to_four_as_fewer_than_five() {
    let app = spawn_app().await;
    app.write_stories(&three_stories(None));
    for client in [app.viewer().await, app.mentor().await] {
        let report = client
            .programme_report(&last_year(&app))
            .await
            .expect("report");
        assert!(report.suppressed);
        assert_eq!(report.starts, FEW);
        assert_eq!(report.steps[0].reached, FEW);
        assert_eq!(report.steps[0].median_days, None);
        assert_eq!(report.work_or_education_share, None);
        // Zero singles nobody out.
        assert_eq!(report.steps[2].reached, ShownCount::Exact(0));
    }
    let csv = app
        .viewer()
        .await
        .programme_report_csv(&last_year(&app), ReportTable::Summary)
        .await
        .expect("csv");
    assert!(csv.contains("starts,<5"), "{csv}");
}

#[actix_web::test]
async fn a_partner_sees_only_its_own_agreement_and_small_cells_suppressed() {
    let app = spawn_app().await;
    let kommune = app
        .partner(
            "Kristiansand kommune",
            "963296746",
            &[SharingCategory::EnrolmentStatus],
        )
        .await;
    let other: PartnerSetup = app
        .partner(
            "Vennesla kommune",
            "964964076",
            &[SharingCategory::EnrolmentStatus],
        )
        .await;
    app.write_stories(&three_stories(Some(kommune.agreement)));
    let year = ReportQuery {
        from: Some(days_ago(365)),
        ..Default::default()
    };
    let mine = kommune.api.programme_report(&year).await.expect("report");
    assert_eq!(mine.agreement_id, Some(kommune.agreement));
    assert!(mine.suppressed);
    assert_eq!(mine.starts, FEW);
    let theirs = other.api.programme_report(&year).await.expect("report");
    assert_eq!(theirs.starts, ShownCount::Exact(0));
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
    assert_eq!(filtered.starts, ShownCount::Exact(2));
    assert_eq!(filtered.place_usage.len(), 1);
    assert_eq!(filtered.place_usage[0].used_at_end, ShownCount::Exact(1));
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
        .send()
        .await
        .expect("send");
    let problem = assert_problem(r, 422).await;
    assert_eq!(fields(&problem), vec!["to"]);
    let r = c
        .request(Method::GET, "/api/v1/reports/programme?from=2026-13-01")
        .send()
        .await
        .expect("send");
    assert_problem(r, 400).await;
    let r = c
        .request(Method::GET, "/api/v1/reports/programme?ladder=999999")
        .send()
        .await
        .expect("send");
    assert_problem(r, 404).await;
    let r = c
        .request(Method::GET, "/api/v1/reports/programme.csv?table=secrets")
        .send()
        .await
        .expect("send");
    assert_problem(r, 400).await;
    let r = app
        .client
        .request(Method::GET, "/api/v1/reports/programme")
        .send()
        .await
        .expect("send");
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
        marks: vec![MarkInput {
            participant_id: ParticipantId(1002),
            mark: AttendanceMark::Present,
        }],
    })
    .await
    .expect("register");
    let q = last_year(&app);
    let report = c.programme_report(&q).await.expect("report");
    assert_eq!(report.attendance.len(), 1);
    assert_eq!(report.attendance[0].step_id, app.steps[0]);
    assert_eq!(report.attendance[0].rate, Some(1.0));
    for table in ReportTable::ALL {
        let csv = c.programme_report_csv(&q, table).await.expect("csv");
        let lines: Vec<&str> = csv.lines().collect();
        assert!(!lines.is_empty(), "{table:?}: {csv}");
        let expected_rows = match table {
            ReportTable::Outcomes => report.exits_by_outcome.len(),
            ReportTable::Months => report.per_month.len(),
            ReportTable::Steps => report.steps.len(),
            ReportTable::Attendance => report.attendance.len(),
            ReportTable::Places => report.place_usage.len(),
            ReportTable::Summary => lines.len() - 1,
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
        .send()
        .await
        .expect("send");
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
