//! The messages Stige sends employers and partners' follow-up services, in their
//! language.
//!
//! An e-mail passes many servers, so it names no participant and says nothing
//! about health: the employer learns who the placement is for on the link's page,
//! the follow-up service from the programme when it gets in touch (or from its
//! own system, through the events feed).
//! The outbox keeps a message with its link as `/employer/…` ([`without_tokens`]);
//! the mailer puts the real link back in ([`with_link`]) only when it sends.

use stige_domain::placement::Language;
use stige_wire::InvitationPurpose;

/// What a message needs to say.
#[derive(Debug, Clone)]
pub struct Invitation<'a> {
    pub purpose: InvitationPurpose,
    pub language: Language,
    pub contact_name: &'a str,
    pub role: &'a str,
    pub period: (chrono::NaiveDate, chrono::NaiveDate),
    pub link: &'a str,
    pub expires: chrono::NaiveDate,
    pub staff_name: &'a str,
}

/// Subject and body templates; `{name}` stands for a value of the invitation.
fn templates(language: Language, purpose: InvitationPurpose) -> (&'static str, &'static str) {
    match (language, purpose) {
        (Language::Nb, InvitationPurpose::Confirm) => (
            "Praksisplass hos dere: vil dere bekrefte?",
            "Hei {contact},\n\nVi foreslår en praksisplass hos dere som {role} fra {from} til {to}.\n\
             Hvem den gjelder og alt dere trenger, ser dere på lenken. \
             Bekreft eller avslå der (ingen innlogging): {link}\n\n\
             Lenken gjelder til {expires}.\n\nVennlig hilsen\n{staff}",
        ),
        (Language::Nb, InvitationPurpose::Completion) => (
            "En praksisperiode hos dere nærmer seg slutten",
            "Hei {contact},\n\nPraksisperioden som {role} slutter {to}.\n\
             Fortell oss hvordan det gikk her (ingen innlogging): {link}\n\n\
             Lenken gjelder til {expires}.\n\nVennlig hilsen\n{staff}",
        ),
        (Language::Sv, InvitationPurpose::Confirm) => (
            "Praktikplats hos er: vill ni bekräfta?",
            "Hej {contact},\n\nVi föreslår en praktikplats hos er som {role} från {from} till {to}.\n\
             Vem den gäller och allt ni behöver ser ni via länken. \
             Bekräfta eller avböj där (ingen inloggning): {link}\n\n\
             Länken gäller till {expires}.\n\nVänliga hälsningar\n{staff}",
        ),
        (Language::Sv, InvitationPurpose::Completion) => (
            "En praktikperiod hos er närmar sig slutet",
            "Hej {contact},\n\nPraktikperioden som {role} slutar {to}.\n\
             Berätta hur det gick här (ingen inloggning): {link}\n\n\
             Länken gäller till {expires}.\n\nVänliga hälsningar\n{staff}",
        ),
        (Language::En, InvitationPurpose::Confirm) => (
            "A placement with you: will you confirm it?",
            "Hello {contact},\n\nWe propose a placement with you as {role} from {from} to {to}.\n\
             Who it is for, and all you need, is on the link's page. \
             Confirm or decline there (no login needed): {link}\n\n\
             The link is valid until {expires}.\n\nKind regards\n{staff}",
        ),
        (Language::En, InvitationPurpose::Completion) => (
            "A placement with you is ending",
            "Hello {contact},\n\nThe placement as {role} ends on {to}.\n\
             Tell us how it went here (no login needed): {link}\n\n\
             The link is valid until {expires}.\n\nKind regards\n{staff}",
        ),
    }
}

/// Subject and body.
pub fn invitation(m: &Invitation<'_>) -> (String, String) {
    let (subject, body) = templates(m.language, m.purpose);
    let (from, to) = m.period;
    let values = [
        ("contact", m.contact_name.to_owned()),
        ("role", m.role.to_owned()),
        ("from", from.to_string()),
        ("to", to.to_string()),
        ("link", m.link.to_owned()),
        ("expires", m.expires.to_string()),
        ("staff", m.staff_name.to_owned()),
    ];
    (subject.to_owned(), fill(body, &values))
}

/// What an early warning to a follow-up service says: how many working days, since
/// when, under which agreement, and whom to call. Never the person's name.
#[derive(Debug, Clone)]
pub struct EarlyWarningMessage<'a> {
    pub language: Language,
    pub contact_name: &'a str,
    pub programme: &'a str,
    pub organisation: &'a str,
    pub days: u32,
    pub since: chrono::NaiveDate,
    /// Stige's number for the person, which the partner's own system knows.
    pub reference: i64,
}

