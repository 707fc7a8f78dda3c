//! Production and the enterprise's economy (issue 26, part 4): per workplace
//! and day, what was made (items or portions), the orders and customers, and
//! the sales in the programme's currency (NOK in Norway, SEK in Sweden),
//! entered by hand or imported from the till's CSV ([`till`]); and the monthly
//! production report for the steering group ([`report`]).
//!
//! Amounts are kept as whole minor units (øre, öre) in an `i64`, never as
//! floating point; the API shows them as decimal numbers with two decimals.

pub mod report;
pub mod till;

use crate::organisation_number::Country;
use crate::situation::code_list;
use crate::validation::ValidationErrors;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

code_list! {
    /// What a workplace's output is counted in (items by default).
    #[derive(Default)]
    OutputUnit {
        /// Products made (the workshop's chairs, the shop's sorted items).
        #[default]
        Items = "items",
        /// Portions served (the kitchen, the café, the soup kitchen).
        Portions = "portions",
    }
}

code_list! {
    /// Where a day's production figures came from.
    ProductionSource {
        /// Entered by staff.
        Entered = "entered",
        /// Imported from the till's CSV (the sales, and the customers and
        /// orders where the file has them).
        Till = "till",
    }
}

/// The programme's currency: the country of the organisation running it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::IntoStaticStr)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "UPPERCASE")]
#[strum(serialize_all = "UPPERCASE")]
pub enum Currency {
    /// Norwegian kroner (øre).
    Nok,
    /// Swedish kronor (öre).
    Sek,
}

impl Currency {
    /// NOK for a Norwegian programme, SEK for a Swedish one.
    pub fn of(country: Country) -> Self {
        match country {
            Country::Norway => Self::Nok,
            Country::Sweden => Self::Sek,
        }
    }

    /// The ISO 4217 code.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// The most units, orders or customers one workplace's day may hold.
pub const MAX_COUNT: u32 = 100_000;
/// The highest sales of one workplace's day, in minor units (10 million).
pub const MAX_SALES_MINOR: i64 = 1_000_000_000;
/// How many days back a day's production may be recorded or imported: a
/// year and a month, so that last year's till export for a whole year still
/// fits a few weeks into the new one.
pub const DAYS_BACK: i64 = 400;

/// One workplace's figures of one day, checked; each may be absent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DayFigures {
    pub units: Option<u32>,
    pub orders: Option<u32>,
    pub customers: Option<u32>,
    /// In minor units (øre, öre).
    pub sales_minor: Option<i64>,
}

/// Checks a day's figures as entered: units, orders and customers whole
/// numbers from 0 to [`MAX_COUNT`], sales an amount from 0 with at most two
/// decimals; at least one of them given.
pub fn parse_day(
    units: Option<i64>,
    orders: Option<i64>,
    customers: Option<i64>,
    sales: Option<f64>,
) -> Result<DayFigures, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let figures = DayFigures {
        units: units.and_then(|n| errors.collect("units", count_of(n))),
        orders: orders.and_then(|n| errors.collect("orders", count_of(n))),
        customers: customers.and_then(|n| errors.collect("customers", count_of(n))),
        sales_minor: sales.and_then(|a| errors.collect("sales", minor_of(a))),
    };
    if units.is_none() && orders.is_none() && customers.is_none() && sales.is_none() {
        errors.add(
            "units",
            "give at least one figure: units, orders, customers or sales",
        );
    }
    errors.into_result(figures)
}

/// A count from 0 to [`MAX_COUNT`].
pub fn count_of(n: i64) -> Result<u32, String> {
    u32::try_from(n)
        .ok()
        .filter(|n| *n <= MAX_COUNT)
        .ok_or_else(|| format!("must be between 0 and {MAX_COUNT}"))
}

/// An amount entered as a number (e.g. `1234.5`) in minor units: from 0 to
/// [`MAX_SALES_MINOR`], at most two decimals.
pub fn minor_of(amount: f64) -> Result<i64, String> {
    let max = MAX_SALES_MINOR / 100;
    let cents = amount * 100.0;
    if !amount.is_finite() || amount < 0.0 || cents > MAX_SALES_MINOR as f64 {
        return Err(format!("must be between 0 and {max}"));
    }
    if (cents - cents.round()).abs() > 1e-6 {
        return Err("must have at most 2 decimals".into());
    }
    // In range and whole, so the cast is exact.
    Ok(cents.round() as i64)
}

