//! Merges an `allOf` of object schemas into one object schema.
//!
//! utoipa writes a struct with a `#[serde(flatten)]` field as an `allOf` of
//! the flattened type (a `$ref`) and the struct's own fields. The body is one
//! JSON object either way, but test-data generators (schemathesis) cannot
//! always merge such a composition and give up on the operation. Written as
//! one object with every property, the document says the same, plainly.

use serde_json::{Map, Value, json};

/// Replaces every component schema that is an `allOf` of object schemas
/// (referenced or written out) with one object schema.
pub fn flatten_all_of(doc: &mut Value) {
    let Some(schemas) = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .cloned()
    else {
        return;
    };
    for (name, schema) in &schemas {
        if let Some(merged) = merged(schema, &schemas) {
            doc["components"]["schemas"][name] = merged;
        }
    }
}

/// The one object schema `schema` stands for, if it is an `allOf` whose
/// members are all objects with properties and no property twice.
fn merged(schema: &Value, schemas: &Map<String, Value>) -> Option<Value> {
    let members = schema.get("allOf")?.as_array()?;
    let mut properties = Map::new();
    let mut required: Vec<Value> = Vec::new();
    for member in members {
        let object = resolved(member, schemas)?;
        if object.get("type").and_then(Value::as_str) != Some("object") {
            return None;
        }
        for (key, property) in object.get("properties")?.as_object()? {
            if properties.insert(key.clone(), property.clone()).is_some() {
                return None;
            }
        }
        if let Some(names) = object.get("required").and_then(Value::as_array) {
            required.extend(names.iter().cloned());
        }
    }
    let mut out = json!({"type": "object", "properties": properties});
    if !required.is_empty() {
        out["required"] = Value::Array(required);
    }
    if let Some(description) = schema.get("description") {
        out["description"] = description.clone();
    }
    Some(out)
}

/// A member as an object schema, a component reference looked up.
fn resolved<'a>(member: &'a Value, schemas: &'a Map<String, Value>) -> Option<&'a Value> {
    match member.get("$ref").and_then(Value::as_str) {
        Some(reference) => schemas.get(reference.strip_prefix("#/components/schemas/")?),
        None => Some(member),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flattened_reference_and_own_fields_become_one_object() {
        let mut doc = json!({"components": {"schemas": {
            "Person": {"type": "object", "required": ["name"],
                "properties": {"name": {"type": "string"}}},
            "Recorded": {"description": "d", "allOf": [
                {"$ref": "#/components/schemas/Person"},
                {"type": "object", "required": ["channel"],
                    "properties": {"channel": {"type": "string"}}}
            ]}
        }}});
        flatten_all_of(&mut doc);
        assert_eq!(
            doc["components"]["schemas"]["Recorded"],
            json!({"type": "object", "description": "d", "required": ["name", "channel"],
                "properties": {"name": {"type": "string"}, "channel": {"type": "string"}}})
        );
    }

    #[test]
    fn a_property_twice_or_a_non_object_member_is_left_alone() {
        let twice = json!({"allOf": [
            {"type": "object", "properties": {"a": {"type": "string"}}},
            {"type": "object", "properties": {"a": {"type": "integer"}}}
        ]});
        let scalar = json!({"allOf": [{"type": "string"}]});
        let mut doc = json!({"components": {"schemas": {"T": twice, "S": scalar}}});
        let before = doc.clone();
        flatten_all_of(&mut doc);
        assert_eq!(doc, before);
    }
}
