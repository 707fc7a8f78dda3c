//! The web app's translations are complete: every language has the same keys, and
//! every key the code asks for exists.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn frontend() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../frontend")
}

/// Every `.ftl` file of a language, one after the other (the web app loads
/// them all into one bundle).
fn ftl_text(lang: &str) -> String {
    let mut files: Vec<PathBuf> = std::fs::read_dir(frontend().join("locales").join(lang))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap_or_default() + "\n")
        .collect()
}

fn keys(lang: &str) -> BTreeSet<String> {
    let text = ftl_text(lang);
    text.lines()
        .filter_map(|l| l.split_once(" = ").map(|(k, _)| k.trim()))
        .filter(|k| {
            !k.is_empty()
                && k.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
        .map(str::to_owned)
        .collect()
}

fn rust_sources(dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(std::fs::read_to_string(&path).unwrap_or_default());
        }
    }
}

/// Keys used literally as `t("key")`, `.t("key")` or `t_with("key"`.
fn used_keys() -> BTreeSet<String> {
    let mut sources = vec![];
    rust_sources(&frontend().join("src"), &mut sources);
    let mut used = BTreeSet::new();
    for source in sources {
        for line in source.lines().filter(|l| !l.trim_start().starts_with("//")) {
            for pattern in ["t(\"", "t_with(\""] {
                for (i, _) in line.match_indices(pattern) {
                    // `get("id")` ends in `t("` too: require a word boundary before `t`.
                    let before = line[..i].chars().last();
                    if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
                        continue;
                    }
                    let rest = &line[i + pattern.len()..];
                    if let Some(end) = rest.find('"') {
                        let key = &rest[..end];
                        if !key.is_empty()
                            && key
                                .chars()
                                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                        {
                            used.insert(key.to_owned());
                        }
                    }
                }
            }
        }
    }
    used
}

#[test]
fn every_language_has_the_same_keys() {
    let en = keys("en");
    assert!(en.len() > 100, "English has {} keys", en.len());
    for lang in ["nb", "sv"] {
        let other = keys(lang);
        let missing: Vec<_> = en.difference(&other).collect();
        let extra: Vec<_> = other.difference(&en).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{lang}: missing {missing:?}, extra {extra:?}"
        );
    }
}

#[test]
fn every_key_the_web_app_uses_is_translated() {
    let en = keys("en");
    let missing: Vec<_> = used_keys()
        .into_iter()
        .filter(|k| !en.contains(k))
        .collect();
    assert!(missing.is_empty(), "untranslated keys: {missing:?}");
}

#[test]
fn every_enum_value_shown_in_the_web_app_is_translated() {
    let en = keys("en");
    let expected = [
        (
            "status",
            vec!["referred", "in-assessment", "active", "paused", "exited"],
        ),
        (
            "demand",
            vec!["low", "moderate", "work-like", "ordinary-work"],
        ),
        ("role", vec!["admin", "coordinator", "mentor", "viewer"]),
        (
            "mark",
            vec![
                "present",
                "absent-with-notice",
                "absent-without-notice",
                "sent-home",
                "not-scheduled",
            ],
        ),
        (
            "goal-status",
            vec!["active", "reached", "dropped", "replaced"],
        ),
        ("direction", vec!["start", "up", "down"]),
        (
            "partner-kind",
            vec![
                "municipality",
                "public-agency",
                "employers-association",
                "other",
            ],
        ),
        (
            "category-share",
            vec![
                "enrolment-status",
                "current-step",
                "attendance-rate",
                "goals-summary",
                "outcome",
            ],
        ),
        (
            "referral",
            vec![
                "received",
                "in-assessment",
                "accepted",
                "waiting-list",
                "declined",
                "withdrawn",
            ],
        ),
        (
            "decline",
            vec![
                "not-in-target-group",
                "needs-other-measure",
                "no-places",
                "person-declined",
                "no-contact",
                "other",
            ],
        ),
        (
            "placement",
            vec![
                "proposed",
                "awaiting-employer",
                "confirmed",
                "declined",
                "active",
                "completed",
                "ended-early",
            ],
        ),
        (
            "placement-kind",
            vec!["internship", "work-trial", "employment"],
        ),
        (
            "rating",
            vec![
                "attendance",
                "punctuality",
                "cooperation",
                "quality",
                "1",
                "2",
                "3",
                "4",
            ],
        ),
        ("outbox", vec!["kept", "pending", "sent", "failed"]),
        ("employer-link", vec!["unknown", "used", "slow-down"]),
    ];
    for (prefix, values) in expected {
        for v in values {
            let key = format!("{prefix}-{v}");
            assert!(en.contains(&key), "{key} missing");
        }
    }
}

