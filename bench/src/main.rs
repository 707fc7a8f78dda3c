//! `stige-bench`: Stige at national scale. For each backend it seeds a fresh
//! database (50 000 participants over 5 years by default, with attendance,
//! goals and follow-ups), times the annual report for the largest ladder, then
//! loads the participant list (a page of 50, filtered by step) and the
//! participant page with concurrent clients over HTTP, and runs the same store
//! queries directly on the database with as many threads, to print how close
//! Stige comes to the database alone.
//!
//! Run it with `bench/run` (see the README's Performance section).

mod load;

/// As the server binary: mimalloc for the many small allocations of requests.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use anyhow::Context;
use chrono::Datelike;
use clap::Parser;
use diesel::prelude::*;
use load::Latencies;
use rand::Rng;
use rand::rngs::StdRng;
use std::net::TcpListener;
use std::sync::Arc;
use std::time::{Duration, Instant};
use stige_domain::report::{Period, programme_report};
use stige_domain::{LadderId, ParticipantId, StepId};
use stige_store::list_memory::ListMemory;
use stige_store::participants::{self, ListFilter};
use stige_store::reports::{self, Scope};
use stige_store::within::{PeopleReached, Within};
use stige_store::{DbConnection, Store, ladders, migrate};

#[derive(Parser, Debug, Clone)]
#[command(about = "Stige at scale: seed, annual report, participant list and page under load")]
struct Args {
    #[arg(long, default_value_t = 50_000)]
    participants: u32,
    #[arg(long, default_value_t = 5)]
    years: u32,
    /// Comma-separated: sqlite, postgres.
    #[arg(long, default_value = "sqlite,postgres")]
    backends: String,
    /// Concurrent clients.
    #[arg(long, default_value_t = 16)]
    clients: usize,
    /// Seconds of load per measurement.
    #[arg(long, default_value_t = 10)]
    seconds: u64,
    /// Rounds each measurement's seconds are split into: the list's loads
    /// (over HTTP and directly) take turns round by round, and so do the
    /// page's, so that their ratios compare minutes of the same machine.
    #[arg(long, default_value_t = 5)]
    rounds: u32,
    /// Keep the seeded databases (`target/bench/stige.db`, PostgreSQL database
    /// `stige_bench`) and reuse them on the next run instead of seeding again.
    #[arg(long)]
    reuse: bool,
    /// The PostgreSQL server; a database `stige_bench` is created (and replaced) on it.
    #[arg(
        long,
        env = "STIGE_BENCH_PG_URL",
        default_value = "postgres://postgres@127.0.0.1:5432"
    )]
    pg_url: String,
    /// Connections in the store's pool (the server's default when not given).
    #[arg(long, env = "STIGE_DB_POOL_SIZE")]
    pool_size: Option<u32>,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let mut results = Vec::new();
    for backend in args.backends.split(',').map(str::trim) {
        println!("\n== {backend} ==");
        let r = run(&args, backend).with_context(|| format!("benchmark on {backend}"))?;
        results.push((backend.to_owned(), r));
    }
    println!(
        "\n{} participants over {} years, {} concurrent clients, {} s per load:\n",
        args.participants, args.years, args.clients, args.seconds
    );
    println!(
        "| backend | seed | annual report | list p50 / p99 | list req/s | raw list req/s | ratio | raw list, remembered | ratio | raw list + audit req/s | ratio | page p50 / p99 | page req/s | raw page req/s | ratio |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (backend, r) in &results {
        println!(
            "| {backend} | {} | {:.0} ms | {:.1} / {:.1} ms | {:.0} | {:.0} | {:.2} | {:.0} | {:.2} | {:.0} | {:.2} | {:.1} / {:.1} ms | {:.0} | {:.0} | {:.2} |",
            r.seed
                .map(|s| format!("{:.0} s", s.as_secs_f64()))
                .unwrap_or_else(|| "(reused)".into()),
            r.report.as_secs_f64() * 1000.0,
            r.list.p50_ms(),
            r.list.p99_ms(),
            r.list.per_second(),
            r.raw_list.per_second(),
            r.list.per_second() / r.raw_list.per_second().max(f64::MIN_POSITIVE),
            r.raw_list_remembered.per_second(),
            r.list.per_second() / r.raw_list_remembered.per_second().max(f64::MIN_POSITIVE),
            r.raw_list_audited.per_second(),
            r.list.per_second() / r.raw_list_audited.per_second().max(f64::MIN_POSITIVE),
            r.page.p50_ms(),
            r.page.p99_ms(),
            r.page.per_second(),
            r.raw_page.per_second(),
            r.page.per_second() / r.raw_page.per_second().max(f64::MIN_POSITIVE),
        );
    }
    Ok(())
}

