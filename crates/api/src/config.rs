//! Every setting of the `stige` command in one struct, [`Settings`]: each is a
//! flag and an environment variable (clap, `env`), checked when the command
//! starts, and documented once, in the README's Configuration table (a test in
//! `config::tests::the_readme_documents_every_setting` checks that the table
//! names every setting with its flag and default). Nothing else reads the environment for settings;
//! partners' identity providers, whose variables are named after each
//! provider, are read where `STIGE_PARTNER_OIDC` names them
//! (`crate::oidc::config`).

use anyhow::{Context, bail};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use rand::RngCore;
use secrecy::{ExposeSecret, SecretBox};
use std::path::{Path, PathBuf};

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/stige.db";

/// A secret setting (a key): never shown in `--help`, logs or `Debug`.
#[derive(Clone)]
pub struct Secret(String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(…)")
    }
}

impl std::str::FromStr for Secret {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Self(s.trim().to_owned()))
    }
}

impl Secret {
    /// The value; `None` when it is empty (an empty variable is an unset one).
    pub fn value(&self) -> Option<&str> {
        Some(self.0.as_str()).filter(|v| !v.is_empty())
    }
}

/// How the log is written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LogFormat {
    /// One line of text per event.
    #[default]
    Text,
    /// One JSON object per line, each request's with its id.
    Json,
}

/// On or off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Switch {
    On,
    Off,
}

/// A whole number from `min` to `max` of `unit`, as clap's value parser; its
/// error names the environment variable `var` too (clap names the flag).
fn within<T>(
    min: T,
    max: T,
    unit: &'static str,
    var: &'static str,
) -> impl Fn(&str) -> Result<T, String> + Clone + Send + Sync + 'static
where
    T: std::str::FromStr + PartialOrd + std::fmt::Display + Copy + Send + Sync + 'static,
{
    move |value: &str| {
        value
            .trim()
            .parse::<T>()
            .ok()
            .filter(|n| *n >= min && *n <= max)
            .ok_or_else(|| format!("must be a number of {unit} from {min} to {max} ({var})"))
    }
}

/// Text with surrounding spaces taken off; an empty value counts as unset.
fn text(value: &str) -> Result<String, String> {
    Ok(value.trim().to_owned())
}

/// `STIGE_WEB_DIR`: a directory; empty is the default.
fn web_dir(value: &str) -> Result<PathBuf, String> {
    Ok(PathBuf::from(match value.trim() {
        "" => "frontend/dist",
        dir => dir,
    }))
}

/// `STIGE_LOG_FORMAT`: `text` or `json`, in any case; empty is text.
fn log_format(value: &str) -> Result<LogFormat, String> {
    match value.trim().to_ascii_lowercase().as_str() {
        "" | "text" => Ok(LogFormat::Text),
        "json" => Ok(LogFormat::Json),
        _ => Err("must be text or json (STIGE_LOG_FORMAT)".into()),
    }
}

/// `on` or `off`, in any case; empty is on.
fn switch(value: &str) -> Result<Switch, String> {
    match value.trim().to_ascii_lowercase().as_str() {
        "" | "on" => Ok(Switch::On),
        "off" => Ok(Switch::Off),
        _ => Err("must be on or off (STIGE_PASSWORD_SIGN_IN)".into()),
    }
}

