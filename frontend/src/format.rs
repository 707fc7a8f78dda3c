//! Translated names of the domain's enums, and small formatting helpers.

use crate::i18n::I18n;
use stige_domain::{DemandLevel, Direction, EnrolmentStatus, ExitOutcome, Role};

pub fn status(i: I18n, s: EnrolmentStatus) -> String {
    i.t(&format!("status-{}", s.as_str().replace('_', "-")))
}

pub fn outcome(i: I18n, o: ExitOutcome) -> String {
    i.t(&format!("outcome-{}", o.as_str().replace('_', "-")))
}

pub fn demand(i: I18n, d: DemandLevel) -> String {
    i.t(&format!("demand-{}", d.as_str().replace('_', "-")))
}

pub fn direction(i: I18n, d: Direction) -> String {
    i.t(&format!("direction-{}", d.as_str()))
}

pub fn role(i: I18n, r: Role) -> String {
    i.t(&format!("role-{}", r.as_str()))
}

pub fn today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}

/// Parses an `<input type="date">` value; empty means none.
pub fn parse_date(value: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").ok()
}

pub fn opt_text(value: &str) -> Option<String> {
    let t = value.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

pub fn partner_kind(i: I18n, k: stige_domain::partner::PartnerKind) -> String {
    i.t(&format!("partner-kind-{}", k.as_str().replace('_', "-")))
}

pub fn category(i: I18n, c: stige_domain::consent::SharingCategory) -> String {
    i.t(&format!("category-share-{}", c.as_str().replace('_', "-")))
}

pub fn referral_status(i: I18n, s: stige_domain::referral::ReferralStatus) -> String {
    i.t(&format!("referral-{}", s.as_str().replace('_', "-")))
}

pub fn referral_channel(i: I18n, c: stige_domain::referral::ReferralChannel) -> String {
    i.t(&format!("channel-{}", c.as_str().replace('_', "-")))
}

pub fn decline_reason(i: I18n, r: stige_domain::referral::DeclineReason) -> String {
    i.t(&format!("decline-{}", r.as_str().replace('_', "-")))
}

/// A count that may be suppressed ("<5").
pub fn shown(c: stige_domain::small_cells::ShownCount) -> String {
    match c {
        stige_domain::small_cells::ShownCount::Number(n) => n.to_string(),
        stige_domain::small_cells::ShownCount::Suppressed(_) => "<5".to_owned(),
    }
}

/// A count that may be absent (not shared with a partner): "–" then.
pub fn shown_opt(c: Option<stige_domain::small_cells::ShownCount>) -> String {
    c.map_or_else(|| "–".to_owned(), shown)
}

/// A number with `digits` decimals and the language's decimal mark.
pub fn decimal(i: I18n, v: f64, digits: usize) -> String {
    let s = format!("{v:.digits$}");
    match i.lang() {
        crate::i18n::Lang::En => s,
        _ => s.replace('.', ","),
    }
}

/// An amount with two decimals and the language's marks, thousands grouped:
/// nb and sv 12 345,50 (a no-break space), en 12,345.50.
pub fn amount(i: I18n, v: f64) -> String {
    let text = decimal(i, v.abs(), 2);
    let (whole, cents) = text.split_at(text.len().saturating_sub(3));
    let group = match i.lang() {
        crate::i18n::Lang::En => ',',
        _ => '\u{a0}',
    };
    let mut grouped = String::new();
    for (n, c) in whole.chars().enumerate() {
        if n > 0 && (whole.len() - n) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(c);
    }
    let sign = if v < 0.0 { "-" } else { "" };
    format!("{sign}{grouped}{cents}")
}

/// A share (0–1) as a whole percentage.
pub fn percent(i: I18n, share: f64) -> String {
    i.t_with("percent", &[("value", decimal(i, share * 100.0, 0))])
}

/// A date as the reader writes it: nb 28.11.2026, sv 2026-11-28, en 28 Nov 2026.
/// Every date shown is formatted here; date inputs keep ISO, as the browser needs.
pub fn date(i: I18n, d: chrono::NaiveDate) -> String {
    date_in(i.lang(), d)
}

fn date_in(lang: crate::i18n::Lang, d: chrono::NaiveDate) -> String {
    use crate::i18n::Lang;
    let pattern = match lang {
        Lang::Nb => "%d.%m.%Y",
        Lang::Sv => "%Y-%m-%d",
        Lang::En => "%-d %b %Y",
    };
    d.format(pattern).to_string()
}

/// An optional date, or nothing.
pub fn opt_date(i: I18n, d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| date(i, d)).unwrap_or_default()
}

/// A period "from – to" (an open end left empty).
pub fn period(i: I18n, from: chrono::NaiveDate, to: Option<chrono::NaiveDate>) -> String {
    format!("{} – {}", date(i, from), opt_date(i, to))
}

/// A moment (stored as UTC) as date and time of day.
pub fn date_time(i: I18n, t: chrono::NaiveDateTime) -> String {
    format!("{} {}", date(i, t.date()), t.format("%H:%M"))
}