/// Minor units as an amount with two decimals.
pub fn amount_of(minor: i64) -> f64 {
    minor as f64 / 100.0
}

/// Reads an amount as people and tills write it: `1234,50`, `1 234.50`,
/// `1.234,50`, `1,234.50`, `-12,00`, `kr 89`, `89,-` or `89:-`. Spaces
/// (also non-breaking and thin ones) and a separator that occurs more than
/// once group thousands; a separator that occurs once, or the last one when
/// both occur, marks the decimals, of which there may be at most two (so
/// `1.234` is refused rather than read as either 1.234 or 1234). May be
/// negative (a till's refund); in minor units.
pub fn parse_amount(text: &str) -> Result<i64, String> {
    const NOT_AN_AMOUNT: &str = "is not an amount, e.g. 1 234,50";
    let lower = text.trim().to_lowercase();
    let mut s = lower.as_str();
    for marker in ["nok", "sek", "kr.", "kr"] {
        s = s.strip_prefix(marker).unwrap_or(s).trim();
        s = s.strip_suffix(marker).unwrap_or(s).trim();
    }
    for whole in [",-", ":-", ".-"] {
        s = s.strip_suffix(whole).unwrap_or(s);
    }
    let (negative, s) = match s.strip_prefix(['-', '\u{2212}']) {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let digits: String = s
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{2009}' | '\u{202f}' | '\''))
        .collect();
    if digits.is_empty()
        || !digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return Err(NOT_AN_AMOUNT.into());
    }
    let (whole, fraction) = split_decimals(&digits).ok_or(NOT_AN_AMOUNT)?;
    if fraction.len() > 2 {
        return Err("must have at most 2 decimals".into());
    }
    if whole.is_empty() && fraction.is_empty() {
        return Err(NOT_AN_AMOUNT.into());
    }
    let max = MAX_SALES_MINOR / 100;
    let too_big = || format!("must be between -{max} and {max}");
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| too_big())?
    };
    let cents: i64 = format!("{fraction:0<2}").parse().unwrap_or(0);
    let minor = whole
        .checked_mul(100)
        .and_then(|w| w.checked_add(cents))
        .filter(|m| *m <= MAX_SALES_MINOR)
        .ok_or_else(too_big)?;
    Ok(if negative { -minor } else { minor })
}

/// The whole part's digits and the decimals' digits of an amount made of
/// digits, `.` and `,`; `None` when the separators make no sense.
fn split_decimals(s: &str) -> Option<(String, String)> {
    let dots = s.matches('.').count();
    let commas = s.matches(',').count();
    let (thousands, decimal) = match (dots, commas) {
        (0, 0) => return Some((s.to_owned(), String::new())),
        (_, 0) if dots > 1 => (Some('.'), None),
        (0, _) if commas > 1 => (Some(','), None),
        (_, 0) => (None, Some('.')),
        (0, _) => (None, Some(',')),
        _ => {
            // Both: the last one marks the decimals and occurs once.
            let last = s.chars().rev().find(|c| *c == '.' || *c == ',')?;
            let other = if last == '.' { ',' } else { '.' };
            if s.matches(last).count() > 1 {
                return None;
            }
            (Some(other), Some(last))
        }
    };
    let (whole, fraction) = match decimal {
        Some(d) => s.split_once(d)?,
        None => (s, ""),
    };
    if let Some(t) = thousands {
        // Groups of three after the first, which has one to three digits.
        let mut groups = whole.split(t);
        let first = groups.next()?;
        if first.is_empty() || first.len() > 3 || groups.any(|g| g.len() != 3) {
            return None;
        }
    }
    let whole: String = whole.chars().filter(char::is_ascii_digit).collect();
    if fraction.contains(['.', ',']) {
        return None;
    }
    Some((whole, fraction.to_owned()))
}

