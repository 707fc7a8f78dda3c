//! Metrics in Prometheus' text format, served on an address of their own
//! (`STIGE_METRICS_BIND`), never beside the API: requests by route template
//! and status with their latency, the pool's connections, the read audit
//! writer's queue and lag, the outbox, failed logins and partner requests.

use crate::request_id;
use actix_web::body::MessageBody;
use actix_web::dev::{Server, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{App, HttpResponse, HttpServer, web};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use std::net::TcpListener;
use std::sync::OnceLock;
use std::time::Instant;
use stige_store::Store;
use tracing::Instrument;

/// Latency buckets, in seconds.
const LATENCY_BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
];

/// The process's recorder, installed at the first call.
pub fn handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let builder = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Suffix("_seconds".into()), &LATENCY_BUCKETS)
            .unwrap_or_else(|_| PrometheusBuilder::new());
        let recorder = builder.build_recorder();
        let handle = recorder.handle();
        // Fails only if another recorder is installed: then that one records.
        let _ = metrics::set_global_recorder(recorder);
        handle
    })
}

/// Middleware: gives the request its id (see [`crate::request_id`]), runs it
/// in a `request` span, and counts it by route template and status.
pub async fn observe(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    handle();
    let id = request_id::new_id();
    let started = Instant::now();
    let method = req.method().to_string();
    let json_logs = req
        .app_data::<web::Data<crate::state::AppState>>()
        .is_some_and(|state| state.json_logs);
    let target =
        json_logs.then(|| crate::request_log::redacted_target(req.path(), req.query_string()));
    let span = tracing::info_span!("request", request_id = %id);
    let mut res = request_id::scope(id.clone(), next.call(req).instrument(span)).await?;
    let route = res
        .request()
        .match_pattern()
        .unwrap_or_else(|| "unmatched".to_owned());
    if let Some(target) = target {
        // Address, path and query redacted as in the text log (no personal data).
        tracing::info!(
            target: "stige::access",
            request_id = %id,
            method = %method,
            path = %target,
            route = %route,
            status = res.status().as_u16(),
            ms = started.elapsed().as_secs_f64() * 1000.0,
            "request"
        );
    }
    let status = res.status().as_u16().to_string();
    metrics::counter!("stige_http_requests_total", "method" => method.clone(), "route" => route.clone(), "status" => status)
        .increment(1);
    metrics::histogram!("stige_http_request_duration_seconds", "method" => method, "route" => route)
        .record(started.elapsed().as_secs_f64());
    if let Ok(value) = HeaderValue::from_str(&id) {
        res.headers_mut()
            .insert(header::HeaderName::from_static(request_id::HEADER), value);
    }
    Ok(res)
}

/// Reads what is counted in the database and the pool, for one scrape.
fn gauge_store(store: &Store) {
    let pool = store.pool_state();
    metrics::gauge!("stige_db_pool_connections", "state" => "in_use").set(f64::from(pool.in_use));
    metrics::gauge!("stige_db_pool_connections", "state" => "idle").set(f64::from(pool.idle));
    metrics::gauge!("stige_db_pool_waiting").set(pool.waiting as f64);
    metrics::gauge!("stige_db_up").set(if store.reachability().is_down() {
        0.0
    } else {
        1.0
    });
    let outbox = store
        .conn()
        .map_err(anyhow::Error::new)
        .and_then(|mut conn| Ok(stige_store::invitations::undelivered(&mut conn)?));
    match outbox {
        Ok((count, oldest)) => {
            metrics::gauge!("stige_outbox_undelivered").set(count as f64);
            let age = oldest.map_or(0.0, |at| {
                (stige_store::now() - at).num_milliseconds().max(0) as f64 / 1000.0
            });
            metrics::gauge!("stige_outbox_oldest_undelivered_age_seconds").set(age);
        }
        Err(e) => tracing::warn!(error = %e, "metrics: could not read the outbox"),
    }
}

async fn scrape(store: web::Data<Store>) -> HttpResponse {
    let store = store.get_ref().clone();
    // Off the async threads: the outbox is read from the database.
    if let Err(e) = web::block(move || gauge_store(&store)).await {
        tracing::warn!(error = %e, "metrics: gauges not read");
    }
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4")
        .body(handle().render())
}

/// Serves `GET /metrics` on `listener`, apart from the API.
pub fn serve(store: Store, listener: TcpListener) -> std::io::Result<Server> {
    handle();
    let store = web::Data::new(store);
    Ok(HttpServer::new(move || {
        App::new()
            .app_data(store.clone())
            .route("/metrics", web::get().to(scrape))
    })
    .workers(1)
    .listen(listener)?
    .run())
}
