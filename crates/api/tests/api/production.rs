//! Production and the enterprise's economy (issue 26, part 4): a workplace's
//! day entered and replaced, the till's CSV previewed and imported, and the
//! monthly production report, exact for coordinators and under disclosure
//! control for viewers; who may see and change what.

use crate::helpers::{Sent, TestApp, assert_problem, fields, spawn_app, status_of};
use chrono::{Datelike, Duration, NaiveDate};
use diesel::prelude::*;
use reqwest::Method;
use serde_json::json;
use stige_client::{
    Client, Currency, NewWorkplace, OutputUnit, ProductionDayInput, ProductionQuery,
    ProductionReport, ProductionReportQuery, ProductionSource, WorkDayInput, WorkLogUpdate,
    Workplace, WorkplaceUpdate,
};
use stige_domain::consent::SharingCategory;
use stige_domain::report::Month;
use stige_domain::small_cells::{Disclosure, ShownCount, Suppressed};
use stige_domain::work::Independence;
use stige_domain::{LadderId, ParticipantId};
use stige_store::schema::production_days;

const FEW: ShownCount = ShownCount::Suppressed(Suppressed::FewerThanFive);

fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

/// A day of last month (for the trend), within the work log's 62 days back.
fn last_month() -> NaiveDate {
    today().with_day(1).expect("first") - Duration::days(1)
}

async fn place(
    app: &TestApp,
    ladder: LadderId,
    name: &str,
    tasks: &[&str],
    unit: OutputUnit,
) -> Workplace {
    let admin = app.admin().await;
    let place = admin
        .add_workplace(
            ladder,
            &NewWorkplace {
                output_unit: None,
                name: Some(name.into()),
                tasks: tasks.iter().map(|t| (*t).to_owned()).collect(),
            },
        )
        .await
        .expect("workplace");
    if unit == OutputUnit::Items {
        return place;
    }
    admin
        .update_workplace(
            ladder,
            place.id,
            &WorkplaceUpdate {
                name: Some(name.into()),
                output_unit: Some(unit),
            },
        )
        .await
        .expect("unit")
}

fn stored(app: &TestApp) -> i64 {
    production_days::table
        .count()
        .get_result(&mut app.conn())
        .expect("count")
}

fn input(units: Option<i64>, customers: Option<i64>, sales: Option<f64>) -> ProductionDayInput {
    ProductionDayInput {
        units,
        orders: None,
        customers,
        sales,
    }
}

fn path(app: &TestApp, workplace: i64, rest: &str) -> String {
    format!(
        "/api/v1/ladders/{}/workplaces/{workplace}/production{rest}",
        app.ladder
    )
}

async fn put(app: &TestApp, c: &Client, url: &str, body: serde_json::Value) -> reqwest::Response {
    app.send_json(c, Method::PUT, url, body).await
}

async fn post_csv(client: &Client, url: &str, csv: &str) -> reqwest::Response {
    client
        .request(Method::POST, url)
        .header("content-type", "text/csv")
        .body(csv.to_owned())
        .sent()
        .await
}