struct Result {
    seed: Option<Duration>,
    report: Duration,
    list: Latencies,
    raw_list: Latencies,
    raw_list_remembered: Latencies,
    raw_list_audited: Latencies,
    page: Latencies,
    raw_page: Latencies,
}

/// The database's URL, and whether it must be seeded.
fn database_url(args: &Args, backend: &str) -> anyhow::Result<(String, bool)> {
    match backend {
        "sqlite" => {
            let dir = std::path::Path::new("target").join("bench");
            std::fs::create_dir_all(&dir)?;
            let file = dir.join("stige.db");
            let reuse = args.reuse && file.exists();
            if !reuse {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(dir.join(format!("stige.db{suffix}")));
                }
            }
            Ok((format!("sqlite://{}", file.display()), !reuse))
        }
        "postgres" => {
            let mut admin =
                PgConnection::establish(&format!("{}/postgres?sslmode=disable", args.pg_url))
                    .context("connect to PostgreSQL")?;
            let exists =
                diesel::sql_query("SELECT 1 FROM pg_database WHERE datname = 'stige_bench'")
                    .execute(&mut admin)?
                    > 0;
            let reuse = args.reuse && exists;
            if !reuse {
                diesel::sql_query("DROP DATABASE IF EXISTS stige_bench WITH (FORCE)")
                    .execute(&mut admin)?;
                diesel::sql_query("CREATE DATABASE stige_bench").execute(&mut admin)?;
            }
            Ok((
                format!("{}/stige_bench?sslmode=disable", args.pg_url),
                !reuse,
            ))
        }
        other => anyhow::bail!("unknown backend {other}: use sqlite or postgres"),
    }
}

