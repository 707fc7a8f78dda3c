#![expect(clippy::expect_used, reason = "test fixtures fail loudly")]

//! The organisations migration (issue 27) on an installation from before it,
//! on SQLite and PostgreSQL: the data written as `stige seed` and the API
//! wrote it then (users of every role, two ladders, a partner with an
//! agreement, an employer, participants) all belongs to one organisation
//! afterwards, every staff member works in every ladder in their former role,
//! and nothing is lost.

use diesel::prelude::*;
use diesel::sql_types::BigInt;
use stige_store::testing::{TestDatabase, backends};
use stige_store::{Store, migrate, organisations, users};

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

fn count(conn: &mut stige_store::DbConnection, sql: &str) -> i64 {
    diesel::sql_query(sql)
        .load::<Count>(conn)
        .expect(sql)
        .first()
        .map_or(-1, |c| c.n)
}

const BEFORE: &[&str] = &[
    "INSERT INTO users (username, display_name, password_hash, role, active, created_at) VALUES
        ('admin', 'Ada', 'x', 'admin', TRUE, '2026-01-05 09:00:00'),
        ('coordinator', 'Kari', 'x', 'coordinator', TRUE, '2026-01-05 09:00:00'),
        ('mentor', 'Morten', 'x', 'mentor', TRUE, '2026-01-05 09:00:00'),
        ('viewer', 'Vera', 'x', 'viewer', TRUE, '2026-01-05 09:00:00')",
    "INSERT INTO ladders (name, description, created_at, annual_target, whole_house_register) VALUES
        ('Portalen', '', '2026-01-05 09:00:00', 15, FALSE),
        ('Porten', '', '2026-01-05 09:00:00', 40, TRUE)",
    "INSERT INTO partners (name, kind, organisation_number, created_at) VALUES
        ('Kristiansand kommune', 'municipality', '963296746', '2026-01-05 09:00:00')",
    "INSERT INTO employers (name, organisation_number, address, association_member, language, created_at) VALUES
        ('Verkstedet AS', '971589485', 'Gata 1', FALSE, 'nb', '2026-01-05 09:00:00')",
    "INSERT INTO participants (ladder_id, given_name, family_name, search_name, status, status_since,
        version, created_at, updated_at) VALUES
        (1, 'Kari', 'Nordmann', 'kari nordmann', 'active', '2026-02-01', 1, '2026-01-05 09:00:00', '2026-01-05 09:00:00'),
        (2, 'Anna', 'Svensson', 'anna svensson', 'referred', '2026-02-01', 1, '2026-01-05 09:00:00', '2026-01-05 09:00:00')",
];

#[test]
fn an_installation_from_before_organisations_becomes_one_organisation() {
    for backend in backends() {
        let db = TestDatabase::new(backend).unwrap_or_else(|e| panic!("{backend}: {e}"));
        let store = Store::open(&db.url).expect("open");
        migrate::run_through(&store, "2026-12-02-000013").expect("migrate to before");
        {
            let mut conn = store.conn().expect("conn");
            for sql in BEFORE {
                diesel::sql_query(*sql).execute(&mut conn).expect(sql);
            }
        }
        let ran = migrate::run(&store).expect("migrate the rest");
        assert!(ran >= 1, "{backend}: the organisations migration ran");
        let mut conn = store.conn().expect("conn");
        let all = organisations::list(&mut conn).expect("organisations");
        assert_eq!(all.len(), 1, "{backend}: one organisation");
        let id = all[0].id;
        for table in ["ladders", "partners", "employers", "users"] {
            let outside = count(
                &mut conn,
                &format!(
                    "SELECT COUNT(*) AS n FROM {table} WHERE organisation_id IS NULL OR organisation_id <> {id}"
                ),
            );
            assert_eq!(
                outside, 0,
                "{backend}: every row of {table} is the organisation's"
            );
        }
        assert_eq!(
            count(&mut conn, "SELECT COUNT(*) AS n FROM participants"),
            2
        );
        assert_eq!(
            organisations::ladder_ids(&mut conn, id).expect("ladders"),
            vec![1, 2]
        );
        // Everyone but the admin (who holds admin everywhere) works in both
        // ladders in their former role.
        let staff = users::all(&mut conn).expect("users");
        for user in &staff {
            let roles =
                users::programme_roles_of(&mut conn, stige_domain::UserId(user.id)).expect("roles");
            if user.role == stige_domain::Role::Admin {
                assert!(roles.is_empty(), "{backend}");
            } else {
                assert_eq!(
                    roles,
                    vec![(1, user.role), (2, user.role)],
                    "{backend}: {}",
                    user.username
                );
            }
        }
        // A new organisation's ids follow the migrated one's.
        let next = organisations::insert(
            &mut conn,
            &organisations::NewOrganisation {
                name: "Next",
                organisation_number: "971589477",
                country: "NO",
                default_language: "nb",
                participant_word: "deltaker",
                retention_years: 5,
                created_at: stige_store::now(),
            },
        )
        .expect("another organisation");
        assert!(next.id > id, "{backend}");
        // Partners and employers kept every row through the change that lets
        // two organisations hold the same organisation number.
        for (table, name, number) in [
            ("partners", "Kristiansand kommune", "963296746"),
            ("employers", "Verkstedet AS", "971589485"),
        ] {
            let kept = count(
                &mut conn,
                &format!(
                    "SELECT COUNT(*) AS n FROM {table} WHERE id = 1 AND name = '{name}' AND organisation_number = '{number}'"
                ),
            );
            assert_eq!(kept, 1, "{backend}: {table} kept");
        }
        let partner = |organisation: i64| {
            format!(
                "INSERT INTO partners (name, kind, organisation_number, created_at, organisation_id) VALUES
                 ('Kommunen', 'municipality', '963296746', '2026-01-05 09:00:00', {organisation})"
            )
        };
        diesel::sql_query(partner(next.id))
            .execute(&mut conn)
            .unwrap_or_else(|e| panic!("{backend}: another organisation's partner: {e}"));
        assert!(
            diesel::sql_query(partner(id)).execute(&mut conn).is_err(),
            "{backend}: one number once per organisation"
        );
        assert_eq!(
            count(&mut conn, "SELECT MAX(id) AS n FROM partners"),
            2,
            "{backend}: ids go on after the rebuilt table's"
        );
        // The tables that refer to them still do.
        let orphan = diesel::sql_query(
            "INSERT INTO employer_contacts (employer_id, name, phone, email, position) VALUES (999, 'X', '', '', 0)",
        )
        .execute(&mut conn);
        assert!(orphan.is_err(), "{backend}: foreign keys hold");
    }
}
