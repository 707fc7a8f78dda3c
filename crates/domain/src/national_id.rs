//! National identity numbers: Norwegian fødselsnummer and D-number (two mod-11 check
//! digits), Swedish personnummer and samordningsnummer (Luhn).
//!
//! Parse, don't validate: a [`NationalId`] exists only if its checksum and date are
//! right. It is shown masked; the full number leaves the server only on an explicit,
//! audited request.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Which kind of number this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum NationalIdKind {
    /// Norwegian fødselsnummer.
    NoFodselsnummer,
    /// Norwegian D-number (day + 40).
    NoDNumber,
    /// Swedish personnummer.
    SePersonnummer,
    /// Swedish samordningsnummer (day + 60).
    SeSamordningsnummer,
}

impl NationalIdKind {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(value: &str) -> Option<Self> {
        value.parse().ok()
    }
}

/// Why a text is not a national identity number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NationalIdError {
    #[error("must be 11 digits (Norwegian) or 10 or 12 digits (Swedish)")]
    WrongLength,
    #[error("may contain only digits, spaces and one '-' or '+'")]
    BadCharacter,
    #[error("the check digits do not match; please check the number")]
    BadChecksum,
    #[error("the date part is not a real date")]
    BadDate,
}

/// A checked national identity number.
#[derive(Clone, PartialEq, Eq)]
pub struct NationalId {
    kind: NationalIdKind,
    /// Norwegian: the 11 digits. Swedish: `YYYYMMDD-NNNC`.
    canonical: String,
    birth_date: NaiveDate,
}

impl std::fmt::Debug for NationalId {
    // Never print the full number, not even in logs or panics.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NationalId")
            .field("kind", &self.kind)
            .field("masked", &self.masked())
            .finish()
    }
}

impl NationalId {
    /// Parses a number as a person would type it. `today` decides the century of
    /// Swedish 10-digit numbers (`-` means under 100 years old, `+` over).
    pub fn parse(input: &str, today: NaiveDate) -> Result<Self, NationalIdError> {
        let compact: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        let mut separator = None;
        let mut digits = Vec::with_capacity(12);
        for c in compact.chars() {
            match c {
                '0'..='9' => digits.push(c as u8 - b'0'),
                '-' | '+' if separator.is_none() => separator = Some(c),
                _ => return Err(NationalIdError::BadCharacter),
            }
        }
        match digits.len() {
            11 if separator.is_none() => parse_norwegian(&digits),
            10 | 12 => parse_swedish(&digits, separator, today),
            _ => Err(NationalIdError::WrongLength),
        }
    }

    pub fn kind(&self) -> NationalIdKind {
        self.kind
    }

    /// The full number in its canonical form. Handle with care.
    pub fn expose(&self) -> &str {
        &self.canonical
    }

    /// The birth date the number encodes.
    pub fn birth_date(&self) -> NaiveDate {
        self.birth_date
    }

    /// The number with its personal part hidden: `150385*****`, `19850315-****`.
    pub fn masked(&self) -> String {
        match self.kind {
            NationalIdKind::NoFodselsnummer | NationalIdKind::NoDNumber => {
                format!("{}*****", &self.canonical[..6])
            }
            NationalIdKind::SePersonnummer | NationalIdKind::SeSamordningsnummer => {
                format!("{}-****", &self.canonical[..8])
            }
        }
    }
}

fn number(digits: &[u8]) -> u32 {
    digits.iter().fold(0, |acc, d| acc * 10 + u32::from(*d))
}

fn mod11_check(digits: &[u8], weights: &[u32]) -> Option<u8> {
    let sum: u32 = digits
        .iter()
        .zip(weights)
        .map(|(d, w)| u32::from(*d) * w)
        .sum();
    match 11 - sum % 11 {
        11 => Some(0),
        10 => None,
        k => u8::try_from(k).ok(),
    }
}

