//! The local PostgreSQL the tests use: started if it is down, databases made by psql.

use anyhow::{Context, bail};
use std::process::Command;

fn is_ready() -> bool {
    Command::new("pg_isready")
        .args(["-h", "127.0.0.1", "-p", "5432"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

/// Starts the local cluster when it does not answer.
pub fn ensure_running() -> anyhow::Result<()> {
    if is_ready() {
        eprintln!("PostgreSQL is up.");
        return Ok(());
    }
    eprintln!("PostgreSQL is down; starting it.");
    let versions = std::fs::read_dir("/etc/postgresql")
        .context("no PostgreSQL installation in /etc/postgresql")?;
    for version in versions.flatten() {
        let v = version.file_name().to_string_lossy().into_owned();
        let _ = Command::new("pg_ctlcluster")
            .args(["--skip-systemctl-redirect", &v, "main", "start"])
            .status();
    }
    for _ in 0..30 {
        if is_ready() {
            return Ok(());
        }
        std::thread::sleep(std::time::Duration::from_secs(1));
    }
    bail!("PostgreSQL did not start on 127.0.0.1:5432")
}

/// Runs one SQL statement as the `postgres` user.
pub fn psql(sql: &str) -> anyhow::Result<()> {
    let status = Command::new("psql")
        .args([
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-d",
            "postgres",
            "-v",
            "ON_ERROR_STOP=1",
            "-qc",
            sql,
        ])
        .status()
        .context("running psql")?;
    if !status.success() {
        bail!("psql failed: {sql}");
    }
    Ok(())
}
