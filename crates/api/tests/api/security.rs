use crate::helpers::{Sent, assert_problem, spawn_app};
use reqwest::Method;

#[actix_web::test]
async fn api_responses_carry_security_headers_and_are_not_cached() {
    let app = spawn_app().await;
    let response = app
        .client
        .request(Method::GET, "/api/v1/health")
        .sent()
        .await;
    let h = response.headers();
    let csp = h
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert!(csp.contains("frame-ancestors 'none'") && csp.contains("default-src 'self'"));
    assert_eq!(
        h.get("x-content-type-options")
            .and_then(|v| v.to_str().ok()),
        Some("nosniff")
    );
    assert_eq!(
        h.get("referrer-policy").and_then(|v| v.to_str().ok()),
        Some("no-referrer")
    );
    assert_eq!(
        h.get("cache-control").and_then(|v| v.to_str().ok()),
        Some("no-store")
    );
}

#[actix_web::test]
async fn an_unknown_api_path_is_a_404_problem_not_the_web_app() {
    let app = spawn_app().await;
    for path in ["/api/v1/nothing-here", "/api/v2/participants"] {
        let response = app.client.request(Method::GET, path).sent().await;
        assert_problem(response, 404).await;
    }
}

#[actix_web::test]
async fn without_a_built_web_app_the_root_says_how_to_build_it() {
    let app = spawn_app().await;
    let response = app
        .client
        .request(Method::GET, "/participants/3")
        .sent()
        .await;
    assert_eq!(response.status().as_u16(), 503);
    assert!(
        response
            .text()
            .await
            .expect("text")
            .contains("cargo xtask build-web")
    );
}

#[actix_web::test]
async fn errors_never_show_sql_or_internal_names() {
    let app = spawn_app().await;
    let c = app.coordinator().await;
    let response = c
        .request(Method::GET, "/api/v1/participants/abc")
        .sent()
        .await;
    let body = assert_problem(response, 404)
        .await
        .to_string()
        .to_lowercase();
    for word in [
        "select", "diesel", "sqlite", "postgres", "panicked", "stige_",
    ] {
        assert!(!body.contains(word), "{word} in {body}");
    }
}

#[actix_web::test]
async fn the_web_app_is_served_with_a_fallback_to_index_html_for_client_routes() {
    let dir = std::env::temp_dir().join(format!(
        "stige-web-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(
        dir.join("index.html"),
        "<!doctype html><title>Stige test app</title>",
    )
    .expect("index");
    std::fs::write(dir.join("style.css"), "body{}").expect("css");
    let app = crate::helpers::spawn_app_with_web(dir.clone()).await;
    for path in ["/", "/participants/3", "/ladders"] {
        let response = app.client.request(Method::GET, path).sent().await;
        assert_eq!(response.status().as_u16(), 200, "{path}");
        let csp = response.headers().get("content-security-policy").cloned();
        assert!(csp.is_some_and(|v| v.to_str().unwrap_or_default().contains("script-src 'self'")));
        assert!(
            response
                .text()
                .await
                .expect("text")
                .contains("Stige test app"),
            "{path}"
        );
    }
    let css = app.client.request(Method::GET, "/style.css").sent().await;
    assert_eq!(css.text().await.expect("text"), "body{}");
    let api = app
        .client
        .request(Method::GET, "/api/v1/unknown")
        .sent()
        .await;
    assert_problem(api, 404).await;
    let _ = std::fs::remove_dir_all(dir);
}

#[actix_web::test]
async fn the_api_docs_page_is_served() {
    let app = spawn_app().await;
    let response = app.client.request(Method::GET, "/api/docs/").sent().await;
    assert_eq!(response.status().as_u16(), 200);
    assert!(
        response
            .text()
            .await
            .expect("text")
            .to_lowercase()
            .contains("swagger")
    );
}

#[actix_web::test]
async fn a_known_api_path_with_another_method_is_405_with_allow() {
    let app = spawn_app().await;
    for (method, path, allow) in [
        (Method::DELETE, "/api/v1/participants", "GET, POST"),
        (Method::PATCH, "/api/v1/participants/12", "GET, PUT"),
        (Method::TRACE, "/api/v1/health", "GET"),
        // A literal segment wins over a parameter (`…/production/{date}`).
        (
            Method::OPTIONS,
            "/api/v1/ladders/1/workplaces/2/production/import",
            "POST",
        ),
        (
            Method::POST,
            "/api/v1/ladders/1/workplaces/2/production/2026-12-01",
            "DELETE, PUT",
        ),
    ] {
        let response = app.client.request(method.clone(), path).sent().await;
        assert_eq!(
            response
                .headers()
                .get("allow")
                .and_then(|v| v.to_str().ok()),
            Some(allow),
            "{method} {path}"
        );
        let problem = assert_problem(response, 405).await;
        assert_eq!(problem["type"], "/problems/method-not-allowed");
    }
    let unknown = app
        .client
        .request(Method::DELETE, "/api/v1/participants/12/nothing")
        .sent()
        .await;
    assert_problem(unknown, 404).await;
    // Also when a route with a parameter takes a signed-in request first
    // (`GET /referrals/{id}`) and the literal path has other methods; a
    // parameter that does not parse, on a path with no literal twin, is 404.
    let c = app.coordinator().await;
    let literal = c
        .request(Method::GET, "/api/v1/referrals/recorded")
        .sent()
        .await;
    assert_eq!(
        literal.headers().get("allow").and_then(|v| v.to_str().ok()),
        Some("POST")
    );
    assert_problem(literal, 405).await;
    let not_a_number = c.request(Method::GET, "/api/v1/referrals/abc").sent().await;
    assert_problem(not_a_number, 404).await;
}

#[actix_web::test]
async fn a_body_not_sent_as_json_is_415_and_writes_nothing() {
    let app = spawn_app().await;
    let coordinator = app.coordinator().await;
    let before = app.participant_count();
    let response = coordinator
        .request(Method::POST, "/api/v1/participants")
        .header("content-type", "text/plain")
        .body(r#"{"given_name":"Kari","family_name":"Nordmann","birth_date":"1988-04-12"}"#)
        .sent()
        .await;
    let problem = assert_problem(response, 415).await;
    assert_eq!(problem["type"], "/problems/unsupported-media-type");
    assert_eq!(app.participant_count(), before);
}
