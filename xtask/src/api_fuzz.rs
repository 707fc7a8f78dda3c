//! Schemathesis against the API's own document: `e2e/schemathesis/run.py` in
//! a Python venv (`target/schemathesis-venv`, from the pinned
//! `e2e/schemathesis/requirements.txt`; `.ci/run` makes it too), against
//! `stige serve --demo` on a fresh SQLite database.

use crate::{e2e, root, step};
use anyhow::{Context, bail};
use std::process::Command;

/// The venv's Python, made and filled when missing.
pub fn ensure_venv() -> anyhow::Result<std::path::PathBuf> {
    let venv = root().join("target/schemathesis-venv");
    let python = venv.join("bin/python");
    let requirements = root().join("e2e/schemathesis/requirements.txt");
    let stamp = venv.join("requirements.txt");
    let current = std::fs::read(&requirements)?;
    if python.is_file() && std::fs::read(&stamp).ok().as_ref() == Some(&current) {
        return Ok(python);
    }
    step("Python venv for schemathesis (pinned in e2e/schemathesis/requirements.txt)");
    if !python.is_file() {
        let status = Command::new("python3")
            .args(["-m", "venv"])
            .arg(&venv)
            .status()
            .context("running python3 -m venv (apt-get install python3-venv; .ci/run does this)")?;
        if !status.success() {
            bail!("python3 -m venv failed (apt-get install python3-venv)");
        }
    }
    let status = Command::new(&python)
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "-r",
        ])
        .arg(&requirements)
        .status()
        .context("running pip in the venv")?;
    if !status.success() {
        bail!("pip install -r {} failed", requirements.display());
    }
    std::fs::write(&stamp, current)?;
    Ok(python)
}

/// Runs schemathesis against a demo server on a fresh SQLite database.
pub fn run() -> anyhow::Result<()> {
    let python = ensure_venv()?;
    e2e::build_server()?;
    let work = std::env::temp_dir().join(format!("stige-schemathesis-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work)?;
    let database = format!("sqlite://{}", work.join("stige.db").display());
    let result = (|| {
        // Thousands of requests: the access log would drown schemathesis' report.
        let (server, url) = e2e::start_server_logging(&database, &work, "warn")?;
        let status = Command::new(&python)
            .arg(root().join("e2e/schemathesis/run.py"))
            .env("STIGE_URL", &url)
            .current_dir(root())
            .status()
            .context("running e2e/schemathesis/run.py")?;
        drop(server);
        if !status.success() {
            bail!("schemathesis found failures (reports under target/schemathesis/)");
        }
        Ok(())
    })();
    let _ = std::fs::remove_dir_all(&work);
    result
}
