#![expect(clippy::expect_used, reason = "test fixtures fail loudly")]

//! Production in the store, on SQLite and PostgreSQL: a day recorded and
//! replaced, a till import that keeps the units entered by hand, the days of
//! a programme's workplaces, and the hours worked at each.

use chrono::NaiveDate;
use stige_domain::production::till::TillDay;
use stige_domain::production::{DayFigures, OutputUnit};
use stige_domain::work::{Independence, WorkDay};
use stige_domain::{LadderId, ParticipantId, UserId};
use stige_store::participants::{self, PersonalDetails};
use stige_store::testing::{TestDatabase, backends};
use stige_store::{DbConnection, Store, migrate, production, work_log};

mod fixtures;
use fixtures::{on_each_backend, organisation, staff};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).expect("date")
}

fn user(conn: &mut DbConnection) -> UserId {
    staff(conn, "kari", "Kari", "coordinator")
}

fn person(conn: &mut DbConnection, ladder: LadderId, given: &str, by: UserId) -> ParticipantId {
    let details = PersonalDetails {
        given_name: given.into(),
        family_name: "Arbeid".into(),
        birth_date: None,
        national_id: None,
    };
    ParticipantId(
        participants::insert(conn, ladder.0, &details, day(1), by)
            .expect("insert")
            .id,
    )
}

fn figures(units: Option<u32>, customers: Option<u32>, sales: Option<i64>) -> DayFigures {
    DayFigures {
        units,
        orders: None,
        customers,
        sales_minor: sales,
    }
}

#[test]
fn a_day_is_replaced_and_a_till_import_keeps_the_units_entered_by_hand() {
    on_each_backend(|store| {
        let mut conn = store.conn().expect("conn");
        let by = user(&mut conn);
        let ladder = LadderId(
            stige_store::testing::ladder(&mut conn, "Portalen", "", None)
                .expect("ladder")
                .id,
        );
        let now = stige_store::now();
        let cafe = work_log::add_workplace(&mut conn, ladder.0, "Kafeen", &[], now).expect("cafe");
        assert!(
            work_log::update_workplace(&mut conn, ladder.0, cafe, None, Some(OutputUnit::Portions))
                .expect("unit")
        );
        assert!(
            !work_log::update_workplace(&mut conn, ladder.0 + 99, cafe, Some("X"), None)
                .expect("other ladder")
        );
        let places = work_log::workplaces_of(&mut conn, &[ladder.0]).expect("places");
        assert_eq!(
            (places[0].0.name.as_str(), places[0].0.output_unit.as_str()),
            ("Kafeen", "portions")
        );

        let replaced = production::record_day(
            &mut conn,
            cafe,
            day(2),
            &figures(Some(40), Some(12), Some(98_050)),
            by,
            now,
        )
        .expect("record");
        assert!(!replaced);
        let replaced = production::record_day(
            &mut conn,
            cafe,
            day(2),
            &figures(Some(42), None, None),
            by,
            now,
        )
        .expect("again");
        assert!(replaced);
        let row = production::day(&mut conn, cafe, day(2))
            .expect("read")
            .expect("there");
        assert_eq!(
            (row.units(), row.customers(), row.sales_minor),
            (Some(42), None, None)
        );
        assert_eq!(
            row.source,
            stige_domain::production::ProductionSource::Entered
        );

        let till = [
            TillDay {
                day: day(2),
                sales_minor: 123_450,
                customers: Some(30),
                orders: None,
                lines: 30,
            },
            TillDay {
                day: day(3),
                sales_minor: 5_000,
                customers: None,
                orders: Some(2),
                lines: 1,
            },
        ];
        let replaced = production::import_till(&mut conn, cafe, &till, by, now).expect("import");
        assert_eq!(replaced, 1);
        let rows = production::days_of_ladder(&mut conn, ladder.0, day(1), day(30)).expect("days");
        assert_eq!(rows.len(), 2);
        assert_eq!(
            (
                rows[0].units(),
                rows[0].customers(),
                rows[0].sales_minor,
                rows[0].source.as_str()
            ),
            (Some(42), Some(30), Some(123_450), "till")
        );
        assert_eq!(
            (rows[1].units(), rows[1].orders(), rows[1].sales_minor),
            (None, Some(2), Some(5_000))
        );
        let later = production::days_of_ladder(&mut conn, ladder.0, day(3), day(3)).expect("one");
        assert_eq!(later.len(), 1);
        let none = production::days_of_ladder(&mut conn, ladder.0 + 99, day(1), day(30))
            .expect("other ladder");
        assert!(none.is_empty());
        assert_eq!(
            production::ladder_name(&mut conn, ladder.0)
                .expect("name")
                .as_deref(),
            Some("Portalen")
        );
        // A day deleted is gone; deleting it again deletes nothing.
        assert!(production::delete_day(&mut conn, cafe, day(3)).expect("delete"));
        assert!(!production::delete_day(&mut conn, cafe, day(3)).expect("again"));
        let left = production::days_of_ladder(&mut conn, ladder.0, day(1), day(30)).expect("days");
        assert_eq!(left.iter().map(|r| r.day).collect::<Vec<_>>(), vec![day(2)]);
    });
}

