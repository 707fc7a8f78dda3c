//! What the production pages share: the programme's places for the forms,
//! and how money and output units are written.

use crate::format;
use crate::i18n::I18n;
use stige_wire::{Currency, OutputUnit};

/// The programme's workplaces (id, name) and currency, for the forms.
#[derive(Debug, Clone, PartialEq)]
pub struct Places {
    pub currency: Currency,
    pub workplaces: Vec<(i64, String)>,
}

/// An amount in the programme's currency, two decimals: "4 567,50 NOK".
pub fn money(i: I18n, amount: f64, currency: Currency) -> String {
    let code = match currency {
        Currency::Nok => "NOK",
        Currency::Sek => "SEK",
    };
    format!("{} {code}", format::amount(i, amount))
}

/// What a workplace's output is counted in, as a word.
pub fn unit_word(i: I18n, unit: OutputUnit) -> String {
    i.t(match unit {
        OutputUnit::Items => "output-items",
        OutputUnit::Portions => "output-portions",
    })
}