/// Every setting of Stige. Each is given as a flag (`--session-hours 8`) or
/// as its environment variable (`STIGE_SESSION_HOURS=8`); the flag wins.
/// Keys belong in the environment (or a secrets file the service manager
/// reads into it), never on a command line others can read.
#[derive(clap::Args, Clone)]
#[command(next_help_heading = "Settings (each a flag or its environment variable)")]
pub struct Settings {
    /// The database: sqlite://PATH or postgres://user:pass@host:5432/db.
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL, global = true, hide_env_values = true, value_parser = text)]
    pub database_url: String,
    /// Connections to the database, 1–64 [default: SQLite 8; PostgreSQL
    /// twice the cores, 4 to 16].
    #[arg(long, env = "STIGE_DB_POOL_SIZE", global = true, value_name = "N", value_parser = within(1u32, 64, "connections", "STIGE_DB_POOL_SIZE"))]
    pub db_pool_size: Option<u32>,
    /// Signs access tokens: base64, at least 32 bytes [default: required;
    /// demo mode makes one].
    #[arg(
        long,
        env = "STIGE_JWT_SECRET",
        global = true,
        hide_env_values = true,
        value_name = "BASE64"
    )]
    pub jwt_secret: Option<Secret>,
    /// Encrypts national ids and employer links in the outbox (AES-256-GCM):
    /// base64, exactly 32 bytes [default: required; demo mode makes one].
    #[arg(
        long,
        env = "STIGE_DATA_KEY",
        global = true,
        hide_env_values = true,
        value_name = "BASE64"
    )]
    pub data_key: Option<Secret>,
    /// The new data key, for `stige rotate-data-key` only.
    #[arg(
        long,
        env = "STIGE_NEW_DATA_KEY",
        global = true,
        hide_env_values = true,
        value_name = "BASE64"
    )]
    pub new_data_key: Option<Secret>,
    /// Where `stige serve` listens; port 0 picks a free port (and prints it).
    #[arg(long, env = "STIGE_BIND", default_value = "127.0.0.1:8080", global = true, value_name = "ADDR", value_parser = text)]
    pub bind: String,
    /// The built web app.
    #[arg(
        long,
        env = "STIGE_WEB_DIR",
        default_value = "frontend/dist",
        global = true,
        value_name = "DIR",
        value_parser = web_dir
    )]
    pub web_dir: PathBuf,
    /// The address staff and employers reach Stige at (links to employers,
    /// single sign-on's redirect) [default: where the server listens].
    #[arg(long, env = "STIGE_PUBLIC_URL", global = true, value_name = "URL", value_parser = text)]
    pub public_url: Option<String>,
    /// Days an employer's link stays valid, 1–90.
    #[arg(long, env = "STIGE_INVITATION_DAYS", default_value = "14", global = true, value_name = "DAYS", value_parser = within(1i64, 90, "days", "STIGE_INVITATION_DAYS"))]
    pub invitation_days: i64,
    /// A session ends this many hours after sign-in, 1–24.
    #[arg(long, env = "STIGE_SESSION_HOURS", default_value = "12", global = true, value_name = "HOURS", value_parser = within(1i64, 24, "hours", "STIGE_SESSION_HOURS"))]
    pub session_hours: i64,
    /// A session ends when unused this long, 5–480 minutes.
    #[arg(long, env = "STIGE_SESSION_IDLE_MINUTES", default_value = "30", global = true, value_name = "MINUTES", value_parser = within(5i64, 480, "minutes", "STIGE_SESSION_IDLE_MINUTES"))]
    pub session_idle_minutes: i64,
    /// The reverse proxies in front of Stige, whose forwarding headers are
    /// believed: addresses or networks, `10.0.0.5, 172.16.0.0/12` [default: none].
    #[arg(long, env = "STIGE_TRUSTED_PROXIES", default_value = "", hide_default_value = true, global = true, value_name = "LIST", value_parser = trusted_proxies)]
    pub trusted_proxies: crate::client_address::TrustedProxies,
    /// Password checks (argon2, 19 MiB each) at once, 1–64.
    #[arg(long, env = "STIGE_PASSWORD_CHECKS", default_value = "4", global = true, value_name = "N", value_parser = within(1usize, 64, "checks", "STIGE_PASSWORD_CHECKS"))]
    pub password_checks: usize,
    /// The mail server for messages, `smtp://host:587?tls=required` or
    /// `smtps://…` [default: none: messages stay in the outbox].
    #[arg(long, env = "STIGE_SMTP_URL", global = true, hide_env_values = true, value_name = "URL", value_parser = text)]
    pub smtp_url: Option<String>,
    /// The sender address of messages.
    #[arg(long, env = "STIGE_MAIL_FROM", default_value = "stige@localhost", global = true, value_name = "ADDRESS", value_parser = text)]
    pub mail_from: String,
    /// Where `GET /metrics` (Prometheus) listens, apart from the API
    /// [default: none: no metrics].
    #[arg(long, env = "STIGE_METRICS_BIND", global = true, value_name = "ADDR", value_parser = text)]
    pub metrics_bind: Option<String>,
    /// `json`: one JSON object per line, each request's with its id.
    #[arg(
        long,
        env = "STIGE_LOG_FORMAT",
        default_value = "text",
        global = true,
        value_name = "FORMAT",
        value_parser = log_format
    )]
    pub log_format: LogFormat,
    /// The log filter.
    #[arg(
        long = "log",
        env = "RUST_LOG",
        default_value = "info,actix_server=warn",
        global = true,
        value_name = "FILTER"
    )]
    pub log_filter: String,
    #[command(flatten)]
    pub single_sign_on: SingleSignOnSettings,
}