#[actix_web::test]
async fn a_day_of_production_is_recorded_replaced_and_read_back() {
    let app = spawn_app().await;
    let cafe = place(&app, app.ladder, "Kafeen", &[], OutputUnit::Portions).await;
    assert_eq!(cafe.output_unit, OutputUnit::Portions);
    let date = today() - Duration::days(1);
    let c = app.coordinator().await;
    let day = c
        .record_production(
            app.ladder,
            cafe.id,
            date,
            &input(Some(40), Some(31), Some(4567.5)),
        )
        .await
        .expect("record");
    assert_eq!(
        (day.units, day.customers, day.sales, day.source),
        (Some(40), Some(31), Some(4567.5), ProductionSource::Entered)
    );
    // A mentor works with participants too; recording again replaces the day.
    let m = app.mentor().await;
    let again = m
        .record_production(app.ladder, cafe.id, date, &input(Some(42), None, None))
        .await
        .expect("again");
    assert_eq!(
        (again.units, again.customers, again.sales),
        (Some(42), None, None)
    );
    assert_eq!(stored(&app), 1);

    let query = ProductionQuery {
        from: Some(date - Duration::days(3)),
        to: Some(date),
    };
    // A viewer reads it.
    let log = app
        .viewer()
        .await
        .production(app.ladder, &query)
        .await
        .expect("log");
    assert_eq!(log.currency, Currency::Nok);
    assert_eq!(log.workplaces.len(), 1);
    assert_eq!(log.workplaces[0].output_unit, OutputUnit::Portions);
    assert_eq!(log.workplaces[0].days, vec![again]);
    // By default this month.
    let month = c
        .production(app.ladder, &ProductionQuery::default())
        .await
        .expect("this month");
    assert_eq!(month.from, today().with_day(1).expect("first"));
    assert_eq!(month.to.month(), today().month());

    let mut conn = app.conn();
    let recorded =
        stige_store::audit::with_action(&mut conn, stige_domain::AuditAction::ProductionRecord)
            .expect("audit");
    let corrected =
        stige_store::audit::with_action(&mut conn, stige_domain::AuditAction::ProductionCorrect)
            .expect("audit");
    assert_eq!((recorded.len(), corrected.len()), (1, 1));
    assert!(recorded[0].participant_id.is_none());
    drop(conn);

    // A day entered by mistake is deleted; deleting it again, or a day never
    // recorded, or a path without a date, is 404 and deletes nothing.
    let viewer = app.viewer().await;
    assert_eq!(
        status_of(
            &viewer
                .delete_production(app.ladder, cafe.id, date)
                .await
                .unwrap_err()
        ),
        403
    );
    let other = app.as_user("other-coordinator").await;
    assert_eq!(
        status_of(
            &other
                .delete_production(app.ladder, cafe.id, date)
                .await
                .unwrap_err()
        ),
        404
    );
    assert_eq!(stored(&app), 1);
    m.delete_production(app.ladder, cafe.id, date)
        .await
        .expect("delete");
    assert_eq!(stored(&app), 0);
    assert_eq!(
        status_of(
            &m.delete_production(app.ladder, cafe.id, date)
                .await
                .unwrap_err()
        ),
        404
    );
    let bad = m
        .request(
            Method::DELETE,
            &format!(
                "/api/v1/ladders/{}/workplaces/{}/production/someday",
                app.ladder, cafe.id
            ),
        )
        .sent()
        .await;
    assert_problem(bad, 404).await;
    let mut conn = app.conn();
    let deleted =
        stige_store::audit::with_action(&mut conn, stige_domain::AuditAction::ProductionDelete)
            .expect("audit");
    assert_eq!(deleted.len(), 1);
}

#[actix_web::test]
async fn bad_figures_name_their_field_and_write_nothing() {
    let app = spawn_app().await;
    let cafe = place(&app, app.ladder, "Kafeen", &[], OutputUnit::Portions).await;
    let c = app.coordinator().await;
    let date = today();
    let url = path(&app, cafe.id, &format!("/{date}"));
    let problem = assert_problem(
        put(
            &app,
            &c,
            &url,
            json!({"units": -1, "customers": 100001, "sales": 12.345}),
        )
        .await,
        422,
    )
    .await;
    assert_eq!(fields(&problem), ["units", "customers", "sales"]);
    assert_eq!(problem["errors"][2]["code"], "two-decimals");
    let problem = assert_problem(put(&app, &c, &url, json!({})).await, 422).await;
    assert_eq!(fields(&problem), ["units"]);
    assert_eq!(problem["errors"][0]["code"], "one-figure");
    for bad_date in [
        (date + Duration::days(1)).to_string(),
        (date - Duration::days(401)).to_string(),
        "yesterday".to_owned(),
    ] {
        let problem = assert_problem(
            put(
                &app,
                &c,
                &path(&app, cafe.id, &format!("/{bad_date}")),
                json!({"units": 3}),
            )
            .await,
            422,
        )
        .await;
        assert_eq!(fields(&problem), ["date"], "{bad_date}");
    }
    for body in [json!({"units": "three"}), json!([3, null, null, 1.0])] {
        assert_problem(put(&app, &c, &url, body).await, 400).await;
    }
    assert_eq!(stored(&app), 0, "nothing written");
    let unchanged = c
        .production(app.ladder, &ProductionQuery::default())
        .await
        .expect("log");
    assert!(unchanged.workplaces[0].days.is_empty());
    // A workplace's update names its fields too.
    let admin = app.admin().await;
    let problem = assert_problem(
        app.send_json(
            &admin,
            Method::PUT,
            &format!("/api/v1/ladders/{}/workplaces/{}", app.ladder, cafe.id),
            json!({"name": " ", "output_unit": "items"}),
        )
        .await,
        422,
    )
    .await;
    assert_eq!(fields(&problem), ["name"]);
}

