//! `cargo xtask test`: every check CI runs, in order, failing at the first problem.

use crate::{api_fuzz, cargo, e2e, postgres, step, web};

pub fn test_all() -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    step("Formatting (cargo fmt --check)");
    cargo(&["fmt", "--all", "--check"], &[])?;

    step("Lints, native (clippy -D warnings)");
    cargo(
        &[
            "clippy",
            "--workspace",
            "--exclude",
            "stige-frontend",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
        &[],
    )?;

    step("Lints, web app and shared crates for wasm32 (clippy -D warnings)");
    web::ensure_wasm_target()?;
    cargo(
        &[
            "clippy",
            "-p",
            "stige-frontend",
            "-p",
            "stige-domain",
            "-p",
            "stige-wire",
            "-p",
            "stige-client",
            "--target",
            "wasm32-unknown-unknown",
            "--",
            "-D",
            "warnings",
        ],
        &[],
    )?;

    step("PostgreSQL on 127.0.0.1:5432");
    postgres::ensure_running()?;

    step("npm packages in e2e/ (the API tests' identity provider, the browser tests)");
    e2e::npm_install()?;

    step("All tests; store tests on SQLite and PostgreSQL, API tests on SQLite");
    cargo(&["test", "--workspace", "--exclude", "stige-frontend"], &[])?;

    step("API tests on PostgreSQL");
    // Same package selection as above, so cargo reuses that build.
    cargo(
        &[
            "test",
            "--workspace",
            "--exclude",
            "stige-frontend",
            "--test",
            "api",
        ],
        &[("STIGE_TEST_DATABASE", "postgres")],
    )?;

    step("Schemathesis: the API against its own document (SQLite demo server, staff and partner)");
    api_fuzz::run()?;

    step("Release build of the web app");
    web::build_web(true)?.check_budget()?;

    step("Browser test (headless Chromium) against `stige serve --demo` on SQLite and PostgreSQL");
    e2e::run_browser_tests()?;

    eprintln!("\nAll checks passed in {:.0?}.", started.elapsed());
    Ok(())
}
