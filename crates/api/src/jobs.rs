//! Work in the background: the daily maintenance (forgetting idempotency keys
//! past their keeping time, anonymising people whose retention period ran out
//! (see `crate::retention`)), run by one server a day however many share the
//! database (see `stige_store::jobs`), and waiting for the read audit writer
//! at shutdown.

use std::sync::OnceLock;
use std::time::Duration;
use stige_store::Store;

/// How often a server asks for the daily lease.
const ASK_EVERY: Duration = Duration::from_secs(60 * 60);

/// This process, as it holds leases: host name and process id.
pub fn holder() -> &'static str {
    static HOLDER: OnceLock<String> = OnceLock::new();
    HOLDER.get_or_init(|| {
        let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "stige".into());
        format!("{host}:{}", std::process::id())
    })
}

/// Takes `job`'s lease for `held_for` if it has run out: true if this server
/// is to run the job now.
pub fn lease(store: &Store, job: &str, held_for: chrono::Duration) -> anyhow::Result<bool> {
    store.transaction(|conn| -> anyhow::Result<bool> {
        Ok(stige_store::jobs::take_lease(
            conn,
            job,
            holder(),
            held_for,
        )?)
    })
}

/// The daily maintenance, if this server takes the day's lease.
pub fn run_daily(store: &Store) -> anyhow::Result<bool> {
    if !lease(store, "daily", chrono::Duration::hours(23))? {
        return Ok(false);
    }
    let purged = crate::maintenance::purge_idempotency_keys(store)?;
    let today = chrono::Utc::now().date_naive();
    let anonymised = crate::retention::run(store, today, false)?.people.len();
    tracing::info!(
        job = "daily",
        holder = holder(),
        purged,
        anonymised,
        "daily maintenance ran"
    );
    Ok(true)
}

/// Runs the daily maintenance on a thread of its own, asking every hour.
pub fn spawn_daily(store: Store) {
    std::thread::spawn(move || {
        loop {
            if let Err(e) = run_daily(&store) {
                tracing::warn!(error = %e, "daily maintenance did not run; will ask again");
            }
            std::thread::sleep(ASK_EVERY);
        }
    });
}

/// Waits, up to `most`, until the read audit writer has committed every
/// event handed to it.
pub async fn drain_read_audit(store: &Store, most: Duration) {
    let until = std::time::Instant::now() + most;
    while store.read_audit_pending() > 0 && std::time::Instant::now() < until {
        actix_web::rt::time::sleep(Duration::from_millis(10)).await;
    }
}