#[actix_web::test]
async fn the_till_s_csv_is_previewed_then_imported_keeping_the_units_entered() {
    let app = spawn_app().await;
    let cafe = place(&app, app.ladder, "Kafeen", &[], OutputUnit::Portions).await;
    let c = app.coordinator().await;
    let (d1, d2) = (today() - Duration::days(3), today() - Duration::days(2));
    c.record_production(app.ladder, cafe.id, d1, &input(Some(35), None, None))
        .await
        .expect("units by hand");
    let no = |d: NaiveDate| d.format("%d.%m.%Y").to_string();
    let csv = format!(
        "Dato;Kvitteringer;Beløp inkl. mva\n\
         {} 11:40;1;89,00\n\
         {} 12:05;2;1 234,50\n\
         {};1;145,00\n\
         Totalt;4;1 468,50\n",
        no(d1),
        no(d1),
        no(d2)
    );
    let preview = c
        .import_till(app.ladder, cafe.id, csv.clone(), true)
        .await
        .expect("preview");
    assert!(!preview.imported);
    assert_eq!((preview.days, preview.lines), (2, 3));
    assert_eq!((preview.first, preview.last), (Some(d1), Some(d2)));
    assert_eq!(preview.sales_total, 1468.5);
    assert_eq!(preview.currency, Currency::Nok);
    assert_eq!(preview.totals[0].sales, 1323.5);
    assert_eq!(preview.totals[0].customers, Some(3));
    assert!(preview.totals[0].recorded_before);
    assert!(!preview.totals[1].recorded_before);
    assert_eq!(stored(&app), 1, "a dry run writes nothing");
    assert!(
        stige_store::audit::with_action(
            &mut app.conn(),
            stige_domain::AuditAction::ProductionImport
        )
        .expect("audit")
        .is_empty()
    );

    let done = c
        .import_till(app.ladder, cafe.id, csv, false)
        .await
        .expect("import");
    assert!(done.imported);
    let log = c
        .production(
            app.ladder,
            &ProductionQuery {
                from: Some(d1),
                to: Some(d2),
            },
        )
        .await
        .expect("log");
    let days = &log.workplaces[0].days;
    assert_eq!(days.len(), 2);
    assert_eq!(
        (
            days[0].units,
            days[0].customers,
            days[0].sales,
            days[0].source
        ),
        (Some(35), Some(3), Some(1323.5), ProductionSource::Till)
    );
    assert_eq!((days[1].units, days[1].sales), (None, Some(145.0)));
    assert_eq!(
        stige_store::audit::with_action(
            &mut app.conn(),
            stige_domain::AuditAction::ProductionImport
        )
        .expect("audit")
        .len(),
        1
    );
}

