#![expect(clippy::expect_used, reason = "test fixtures fail loudly")]

//! PostgreSQL's row-level security alone (issue 27): with the store's own
//! filter switched off (`Within::Installation`), a transaction limited to one
//! organisation reads and writes nothing of another's.

use chrono::NaiveDate;
use diesel::prelude::*;
use stige_domain::{OrganisationId, ParticipantId, UserId};
use stige_store::participants::{self, ListFilter, PersonalDetails};
use stige_store::row_security::{self, RowScope};
use stige_store::testing::TestDatabase;
use stige_store::users::NewUserRow;
use stige_store::within::{PeopleReached, Within};
use stige_store::{DbConnection, Store, ladders, migrate, organisations, users};

mod fixtures;
use fixtures::organisation;

fn person(
    conn: &mut DbConnection,
    organisation: OrganisationId,
    name: &str,
    by: UserId,
) -> ParticipantId {
    let ladder = ladders::create(conn, organisation, name, "", None).expect("ladder");
    let row = participants::insert(
        conn,
        ladder.id,
        &PersonalDetails {
            given_name: name.into(),
            family_name: name.into(),
            birth_date: NaiveDate::from_ymd_opt(1990, 1, 1),
            national_id: None,
        },
        today(),
        by,
    )
    .expect("participant");
    ParticipantId(row.id)
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 2).expect("date")
}

#[test]
fn row_level_security_alone_hides_another_organisation() {
    let db = TestDatabase::new("postgres").expect("postgres");
    let store = Store::open(&db.url).expect("open");
    migrate::run(&store).expect("migrate");
    let mut conn = store.conn().expect("conn");
    assert!(
        row_security::available(&mut conn).expect("check"),
        "the migration set up the role"
    );
    let ours = organisation(&mut conn, "Ours");
    let theirs = organisation(&mut conn, "Theirs");
    let by = UserId(
        users::insert(
            &mut conn,
            &NewUserRow {
                username: "kari",
                display_name: "Kari",
                password_hash: "x",
                role: "admin",
                active: true,
                created_at: stige_store::now(),
                organisation_id: Some(ours.0),
                agreement_id: None,
            },
        )
        .expect("user")
        .id,
    );
    let mine = person(&mut conn, ours, "Mine", by);
    let other = person(&mut conn, theirs, "Other", by);
    let everyone = ListFilter::within(PeopleReached::Installation);
    // Without the limit (the installation's own work) both are there.
    assert_eq!(participants::list(&mut conn, &everyone).expect("list").1, 2);
    for (scope, expected) in [
        (RowScope::Organisation(Some(ours.0)), vec![mine]),
        (RowScope::Organisation(Some(theirs.0)), vec![other]),
        (RowScope::Organisation(None), vec![]),
    ] {
        let seen: Vec<ParticipantId> = store
            .transaction_in(scope, |conn| -> Result<_, stige_store::StoreError> {
                let (rows, _) = participants::list(conn, &everyone)?;
                Ok(rows
                    .into_iter()
                    .map(|r| ParticipantId(r.participant.id))
                    .collect())
            })
            .expect("read");
        assert_eq!(seen, expected, "{scope:?}");
        let direct = store
            .transaction_in(scope, |conn| -> Result<_, stige_store::StoreError> {
                Ok(participants::get(conn, Within::Installation, other)?.is_some())
            })
            .expect("get");
        assert_eq!(direct, expected.contains(&other), "{scope:?}");
    }
    // Writes into another organisation's programme are refused, and changes
    // to its people touch nothing.
    let theirs_ladder = organisations::ladder_ids(&mut conn, theirs.0).expect("ladders")[0];
    let refused = store.transaction_in(
        RowScope::Organisation(Some(ours.0)),
        |conn| -> Result<_, stige_store::StoreError> {
            Ok(participants::insert(
                conn,
                theirs_ladder,
                &PersonalDetails {
                    given_name: "Sneaked".into(),
                    family_name: "In".into(),
                    birth_date: None,
                    national_id: None,
                },
                today(),
                by,
            )?)
        },
    );
    assert!(refused.is_err(), "the policy's check refuses the row");
    let changed = store
        .transaction_in(
            RowScope::Organisation(Some(ours.0)),
            |conn| -> Result<_, stige_store::StoreError> {
                Ok(diesel::update(
                    stige_store::schema::participants::table
                        .filter(stige_store::schema::participants::id.eq(other.0)),
                )
                .set(stige_store::schema::participants::given_name.eq("Changed"))
                .execute(conn)?)
            },
        )
        .expect("update");
    assert_eq!(changed, 0);
    assert_eq!(participants::list(&mut conn, &everyone).expect("list").1, 2);
    // A report's reads, on every connection they use, see only the rows of
    // the scope: another organisation's programme is not there at all.
    let period = stige_domain::report::Period::parse(
        NaiveDate::from_ymd_opt(2026, 1, 1).expect("date"),
        today(),
    )
    .expect("period");
    let report = |rows: RowScope| {
        let scope = stige_store::reports::Scope {
            ladder: stige_domain::LadderId(theirs_ladder),
            agreement: None,
        };
        stige_store::reports::report_input(&store, scope, period, None, rows)
            .expect("report input")
            .map(|input| input.ladder_name)
    };
    assert_eq!(report(RowScope::Organisation(Some(ours.0))), None);
    assert_eq!(report(RowScope::Organisation(None)), None);
    assert_eq!(
        report(RowScope::Organisation(Some(theirs.0))),
        Some("Other".to_owned())
    );
}
