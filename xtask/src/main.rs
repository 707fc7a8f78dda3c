//! Project tasks, run as `cargo xtask <task>`:
//!
//! - `run [ARGS]`: build the web app and run Stige with demo data (SQLite) on
//!   http://127.0.0.1:8080; extra arguments go to `stige serve`.
//! - `test`: everything CI checks: formatting, clippy (native and wasm32), all tests
//!   on SQLite and PostgreSQL, the release build of the web app, the browser test.
//! - `build-web [--dev]`: build the web app into `frontend/dist/`.
//! - `schemathesis`: schemathesis against the API document and a demo server.

mod api_fuzz;
mod assets;
mod checks;
mod e2e;
mod postgres;
mod split;
mod web;

use anyhow::{Context, bail};
use std::process::Command;

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => run(&args[1..]),
        Some("test") => checks::test_all(),
        Some("schemathesis") => api_fuzz::run(),
        Some("build-web") => web::build_web(!args.iter().any(|a| a == "--dev")).map(|_| ()),
        _ => {
            eprintln!(
                "usage: cargo xtask run [stige serve args] | test | build-web [--dev] | schemathesis"
            );
            return std::process::ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nxtask: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// Prints a step heading, so long runs show where they are.
pub fn step(text: &str) {
    eprintln!("\n==> {text}");
}

/// Runs a command from the repository root, failing with its description.
pub fn cargo(args: &[&str], envs: &[(&str, &str)]) -> anyhow::Result<()> {
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.args(args).current_dir(root());
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let status = cmd
        .status()
        .with_context(|| format!("starting cargo {}", args.join(" ")))?;
    if !status.success() {
        bail!("`cargo {}` failed", args.join(" "));
    }
    Ok(())
}

/// The repository root (the parent of `xtask/`).
pub fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(std::path::Path::to_path_buf)
        .unwrap_or_else(|| std::path::PathBuf::from("."))
}

fn run(extra: &[String]) -> anyhow::Result<()> {
    step("Building the web app (release)");
    web::build_web(true)?;
    step("Building and starting Stige with demo data");
    let mut args = vec![
        "run",
        "--quiet",
        "-p",
        "stige-api",
        "--bin",
        "stige",
        "--",
        "serve",
        "--demo",
    ];
    args.extend(extra.iter().map(String::as_str));
    cargo(&args, &[])
}
