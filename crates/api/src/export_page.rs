//! The export of everything held about a person as a page to read and print,
//! in the language of the person's programme. Every item of the JSON export is
//! shown: the sections in the export's order, each value under its field's
//! name (translated where the name has a translation, else spelt out).

use maud::{DOCTYPE, Markup, html};
use serde_json::Value;
use stige_wire::ParticipantExport;

/// The language of the page: `nb`, `sv`, else English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lang {
    Nb,
    Sv,
    En,
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

/// (key, nb, sv, en): the export's sections and the common field names.
const WORDS: &[(&str, &str, &str, &str)] = &[
    (
        "title",
        "Alle opplysninger om",
        "Alla uppgifter om",
        "All information about",
    ),
    (
        "intro",
        "Dette er alle opplysningene Stige har om deg, hentet ut",
        "Detta är alla uppgifter som Stige har om dig, uttagna",
        "This is all the information Stige holds about you, taken out",
    ),
    ("none", "Ingen", "Inga", "None"),
    (
        "participant",
        "Deg og stigen",
        "Du och stegen",
        "You and the ladder",
    ),
    (
        "national_id",
        "Fødselsnummer",
        "Personnummer",
        "National identity number",
    ),
    ("goals", "Mål", "Mål", "Goals"),
    ("follow_ups", "Oppfølginger", "Uppföljningar", "Follow-ups"),
    ("attendance", "Oppmøte", "Närvaro", "Attendance"),
    ("consents", "Samtykker", "Samtycken", "Consents"),
    (
        "research_consent",
        "Samtykke til forskning",
        "Samtycke till forskning",
        "Consent to research",
    ),
    ("referrals", "Henvisninger", "Remisser", "Referrals"),
    (
        "placements",
        "Praksisplasser",
        "Praktikplatser",
        "Internships",
    ),
    (
        "partner_events",
        "Meldinger til samarbeidspartnere",
        "Meddelanden till samverkansparter",
        "Messages to partners",
    ),
    (
        "outcomes",
        "Situasjon før, ved og etter",
        "Situation före, vid och efter",
        "Situation before, at and after",
    ),
    ("situations", "Situasjoner", "Situationer", "Situations"),
    (
        "contact",
        "Kontakt og sikkerhet",
        "Kontakt och säkerhet",
        "Contact and safety",
    ),
    ("work_days", "Arbeidslogg", "Arbetslogg", "Work log"),
    (
        "agreement_links",
        "Samarbeidsavtaler",
        "Samverkansavtal",
        "Cooperation agreements",
    ),
    (
        "work_tasks",
        "Arbeidsoppgaver",
        "Arbetsuppgifter",
        "Work tasks",
    ),
    ("peer_supports", "Fadderskap", "Fadderskap", "Peer support"),
    ("peer", "Fadder", "Fadder", "Peer"),
    ("newcomer", "Ny", "Ny", "Newcomer"),
    ("hours", "Timer", "Timmar", "Hours"),
    (
        "independence",
        "Selvstendighet",
        "Självständighet",
        "Independence",
    ),
    ("task_ids", "Oppgaver", "Uppgifter", "Tasks"),
    (
        "plan",
        "Individuell plan",
        "Individuell plan",
        "Individual plan",
    ),
    ("coordinator", "Koordinator", "Samordnare", "Coordinator"),
    (
        "review_every_weeks",
        "Uker mellom gjennomganger",
        "Veckor mellan uppföljningar",
        "Weeks between reviews",
    ),
    ("made_on", "Laget", "Gjord", "Made on"),
    (
        "last_reviewed_on",
        "Sist gjennomgått",
        "Senast följd upp",
        "Last reviewed",
    ),
    (
        "next_review_on",
        "Neste gjennomgang",
        "Nästa uppföljning",
        "Next review",
    ),
    ("areas", "Områder", "Områden", "Areas"),
    ("area", "Område", "Område", "Area"),
    ("goal", "Mål", "Mål", "Goal"),
    ("responsible", "Ansvarlig", "Ansvarig", "Responsible"),
    ("responsible_name", "Hvem", "Vem", "Who"),
    ("next_step", "Neste skritt", "Nästa steg", "Next step"),
    ("next_step_by", "Innen", "Senast", "By"),
    ("address", "Adresse", "Adress", "Address"),
    (
        "emergency_contacts",
        "Pårørende å kontakte",
        "Närstående att kontakta",
        "Emergency contacts",
    ),
    ("relation", "Relasjon", "Relation", "Relation"),
    (
        "may_contact",
        "Kan kontaktes",
        "Får kontaktas",
        "May be contacted",
    ),
    (
        "safety_note",
        "Sikkerhetsnotat",
        "Säkerhetsanteckning",
        "Safety note",
    ),
    (
        "reach_attempts",
        "Forsøk på å nå deg",
        "Försök att nå dig",
        "Attempts to reach you",
    ),
    ("outcome", "Utfall", "Utfall", "Outcome"),
    ("updated_by", "Endret av", "Ändrad av", "Changed by"),
    ("updated_at", "Endret", "Ändrad", "Changed"),
    ("moment", "Tidspunkt", "Tidpunkt", "When"),
    (
        "income_source",
        "Inntektskilde",
        "Inkomstkälla",
        "Income source",
    ),
    (
        "occupation",
        "Sysselsetting",
        "Sysselsättning",
        "Occupation",
    ),
    ("education", "Utdanning", "Utbildning", "Education"),
    ("gender", "Kjønn", "Kön", "Gender"),
    ("reached", "Nådd", "Nådd", "Reached"),
    (
        "access_log",
        "Hvem har sett opplysningene",
        "Vem har sett uppgifterna",
        "Who has seen the information",
    ),
    ("given_name", "Fornavn", "Förnamn", "Given name"),
    ("family_name", "Etternavn", "Efternamn", "Family name"),
    ("birth_date", "Fødselsdato", "Födelsedatum", "Birth date"),
    ("status", "Status", "Status", "Status"),
    ("ladder", "Stige", "Stege", "Ladder"),
    (
        "current_step",
        "Nåværende trinn",
        "Nuvarande steg",
        "Current step",
    ),
    (
        "moves",
        "Flyttinger mellom trinn",
        "Flyttar mellan steg",
        "Moves between steps",
    ),
    (
        "status_history",
        "Statusendringer",
        "Statusändringar",
        "Status changes",
    ),
    ("mentors", "Mentorer", "Mentorer", "Mentors"),
    ("reason", "Begrunnelse", "Motivering", "Reason"),
    ("date", "Dato", "Datum", "Date"),
    ("text", "Tekst", "Text", "Text"),
    ("scores", "Vurderinger", "Skattningar", "Scores"),
    ("score", "Vurdering", "Skattning", "Score"),
    ("comment", "Kommentar", "Kommentar", "Comment"),
    ("category", "Kategori", "Kategori", "Category"),
    (
        "what_works",
        "Hva som virker",
        "Vad som fungerar",
        "What works",
    ),
    (
        "next_small_step",
        "Neste lille steg",
        "Nästa lilla steg",
        "Next small step",
    ),
    ("written_by", "Skrevet av", "Skriven av", "Written by"),
    (
        "recorded_by",
        "Registrert av",
        "Registrerad av",
        "Recorded by",
    ),
    ("name", "Navn", "Namn", "Name"),
    ("partner", "Samarbeidspartner", "Samverkanspart", "Partner"),
    ("given_on", "Gitt", "Givet", "Given on"),
    ("revoked_on", "Trukket", "Återkallat", "Revoked on"),
    ("employer_name", "Arbeidsgiver", "Arbetsgivare", "Employer"),
    ("role", "Rolle", "Roll", "Role"),
    ("tasks", "Oppgaver", "Uppgifter", "Tasks"),
    ("start_date", "Fra", "Från", "From"),
    ("end_date", "Til", "Till", "To"),
    (
        "feedback",
        "Tilbakemelding fra arbeidsgiver",
        "Återkoppling från arbetsgivaren",
        "The employer's feedback",
    ),
    ("days", "Dager", "Dagar", "Days"),
    ("mark", "Oppmøte", "Närvaro", "Attendance"),
    ("at", "Når", "När", "When"),
    ("actor", "Hvem", "Vem", "Who"),
    ("action", "Hva", "Vad", "What"),
    ("phone", "Telefon", "Telefon", "Phone"),
    ("email", "E-post", "E-post", "E-mail"),
];

fn word(lang: Lang, key: &str) -> Option<&'static str> {
    WORDS.iter().find(|w| w.0 == key).map(|w| match lang {
        Lang::Nb => w.1,
        Lang::Sv => w.2,
        Lang::En => w.3,
    })
}

/// A field's name as read: its translation, else `national_id_kind` → "National id kind".
fn label(lang: Lang, key: &str) -> String {
    if let Some(w) = word(lang, key) {
        return w.to_owned();
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