fn run(args: &Args, backend: &str) -> anyhow::Result<Result> {
    let (url, fresh) = database_url(args, backend)?;
    let store = Store::open_with(&url, args.pool_size)?;
    migrate::run(&store)?;
    let today = chrono::Utc::now().date_naive();

    let seed = if fresh {
        let started = Instant::now();
        stige_demo::programmes::seed_if_empty(&store, today)?;
        let n = stige_demo::seed::run(
            &store,
            stige_demo::seed::SeedOptions {
                participants: args.participants,
                years: args.years,
                seed: 2026,
                today,
                progress: true,
            },
        )?;
        let seed = started.elapsed();
        println!("seeded {n} participants in {:.1} s", seed.as_secs_f64());
        if let DbConnection::Pg(c) = &mut *store.conn()? {
            // What autovacuum does on a live server: index-only scans need it.
            diesel::sql_query("VACUUM ANALYZE").execute(c)?;
            diesel::sql_query("CHECKPOINT").execute(c)?;
        }
        // Measure a settled machine: the seed's gigabytes reach the disk first,
        // instead of being written back while the loads run.
        let synced = std::process::Command::new("sync").status();
        if !synced.is_ok_and(|s| s.success()) {
            println!(
                "(could not run `sync`; the first loads may share the disk with the seed's writes)"
            );
        }
        Some(seed)
    } else {
        println!("reusing the database seeded earlier");
        None
    };

    let (ladder, step) = busiest(&store)?;
    let period = Period::year(today.year() - 1).context("last year")?;
    let report = time_report(&store, ladder, period)?;
    println!(
        "annual report ({period:?}, ladder {ladder}): {:.0} ms",
        report.as_secs_f64() * 1000.0
    );

    let (address, _server) = serve(&store)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    // The coordinator of the organisation that runs the busiest ladder, who
    // reaches every participant of it (and none of another organisation's).
    let (coordinator, page_ids) = {
        let mut conn = store.conn()?;
        let organisation = stige_store::organisations::of_ladder(&mut conn, ladder.0)?
            .context("the ladder's organisation")?;
        let coordinator = stige_store::users::list(&mut conn, Some(organisation.id))?
            .into_iter()
            .find(|u| u.role == stige_domain::Role::Coordinator)
            .context("a coordinator of the busiest ladder's organisation")?
            .username;
        let (rows, _) = participants::list(
            &mut conn,
            &ListFilter {
                limit: i64::from(u32::MAX),
                ..ListFilter::within(PeopleReached::Organisation(organisation.id))
            },
        )?;
        let ids: Vec<i64> = rows.iter().map(|r| r.participant.id).collect();
        (coordinator, Arc::new(ids))
    };
    anyhow::ensure!(
        !page_ids.is_empty(),
        "participants in the busiest ladder's organisation"
    );
    let token = runtime.block_on(load::login(&address, &coordinator))?;
    let total = {
        let mut conn = store.conn()?;
        participants::list(&mut conn, &filter(step, 0))?.1
    };
    let pages = (total / 50).max(1);
    println!("list: step {step} has {total} participants ({pages} pages of 50)");

    let duration = Duration::from_secs(args.seconds);
    // The floor under every figure: HTTP, the token and the session check.
    let floor = runtime.block_on(load::http(&address, &token, args.clients, duration, |_| {
        "/api/v1/auth/me".to_owned()
    }))?;
    println!("floor (GET /auth/me over HTTP): {floor}");
    let audits = load::direct_with(&store, args.clients, Duration::from_secs(2), |store, _| {
        store.transaction(|conn| -> anyhow::Result<()> {
            stige_store::audit::record(
                conn,
                stige_store::audit::AuditEvent {
                    actor: stige_store::audit::Actor::System,
                    action: stige_domain::AuditAction::SeedSynthetic,
                    participant: None,
                    ip: None,
                    detail: Some("x".repeat(300)),
                },
            )?;
            Ok(())
        })
    })?;
    println!("audit event writes directly: {audits}");
    let rounds = args.rounds;
    // Totals and page starts as the endpoint keeps them (the same memory: the
    // server shares this store).
    let memory = store.list_memory();
    // `clients` HTTP clients with the coordinator's token for `each`.
    let over_http = |each, path: Arc<dyn Fn(&mut StdRng) -> String + Send + Sync>| {
        runtime.block_on(load::http(
            &address,
            &token,
            args.clients,
            each,
            move |rng| path(rng),
        ))
    };
    let mut list_loads: Vec<load::Loaded> = vec![
        (
            "list over HTTP",
            Box::new(|each| {
                over_http(
                    each,
                    Arc::new(move |rng| {
                        format!(
                            "/api/v1/participants?step_id={step}&per_page=50&page={}",
                            rng.gen_range(1..=pages)
                        )
                    }),
                )
            }),
        ),
        (
            "list directly",
            Box::new(|each| {
                load::direct(&store, args.clients, each, move |conn, rng| {
                    list_page(conn, step, rng.gen_range(0..pages), None)?;
                    Ok(())
                })
            }),
        ),
        // As the endpoint does: the total is counted once per filter, and
        // where each page starts found once, until the participants change
        // (they do not during the load).
        (
            "list directly, total and page starts remembered",
            Box::new(|each| {
                let memory = memory.clone();
                load::direct(&store, args.clients, each, move |conn, rng| {
                    list_page(conn, step, rng.gen_range(0..pages), Some(&memory))?;
                    Ok(())
                })
            }),
        ),
        // The same reads and the audit event the endpoint records for each of
        // them, committed as the endpoint does (together with others waiting):
        // the database work a list request needs, without HTTP.
        (
            "list directly, with its audit event",
            Box::new(|each| {
                let memory = memory.clone();
                load::direct_with(&store, args.clients, each, move |store, rng| {
                    // The connection goes back to the pool at the end of this
                    // statement, before the audit event waits for its commit.
                    let ids = list_page(
                        &mut *store.conn()?,
                        step,
                        rng.gen_range(0..pages),
                        Some(&memory),
                    )?;
                    let listed: Vec<ParticipantId> = ids.into_iter().map(ParticipantId).collect();
                    store.record_read(stige_store::read_audit::ReadEvent {
                        actor: stige_store::audit::Actor::System,
                        action: stige_domain::AuditAction::ParticipantList,
                        participant: None,
                        participants: listed,
                        ip: None,
                        detail: None,
                    })?;
                    Ok(())
                })
            }),
        ),
    ];
    let list_figures = load::alternating(rounds, duration, &mut list_loads)?;
    drop(list_loads);
    let mut page_loads: Vec<load::Loaded> = vec![
        (
            "page over HTTP",
            Box::new(|each| {
                let http_ids = page_ids.clone();
                over_http(
                    each,
                    Arc::new(move |rng| {
                        let id = http_ids[rng.gen_range(0..http_ids.len())];
                        format!("/api/v1/participants/{id}")
                    }),
                )
            }),
        ),
        (
            "page directly",
            Box::new(|each| {
                let direct_ids = page_ids.clone();
                load::direct(&store, args.clients, each, move |conn, rng| {
                    let id = ParticipantId(direct_ids[rng.gen_range(0..direct_ids.len())]);
                    if let Some(row) = participants::get(conn, Within::Installation, id)? {
                        participants::history(conn, id)?;
                        participants::mentors_of(conn, &[id.0])?;
                        ladders::with_steps(conn, LadderId(row.ladder_id))?;
                    }
                    Ok(())
                })
            }),
        ),
    ];
    let page_figures = load::alternating(rounds, duration, &mut page_loads)?;
    drop(page_loads);
    let [list, raw_list, raw_list_remembered, raw_list_audited]: [Latencies; 4] = list_figures
        .try_into()
        .map_err(|_| anyhow::anyhow!("four list loads"))?;
    let [page, raw_page]: [Latencies; 2] = page_figures
        .try_into()
        .map_err(|_| anyhow::anyhow!("two page loads"))?;
    for (name, figures) in [
        ("list over HTTP", &list),
        ("list directly", &raw_list),
        (
            "list directly, total and page starts remembered",
            &raw_list_remembered,
        ),
        ("list directly, with its audit event", &raw_list_audited),
        ("page over HTTP", &page),
        ("page directly", &raw_page),
    ] {
        println!("{name}, all rounds: {figures}");
    }
    Ok(Result {
        seed,
        report,
        list,
        raw_list,
        raw_list_remembered,
        raw_list_audited,
        page,
        raw_page,
    })
}

