//! Organisation numbers of partners and employers: Norwegian (9 digits, mod-11) and
//! Swedish (10 digits, Luhn). Parse, don't validate.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Country {
    Norway,
    Sweden,
}

impl Country {
    /// The ISO 3166 code the database and the API keep: `NO` or `SE`.
    pub fn code(self) -> &'static str {
        match self {
            Country::Norway => "NO",
            Country::Sweden => "SE",
        }
    }

    /// The country of an ISO 3166 code (`NO` or `SE`).
    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "NO" => Some(Country::Norway),
            "SE" => Some(Country::Sweden),
            _ => None,
        }
    }
}

crate::stored::stored_as_code!(Country);

/// Why a text is not an organisation number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OrganisationNumberError {
    #[error("must be 9 digits (Norwegian) or 10 digits (Swedish)")]
    WrongLength,
    #[error("may contain only digits, spaces and one '-'")]
    BadCharacter,
    #[error("the check digit does not match; please check the number")]
    BadChecksum,
}

/// A checked organisation number, kept as its digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OrganisationNumber {
    country: Country,
    digits: String,
}

impl OrganisationNumber {
    pub fn parse(input: &str) -> Result<Self, OrganisationNumberError> {
        let mut digits = String::new();
        for c in input.chars().filter(|c| !c.is_whitespace() && *c != '-') {
            if !c.is_ascii_digit() {
                return Err(OrganisationNumberError::BadCharacter);
            }
            digits.push(c);
        }
        let d: Vec<u32> = digits.chars().filter_map(|c| c.to_digit(10)).collect();
        let country = match d.len() {
            9 => {
                let weights = [3, 2, 7, 6, 5, 4, 3, 2];
                let sum: u32 = d.iter().zip(weights).map(|(x, w)| x * w).sum();
                let check = match 11 - sum % 11 {
                    11 => 0,
                    10 => return Err(OrganisationNumberError::BadChecksum),
                    k => k,
                };
                if check != d[8] {
                    return Err(OrganisationNumberError::BadChecksum);
                }
                Country::Norway
            }
            10 => {
                let sum: u32 = d
                    .iter()
                    .enumerate()
                    .map(|(i, x)| {
                        let v = if i % 2 == 0 { x * 2 } else { *x };
                        if v > 9 { v - 9 } else { v }
                    })
                    .sum();
                if !sum.is_multiple_of(10) {
                    return Err(OrganisationNumberError::BadChecksum);
                }
                Country::Sweden
            }
            _ => return Err(OrganisationNumberError::WrongLength),
        };
        Ok(Self { country, digits })
    }

    pub fn country(&self) -> Country {
        self.country
    }

    /// As usually written: `923 609 016` (Norway), `556036-0793` (Sweden).
    pub fn formatted(&self) -> String {
        match self.country {
            Country::Norway => format!(
                "{} {} {}",
                &self.digits[..3],
                &self.digits[3..6],
                &self.digits[6..]
            ),
            Country::Sweden => format!("{}-{}", &self.digits[..6], &self.digits[6..]),
        }
    }

    pub fn digits(&self) -> &str {
        &self.digits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_norwegian_and_swedish_numbers_parse() {
        // Equinor ASA and Volvo AB, published organisation numbers.
        let no = OrganisationNumber::parse("923 609 016").expect("valid");
        assert_eq!(
            (no.country(), no.formatted().as_str()),
            (Country::Norway, "923 609 016")
        );
        let se = OrganisationNumber::parse("556012-5790").expect("valid");
        assert_eq!(
            (se.country(), se.formatted().as_str()),
            (Country::Sweden, "556012-5790")
        );
    }

    #[test]
    fn a_changed_digit_or_length_is_refused() {
        assert_eq!(
            OrganisationNumber::parse("923609017"),
            Err(OrganisationNumberError::BadChecksum)
        );
        assert_eq!(
            OrganisationNumber::parse("556012-5791"),
            Err(OrganisationNumberError::BadChecksum)
        );
        assert_eq!(
            OrganisationNumber::parse("12345"),
            Err(OrganisationNumberError::WrongLength)
        );
        assert_eq!(
            OrganisationNumber::parse("92360901X"),
            Err(OrganisationNumberError::BadCharacter)
        );
    }
}