#[actix_web::test]
async fn a_bad_till_line_is_named_by_its_number_and_nothing_is_written() {
    let app = spawn_app().await;
    let cafe = place(&app, app.ladder, "Kafeen", &[], OutputUnit::Portions).await;
    let c = app.coordinator().await;
    let d = today() - Duration::days(1);
    let csv = format!("date,amount,customers\n{d},10.50,1\n{d},ten,2\n{d},3.00,x\n");
    let url = path(&app, cafe.id, "/import?dry_run=false");
    let problem = assert_problem(post_csv(&c, &url, &csv).await, 422).await;
    assert_eq!(fields(&problem), ["lines[3].amount", "lines[4].customers"]);
    assert_eq!(problem["errors"][0]["code"], "not-an-amount");
    let problem = assert_problem(post_csv(&c, &url, "when;what\n1;2\n").await, 422).await;
    assert_eq!(fields(&problem), ["file", "file"]);
    let big = format!("date;amount\n{}", format!("{d};1,00\n").repeat(70_000));
    let problem = assert_problem(post_csv(&c, &url, &big).await, 422).await;
    assert_eq!(fields(&problem), ["file"]);
    assert_eq!(problem["errors"][0]["code"], "file-too-large");
    assert_eq!(stored(&app), 0, "nothing written");
}

/// An active participant on the test ladder.
async fn people(app: &TestApp, n: usize, family: &str) -> Vec<ParticipantId> {
    let mut ids = Vec::new();
    for i in 0..n {
        ids.push(app.active_participant(&format!("P{i}"), family).await.id);
    }
    ids
}

fn work(id: ParticipantId, hours: f64, tasks: Vec<i64>) -> WorkDayInput {
    WorkDayInput {
        participant_id: Some(id),
        hours: Some(hours),
        independence: Some(Independence::WorksAlone),
        task_ids: tasks,
        note: None,
        peer_support: false,
    }
}

fn line<'a>(report: &'a ProductionReport, name: &str) -> &'a stige_client::WorkplaceFigures {
    report
        .workplaces
        .iter()
        .find(|w| w.name == name)
        .expect("workplace")
}

