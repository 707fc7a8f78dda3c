use stige_api::demo::{Seeded, seed_if_empty};
use stige_store::testing::TestDatabase;
use stige_store::{Store, migrate, participants};

#[test]
fn demo_data_fills_an_empty_database_once_with_realistic_histories() {
    let backend = std::env::var("STIGE_TEST_DATABASE").unwrap_or_else(|_| "sqlite".into());
    let db = TestDatabase::new(&backend).expect("database");
    let store = Store::open(&db.url).expect("open");
    migrate::run(&store).expect("migrate");
    let today = chrono::Utc::now().date_naive();
    assert_eq!(
        seed_if_empty(&store, today).expect("seed"),
        Seeded::Created { participants: 30 }
    );
    assert_eq!(
        seed_if_empty(&store, today).expect("again"),
        Seeded::AlreadyHadData
    );

    let mut conn = store.conn().expect("conn");
    assert_eq!(participants::count(&mut conn).expect("count"), 30);
    let all = participants::ListFilter {
        limit: 100,
        ..Default::default()
    };
    let (rows, _) = participants::list(&mut conn, &all).expect("list");
    let active = rows
        .iter()
        .filter(|r| r.participant.status == "active")
        .count();
    assert!(
        active >= 5,
        "enough active participants to work with ({active})"
    );
    let mut downs = 0;
    let mut exits = 0;
    for r in &rows {
        let h = participants::history(&mut conn, stige_domain::ParticipantId(r.participant.id))
            .expect("history");
        downs += h
            .moves
            .iter()
            .filter(|(m, _)| m.direction == "down")
            .count();
        exits += h
            .status_changes
            .iter()
            .filter(|(c, _)| c.to_status == "exited")
            .count();
        assert!(h.moves.iter().all(|(m, _)| m.date <= today));
        let earliest = today - chrono::Duration::days(19 * 30);
        assert!(
            h.status_changes
                .iter()
                .all(|(c, _)| c.date >= earliest && c.date <= today)
        );
    }
    assert!(
        downs > 0 && exits > 0,
        "moves down ({downs}) and exits ({exits}) are part of the story"
    );
}
