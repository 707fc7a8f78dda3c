//! `stige-bench`: Stige at national scale. For each backend it seeds a fresh
//! database (50 000 participants over 5 years by default, with attendance,
//! goals and follow-ups), times the annual report for the largest ladder, then
//! loads the participant list (a page of 50, filtered by step) and the
//! participant page with concurrent clients over HTTP, and runs the same store
//! queries directly on the database with as many threads, to print how close
//! Stige comes to the database alone. For the page it also runs the page's use
//! case directly (all the endpoint does but HTTP and the JSON) and HTTP alone,
//! and prints the ceiling the two set for the page over HTTP on this machine.
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
use stige_store::row_security::RowScope;
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
        "| backend | seed | annual report | list p50 / p99 | list req/s | raw list req/s | ratio | raw list, remembered | ratio | raw list + audit req/s | ratio | page p50 / p99 | page req/s | raw page req/s | ratio | page's use case req/s | ratio | HTTP alone req/s | ceiling |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (backend, r) in &results {
        println!(
            "| {backend} | {} | {:.0} ms | {:.1} / {:.1} ms | {:.0} | {:.0} | {:.2} | {:.0} | {:.2} | {:.0} | {:.2} | {:.1} / {:.1} ms | {:.0} | {:.0} | {:.2} | {:.0} | {:.2} | {:.0} | {:.2} |",
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
            r.page_use_case.per_second(),
            r.page_use_case.per_second() / r.raw_page.per_second().max(f64::MIN_POSITIVE),
            r.http_alone.per_second(),
            Ceiling::of(
                r.http_alone.per_second(),
                r.page_use_case.per_second(),
                r.raw_page.per_second()
            )
            .ratio,
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
    page_use_case: Latencies,
    http_alone: Latencies,
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

    let (address, _server, state) = serve(&store)?;
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
    // The staff member the load without session checks reads as.
    let checked = {
        let token = stige_api::auth::StaffToken::from_bearer(&token, None, &state)?;
        token.staff(&mut *store.conn()?)?
    };
    let use_case_load = |each: Duration, parts: UseCaseParts| {
        let (ids, state, token, checked) = (
            page_ids.clone(),
            state.clone(),
            token.clone(),
            checked.clone(),
        );
        load::direct_with(&store, args.clients, each, move |store, rng| {
            let id = ParticipantId(ids[rng.gen_range(0..ids.len())]);
            let staff = if parts.session { None } else { Some(&checked) };
            page_use_case(&state, store, &token, staff, parts.audit, id)
        })
    };
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
                        participants::mentors(conn, id)?;
                        ladders::with_steps(conn, LadderId(row.ladder_id))?;
                    }
                    Ok(())
                })
            }),
        ),
        // Everything the endpoint does but HTTP and the JSON: the token and
        // the session checked, the reads in the organisation's rows (row
        // security on PostgreSQL), the referral, the timeline, and the audit
        // event committed before the answer.
        (
            "page's use case directly",
            Box::new(|each| use_case_load(each, UseCaseParts::ALL)),
        ),
        // Where the use case's time goes beyond the raw reads: the same
        // without the audit event, and without the token and session check
        // too (the staff member checked once before the load).
        (
            "page's use case directly, without the audit event",
            Box::new(|each| {
                use_case_load(
                    each,
                    UseCaseParts {
                        audit: false,
                        ..UseCaseParts::ALL
                    },
                )
            }),
        ),
        (
            "page's use case directly, without the audit event and the session check",
            Box::new(|each| {
                use_case_load(
                    each,
                    UseCaseParts {
                        audit: false,
                        session: false,
                    },
                )
            }),
        ),
        // HTTP and the load generator alone: an answer that reads nothing.
        // With the use case it bounds the page over HTTP on this machine.
        (
            "HTTP alone (GET /health)",
            Box::new(|each| over_http(each, Arc::new(|_| "/api/v1/health".to_owned()))),
        ),
    ];
    let page_figures = load::alternating(rounds, duration, &mut page_loads)?;
    drop(page_loads);
    let [list, raw_list, raw_list_remembered, raw_list_audited]: [Latencies; 4] = list_figures
        .try_into()
        .map_err(|_| anyhow::anyhow!("four list loads"))?;
    let [
        page,
        raw_page,
        page_use_case,
        without_audit,
        without_audit_and_session,
        http_alone,
    ]: [Latencies; 6] = page_figures
        .try_into()
        .map_err(|_| anyhow::anyhow!("six page loads"))?;
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
        ("page's use case directly", &page_use_case),
        (
            "page's use case directly, without the audit event",
            &without_audit,
        ),
        (
            "page's use case directly, without the audit event and the session check",
            &without_audit_and_session,
        ),
        ("HTTP alone (GET /health)", &http_alone),
    ] {
        println!("{name}, all rounds: {figures}");
    }
    let ceiling = Ceiling::of(
        http_alone.per_second(),
        page_use_case.per_second(),
        raw_page.per_second(),
    );
    println!(
        "the page's ceiling here: its use case alone {:.0} req/s ({:.2} of the raw page's {:.0}) and HTTP alone \
         {:.0} req/s share the machine, so the page over HTTP serves at most {:.0} req/s, {:.2} of the raw page \
         (before the JSON); it served {:.0}, {:.2} of that ceiling",
        page_use_case.per_second(),
        page_use_case.per_second() / raw_page.per_second().max(f64::MIN_POSITIVE),
        raw_page.per_second(),
        http_alone.per_second(),
        ceiling.per_second,
        ceiling.ratio,
        page.per_second(),
        page.per_second() / ceiling.per_second.max(f64::MIN_POSITIVE),
    );
    let bare = Ceiling::of(
        http_alone.per_second(),
        raw_page.per_second(),
        raw_page.per_second(),
    );
    println!(
        "even the raw page's reads alone over HTTP would serve at most {:.0} req/s here, {:.2} of the raw page",
        bare.per_second, bare.ratio,
    );
    Ok(Result {
        seed,
        report,
        list,
        raw_list,
        raw_list_remembered,
        raw_list_audited,
        page,
        raw_page,
        page_use_case,
        http_alone,
    })
}

