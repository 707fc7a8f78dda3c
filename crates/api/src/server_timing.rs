//! The `Server-Timing` header on API answers: `db` is the time spent on the
//! store (queries, and waiting for a read's audit event to be committed),
//! `total` the time from the request to the answer, both in milliseconds.
//! Browsers show it in the developer tools (Network, Timing), so a slow
//! screen can be read without a profiler.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

tokio::task_local! {
    static DB: Arc<AtomicU64>;
}

/// The request's store clock: time added to it counts as `db`. Taken on the
/// request's task, and carried to the thread that runs the store work.
#[derive(Debug, Clone, Default)]
pub struct DbClock(Option<Arc<AtomicU64>>);

impl DbClock {
    /// The clock of the request being served, if any (none outside requests).
    pub fn current() -> Self {
        Self(DB.try_with(Arc::clone).ok())
    }

    pub fn add(&self, spent: Duration) {
        if let Some(nanos) = &self.0 {
            let spent = u64::try_from(spent.as_nanos()).unwrap_or(u64::MAX);
            nanos.fetch_add(spent, Ordering::Relaxed);
        }
    }

    /// Runs `f`, counting its time.
    pub fn time<T>(&self, f: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let value = f();
        self.add(started.elapsed());
        value
    }
}

/// The header's value for `db` and `total`.
pub fn header_value(db: Duration, total: Duration) -> String {
    format!(
        "db;dur={:.1}, total;dur={:.1}",
        db.as_secs_f64() * 1000.0,
        total.as_secs_f64() * 1000.0
    )
}

/// Adds `Server-Timing` to every answer under `/api/v1/`.
pub async fn server_timing(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    if !req.path().starts_with("/api/v1/") {
        return next.call(req).await;
    }
    let started = Instant::now();
    let db = Arc::new(AtomicU64::new(0));
    let mut res = DB.scope(Arc::clone(&db), next.call(req)).await?;
    let spent = Duration::from_nanos(db.load(Ordering::Relaxed));
    if let Ok(value) = HeaderValue::from_str(&header_value(spent, started.elapsed())) {
        res.headers_mut()
            .insert(HeaderName::from_static("server-timing"), value);
    }
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_names_db_and_total_in_milliseconds() {
        assert_eq!(
            header_value(Duration::from_micros(1_250), Duration::from_micros(3_040)),
            "db;dur=1.2, total;dur=3.0"
        );
    }

    #[tokio::test]
    async fn store_time_counts_on_the_request_it_belongs_to() {
        let db = Arc::new(AtomicU64::new(0));
        DB.scope(Arc::clone(&db), async {
            let clock = DbClock::current();
            std::thread::spawn(move || clock.add(Duration::from_millis(2)))
                .join()
                .unwrap();
        })
        .await;
        assert_eq!(db.load(Ordering::Relaxed), 2_000_000);
        // Outside a request nothing is counted, and nothing fails.
        DbClock::current().add(Duration::from_millis(1));
    }
}
