//! The audit logs: insert-only, hash-chained, and queryable per participant.

use super::{on_each_backend, read_event};
use diesel::prelude::*;
use stige_domain::{ParticipantId, UserId};
use stige_store::audit::{self, Actor, AuditEvent};
use stige_store::audit_chain::{self, Broken, Fault, Log};
use stige_store::{DbConnection, Store};

fn event(conn: &mut DbConnection, detail: &str) {
    audit::record(
        conn,
        AuditEvent {
            actor: Actor::User(UserId(7)),
            action: stige_domain::AuditAction::ParticipantUpdate,
            participant: Some(ParticipantId(42)),
            ip: Some("10.0.0.1"),
            detail: Some(detail.to_owned()),
        },
    )
    .expect("audit");
}

fn sql(conn: &mut DbConnection, statement: &str) -> QueryResult<usize> {
    diesel::sql_query(statement).execute(conn)
}

fn is_sqlite(conn: &DbConnection) -> bool {
    matches!(conn, DbConnection::Sqlite(_))
}

/// The id of the `n`th row (from 0) of `table`.
fn nth_id(conn: &mut DbConnection, table: &str, n: i64) -> i64 {
    #[derive(QueryableByName)]
    struct Id {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        id: i64,
    }
    diesel::sql_query(format!(
        "SELECT id FROM {table} ORDER BY id LIMIT 1 OFFSET {n}"
    ))
    .get_result::<Id>(conn)
    .expect("row")
    .id
}

/// Lets the test change audit rows, as someone with the database's owner rights could.
fn drop_insert_only_triggers(conn: &mut DbConnection) {
    let statements: &[&str] = if is_sqlite(conn) {
        &[
            "DROP TRIGGER audit_events_no_update",
            "DROP TRIGGER audit_events_no_delete",
            "DROP TRIGGER reads.read_events_no_update",
            "DROP TRIGGER reads.read_events_no_delete",
        ]
    } else {
        &["DROP TRIGGER audit_events_no_update_or_delete ON audit_events"]
    };
    for s in statements {
        sql(conn, s).expect("drop trigger");
    }
}

fn intact(conn: &mut DbConnection) -> u64 {
    let verified = audit_chain::verify(conn).expect("verify");
    assert_eq!(verified.broken, None);
    verified.events
}

#[test]
fn audit_rows_cannot_be_changed_or_removed() {
    on_each_backend(|store| {
        let mut conn = store.conn().expect("conn");
        event(&mut conn, "one");
        store.record_read(read_event("r".into())).expect("read");
        let mut tables = vec!["audit_events"];
        if is_sqlite(&conn) {
            tables.push("read_events");
        }
        for table in tables {
            for statement in [
                format!("UPDATE {table} SET detail = 'rewritten'"),
                format!("UPDATE {table} SET hash = NULL"),
                format!("DELETE FROM {table}"),
            ] {
                let refused = sql(&mut conn, &statement).expect_err(&statement);
                assert!(refused.to_string().contains("insert-only"), "{refused}");
            }
        }
        if !is_sqlite(&conn) {
            let refused = sql(&mut conn, "TRUNCATE audit_events").expect_err("truncate");
            assert!(refused.to_string().contains("insert-only"), "{refused}");
        }
        // Nor can a row come in without its link.
        let unchained = sql(
            &mut conn,
            "INSERT INTO audit_events (at, actor_kind, action) VALUES ('2026-12-02 08:00:00', 'system', 'forged')",
        );
        assert!(unchained.is_err());
        assert_eq!(intact(&mut conn), 2);
    });
}

