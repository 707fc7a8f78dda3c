//! The access log: one line per request, without secrets or personal data.
//!
//! An employer's link carries its token in the path (`/employer/{token}` in the
//! web app, `/api/v1/employer/{token}/…` over REST), and query strings carry
//! search terms such as a participant's name (`?q=Nordmann`). A log line is read
//! by whoever runs the server and often shipped elsewhere, so the token becomes
//! `…`, and so does the value of every query key but a few that only page or
//! filter by id, date or state.

use actix_web::middleware::Logger;

/// What stands in for a value that is left out.
const LEFT_OUT: &str = "…";

/// Query keys whose values are ids, dates, states or paging, never personal data.
const HARMLESS_KEYS: [&str; 15] = [
    "page",
    "per_page",
    "limit",
    "after",
    "status",
    "ladder",
    "ladder_id",
    "step_id",
    "mentor_id",
    "agreement",
    "agreement_id",
    "date",
    "from",
    "to",
    "table",
];

/// Path segments whose next segment is a secret.
const BEFORE_A_SECRET: [&str; 1] = ["employer"];

/// The request logger: address, method, redacted path and query, protocol,
/// status, time taken and the request's id (see [`crate::request_id`]).
pub fn logger() -> Logger {
    Logger::new("%a \"%{request}xi\" %s %Dms id=%{x-request-id}o").custom_request_replace(
        "request",
        |req| {
            format!(
                "{} {} {:?}",
                req.method(),
                redacted_target(req.path(), req.query_string()),
                req.version()
            )
        },
    )
}

/// The path and query of a request as they may be logged.
pub fn redacted_target(path: &str, query: &str) -> String {
    let mut out = redacted_path(path);
    if !query.is_empty() {
        out.push('?');
        out.push_str(&redacted_query(query));
    }
    out
}

fn redacted_path(path: &str) -> String {
    let mut secret_next = false;
    path.split('/')
        .map(|segment| {
            let shown = if secret_next && !segment.is_empty() {
                LEFT_OUT
            } else {
                segment
            };
            secret_next = BEFORE_A_SECRET.contains(&segment);
            shown
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn redacted_query(query: &str) -> String {
    query
        .split('&')
        .map(|pair| {
            let key = pair.split_once('=').map_or(pair, |(key, _)| key);
            if HARMLESS_KEYS.contains(&key) {
                pair.to_owned()
            } else {
                format!("{key}={LEFT_OUT}")
            }
        })
        .collect::<Vec<_>>()
        .join("&")
}

#[cfg(test)]
mod tests {
    use super::redacted_target;

    #[test]
    fn employer_tokens_are_left_out_of_api_and_web_paths() {
        assert_eq!(
            redacted_target("/api/v1/employer/AbC-123_xyz", ""),
            "/api/v1/employer/…"
        );
        assert_eq!(
            redacted_target("/api/v1/employer/AbC-123_xyz/confirm", ""),
            "/api/v1/employer/…/confirm"
        );
        assert_eq!(redacted_target("/employer/AbC-123_xyz", ""), "/employer/…");
    }

    #[test]
    fn other_paths_are_kept_as_they_are() {
        for path in [
            "/api/v1/employers/12",
            "/employers/3",
            "/api/v1/participants/7/goals",
            "/api/v1/employer/",
            "/",
        ] {
            assert_eq!(redacted_target(path, ""), path);
        }
    }

    #[test]
    fn query_values_are_left_out_unless_they_only_page_or_filter() {
        assert_eq!(
            redacted_target("/api/v1/participants", "q=Nordmann&page=2&per_page=50"),
            "/api/v1/participants?q=…&page=2&per_page=50"
        );
        assert_eq!(
            redacted_target("/api/v1/attendance", "date=2026-05-04&step_id=3"),
            "/api/v1/attendance?date=2026-05-04&step_id=3"
        );
        assert_eq!(
            redacted_target("/x", "name=Kari+Nordmann&flag"),
            "/x?name=…&flag=…"
        );
    }
}
