//! One i18n layer (Fluent, via fluent-templates) for every string: Norwegian bokmål,
//! Swedish and English. The language comes from the browser, can be switched, and is
//! remembered in localStorage.

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{Loader, static_loader};
use leptos::prelude::*;
use std::borrow::Cow;
use std::collections::HashMap;
use unic_langid::{LanguageIdentifier, langid};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

const STORAGE_KEY: &str = "stige.lang";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Nb,
    Sv,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Nb, Lang::Sv, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Nb => "nb",
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Nb => "Norsk bokmål",
            Lang::Sv => "Svenska",
            Lang::En => "English",
        }
    }

    fn id(self) -> LanguageIdentifier {
        match self {
            Lang::Nb => langid!("nb"),
            Lang::Sv => langid!("sv"),
            Lang::En => langid!("en"),
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.split(['-', '_']).next().unwrap_or("").to_lowercase();
        match primary.as_str() {
            "nb" | "no" | "nn" => Some(Lang::Nb),
            "sv" => Some(Lang::Sv),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The remembered language, else the browser's first known one, else English.
fn initial_lang() -> Lang {
    if let Some(lang) = local_storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|c| Lang::from_code(&c))
    {
        return lang;
    }
    let navigator = web_sys::window().map(|w| w.navigator());
    let languages: Vec<String> = navigator
        .map(|n| {
            n.languages()
                .iter()
                .filter_map(|v| v.as_string())
                .chain(n.language())
                .collect()
        })
        .unwrap_or_default();
    languages
        .iter()
        .find_map(|c| Lang::from_code(c))
        .unwrap_or(Lang::En)
}

/// The current language, shared through context.
#[derive(Clone, Copy)]
pub struct I18n {
    lang: RwSignal<Lang>,
    /// The signed-in staff member's organisation's word for a participant,
    /// in the organisation's language.
    word: RwSignal<Option<(Lang, String)>>,
}

impl I18n {
    pub fn provide() -> Self {
        let i18n = Self {
            lang: RwSignal::new(initial_lang()),
            word: RwSignal::new(None),
        };
        Effect::new(move |_| {
            let lang = i18n.lang.get();
            if let Some(s) = local_storage() {
                let _ = s.set_item(STORAGE_KEY, lang.code());
            }
            if let Some(html) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                let _ = html.set_attribute("lang", lang.code());
            }
        });
        provide_context(i18n);
        i18n
    }

    pub fn lang(self) -> Lang {
        self.lang.get()
    }

    pub fn set(self, lang: Lang) {
        self.lang.set(lang);
    }

    /// Uses the organisation's word for a participant (`word`, in the
    /// organisation's language `lang`), or the default words (`None`).
    pub fn set_participant_word(self, word: Option<(Lang, String)>) {
        if self.word.get_untracked() != word {
            self.word.set(word);
        }
    }

    /// `text` with the organisation's word for a participant, when the
    /// reader reads the organisation's language.
    fn in_own_words(self, lang: Lang, text: String) -> String {
        self.word.with(|w| match w {
            Some((l, word)) if *l == lang => {
                stige_domain::programme_words::with_participant_word(lang.code(), &text, word)
            }
            _ => text,
        })
    }

    /// The text for `key` in the current language (tracked: re-renders on switch).
    pub fn t(self, key: &str) -> String {
        let lang = self.lang.get();
        self.in_own_words(lang, LOCALES.lookup(&lang.id(), key))
    }

    /// The text for `key` with named arguments.
    pub fn t_with(self, key: &str, args: &[(&'static str, String)]) -> String {
        let lang = self.lang.get();
        let text = LOCALES.lookup_with_args(&lang.id(), key, &fluent_args(args));
        self.in_own_words(lang, text)
    }

    /// Like [`I18n::t_with`], but `None` for a key no language has.
    pub fn try_t_with(self, key: &str, args: &[(&'static str, String)]) -> Option<String> {
        let lang = self.lang.get();
        LOCALES
            .try_lookup_with_args(&lang.id(), key, &fluent_args(args))
            .map(|text| self.in_own_words(lang, text))
    }
}

fn fluent_args(
    args: &[(&'static str, String)],
) -> HashMap<Cow<'static, str>, FluentValue<'static>> {
    args.iter()
        .map(|(k, v)| (Cow::Borrowed(*k), FluentValue::from(v.clone())))
        .collect()
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// Shorthand inside `view!`: `{t("key")}` re-renders when the language changes.
pub fn t(key: &'static str) -> impl Fn() -> String + Copy + 'static {
    let i18n = use_i18n();
    move || i18n.t(key)
}
