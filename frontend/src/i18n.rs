//! One i18n layer (Fluent) for every string: Norwegian bokmål, Swedish and
//! English. The language comes from the browser, can be switched, and is
//! remembered in localStorage.
//!
//! The texts are not in the wasm: `cargo xtask build-web` joins each
//! language's `locales/<lang>/*.ftl` into one content-named file and names it
//! in `index.html` (`<meta name="stige-locale-nb" content="/nb-<hash>.ftl">`).
//! The app fetches the reader's language when it starts, and another when the
//! reader switches to it; the locales test keeps every language's keys equal.

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use unic_langid::{LanguageIdentifier, langid};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

thread_local! {
    /// The languages fetched so far.
    static BUNDLES: RefCell<HashMap<Lang, Rc<FluentBundle<FluentResource>>>> =
        RefCell::new(HashMap::new());
}

const STORAGE_KEY: &str = "stige.lang";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
    /// The language shown; set once its texts are fetched.
    lang: RwSignal<Lang>,
    /// The language last asked for: a switch applies only if no later one came.
    wanted: StoredValue<Lang>,
    /// Whether the first language's texts have come (or failed to come).
    ready: RwSignal<bool>,
    /// The signed-in staff member's organisation's word for a participant,
    /// in the organisation's language.
    word: RwSignal<Option<(Lang, String)>>,
}

impl I18n {
    pub fn provide() -> Self {
        let first = initial_lang();
        let i18n = Self {
            lang: RwSignal::new(first),
            wanted: StoredValue::new(first),
            ready: RwSignal::new(false),
            word: RwSignal::new(None),
        };
        leptos::task::spawn_local(async move {
            // The reader's language, else English; only if neither comes
            // does the app show its keys.
            for lang in [first, Lang::En] {
                match fetch_texts(lang).await {
                    Ok(()) => {
                        i18n.wanted.set_value(lang);
                        i18n.lang.set(lang);
                        break;
                    }
                    Err(e) => web_sys::console::error_1(&e),
                }
            }
            i18n.ready.set(true);
        });
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

    /// Whether the texts of the first language are here (tracked).
    pub fn ready(self) -> bool {
        self.ready.get()
    }

    pub fn lang(self) -> Lang {
        self.lang.get()
    }

    /// Switches to `lang` once its texts are fetched (see [`I18n::switch`]).
    pub fn set(self, lang: Lang) {
        leptos::task::spawn_local(self.switch(lang));
    }

    /// Switches to `lang` once its texts are fetched (at once if they are),
    /// unless another language was asked for meanwhile; done when it is
    /// shown, so a page can wait for it before showing a form. The choice is
    /// remembered at once, so a reload right after it keeps it; if the texts
    /// do not come, the language shown stays and is remembered again.
    pub async fn switch(self, lang: Lang) {
        self.wanted.set_value(lang);
        if let Some(s) = local_storage() {
            let _ = s.set_item(STORAGE_KEY, lang.code());
        }
        let fetched = fetch_texts(lang).await;
        if self.wanted.get_value() != lang {
            return;
        }
        match fetched {
            Ok(()) => self.lang.set(lang),
            Err(e) => {
                web_sys::console::error_1(&e);
                let shown = self.lang.get_untracked();
                self.wanted.set_value(shown);
                // Shown again, so the language menu shows it too.
                self.lang.set(shown);
            }
        }
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
        self.t_with(key, &[])
    }

    /// The text for `key` with named arguments (the key itself while the
    /// language's texts are not here).
    pub fn t_with(self, key: &str, args: &[(&'static str, String)]) -> String {
        self.try_t_with(key, args).unwrap_or_else(|| key.to_owned())
    }

    /// Like [`I18n::t_with`], but `None` for a key the language does not have.
    pub fn try_t_with(self, key: &str, args: &[(&'static str, String)]) -> Option<String> {
        let lang = self.lang.get();
        self.ready.track();
        let text = lookup(lang, key, args)?;
        Some(self.in_own_words(lang, text))
    }
}

/// The text for `key` in `lang` with `args`, if that language is fetched and has it.
fn lookup(lang: Lang, key: &str, args: &[(&'static str, String)]) -> Option<String> {
    let bundle = BUNDLES.with(|b| b.borrow().get(&lang).cloned())?;
    let pattern = bundle.get_message(key)?.value()?;
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        fluent_args.set(*name, FluentValue::from(value.clone()));
    }
    let mut errors = vec![];
    let args = (!args.is_empty()).then_some(&fluent_args);
    Some(
        bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned(),
    )
}

/// Fetches `lang`'s texts (the file `index.html` names) unless they are here.
async fn fetch_texts(lang: Lang) -> Result<(), wasm_bindgen::JsValue> {
    if BUNDLES.with(|b| b.borrow().contains_key(&lang)) {
        return Ok(());
    }
    let window = web_sys::window().ok_or("no window")?;
    let url = window
        .document()
        .and_then(|d| {
            d.query_selector(&format!("meta[name=stige-locale-{}]", lang.code()))
                .ok()
                .flatten()
        })
        .and_then(|meta| meta.get_attribute("content"))
        .ok_or("index.html names no file for the language")?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(&url))
        .await?
        .dyn_into()?;
    if !response.ok() {
        return Err(format!("{url} answered {}", response.status()).into());
    }
    let text = JsFuture::from(response.text()?)
        .await?
        .as_string()
        .unwrap_or_default();
    // Not the texts (say a page instead of a file a newer build replaced):
    // refused, so the language is fetched again when next asked for.
    let resource = FluentResource::try_new(text)
        .map_err(|_| format!("{url} holds no texts in Fluent's syntax"))?;
    if resource.entries().next().is_none() {
        return Err(format!("{url} holds no texts").into());
    }
    let mut bundle = FluentBundle::new(vec![lang.id()]);
    bundle.set_use_isolating(false);
    bundle
        .add_resource(resource)
        .map_err(|_| format!("{url} defines a text twice"))?;
    BUNDLES.with(|b| b.borrow_mut().insert(lang, Rc::new(bundle)));
    Ok(())
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// Shorthand inside `view!`: `{t("key")}` re-renders when the language changes.
pub fn t(key: &'static str) -> impl Fn() -> String + Copy + 'static {
    let i18n = use_i18n();
    move || i18n.t(key)
}