/// Subject and body of an early warning.
pub fn early_warning(m: &EarlyWarningMessage<'_>) -> (String, String) {
    let (subject, body) = match m.language {
        Language::Nb => (
            "Tidlig varsel: ta kontakt med {programme}",
            "Hei {contact},\n\nEn person dere følger opp etter samarbeidsavtalen med {programme} \
             ({organisation}) har vært borte uten beskjed i {days} arbeidsdager, fra {since}.\n\
             Ta kontakt med {programme}, så forteller vi hvem det gjelder. \
             Referanse: deltaker {reference}.\n\nVennlig hilsen\n{organisation}",
        ),
        Language::Sv => (
            "Tidig varning: kontakta {programme}",
            "Hej {contact},\n\nEn person ni följer enligt samverkansavtalet med {programme} \
             ({organisation}) har varit borta utan besked i {days} arbetsdagar, från {since}.\n\
             Kontakta {programme} så berättar vi vem det gäller. \
             Referens: deltagare {reference}.\n\nVänliga hälsningar\n{organisation}",
        ),
        Language::En => (
            "Early warning: please get in touch with {programme}",
            "Hello {contact},\n\nSomeone you follow under the cooperation agreement with \
             {programme} ({organisation}) has been absent without notice for {days} working \
             days, since {since}.\nPlease get in touch with {programme} and we will tell you \
             who it is. Reference: participant {reference}.\n\nKind regards\n{organisation}",
        ),
    };
    let values = [
        ("contact", m.contact_name.to_owned()),
        ("programme", m.programme.to_owned()),
        ("organisation", m.organisation.to_owned()),
        ("days", m.days.to_string()),
        ("since", m.since.to_string()),
        ("reference", m.reference.to_string()),
    ];
    (fill(subject, &values), fill(body, &values))
}

/// The template with each `{name}` replaced by its value, in one pass (a value
/// that itself holds `{…}` stays as written).
fn fill(template: &str, values: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 200);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after
            .find('}')
            .and_then(|close| Some((close, values.iter().find(|(k, _)| *k == &after[..close])?)))
        {
            Some((close, (_, value))) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text with the tokens of employer links left out (`…/employer/…`).
pub fn without_tokens(text: &str) -> String {
    const MARK: &str = "/employer/";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(MARK) {
        out.push_str(&rest[..at + MARK.len()]);
        rest = &rest[at + MARK.len()..];
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        out.push('…');
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The stored body with `link` in the place it shows without its token, for
/// delivery; none when the body has no such place.
pub fn with_link(body: &str, link: &str) -> Option<String> {
    let shown = without_tokens(link);
    body.contains(&shown)
        .then(|| body.replacen(&shown, link, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(language: Language, purpose: InvitationPurpose, role: &str) -> (String, String) {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap_or_default();
        invitation(&Invitation {
            purpose,
            language,
            contact_name: "Anna",
            role,
            period: (d, d),
            link: "https://x/employer/abc",
            expires: d,
            staff_name: "Kari Koordinator",
        })
    }

    #[test]
    fn each_language_gets_its_own_text_with_the_link() {
        for (language, word) in [
            (Language::Nb, "Bekreft"),
            (Language::Sv, "Bekräfta"),
            (Language::En, "Confirm"),
        ] {
            for purpose in [InvitationPurpose::Confirm, InvitationPurpose::Completion] {
                let (subject, body) = message(language, purpose, "lager");
                assert!(!subject.is_empty());
                assert!(
                    body.contains("Anna")
                        && body.contains("lager")
                        && body.contains("https://x/employer/abc")
                        && body.contains("Kari Koordinator")
                        && !body.contains('{'),
                    "{body}"
                );
                if purpose == InvitationPurpose::Confirm {
                    assert!(body.contains(word), "{body}");
                }
            }
        }
    }

    #[test]
    fn a_value_that_looks_like_a_placeholder_is_kept_as_written() {
        let (_, body) = message(Language::En, InvitationPurpose::Confirm, "{link} {x");
        assert!(body.contains("as {link} {x from"), "{body}");
    }

    #[test]
    fn stored_messages_keep_no_token_and_the_mailer_puts_the_link_back() {
        let link = "https://x/employer/abc123";
        let stored = without_tokens(&format!("Go to {link} now.\nhttps://x/employer/zz"));
        assert_eq!(
            stored,
            "Go to https://x/employer/… now.\nhttps://x/employer/…"
        );
        assert_eq!(
            with_link(&stored, link).as_deref(),
            Some("Go to https://x/employer/abc123 now.\nhttps://x/employer/…")
        );
        assert_eq!(with_link("no link here", link), None);
    }
}