fn parse_norwegian(d: &[u8]) -> Result<NationalId, NationalIdError> {
    let k1 = mod11_check(&d[..9], &[3, 7, 6, 1, 8, 9, 4, 5, 2]);
    let k2 = mod11_check(&d[..10], &[5, 4, 3, 2, 7, 6, 5, 4, 3, 2]);
    if k1 != Some(d[9]) || k2 != Some(d[10]) {
        return Err(NationalIdError::BadChecksum);
    }
    let mut day = number(&d[0..2]);
    let kind = if day > 40 {
        day -= 40;
        NationalIdKind::NoDNumber
    } else {
        NationalIdKind::NoFodselsnummer
    };
    let month = number(&d[2..4]);
    let year2 = number(&d[4..6]);
    let individual = number(&d[6..9]);
    let century = match (individual, year2) {
        (0..=499, _) => 1900,
        (500..=749, 54..=99) => 1800,
        (500..=999, 0..=39) => 2000,
        (900..=999, 40..=99) => 1900,
        _ => return Err(NationalIdError::BadDate),
    };
    let year = i32::try_from(century + year2).map_err(|_| NationalIdError::BadDate)?;
    let birth_date = NaiveDate::from_ymd_opt(year, month, day).ok_or(NationalIdError::BadDate)?;
    let canonical = d.iter().map(|x| char::from(b'0' + x)).collect();
    Ok(NationalId {
        kind,
        canonical,
        birth_date,
    })
}

fn luhn_valid(d: &[u8]) -> bool {
    let sum: u32 = d
        .iter()
        .enumerate()
        .map(|(i, x)| {
            let v = u32::from(*x) * if i % 2 == 0 { 2 } else { 1 };
            if v > 9 { v - 9 } else { v }
        })
        .sum();
    sum.is_multiple_of(10)
}

fn parse_swedish(
    d: &[u8],
    separator: Option<char>,
    today: NaiveDate,
) -> Result<NationalId, NationalIdError> {
    let (year, short) = if d.len() == 12 {
        let year = i32::try_from(number(&d[0..4])).map_err(|_| NationalIdError::BadDate)?;
        (year, &d[2..])
    } else {
        let yy = i32::try_from(number(&d[0..2])).map_err(|_| NationalIdError::BadDate)?;
        let this_year = today.year();
        let mut year = this_year - (this_year - yy).rem_euclid(100);
        if separator == Some('+') {
            year -= 100;
        }
        (year, d)
    };
    if !luhn_valid(short) {
        return Err(NationalIdError::BadChecksum);
    }
    let month = number(&short[2..4]);
    let mut day = number(&short[4..6]);
    let kind = if day > 60 {
        day -= 60;
        NationalIdKind::SeSamordningsnummer
    } else {
        NationalIdKind::SePersonnummer
    };
    let birth_date = NaiveDate::from_ymd_opt(year, month, day).ok_or(NationalIdError::BadDate)?;
    let tail: String = short[6..].iter().map(|x| char::from(b'0' + x)).collect();
    let head: String = short[2..6].iter().map(|x| char::from(b'0' + x)).collect();
    Ok(NationalId {
        kind,
        canonical: format!("{year:04}{head}-{tail}"),
        birth_date,
    })
}

/// Makes a valid Norwegian fødselsnummer for a birth date and individual number, if
/// one exists (some individual numbers give check digit 10 and are never issued).
/// Used for fictional demo data and tests.
pub fn norwegian_for(birth_date: NaiveDate, individual: u16) -> Option<String> {
    let year2 = u32::try_from(birth_date.year().rem_euclid(100)).ok()?;
    let head = format!(
        "{:02}{:02}{:02}{:03}",
        birth_date.day(),
        birth_date.month(),
        year2,
        individual
    );
    let digits: Vec<u8> = head.bytes().map(|b| b - b'0').collect();
    let k1 = mod11_check(&digits, &[3, 7, 6, 1, 8, 9, 4, 5, 2])?;
    let mut with_k1 = digits.clone();
    with_k1.push(k1);
    let k2 = mod11_check(&with_k1, &[5, 4, 3, 2, 7, 6, 5, 4, 3, 2])?;
    Some(format!("{head}{k1}{k2}"))
}

