use crate::helpers::spawn_app;
use serde_json::Value;

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

/// Operation ids are unique, say what they do (camelCase verbs from one
/// table), every request body has an example, every timestamp is declared
/// UTC with `Z`, and every problem answer is the shared response of its
/// status, declared once.
#[test]
fn the_document_is_exact_ids_examples_statuses_and_timestamps() {
    let doc = stige_api::openapi::document();
    let mut ids = std::collections::BTreeSet::new();
    let shared = doc["components"]["responses"]
        .as_object()
        .expect("responses");
    for name in [
        "BadRequest",
        "Unauthorized",
        "Forbidden",
        "NotFound",
        "Conflict",
        "PreconditionFailed",
        "UnsupportedMediaType",
        "ValidationFailed",
        "PreconditionRequired",
        "TooManyRequests",
        "ServiceUnavailable",
    ] {
        assert_eq!(
            shared[name]["content"]["application/problem+json"]["schema"]["$ref"],
            "#/components/schemas/Problem",
            "{name}"
        );
    }
    for name in ["TooManyRequests", "ServiceUnavailable"] {
        assert!(shared[name]["headers"]["Retry-After"].is_object(), "{name}");
    }
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("item") {
            let id = op["operationId"].as_str().expect("an id");
            assert_eq!(
                stige_api::openapi::OPERATION_IDS
                    .iter()
                    .find(|(m, p, _)| *m == method && format!("/api/v1{p}") == *path)
                    .map(|(_, _, id)| *id),
                Some(id),
                "{method} {path} needs an entry in openapi/operation_ids.rs"
            );
            assert!(
                id.chars().next().is_some_and(|c| c.is_ascii_lowercase()),
                "{id}"
            );
            assert!(ids.insert(id.to_owned()), "{id} twice");
            if let Some(content) = op["requestBody"]["content"].as_object() {
                for (media, body) in content {
                    // A CSV body's example is its text.
                    let example = &body["example"];
                    assert!(
                        example.is_object() || (media == "text/csv" && example.is_string()),
                        "{method} {path} {media}: an example"
                    );
                }
                if content.contains_key("application/json") {
                    for status in ["400", "415", "422"] {
                        assert!(
                            op["responses"][status].is_object(),
                            "{method} {path} {status}"
                        );
                    }
                }
            }
            let responses = op["responses"].as_object().expect("responses");
            if path != "/api/v1/health" {
                assert!(responses.contains_key("503"), "{method} {path} 503");
            }
            if op["security"].as_array().is_some_and(|s| !s.is_empty()) {
                assert!(responses.contains_key("401"), "{method} {path} 401");
            }
            for (status, response) in responses {
                assert!(
                    response["content"]["application/problem+json"].is_null(),
                    "{method} {path} {status}: the shared response, not its own"
                );
                if status.starts_with('4') || status.starts_with('5') {
                    let problem = response["$ref"].as_str().is_some()
                        || response["content"]["application/json"]["schema"]["$ref"]
                            == "#/components/schemas/OAuthError";
                    assert!(problem, "{method} {path} {status}");
                }
            }
        }
    }
    let text = doc.to_string();
    assert!(text.contains("UTC, RFC 3339 with `Z`."));
    let schemas = doc["components"]["schemas"].to_string();
    assert_eq!(
        schemas.matches("\"format\":\"date-time\"").count(),
        schemas.matches("UTC, RFC 3339 with `Z`.").count()
    );
}

/// Every `$ref` in the document names something the document holds (an
/// unresolvable one makes generators skip that part), and no schema is an
/// `allOf` left for generators to merge.
#[test]
fn every_reference_resolves_and_no_schema_needs_merging() {
    fn walk(value: &Value, doc: &Value, at: &str) {
        match value {
            Value::Object(map) => {
                if let Some(reference) = map.get("$ref").and_then(Value::as_str) {
                    let pointer = reference.strip_prefix('#').unwrap_or(reference);
                    assert!(doc.pointer(pointer).is_some(), "{at}: {reference}");
                }
                assert!(!map.contains_key("allOf"), "{at}: allOf");
                for (key, inner) in map {
                    walk(inner, doc, &format!("{at}/{key}"));
                }
            }
            Value::Array(items) => {
                for (i, inner) in items.iter().enumerate() {
                    walk(inner, doc, &format!("{at}/{i}"));
                }
            }
            _ => {}
        }
    }
    let doc = stige_api::openapi::document();
    walk(&doc, &doc, "");
}
