//! Fresh databases for tests: a temporary SQLite file, or a new PostgreSQL database
//! on the local server (`STIGE_TEST_PG_URL`, default `postgres://postgres@127.0.0.1:5432`).

use diesel::prelude::*;
use std::sync::atomic::{AtomicU64, Ordering};

/// Which backends the store tests run on: both, unless `STIGE_TEST_BACKENDS` says
/// `sqlite` or `postgres`.
pub fn backends() -> Vec<&'static str> {
    match std::env::var("STIGE_TEST_BACKENDS").as_deref() {
        Ok("sqlite") => vec!["sqlite"],
        Ok("postgres") => vec!["postgres"],
        _ => vec!["sqlite", "postgres"],
    }
}

pub fn pg_base_url() -> String {
    std::env::var("STIGE_TEST_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into())
}

/// The URL of database `name` on the test server. Test connections go over
/// loopback without TLS: OpenSSL's exit-time cleanup races with connections that
/// server threads still hold when a test binary exits ("double free or corruption").
pub fn pg_database_url(name: &str) -> String {
    format!("{}/{name}?sslmode=disable", pg_base_url())
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

fn unique_name() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!(
        "stige_test_{}_{}_{}",
        std::process::id(),
        nanos % 1_000_000_000_000,
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// A database that is removed when dropped.
pub struct TestDatabase {
    pub url: String,
    pg_name: Option<String>,
    sqlite_dir: Option<std::path::PathBuf>,
}

impl TestDatabase {
    /// A new, empty database on `backend` ("sqlite" or "postgres").
    pub fn new(backend: &str) -> Result<Self, String> {
        let name = unique_name();
        if backend == "postgres" {
            let mut admin = PgConnection::establish(&pg_database_url("postgres"))
                .map_err(|e| format!("PostgreSQL at {} is not reachable: {e}", pg_base_url()))?;
            diesel::sql_query(format!("CREATE DATABASE {name}"))
                .execute(&mut admin)
                .map_err(|e| e.to_string())?;
            Ok(Self {
                url: pg_database_url(&name),
                pg_name: Some(name),
                sqlite_dir: None,
            })
        } else {
            let dir = std::env::temp_dir().join(name);
            std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
            Ok(Self {
                url: format!("sqlite://{}", dir.join("stige.db").display()),
                pg_name: None,
                sqlite_dir: Some(dir),
            })
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Some(name) = &self.pg_name
            && let Ok(mut admin) = PgConnection::establish(&pg_database_url("postgres"))
        {
            let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .execute(&mut admin);
        }
        if let Some(dir) = &self.sqlite_dir {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// The test organisation (made on first use), for tests of other things.
pub fn organisation(conn: &mut crate::DbConnection) -> QueryResult<stige_domain::OrganisationId> {
    if let Some(first) = crate::organisations::list(conn)?.first() {
        return Ok(stige_domain::OrganisationId(first.id));
    }
    let row = crate::organisations::insert(
        conn,
        &crate::organisations::NewOrganisation {
            name: "Test organisation",
            organisation_number: "971589493",
            country: "NO",
            default_language: "nb",
            participant_word: "deltaker",
            retention_years: 5,
            created_at: crate::now(),
        },
    )?;
    Ok(stige_domain::OrganisationId(row.id))
}

/// A ladder of the test organisation.
pub fn ladder(
    conn: &mut crate::DbConnection,
    name: &str,
    description: &str,
    annual_target: Option<i32>,
) -> QueryResult<crate::ladders::LadderRow> {
    let organisation = organisation(conn)?;
    crate::ladders::create(conn, organisation, name, description, annual_target)
}
