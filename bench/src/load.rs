//! Closed-loop load: N clients each send a request, wait for the answer, and
//! send the next, for a fixed time; latencies of every request are kept.

use rand::SeedableRng;
use rand::rngs::StdRng;
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};
use stige_store::{DbConnection, Store};

/// Every request's latency over a run of `elapsed`.
pub struct Latencies {
    pub samples: Vec<Duration>,
    pub elapsed: Duration,
    pub errors: usize,
}

impl Latencies {
    fn merge(parts: Vec<(Vec<Duration>, usize)>, elapsed: Duration) -> Self {
        let mut samples: Vec<Duration> = Vec::new();
        let mut errors = 0;
        for (s, e) in parts {
            samples.extend(s);
            errors += e;
        }
        samples.sort();
        Self {
            samples,
            elapsed,
            errors,
        }
    }

    fn percentile_ms(&self, p: f64) -> f64 {
        if self.samples.is_empty() {
            return f64::NAN;
        }
        let rank = ((self.samples.len() as f64 * p).ceil() as usize).clamp(1, self.samples.len());
        self.samples[rank - 1].as_secs_f64() * 1000.0
    }

    pub fn p50_ms(&self) -> f64 {
        self.percentile_ms(0.50)
    }

    pub fn p99_ms(&self) -> f64 {
        self.percentile_ms(0.99)
    }

    pub fn per_second(&self) -> f64 {
        self.samples.len() as f64 / self.elapsed.as_secs_f64()
    }

    /// Two runs of the same load as one: their requests over their time together.
    pub fn and(mut self, other: Self) -> Self {
        self.samples.extend(other.samples);
        self.samples.sort();
        self.elapsed += other.elapsed;
        self.errors += other.errors;
        self
    }
}

/// A named load that runs for the time it is given.
pub type Loaded<'a> = (
    &'a str,
    Box<dyn FnMut(Duration) -> anyhow::Result<Latencies> + 'a>,
);

/// Runs every load for `duration` in all, split into `rounds` rounds that take
/// the loads in turn, so a drift of the shared machine (its other tenants, the
/// page cache, the database's background work) falls on all of them alike
/// instead of on whichever ran in a slow minute. A warm-up second of each load
/// comes first and is not counted (connections opened, pages cached, list
/// page starts found, as on a server that has been running). Each round's
/// figures are printed; the answer holds each load's rounds together, in the
/// order given.
pub fn alternating(
    rounds: u32,
    duration: Duration,
    loads: &mut [Loaded<'_>],
) -> anyhow::Result<Vec<Latencies>> {
    for (name, load) in loads.iter_mut() {
        let warm_up = load(Duration::from_secs(1))?;
        println!("warm-up (not counted), {name}: {warm_up}");
    }
    let rounds = rounds.max(1);
    let each = (duration / rounds).max(Duration::from_secs(1));
    let mut totals: Vec<Option<Latencies>> = loads.iter().map(|_| None).collect();
    for round in 1..=rounds {
        for ((name, load), total) in loads.iter_mut().zip(&mut totals) {
            let latencies = load(each)?;
            println!("round {round}/{rounds}, {name}: {latencies}");
            *total = Some(match total.take() {
                Some(before) => before.and(latencies),
                None => latencies,
            });
        }
    }
    totals
        .into_iter()
        .map(|t| t.ok_or_else(|| anyhow::anyhow!("no round ran")))
        .collect()
}

impl fmt::Display for Latencies {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} requests, {:.0}/s, p50 {:.2} ms, p99 {:.2} ms, {} errors",
            self.samples.len(),
            self.per_second(),
            self.p50_ms(),
            self.p99_ms(),
            self.errors
        )
    }
}

/// A token of demo user `username`.
pub async fn login(address: &str, username: &str) -> anyhow::Result<String> {
    let client = stige_client::Client::new(address);
    let token = client
        .login(username, stige_demo::programmes::DEMO_PASSWORD)
        .await?;
    Ok(token.access_token)
}

/// `clients` HTTP clients for `duration`, each requesting `path(rng)` in turn.
pub async fn http<F>(
    address: &str,
    token: &str,
    clients: usize,
    duration: Duration,
    path: F,
) -> anyhow::Result<Latencies>
where
    F: Fn(&mut StdRng) -> String + Send + Sync + 'static,
{
    let path = Arc::new(path);
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(clients)
        .build()?;
    let started = Instant::now();
    let mut tasks = Vec::new();
    for i in 0..clients {
        let (http, path, address, token) = (
            http.clone(),
            path.clone(),
            address.to_owned(),
            token.to_owned(),
        );
        tasks.push(tokio::spawn(async move {
            let mut rng = StdRng::seed_from_u64(i as u64);
            let mut samples = Vec::new();
            let mut errors = 0;
            while started.elapsed() < duration {
                let url = format!("{address}{}", path(&mut rng));
                let t = Instant::now();
                let ok = match http.get(&url).bearer_auth(&token).send().await {
                    Ok(r) => r.status().is_success() && r.bytes().await.is_ok(),
                    Err(_) => false,
                };
                if ok {
                    samples.push(t.elapsed());
                } else {
                    errors += 1;
                }
            }
            (samples, errors)
        }));
    }
    let mut parts = Vec::new();
    for t in tasks {
        parts.push(t.await?);
    }
    Ok(Latencies::merge(parts, started.elapsed()))
}

/// `clients` threads for `duration`, each running `query` in turn with a
/// connection from the store's pool: the database and the store without HTTP.
pub fn direct<F>(
    store: &Store,
    clients: usize,
    duration: Duration,
    query: F,
) -> anyhow::Result<Latencies>
where
    F: Fn(&mut DbConnection, &mut StdRng) -> anyhow::Result<()> + Send + Sync + 'static,
{
    direct_with(store, clients, duration, move |store, rng| {
        let mut conn = store.conn()?;
        query(&mut conn, rng)
    })
}

/// Like [`direct`], with the store itself (for transactions).
pub fn direct_with<F>(
    store: &Store,
    clients: usize,
    duration: Duration,
    query: F,
) -> anyhow::Result<Latencies>
where
    F: Fn(&Store, &mut StdRng) -> anyhow::Result<()> + Send + Sync + 'static,
{
    let query = Arc::new(query);
    let started = Instant::now();
    let mut threads = Vec::new();
    for i in 0..clients {
        let (store, query) = (store.clone(), query.clone());
        threads.push(std::thread::spawn(move || {
            let mut rng = StdRng::seed_from_u64(1000 + i as u64);
            let mut samples = Vec::new();
            let mut errors = 0;
            while started.elapsed() < duration {
                let t = Instant::now();
                let ok = query(&store, &mut rng).is_ok();
                if ok {
                    samples.push(t.elapsed());
                } else {
                    errors += 1;
                }
            }
            (samples, errors)
        }));
    }
    let mut parts = Vec::new();
    for t in threads {
        parts.push(
            t.join()
                .map_err(|_| anyhow::anyhow!("a load thread panicked"))?,
        );
    }
    Ok(Latencies::merge(parts, started.elapsed()))
}