#[test]
fn verify_finds_the_first_altered_row_and_the_row_after_a_removed_one() {
    on_each_backend(|store| {
        let mut conn = store.conn().expect("conn");
        for d in ["one", "two", "three", "four"] {
            event(&mut conn, d);
        }
        store.record_read(read_event("r1".into())).expect("read");
        store.record_read(read_event("r2".into())).expect("read");
        assert_eq!(intact(&mut conn), 6);

        drop_insert_only_triggers(&mut conn);
        let second = nth_id(&mut conn, "audit_events", 1);
        sql(
            &mut conn,
            &format!("UPDATE audit_events SET detail = 'changed' WHERE id = {second}"),
        )
        .expect("tamper");
        let broken = audit_chain::verify(&mut conn).expect("verify");
        assert_eq!(
            broken.broken,
            Some(Broken {
                log: Log::Changes,
                id: second,
                fault: Fault::Mismatch
            })
        );
        assert_eq!(broken.events, 1, "the rows before it");
        let message = broken.broken.expect("broken").to_string();
        assert!(
            message.contains(&format!("audit_events row {second}")),
            "{message}"
        );

        let fourth = nth_id(&mut conn, "audit_events", 3);
        sql(
            &mut conn,
            &format!(
                "DELETE FROM audit_events WHERE id IN ({second}, {})",
                second + 1
            ),
        )
        .expect("remove");
        let broken = audit_chain::verify(&mut conn).expect("verify").broken;
        assert_eq!(
            broken.map(|b| (b.log, b.id, b.fault)),
            Some((Log::Changes, fourth, Fault::Mismatch))
        );
    });
}

#[test]
fn on_sqlite_verify_walks_the_read_log_too() {
    on_each_backend(|store| {
        let mut conn = store.conn().expect("conn");
        if !is_sqlite(&conn) {
            return;
        }
        event(&mut conn, "one");
        for d in ["r1", "r2", "r3"] {
            store.record_read(read_event(d.into())).expect("read");
        }
        drop_insert_only_triggers(&mut conn);
        let last = nth_id(&mut conn, "read_events", 2);
        sql(
            &mut conn,
            &format!("UPDATE read_events SET actor_id = 8 WHERE id = {last}"),
        )
        .expect("tamper");
        let broken = audit_chain::verify(&mut conn).expect("verify").broken;
        assert_eq!(broken.map(|b| (b.log, b.id)), Some((Log::Reads, last)));
    });
}