/// The store calls of one list request: page `page` (from 0) of `step` with
/// its mentors; the total counted and the page found by skipping rows, or
/// both taken from `memory` when given. The page's ids.
fn list_page(
    conn: &mut DbConnection,
    step: StepId,
    page: i64,
    memory: Option<&ListMemory>,
) -> anyhow::Result<Vec<i64>> {
    let f = filter(step, page * 50);
    let (rows, _) = match memory {
        Some(memory) => participants::list_with(conn, &f, memory)?,
        None => participants::list(conn, &f)?,
    };
    Ok(rows.iter().map(|r| r.participant.id).collect())
}

fn filter(step: StepId, offset: i64) -> ListFilter {
    ListFilter {
        reach: PeopleReached::Installation,
        status: None,
        ladder: None,
        step: Some(step.0),
        mentor: None,
        name: None,
        limit: 50,
        offset,
    }
}

/// The ladder with the most participants, and its most occupied step.
fn busiest(store: &Store) -> anyhow::Result<(LadderId, StepId)> {
    let mut conn = store.conn()?;
    let mut best = None;
    for (ladder, _) in ladders::all(&mut conn)? {
        let Some(full) = ladders::get(&mut conn, LadderId(ladder.id))? else {
            continue;
        };
        let people: i64 = full.steps.iter().map(|(_, n)| n).sum();
        let step = full.steps.iter().max_by_key(|(_, n)| *n).map(|(s, _)| s.id);
        if let Some(step) = step
            && best.is_none_or(|(_, _, p)| people > p)
        {
            best = Some((LadderId(ladder.id), StepId(step), people));
        }
    }
    best.map(|(l, s, _)| (l, s)).context("no ladder with steps")
}

/// The median of five runs of the annual report, as the endpoint computes it.
fn time_report(store: &Store, ladder: LadderId, period: Period) -> anyhow::Result<Duration> {
    let mut times = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        let input = reports::report_input(
            store,
            Scope {
                ladder,
                agreement: None,
            },
            period,
            None,
            stige_store::row_security::RowScope::Installation,
        )?
        .context("ladder")?;
        let report = programme_report(&input, stige_domain::small_cells::Disclosure::Exact);
        times.push(started.elapsed());
        std::hint::black_box(report);
    }
    times.sort();
    Ok(times[times.len() / 2])
}

/// Stige's HTTP server on a free loopback port, on its own thread.
fn serve(store: &Store) -> anyhow::Result<(String, std::thread::JoinHandle<()>)> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let address = format!("http://{}", listener.local_addr()?);
    let mut key = [0u8; 32];
    rand::thread_rng().fill(&mut key);
    let state = stige_api::state::AppState {
        store: store.clone(),
        tokens: stige_api::auth::jwt::TokenKeys::new(&key),
        cipher: stige_secrets::cipher::DataCipher::new(&key),
        access_ttl_secs: 900,
        session_lifetime_secs: 12 * 3600,
        session_idle_secs: 30 * 60,
        links: stige_api::state::EmployerLinks {
            public_url: address.clone(),
            ttl_days: 14,
        },
        sign_in: Default::default(),
        password_sign_in: true,
        single_sign_on: None,
        partner_sign_on: vec![],
        delivery: Default::default(),
        json_logs: false,
    };
    let handle = std::thread::spawn(move || {
        let system = actix_web::rt::System::new();
        let result = system.block_on(async move {
            let server =
                stige_api::app::serve(state, std::env::temp_dir().join("no-web"), listener)?;
            server.await?;
            anyhow::Ok(())
        });
        if let Err(e) = result {
            eprintln!("server stopped: {e}");
        }
    });
    Ok((address, handle))
}