/// Single sign-on through the organisation's identity provider (README,
/// "Single sign-on"), and partners' providers for partner users.
#[derive(clap::Args, Clone)]
pub struct SingleSignOnSettings {
    /// The identity provider's issuer; turns single sign-on on [default: none].
    #[arg(id = "oidc_issuer", long = "oidc-issuer", env = "STIGE_OIDC_ISSUER", global = true, value_name = "URL", value_parser = text)]
    pub issuer: Option<String>,
    /// Stige's client id at the provider (required with an issuer).
    #[arg(id = "oidc_client_id", long = "oidc-client-id", env = "STIGE_OIDC_CLIENT_ID", global = true, value_name = "ID", value_parser = text)]
    pub client_id: Option<String>,
    /// The client's secret; a public client (PKCE alone) has none.
    #[arg(
        id = "oidc_client_secret",
        long = "oidc-client-secret",
        env = "STIGE_OIDC_CLIENT_SECRET",
        global = true,
        hide_env_values = true,
        value_name = "SECRET"
    )]
    pub client_secret: Option<Secret>,
    /// The provider's name on the sign-in button.
    #[arg(id = "oidc_name", long = "oidc-name", env = "STIGE_OIDC_NAME", default_value = "your organisation", global = true, value_name = "NAME", value_parser = text)]
    pub name: String,
    /// The scopes asked for.
    #[arg(id = "oidc_scopes", long = "oidc-scopes", env = "STIGE_OIDC_SCOPES", default_value = "openid profile email", global = true, value_name = "SCOPES", value_parser = text)]
    pub scopes: String,
    /// The ID token's claim holding the person's groups.
    #[arg(id = "oidc_role_claim", long = "oidc-role-claim", env = "STIGE_OIDC_ROLE_CLAIM", default_value = "groups", global = true, value_name = "CLAIM", value_parser = text)]
    pub role_claim: String,
    /// Groups to roles, `stige-admins=admin,stige-coordinators=coordinator`
    /// (required with an issuer).
    #[arg(id = "oidc_roles", long = "oidc-roles", env = "STIGE_OIDC_ROLES", global = true, value_name = "MAPPING", value_parser = text)]
    pub roles: Option<String>,
    /// The organisation whose staff sign in, by id or organisation number
    /// [default: the only one].
    #[arg(id = "oidc_organisation", long = "oidc-organisation", env = "STIGE_OIDC_ORGANISATION", global = true, value_name = "ORGANISATION", value_parser = text)]
    pub organisation: Option<String>,
    /// Whether staff may also sign in with a password (`off` needs a provider).
    #[arg(
        long,
        env = "STIGE_PASSWORD_SIGN_IN",
        default_value = "on",
        global = true,
        value_name = "ON|OFF",
        value_parser = switch
    )]
    pub password_sign_in: Switch,
    /// Partners' providers for partner users, `kristiansand,kalmar`; each
    /// with its `STIGE_PARTNER_OIDC_<NAME>_…` variables [default: none].
    #[arg(id = "partner_oidc", long = "partner-oidc", env = "STIGE_PARTNER_OIDC", global = true, value_name = "NAMES", value_parser = text)]
    pub partner_providers: Option<String>,
}

/// An optional text setting, `None` when it was given empty.
pub fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().filter(|v| !v.is_empty())
}

fn trusted_proxies(list: &str) -> Result<crate::client_address::TrustedProxies, String> {
    crate::client_address::TrustedProxies::parse(list)
        .map_err(|e| format!("{e} (STIGE_TRUSTED_PROXIES)"))
}