#[test]
fn every_server_message_code_is_translated() {
    // The web app shows a server message by its code as `problem-{code}`.
    let en = keys("en");
    let missing: Vec<String> = stige_domain::message_code::all_codes()
        .into_iter()
        .map(|code| format!("problem-{code}"))
        .filter(|key| !en.contains(key))
        .collect();
    assert!(missing.is_empty(), "untranslated codes: {missing:?}");
}

#[test]
fn no_language_defines_a_key_twice() {
    // Fluent refuses a bundle with a key defined twice, and the web app would not start.
    for lang in ["en", "nb", "sv"] {
        let text = ftl_text(lang);
        let mut seen = BTreeSet::new();
        let twice: Vec<&str> = text
            .lines()
            .filter_map(|l| l.split_once(" = ").map(|(k, _)| k))
            .filter(|k| !k.starts_with(' ') && !k.starts_with('#'))
            .filter(|k| !seen.insert(*k))
            .collect();
        assert!(twice.is_empty(), "{lang} defines twice: {twice:?}");
    }
}

/// (language, term, words to avoid, allowed phrases) from the glossary.
fn glossary() -> Vec<(String, String, Vec<String>, Vec<String>)> {
    // A missing file leaves the glossary empty, which its test refuses.
    let text = std::fs::read_to_string(frontend().join("locales").join("glossary.txt"))
        .unwrap_or_default();
    let list = |s: &str| -> Vec<String> {
        s.split(',')
            .map(|w| w.trim().to_lowercase())
            .filter(|w| !w.is_empty())
            .collect()
    };
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|l| {
            let parts: Vec<&str> = l.split('|').map(str::trim).collect();
            assert!(parts.len() == 4, "four fields in the glossary line {l:?}");
            (
                parts[0].to_owned(),
                parts[1].to_lowercase(),
                list(parts[2]),
                list(parts[3]),
            )
        })
        .collect()
}

/// Whether `word` occurs in `text` as a word or the start of one (so
/// "medarbeidere" counts for "medarbeider"), outside the allowed phrases.
fn uses(text: &str, word: &str, allowed: &[String]) -> bool {
    let mut text = text.to_lowercase();
    for phrase in allowed {
        text = text.replace(phrase.as_str(), " ");
    }
    text.match_indices(word).any(|(i, _)| {
        text[..i]
            .chars()
            .last()
            .is_none_or(|c| !c.is_alphanumeric())
    })
}

#[test]
fn no_language_mixes_the_terms_of_the_glossary() {
    let entries = glossary();
    assert!(entries.len() >= 6, "the glossary has its entries");
    let mut mixed = vec![];
    for (lang, term, avoid, allowed) in &entries {
        let text = ftl_text(lang);
        for line in text.lines().filter(|l| l.contains(" = ")) {
            let (key, value) = line.split_once(" = ").unwrap_or_default();
            // The hint that names the words an organisation may choose.
            if key.trim() == "participant-word-hint" {
                continue;
            }
            for word in avoid {
                if uses(value, word, allowed) {
                    mixed.push(format!(
                        "{lang} {key}: \"{word}\" where the glossary says \"{term}\""
                    ));
                }
            }
        }
    }
    assert!(mixed.is_empty(), "mixed terms:\n{}", mixed.join("\n"));
}

#[test]
fn the_glossary_check_finds_a_word_to_avoid_and_spares_allowed_phrases() {
    let allowed = vec!["neste lille steg".to_owned()];
    assert!(uses("Flytt til neste steg", "steg", &allowed));
    assert!(!uses("Neste lille steg", "steg", &allowed));
    assert!(!uses("Fire trinn", "steg", &allowed));
    assert!(uses("Medarbeidere", "medarbeider", &[]));
    assert!(!uses("Nye samarbeidere", "medarbeider", &[]));
}
