//! Each programme's word for a participant (issue 24): Portalen says
//! "medarbeider", Porten "deltagare". The web app's texts use one default
//! word per language (`deltaker`, `deltagare`, `participant`, as the glossary
//! `frontend/locales/glossary.txt` holds them); an organisation's own word
//! replaces it, in every form, in the organisation's language.
//!
//! The word is given in its base form and inflected like the default: the
//! default's stem is swapped for the word's (`deltakeren` → `medarbeideren`,
//! `deltagarna` → `medarbetarna`, `participants` → `co-workers`), with the
//! capital kept where a text starts with it.

/// The default word for a participant in `lang` (`nb`, `sv`, `en`).
pub fn default_word(lang: &str) -> Option<&'static str> {
    match lang {
        "nb" => Some("deltaker"),
        "sv" => Some("deltagare"),
        "en" => Some("participant"),
        _ => None,
    }
}

/// The part of a word its forms share: Swedish `-are` nouns drop the `e`
/// (`deltagare`, `deltagaren`, `deltagarna`).
fn stem<'a>(lang: &str, word: &'a str) -> &'a str {
    if lang == "sv" {
        word.strip_suffix('e').unwrap_or(word)
    } else {
        word
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// `text` in `lang` with the default word for a participant replaced by
/// `word` in each of its forms. Unchanged when `word` is empty or the default.
pub fn with_participant_word(lang: &str, text: &str, word: &str) -> String {
    let word = word.trim().to_lowercase();
    let Some(default) = default_word(lang) else {
        return text.to_owned();
    };
    if word.is_empty() || word == default {
        return text.to_owned();
    }
    let (from, to) = (stem(lang, default), stem(lang, &word));
    text.replace(from, to)
        .replace(&capitalised(from), &capitalised(to))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_norwegian_form_takes_the_programmes_word() {
        assert_eq!(
            with_participant_word(
                "nb",
                "Deltakere: ny deltaker, deltakerens mål, deltakerne",
                "medarbeider"
            ),
            "Medarbeidere: ny medarbeider, medarbeiderens mål, medarbeiderne"
        );
        // "deltakelse" (participation) is another word.
        assert_eq!(
            with_participant_word("nb", "Deltakelse", "medarbeider"),
            "Deltakelse"
        );
    }

    #[test]
    fn swedish_and_english_forms_follow() {
        assert_eq!(
            with_participant_word("sv", "Deltagare, deltagaren, deltagarna", "medarbetare"),
            "Medarbetare, medarbetaren, medarbetarna"
        );
        assert_eq!(
            with_participant_word("en", "Participants: a participant's goals", "co-worker"),
            "Co-workers: a co-worker's goals"
        );
    }

    #[test]
    fn the_default_or_no_word_changes_nothing() {
        for lang in ["nb", "sv", "en", "de"] {
            let text = "Deltaker deltagare participant";
            assert_eq!(with_participant_word(lang, text, ""), text);
            if let Some(d) = default_word(lang) {
                assert_eq!(with_participant_word(lang, text, d), text);
            }
        }
    }
}