/// Everything the server needs to run, made from [`Settings`].
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
    /// The server's configuration. In demo mode, missing keys are made and
    /// kept in `key_dir` (mode 0600); otherwise a missing key stops the
    /// start, naming it.
    pub fn new(settings: &Settings, demo: bool, key_dir: &Path) -> anyhow::Result<Self> {
        let jwt_secret = key(
            "STIGE_JWT_SECRET",
            settings.jwt_secret.as_ref(),
            32,
            demo.then_some((key_dir, "jwt-secret.key")),
        )?;
        let data_key = key(
            "STIGE_DATA_KEY",
            settings.data_key.as_ref(),
            32,
            demo.then_some((key_dir, "data.key")),
        )?;
        let data_key: [u8; 32] = data_key.as_slice().try_into().map_err(|_| {
            anyhow::anyhow!("STIGE_DATA_KEY must be exactly 32 bytes (base64-encoded)")
        })?;
        Ok(Self {
            database_url: settings.database_url.clone(),
            jwt_secret: SecretBox::new(Box::new(jwt_secret)),
            data_key: SecretBox::new(Box::new(data_key)),
            web_dir: settings.web_dir.clone(),
            access_ttl_secs: 15 * 60,
            session_lifetime_secs: 60 * 60 * settings.session_hours,
            session_idle_secs: 60 * settings.session_idle_minutes,
            trusted_proxies: settings.trusted_proxies.clone(),
            password_checks: settings.password_checks,
            links: crate::state::EmployerLinks {
                public_url: given(&settings.public_url)
                    .unwrap_or("http://127.0.0.1:8080")
                    .trim_end_matches('/')
                    .to_owned(),
                ttl_days: settings.invitation_days,
            },
        })
    }

    pub fn jwt_secret(&self) -> &[u8] {
        self.jwt_secret.expose_secret()
    }
}

impl Settings {
    /// A 32-byte key that must be set: the data key (`new: false`) or the
    /// new data key of a rotation (`new: true`).
    pub fn required_data_key(&self, new: bool) -> anyhow::Result<[u8; 32]> {
        let (var, value) = if new {
            ("STIGE_NEW_DATA_KEY", self.new_data_key.as_ref())
        } else {
            ("STIGE_DATA_KEY", self.data_key.as_ref())
        };
        key(var, value, 32, None)?
            .as_slice()
            .try_into()
            .map_err(|_| anyhow::anyhow!("{var} must be exactly 32 bytes (base64-encoded)"))
    }
}

