//! No import circles between the files of a crate (issue 18): when file A
//! uses file B, B must not use A, directly or through others. A circle
//! means neither file can be read, changed or moved without the other.
//!
//! The graph is built from the source text: every `use` and every inline
//! `crate::…` or `super::…` path (outside comments and test modules) is an
//! edge from the file to the deepest module file the path names. A module's
//! re-export of its own child's items (a facade: `pub use child::Item`) is
//! not an edge; a use through a parent is, so import an item from the file
//! that defines it.

mod common;

use common::rust_files;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The crates held to it: every one of the workspace.
const CRATES: &[&str] = &[
    "crates/api/src",
    "crates/store/src",
    "crates/domain/src",
    "crates/wire/src",
    "crates/secrets/src",
    "crates/demo/src",
    "crates/client/src",
    "frontend/src",
    "xtask/src",
    "bench/src",
];

type Module = Vec<String>;

/// The module a file holds: `routes/mod.rs` is `routes`, `lib.rs` the root.
fn module_of(root: &Path, file: &Path) -> Module {
    let relative = file.strip_prefix(root).unwrap_or(file);
    let mut parts: Module = relative
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    if parts == ["lib"] || parts == ["main"] {
        parts.clear();
    }
    parts
}

/// The code a file runs outside tests, without comments.
fn code_of(source: &str) -> String {
    let before_tests = source.split("#[cfg(test)]").next().unwrap_or_default();
    before_tests
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `a::{b, c::{d, e}}` as `a::b`, `a::c::d`, `a::c::e`.
fn expand(path: &str) -> Vec<String> {
    let Some(open) = path.find('{') else {
        return vec![path.to_owned()];
    };
    // Not a path (`use ` in a sentence): the braces do not enclose a list.
    let Some(close) = path.rfind('}').filter(|c| *c > open) else {
        return vec![];
    };
    let (base, inner) = (&path[..open], &path[open + 1..close]);
    let mut parts = vec![];
    let (mut depth, mut current) = (0, String::new());
    for c in inner.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        if c == ',' && depth == 0 {
            parts.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    parts.push(current);
    parts
        .iter()
        .filter(|p| !p.trim().is_empty())
        .flat_map(|p| expand(&format!("{base}{}", p.trim())))
        .collect()
}

/// Every path a file's code names: its `use` declarations and inline
/// `crate::…` paths; each with whether it is a re-export (`pub use`).
fn paths_in(code: &str) -> Vec<(String, bool)> {
    let mut paths = vec![];
    // The code without its `use` declarations, for the inline paths.
    let mut elsewhere = String::new();
    let mut rest = code;
    while let Some(at) = rest.find("use ") {
        let boundary = at == 0 || {
            let before = rest.as_bytes()[at - 1];
            !(before.is_ascii_alphanumeric() || before == b'_')
        };
        let after = &rest[at + 4..];
        let end = after.find(';').unwrap_or(after.len());
        if boundary {
            elsewhere.push_str(&rest[..at]);
            // Spaces out, but `x as y` kept apart.
            let declaration = (after[..end].split_whitespace())
                .collect::<Vec<_>>()
                .join(" ")
                .replace(" as ", "\u{1}")
                .replace(' ', "")
                .replace('\u{1}', " as ");
            let re_export = rest[..at].trim_end().ends_with(')') || rest[..at].ends_with("pub ");
            paths.extend(expand(&declaration).into_iter().map(|p| (p, re_export)));
        } else {
            elsewhere.push_str(&rest[..at + 4 + end]);
        }
        rest = &after[end..];
    }
    elsewhere.push_str(rest);
    for prefix in ["crate::", "super::"] {
        inline_paths(&elsewhere, prefix, &mut paths);
    }
    paths
}

/// The paths in `code` that start with `prefix` (`crate::`, `super::`).
fn inline_paths(code: &str, prefix: &str, paths: &mut Vec<(String, bool)>) {
    let mut rest = code;
    while let Some(at) = rest.find(prefix) {
        let boundary = at == 0 || {
            let before = rest.as_bytes()[at - 1];
            !(before.is_ascii_alphanumeric() || before == b'_' || before == b':')
        };
        let after = &rest[at..];
        let end = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
            .unwrap_or(after.len());
        if boundary {
            paths.push((after[..end].trim_end_matches(':').to_owned(), false));
        }
        rest = &after[end..];
    }
}

/// The module file `path`, used in module `from`, names, if it is one of the crate's.
fn target(path: &str, from: &Module, modules: &BTreeSet<Module>) -> Option<Module> {
    let path = path.split(" as ").next().unwrap_or(path);
    let mut segments: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
    let mut base: Module = match segments.first().copied() {
        Some("crate") => vec![],
        Some("super") => from[..from.len().saturating_sub(1)].to_vec(),
        Some("self") => from.clone(),
        Some(first) => {
            let mut child = from.clone();
            child.push(first.to_owned());
            if !modules.contains(&child) {
                return None;
            }
            segments.insert(0, "self");
            from.clone()
        }
        None => return None,
    };
    for s in segments.iter().skip(1) {
        match *s {
            "super" => {
                base.pop();
            }
            "self" => {}
            name => base.push(name.to_owned()),
        }
    }
    while !base.is_empty() {
        if modules.contains(&base) {
            return (base != *from).then_some(base);
        }
        base.pop();
    }
    None
}

/// The crate's import graph: module → the modules it uses.
fn graph_of(root: &Path) -> std::io::Result<BTreeMap<Module, BTreeSet<Module>>> {
    let mut files = vec![];
    rust_files(root, &mut files);
    let modules: BTreeMap<Module, PathBuf> = files
        .into_iter()
        .map(|f| (module_of(root, &f), f))
        .collect();
    let names: BTreeSet<Module> = modules.keys().cloned().collect();
    modules
        .iter()
        .map(|(module, file)| {
            let source = std::fs::read_to_string(file)?;
            // A module's re-export of its own child's items (a facade) is
            // not a use of the child.
            let uses = paths_in(&code_of(&source))
                .iter()
                .filter_map(|(p, re_export)| {
                    let t = target(p, module, &names)?;
                    let own_child = t.len() > module.len() && t.starts_with(module);
                    (!(t.is_empty() || *re_export && own_child)).then_some(t)
                })
                .collect();
            Ok((module.clone(), uses))
        })
        .collect()
}

/// The circles: strongly connected groups of more than one module (Tarjan).
fn circles(graph: &BTreeMap<Module, BTreeSet<Module>>) -> Vec<Vec<Module>> {
    struct Walk<'a> {
        graph: &'a BTreeMap<Module, BTreeSet<Module>>,
        index: BTreeMap<&'a Module, usize>,
        low: BTreeMap<&'a Module, usize>,
        stack: Vec<&'a Module>,
        on_stack: BTreeSet<&'a Module>,
        found: Vec<Vec<Module>>,
    }
    impl<'a> Walk<'a> {
        fn visit(&mut self, v: &'a Module) {
            let i = self.index.len();
            self.index.insert(v, i);
            self.low.insert(v, i);
            self.stack.push(v);
            self.on_stack.insert(v);
            for w in self.graph.get(v).into_iter().flatten() {
                if !self.graph.contains_key(w) {
                    continue;
                }
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let low = self.low[v].min(self.low[w]);
                    self.low.insert(v, low);
                } else if self.on_stack.contains(w) {
                    let low = self.low[v].min(self.index[w]);
                    self.low.insert(v, low);
                }
            }
            if self.low[v] == self.index[v] {
                let mut group = vec![];
                while let Some(w) = self.stack.pop() {
                    self.on_stack.remove(w);
                    group.push(w.clone());
                    if w == v {
                        break;
                    }
                }
                if group.len() > 1 {
                    group.sort();
                    self.found.push(group);
                }
            }
        }
    }
    let mut walk = Walk {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: vec![],
        on_stack: BTreeSet::new(),
        found: vec![],
    };
    for v in graph.keys() {
        if !walk.index.contains_key(v) {
            walk.visit(v);
        }
    }
    walk.found
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[test]
fn no_file_imports_a_file_that_imports_it_back() {
    let mut report = vec![];
    for dir in CRATES {
        let graph = graph_of(&workspace().join(dir)).expect("the sources");
        assert!(graph.len() > 1, "{dir}: the sources were found");
        for circle in circles(&graph) {
            let names: Vec<String> = circle.iter().map(|m| m.join("::")).collect();
            let edges: Vec<String> = circle
                .iter()
                .flat_map(|m| {
                    graph[m]
                        .iter()
                        .filter(|t| circle.contains(t))
                        .map(move |t| format!("{} -> {}", m.join("::"), t.join("::")))
                })
                .collect();
            report.push(format!(
                "{dir}: {}\n  {}",
                names.join(", "),
                edges.join("\n  ")
            ));
        }
    }
    assert!(report.is_empty(), "import circles:\n{}", report.join("\n"));
}

#[test]
fn the_graph_sees_uses_re_exports_and_circles() {
    let modules: BTreeSet<Module> = [vec![], vec!["a".to_owned()], vec!["a".into(), "b".into()]]
        .into_iter()
        .collect();
    let a = vec!["a".to_owned()];
    let b = vec!["a".to_owned(), "b".to_owned()];
    let paths = paths_in(
        "use crate::a::{b::Thing, Other};\nfn f() { crate::a::b::go(); super::c::d(); }\npub use b::X;",
    );
    let named: Vec<(&str, bool)> = paths.iter().map(|(p, r)| (p.as_str(), *r)).collect();
    assert_eq!(
        named,
        [
            ("crate::a::b::Thing", false),
            ("crate::a::Other", false),
            ("b::X", true),
            ("crate::a::b::go", false),
            ("super::c::d", false)
        ]
    );
    assert_eq!(
        target("crate::a::b::Thing", &vec![], &modules),
        Some(b.clone())
    );
    assert_eq!(target("b::Thing", &a, &modules), Some(b.clone()), "a child");
    assert_eq!(target("super::Item", &b, &modules), Some(a.clone()));
    assert_eq!(target("std::fmt", &a, &modules), None);
    let graph: BTreeMap<Module, BTreeSet<Module>> = [
        (a.clone(), [b.clone()].into_iter().collect()),
        (b.clone(), [a.clone()].into_iter().collect()),
    ]
    .into_iter()
    .collect();
    assert_eq!(circles(&graph), vec![vec![a.clone(), b.clone()]]);
    let one_way: BTreeMap<Module, BTreeSet<Module>> = [
        (a.clone(), [b.clone()].into_iter().collect()),
        (b, BTreeSet::new()),
    ]
    .into_iter()
    .collect();
    assert!(circles(&one_way).is_empty());
    assert_eq!(
        code_of("// crate::x\nuse y;\n#[cfg(test)]\nuse z;"),
        "use y;"
    );
}
