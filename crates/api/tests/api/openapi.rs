use crate::helpers::spawn_app;

/// The committed document must equal the generated one. Outside CI the file is
/// rewritten so a developer only has to commit it; under CI the test only fails.
#[test]
fn the_committed_openapi_document_is_fresh() {
    let generated = stige_api::openapi::document_json().expect("document");
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../openapi/openapi.json");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != generated {
        if std::env::var("CI").is_err() {
            std::fs::write(&path, &generated).expect("write openapi.json");
        }
        panic!("openapi/openapi.json was stale; regenerated it (commit the change)");
    }
}

#[actix_web::test]
async fn the_served_document_equals_the_committed_one_and_names_every_route() {
    let app = spawn_app().await;
    let served = app.client.openapi().await.expect("openapi");
    let generated: serde_json::Value =
        serde_json::from_str(&stige_api::openapi::document_json().expect("doc")).expect("json");
    assert_eq!(served, generated);
    let paths = served["paths"].as_object().expect("paths");
    for path in [
        "/api/v1/health",
        "/api/v1/ready",
        "/api/v1/auth/login",
        "/api/v1/participants",
        "/api/v1/participants/{id}",
        "/api/v1/participants/{id}/moves",
        "/api/v1/participants/{id}/status",
        "/api/v1/ladders/{id}/steps",
    ] {
        assert!(paths.contains_key(path), "{path} missing");
    }
    assert!(served["components"]["securitySchemes"]["staff"].is_object());
}
