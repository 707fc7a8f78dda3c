//! Work capacity per step in the programme report (issue 26, part 5): hours a
//! week and independence in the first and last four weeks on each step, per
//! audience; and the sharing category "work capacity" for partners.

use crate::helpers::{TestApp, spawn_app};
use crate::reports::{consent_all, days_ago, last_year, seven_under, three_stories, whole_months};
use stige_client::{ReportQuery, ReportTable};
use stige_domain::ParticipantId;
use stige_domain::consent::SharingCategory;
use stige_domain::report::work_capacity::CapacityFigures;
use stige_domain::small_cells::{ShownCount, Suppressed};
use stige_store::bulk::{SeedBatch, SeedWorkDay};

impl TestApp {
    /// Writes work days (participant, days ago, minutes, independence)
    /// straight to the store, so they can lie further back than the work log
    /// lets anyone record.
    pub fn write_work_days(&self, days: &[(i64, i64, i32, &'static str)]) {
        let batch = SeedBatch {
            work_days: days
                .iter()
                .map(|(id, ago, minutes, level)| SeedWorkDay {
                    participant_id: *id,
                    day: days_ago(*ago),
                    minutes: *minutes,
                    independence: level,
                })
                .collect(),
            ..SeedBatch::default()
        };
        self.load_as_coordinator(&batch, "work days");
    }
}

/// A (1001) of the three stories: a day in each window (entry and exit of
/// both steps); B (1002): a day at entry of the lowest step; C (1003): a day
/// before the period, which must not count.
const WORK: [(i64, i64, i32, &str); 6] = [
    (1001, 98, 180, "close_guidance"), // A's first weeks on step 1
    (1001, 62, 300, "some_guidance"),  // A's last weeks on step 1
    (1001, 59, 360, "works_alone"),    // A's first weeks on step 2
    (1001, 12, 420, "guides_others"),  // A's last weeks on step 2
    (1002, 89, 120, "close_guidance"), // B's first weeks on step 1
    (1003, 390, 480, "works_alone"),   // C, before the period
];

fn figures(people: ShownCount, hours: Option<f64>, level: Option<f64>) -> CapacityFigures {
    CapacityFigures {
        people,
        median_hours_a_week: hours,
        median_independence: level,
    }
}

#[actix_web::test]
async fn the_report_shows_work_capacity_at_entry_and_exit_of_each_step() {
    let app = spawn_app().await;
    app.write_stories(&three_stories(None));
    app.write_work_days(&WORK);
    let c = app.coordinator().await;
    let report = c.programme_report(&last_year(&app)).await.expect("report");
    let steps = report.work_capacity.clone().expect("work capacity");
    assert_eq!(steps.len(), app.steps.len());
    let one = ShownCount::Number(1);
    assert_eq!(steps[0].step_id, app.steps[0]);
    // A at 3 hours, B at 2: the median of two is their mean.
    assert_eq!(
        steps[0].at_entry,
        figures(ShownCount::Number(2), Some(2.5), Some(1.0))
    );
    assert_eq!(steps[0].at_exit, figures(one, Some(5.0), Some(2.0)));
    assert_eq!(steps[1].at_entry, figures(one, Some(6.0), Some(3.0)));
    assert_eq!(steps[1].at_exit, figures(one, Some(7.0), Some(4.0)));
    // The CSV: two rows per step.
    let csv = c
        .programme_report_csv(&last_year(&app), ReportTable::WorkCapacity)
        .await
        .expect("csv");
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("step_id,step,position,at,people,median_hours_a_week,median_independence")
    );
    assert!(csv.contains(",Mylla,0,entry,2,2.5,1.0\n"), "{csv}");
    assert!(csv.contains(",Porten,1,exit,1,7.0,4.0\n"), "{csv}");

    // A viewer sees the counts under disclosure control and no medians
    // behind fewer than five people.
    let viewer = app.viewer().await;
    let controlled = viewer
        .programme_report(&whole_months(&app))
        .await
        .expect("report");
    let few = ShownCount::Suppressed(Suppressed::FewerThanFive);
    let steps = controlled.work_capacity.expect("work capacity");
    for (i, step) in steps.into_iter().enumerate() {
        for f in [step.at_entry, step.at_exit] {
            assert_eq!(f.median_hours_a_week, None, "{f:?}");
            assert_eq!(f.median_independence, None, "{f:?}");
            // A and B on the first two steps, nobody on the third.
            let people = if i < 2 { few } else { ShownCount::Number(0) };
            assert_eq!(f.people, people, "{i}");
        }
    }
}

#[actix_web::test]
async fn a_partner_sees_work_capacity_only_within_scope_and_consent() {
    let app = spawn_app().await;
    let kommune = app.kristiansand_kommune(SharingCategory::ALL).await;
    app.write_stories(&seven_under(kommune.agreement));
    // Each of the seven: a day in their first weeks on the lowest step.
    let days: Vec<(i64, i64, i32, &str)> = (3001..=3007)
        .map(|id| (id, 88, 60 * (id as i32 - 3000), "some_guidance"))
        .chain([(3001, 12, 420, "works_alone")])
        .collect();
    app.write_work_days(&days);
    let ids: Vec<i64> = (3001..=3007).collect();
    let q = ReportQuery {
        ladder: None,
        ..whole_months(&app)
    };
    // In scope, nobody consented yet: the section counts nobody, and the
    // person's figures are absent.
    let none = kommune.api.programme_report(&q).await.expect("report");
    let steps = none.work_capacity.expect("in scope");
    assert_eq!(steps[0].at_entry.people, ShownCount::Number(0));
    let person = kommune
        .api
        .partner_participant(ParticipantId(3001))
        .await
        .expect("read");
    assert!(person.work_capacity.is_none());

    // Everyone consents to share their work capacity: seven people, shown
    // as five, the median of 1 to 7 hours is 4.
    consent_all(
        &app,
        &ids,
        kommune.partner,
        &[SharingCategory::WorkCapacity],
    )
    .await;
    let all = kommune.api.programme_report(&q).await.expect("report");
    let steps = all.work_capacity.expect("work capacity");
    assert_eq!(
        steps[0].at_entry,
        figures(ShownCount::Number(5), Some(4.0), Some(2.0))
    );
    // Only the category consented to: no other section has people in it.
    assert_eq!(all.starts, Some(ShownCount::Number(0)));
    // The person's last four weeks, without the step's name.
    let person = kommune
        .api
        .partner_participant(ParticipantId(3001))
        .await
        .expect("read");
    let weeks = person.work_capacity.expect("consented");
    assert_eq!(weeks.len(), 4);
    assert_eq!(weeks.iter().map(|w| w.hours).sum::<f64>(), 7.0);
    assert!(weeks.iter().all(|w| w.step.is_none()));
    // The read is in the person's access log as work.
    let actions = app.audit_actions(ParticipantId(3001));
    assert!(actions.iter().any(|a| a == "work.read"), "{actions:?}");

    // Out of the agreement's scope: absent from both, consent or not.
    let admin = app.admin().await;
    let agreement = admin.agreement(kommune.agreement).await.expect("agreement");
    let others: Vec<SharingCategory> = SharingCategory::ALL
        .iter()
        .copied()
        .filter(|c| *c != SharingCategory::WorkCapacity)
        .collect();
    let input = crate::partner_helpers::agreement_input(kommune.partner, &app, &others);
    admin
        .update_agreement(kommune.agreement, &input, agreement.version)
        .await
        .expect("scope");
    let out = kommune.api.programme_report(&q).await.expect("report");
    assert!(out.work_capacity.is_none());
    let person = kommune
        .api
        .partner_participant(ParticipantId(3001))
        .await
        .expect("read");
    assert!(person.work_capacity.is_none());
}
