//! The browser tests: start `stige serve --demo` on a free port and run the scripts
//! in `e2e/` (playwright-core driving Debian's Chromium) against it.

use crate::{cargo, postgres, root};
use anyhow::{Context, bail};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

const CHROMIUM: &str = "/usr/bin/chromium";
/// The browser tests, run in this order against one demo server.
const SCRIPTS: [&str; 25] = [
    "ladder.test.mjs",
    "sso.test.mjs",
    "daily.test.mjs",
    "register.test.mjs",
    "partners.test.mjs",
    "employer.test.mjs",
    "reports.test.mjs",
    "actions.test.mjs",
    "outage.test.mjs",
    "a11y.test.mjs",
    "organisations.test.mjs",
    "users.test.mjs",
    "privacy.test.mjs",
    "outcomes.test.mjs",
    "contact.test.mjs",
    "plan.test.mjs",
    "activities.test.mjs",
    "work-log.test.mjs",
    "production.test.mjs",
    "referral-record.test.mjs",
    "agreement-links.test.mjs",
    "proposals.test.mjs",
    "partner-users.test.mjs",
    // Last, so its five cold page loads do not slow the others.
    "split.test.mjs",
    "first-screen.test.mjs",
];

/// Stops the server when dropped, also when a test fails.
pub struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The demo organisation whose staff sign in through the test's identity provider.
const SSO_ORGANISATION: &str = "971589493";

/// `stige serve --demo` with single sign-on through the provider at `issuer`.
pub fn start_server_with_sso(
    database_url: &str,
    key_dir: &std::path::Path,
    issuer: &str,
) -> anyhow::Result<(Server, String)> {
    let sso = [
        ("STIGE_OIDC_ISSUER", issuer),
        ("STIGE_OIDC_CLIENT_ID", "stige"),
        ("STIGE_OIDC_CLIENT_SECRET", "stige-test-secret"),
        ("STIGE_OIDC_NAME", "Kommune-ID"),
        (
            "STIGE_OIDC_ROLES",
            "stige-admins=admin,stige-coordinators=coordinator",
        ),
        ("STIGE_OIDC_ORGANISATION", SSO_ORGANISATION),
    ];
    start(database_url, key_dir, "info", &sso)
}

/// `stige serve --demo` on `database_url` with the log filter `log` (`RUST_LOG`).
pub fn start_server_logging(
    database_url: &str,
    key_dir: &std::path::Path,
    log: &str,
) -> anyhow::Result<(Server, String)> {
    start(database_url, key_dir, log, &[])
}

fn start(
    database_url: &str,
    key_dir: &std::path::Path,
    log: &str,
    env: &[(&str, &str)],
) -> anyhow::Result<(Server, String)> {
    let exe = root().join("target/debug/stige");
    let mut child = Command::new(&exe)
        .envs(env.iter().copied())
        .env("RUST_LOG", log)
        .args(["serve", "--demo", "--bind", "127.0.0.1:0"])
        .env("DATABASE_URL", database_url)
        .env("STIGE_WEB_DIR", root().join("frontend/dist"))
        .current_dir(key_dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .with_context(|| format!("starting {}", exe.display()))?;
    let stdout = child.stdout.take().context("no stdout")?;
    let server = Server(child);
    let mut lines = BufReader::new(stdout).lines();
    let url = loop {
        let Some(line) = lines.next() else {
            bail!("the server stopped before saying where it listens");
        };
        let line = line?;
        if let Some(url) = line.strip_prefix("Stige is listening on ") {
            break url.trim().to_owned();
        }
    };
    Ok((server, url))
}

/// The test's identity provider (`e2e/oidc-provider.mjs`) and its issuer.
fn start_identity_provider() -> anyhow::Result<(Server, String)> {
    let mut child = Command::new("node")
        .arg(root().join("e2e/oidc-provider.mjs"))
        .env("PORT", "0")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .context("starting e2e/oidc-provider.mjs (is Node.js installed?)")?;
    let stdout = child.stdout.take().context("no stdout")?;
    let provider = Server(child);
    let mut lines = BufReader::new(stdout).lines();
    let issuer = lines
        .by_ref()
        .map_while(Result::ok)
        .find_map(|line| line.strip_prefix("ISSUER=").map(str::to_owned))
        .context("the identity provider stopped before saying where it listens")?;
    std::thread::spawn(move || lines.for_each(drop));
    Ok((provider, issuer))
}

/// `npm ci` in `e2e/` unless its packages are there: the browser tests'
/// playwright-core and axe-core, and the API tests' identity provider.
pub fn npm_install() -> anyhow::Result<()> {
    let dir = root().join("e2e");
    if ["playwright-core", "axe-core", "oidc-provider"]
        .iter()
        .all(|m| dir.join("node_modules").join(m).is_dir())
    {
        return Ok(());
    }
    let status = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(&dir)
        .status()
        .context("running npm ci in e2e/ (is Node.js installed?)")?;
    if !status.success() {
        bail!("npm ci failed in e2e/");
    }
    Ok(())
}

fn run_against(database_url: &str, label: &str) -> anyhow::Result<()> {
    let work = std::env::temp_dir().join(format!("stige-e2e-{label}-{}", std::process::id()));
    std::fs::create_dir_all(&work)?;
    let (provider, issuer) = start_identity_provider()?;
    let (server, url) = start_server_with_sso(database_url, &work, &issuer)?;
    eprintln!("Browser test on {label} at {url}");
    let mut failed = vec![];
    for script in SCRIPTS {
        let status = Command::new("node")
            .arg(root().join("e2e").join(script))
            .env("STIGE_URL", &url)
            .env("STIGE_OIDC_ISSUER", &issuer)
            .env("STIGE_E2E_LABEL", label)
            .current_dir(root())
            .status()
            .context("running node")?;
        if !status.success() {
            failed.push(script);
        }
    }
    drop(server);
    drop(provider);
    let _ = std::fs::remove_dir_all(&work);
    if !failed.is_empty() {
        bail!(
            "browser tests failed on {label}: {} (screenshots under target/e2e/)",
            failed.join(", ")
        );
    }
    Ok(())
}

/// Builds `target/debug/stige` with the whole workspace's feature set, as the
/// tests built it: no rebuild.
pub fn build_server() -> anyhow::Result<()> {
    cargo(
        &[
            "build",
            "--workspace",
            "--exclude",
            "stige-frontend",
            "--bins",
        ],
        &[],
    )
}

pub fn run_browser_tests() -> anyhow::Result<()> {
    if !std::path::Path::new(CHROMIUM).exists() {
        bail!(
            "{CHROMIUM} is missing: apt-get install -y chromium chromium-driver (.ci/run does this)"
        );
    }
    npm_install()?;
    build_server()?;
    let sqlite_dir = std::env::temp_dir().join(format!("stige-e2e-db-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&sqlite_dir);
    let sqlite = format!("sqlite://{}", sqlite_dir.join("stige.db").display());
    let result = run_against(&sqlite, "sqlite");
    let _ = std::fs::remove_dir_all(&sqlite_dir);
    result?;

    let db = format!("stige_e2e_{}", std::process::id());
    postgres::psql(&format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"))?;
    postgres::psql(&format!("CREATE DATABASE {db}"))?;
    let result = run_against(
        &format!("postgres://postgres@127.0.0.1:5432/{db}"),
        "postgres",
    );
    let _ = postgres::psql(&format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"));
    result
}
