#![expect(clippy::expect_used, reason = "test fixtures fail loudly")]

//! Store tests: every test runs on SQLite and on PostgreSQL.

use chrono::{NaiveDate, Timelike};
use stige_domain::{
    DemandLevel, EnrolmentStatus, LadderId, ParticipantId, StepDraft, StepId, UserId,
};
use stige_store::bulk::{self, Load, SchemaObject, SeedBatch, SeedMark};
use stige_store::list_memory::{self, ListMemory};
use stige_store::participants::{self, ListFilter, PersonalDetails};
use stige_store::read_audit::ReadEvent;
use stige_store::testing::{TestDatabase, backends};
use stige_store::within::{PeopleReached, Within};
use stige_store::{DbConnection, Store, audit, ladders, migrate, users};

mod fixtures;
use fixtures::{on_each_backend, staff};

/// Runs `test` once per backend, each time on a fresh, migrated database.
#[path = "store/audit_chain.rs"]
mod audit_chain;
#[path = "store/operations.rs"]
mod operations;
#[path = "store/work_log.rs"]
mod work_log;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 5, d).expect("date")
}

fn user(conn: &mut DbConnection, name: &str, role: &str) -> UserId {
    staff(conn, name, name, role)
}

fn ladder_with_steps(conn: &mut DbConnection, n: usize) -> (LadderId, Vec<StepId>) {
    let l = LadderId(
        stige_store::testing::ladder(conn, "Ladder", "", None)
            .expect("ladder")
            .id,
    );
    let steps = (0..n)
        .map(|i| {
            let d = StepDraft::parse(&format!("Step {i}"), "", DemandLevel::Low, None, None)
                .expect("draft");
            StepId(ladders::add_step(conn, l, &d).expect("step").id)
        })
        .collect();
    (l, steps)
}

fn person(
    conn: &mut DbConnection,
    ladder: LadderId,
    given: &str,
    family: &str,
    by: UserId,
) -> ParticipantId {
    let details = PersonalDetails {
        given_name: given.into(),
        family_name: family.into(),
        birth_date: None,
        national_id: None,
    };
    ParticipantId(
        participants::insert(conn, ladder.0, &details, day(1), by)
            .expect("insert")
            .id,
    )
}

#[test]
fn migrations_apply_once_and_a_second_run_changes_nothing() {
    on_each_backend(|store| {
        assert_eq!(migrate::run(store).expect("again"), 0);
        store.ping().expect("ping");
    });
}

#[test]
fn a_failed_transaction_writes_nothing() {
    on_each_backend(|store| {
        let result: Result<(), stige_store::StoreError> = store.transaction(|conn| {
            stige_store::testing::ladder(conn, "Doomed", "", None)?;
            Err(diesel::result::Error::RollbackTransaction.into())
        });
        assert!(result.is_err());
        let mut conn = store.conn().expect("conn");
        assert_eq!(ladders::count(&mut conn).expect("count"), 0);
    });
}

#[test]
fn a_transaction_nests_as_a_savepoint_and_leaves_its_connection_usable() {
    on_each_backend(|store| {
        let mut conn = store.conn().expect("conn");
        let kept: Result<(), stige_store::StoreError> = store.transaction_on(&mut conn, |conn| {
            stige_store::testing::ladder(conn, "Kept", "", None)?;
            // An inner transaction that fails rolls back only its own writes.
            let inner: Result<(), diesel::result::Error> =
                diesel::Connection::transaction(conn, |conn| {
                    stige_store::testing::ladder(conn, "Inner", "", None)?;
                    Err(diesel::result::Error::RollbackTransaction)
                });
            assert!(inner.is_err());
            Ok(())
        });
        kept.expect("outer commits");
        let failed: Result<(), stige_store::StoreError> = store.transaction_on(&mut conn, |conn| {
            stige_store::testing::ladder(conn, "Doomed", "", None)?;
            Err(diesel::result::Error::RollbackTransaction.into())
        });
        assert!(failed.is_err());
        // The same connection takes the next transaction and sees only what committed.
        store
            .transaction_on(&mut conn, |conn| -> Result<(), stige_store::StoreError> {
                stige_store::testing::ladder(conn, "Next", "", None)?;
                Ok(())
            })
            .expect("next");
        let names: Vec<String> = ladders::all(&mut conn)
            .expect("list")
            .into_iter()
            .map(|(l, _)| l.name)
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
        assert!(names.contains(&"Kept".to_owned()) && names.contains(&"Next".to_owned()));
    });
}

fn read_event(detail: String) -> ReadEvent {
    ReadEvent {
        actor: audit::Actor::User(UserId(7)),
        action: stige_domain::AuditAction::ParticipantRead,
        participant: Some(ParticipantId(42)),
        participants: vec![],
        ip: Some("127.0.0.1".into()),
        detail: Some(detail),
    }
}

#[test]
fn a_read_event_is_committed_when_record_read_returns() {
    on_each_backend(|store| {
        // A connection held meanwhile, as by another request: the writer takes its own.
        let held = store.conn().expect("conn");
        store
            .record_read(read_event("ids=1,2".into()))
            .expect("record");
        let mut other = store.conn().expect("conn");
        let found = audit::with_action(&mut other, stige_domain::AuditAction::ParticipantRead)
            .expect("audit");
        assert_eq!(found.len(), 1);
        let event = &found[0];
        assert_eq!(event.actor_kind, "user");
        assert_eq!(event.actor_id, Some(7));
        assert_eq!(event.participant_id, Some(42));
        assert_eq!(event.ip.as_deref(), Some("127.0.0.1"));
        assert_eq!(event.detail.as_deref(), Some("ids=1,2"));
        drop(held);
    });
}

