//! The built web app served as a CDN would: the copy the client accepts
//! (brotli, gzip or none), as built, content-named files kept a year, the
//! page revalidated, 304 by ETag; and `Server-Timing` on API answers.

use crate::helpers::{Sent, TestApp, spawn_app, spawn_app_with_web};
use reqwest::{Method, Response};

const WASM: &str = "stige_bg-0123456789abcdef.wasm";

/// A built app: the page, a content-named wasm with a brotli and a gzip copy
/// (each with its own bytes, so the answer shows which one was sent), and a
/// file without a content hash and without copies.
async fn app_with_built_web() -> (TestApp, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!(
        "stige-assets-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    let files: [(String, &[u8]); 5] = [
        (
            "index.html".into(),
            b"<!doctype html><title>Stige built</title>",
        ),
        ("index.html.br".into(), b"page as brotli"),
        (WASM.into(), b"\0asm raw"),
        (format!("{WASM}.br"), b"wasm as brotli"),
        (format!("{WASM}.gz"), b"wasm as gzip"),
    ];
    for (name, bytes) in files {
        std::fs::write(dir.join(name), bytes).expect("file");
    }
    std::fs::write(dir.join("robots.txt"), "User-agent: *").expect("file");
    (spawn_app_with_web(dir.clone()).await, dir)
}

async fn get(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> Response {
    let mut request = app.client.request(Method::GET, path);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.sent().await
}

fn header(response: &Response, name: &str) -> Option<String> {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

#[actix_web::test]
async fn content_named_files_are_sent_as_built_in_the_encoding_the_client_accepts() {
    let (app, dir) = app_with_built_web().await;
    let path = format!("/{WASM}");
    for (accepted, encoding, body) in [
        ("gzip, deflate, br, zstd", "br", "wasm as brotli"),
        ("gzip", "gzip", "wasm as gzip"),
        ("br;q=0, gzip;q=0.8", "gzip", "wasm as gzip"),
        ("identity", "identity", "\0asm raw"),
        ("zstd", "identity", "\0asm raw"),
    ] {
        let response = get(&app, &path, &[("accept-encoding", accepted)]).await;
        assert_eq!(response.status().as_u16(), 200, "{accepted}");
        assert_eq!(
            header(&response, "content-encoding").as_deref(),
            Some(encoding),
            "{accepted}"
        );
        assert_eq!(
            header(&response, "content-type").as_deref(),
            Some("application/wasm")
        );
        assert_eq!(
            header(&response, "cache-control").as_deref(),
            Some("public, max-age=31536000, immutable")
        );
        assert_eq!(
            header(&response, "vary").as_deref(),
            Some("accept-encoding")
        );
        assert!(header(&response, "content-disposition").is_none());
        assert_eq!(response.text().await.expect("body"), body, "{accepted}");
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[actix_web::test]
async fn files_answer_304_to_their_etag_and_the_page_is_always_revalidated() {
    let (app, dir) = app_with_built_web().await;
    let wasm = get(&app, &format!("/{WASM}"), &[("accept-encoding", "br")]).await;
    let etag = header(&wasm, "etag").expect("an ETag");
    let again = get(
        &app,
        &format!("/{WASM}"),
        &[("accept-encoding", "br"), ("if-none-match", &etag)],
    )
    .await;
    assert_eq!(again.status().as_u16(), 304);

    for path in ["/", "/participants/3"] {
        let page = get(&app, path, &[("accept-encoding", "br")]).await;
        assert_eq!(page.status().as_u16(), 200, "{path}");
        assert_eq!(
            header(&page, "cache-control").as_deref(),
            Some("no-cache"),
            "{path}"
        );
        assert_eq!(header(&page, "content-encoding").as_deref(), Some("br"));
        let etag = header(&page, "etag").expect("an ETag");
        assert_eq!(page.text().await.expect("body"), "page as brotli");
        let again = get(
            &app,
            path,
            &[("accept-encoding", "br"), ("if-none-match", &etag)],
        )
        .await;
        assert_eq!(again.status().as_u16(), 304, "{path}");
    }
    let plain = get(&app, "/", &[]).await;
    assert_eq!(
        header(&plain, "content-encoding").as_deref(),
        Some("identity")
    );
    assert!(plain.text().await.expect("body").contains("Stige built"));

    // A file without a content hash is revalidated too; one without copies is sent as it is.
    let robots = get(&app, "/robots.txt", &[("accept-encoding", "br, gzip")]).await;
    assert_eq!(
        header(&robots, "cache-control").as_deref(),
        Some("no-cache")
    );
    assert_eq!(
        header(&robots, "content-encoding").as_deref(),
        Some("identity")
    );
    assert_eq!(robots.text().await.expect("body"), "User-agent: *");

    let post = app
        .client
        .request(Method::POST, &format!("/{WASM}"))
        .sent()
        .await;
    assert_eq!(post.status().as_u16(), 405);
    assert_eq!(header(&post, "allow").as_deref(), Some("GET, HEAD"));
    let _ = std::fs::remove_dir_all(dir);
}

fn timing(response: &Response) -> (f64, f64) {
    let value = header(response, "server-timing").expect("Server-Timing");
    let figure = |name: &str| {
        value
            .split(", ")
            .find_map(|part| part.strip_prefix(&format!("{name};dur=")))
            .and_then(|d| d.parse::<f64>().ok())
            .unwrap_or_else(|| panic!("{name} in `{value}`"))
    };
    (figure("db"), figure("total"))
}

#[actix_web::test]
async fn api_answers_carry_server_timing_with_database_and_total_time() {
    let app = spawn_app().await;
    let participant = app.active_participant("Kari", "Timing").await;
    let coordinator = app.coordinator().await;
    let response = coordinator
        .request(
            Method::GET,
            &format!("/api/v1/participants/{}", participant.id),
        )
        .sent()
        .await;
    assert_eq!(response.status().as_u16(), 200);
    let (db, total) = timing(&response);
    assert!(db > 0.0, "the page reads the database: {db}");
    assert!(db <= total, "db {db} within total {total}");

    // Errors carry it too; an answer without the database spends nothing there.
    let unknown = coordinator
        .request(Method::GET, "/api/v1/participants/999999")
        .sent()
        .await;
    assert_eq!(unknown.status().as_u16(), 404);
    timing(&unknown);
    let health = app
        .client
        .request(Method::GET, "/api/v1/health")
        .sent()
        .await;
    assert_eq!(timing(&health).0, 0.0);
}

#[actix_web::test]
async fn a_content_named_file_the_build_lacks_is_not_found_and_other_paths_get_the_page() {
    let (app, dir) = app_with_built_web().await;
    // A module of an earlier build: 404, not the page in its place.
    let gone = get(&app, "/split_daily_page-fedcba9876543210.wasm", &[]).await;
    assert_eq!(gone.status(), 404);
    assert_eq!(header(&gone, "cache-control").as_deref(), Some("no-cache"));
    // A route of the app is the page.
    let route = get(&app, "/participants", &[]).await;
    assert_eq!(route.status(), 200);
    assert!(route.text().await.expect("body").contains("Stige built"));
    let _ = std::fs::remove_dir_all(dir);
}