#[actix_web::test]
async fn the_report_splits_hours_between_workplaces_and_controls_small_figures() {
    let app = spawn_app().await;
    let shop = place(
        &app,
        app.ladder,
        "Verkstedet",
        &["Pussing"],
        OutputUnit::Items,
    )
    .await;
    let cafe = place(
        &app,
        app.ladder,
        "Kafeen",
        &["Servering"],
        OutputUnit::Portions,
    )
    .await;
    let (sanding, serving) = (shop.tasks[0].id, cafe.tasks[0].id);
    let anna = people(&app, 1, "Anna").await[0];
    let at_cafe = people(&app, 5, "Kafe").await;
    let elsewhere = people(&app, 5, "Annet").await;
    let c = app.coordinator().await;
    // Anna: four hours at both workplaces; five at the café; five at no workplace.
    let mut entries = vec![work(anna, 4.0, vec![sanding, serving])];
    entries.extend(at_cafe.iter().map(|id| work(*id, 2.0, vec![serving])));
    entries.extend(elsewhere.iter().map(|id| work(*id, 1.0, vec![])));
    c.save_work_log(&WorkLogUpdate {
        date: Some(today()),
        ladder_id: Some(app.ladder),
        entries,
    })
    .await
    .expect("work log");
    c.save_work_log(&WorkLogUpdate {
        date: Some(last_month()),
        ladder_id: Some(app.ladder),
        entries: vec![work(anna, 3.0, vec![sanding])],
    })
    .await
    .expect("last month");
    c.record_production(
        app.ladder,
        cafe.id,
        today(),
        &input(Some(40), Some(30), Some(1000.0)),
    )
    .await
    .expect("cafe");
    c.record_production(app.ladder, shop.id, today(), &input(Some(3), None, None))
        .await
        .expect("shop");
    c.record_production(
        app.ladder,
        shop.id,
        last_month(),
        &input(Some(5), None, Some(900.0)),
    )
    .await
    .expect("shop last month");

    let month = Month::of(today()).to_string();
    let query = ProductionReportQuery {
        ladder: Some(app.ladder.0),
        month: Some(month.clone()),
    };
    let exact = c.production_report(&query).await.expect("report");
    assert_eq!(exact.disclosure, Disclosure::Exact);
    assert_eq!(
        (exact.month.as_str(), exact.currency),
        (month.as_str(), Currency::Nok)
    );
    let (s, k) = (line(&exact, "Verkstedet"), line(&exact, "Kafeen"));
    assert_eq!(
        (s.work.hours, s.work.people),
        (Some(2.0), ShownCount::Number(1))
    );
    assert_eq!(
        (k.work.hours, k.work.people),
        (Some(12.0), ShownCount::Number(6))
    );
    assert_eq!(
        (k.output.units, k.output.customers, k.output.sales),
        (40, 30, 1000.0)
    );
    assert_eq!(
        (exact.other_work.hours, exact.other_work.people),
        (Some(5.0), ShownCount::Number(5))
    );
    assert_eq!(exact.totals.work.hours, Some(19.0));
    assert_eq!(exact.totals.work.people, ShownCount::Number(11));
    assert_eq!((exact.totals.items, exact.totals.portions), (3, 40));
    assert_eq!(exact.totals.sales, 1000.0);
    assert_eq!(exact.trend.len(), 12);
    assert_eq!(exact.trend[11].month, month);
    let before = &exact.trend[10];
    assert_eq!(before.month, Month::of(last_month()).to_string());
    let shop_before = before
        .workplaces
        .iter()
        .find(|w| w.workplace_id == shop.id)
        .expect("shop");
    assert_eq!(shop_before.work.hours, Some(3.0));
    assert_eq!(
        (shop_before.output.units, shop_before.output.sales),
        (5, 900.0)
    );
    assert_eq!(before.totals.sales, 900.0);

    // A viewer: people rounded, hours of fewer than five left out, and
    // other work's hours too, or the total would give the workshop's away.
    let controlled = app
        .viewer()
        .await
        .production_report(&query)
        .await
        .expect("viewer");
    assert_eq!(controlled.disclosure, Disclosure::Controlled);
    let (s, k) = (line(&controlled, "Verkstedet"), line(&controlled, "Kafeen"));
    assert_eq!((s.work.hours, s.work.people), (None, FEW));
    assert_eq!(
        (k.work.hours, k.work.people),
        (Some(12.0), ShownCount::Number(5))
    );
    assert_eq!(controlled.other_work.hours, None);
    assert_eq!(controlled.totals.work.hours, Some(19.0));
    assert_eq!(controlled.totals.work.people, ShownCount::Number(10));
    assert_eq!(
        k.output.units, 40,
        "output is the enterprise's, shown as it is"
    );
    let before = &controlled.trend[10];
    assert_eq!(before.totals.work.hours, None);
    assert_eq!(before.totals.work.people, FEW);
    // A mentor, too, sees it under control.
    let mentor = app
        .mentor()
        .await
        .production_report(&query)
        .await
        .expect("mentor");
    assert_eq!(mentor.disclosure, Disclosure::Controlled);

    let csv = app
        .viewer()
        .await
        .production_report_csv(&query)
        .await
        .expect("csv");
    let mut rows = csv.lines();
    assert_eq!(
        rows.next(),
        Some(
            "month,line,workplace_id,workplace,days,items,portions,orders,customers,sales,currency,hours,people,disclosure"
        )
    );
    let shop_row = format!(
        "{month},workplace,{},Verkstedet,1,3,,0,0,0.00,NOK,,<5,controlled",
        shop.id
    );
    assert!(csv.lines().any(|l| l == shop_row), "{csv}");
    assert!(
        csv.lines()
            .any(|l| l.starts_with(&format!("{month},total,")))
    );
    assert_eq!(csv.lines().count(), 1 + 12 * 4);

    // By default last month; a month ahead or not a month is refused.
    let last = c
        .production_report(&ProductionReportQuery {
            ladder: Some(app.ladder.0),
            month: None,
        })
        .await
        .expect("default");
    assert_eq!(last.month, Month::of(last_month()).to_string());
    let next = Month::of(today()).next().to_string();
    for bad in [next.as_str(), "2026-13", "soon"] {
        let e = c
            .production_report(&ProductionReportQuery {
                ladder: Some(app.ladder.0),
                month: Some(bad.into()),
            })
            .await
            .unwrap_err();
        assert_eq!(status_of(&e), 422, "{bad}");
    }
}

