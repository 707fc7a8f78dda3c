//! Makes the document exact where per-route annotations would repeat
//! themselves: the statuses every operation of a kind can answer (400 for a
//! malformed body or query, 401 without a valid token, 404 for an unknown
//! id, 415 and 422 for a body, 503 while the database cannot be reached),
//! all as references to one shared problem+json response per status;
//! operation ids; an example of every request body; and what a timestamp is.

use super::examples::request_example;
use super::operation_ids::operation_id;
use serde_json::{Map, Value, json};

/// The shared problem+json responses, by status: (status, component name, description).
const PROBLEMS: &[(&str, &str, &str)] = &[
    (
        "400",
        "BadRequest",
        "The JSON body or the query string is malformed, or a required header is missing.",
    ),
    (
        "401",
        "Unauthorized",
        "No valid access token (missing, expired, revoked or ended by logout), or wrong credentials.",
    ),
    (
        "403",
        "Forbidden",
        "The caller's role or token does not allow this.",
    ),
    (
        "404",
        "NotFound",
        "No such resource, or one the caller may not see (answered alike).",
    ),
    (
        "409",
        "Conflict",
        "The change conflicts with the resource's state (`code` names which conflict).",
    ),
    (
        "410",
        "Gone",
        "The link was used or has expired (`code` names which).",
    ),
    (
        "412",
        "PreconditionFailed",
        "`If-Match` names a version that is no longer current: nothing was written.",
    ),
    (
        "415",
        "UnsupportedMediaType",
        "The body is not sent as `application/json`.",
    ),
    (
        "422",
        "ValidationFailed",
        "The request is well-formed but not valid: `errors` names each field with a stable code.",
    ),
    (
        "428",
        "PreconditionRequired",
        "Send the `ETag` you read in an `If-Match` header.",
    ),
    (
        "429",
        "TooManyRequests",
        "Too many attempts: wait the seconds in `Retry-After`.",
    ),
    (
        "503",
        "ServiceUnavailable",
        "The database cannot be reached: try again after `Retry-After` seconds.",
    ),
];

const METHODS: [&str; 5] = ["get", "put", "post", "delete", "patch"];

/// Refines the document as JSON (see the module's description).
pub fn refine(doc: &mut Value) {
    add_shared_responses(doc);
    if let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) {
        for (path, item) in paths.iter_mut() {
            for method in METHODS {
                if let Some(op) = item.get_mut(method).and_then(Value::as_object_mut) {
                    refine_operation(method, path, op);
                }
            }
        }
    }
    describe_timestamps(doc);
}

fn add_shared_responses(doc: &mut Value) {
    let Some(components) = doc.get_mut("components").and_then(Value::as_object_mut) else {
        return;
    };
    let responses = components
        .entry("responses")
        .or_insert_with(|| json!({}))
        .as_object_mut();
    let Some(responses) = responses else { return };
    for (status, name, description) in PROBLEMS {
        let mut response = json!({
            "description": description,
            "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
        });
        let header = match *status {
            "429" | "503" => Some((
                "Retry-After",
                json!({"description": "Seconds to wait before trying again.", "schema": {"type": "integer", "minimum": 0}}),
            )),
            "401" => Some((
                "WWW-Authenticate",
                json!({"description": "`Bearer`: the scheme to authenticate with.", "schema": {"type": "string"}}),
            )),
            _ => None,
        };
        if let Some((name, header)) = header {
            response["headers"] = json!({ name: header });
        }
        responses.insert((*name).to_owned(), response);
    }
}

fn reference(status: &str) -> Option<Value> {
    PROBLEMS
        .iter()
        .find(|(s, _, _)| *s == status)
        .map(|(_, name, _)| json!({"$ref": format!("#/components/responses/{name}")}))
}

