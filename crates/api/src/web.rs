//! Serving the web app, and the headers every response carries.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{HttpRequest, HttpResponse};
use std::path::{Path, PathBuf};

const APP_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
    img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
    form-action 'self'; frame-ancestors 'none'";
// The API docs page (Swagger UI) needs inline script and styles.
const DOCS_CSP: &str = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; \
    img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/// Adds security headers to every response, and `Cache-Control: no-store` to the API's.
pub async fn security_headers(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let path = req.path().to_owned();
    let mut res = next.call(req).await?;
    let h = res.headers_mut();
    let csp = if path.starts_with("/api/docs") {
        DOCS_CSP
    } else {
        APP_CSP
    };
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(csp),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    if path.starts_with("/api/") && !path.starts_with("/api/docs") {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    Ok(res)
}

/// Where the built web app is, if it was built.
pub fn built_app(dir: &Path) -> Option<PathBuf> {
    dir.join("index.html").is_file().then(|| dir.to_path_buf())
}

/// Answers every non-API page when the web app has not been built.
pub async fn not_built(_: HttpRequest) -> HttpResponse {
    HttpResponse::ServiceUnavailable()
        .content_type("text/plain; charset=utf-8")
        .body(
            "Stige's API is running, but the web app has not been built.\n\
             Build it with `cargo xtask build-web` (or run everything with `cargo xtask run`),\n\
             or point STIGE_WEB_DIR at a built copy. The API is at /api/v1 and its docs at /api/docs/.\n",
        )
}

/// Unknown API paths answer 404 problem+json, never the web app's page; a
/// known path asked with a method it does not have answers 405 with `Allow`.
pub async fn api_not_found(req: HttpRequest) -> actix_web::Result<HttpResponse> {
    match allowed_methods(req.path()) {
        Some(allowed) => Ok(method_not_allowed(allowed)),
        None => Err(crate::error::ApiError::NotFound.into()),
    }
}

/// The 405 problem for a path that answers `allowed`.
fn method_not_allowed(allowed: String) -> HttpResponse {
    let problem = stige_wire::Problem {
        kind: "/problems/method-not-allowed".into(),
        title: "Method not allowed".into(),
        status: 405,
        detail: Some(format!("This path answers {allowed}.")),
        code: Some("method-not-allowed".into()),
        params: Default::default(),
        errors: vec![],
        instance: crate::request_id::current().map(|id| crate::request_id::instance(&id)),
    };
    HttpResponse::MethodNotAllowed()
        .insert_header((header::ALLOW, allowed))
        .content_type("application/problem+json")
        .json(problem)
}

/// A request a route took whose path did not parse (`GET /referrals/recorded`
/// reaching `GET /referrals/{id}`): 405 when a more literal path has other
/// methods, else `None` (then 404).
pub fn literal_path_answer(req: &HttpRequest) -> Option<HttpResponse> {
    let allowed = allowed_methods(req.path())?;
    let method = req.method().as_str();
    (!allowed.split(", ").any(|m| m == method)).then(|| method_not_allowed(allowed))
}

/// The methods the API document lists for the path template `path` matches
/// (`{id}` matches any one segment), as an `Allow` value; none for an unknown path.
fn allowed_methods(path: &str) -> Option<String> {
    static ROUTES: std::sync::OnceLock<Vec<(Vec<String>, Vec<String>)>> =
        std::sync::OnceLock::new();
    let routes = ROUTES.get_or_init(|| {
        let document = crate::openapi::document();
        let Some(paths) = document["paths"].as_object() else {
            return vec![];
        };
        paths
            .iter()
            .map(|(template, item)| {
                let segments = template.split('/').map(str::to_owned).collect();
                let methods: Vec<String> = item
                    .as_object()
                    .map(|m| m.keys().map(|k| k.to_uppercase()).collect())
                    .unwrap_or_default();
                (segments, methods)
            })
            .collect()
    });
    let asked: Vec<&str> = path.split('/').collect();
    // Each matching template with how many of its segments are literal: a
    // literal segment (`…/production/import`) wins over a parameter
    // (`…/production/{date}`), so only the most specific templates count.
    let matching: Vec<(usize, &Vec<String>)> = routes
        .iter()
        .filter(|(segments, _)| {
            segments.len() == asked.len()
                && segments.iter().zip(&asked).all(|(template, segment)| {
                    template == segment || (template.starts_with('{') && !segment.is_empty())
                })
        })
        .map(|(segments, methods)| {
            let literal = segments.iter().filter(|s| !s.starts_with('{')).count();
            (literal, methods)
        })
        .collect();
    let most = matching.iter().map(|(n, _)| *n).max().unwrap_or(0);
    let mut allowed: Vec<&str> = matching
        .iter()
        .filter(|(n, _)| *n == most)
        .flat_map(|(_, methods)| methods.iter().map(String::as_str))
        .collect();
    allowed.sort_unstable();
    allowed.dedup();
    (!allowed.is_empty()).then(|| allowed.join(", "))
}

/// A path parameter that does not parse: 405 with `Allow` where a literal
/// path of the same shape has other methods (see [`literal_path_answer`]),
/// else 404.
pub fn path_error(
    error: actix_web::error::PathError,
    req: &actix_web::HttpRequest,
) -> actix_web::Error {
    match literal_path_answer(req) {
        Some(response) => actix_web::error::InternalError::from_response(error, response).into(),
        None => crate::error::ApiError::NotFound.into(),
    }
}