/// Makes a valid Swedish personnummer (`YYYYMMDD-NNNC`) for a birth date and serial.
pub fn swedish_for(birth_date: NaiveDate, serial: u16) -> String {
    let short = format!(
        "{:02}{:02}{:02}{:03}",
        birth_date.year().rem_euclid(100),
        birth_date.month(),
        birth_date.day(),
        serial % 1000
    );
    let digits: Vec<u8> = short.bytes().map(|b| b - b'0').collect();
    let check = (0..10u8)
        .find(|c| {
            let mut all = digits.clone();
            all.push(*c);
            luhn_valid(&all)
        })
        .unwrap_or(0);
    format!(
        "{:04}{}-{}{}",
        birth_date.year(),
        &short[2..6],
        &short[6..9],
        check
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default()
    }

    #[test]
    fn a_known_valid_fodselsnummer_parses_with_its_birth_date() {
        // A published synthetic example number.
        let id = NationalId::parse("01010750160", today()).expect("valid");
        assert_eq!(id.kind(), NationalIdKind::NoFodselsnummer);
        assert_eq!(
            id.birth_date(),
            NaiveDate::from_ymd_opt(2007, 1, 1).expect("date")
        );
        assert_eq!(id.masked(), "010107*****");
    }

    #[test]
    fn a_changed_digit_breaks_the_norwegian_checksum() {
        assert_eq!(
            NationalId::parse("01010750161", today()),
            Err(NationalIdError::BadChecksum)
        );
    }

    #[test]
    fn a_d_number_is_recognised() {
        let fnr = norwegian_for(NaiveDate::from_ymd_opt(1985, 3, 15).expect("d"), 123);
        let fnr = fnr.expect("this individual number has check digits");
        let mut d: Vec<u8> = fnr.bytes().map(|b| b - b'0').collect();
        d[0] += 4;
        // Recompute check digits for the D-number.
        let k1 = mod11_check(&d[..9], &[3, 7, 6, 1, 8, 9, 4, 5, 2]);
        if let Some(k1) = k1 {
            d[9] = k1;
            if let Some(k2) = mod11_check(&d[..10], &[5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) {
                d[10] = k2;
                let s: String = d.iter().map(|x| char::from(b'0' + x)).collect();
                let id = NationalId::parse(&s, today()).expect("valid D-number");
                assert_eq!(id.kind(), NationalIdKind::NoDNumber);
                assert_eq!(id.birth_date().day(), 15);
            }
        }
    }

    #[test]
    fn a_known_valid_personnummer_parses_in_every_written_form() {
        for form in ["811218-9876", "198112189876", "8112189876", "19811218-9876"] {
            let id = NationalId::parse(form, today()).expect(form);
            assert_eq!(id.kind(), NationalIdKind::SePersonnummer);
            assert_eq!(id.expose(), "19811218-9876");
            assert_eq!(id.masked(), "19811218-****");
        }
    }

    #[test]
    fn a_plus_sign_means_over_a_hundred_years_old() {
        let id = NationalId::parse("811218+9876", today()).expect("valid");
        assert_eq!(id.birth_date().year(), 1881);
    }

    #[test]
    fn a_samordningsnummer_has_day_plus_sixty() {
        let id = NationalId::parse("701063-2391", today()).expect("valid");
        assert_eq!(id.kind(), NationalIdKind::SeSamordningsnummer);
        assert_eq!(id.birth_date().day(), 3);
    }

    #[test]
    fn wrong_luhn_digit_and_wrong_lengths_are_refused() {
        assert_eq!(
            NationalId::parse("811218-9875", today()),
            Err(NationalIdError::BadChecksum)
        );
        assert_eq!(
            NationalId::parse("12345", today()),
            Err(NationalIdError::WrongLength)
        );
        assert_eq!(
            NationalId::parse("8112a8-9876", today()),
            Err(NationalIdError::BadCharacter)
        );
    }

    #[test]
    fn debug_output_never_shows_the_full_number() {
        let id = NationalId::parse("811218-9876", today()).expect("valid");
        assert!(!format!("{id:?}").contains("9876"));
    }

    proptest! {
        #[test]
        fn generated_norwegian_numbers_parse_back(days in 0i64..36_000, individual in 0u16..500) {
            let birth = NaiveDate::from_ymd_opt(1920, 1, 1).expect("d") + chrono::Duration::days(days % 29_000);
            if let Some(n) = norwegian_for(birth, individual) {
                let id = NationalId::parse(&n, today()).expect("generated numbers are valid");
                prop_assert_eq!(id.birth_date(), birth);
            }
        }

        #[test]
        fn generated_swedish_numbers_parse_back(days in 0i64..36_000, serial in 0u16..1000) {
            let birth = NaiveDate::from_ymd_opt(1930, 1, 1).expect("d") + chrono::Duration::days(days % 30_000);
            let n = swedish_for(birth, serial);
            let id = NationalId::parse(&n, today()).expect("generated numbers are valid");
            prop_assert_eq!(id.birth_date(), birth);
            prop_assert_eq!(id.expose(), n.as_str());
        }

        #[test]
        fn any_single_digit_change_is_caught_in_swedish_numbers(pos in 0usize..10, delta in 1u8..10) {
            let mut d: Vec<u8> = "8112189876".bytes().map(|b| b - b'0').collect();
            d[pos] = (d[pos] + delta) % 10;
            let s: String = d.iter().map(|x| char::from(b'0' + x)).collect();
            prop_assert!(NationalId::parse(&s, today()).is_err());
        }
    }
}

crate::stored::stored_as_code!(NationalIdKind);