#[actix_web::test]
async fn production_is_not_there_for_other_organisations_or_partners_and_viewers_only_read() {
    let app = spawn_app().await;
    let cafe = place(&app, app.ladder, "Kafeen", &[], OutputUnit::Portions).await;
    let theirs = place(&app, app.other_ladder, "Butikken", &[], OutputUnit::Items).await;
    let date = today();
    let figures = input(Some(1), None, None);
    let report = ProductionReportQuery {
        ladder: Some(app.ladder.0),
        month: Some(Month::of(date).to_string()),
    };
    let unit = WorkplaceUpdate {
        name: Some("Kafeen".into()),
        output_unit: Some(OutputUnit::Items),
    };

    let other = app.as_user("other-admin").await;
    let q = ProductionQuery::default();
    assert_eq!(
        status_of(&other.production(app.ladder, &q).await.unwrap_err()),
        404
    );
    assert_eq!(
        status_of(
            &other
                .record_production(app.ladder, cafe.id, date, &figures)
                .await
                .unwrap_err()
        ),
        404
    );
    assert_eq!(
        status_of(
            &other
                .import_till(app.ladder, cafe.id, "date;amount\n", true)
                .await
                .unwrap_err()
        ),
        404
    );
    assert_eq!(
        status_of(&other.production_report(&report).await.unwrap_err()),
        404
    );
    assert_eq!(
        status_of(
            &other
                .update_workplace(app.ladder, cafe.id, &unit)
                .await
                .unwrap_err()
        ),
        404
    );

    let partner = app.kristiansand_kommune(SharingCategory::ALL).await;
    assert_eq!(
        status_of(&partner.api.production_report(&report).await.unwrap_err()),
        404
    );
    assert_eq!(
        status_of(
            &partner
                .api
                .production_report_csv(&report)
                .await
                .unwrap_err()
        ),
        404
    );

    // A viewer reads the production and the report but changes nothing.
    let viewer = app.viewer().await;
    viewer.production(app.ladder, &q).await.expect("reads");
    viewer.production_report(&report).await.expect("report");
    assert_eq!(
        status_of(
            &viewer
                .record_production(app.ladder, cafe.id, date, &figures)
                .await
                .unwrap_err()
        ),
        403
    );
    assert_eq!(
        status_of(
            &viewer
                .import_till(app.ladder, cafe.id, "date;amount\n", false)
                .await
                .unwrap_err()
        ),
        403
    );
    // Only admins change a workplace.
    let c = app.coordinator().await;
    assert_eq!(
        status_of(
            &c.update_workplace(app.ladder, cafe.id, &unit)
                .await
                .unwrap_err()
        ),
        403
    );
    // Another programme's workplace through this one's path.
    assert_eq!(
        status_of(
            &c.record_production(app.ladder, theirs.id, date, &figures)
                .await
                .unwrap_err()
        ),
        404
    );
    // A programme of another organisation.
    let admin = app.admin().await;
    assert_eq!(
        status_of(&admin.production(app.stranger.ladder, &q).await.unwrap_err()),
        404
    );
    assert_eq!(stored(&app), 0);
}

