//! Configuration from environment variables (each documented once, in the README).
//!
//! | variable            | default                  | meaning                                   |
//! |---------------------|--------------------------|-------------------------------------------|
//! | `DATABASE_URL`      | `sqlite://data/stige.db` | `sqlite://PATH` or `postgres://…`          |
//! | `STIGE_JWT_SECRET`  | (required; demo: made)   | base64, at least 32 bytes, signs tokens   |
//! | `STIGE_DATA_KEY`    | (required; demo: made)   | base64, 32 bytes, AES-256-GCM data key    |
//! | `STIGE_WEB_DIR`     | `frontend/dist`          | the built web app                         |
//! | `STIGE_PUBLIC_URL`  | `http://127.0.0.1:8080`  | the address in links sent to employers    |
//! | `STIGE_INVITATION_DAYS` | `14`                 | days an employer's link stays valid       |
//! | `STIGE_SESSION_HOURS` | `12`                   | a staff session's absolute lifetime (1–24) |
//! | `STIGE_SESSION_IDLE_MINUTES` | `30`            | a session ends after this long unused (5–480) |
//! | `STIGE_TRUSTED_PROXIES` | (none)              | proxies whose `Forwarded`/`X-Forwarded-For` name the client: `10.0.0.5, 172.18.0.0/16` |
//! | `STIGE_PASSWORD_CHECKS` | `4`                 | password checks (argon2, 19 MiB each) at once (1–64) |
//! | `STIGE_SMTP_URL`    | (none: outbox only)      | `smtp://host:587?tls=required`, `smtps://…` |
//! | `STIGE_MAIL_FROM`   | `stige@localhost`        | the sender of messages                    |
//! | `STIGE_DB_POOL_SIZE` | SQLite 8; PostgreSQL 2 × cores (4–16) | connections to the database |
//! | `STIGE_METRICS_BIND` | (none: no metrics)      | address of `/metrics` (Prometheus), apart from the API |
//! | `STIGE_LOG_FORMAT`  | text                     | `json`: one JSON object per line          |
//! | `STIGE_NEW_DATA_KEY` | (none)                  | the new key, for `stige rotate-data-key`  |
//! | `RUST_LOG`          | `info`                   | log filter                                |

use anyhow::{Context, bail};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use rand::RngCore;
use secrecy::{ExposeSecret, SecretBox};
use std::path::{Path, PathBuf};

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/stige.db";

/// Everything the server needs to run.
pub struct Config {
    pub database_url: String,
    pub jwt_secret: SecretBox<Vec<u8>>,
    pub data_key: SecretBox<[u8; 32]>,
    pub web_dir: PathBuf,
    /// Seconds an access token lives (at most 15 minutes).
    pub access_ttl_secs: i64,
    /// Seconds a session lives at most (`STIGE_SESSION_HOURS`).
    pub session_lifetime_secs: i64,
    /// Seconds a session may go unused (`STIGE_SESSION_IDLE_MINUTES`).
    pub session_idle_secs: i64,
    pub links: crate::state::EmployerLinks,
    /// `STIGE_TRUSTED_PROXIES`.
    pub trusted_proxies: crate::client_address::TrustedProxies,
    /// `STIGE_PASSWORD_CHECKS`.
    pub password_checks: usize,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("web_dir", &self.web_dir)
            .field("access_ttl_secs", &self.access_ttl_secs)
            .finish_non_exhaustive()
    }
}