#[test]
fn events_appended_at_once_from_many_connections_form_one_chain() {
    on_each_backend(|store| {
        let threads: Vec<_> = (0..8)
            .map(|i| {
                let store = store.clone();
                std::thread::spawn(move || {
                    for j in 0..10 {
                        store
                            .transaction(|conn| -> Result<(), stige_store::StoreError> {
                                event(conn, &format!("{i}-{j}"));
                                Ok(())
                            })
                            .expect("change");
                        store
                            .record_read(read_event(format!("{i}-{j}")))
                            .expect("read");
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().expect("thread");
        }
        let mut conn = store.conn().expect("conn");
        assert_eq!(intact(&mut conn), 160);
    });
}

#[test]
fn a_list_event_is_found_for_each_participant_it_returned_and_no_other() {
    on_each_backend(|store| {
        let mut conn = store.conn().expect("conn");
        let listed = [ParticipantId(3), ParticipantId(17), ParticipantId(7)];
        audit::record_with_participants(
            &mut conn,
            AuditEvent {
                actor: Actor::User(UserId(7)),
                action: stige_domain::AuditAction::ParticipantList,
                participant: None,
                ip: None,
                detail: None,
            },
            &listed,
        )
        .expect("list");
        store
            .record_read(
                read_event("page".into()).with_participants(&[ParticipantId(7), ParticipantId(70)]),
            )
            .expect("read list");
        event(&mut conn, "about 42");

        let actions = |conn: &mut DbConnection, p: i64| -> Vec<String> {
            audit::touching(conn, ParticipantId(p))
                .expect("touching")
                .into_iter()
                .map(|e| e.action)
                .collect()
        };
        assert_eq!(
            actions(&mut conn, 7),
            ["participant.list", "participant.read"]
        );
        assert_eq!(actions(&mut conn, 17), ["participant.list"]);
        assert_eq!(actions(&mut conn, 70), ["participant.read"]);
        assert!(
            actions(&mut conn, 1).is_empty(),
            "not a prefix or suffix of 17"
        );
        // The read event is about 42 itself, and the change too.
        assert_eq!(
            actions(&mut conn, 42),
            ["participant.read", "participant.update"]
        );
        let list = audit::with_action(&mut conn, stige_domain::AuditAction::ParticipantList)
            .expect("list");
        assert_eq!(list[0].participants(), listed);
        assert_eq!(intact(&mut conn), 3);
    });
}

#[test]
fn events_written_before_the_chain_are_chained_by_seal() {
    on_each_backend(|store| {
        let mut conn = store.conn().expect("conn");
        event(&mut conn, "chained");
        // Rows as the migration finds them: no hash (the check is lifted to
        // write them, as they were written before there was one).
        let lift = if is_sqlite(&conn) {
            "DROP TRIGGER audit_events_chained"
        } else {
            "ALTER TABLE audit_events DROP CONSTRAINT audit_events_chained"
        };
        sql(&mut conn, lift).expect("lift");
        for d in ["old one", "old two"] {
            sql(
                &mut conn,
                &format!(
                    "INSERT INTO audit_events (at, actor_kind, actor_id, action, detail) \
                     VALUES ('2026-11-30 10:00:00.5', 'user', 7, 'test.old', '{d}')"
                ),
            )
            .expect("old row");
        }
        let broken = audit_chain::verify(&mut conn).expect("verify").broken;
        assert_eq!(broken.map(|b| b.fault), Some(Fault::Unchained));
        assert_eq!(audit_chain::seal(&mut conn, Log::Changes).expect("seal"), 2);
        assert_eq!(
            audit_chain::seal(&mut conn, Log::Changes).expect("again"),
            0
        );
        // Sealed rows are as insert-only as any.
        let refused = sql(
            &mut conn,
            "UPDATE audit_events SET detail = 'x' WHERE action = 'test.old'",
        );
        assert!(refused.is_err());
        event(&mut conn, "after");
        assert_eq!(intact(&mut conn), 4);
    });
}

#[test]
fn a_fresh_sqlite_database_starts_with_its_read_log() {
    let db = stige_store::testing::TestDatabase::new("sqlite").expect("database");
    let Ok(stige_store::Backend::Sqlite(path)) = stige_store::Backend::from_url(&db.url) else {
        panic!("a SQLite URL");
    };
    let store = Store::open(&db.url).expect("first start makes both files");
    assert!(stige_store::read_events::file_beside(&path).exists());
    drop(store);
    Store::open(&db.url).expect("and starts again with them");
}

#[test]
fn links_made_by_the_database_and_by_stige_agree_for_every_kind_of_field() {
    // On PostgreSQL the database links the rows (`audit_events_append`) and
    // `verify` checks them in Rust: text of several bytes per letter, empty
    // fields, lists of ids and microseconds must hash alike on both sides.
    on_each_backend(|store| {
        let mut conn = store.conn().expect("conn");
        for (ip, detail) in [
            (None, None),
            (Some("::1"), Some("Søgne – Vennesla «ø» 😀".to_owned())),
            (Some("10.0.0.1"), Some(String::new())),
        ] {
            audit::record_with_participants(
                &mut conn,
                AuditEvent {
                    actor: Actor::System,
                    action: stige_domain::AuditAction::ParticipantUpdate,
                    participant: None,
                    ip,
                    detail,
                },
                &[ParticipantId(3), ParticipantId(1), ParticipantId(77)],
            )
            .expect("audit");
        }
        store
            .record_read(read_event("Åse Ødegård".to_owned()))
            .expect("read");
        assert!(intact(&mut conn) >= 4);
    });
}