/// A key of at least `min_len` bytes from its setting (base64). Unset, demo
/// mode (`demo_file`: the directory and file) keeps one made once; otherwise
/// the start stops, naming the variable.
fn key(
    var: &str,
    value: Option<&Secret>,
    min_len: usize,
    demo_file: Option<(&Path, &str)>,
) -> anyhow::Result<Vec<u8>> {
    if let Some(value) = value.and_then(Secret::value) {
        let bytes = STANDARD
            .decode(value)
            .with_context(|| format!("{var} must be base64"))?;
        if bytes.len() < min_len {
            bail!("{var} must be at least {min_len} bytes (base64-encoded)");
        }
        return Ok(bytes);
    }
    let Some((dir, file)) = demo_file else {
        bail!(
            "{var} is not set. Generate one with `openssl rand -base64 32` and set it, \
             or run with --demo to have Stige make demo keys."
        );
    };
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
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        settings: Settings,
    }

    /// The settings from `args` alone: the test names every variable it
    /// relies on as a flag, so the machine's environment cannot change it.
    fn parse(args: &[&str]) -> Result<Settings, String> {
        Cli::try_parse_from(std::iter::once("stige").chain(args.iter().copied()))
            .map(|cli| cli.settings)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn numbers_outside_their_range_are_refused_naming_the_range() {
        let read = parse(&["--db-pool-size", " 4 ", "--session-hours", "24"]).expect("settings");
        assert_eq!(read.db_pool_size, Some(4));
        assert_eq!(read.session_hours, 24);
        for (flag, bad, says) in [
            (
                "--db-pool-size",
                "0",
                "must be a number of connections from 1 to 64",
            ),
            (
                "--db-pool-size",
                "four",
                "must be a number of connections from 1 to 64",
            ),
            (
                "--session-hours",
                "25",
                "must be a number of hours from 1 to 24",
            ),
            (
                "--session-idle-minutes",
                "4",
                "must be a number of minutes from 5 to 480",
            ),
            (
                "--invitation-days",
                "91",
                "must be a number of days from 1 to 90",
            ),
            (
                "--password-checks",
                "65",
                "must be a number of checks from 1 to 64",
            ),
        ] {
            let error = parse(&[flag, bad]).map(|_| ()).unwrap_err();
            assert!(
                error.contains(says) && error.contains(flag),
                "{flag} {bad}: {error}"
            );
        }
    }

    #[test]
    fn empty_text_counts_as_unset_and_a_bad_proxy_list_stops_the_start() {
        let read = parse(&["--smtp-url", " ", "--metrics-bind", "", "--public-url", ""])
            .expect("settings");
        assert_eq!(given(&read.smtp_url), None);
        assert_eq!(given(&read.metrics_bind), None);
        let error = parse(&["--trusted-proxies", "not an address"])
            .map(|_| ())
            .unwrap_err();
        assert!(error.contains("--trusted-proxies"), "{error}");
        assert!(parse(&["--log-format", " JSON"]).is_ok_and(|s| s.log_format == LogFormat::Json));
        let tolerated = parse(&[
            "--log-format",
            "",
            "--password-sign-in",
            " ",
            "--web-dir",
            "",
        ])
        .expect("empty values are the defaults");
        assert_eq!(tolerated.log_format, LogFormat::Text);
        assert_eq!(tolerated.single_sign_on.password_sign_in, Switch::On);
        assert_eq!(tolerated.web_dir, PathBuf::from("frontend/dist"));
        let error = parse(&["--log-format", "pretty"]).map(|_| ()).unwrap_err();
        assert!(error.contains("must be text or json"), "{error}");
    }

    #[test]
    fn a_key_is_base64_of_enough_bytes_and_never_shown() {
        let short = parse(&["--data-key", "c2hvcnQ="]).expect("settings");
        let error = short.required_data_key(false).unwrap_err().to_string();
        assert_eq!(
            error,
            "STIGE_DATA_KEY must be at least 32 bytes (base64-encoded)"
        );
        let missing = parse(&[]).expect("settings").required_data_key(true);
        assert!(
            missing
                .unwrap_err()
                .to_string()
                .starts_with("STIGE_NEW_DATA_KEY is not set")
        );
        let key = STANDARD.encode([5u8; 32]);
        let read = parse(&["--data-key", &key]).expect("settings");
        assert_eq!(read.required_data_key(false).ok(), Some([5u8; 32]));
        assert!(!format!("{:?}", read.data_key).contains(&key));
    }

    /// The README's Configuration table: `| `VAR` | `--flag …` | default | meaning |`.
    fn readme_rows() -> Vec<Vec<String>> {
        let readme =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md"))
                .expect("README.md");
        let section = readme
            .split("\n## Configuration\n")
            .nth(1)
            .and_then(|s| s.split("\n## ").next())
            .expect("the README's Configuration section");
        section
            .lines()
            .filter(|l| l.starts_with("| `"))
            .map(|l| {
                l.trim_matches('|')
                    .split(" | ")
                    .map(|cell| cell.trim().to_owned())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn the_readme_documents_every_setting() {
        use clap::CommandFactory;
        let rows = readme_rows();
        let command = Cli::command();
        let mut documented = Vec::new();
        for arg in command.get_arguments() {
            let Some(var) = arg.get_env().and_then(|v| v.to_str()) else {
                continue;
            };
            let flag = format!("`--{} …`", arg.get_long().expect("a long flag"));
            let row = rows
                .iter()
                .find(|r| r[0] == format!("`{var}`"))
                .unwrap_or_else(|| panic!("the README's Configuration table has no row for {var}"));
            assert_eq!(row[1], flag, "{var}'s flag");
            if let [default] = arg.get_default_values()
                && !default.is_empty()
            {
                let default = format!("`{}`", default.to_string_lossy());
                assert_eq!(row[2], default, "{var}'s default");
            }
            documented.push(row[0].clone());
        }
        for row in &rows {
            let per_provider = row[0].starts_with("`STIGE_PARTNER_OIDC_<NAME>_");
            assert!(
                documented.contains(&row[0]) || per_provider,
                "the README documents {} that is no setting",
                row[0]
            );
        }
    }
}