/// Why a day's production cannot be recorded on `date`: not ahead of today,
/// at most [`DAYS_BACK`] days ago.
pub fn check_date(date: NaiveDate, today: NaiveDate) -> Result<(), String> {
    crate::work::check_day_within(date, today, DAYS_BACK)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn fields(e: &ValidationErrors) -> Vec<&str> {
        e.0.iter().map(|f| f.field.as_str()).collect()
    }

    #[test]
    fn a_day_needs_one_figure_and_each_in_range() {
        let e = parse_day(None, None, None, None).unwrap_err();
        assert_eq!(fields(&e), ["units"]);
        assert_eq!(e.0[0].code, "one-figure");
        let e = parse_day(Some(-1), Some(100_001), Some(3), Some(12.345)).unwrap_err();
        assert_eq!(fields(&e), ["units", "orders", "sales"]);
        assert_eq!(e.0[0].code, "out-of-range");
        assert_eq!(e.0[2].code, "two-decimals");
        let e = parse_day(None, None, None, Some(-5.0)).unwrap_err();
        assert_eq!(fields(&e), ["sales"]);
        let ok = parse_day(Some(40), None, Some(31), Some(4_567.8)).unwrap();
        assert_eq!(
            ok,
            DayFigures {
                units: Some(40),
                orders: None,
                customers: Some(31),
                sales_minor: Some(456_780),
            }
        );
        assert_eq!(parse_day(Some(0), None, None, None).unwrap().units, Some(0));
    }

    #[test]
    fn amounts_are_read_as_people_and_tills_write_them() {
        let cases = [
            ("1234,50", 123_450),
            ("1234.5", 123_450),
            ("1 234,50", 123_450),
            ("1\u{a0}234,50", 123_450),
            ("1\u{2009}234,50", 123_450),
            ("1.234,50", 123_450),
            ("1,234.50", 123_450),
            ("1.234.567", 123_456_700),
            ("89", 8_900),
            ("kr 89", 8_900),
            ("89,-", 8_900),
            ("89:-", 8_900),
            ("NOK 89,9", 8_990),
            ("-12,00", -1_200),
            ("\u{2212}12", -1_200),
            (",5", 50),
        ];
        for (text, minor) in cases {
            assert_eq!(parse_amount(text), Ok(minor), "{text}");
        }
        for bad in [
            "",
            "abc",
            "12,3,4",
            "1.234",
            "1,2.3.4",
            "12.34.56,7",
            "--3",
            "1 2a",
        ] {
            assert!(parse_amount(bad).is_err(), "{bad}");
        }
        assert_eq!(
            parse_amount("1,234"),
            Err("must have at most 2 decimals".into())
        );
        assert!(parse_amount("99999999999999999999").is_err());
        assert!(parse_amount("10000000,01").is_err());
        assert_eq!(parse_amount("10000000"), Ok(MAX_SALES_MINOR));
    }

    #[test]
    fn the_currency_follows_the_country() {
        assert_eq!(Currency::of(Country::Norway), Currency::Nok);
        assert_eq!(Currency::of(Country::Sweden).as_str(), "SEK");
        assert_eq!(
            serde_json::to_string(&Currency::Sek).ok().as_deref(),
            Some("\"SEK\"")
        );
        assert_eq!(OutputUnit::default(), OutputUnit::Items);
        assert_eq!(OutputUnit::parse("portions"), Some(OutputUnit::Portions));
    }

    #[test]
    fn a_day_is_not_ahead_nor_more_than_four_hundred_days_ago() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        assert!(check_date(today, today).is_ok());
        assert!(check_date(today.succ_opt().unwrap(), today).is_err());
        assert!(check_date(today - chrono::Duration::days(DAYS_BACK), today).is_ok());
        assert!(check_date(today - chrono::Duration::days(DAYS_BACK + 1), today).is_err());
    }

    proptest! {
        #[test]
        fn minor_units_round_trip_through_text_and_numbers(minor in 0i64..=MAX_SALES_MINOR) {
            let text = format!("{},{:02}", minor / 100, minor % 100);
            prop_assert_eq!(parse_amount(&text), Ok(minor));
            prop_assert_eq!(minor_of(amount_of(minor)), Ok(minor));
        }
    }
}
