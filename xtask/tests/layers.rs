//! The use-case layer (`crates/api/src/use_cases/`) knows no HTTP and never
//! reaches up into the handlers (`routes/`): a handler calls a use case, never
//! the other way round; and a handler reaches the store only through a use
//! case.

mod common;

use common::rust_files;
use std::path::Path;

/// The lines of `source` that are code, not comments.
fn code_lines(source: &str) -> impl Iterator<Item = (usize, &str)> {
    source
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim_start().starts_with("//"))
        .map(|(n, l)| (n + 1, l))
}

/// Whether a line of code names the `routes` module, however it is imported
/// (`crate::routes::x`, `use crate::{routes::x, ...}`).
fn mentions_routes(line: &str) -> bool {
    line.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .any(|word| word == "routes")
}

fn offences(source: &str) -> Vec<String> {
    code_lines(source)
        .filter(|(_, l)| {
            l.contains("actix_web") || mentions_routes(l) || l.contains("super::super")
        })
        .map(|(n, l)| format!("line {n}: {}", l.trim()))
        .collect()
}

/// Every line that `check` finds in the Rust files of `folder` (under
/// `crates/api/src`, at least `at_least` files), named by file.
fn found_in(folder: &str, at_least: usize, check: fn(&str) -> Vec<String>) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../crates/api/src")
        .join(folder);
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    assert!(files.len() >= at_least, "{folder} is in {}", root.display());
    let mut found = Vec::new();
    for file in files {
        let source = std::fs::read_to_string(&file)
            .unwrap_or_else(|e| panic!("reading {}: {e}", file.display()));
        for line in check(&source) {
            found.push(format!("{}: {line}", file.display()));
        }
    }
    found
}

#[test]
fn use_cases_know_no_http_and_never_import_a_handler() {
    let found = found_in("use_cases", 4, offences);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_check_sees_an_import_of_a_handler_or_of_http_but_not_a_comment() {
    let source = "//! no `actix_web` here\nuse crate::routes::participants;\nuse actix_web::web;\nuse crate::{error::ApiError, routes::x};\nlet reroutes = 1;\nfn f() {}";
    assert_eq!(
        offences(source),
        [
            "line 2: use crate::routes::participants;",
            "line 3: use actix_web::web;",
            "line 4: use crate::{error::ApiError, routes::x};",
        ]
    );
}

/// What a handler may name of the store: the connection type its use case
/// takes, and which door a sign-in came through (for the throttle).
const STORE_ITEMS_HANDLERS_MAY_NAME: [&str; 2] = [
    "stige_store::DbConnection",
    "stige_store::sign_in_attempts::Door",
];

/// The lines of a handler's `source` that reach into the store themselves
/// instead of through a use case.
fn store_calls(source: &str) -> Vec<String> {
    code_lines(source)
        .filter(|(_, l)| {
            let mut rest = l.to_string();
            for allowed in STORE_ITEMS_HANDLERS_MAY_NAME {
                rest = rest.replace(allowed, "");
            }
            rest.contains("stige_store")
        })
        .map(|(n, l)| format!("line {n}: {}", l.trim()))
        .collect()
}

#[test]
fn handlers_reach_the_store_only_through_use_cases() {
    let found = found_in("routes", 10, store_calls);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_store_check_sees_a_store_call_but_not_the_connection_type_or_a_comment() {
    let source = "use stige_store::DbConnection;\n// stige_store::goals here\nlet g = stige_store::goals::get(conn, id)?;\nuse stige_store::sign_in_attempts::Door;\nuse stige_store::{DbConnection, users};";
    assert_eq!(
        store_calls(source),
        [
            "line 3: let g = stige_store::goals::get(conn, id)?;",
            "line 5: use stige_store::{DbConnection, users};",
        ]
    );
}

#[test]
fn the_readme_names_every_use_case_file() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates/api/src/use_cases");
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md"))
            .unwrap();
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let missing: Vec<String> = files
        .iter()
        .filter_map(|f| f.file_name()?.to_str().map(str::to_owned))
        .filter(|name| name != "mod.rs")
        .filter(|name| !readme.contains(&format!("| `{name}` |")))
        .collect();
    assert!(
        missing.is_empty(),
        "the README's table of use cases lacks {missing:?}"
    );
}
