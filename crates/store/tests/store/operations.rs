//! Job leases across servers, and backups read back table by table.

use super::on_each_backend;
use chrono::Duration;
use stige_store::{Store, backup, jobs, migrate, testing::TestDatabase};

#[test]
fn of_two_servers_asking_together_for_a_job_one_gets_the_lease_until_it_runs_out() {
    on_each_backend(|store| {
        let asks: Vec<bool> = std::thread::scope(|s| {
            let askers: Vec<_> = ["server-a", "server-b", "server-c"]
                .into_iter()
                .map(|holder| {
                    let store = store.clone();
                    s.spawn(move || {
                        store
                            .transaction(|conn| -> Result<bool, stige_store::StoreError> {
                                Ok(jobs::take_lease(
                                    conn,
                                    "daily",
                                    holder,
                                    Duration::hours(23),
                                )?)
                            })
                            .expect("ask")
                    })
                })
                .collect();
            askers
                .into_iter()
                .map(|a| a.join().expect("join"))
                .collect()
        });
        assert_eq!(asks.iter().filter(|taken| **taken).count(), 1, "{asks:?}");
        let mut conn = store.conn().expect("conn");
        let (holder, until) = jobs::lease_of(&mut conn, "daily")
            .expect("lease")
            .expect("row");
        assert!(holder.is_some_and(|h| h.starts_with("server-")));
        assert!(until > stige_store::now() + Duration::hours(22));
        // Held: nobody gets it, not even its holder, until it runs out.
        assert!(
            !jobs::take_lease(&mut conn, "daily", "server-a", Duration::hours(23)).expect("ask")
        );
        // A lease that runs out at once is free again.
        assert!(jobs::take_lease(&mut conn, "outbox", "server-a", Duration::zero()).expect("ask"));
        assert!(
            jobs::take_lease(&mut conn, "outbox", "server-b", Duration::seconds(20)).expect("ask")
        );
        assert!(
            !jobs::take_lease(&mut conn, "unknown", "server-a", Duration::zero()).expect("ask")
        );
    });
}

#[test]
fn a_backup_restores_into_an_empty_database_and_refuses_the_wrong_key_or_a_used_database() {
    on_each_backend(|store| {
        let mut conn = store.conn().expect("conn");
        super::user(&mut conn, "kari", "coordinator");
        drop(conn);
        let mut file = Vec::new();
        let header = backup::export(store, "key-1", &mut file).expect("export");
        assert_eq!(header.tables["users"], 1);
        assert!(!header.tables.contains_key("__diesel_schema_migrations"));

        let kind = header.backend.clone();
        let db = TestDatabase::new(&kind).expect("db");
        let target = Store::open(&db.url).expect("open");
        migrate::run(&target).expect("migrate");
        let wrong = backup::import(&target, "key-2", file.as_slice()).expect_err("wrong key");
        assert!(wrong.to_string().contains("key-1"), "{wrong}");
        let cut = &file[..file.len() - 10];
        assert!(
            backup::import(&target, "key-1", cut).is_err(),
            "a cut-off file"
        );
        backup::import(&target, "key-1", file.as_slice()).expect("restore");
        let mut conn = target.conn().expect("conn");
        for table in backup::tables(&mut conn).expect("tables") {
            let mut restored = backup::rows(&mut conn, &table).expect("rows");
            restored.sort();
            let mut original =
                backup::rows(&mut store.conn().expect("conn"), &table).expect("rows");
            original.sort();
            assert_eq!(restored, original, "{table}");
        }
        drop(conn);
        let used = backup::import(&target, "key-1", file.as_slice()).expect_err("in use");
        assert!(used.to_string().contains("users"), "{used}");
        // The ids go on after the restored ones.
        let mut conn = target.conn().expect("conn");
        let next = super::user(&mut conn, "ola", "mentor");
        assert!(next.0 > 1);
    });
}