#[test]
fn the_hours_worked_come_with_the_workplaces_of_their_tasks() {
    on_each_backend(|store| {
        let mut conn = store.conn().expect("conn");
        let by = user(&mut conn);
        let ladder = LadderId(
            stige_store::testing::ladder(&mut conn, "Portalen", "", None)
                .expect("ladder")
                .id,
        );
        let other = LadderId(
            stige_store::testing::ladder(&mut conn, "Elsewhere", "", None)
                .expect("ladder")
                .id,
        );
        let now = stige_store::now();
        let shop = work_log::add_workplace(
            &mut conn,
            ladder.0,
            "Verkstedet",
            &["Pussing".into(), "Maling".into()],
            now,
        )
        .expect("shop");
        let cafe =
            work_log::add_workplace(&mut conn, ladder.0, "Kafeen", &["Servering".into()], now)
                .expect("cafe");
        let places = work_log::workplaces_of(&mut conn, &[ladder.0]).expect("places");
        let task = |place: i64, i: usize| {
            places
                .iter()
                .find(|(p, _)| p.id == place)
                .map(|(_, t)| t[i].id)
                .expect("task")
        };
        let anna = person(&mut conn, ladder, "Anna", by);
        let bo = person(&mut conn, other, "Bo", by);
        let work = |minutes: u32, tasks: Vec<i64>| WorkDay {
            minutes,
            independence: Independence::WorksAlone,
            tasks,
            note: None,
            peer_support: false,
        };
        let both = work(240, vec![task(shop, 0), task(shop, 1), task(cafe, 0)]);
        work_log::record_day(&mut conn, anna, day(2), &both, by, now).expect("both");
        work_log::record_day(&mut conn, anna, day(3), &work(60, vec![]), by, now).expect("none");
        work_log::record_day(&mut conn, anna, day(30), &work(60, vec![]), by, now)
            .expect("outside");
        work_log::record_day(&mut conn, bo, day(2), &work(60, vec![]), by, now).expect("bo");

        let worked = production::worked(&mut conn, ladder.0, day(1), day(29)).expect("worked");
        assert_eq!(worked.len(), 2);
        assert_eq!(
            (worked[0].participant, worked[0].day, worked[0].minutes),
            (anna.0, day(2), 240)
        );
        let mut at = worked[0].workplaces.clone();
        at.sort_unstable();
        let mut expected = vec![shop, cafe];
        expected.sort_unstable();
        assert_eq!(at, expected, "each workplace once");
        assert!(worked[1].workplaces.is_empty());
    });
}

#[test]
fn row_level_security_alone_hides_another_organisation_s_production() {
    if !backends().contains(&"postgres") {
        return;
    }
    use stige_store::row_security::RowScope;
    let db = TestDatabase::new("postgres").expect("postgres");
    let store = Store::open(&db.url).expect("open");
    migrate::run(&store).expect("migrate");
    let mut conn = store.conn().expect("conn");
    let by = user(&mut conn);
    let mut places = Vec::new();
    let mut orgs = Vec::new();
    for name in ["Ours", "Theirs"] {
        let org = organisation(&mut conn, name).0;
        let ladder = stige_store::ladders::create(
            &mut conn,
            stige_domain::OrganisationId(org),
            name,
            "",
            None,
        )
        .expect("ladder")
        .id;
        let place = work_log::add_workplace(&mut conn, ladder, "Kafeen", &[], stige_store::now())
            .expect("place");
        production::record_day(
            &mut conn,
            place,
            day(2),
            &figures(Some(5), None, None),
            by,
            stige_store::now(),
        )
        .expect("day");
        orgs.push(org);
        places.push((ladder, place));
    }
    let (ours, theirs) = (RowScope::Organisation(Some(orgs[0])), places[1]);
    let seen = store
        .transaction_in(ours, |conn| -> Result<_, stige_store::StoreError> {
            Ok(production::days_of_ladder(conn, theirs.0, day(1), day(30))?.len())
        })
        .expect("read");
    assert_eq!(seen, 0);
    let refused = store.transaction_in(ours, |conn| -> Result<_, stige_store::StoreError> {
        Ok(production::record_day(
            conn,
            theirs.1,
            day(3),
            &figures(Some(1), None, None),
            by,
            stige_store::now(),
        )?)
    });
    assert!(refused.is_err(), "the policy's check refuses the row");
    let own = store
        .transaction_in(ours, |conn| -> Result<_, stige_store::StoreError> {
            Ok(production::days_of_ladder(conn, places[0].0, day(1), day(30))?.len())
        })
        .expect("own");
    assert_eq!(own, 1);
}
