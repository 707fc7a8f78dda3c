//! The messages Stige sends employers, in the employer's language.

use stige_client::InvitationPurpose;
use stige_domain::placement::Language;

/// What a message needs to say.
#[derive(Debug, Clone)]
pub struct Invitation<'a> {
    pub purpose: InvitationPurpose,
    pub language: Language,
    pub contact_name: &'a str,
    pub participant_name: &'a str,
    pub role: &'a str,
    pub period: (chrono::NaiveDate, chrono::NaiveDate),
    pub link: &'a str,
    pub expires: chrono::NaiveDate,
    pub staff_name: &'a str,
}

/// Subject and body.
pub fn invitation(m: &Invitation<'_>) -> (String, String) {
    let (from, to) = m.period;
    match (m.language, m.purpose) {
        (Language::Nb, InvitationPurpose::Confirm) => (
            format!(
                "Praksisplass for {}: vil dere bekrefte?",
                m.participant_name
            ),
            format!(
                "Hei {},\n\nVi foreslår en praksisplass hos dere for {} som {} fra {from} til {to}.\n\
                 Bekreft eller avslå her (ingen innlogging): {}\n\nLenken gjelder til {}.\n\nVennlig hilsen\n{}",
                m.contact_name, m.participant_name, m.role, m.link, m.expires, m.staff_name
            ),
        ),
        (Language::Nb, InvitationPurpose::Completion) => (
            format!(
                "Praksisperioden for {} nærmer seg slutten",
                m.participant_name
            ),
            format!(
                "Hei {},\n\nPraksisperioden for {} som {} slutter {to}.\n\
                 Fortell oss hvordan det gikk her (ingen innlogging): {}\n\nLenken gjelder til {}.\n\nVennlig hilsen\n{}",
                m.contact_name, m.participant_name, m.role, m.link, m.expires, m.staff_name
            ),
        ),
        (Language::Sv, InvitationPurpose::Confirm) => (
            format!("Praktikplats för {}: vill ni bekräfta?", m.participant_name),
            format!(
                "Hej {},\n\nVi föreslår en praktikplats hos er för {} som {} från {from} till {to}.\n\
                 Bekräfta eller avböj här (ingen inloggning): {}\n\nLänken gäller till {}.\n\nVänliga hälsningar\n{}",
                m.contact_name, m.participant_name, m.role, m.link, m.expires, m.staff_name
            ),
        ),
        (Language::Sv, InvitationPurpose::Completion) => (
            format!(
                "Praktikperioden för {} närmar sig slutet",
                m.participant_name
            ),
            format!(
                "Hej {},\n\nPraktikperioden för {} som {} slutar {to}.\n\
                 Berätta hur det gick här (ingen inloggning): {}\n\nLänken gäller till {}.\n\nVänliga hälsningar\n{}",
                m.contact_name, m.participant_name, m.role, m.link, m.expires, m.staff_name
            ),
        ),
        (Language::En, InvitationPurpose::Confirm) => (
            format!(
                "A placement for {}: will you confirm it?",
                m.participant_name
            ),
            format!(
                "Hello {},\n\nWe propose a placement with you for {} as {} from {from} to {to}.\n\
                 Confirm or decline here (no login needed): {}\n\nThe link is valid until {}.\n\nKind regards\n{}",
                m.contact_name, m.participant_name, m.role, m.link, m.expires, m.staff_name
            ),
        ),
        (Language::En, InvitationPurpose::Completion) => (
            format!("The placement of {} is ending", m.participant_name),
            format!(
                "Hello {},\n\nThe placement of {} as {} ends on {to}.\n\
                 Tell us how it went here (no login needed): {}\n\nThe link is valid until {}.\n\nKind regards\n{}",
                m.contact_name, m.participant_name, m.role, m.link, m.expires, m.staff_name
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_gets_its_own_text_with_the_link() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap_or_default();
        for (language, word) in [
            (Language::Nb, "Bekreft"),
            (Language::Sv, "Bekräfta"),
            (Language::En, "Confirm"),
        ] {
            let (subject, body) = invitation(&Invitation {
                purpose: InvitationPurpose::Confirm,
                language,
                contact_name: "Anna",
                participant_name: "Kari N.",
                role: "lager",
                period: (d, d),
                link: "https://x/employer/abc",
                expires: d,
                staff_name: "Kari Koordinator",
            });
            assert!(subject.contains("Kari N."));
            assert!(
                body.contains(word) && body.contains("https://x/employer/abc"),
                "{body}"
            );
        }
    }
}