/// Which parts of the page's use case a load runs (the reads always).
#[derive(Debug, Clone, Copy)]
struct UseCaseParts {
    /// The token and the session checked on every page.
    session: bool,
    /// The read's audit event committed before the page is done.
    audit: bool,
}

impl UseCaseParts {
    const ALL: Self = Self {
        session: true,
        audit: true,
    };
}

/// One participant page as the endpoint makes it, without HTTP and the JSON:
/// the bearer token checked, the session checked on the read's connection,
/// the page read within the organisation's rows, and the read's audit event
/// committed once the connection is given back. With `checked` the token and
/// session are not checked and the page is read as that staff member; without
/// `audit` no event is recorded (both only to see what each part costs).
fn page_use_case(
    state: &stige_api::state::AppState,
    store: &Store,
    token: &str,
    checked: Option<&stige_api::auth::Staff>,
    audit: bool,
    id: ParticipantId,
) -> anyhow::Result<()> {
    let (staff, page) = {
        let mut conn = store.conn()?;
        let staff = match checked {
            Some(staff) => staff.clone(),
            None => {
                stige_api::auth::StaffToken::from_bearer(token, None, state)?.staff(&mut conn)?
            }
        };
        let scope = RowScope::Organisation(staff.reach.organisation().map(|o| o.0));
        let page = store.read_in(&mut conn, scope, |conn| {
            stige_api::use_cases::participants::detail(
                conn,
                &staff,
                id,
                stige_api::calendar::today(),
            )
        })?;
        (staff, page)
    };
    if audit {
        store.record_read(stige_api::use_cases::access::read_event(
            &staff,
            stige_domain::AuditAction::ParticipantRead,
            Some(id),
            None,
        ))?;
    }
    std::hint::black_box(page);
    Ok(())
}

/// What the page over HTTP can reach at best when the machine's cores are
/// the limit: every page costs at least one answer over HTTP (`http` per
/// second alone) plus its use case (`use_case` per second alone), so at
/// most `1 / (1/http + 1/use_case)` pages per second; `ratio` is that
/// against the raw page's `raw` per second.
#[derive(Debug, PartialEq)]
struct Ceiling {
    per_second: f64,
    ratio: f64,
}

impl Ceiling {
    fn of(http: f64, use_case: f64, raw: f64) -> Self {
        if http <= 0.0 || use_case <= 0.0 || raw <= 0.0 {
            return Self {
                per_second: 0.0,
                ratio: 0.0,
            };
        }
        let per_second = 1.0 / (1.0 / http + 1.0 / use_case);
        Self {
            per_second,
            ratio: per_second / raw,
        }
    }
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

/// Stige's HTTP server on a free loopback port, on its own thread: its
/// address, the thread and its state (for the page's use case run directly
/// with the server's keys).
fn serve(
    store: &Store,
) -> anyhow::Result<(
    String,
    std::thread::JoinHandle<()>,
    stige_api::state::AppState,
)> {
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
    let served = state.clone();
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
    Ok((address, handle, served))
}

#[cfg(test)]
mod tests {
    use super::Ceiling;

    #[test]
    fn the_ceiling_adds_the_costs_of_http_and_the_use_case() {
        // 10 000 answers alone and 30 000 use cases alone: 100 µs + 33 µs of
        // the machine per page, 7 500 pages per second, a quarter of 30 000
        // raw pages.
        let c = Ceiling::of(10_000.0, 30_000.0, 30_000.0);
        assert!((c.per_second - 7_500.0).abs() < 1e-6, "{c:?}");
        assert!((c.ratio - 0.25).abs() < 1e-9, "{c:?}");
        // The raw reads themselves over HTTP: 10 000 answers and 10 000
        // reads alone make 5 000 pages, half of the raw.
        assert!((Ceiling::of(10_000.0, 10_000.0, 10_000.0).ratio - 0.5).abs() < 1e-9);
        // A use case at 0.6 of the raw page leaves the page below 0.6 however
        // fast HTTP is.
        assert!(Ceiling::of(1e9, 18_000.0, 30_000.0).ratio < 0.6);
        assert!(Ceiling::of(1e9, 18_000.0, 30_000.0).ratio > 0.599);
        assert_eq!(
            Ceiling::of(0.0, 30_000.0, 30_000.0),
            Ceiling {
                per_second: 0.0,
                ratio: 0.0
            }
        );
    }
}
