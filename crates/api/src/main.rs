//! The `stige` command: serve, migrate, print the OpenAPI document, create users,
//! verify the audit log.

use anyhow::Context;
use clap::{Parser, Subcommand};
use std::io::{BufRead, IsTerminal};
use std::net::TcpListener;
use stige_api::auth::jwt::TokenKeys;
use stige_api::config::{Config, LogFormat, Settings, given};
use stige_api::state::AppState;
use stige_demo::programmes::{self as demo, Seeded};
use stige_domain::AuditAction;
use stige_domain::Role;
use stige_secrets::cipher::DataCipher;
use stige_store::{Backend, Store, migrate};

/// mimalloc for the many small, short-lived allocations of requests across
/// threads (measured with `bench/run`, see the README's Performance section).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "stige",
    version,
    about = "Stige: case management for work-integration social enterprises"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    #[command(flatten)]
    settings: Settings,
}

#[derive(Subcommand)]
enum Command {
    /// Run the API and web app (migrates the database first).
    Serve {
        /// Demo mode: make missing keys, and fill an empty database with demo data.
        #[arg(long)]
        demo: bool,
    },
    /// Apply pending database migrations and exit.
    Migrate,
    /// Print the OpenAPI document.
    Openapi,
    /// Generate realistic fictional histories (moves, pauses, exits, attendance,
    /// goals, follow-ups) for benchmarks and for trying the reports at scale.
    /// The database needs staff and a ladder; with --demo an empty one gets the
    /// demo data first. The seed is one transaction (a failure leaves nothing
    /// behind): until it ends, a running Stige cannot save changes.
    Seed {
        /// How many participants to generate.
        #[arg(long, default_value_t = 1000)]
        participants: u32,
        /// Over how many years, ending today.
        #[arg(long, default_value_t = 3)]
        years: u32,
        /// Random seed: the same seed gives the same data.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// An empty database gets the demo organisations, users (password
        /// "demo") and partners first: never with real data.
        #[arg(long)]
        demo: bool,
    },
    /// Check the audit log.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Back up the database to FILE (every table, read in one transaction, so
    /// safe while Stige serves), with the data key's fingerprint.
    Backup {
        /// Where to write the backup (refused if it exists).
        file: std::path::PathBuf,
    },
    /// Restore a backup into an empty database (DATABASE_URL), checking that
    /// STIGE_DATA_KEY is the key the backup was taken with.
    Restore { file: std::path::PathBuf },
    /// Anonymise everyone whose ladder's retention period after their exit
    /// has run out (the daily job of `stige serve` does the same). Identity,
    /// national id, contact details and free texts are removed; what the
    /// reports count stays.
    Retention {
        /// Show how many people and rows per table would change; change nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Re-encrypt national ids (and employer links in the outbox) from
    /// STIGE_DATA_KEY to STIGE_NEW_DATA_KEY; then run with the new key.
    RotateDataKey,
    /// Create a staff user; the password is asked for (or read from stdin).
    /// A user other than the platform admin belongs to an organisation and
    /// works in each of its programmes in the role given (an admin of the
    /// organisation changes that in the web app or over the API).
    CreateUser {
        #[arg(long)]
        username: String,
        #[arg(long)]
        display_name: String,
        /// admin, coordinator, mentor, viewer, researcher, or platform_admin
        /// (creates organisations and their first admin; sees no one's data)
        #[arg(long)]
        role: String,
        /// The organisation's id (see `stige create-organisation`); may be
        /// left out when the installation has exactly one.
        #[arg(long)]
        organisation: Option<i64>,
    },
    /// Create an organisation (a social enterprise); prints its id.
    CreateOrganisation {
        #[arg(long)]
        name: String,
        /// The organisation number (Norway: 9 digits; Sweden: 10 digits).
        #[arg(long)]
        number: String,
        /// NO or SE.
        #[arg(long)]
        country: String,
        /// The default language: nb, sv or en.
        #[arg(long, default_value = "nb")]
        language: String,
        /// The word the organisation uses for a participant.
        #[arg(long, default_value = "deltaker")]
        participant_word: String,
    },
    /// Give a staff user a new password (asked for, or read from stdin); their
    /// sessions end.
    SetPassword {
        #[arg(long)]
        username: String,
    },
    /// Revoke a partner's API client by its client id: its tokens stop working.
    RevokeClient {
        #[arg(long)]
        client_id: String,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Walk the audit events' hash chain(s) and report the first broken link
    /// (exit 1), or how many events are intact.
    Verify,
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let filter = tracing_subscriber::EnvFilter::try_new(&cli.settings.log_filter)
        .unwrap_or_else(|_| "info,actix_server=warn".into());
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    // One JSON object per line, each with the request's id (its span).
    if cli.settings.log_format == LogFormat::Json {
        logs.json()
            .with_current_span(true)
            .with_span_list(false)
            .init();
    } else {
        logs.init();
    }
    match run(cli) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("stige: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn open_and_migrate(settings: &Settings) -> anyhow::Result<Store> {
    let store = Store::open_with(&settings.database_url, settings.db_pool_size)?;
    let applied = migrate::run(&store)?;
    if applied > 0 {
        tracing::info!(applied, "database migrated");
    }
    Ok(store)
}

fn run(cli: Cli) -> anyhow::Result<()> {
    let settings = &cli.settings;
    match cli.command {
        Command::Openapi => {
            use std::io::Write;
            let document = stige_api::openapi::document_json()?;
            match std::io::stdout().lock().write_all(document.as_bytes()) {
                // `stige openapi | head` closes the pipe early; that is not an error.
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
                _ => Ok(()),
            }
        }
        Command::Migrate => {
            let store = Store::open(&settings.database_url)?;
            let applied = migrate::run(&store)?;
            println!("Applied {applied} migration(s).");
            Ok(())
        }
        Command::CreateUser {
            username,
            display_name,
            role,
            organisation,
        } => create_user(settings, &username, &display_name, &role, organisation),
        Command::CreateOrganisation {
            name,
            number,
            country,
            language,
            participant_word,
        } => create_organisation(
            settings,
            &name,
            &number,
            &country,
            &language,
            &participant_word,
        ),
        Command::Serve { demo } => serve(settings, demo),
        Command::Audit {
            command: AuditCommand::Verify,
        } => {
            let outcome = stige_api::audit_verify::verify(&Store::open(&settings.database_url)?)?;
            if !outcome.intact {
                anyhow::bail!(outcome.report);
            }
            println!("{}", outcome.report);
            Ok(())
        }
        Command::Seed {
            participants,
            years,
            seed,
            demo,
        } => seed_command(settings, participants, years, seed, demo),
        Command::SetPassword { username } => set_password(settings, &username),
        Command::RevokeClient { client_id } => revoke_client(settings, &client_id),
        Command::Backup { file } => backup(settings, &file),
        Command::Restore { file } => restore(settings, &file),
        Command::RotateDataKey => rotate_data_key(settings),
        Command::Retention { dry_run } => retention(settings, dry_run),
    }
}

/// The data key from STIGE_DATA_KEY, or with `new` from STIGE_NEW_DATA_KEY
/// (required: never made here).
fn data_cipher(settings: &Settings, new: bool) -> anyhow::Result<DataCipher> {
    let key = settings.required_data_key(new)?;
    Ok(DataCipher::new(&key))
}

fn backup(settings: &Settings, file: &std::path::Path) -> anyhow::Result<()> {
    let store = Store::open(&settings.database_url)?;
    let fingerprint = data_cipher(settings, false)?.fingerprint();
    let out = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(file)
        .with_context(|| format!("could not create {} (it must not exist)", file.display()))?;
    let mut out = std::io::BufWriter::new(out);
    let header = stige_store::backup::export(&store, &fingerprint, &mut out)?;
    let rows: u64 = header.tables.values().sum();
    println!(
        "Backed up {rows} rows of {} tables to {} (data key {fingerprint}).",
        header.tables.len(),
        file.display()
    );
    Ok(())
}

fn restore(settings: &Settings, file: &std::path::Path) -> anyhow::Result<()> {
    let fingerprint = data_cipher(settings, false)?.fingerprint();
    let input =
        std::fs::File::open(file).with_context(|| format!("could not open {}", file.display()))?;
    let store = open_and_migrate(settings)?;
    let header = stige_store::backup::import(&store, &fingerprint, std::io::BufReader::new(input))?;
    let rows: u64 = header.tables.values().sum();
    println!(
        "Restored {rows} rows of {} tables from {}; every table reads back as backed up.",
        header.tables.len(),
        file.display()
    );
    Ok(())
}

fn retention(settings: &Settings, dry_run: bool) -> anyhow::Result<()> {
    let store = open_and_migrate(settings)?;
    let today = chrono::Utc::now().date_naive();
    let outcome = stige_api::retention::run(&store, today, dry_run)?;
    println!("{}", stige_api::retention::describe(&outcome, dry_run));
    Ok(())
}

fn rotate_data_key(settings: &Settings) -> anyhow::Result<()> {
    let old = data_cipher(settings, false)?;
    let new = data_cipher(settings, true)?;
    anyhow::ensure!(
        old.fingerprint() != new.fingerprint(),
        "STIGE_NEW_DATA_KEY is the key in use"
    );
    let store = open_and_migrate(settings)?;
    let done = stige_api::rotation::rotate(&store, &old, &new)?;
    println!(
        "Re-encrypted {done} values: data key {} replaced by {}. Run Stige with \
         STIGE_DATA_KEY set to the new key now, and take a new backup.",
        old.fingerprint(),
        new.fingerprint()
    );
    Ok(())
}

fn seed_command(
    settings: &Settings,
    participants: u32,
    years: u32,
    seed: u64,
    demo: bool,
) -> anyhow::Result<()> {
    anyhow::ensure!((1..=50).contains(&years), "--years must be from 1 to 50");
    let started = std::time::Instant::now();
    let store = open_and_migrate(settings)?;
    let today = chrono::Utc::now().date_naive();
    if demo {
        if let Seeded::Created { .. } = demo::seed_if_empty(&store, today)? {
            eprintln!(
                "The database was empty: demo users (password \"{}\"), ladders and partners added first.",
                demo::DEMO_PASSWORD
            );
        }
    } else if demo::is_empty(&store)? {
        anyhow::bail!(
            "the database has no staff and no ladders to seed for: run `stige seed --demo` \
             to add the demo organisations, users and partners first (never with real data), \
             or create an organisation, a user and a ladder"
        );
    }
    eprintln!(
        "The seed is one transaction: until it ends, a running Stige cannot save changes \
         (and on PostgreSQL cannot read attendance)."
    );
    let done = stige_demo::seed::run(
        &store,
        stige_demo::seed::SeedOptions {
            participants,
            years,
            seed,
            today,
            progress: std::io::stderr().is_terminal(),
        },
    )?;
    println!(
        "Seeded {done} participants over {years} years in {:.1} s.",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The password of a user, asked for on a terminal or read from stdin's first line.
fn read_password() -> anyhow::Result<String> {
    let password = if std::io::stdin().is_terminal() {
        rpassword::prompt_password("Password (at least 10 characters): ")?
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        line.trim_end_matches(['\r', '\n']).to_owned()
    };
    stige_secrets::password::check_policy(&password)
        .map_err(|e| anyhow::anyhow!("the password {e}"))?;
    Ok(password)
}

/// The audit event of a change made on the command line (by the system).
fn record_by_command(
    conn: &mut stige_store::DbConnection,
    action: AuditAction,
    detail: String,
) -> anyhow::Result<()> {
    stige_store::audit::record(
        conn,
        stige_store::audit::AuditEvent {
            actor: stige_store::audit::Actor::System,
            action,
            participant: None,
            ip: None,
            detail: Some(detail),
        },
    )?;
    Ok(())
}

fn set_password(settings: &Settings, username: &str) -> anyhow::Result<()> {
    let password = read_password()?;
    let hash = stige_secrets::password::hash(&password)?;
    let store = open_and_migrate(settings)?;
    store.transaction(|conn| -> anyhow::Result<()> {
        let user = stige_store::users::by_username(conn, username)?
            .with_context(|| format!("there is no user named {username}"))?;
        let id = stige_domain::UserId(user.id);
        stige_store::users::update(conn, id, None, None, None, Some(&hash))?;
        let ended = stige_store::users::revoke_all_sessions(conn, id)?;
        record_by_command(
            conn,
            AuditAction::UserPasswordSet,
            format!("user={} sessions={ended}", user.id),
        )
    })?;
    println!("New password set for {username}; their sessions have ended.");
    Ok(())
}

fn revoke_client(settings: &Settings, client_id: &str) -> anyhow::Result<()> {
    let store = open_and_migrate(settings)?;
    store.transaction(|conn| -> anyhow::Result<()> {
        let client = stige_store::partners::client_by_client_id(conn, client_id)?
            .with_context(|| format!("there is no API client {client_id}"))?;
        stige_store::partners::revoke_client(conn, client.id)?;
        record_by_command(
            conn,
            AuditAction::ApiClientRevoke,
            format!("api_client={}", client.id),
        )
    })?;
    println!("API client {client_id} revoked.");
    Ok(())
}

fn create_organisation(
    settings: &Settings,
    name: &str,
    number: &str,
    country: &str,
    language: &str,
    participant_word: &str,
) -> anyhow::Result<()> {
    let organisation =
        stige_api::organisations::parse_new(name, number, country, language, participant_word)
            .map_err(|e| anyhow::anyhow!("{e}"))?;
    let store = open_and_migrate(settings)?;
    let mut conn = store.conn()?;
    let row = stige_api::organisations::insert(&mut conn, &organisation)?;
    println!("Created organisation {} ({}).", row.id, row.name);
    Ok(())
}

fn create_user(
    settings: &Settings,
    username: &str,
    display_name: &str,
    role: &str,
    organisation: Option<i64>,
) -> anyhow::Result<()> {
    let role = Role::parse(role).filter(|r| *r != Role::Partner).context(
        "--role must be admin, coordinator, mentor, viewer, researcher or platform_admin \
         (partner users are invited per agreement, in the web app or over the API)",
    )?;
    let password = read_password()?;
    let hash = stige_secrets::password::hash(&password)?;
    let store = open_and_migrate(settings)?;
    let mut conn = store.conn()?;
    if stige_store::users::by_username(&mut conn, username)?.is_some() {
        anyhow::bail!("a user named {username} already exists");
    }
    let organisation = if role == Role::PlatformAdmin {
        anyhow::ensure!(
            organisation.is_none(),
            "a platform admin belongs to no organisation: leave out --organisation"
        );
        None
    } else {
        let all = stige_store::organisations::list(&mut conn)?;
        Some(match (organisation, all.as_slice()) {
            (Some(id), _) => all
                .iter()
                .find(|o| o.id == id)
                .map(|o| o.id)
                .with_context(|| format!("there is no organisation {id}"))?,
            (None, [only]) => only.id,
            (None, []) => anyhow::bail!(
                "create the organisation first: stige create-organisation --name ... --number ... --country NO"
            ),
            (None, _) => anyhow::bail!("name the user's organisation with --organisation ID"),
        })
    };
    let user = stige_store::users::insert(
        &mut conn,
        &stige_store::users::NewUserRow {
            username,
            display_name,
            password_hash: &hash,
            role: role.as_str(),
            active: true,
            created_at: stige_store::now(),
            organisation_id: organisation,
            agreement_id: None,
        },
    )?;
    if let Some(o) = organisation
        && role != Role::Admin
    {
        let ladders = stige_store::organisations::ladder_ids(&mut conn, o)?;
        let rows: Vec<(i64, Role)> = ladders.iter().map(|l| (*l, role)).collect();
        stige_store::users::set_programme_roles(&mut conn, stige_domain::UserId(user.id), &rows)?;
    }
    println!("Created {username} ({}).", role.as_str());
    Ok(())
}

fn serve(settings: &Settings, demo: bool) -> anyhow::Result<()> {
    let bind = settings.bind.as_str();
    let backend = Backend::from_url(&settings.database_url)?;
    let config = Config::new(settings, demo, &backend.data_dir())?;
    let store = open_and_migrate(settings)?;
    if !demo {
        let found = stige_demo::credentials::still_in_use(&store)?;
        anyhow::ensure!(found.is_empty(), "{}", found.refusal());
    }
    if demo {
        match demo::seed_if_empty(&store, chrono::Utc::now().date_naive())? {
            Seeded::Created { participants } => {
                let cipher =
                    DataCipher::new(secrecy::ExposeSecret::expose_secret(&config.data_key));
                stige_demo::contacts::seed(&store, &cipher)?;
                eprintln!("Demo data created: 2 ladders, {participants} fictional participants.")
            }
            Seeded::AlreadyHadData => {
                eprintln!("The database already has data; no demo data added.")
            }
        }
        eprintln!(
            "\n  DEMO MODE: users {} — password \"{}\". Never use demo mode with real data.\n",
            demo::DEMO_USERS.map(|u| u.0).join(", "),
            demo::DEMO_PASSWORD
        );
        eprintln!(
            "  Demo partner API clients: {} — secret \"{}\".\n",
            stige_demo::partners::DEMO_PARTNERS.map(|p| p.0).join(", "),
            stige_demo::partners::DEMO_CLIENT_SECRET
        );
        eprintln!(
            "  Demo partner user (the partner view, Kristiansand kommune): {} — password \"{}\".\n",
            stige_demo::partners::DEMO_PARTNER_USER.0,
            demo::DEMO_PASSWORD
        );
    }
    let listener =
        TcpListener::bind(bind).with_context(|| format!("could not listen on {bind}"))?;
    let addr = listener.local_addr()?;
    let mut state = AppState {
        store,
        tokens: TokenKeys::new(config.jwt_secret()),
        cipher: DataCipher::new(secrecy::ExposeSecret::expose_secret(&config.data_key)),
        access_ttl_secs: config.access_ttl_secs,
        session_lifetime_secs: config.session_lifetime_secs,
        session_idle_secs: config.session_idle_secs,
        links: config.links.clone(),
        sign_in: stige_api::sign_in_guard::SignInGuard::new(
            config.trusted_proxies.clone(),
            config.password_checks,
            std::time::Duration::from_secs(1),
        ),
        password_sign_in: true,
        single_sign_on: None,
        partner_sign_on: vec![],
        delivery: match given(&settings.smtp_url) {
            Some(_) => stige_api::mail::Delivery::Smtp,
            None => stige_api::mail::Delivery::ByHand,
        },
        json_logs: settings.log_format == LogFormat::Json,
    };
    if given(&settings.public_url).is_none() {
        // Links to employers point where this server listens unless told otherwise.
        state.links.public_url = format!("http://{addr}");
    }
    let sso = &settings.single_sign_on;
    state.single_sign_on =
        stige_api::oidc::config::provider(sso, &state.store, &state.links.public_url)?;
    state.password_sign_in = stige_api::oidc::config::password_sign_in(
        sso.password_sign_in,
        state.single_sign_on.is_some(),
    )?;
    if let Some(sso) = &state.single_sign_on {
        eprintln!(
            "  Single sign-on through {} ({}); password sign-in {}.",
            sso.settings.provider_name,
            sso.settings.issuer,
            if state.password_sign_in { "on" } else { "off" }
        );
    }
    state.partner_sign_on = stige_api::oidc::config::partner_providers(
        given(&sso.partner_providers),
        &state.links.public_url,
    )?;
    for provider in &state.partner_sign_on {
        eprintln!(
            "  Partner users sign in through {} ({}).",
            provider.settings.provider_name, provider.settings.issuer
        );
    }
    if demo
        && let Some(link) = stige_demo::employers::fresh_link(
            &state.store,
            &state.links.public_url,
            state.links.ttl_days,
        )?
    {
        eprintln!("  Demo employer link (confirm a placement, no login): {link}\n");
    }
    let backfilled = stige_api::maintenance::backfill_lookups(&state.store, &state.cipher)
        .context("could not prepare duplicate checks (is STIGE_DATA_KEY the key the data was stored with?)")?;
    if backfilled > 0 {
        tracing::info!(backfilled, "lookup hashes added for stored national ids");
    }
    match given(&settings.smtp_url) {
        Some(url) => {
            let sender = stige_api::mail::Smtp::new(url, &settings.mail_from)?;
            stige_api::mail::spawn_worker(
                state.store.clone(),
                sender,
                state.cipher.clone(),
                std::time::Duration::from_secs(30),
            );
            tracing::info!("messages are delivered by SMTP");
        }
        None => {
            tracing::info!("no STIGE_SMTP_URL: messages are kept in the outbox for staff to send")
        }
    }
    stige_api::jobs::spawn_daily(state.store.clone());
    let metrics_listener = match given(&settings.metrics_bind) {
        Some(bind) => Some(
            TcpListener::bind(bind)
                .with_context(|| format!("could not listen on {bind} for metrics"))?,
        ),
        None => None,
    };
    let web_dir = config.web_dir.clone();
    let store = state.store.clone();
    let system = actix_web::rt::System::new();
    system.block_on(async move {
        if let Some(listener) = metrics_listener {
            let metrics_addr = listener.local_addr()?;
            let metrics = stige_api::metrics::serve(store.clone(), listener)?;
            actix_web::rt::spawn(metrics);
            println!("Metrics at http://{metrics_addr}/metrics");
        }
        let server = stige_api::app::serve(state, web_dir, listener)?;
        // Printed on stdout, so scripts can read the address (port 0 picks one).
        println!("Stige is listening on http://{addr}");
        // On SIGTERM or SIGINT actix stops accepting and lets the requests in
        // flight finish (up to the shutdown timeout) before this returns.
        server.await?;
        // Every acknowledged read's audit event is committed before its
        // answer leaves; wait for the writer to finish any batch it holds.
        stige_api::jobs::drain_read_audit(&store, std::time::Duration::from_secs(5)).await;
        stige_api::mail::finish_rounds(std::time::Duration::from_secs(10));
        tracing::info!("stopped: requests in flight finished, audit events committed");
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn a_command_s_own_arguments_and_the_settings_do_not_mix() {
        let cli = Cli::try_parse_from([
            "stige",
            "create-user",
            "--username",
            "u",
            "--display-name",
            "U",
            "--role",
            "admin",
            "--organisation",
            "3",
            "--oidc-organisation",
            "963296746",
        ])
        .expect("parses");
        let Command::CreateUser { organisation, .. } = cli.command else {
            panic!("create-user");
        };
        assert_eq!(organisation, Some(3));
        let sso = &cli.settings.single_sign_on;
        assert_eq!(sso.organisation.as_deref(), Some("963296746"));
        let cli = Cli::try_parse_from([
            "stige",
            "revoke-client",
            "--client-id",
            "demo-kristiansand",
            "--oidc-client-id",
            "stige",
            "--oidc-name",
            "Kommune-ID",
        ])
        .expect("parses");
        let Command::RevokeClient { client_id } = cli.command else {
            panic!("revoke-client");
        };
        assert_eq!(client_id, "demo-kristiansand");
        let sso = &cli.settings.single_sign_on;
        assert_eq!(sso.client_id.as_deref(), Some("stige"));
        assert_eq!(sso.name, "Kommune-ID");
    }
}