impl Config {
    /// Reads the environment. In demo mode, missing keys are made and kept in
    /// `key_dir` (mode 0600); otherwise a missing key stops the start, naming it.
    pub fn from_env(demo: bool, key_dir: &Path) -> anyhow::Result<Self> {
        let database_url = database_url();
        let jwt_secret = key("STIGE_JWT_SECRET", 32, demo, key_dir, "jwt-secret.key")?;
        let data_key = key("STIGE_DATA_KEY", 32, demo, key_dir, "data.key")?;
        let data_key: [u8; 32] = data_key.as_slice().try_into().map_err(|_| {
            anyhow::anyhow!("STIGE_DATA_KEY must be exactly 32 bytes (base64-encoded)")
        })?;
        let web_dir = std::env::var("STIGE_WEB_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|_| PathBuf::from("frontend/dist"));
        Ok(Self {
            database_url,
            jwt_secret: SecretBox::new(Box::new(jwt_secret)),
            data_key: SecretBox::new(Box::new(data_key)),
            web_dir,
            access_ttl_secs: 15 * 60,
            session_lifetime_secs: 60 * 60 * bounded("STIGE_SESSION_HOURS", 12, 1..=24, "hours")?,
            session_idle_secs: 60 * bounded("STIGE_SESSION_IDLE_MINUTES", 30, 5..=480, "minutes")?,
            trusted_proxies: trusted_proxies()?,
            password_checks: usize::try_from(bounded(
                "STIGE_PASSWORD_CHECKS",
                4,
                1..=64,
                "checks",
            )?)
            .unwrap_or(4),
            links: crate::state::EmployerLinks {
                public_url: std::env::var("STIGE_PUBLIC_URL")
                    .unwrap_or_else(|_| "http://127.0.0.1:8080".into())
                    .trim_end_matches('/')
                    .to_owned(),
                ttl_days: match std::env::var("STIGE_INVITATION_DAYS") {
                    Ok(v) => v
                        .trim()
                        .parse::<i64>()
                        .ok()
                        .filter(|d| (1..=90).contains(d))
                        .context("STIGE_INVITATION_DAYS must be a number of days from 1 to 90")?,
                    Err(_) => 14,
                },
            },
        })
    }

    pub fn jwt_secret(&self) -> &[u8] {
        self.jwt_secret.expose_secret()
    }
}

/// `STIGE_TRUSTED_PROXIES`: the reverse proxies in front of Stige.
fn trusted_proxies() -> anyhow::Result<crate::client_address::TrustedProxies> {
    let list = std::env::var("STIGE_TRUSTED_PROXIES").unwrap_or_default();
    crate::client_address::TrustedProxies::parse(&list)
        .map_err(|e| anyhow::anyhow!("STIGE_TRUSTED_PROXIES: {e}"))
}

/// A whole number from `var` within `range` (`unit` names it in the error), or `default`.
fn bounded(
    var: &str,
    default: i64,
    range: std::ops::RangeInclusive<i64>,
    unit: &str,
) -> anyhow::Result<i64> {
    match std::env::var(var) {
        Ok(v) => v
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|n| range.contains(n))
            .with_context(|| {
                format!(
                    "{var} must be a number of {unit} from {} to {}",
                    range.start(),
                    range.end()
                )
            }),
        Err(_) => Ok(default),
    }
}

/// `STIGE_DB_POOL_SIZE`: connections to the database, when set (1–64).
pub fn database_pool_size() -> anyhow::Result<Option<u32>> {
    match std::env::var("STIGE_DB_POOL_SIZE") {
        Ok(v) => parse_pool_size(&v).map(Some),
        Err(_) => Ok(None),
    }
}

fn parse_pool_size(value: &str) -> anyhow::Result<u32> {
    value
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|n| (1..=64).contains(n))
        .context("STIGE_DB_POOL_SIZE must be a number of connections from 1 to 64")
}

/// A 32-byte key from `var` (base64), which must be set.
pub fn required_key(var: &str) -> anyhow::Result<[u8; 32]> {
    let bytes = key(var, 32, false, Path::new("."), "unused")?;
    bytes
        .as_slice()
        .try_into()
        .map_err(|_| anyhow::anyhow!("{var} must be exactly 32 bytes (base64-encoded)"))
}

pub fn database_url() -> String {
    std::env::var("DATABASE_URL").unwrap_or_else(|_| DEFAULT_DATABASE_URL.to_owned())
}

fn key(var: &str, min_len: usize, demo: bool, dir: &Path, file: &str) -> anyhow::Result<Vec<u8>> {
    if let Ok(value) = std::env::var(var) {
        let bytes = STANDARD
            .decode(value.trim())
            .with_context(|| format!("{var} must be base64"))?;
        if bytes.len() < min_len {
            bail!("{var} must be at least {min_len} bytes (base64-encoded)");
        }
        return Ok(bytes);
    }
    if !demo {
        bail!(
            "{var} is not set. Generate one with `openssl rand -base64 32` and set it, \
             or run with --demo to have Stige make demo keys."
        );
    }
    let path = dir.join(file);
    if path.exists() {
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading the demo key {}", path.display()))?;
        return STANDARD
            .decode(text.trim())
            .with_context(|| format!("the demo key {} is not base64", path.display()));
    }
    let mut bytes = vec![0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    write_private(&path, &STANDARD.encode(&bytes))?;
    tracing::warn!(path = %path.display(), "made a demo key ({var}); keep it out of production");
    Ok(bytes)
}

fn write_private(path: &Path, content: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut f = options
        .open(path)
        .with_context(|| format!("creating {}", path.display()))?;
    f.write_all(content.as_bytes())
        .with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::parse_pool_size;

    #[test]
    fn the_pool_size_is_a_number_from_1_to_64() {
        assert_eq!(parse_pool_size(" 4 ").ok(), Some(4));
        assert_eq!(parse_pool_size("64").ok(), Some(64));
        for bad in ["0", "65", "-1", "four", ""] {
            let err = parse_pool_size(bad).map_err(|e| e.to_string());
            assert_eq!(
                err,
                Err("STIGE_DB_POOL_SIZE must be a number of connections from 1 to 64".to_owned()),
                "{bad:?}"
            );
        }
    }
}