#[test]
fn the_demo_has_half_a_year_of_production_in_each_programme_s_currency() {
    use stige_domain::production::report::{
        ProductionInput, WorkplaceInfo, production_report, trend_days,
    };
    let backend = std::env::var("STIGE_TEST_DATABASE").unwrap_or_else(|_| "sqlite".into());
    let db = stige_store::testing::TestDatabase::new(&backend).expect("database");
    let store = stige_store::Store::open(&db.url).expect("open");
    stige_store::migrate::run(&store).expect("migrate");
    stige_demo::programmes::seed_if_empty(&store, today()).expect("seed");
    let mut conn = store.conn().expect("conn");
    let ladders: Vec<i64> = stige_store::schema::workplaces::table
        .select(stige_store::schema::workplaces::ladder_id)
        .distinct()
        .load(&mut conn)
        .expect("ladders");
    assert_eq!(ladders.len(), 2);
    let month = Month::of(last_month());
    let (from, to) = trend_days(month);
    let mut currencies = Vec::new();
    for ladder in ladders {
        let country = stige_store::outcomes::country_of_ladder(&mut conn, ladder).expect("country");
        let currency = Currency::of(country);
        currencies.push(currency);
        let workplaces: Vec<WorkplaceInfo> =
            stige_store::work_log::workplaces_of(&mut conn, &[ladder])
                .expect("places")
                .into_iter()
                .map(|(w, _)| WorkplaceInfo {
                    id: w.id,
                    output_unit: OutputUnit::parse(&w.output_unit).expect("unit"),
                    name: w.name,
                })
                .collect();
        assert!(
            workplaces
                .iter()
                .any(|w| w.output_unit == OutputUnit::Portions)
        );
        let input = ProductionInput {
            month,
            ladder: LadderId(ladder),
            ladder_name: String::new(),
            currency,
            workplaces,
            produced: stige_store::production::days_of_ladder(&mut conn, ladder, from, to)
                .expect("days")
                .iter()
                .map(stige_store::production::ProductionDayRow::produced)
                .collect(),
            worked: stige_store::production::worked(&mut conn, ladder, from, to).expect("worked"),
        };
        let r = production_report(&input, Disclosure::Exact);
        assert!(r.totals.portions > 0 && r.totals.sales > 0.0, "{r:?}");
        assert!(r.totals.work.hours.is_some_and(|h| h > 0.0), "{r:?}");
        let with_output = r.trend.iter().filter(|m| m.totals.sales > 0.0).count();
        assert!(with_output >= 6, "half a year: {with_output}");
    }
    currencies.sort_by_key(|c| c.as_str());
    assert_eq!(currencies, [Currency::Nok, Currency::Sek]);
}

#[actix_web::test]
async fn an_admin_renames_a_workplace_and_sets_its_output_unit_with_both_fields() {
    let app = spawn_app().await;
    let cafe = place(&app, app.ladder, "Kafeen", &[], OutputUnit::Portions).await;
    place(&app, app.ladder, "Butikken", &[], OutputUnit::Items).await;
    let admin = app.admin().await;
    let changed = admin
        .update_workplace(
            app.ladder,
            cafe.id,
            &WorkplaceUpdate {
                name: Some("Kafeen i andre etasje".into()),
                output_unit: Some(OutputUnit::Items),
            },
        )
        .await
        .expect("update");
    assert_eq!(changed.name, "Kafeen i andre etasje");
    assert_eq!(changed.output_unit, OutputUnit::Items);
    // PUT replaces both: each missing field is named, a taken name too, and
    // nothing changes.
    for (body, field) in [
        (json!({"name": "Kafeen"}), "output_unit"),
        (json!({"output_unit": "portions"}), "name"),
        (
            json!({"name": "Butikken", "output_unit": "portions"}),
            "name",
        ),
        (json!({"name": "", "output_unit": "portions"}), "name"),
    ] {
        let r = app
            .send_json(
                &admin,
                Method::PUT,
                &format!("/api/v1/ladders/{}/workplaces/{}", app.ladder, cafe.id),
                body.clone(),
            )
            .await;
        let problem = assert_problem(r, 422).await;
        assert!(
            fields(&problem).contains(&field.to_owned()),
            "{body}: {problem}"
        );
    }
    let now = admin.workplaces(app.ladder).await.expect("list");
    let now = now.iter().find(|w| w.id == cafe.id).expect("cafe");
    assert_eq!(
        (now.name.as_str(), now.output_unit),
        ("Kafeen i andre etasje", OutputUnit::Items)
    );
}