fn refine_operation(method: &str, path: &str, op: &mut Map<String, Value>) {
    if let Some(id) = operation_id(method, path) {
        op.insert("operationId".into(), json!(id));
    }
    if let Some(parameters) = op.get_mut("parameters").and_then(Value::as_array_mut) {
        for parameter in parameters.iter_mut() {
            if parameter["in"] == "header" && parameter["name"] == "Idempotency-Key" {
                parameter["schema"] = json!({"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[!-~]+$"});
            }
        }
    }
    let parameters = op
        .get("parameters")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let has = |place: &str| parameters.iter().any(|p| p["in"] == place);
    let secured = op
        .get("security")
        .and_then(Value::as_array)
        .is_some_and(|s| {
            s.iter()
                .any(|r| r.as_object().is_some_and(|o| !o.is_empty()))
        });
    let body_types: Vec<String> = op
        .get("requestBody")
        .and_then(|b| b.get("content"))
        .and_then(Value::as_object)
        .map(|c| c.keys().cloned().collect())
        .unwrap_or_default();
    let json_body = body_types.iter().any(|t| t == "application/json");

    if let Some(content) = op
        .get_mut("requestBody")
        .and_then(|b| b.get_mut("content"))
        .and_then(Value::as_object_mut)
    {
        for (media_type, media) in content.iter_mut() {
            let schema = media["schema"]["$ref"].as_str().unwrap_or_default();
            let mut name = schema.rsplit('/').next().unwrap_or_default().to_owned();
            // A body that is no JSON schema (the till's CSV) by its media type.
            if schema.is_empty() {
                name = media_type.clone();
            }
            if let Some(example) = request_example(&name) {
                media["example"] = example;
            }
        }
    }

    let Some(responses) = op.get_mut("responses").and_then(Value::as_object_mut) else {
        return;
    };
    merge_partner_answer(responses);
    for (status, response) in responses.iter_mut() {
        let problem = response
            .get("content")
            .and_then(|c| c.get("application/problem+json"))
            .is_some();
        if let Some(mut shared) = reference(status).filter(|_| problem) {
            let description = response["description"].as_str().unwrap_or_default();
            if !description.is_empty() {
                shared["description"] = json!(description);
            }
            *response = shared;
        }
    }
    let mut add = |status: &str, applies: bool| {
        if applies
            && !responses.contains_key(status)
            && let Some(shared) = reference(status)
        {
            responses.insert(status.to_owned(), shared);
        }
    };
    add("400", json_body || has("query"));
    add("401", secured);
    add("404", has("path"));
    add("415", json_body);
    add("422", json_body);
    add("503", path != "/api/v1/health");
}

/// Routes that answer staff and partners alike declare the partner's answer
/// as `2XX`; both are status 200, so 200 names either.
fn merge_partner_answer(responses: &mut Map<String, Value>) {
    let Some(partner) = responses.remove("2XX") else {
        return;
    };
    let Some(staff) = responses.get_mut("200") else {
        responses.insert("2XX".into(), partner);
        return;
    };
    let schema = |r: &Value| r["content"]["application/json"]["schema"].clone();
    let either = json!({"anyOf": [schema(staff), schema(&partner)]});
    staff["content"]["application/json"]["schema"] = either;
    staff["description"] =
        json!("The answer to staff (the first schema), or to a partner (the second).");
}

/// Every `date-time` property says that it is UTC with `Z`, with an example.
fn describe_timestamps(doc: &mut Value) {
    fn walk(value: &mut Value) {
        match value {
            Value::Object(map) => {
                if map.get("format").and_then(Value::as_str) == Some("date-time") {
                    let note = "UTC, RFC 3339 with `Z`.";
                    let description = match map.get("description").and_then(Value::as_str) {
                        Some(d) if !d.is_empty() => format!("{d} {note}"),
                        _ => note.to_owned(),
                    };
                    map.insert("description".into(), json!(description));
                    map.insert("example".into(), json!("2026-11-30T09:15:00Z"));
                }
                map.values_mut().for_each(walk);
            }
            Value::Array(items) => items.iter_mut().for_each(walk),
            _ => {}
        }
    }
    if let Some(schemas) = doc.pointer_mut("/components/schemas") {
        walk(schemas);
    }
}
