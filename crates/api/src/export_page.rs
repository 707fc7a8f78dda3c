//! The export of everything held about a person as a page to read and print,
//! in the language of the person's programme. Every item of the JSON export is
//! shown: the sections in the export's order, each value under its field's
//! name (translated where the name has a translation, else spelt out).

use fluent_bundle::FluentResource;
use fluent_bundle::concurrent::FluentBundle;
use maud::{DOCTYPE, Markup, html};
use serde_json::Value;
use std::sync::LazyLock;
use stige_wire::ParticipantExport;
use unic_langid::LanguageIdentifier;

/// The language of the page: `nb`, `sv`, else English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lang {
    Nb = 0,
    Sv = 1,
    En = 2,
}

impl Lang {
    fn of(code: &str) -> Self {
        match code {
            "nb" | "nn" | "no" => Lang::Nb,
            "sv" => Lang::Sv,
            _ => Lang::En,
        }
    }

    fn code(self) -> &'static str {
        match self {
            Lang::Nb => "nb",
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }
}

/// The export's section and field names in each language
/// (`crates/api/locales/<lang>/export.ftl`), read once.
static WORDS: LazyLock<[Words; 3]> = LazyLock::new(|| {
    [
        words(Lang::Nb, include_str!("../locales/nb/export.ftl")),
        words(Lang::Sv, include_str!("../locales/sv/export.ftl")),
        words(Lang::En, include_str!("../locales/en/export.ftl")),
    ]
});

type Words = FluentBundle<FluentResource>;

/// The words of `lang` from its Fluent file; a file that does not parse
/// leaves its words out (every field is then spelt out), which a test
/// forbids.
fn words(lang: Lang, ftl: &str) -> Words {
    let id: LanguageIdentifier = lang.code().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    bundle.set_use_isolating(false);
    if let Ok(resource) = FluentResource::try_new(ftl.to_owned()) {
        // Keys are unique in the file: nothing is overridden.
        let _ = bundle.add_resource(resource);
    }
    bundle
}

fn word(lang: Lang, key: &str) -> Option<String> {
    let bundle = &WORDS[lang as usize];
    let pattern = bundle.get_message(key)?.value()?;
    let mut errors = Vec::new();
    Some(
        bundle
            .format_pattern(pattern, None, &mut errors)
            .into_owned(),
    )
}

/// A field's name as read: its translation, else `national_id_kind` → "National id kind".
fn label(lang: Lang, key: &str) -> String {
    if let Some(w) = word(lang, key) {
        return w;
    }
    let spaced = key.replace('_', " ");
    let mut chars = spaced.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The page for `export`, in language `code`.
pub fn render(export: &ParticipantExport, code: &str) -> String {
    let lang = Lang::of(code);
    let whole = serde_json::to_value(export).unwrap_or(Value::Null);
    let name = format!(
        "{} {}",
        export.participant.given_name, export.participant.family_name
    );
    let title = format!("{} {name}", label(lang, "title"));
    let generated = stige_wire::utc::format(&export.generated_at);
    let sections = match &whole {
        Value::Object(map) => map
            .iter()
            .filter(|(key, _)| key.as_str() != "generated_at")
            .map(|(key, value)| (key.clone(), value.clone()))
            .collect(),
        _ => vec![],
    };
    let page: Markup = html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                style { (STYLE) }
            }
            body {
                main {
                    h1 { (title) }
                    p { (label(lang, "intro")) " " time datetime=(generated) { (generated) } "." }
                    @for (key, value) in &sections {
                        section {
                            h2 { (label(lang, key)) }
                            (value_markup(lang, value))
                        }
                    }
                }
            }
        }
    };
    page.into_string()
}

fn value_markup(lang: Lang, value: &Value) -> Markup {
    match value {
        Value::Null => html! { span.none { "–" } },
        Value::Bool(b) => html! { (if *b { "✓" } else { "✗" }) },
        Value::Number(n) => html! { (n.to_string()) },
        Value::String(s) => html! { (s) },
        Value::Array(items) if items.is_empty() => html! { span.none { (label(lang, "none")) } },
        Value::Array(items) if items.iter().all(|i| !i.is_object() && !i.is_array()) => {
            let joined: Vec<String> = items.iter().map(scalar).collect();
            html! { (joined.join(", ")) }
        }
        Value::Array(items) => html! {
            ol {
                @for item in items {
                    li { (value_markup(lang, item)) }
                }
            }
        },
        Value::Object(map) => html! {
            dl {
                @for (key, v) in map.iter().filter(|(_, v)| !v.is_null()) {
                    dt { (label(lang, key)) }
                    dd { (value_markup(lang, v)) }
                }
            }
        },
    }
}

fn scalar(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;line-height:1.45;color:#111;margin:0}\
main{max-width:52rem;margin:0 auto;padding:1.5rem}\
h2{border-bottom:1px solid #999;margin-top:2rem}\
dl{display:grid;grid-template-columns:minmax(9rem,max-content) 1fr;gap:.2rem 1rem;margin:.3rem 0}\
dt{font-weight:600}dd{margin:0}ol{padding-left:1.4rem}li{margin:.4rem 0;break-inside:avoid}\
.none{color:#555}@media print{main{max-width:none;padding:0}h2{break-after:avoid}}";

#[cfg(test)]
mod tests {
    use super::*;

    /// The message ids of a Fluent file, in order.
    fn ids(ftl: &str) -> Vec<&str> {
        ftl.lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| l.split_once(" = ").map(|(id, _)| id))
            .collect()
    }

    #[test]
    fn every_language_names_the_same_words_and_each_file_parses() {
        let nb = include_str!("../locales/nb/export.ftl");
        let sv = include_str!("../locales/sv/export.ftl");
        let en = include_str!("../locales/en/export.ftl");
        assert_eq!(ids(nb), ids(sv));
        assert_eq!(ids(nb), ids(en));
        for (lang, ftl) in [(Lang::Nb, nb), (Lang::Sv, sv), (Lang::En, en)] {
            assert!(FluentResource::try_new(ftl.to_owned()).is_ok(), "{lang:?}");
            for id in ids(ftl) {
                assert!(word(lang, id).is_some(), "{lang:?} {id}");
            }
        }
    }

    #[test]
    fn a_field_reads_in_the_page_language_or_is_spelt_out() {
        assert_eq!(label(Lang::Nb, "national_id"), "Fødselsnummer");
        assert_eq!(label(Lang::Sv, "national_id"), "Personnummer");
        assert_eq!(label(Lang::En, "follow_ups"), "Follow-ups");
        assert_eq!(label(Lang::En, "national_id_kind"), "National id kind");
        assert_eq!(label(Lang::of("nn"), "none"), "Ingen");
    }
}