#[test]
fn read_events_recorded_at_once_are_each_committed_once() {
    on_each_backend(|store| {
        let threads: Vec<_> = (0..24)
            .map(|i| {
                let store = store.clone();
                std::thread::spawn(move || {
                    for j in 0..10 {
                        store
                            .record_read(read_event(format!("{i}-{j}")))
                            .expect("record");
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().expect("thread");
        }
        let mut conn = store.conn().expect("conn");
        let mut details: Vec<String> =
            audit::with_action(&mut conn, stige_domain::AuditAction::ParticipantRead)
                .expect("audit")
                .into_iter()
                .filter_map(|e| e.detail)
                .collect();
        details.sort();
        let mut expected: Vec<String> = (0..24)
            .flat_map(|i| (0..10).map(move |j| format!("{i}-{j}")))
            .collect();
        expected.sort();
        assert_eq!(details, expected);
    });
}

fn change_event(conn: &mut DbConnection, action: stige_domain::AuditAction) {
    audit::record(
        conn,
        audit::AuditEvent {
            actor: audit::Actor::User(UserId(7)),
            action,
            participant: Some(ParticipantId(42)),
            ip: None,
            detail: None,
        },
    )
    .expect("audit");
}

#[test]
fn a_participants_audit_trail_holds_changes_and_reads_oldest_first() {
    on_each_backend(|store| {
        let mut conn = store.conn().expect("conn");
        let before = audit::count(&mut conn).expect("count");
        change_event(&mut conn, stige_domain::AuditAction::ParticipantUpdate);
        store
            .record_read(read_event("ids=42".into()))
            .expect("record");
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime");
        runtime
            .block_on(store.record_read_async(read_event("ids=42,43".into())))
            .expect("record without a thread");
        change_event(&mut conn, stige_domain::AuditAction::ParticipantMove);
        let trail: Vec<(String, Option<String>)> =
            audit::for_participant(&mut conn, ParticipantId(42))
                .expect("trail")
                .into_iter()
                .map(|e| (e.action, e.detail))
                .collect();
        assert_eq!(
            trail,
            [
                ("participant.update".to_owned(), None),
                ("participant.read".to_owned(), Some("ids=42".to_owned())),
                ("participant.read".to_owned(), Some("ids=42,43".to_owned())),
                ("participant.move".to_owned(), None),
            ]
        );
        assert_eq!(audit::count(&mut conn).expect("count"), before + 4);
        assert_eq!(
            audit::with_action(&mut conn, stige_domain::AuditAction::ParticipantRead)
                .expect("reads")
                .len(),
            2
        );
    });
}

#[test]
fn on_sqlite_read_events_are_kept_in_the_reads_file_which_must_not_go_missing() {
    let db = TestDatabase::new("sqlite").expect("database");
    let Ok(stige_store::Backend::Sqlite(path)) = stige_store::Backend::from_url(&db.url) else {
        panic!("a SQLite URL");
    };
    let reads = stige_store::read_events::file_beside(&path);
    let in_file = |file: &std::path::Path, table: &str| -> i64 {
        use diesel::prelude::*;
        #[derive(QueryableByName)]
        struct Found {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        let mut c = diesel::SqliteConnection::establish(&file.to_string_lossy()).expect("open");
        // The store's last connections may still be closing (and checkpointing).
        diesel::sql_query("PRAGMA busy_timeout = 5000")
            .execute(&mut c)
            .expect("busy timeout");
        let exists = diesel::sql_query(format!(
            "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = '{table}'"
        ))
        .get_result::<Found>(&mut c)
        .expect("schema")
        .n;
        if exists == 0 {
            return -1;
        }
        diesel::sql_query(format!("SELECT count(*) AS n FROM {table}"))
            .get_result::<Found>(&mut c)
            .expect("count")
            .n
    };
    {
        let store = Store::open(&db.url).expect("open");
        migrate::run(&store).expect("migrate");
        store
            .record_read(read_event("ids=1".into()))
            .expect("record");
    }
    assert_eq!(in_file(&reads, "read_events"), 1);
    assert_eq!(
        in_file(&path, "read_events"),
        -1,
        "no read events in the main file"
    );
    assert_eq!(in_file(&path, "audit_events"), 0);

    for suffix in ["", "-wal", "-shm"] {
        let mut name = reads.clone().into_os_string();
        name.push(suffix);
        let _ = std::fs::remove_file(name);
    }
    let err = Store::open(&db.url).expect_err("no start without the read log");
    let message = err.to_string();
    assert!(
        matches!(err, stige_store::StoreError::ReadLogMissing { .. }),
        "{message}"
    );
    assert!(
        message.contains(&reads.display().to_string()) && message.contains("Restore it"),
        "{message}"
    );
    assert!(!reads.exists(), "not made again");
}

/// A session clock at `now` with an idle timeout of 30 minutes.
fn clock_at(now: chrono::NaiveDateTime) -> users::SessionClock {
    users::SessionClock {
        now,
        idle_since: now - chrono::Duration::minutes(30),
    }
}

#[test]
fn sessions_are_open_until_revoked_their_end_or_idle_too_long() {
    on_each_backend(|store| {
        let mut conn = store.conn().expect("conn");
        let u = user(&mut conn, "kari", "coordinator");
        // Whole seconds, as both databases keep them exactly.
        let now = stige_store::now()
            .with_nanosecond(0)
            .expect("a whole second");
        let end = now + chrono::Duration::hours(1);
        let s = users::create_session(&mut conn, u, "hash1", end).expect("session");
        assert_eq!((s.ends_at, s.last_seen_at), (end, s.created_at));
        let now = s.created_at;
        assert!(
            users::active_session(&mut conn, s.id, clock_at(now))
                .expect("q")
                .is_some()
        );
        assert_eq!(
            users::session_holder(&mut conn, s.id, clock_at(now)).expect("q"),
            Some(users::SessionHolder {
                session: s.id,
                last_seen_at: s.last_seen_at,
                user_id: u.0,
                role: stige_domain::Role::Coordinator,
                display_name: "kari".into(),
                organisation_id: None,
                agreement_id: None,
                programmes: vec![],
            })
        );
        assert_eq!(
            users::session_holder(&mut conn, s.id, clock_at(end)).expect("q"),
            None,
            "past its end"
        );
        let idle = now + chrono::Duration::minutes(31);
        assert_eq!(
            users::session_holder(&mut conn, s.id, clock_at(idle)).expect("q"),
            None,
            "unused for 31 minutes"
        );
        // Used 20 minutes later, it is open 31 minutes after the start.
        let used = now + chrono::Duration::minutes(20);
        users::touch_session(&mut conn, s.id, used).expect("touch");
        assert!(
            users::session_holder(&mut conn, s.id, clock_at(idle))
                .expect("q")
                .is_some()
        );
        // A use within a minute of the last is not written.
        users::touch_session(&mut conn, s.id, used + chrono::Duration::seconds(30)).expect("touch");
        let held = users::session_holder(&mut conn, s.id, clock_at(used)).expect("q");
        assert_eq!(held.map(|h| h.last_seen_at), Some(used));

        assert!(users::rotate_refresh(&mut conn, s.id, "hash1", "hash2").expect("rotate"));
        assert!(!users::rotate_refresh(&mut conn, s.id, "hash1", "hash3").expect("reuse"));
        assert_eq!(
            users::session_of_spent_refresh(&mut conn, "hash1").expect("q"),
            Some((s.id, u.0)),
            "the traded-in token is known as spent"
        );
        assert_eq!(
            users::session_of_spent_refresh(&mut conn, "hash2").expect("q"),
            None,
            "the live one is not"
        );
        users::revoke_session(&mut conn, s.id).expect("revoke");
        assert!(
            users::active_session(&mut conn, s.id, clock_at(stige_store::now()))
                .expect("q")
                .is_none()
        );
        assert_eq!(
            users::session_holder(&mut conn, s.id, clock_at(stige_store::now())).expect("q"),
            None,
            "revoked"
        );
    });
}

#[test]
fn a_user_s_sessions_end_together_or_all_but_one() {
    on_each_backend(|store| {
        let mut conn = store.conn().expect("conn");
        let u = user(&mut conn, "kari", "coordinator");
        let other = user(&mut conn, "per", "mentor");
        let end = stige_store::now() + chrono::Duration::hours(1);
        let a = users::create_session(&mut conn, u, "a", end).expect("session");
        let b = users::create_session(&mut conn, u, "b", end).expect("session");
        let c = users::create_session(&mut conn, u, "c", end).expect("session");
        let theirs = users::create_session(&mut conn, other, "d", end).expect("session");
        let open = |conn: &mut DbConnection, id: i64| {
            users::active_session(conn, id, clock_at(stige_store::now()))
                .expect("q")
                .is_some()
        };
        assert_eq!(
            users::revoke_other_sessions(&mut conn, u, a.id).expect("revoke"),
            2
        );
        assert!(open(&mut conn, a.id) && !open(&mut conn, b.id) && !open(&mut conn, c.id));
        assert_eq!(users::revoke_all_sessions(&mut conn, u).expect("revoke"), 1);
        assert!(!open(&mut conn, a.id));
        assert!(open(&mut conn, theirs.id), "another user's session goes on");
    });
}

#[test]
fn sign_in_failures_are_counted_per_account_at_an_address_per_address_and_per_door() {
    use stige_store::sign_in_attempts::{self, Attempt, Door};
    on_each_backend(|store| {
        let mut conn = store.conn().expect("conn");
        let now = stige_store::now();
        let since = now - chrono::Duration::minutes(15);
        let attempt = |account, ip| Attempt {
            door: Door::Staff,
            account,
            ip,
        };
        let old = now - chrono::Duration::minutes(20);
        sign_in_attempts::record(&mut conn, attempt("kari", "10.0.0.1"), old).expect("old");
        let early = now - chrono::Duration::seconds(40);
        sign_in_attempts::record(&mut conn, attempt("kari", "10.0.0.1"), early).expect("f");
        let kept =
            sign_in_attempts::record(&mut conn, attempt("kari", "10.0.0.1"), now).expect("f");
        sign_in_attempts::record(&mut conn, attempt("kari", "10.0.0.2"), now).expect("f");
        sign_in_attempts::record(&mut conn, attempt("ola", "10.0.0.1"), now).expect("f");
        let partner = Attempt {
            door: Door::Partner,
            account: "kari",
            ip: "10.0.0.1",
        };
        sign_in_attempts::record(&mut conn, partner, now).expect("f");
        let seen = |conn: &mut DbConnection, a| {
            sign_in_attempts::failures(conn, a, since, now, 2).expect("failures")
        };
        let kari = seen(&mut conn, attempt("kari", "10.0.0.1"));
        assert_eq!(
            kari.account_at_address, 2,
            "one too old, one from elsewhere"
        );
        assert_eq!(kari.secs_since_last, 0);
        assert_eq!(kari.at_address, 3, "kari twice and ola, staff only");
        assert_eq!(kari.secs_since_limiting, 0, "the second newest is from now");
        let partner_seen = seen(&mut conn, partner);
        assert_eq!(
            (partner_seen.account_at_address, partner_seen.at_address),
            (1, 1)
        );

        sign_in_attempts::forget(&mut conn, kept).expect("forget");
        let kari = seen(&mut conn, attempt("kari", "10.0.0.1"));
        assert_eq!((kari.account_at_address, kari.secs_since_last), (1, 40));
        sign_in_attempts::clear(&mut conn, attempt("kari", "10.0.0.1")).expect("clear");
        assert_eq!(
            seen(&mut conn, attempt("kari", "10.0.0.1")).account_at_address,
            0
        );
        assert_eq!(
            seen(&mut conn, attempt("kari", "10.0.0.2")).account_at_address,
            1,
            "failures from another address stay counted"
        );
        assert_eq!(
            sign_in_attempts::count_for_account(&mut conn, Door::Partner, "kari").expect("n"),
            1
        );
    });
}

#[test]
fn steps_are_added_on_top_and_can_be_reordered() {
    on_each_backend(|store| {
        let mut conn = store.conn().expect("conn");
        let (l, steps) = ladder_with_steps(&mut conn, 3);
        let positions = |conn: &mut DbConnection| -> Vec<i64> {
            let got = ladders::get(conn, l).expect("get").expect("some");
            got.steps.iter().map(|(s, _)| s.id).collect()
        };
        assert_eq!(
            positions(&mut conn),
            steps.iter().map(|s| s.0).collect::<Vec<_>>()
        );
        let new_order = vec![steps[2], steps[0], steps[1]];
        ladders::reorder_steps(&mut conn, l, &new_order).expect("reorder");
        assert_eq!(
            positions(&mut conn),
            new_order.iter().map(|s| s.0).collect::<Vec<_>>()
        );
    });
}

#[test]
fn occupancy_counts_only_active_and_paused_participants_on_each_step() {
    on_each_backend(|store| {
        let mut conn = store.conn().expect("conn");
        let u = user(&mut conn, "kari", "coordinator");
        let (l, steps) = ladder_with_steps(&mut conn, 2);
        for (i, status) in [
            EnrolmentStatus::Active,
            EnrolmentStatus::Paused,
            EnrolmentStatus::Exited,
        ]
        .into_iter()
        .enumerate()
        {
            let p = person(&mut conn, l, "P", &format!("{i}"), u);
            assert!(participants::set_current_step(&mut conn, p, 1, steps[0]).expect("step"));
            assert!(participants::set_status(&mut conn, p, 2, status, day(2)).expect("status"));
        }
        assert_eq!(
            ladders::occupancy(&mut conn, l).expect("occ"),
            vec![(steps[0].0, 2)]
        );
    });
}

#[test]
fn a_stale_version_changes_nothing() {
    on_each_backend(|store| {
        let mut conn = store.conn().expect("conn");
        let u = user(&mut conn, "kari", "coordinator");
        let (l, _) = ladder_with_steps(&mut conn, 1);
        let p = person(&mut conn, l, "Kari", "Nordmann", u);
        let details = PersonalDetails {
            given_name: "Karin".into(),
            family_name: "Nordmann".into(),
            birth_date: None,
            national_id: None,
        };
        assert!(participants::update_personal(&mut conn, p, 1, &details).expect("update"));
        assert!(!participants::update_personal(&mut conn, p, 1, &details).expect("stale"));
        let row = participants::get(&mut conn, stige_store::within::Within::Installation, p)
            .expect("get")
            .expect("some");
        assert_eq!((row.given_name.as_str(), row.version), ("Karin", 2));
    });
}

#[test]
fn a_bulk_load_widens_the_sqlite_page_cache_and_puts_it_back_also_after_a_failure() {
    use diesel::prelude::*;
    #[derive(QueryableByName)]
    struct Cache {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        cache_size: i64,
    }
    // The page cache of a SQLite connection (`None` on PostgreSQL).
    fn cache(conn: &mut DbConnection) -> Option<i64> {
        let DbConnection::Sqlite(c) = conn else {
            return None;
        };
        let found: Cache = diesel::sql_query("PRAGMA cache_size")
            .get_result(c)
            .expect("cache size");
        Some(found.cache_size)
    }
    on_each_backend(|store| {
        let mut conn = store.conn().expect("conn");
        let usual = cache(&mut conn);
        let during = bulk::with_load_cache(&mut conn, |conn| {
            Ok::<_, diesel::result::Error>(cache(conn))
        })
        .expect("load");
        assert_eq!(during, usual.map(|_| -1024 * 1024), "1 GiB while loading");
        assert_eq!(cache(&mut conn), usual);
        let failed = bulk::with_load_cache(&mut conn, |_| {
            Err::<(), _>(diesel::result::Error::RollbackTransaction)
        });
        assert!(failed.is_err());
        assert_eq!(cache(&mut conn), usual, "back after a failed load");
        if let Some(usual) = usual {
            assert_eq!(usual, -32768, "32 MiB otherwise");
        }
    });
}

#[test]
fn sqlite_is_built_to_plan_without_bound_values_and_without_process_wide_locks() {
    use diesel::prelude::*;
    #[derive(QueryableByName)]
    struct CompileOption {
        #[diesel(sql_type = diesel::sql_types::Text)]
        compile_options: String,
    }
    let db = TestDatabase::new("sqlite").expect("database");
    let store = Store::open(&db.url).expect("open");
    let mut conn = store.conn().expect("conn");
    let DbConnection::Sqlite(c) = &mut *conn else {
        panic!("a SQLite connection");
    };
    let options: Vec<String> = diesel::sql_query("PRAGMA compile_options")
        .load::<CompileOption>(c)
        .expect("compile options")
        .into_iter()
        .map(|o| o.compile_options)
        .collect();
    // `.cargo/config.toml`: a statement with `LIMIT ?` (every `.first()`)
    // would otherwise be prepared again on every run.
    assert!(options.iter().any(|o| o == "ENABLE_QPSG"), "{options:?}");
    assert!(
        options.iter().any(|o| o == "DEFAULT_MEMSTATUS=0"),
        "{options:?}"
    );
    assert!(
        !options.iter().any(|o| o == "ENABLE_MEMORY_MANAGEMENT"),
        "{options:?}"
    );
}

#[test]
fn a_placement_is_claimed_for_a_change_once_per_version() {
    use stige_domain::organisation_number::OrganisationNumber;
    use stige_domain::partner::ContactDraft;
    use stige_domain::placement::{EmployerDraft, Language, PlacementDraft, PlacementKind};
    use stige_store::placements;
    on_each_backend(|store| {
        let mut conn = store.conn().expect("conn");
        let u = user(&mut conn, "kari", "coordinator");
        let (l, _) = ladder_with_steps(&mut conn, 1);
        let p = person(&mut conn, l, "Kari", "Nordmann", u);
        let org = stige_store::testing::organisation(&mut conn).expect("organisation");
        let employer = placements::insert_employer(
            &mut conn,
            org,
            &EmployerDraft {
                name: "Kalmar Verkstad AB".into(),
                organisation_number: OrganisationNumber::parse("556012-5790").expect("number"),
                address: String::new(),
                contacts: vec![ContactDraft {
                    name: "Anna".into(),
                    phone: String::new(),
                    email: "anna@verkstad.example".into(),
                }],
                association_member: false,
                language: Language::Sv,
            },
        )
        .expect("employer");
        let contact = placements::contacts(&mut conn, employer).expect("contacts")[0].id;
        let draft = PlacementDraft {
            kind: PlacementKind::Internship,
            role: "Lager".into(),
            tasks: String::new(),
            start: day(10),
            end: day(20),
            hours_per_week: 20,
        };
        let id = placements::insert_placement(&mut conn, p, employer, contact, &draft, u)
            .expect("placement");
        let version = |conn: &mut DbConnection| {
            placements::placement(conn, id)
                .expect("read")
                .expect("some")
                .placement
                .version
        };
        assert_eq!(version(&mut conn), 1);
        assert!(placements::claim(&mut conn, id, 1).expect("claim"));
        assert!(!placements::claim(&mut conn, id, 1).expect("stale"));
        assert!(!placements::claim(&mut conn, id + 1, 2).expect("unknown"));
        assert_eq!(version(&mut conn), 2);
    });
}

#[test]
fn the_list_filters_by_status_step_mentor_and_name_and_pages() {
    on_each_backend(|store| {
        let mut conn = store.conn().expect("conn");
        let u = user(&mut conn, "kari", "coordinator");
        let m = user(&mut conn, "morten", "mentor");
        let (l, steps) = ladder_with_steps(&mut conn, 2);
        let names = ["Åberg", "Berg", "Dahl", "Eide", "Holm"];
        let ids: Vec<ParticipantId> = names
            .iter()
            .map(|f| person(&mut conn, l, "Test", f, u))
            .collect();
        assert!(participants::set_current_step(&mut conn, ids[1], 1, steps[1]).expect("step"));
        assert!(
            participants::set_status(&mut conn, ids[2], 1, EnrolmentStatus::Active, day(3))
                .expect("s")
        );
        participants::set_mentors(&mut conn, ids[3], &[m]).expect("mentor");
        participants::set_mentors(&mut conn, ids[4], &[m]).expect("mentor");

        let all = ListFilter {
            limit: 2,
            offset: 0,
            ..ListFilter::within(PeopleReached::Installation)
        };
        let (page1, total) = participants::list(&mut conn, &all).expect("list");
        assert_eq!(total, 5);
        let families: Vec<&str> = page1
            .iter()
            .map(|r| r.participant.family_name.as_str())
            .collect();
        assert_eq!(families.len(), 2);
        let (page3, _) = participants::list(
            &mut conn,
            &ListFilter {
                offset: 4,
                ..all.clone()
            },
        )
        .expect("list");
        assert_eq!(page3.len(), 1);
        // Pages as long as the API's longest and longer (SQLite finds the
        // rows of the first by one term per row, of the others by a list).
        for limit in [200, 201, 1000] {
            let (rows, _) = participants::list(
                &mut conn,
                &ListFilter {
                    limit,
                    ..all.clone()
                },
            )
            .expect("long page");
            assert_eq!(rows.len(), 5, "a page of {limit}");
        }

        let by_name = ListFilter {
            name: Some("BERG".into()),
            limit: 50,
            ..ListFilter::within(PeopleReached::Installation)
        };
        let (rows, total) = participants::list(&mut conn, &by_name).expect("list");
        assert_eq!(total, 2, "Åberg and Berg, whatever the case");
        assert!(
            rows.iter()
                .all(|r| r.participant.family_name.ends_with("berg")
                    || r.participant.family_name == "Berg")
        );

        let by_step = ListFilter {
            step: Some(steps[1].0),
            limit: 50,
            ..ListFilter::within(PeopleReached::Installation)
        };
        let (rows, _) = participants::list(&mut conn, &by_step).expect("list");
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].step_name.as_deref(), Some("Step 1"));

        let by_status = ListFilter {
            status: Some(EnrolmentStatus::Active),
            limit: 50,
            ..ListFilter::within(PeopleReached::Installation)
        };
        assert_eq!(
            participants::list(&mut conn, &by_status).expect("list").1,
            1
        );

        let own = ListFilter {
            reach: PeopleReached::Programmes {
                everyone_in: vec![],
                assigned_in: vec![l.0],
                user: m.0,
            },
            limit: 50,
            ..ListFilter::within(PeopleReached::Installation)
        };
        let (rows, total) = participants::list(&mut conn, &own).expect("list");
        assert_eq!(total, 2);
        assert!(
            rows.iter()
                .all(|r| r.participant.id == ids[3].0 || r.participant.id == ids[4].0)
        );
        // One person by id reaches exactly whom the list reaches.
        let organisation = stige_store::organisations::of_ladder(&mut conn, l.0)
            .expect("organisation")
            .expect("the ladder's organisation")
            .id;
        let mentor = stige_domain::Reach::new(
            Some(stige_domain::OrganisationId(organisation)),
            m,
            vec![(l, stige_domain::Role::Mentor)],
        );
        let stranger = stige_domain::Reach::new(
            Some(stige_domain::OrganisationId(organisation + 1)),
            m,
            vec![],
        );
        for id in &ids {
            let mut got = |within| participants::get(&mut conn, within, *id).expect("get");
            let own = [ids[3], ids[4]].contains(id);
            assert_eq!(got(Within::Staff(&mentor)).is_some(), own, "{id:?}");
            assert!(got(Within::Staff(&stranger)).is_none());
            assert!(
                got(Within::Organisation(stige_domain::OrganisationId(
                    organisation
                )))
                .is_some()
            );
            assert!(
                got(Within::Organisation(stige_domain::OrganisationId(
                    organisation + 1
                )))
                .is_none()
            );
            assert!(got(Within::Installation).is_some());
        }
        let mentors = participants::mentors_of(&mut conn, &[ids[3].0, ids[0].0]).expect("mentors");
        assert_eq!(mentors, vec![(ids[3].0, m.0, "morten".to_owned())]);
        assert_eq!(
            participants::mentors(&mut conn, ids[3]).expect("mentors"),
            vec![(m.0, "morten".to_owned())]
        );
        assert!(
            participants::mentors(&mut conn, ids[0])
                .expect("mentors")
                .is_empty()
        );

        // Each row carries its mentors by display name; a participant with two
        // mentors still takes one place on the page.
        let a = user(&mut conn, "anne", "mentor");
        participants::set_mentors(&mut conn, ids[3], &[m, a]).expect("mentors");
        assert_eq!(
            participants::mentors(&mut conn, ids[3]).expect("mentors"),
            vec![(a.0, "anne".to_owned()), (m.0, "morten".to_owned())],
            "one participant's mentors, by name"
        );
        let (rows, total) = participants::list(
            &mut conn,
            &ListFilter {
                limit: 5,
                ..ListFilter::within(PeopleReached::Installation)
            },
        )
        .expect("list");
        assert_eq!((rows.len(), total), (5, 5));
        for r in rows {
            let expected = if r.participant.id == ids[3].0 {
                vec![(a.0, "anne".to_owned()), (m.0, "morten".to_owned())]
            } else if r.participant.id == ids[4].0 {
                vec![(m.0, "morten".to_owned())]
            } else {
                vec![]
            };
            assert_eq!(
                r.mentors, expected,
                "mentors of {}",
                r.participant.family_name
            );
        }
    });
}

/// Lists with `totals`, and says whether the total was counted (not remembered).
fn list_counting(conn: &mut DbConnection, f: &ListFilter, totals: &ListMemory) -> (i64, bool) {
    let version = list_memory::current_version(conn).expect("version");
    let before = totals.counted();
    let (rows, total) = participants::list_with(conn, f, totals).expect("list");
    let counted = totals.counted() > before;
    let (counted_rows, counted_total) = participants::list(conn, f).expect("list");
    assert_eq!(
        total, counted_total,
        "list_with gives the total counted now"
    );
    assert_eq!(rows, counted_rows, "and the same page");
    assert_eq!(
        list_memory::current_version(conn).expect("version"),
        version,
        "reading changes no version"
    );
    (total, counted)
}

#[test]
fn list_totals_are_remembered_until_anything_the_list_filters_on_changes() {
    on_each_backend(|store| {
        let mut conn = store.conn().expect("conn");
        let u = user(&mut conn, "kari", "coordinator");
        let m = user(&mut conn, "morten", "mentor");
        let (l, steps) = ladder_with_steps(&mut conn, 2);
        let a = person(&mut conn, l, "Anna", "Berg", u);
        let b = person(&mut conn, l, "Bo", "Dahl", u);
        let totals = ListMemory::default();
        let on_step = ListFilter {
            step: Some(steps[1].0),
            limit: 50,
            ..ListFilter::within(PeopleReached::Installation)
        };
        let own = ListFilter {
            reach: PeopleReached::Programmes {
                everyone_in: vec![],
                assigned_in: vec![l.0],
                user: m.0,
            },
            limit: 50,
            ..ListFilter::within(PeopleReached::Installation)
        };
        let by_name = ListFilter {
            name: Some("dahl".into()),
            limit: 50,
            ..ListFilter::within(PeopleReached::Installation)
        };
        assert_eq!(list_counting(&mut conn, &on_step, &totals), (0, true));
        assert_eq!(
            list_counting(
                &mut conn,
                &ListFilter {
                    offset: 50,
                    ..on_step.clone()
                },
                &totals
            ),
            (0, false),
            "another page of the same filter reuses the total"
        );
        assert_eq!(list_counting(&mut conn, &own, &totals), (0, true));
        assert_eq!(list_counting(&mut conn, &by_name, &totals), (1, true));

        assert!(participants::set_current_step(&mut conn, a, 1, steps[1]).expect("move"));
        assert_eq!(
            list_counting(&mut conn, &on_step, &totals),
            (1, true),
            "a move"
        );

        participants::set_mentors(&mut conn, b, &[m]).expect("mentor");
        assert_eq!(
            list_counting(&mut conn, &own, &totals),
            (1, true),
            "a mentor"
        );

        let renamed = PersonalDetails {
            given_name: "Anna".into(),
            family_name: "Dahl".into(),
            birth_date: None,
            national_id: None,
        };
        assert!(participants::update_personal(&mut conn, a, 2, &renamed).expect("rename"));
        assert_eq!(
            list_counting(&mut conn, &by_name, &totals),
            (2, true),
            "a name"
        );

        person(&mut conn, l, "Cato", "Dahl", u);
        assert_eq!(
            list_counting(&mut conn, &by_name, &totals),
            (3, true),
            "a newcomer"
        );
        assert_eq!(list_counting(&mut conn, &by_name, &totals), (3, false));

        // A second server on the same database sees the first one's changes.
        let other = ListMemory::default();
        assert_eq!(list_counting(&mut conn, &on_step, &other), (1, true));
        assert!(
            participants::set_status(&mut conn, a, 3, EnrolmentStatus::Active, day(3))
                .expect("status")
        );
        let active = ListFilter {
            status: Some(EnrolmentStatus::Active),
            limit: 50,
            ..ListFilter::within(PeopleReached::Installation)
        };
        assert_eq!(list_counting(&mut conn, &active, &other), (1, true));
        assert_eq!(
            list_counting(&mut conn, &on_step, &other),
            (1, true),
            "a status"
        );
    });
}

/// The pages of `f` (pages of `per_page`) through `memory`, each checked
/// against the same page read by skipping rows; their ids in order.
fn pages_through(
    conn: &mut DbConnection,
    f: &ListFilter,
    per_page: i64,
    order: &[i64],
    memory: &ListMemory,
) -> Vec<i64> {
    let mut ids = Vec::new();
    for &page in order {
        let f = ListFilter {
            limit: per_page,
            offset: page * per_page,
            ..f.clone()
        };
        let (rows, total) = participants::list_with(conn, &f, memory).expect("list");
        let (plain, plain_total) = participants::list(conn, &f).expect("list");
        assert_eq!((&rows, total), (&plain, plain_total), "page {page}");
        ids.extend(rows.iter().map(|r| r.participant.id));
    }
    ids
}

#[test]
fn pages_start_where_remembered_until_anything_the_list_filters_on_changes() {
    on_each_backend(|store| {
        let mut conn = store.conn().expect("conn");
        let u = user(&mut conn, "kari", "coordinator");
        let (l, _) = ladder_with_steps(&mut conn, 1);
        // Same family and given names, so the id breaks ties.
        let families = ["Lie", "Berg", "Lie", "Dahl", "Lie", "Aas", "Moe", "Lie"];
        let people: Vec<ParticipantId> = families
            .iter()
            .map(|f| person(&mut conn, l, "Per", f, u))
            .collect();
        let all = ListFilter {
            ladder: Some(l.0),
            ..ListFilter::within(PeopleReached::Installation)
        };
        let memory = ListMemory::default();
        let (everyone, _) = participants::list(
            &mut conn,
            &ListFilter {
                limit: 50,
                ..all.clone()
            },
        )
        .expect("list");
        let sorted: Vec<i64> = everyone.iter().map(|r| r.participant.id).collect();
        assert_eq!(sorted.len(), 8);

        // Pages in any order; each remembers where the next starts.
        assert_eq!(
            pages_through(&mut conn, &all, 3, &[1, 0, 2, 1, 2], &memory),
            {
                let mut v = sorted[3..6].to_vec();
                v.extend(&sorted[0..3]);
                v.extend(&sorted[6..]);
                v.extend(&sorted[3..6]);
                v.extend(&sorted[6..]);
                v
            }
        );
        let start = memory
            .start_before(&ListFilter {
                limit: 3,
                offset: 7,
                ..all.clone()
            })
            .expect("a start");
        assert_eq!(start.offset, 6, "the start of page 2, learnt from page 1");
        assert_eq!(start.after.id, sorted[5]);
        // Another page size starts from the nearest start before it.
        assert_eq!(pages_through(&mut conn, &all, 2, &[3, 2, 0], &memory), {
            let mut v = sorted[6..8].to_vec();
            v.extend(&sorted[4..6]);
            v.extend(&sorted[0..2]);
            v
        });

        // A newcomer sorted first moves every row one place on: remembered
        // starts are not used, and the pages are right.
        let first = person(&mut conn, l, "Per", "Aa", u);
        let order = pages_through(&mut conn, &all, 3, &[2, 1, 0], &memory);
        assert_eq!(order.len(), 9);
        assert!(order.contains(&first.0));
        // A rename moves one row to the end.
        let renamed = PersonalDetails {
            given_name: "Per".into(),
            family_name: "Zahl".into(),
            birth_date: None,
            national_id: None,
        };
        assert!(participants::update_personal(&mut conn, people[5], 1, &renamed).expect("rename"));
        let order = pages_through(&mut conn, &all, 3, &[2, 1, 0], &memory);
        assert_eq!(order[2], people[5].0, "page 2 ends with the renamed");
        // A page past the end is empty, with the total.
        let past = ListFilter {
            limit: 3,
            offset: 30,
            ..all.clone()
        };
        assert_eq!(
            participants::list_with(&mut conn, &past, &memory).expect("list"),
            (vec![], 9)
        );
    });
}

#[test]
fn turns_are_as_many_as_connections_and_given_in_order() {
    for backend in backends() {
        let db = TestDatabase::new(backend).unwrap_or_else(|e| panic!("{backend}: {e}"));
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime");
        runtime.block_on(async {
            let small = Store::open_with(&db.url, Some(2)).expect("open");
            let first = small.turn().await.expect("turn");
            let second = small.turn().await.expect("turn");
            let order = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
            let mut waiting = Vec::new();
            for i in 0..3 {
                let (small, order) = (small.clone(), order.clone());
                waiting.push(tokio::spawn(async move {
                    let _turn = small.turn().await.expect("turn");
                    order.lock().expect("order").push(i);
                    tokio::task::yield_now().await;
                }));
                // Each asks before the next.
                tokio::task::yield_now().await;
            }
            assert!(order.lock().expect("order").is_empty(), "no third turn");
            drop(first);
            drop(second);
            for w in waiting {
                w.await.expect("waiter");
            }
            assert_eq!(*order.lock().expect("order"), vec![0, 1, 2]);
        });
    }
}

#[test]
fn history_keeps_every_status_change_and_move_with_who_recorded_it() {
    on_each_backend(|store| {
        let mut conn = store.conn().expect("conn");
        let u = user(&mut conn, "kari", "coordinator");
        let (l, steps) = ladder_with_steps(&mut conn, 2);
        let p = person(&mut conn, l, "Kari", "Nordmann", u);
        participants::insert_move(
            &mut conn,
            &participants::NewStepMove {
                participant: p,
                from_step: None,
                to_step: steps[0],
                direction: stige_domain::Direction::Start,
                date: day(4),
                reason: "Start".into(),
                override_reason: None,
                recorded_by: u,
            },
        )
        .expect("move");
        let h = participants::history(&mut conn, p).expect("history");
        assert_eq!(h.status_changes.len(), 1);
        assert_eq!(h.status_changes[0].0.to_status, EnrolmentStatus::Referred);
        assert_eq!(h.moves[0].1, "kari");
        assert_eq!(
            participants::last_move_date(&mut conn, p).expect("last"),
            Some(day(4))
        );
    });
}

#[test]
fn audit_events_are_kept_per_participant() {
    on_each_backend(|store| {
        let mut conn = store.conn().expect("conn");
        let u = user(&mut conn, "kari", "coordinator");
        audit::record(
            &mut conn,
            audit::AuditEvent {
                actor: audit::Actor::User(u),
                action: stige_domain::AuditAction::ParticipantRead,
                participant: Some(ParticipantId(42)),
                ip: Some("127.0.0.1"),
                detail: None,
            },
        )
        .expect("audit");
        let events = audit::for_participant(&mut conn, ParticipantId(42)).expect("events");
        assert_eq!(events.len(), 1);
        assert_eq!(
            (events[0].actor_id, events[0].action.as_str()),
            (Some(u.0), "participant.read")
        );
    });
}

#[test]
fn attendance_marks_keys_and_indexes_come_off_for_a_bulk_load_and_back_checked() {
    on_each_backend(|store| {
        let mut conn = store.conn().expect("conn");
        let u = user(&mut conn, "kari", "coordinator");
        let (l, _) = ladder_with_steps(&mut conn, 1);
        let p = person(&mut conn, l, "Kari", "Nordmann", u);
        let postgres = matches!(*conn, DbConnection::Pg(_));
        let marks = |participant: i64| SeedBatch {
            marks: vec![SeedMark {
                participant_id: participant,
                date: day(4),
                mark: "present",
                step_id: None,
            }],
            ..SeedBatch::default()
        };
        // A load whose marks all refer to real rows: its keys and indexes
        // come back, and the keys hold afterwards.
        let (keys, indexes) = store
            .transaction(|conn| -> Result<_, stige_store::StoreError> {
                let load = Load::begin(conn)?;
                assert!(
                    mark_indexes(conn).is_empty(),
                    "the indexes are off while it loads"
                );
                load.insert(conn, &marks(p.0), u.0)?;
                let taken = (names(load.keys()), names(load.indexes()));
                load.complete(conn)?;
                Ok(taken)
            })
            .expect("load");
        if postgres {
            assert_eq!(
                keys,
                vec![
                    "attendance_marks_participant_id_fkey",
                    "attendance_marks_recorded_by_fkey",
                    "attendance_marks_step_id_fkey"
                ]
            );
        } else {
            assert!(keys.is_empty(), "SQLite keeps its keys");
        }
        assert_eq!(
            indexes,
            vec!["attendance_marks_date", "attendance_marks_step"]
        );
        assert_eq!(mark_indexes(&mut conn), indexes, "the indexes are back");
        let unknown = insert_mark(&mut conn, 999_999, u.0);
        assert!(unknown.is_err(), "the keys are back: {unknown:?}");
        // A mark that refers to no participant is caught when the keys come
        // back (on SQLite, as it is inserted), and the whole load is rolled
        // back with the keys and indexes in place.
        let load = store.transaction(|conn| -> Result<(), stige_store::StoreError> {
            let load = Load::begin(conn)?;
            load.insert(conn, &marks(999_999), u.0)?;
            Ok(load.complete(conn)?)
        });
        assert!(load.is_err());
        let unknown = insert_mark(&mut conn, 999_998, u.0);
        assert!(unknown.is_err(), "the keys are still there: {unknown:?}");
        assert_eq!(
            mark_indexes(&mut conn),
            indexes,
            "the indexes are still there"
        );
    });
}

fn names(objects: &[SchemaObject]) -> Vec<String> {
    objects.iter().map(|o| o.name.clone()).collect()
}

/// The indexes on `attendance_marks` other than its unique ones, as the
/// database lists them.
fn mark_indexes(conn: &mut DbConnection) -> Vec<String> {
    use diesel::prelude::*;
    #[derive(QueryableByName)]
    struct Index {
        #[diesel(sql_type = diesel::sql_types::Text)]
        name: String,
    }
    let sql = match conn {
        DbConnection::Pg(_) => {
            "SELECT indexname::text AS name FROM pg_indexes WHERE tablename = 'attendance_marks' \
             AND indexdef NOT LIKE 'CREATE UNIQUE%' ORDER BY 1"
        }
        DbConnection::Sqlite(_) => {
            "SELECT name FROM pragma_index_list('attendance_marks') \
             WHERE origin = 'c' AND \"unique\" = 0 ORDER BY name"
        }
    };
    let indexes: Vec<Index> = diesel::sql_query(sql).load(conn).expect("indexes");
    indexes.into_iter().map(|i| i.name).collect()
}

/// Inserts one mark the way the register does, outside any load.
fn insert_mark(conn: &mut DbConnection, participant: i64, by: i64) -> diesel::QueryResult<usize> {
    use diesel::prelude::*;
    use stige_store::schema::attendance_marks;
    diesel::insert_into(attendance_marks::table)
        .values((
            attendance_marks::participant_id.eq(participant),
            attendance_marks::date.eq(day(5)),
            attendance_marks::mark.eq("present"),
            attendance_marks::recorded_by.eq(by),
            attendance_marks::recorded_at.eq(day(5).and_hms_opt(9, 0, 0).expect("time")),
        ))
        .execute(conn)
}

/// One row of `attendance_months`: step, month, participant, mark, days.
type MonthCount = (i64, NaiveDate, i64, String, i32);

/// `attendance_months` as it is, and as counted from the marks themselves.
fn month_counts_both_ways(conn: &mut DbConnection) -> (Vec<MonthCount>, Vec<MonthCount>) {
    use diesel::prelude::*;
    use stige_store::schema::{attendance_marks, attendance_months};
    let kept: Vec<MonthCount> = attendance_months::table
        .order((
            attendance_months::step_id,
            attendance_months::month,
            attendance_months::participant_id,
            attendance_months::mark,
        ))
        .select((
            attendance_months::step_id,
            attendance_months::month,
            attendance_months::participant_id,
            attendance_months::mark,
            attendance_months::days,
        ))
        .load(conn)
        .expect("counts");
    let marks: Vec<(Option<i64>, NaiveDate, i64, String)> = attendance_marks::table
        .select((
            attendance_marks::step_id,
            attendance_marks::date,
            attendance_marks::participant_id,
            attendance_marks::mark,
        ))
        .load(conn)
        .expect("marks");
    let mut counted: std::collections::BTreeMap<(i64, NaiveDate, i64, String), i32> =
        std::collections::BTreeMap::new();
    for (step, date, participant, mark) in marks {
        if let Some(step) = step {
            let month = NaiveDate::from_ymd_opt(
                chrono::Datelike::year(&date),
                chrono::Datelike::month(&date),
                1,
            )
            .expect("month");
            *counted.entry((step, month, participant, mark)).or_insert(0) += 1;
        }
    }
    let counted = counted
        .into_iter()
        .map(|((s, m, p, k), d)| (s, m, p, k, d))
        .collect();
    (kept, counted)
}

/// `participant` starts on `step` on the 1st, so marks from then on are on it.
fn starts_on(conn: &mut DbConnection, participant: ParticipantId, step: StepId, by: UserId) {
    participants::insert_move(
        conn,
        &participants::NewStepMove {
            participant,
            from_step: None,
            to_step: step,
            direction: stige_domain::Direction::Up,
            date: day(1),
            reason: "start".into(),
            override_reason: None,
            recorded_by: by,
        },
    )
    .expect("move");
}

#[test]
fn attendance_months_count_every_mark_as_it_is_written_changed_and_bulk_loaded() {
    use diesel::prelude::*;
    use stige_domain::attendance::AttendanceMark;
    use stige_store::schema::attendance_marks;
    on_each_backend(|store| {
        let mut conn = store.conn().expect("conn");
        let u = user(&mut conn, "kari", "coordinator");
        let (l, steps) = ladder_with_steps(&mut conn, 2);
        let p = person(&mut conn, l, "Kari", "Nordmann", u);
        starts_on(&mut conn, p, steps[0], u);
        let june = |d: u32| NaiveDate::from_ymd_opt(2026, 6, d).expect("date");
        // Marks as the register writes them, in two months; a correction.
        for (date, mark) in [
            (day(4), AttendanceMark::Present),
            (day(5), AttendanceMark::Present),
            (day(6), AttendanceMark::AbsentWithNotice),
            (june(1), AttendanceMark::Present),
            (june(2), AttendanceMark::SentHome),
        ] {
            stige_store::attendance::set_mark(&mut conn, p, date, mark, u).expect("mark");
        }
        stige_store::attendance::set_mark(&mut conn, p, day(5), AttendanceMark::SentHome, u)
            .expect("correction");
        let (kept, counted) = month_counts_both_ways(&mut conn);
        assert_eq!(kept, counted);
        let may = day(1);
        assert!(
            kept.contains(&(steps[0].0, may, p.0, "present".into(), 1))
                && kept.contains(&(steps[0].0, may, p.0, "sent_home".into(), 1))
                && kept.contains(&(steps[0].0, may, p.0, "absent_with_notice".into(), 1)),
            "{kept:?}"
        );
        // A mark moved to another month and step, one taken off its step, one
        // deleted: counts that reach nothing go.
        diesel::update(
            attendance_marks::table
                .filter(attendance_marks::participant_id.eq(p.0))
                .filter(attendance_marks::date.eq(day(6))),
        )
        .set((
            attendance_marks::date.eq(june(3)),
            attendance_marks::step_id.eq(Some(steps[1].0)),
        ))
        .execute(&mut conn)
        .expect("move mark");
        diesel::update(
            attendance_marks::table
                .filter(attendance_marks::participant_id.eq(p.0))
                .filter(attendance_marks::date.eq(june(2))),
        )
        .set(attendance_marks::step_id.eq(None::<i64>))
        .execute(&mut conn)
        .expect("unstep mark");
        diesel::delete(
            attendance_marks::table
                .filter(attendance_marks::participant_id.eq(p.0))
                .filter(attendance_marks::date.eq(day(4))),
        )
        .execute(&mut conn)
        .expect("delete mark");
        let (kept, counted) = month_counts_both_ways(&mut conn);
        assert_eq!(kept, counted);
        assert!(
            !kept
                .iter()
                .any(|row| row.3 == "absent_with_notice" && row.1 == may)
                && !kept.iter().any(|row| row.3 == "present" && row.1 == may),
            "emptied counts are gone: {kept:?}"
        );
        // A bulk load counts its own marks (the triggers are off meanwhile,
        // so nothing is counted twice), and the triggers count again after it.
        let q = person(&mut conn, l, "Ola", "Nordmann", u);
        let mark = |date, mark, step: Option<StepId>| SeedMark {
            participant_id: q.0,
            date,
            mark,
            step_id: step.map(|s| s.0),
        };
        let batch = SeedBatch {
            marks: vec![
                mark(day(11), "present", Some(steps[0])),
                mark(day(12), "present", Some(steps[0])),
                mark(day(13), "sent_home", Some(steps[0])),
                mark(june(11), "present", Some(steps[1])),
                mark(june(12), "present", None),
            ],
            ..SeedBatch::default()
        };
        store
            .transaction_on(&mut conn, |conn| -> Result<(), stige_store::StoreError> {
                let load = Load::begin(conn)?;
                load.insert(conn, &batch, u.0)?;
                Ok(load.complete(conn)?)
            })
            .expect("load");
        let (kept, counted) = month_counts_both_ways(&mut conn);
        assert_eq!(kept, counted);
        assert!(kept.contains(&(steps[0].0, may, q.0, "present".into(), 2)));
        starts_on(&mut conn, q, steps[0], u);
        stige_store::attendance::set_mark(&mut conn, q, day(14), AttendanceMark::Present, u)
            .expect("mark after the load");
        let (kept, counted) = month_counts_both_ways(&mut conn);
        assert_eq!(kept, counted);
        assert!(kept.contains(&(steps[0].0, may, q.0, "present".into(), 3)));
    });
}
