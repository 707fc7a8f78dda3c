//! Reading a till's CSV export into the sales of each day.
//!
//! The file's first line names the columns; the delimiter is whichever of
//! `;`, tab and `,` that line holds most of (on a tie in that order). The
//! columns are found by name, in any case, in Norwegian, Swedish or English:
//! a date (`date`, `dato`, `datum`, `day`, `dag`) and an amount (`amount`,
//! `sales`, `salg`, `total`, `totalt`, `sum`, `beløp`, `belop`, `belopp`,
//! `omsetning`, `omsättning`, `försäljning`), and, if the file has them, the
//! customers (`customers`, `receipts`, `kunder`, `kvitteringer`, `kvitton`)
//! and the orders (`orders`, `bestillinger`, `ordrer`, `beställningar`,
//! `ordrar`). A heading that is exactly one of these names wins; otherwise
//! the first heading with one of them as a word (`Beløp inkl. mva`).
//!
//! Dates are `YYYY-MM-DD` or `DD.MM.YYYY`, optionally followed by a time;
//! amounts as [`parse_amount`] reads them. Several lines of one date (a
//! till's list of transactions, refunds as negative amounts) are added up
//! to that day's total. Blank lines and a closing line whose date reads
//! "total" or "sum" (the till's own sum) are passed over. Every bad line is
//! named by its line number in the file (`lines[7].amount`), and a file
//! with any bad line gives nothing at all.

use super::{MAX_COUNT, MAX_SALES_MINOR, check_date, parse_amount};
use crate::validation::ValidationErrors;
use chrono::NaiveDate;
use std::collections::BTreeSet;

/// The largest file accepted, in bytes (1 MB: a busy café's year of
/// transactions).
pub const MAX_BYTES: usize = 1_000_000;
/// Bad lines named one by one before the rest are counted.
pub const MAX_REPORTED: usize = 50;

/// One day's totals from the till.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TillDay {
    pub day: NaiveDate,
    /// In minor units.
    pub sales_minor: i64,
    /// Absent when the file has no customers column.
    pub customers: Option<u32>,
    /// Absent when the file has no orders column.
    pub orders: Option<u32>,
    /// How many of the file's lines are behind the day.
    pub lines: u32,
}

/// A till file as read: each day once, in date order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TillFile {
    pub days: Vec<TillDay>,
    /// The lines read (header, blank and sum lines not counted).
    pub lines: u32,
}

/// The file's text: UTF-8 (a byte order mark dropped), or else Windows-1252,
/// which older tills still write.
pub fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => bytes.iter().map(|b| windows_1252(*b)).collect(),
    }
}

/// A Windows-1252 byte as a character (Latin-1 but for 0x80 to 0x9F).
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Date,
    Amount,
    Customers,
    Orders,
}

impl Column {
    const ALL: [Column; 4] = [Self::Date, Self::Amount, Self::Customers, Self::Orders];

    fn names(self) -> &'static [&'static str] {
        match self {
            Self::Date => &["date", "dato", "datum", "day", "dag"],
            Self::Amount => &[
                "amount",
                "sales",
                "salg",
                "total",
                "totalt",
                "sum",
                "beløp",
                "belop",
                "belopp",
                "omsetning",
                "omsättning",
                "försäljning",
            ],
            Self::Customers => &["customers", "receipts", "kunder", "kvitteringer", "kvitton"],
            Self::Orders => &[
                "orders",
                "bestillinger",
                "ordrer",
                "beställningar",
                "ordrar",
            ],
        }
    }

    /// The field name of the column's cell on a line.
    fn field(self) -> &'static str {
        match self {
            Self::Date => "date",
            Self::Amount => "amount",
            Self::Customers => "customers",
            Self::Orders => "orders",
        }
    }
}

/// The delimiter the header line holds most of: `;`, tab, then `,`.
fn delimiter(header: &str) -> Option<u8> {
    let mut best: Option<(u8, usize)> = None;
    for d in [b';', b'\t', b','] {
        let n = header.bytes().filter(|b| *b == d).count();
        if n > 0 && best.is_none_or(|(_, m)| n > m) {
            best = Some((d, n));
        }
    }
    best.map(|(d, _)| d)
}

/// Which heading holds each column: exact names first, then names as words.
fn columns(headings: &[String]) -> [Option<usize>; 4] {
    let normal: Vec<String> = headings.iter().map(|h| h.trim().to_lowercase()).collect();
    let mut found: [Option<usize>; 4] = [None; 4];
    for (k, column) in Column::ALL.iter().enumerate() {
        found[k] = normal
            .iter()
            .position(|h| column.names().contains(&h.as_str()));
    }
    for (k, column) in Column::ALL.iter().enumerate() {
        if found[k].is_some() {
            continue;
        }
        found[k] = (0..normal.len()).find(|i| {
            !found.contains(&Some(*i))
                && normal[*i]
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| column.names().contains(&w))
        });
    }
    found
}

/// A date as tills write it, with or without a time after it.
fn parse_date(cell: &str) -> Option<NaiveDate> {
    let day = cell.trim().split([' ', 'T']).next()?;
    NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(day, "%d.%m.%Y"))
        .ok()
}

/// A count of customers or orders on one line.
fn parse_count(cell: &str) -> Result<u32, String> {
    let cell = cell.trim();
    let n: i64 = cell
        .parse()
        .map_err(|_| "is not a whole number".to_owned())?;
    super::count_of(n)
}

/// Adds the errors of the file as a whole under `file`.
fn file_error(message: &str) -> ValidationErrors {
    let mut errors = ValidationErrors::new();
    errors.add("file", message);
    errors
}

/// Collects the errors of lines, naming the first [`MAX_REPORTED`] lines.
struct BadLines {
    errors: ValidationErrors,
    lines: BTreeSet<u64>,
}

impl BadLines {
    fn add(&mut self, line: u64, field: &str, message: impl Into<String>) {
        self.lines.insert(line);
        if self.lines.len() <= MAX_REPORTED {
            self.errors.add(&format!("lines[{line}].{field}"), message);
        }
    }

    fn into_result(mut self) -> Result<(), ValidationErrors> {
        let more = self.lines.len().saturating_sub(MAX_REPORTED);
        if more > 0 {
            self.errors
                .add("lines", format!("and {more} more bad lines"));
        }
        self.errors.into_result(())
    }
}

/// A required cell's value, or its error.
fn required<'a>(bad: &mut BadLines, line: u64, column: Column, value: &'a str) -> Option<&'a str> {
    if value.is_empty() {
        bad.add(line, column.field(), "is required");
        None
    } else {
        Some(value)
    }
}

/// An optional column's count on a line (a blank cell counts as 0); `Ok(None)`
/// when the file has no such column.
fn optional_count(
    bad: &mut BadLines,
    line: u64,
    column: Column,
    value: Option<&str>,
) -> Result<Option<u32>, ()> {
    match value {
        None => Ok(None),
        Some("") => Ok(Some(0)),
        Some(v) => parse_count(v)
            .map(Some)
            .map_err(|e| bad.add(line, column.field(), e)),
    }
}

/// One line's date, amount and counts as read.
struct Line {
    number: u64,
    day: NaiveDate,
    sales_minor: i64,
    customers: Option<u32>,
    orders: Option<u32>,
}

/// Reads a till's CSV export into each day's totals (see the module's
/// documentation); dates must be on or before `today` and at most
/// [`super::DAYS_BACK`] days before it.
pub fn parse_till(text: &str, today: NaiveDate) -> Result<TillFile, ValidationErrors> {
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let Some(delimiter) = delimiter(header) else {
        return Err(file_error(
            "the first line must name the columns, separated by semicolons, commas or tabs",
        ));
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headings: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(str::to_owned).collect(),
        Err(_) => return Err(file_error("the first line cannot be read")),
    };
    let [date, amount, customers, orders] = columns(&headings);
    let mut errors = ValidationErrors::new();
    if date.is_none() {
        errors.add("file", "has no date column: name it date, dato or datum");
    }
    if amount.is_none() {
        errors.add(
            "file",
            "has no amount column: name it amount, sum, total, beløp, belopp, omsetning or försäljning",
        );
    }
    let (Some(date), Some(amount)) = (date, amount) else {
        return Err(errors);
    };
    let mut bad = BadLines {
        errors,
        lines: BTreeSet::new(),
    };
    let mut lines: Vec<Line> = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let number = e.position().map_or(0, csv::Position::line);
                bad.add(number, "line", "cannot be read");
                continue;
            }
        };
        let number = record.position().map_or(0, csv::Position::line);
        let cell = |i: usize| record.get(i).unwrap_or("");
        if record.iter().all(str::is_empty) {
            continue;
        }
        let date_cell = cell(date).to_lowercase();
        if date_cell.starts_with("total") || date_cell.starts_with("sum") {
            continue;
        }
        let day = match required(&mut bad, number, Column::Date, cell(date)) {
            None => None,
            Some(d) => match parse_date(d) {
                None => {
                    bad.add(
                        number,
                        "date",
                        "is not a date: write it as YYYY-MM-DD or DD.MM.YYYY",
                    );
                    None
                }
                Some(day) => match check_date(day, today) {
                    Ok(()) => Some(day),
                    Err(e) => {
                        bad.add(number, "date", e);
                        None
                    }
                },
            },
        };
        let sales = match required(&mut bad, number, Column::Amount, cell(amount)) {
            None => None,
            Some(a) => match parse_amount(a) {
                Ok(minor) => Some(minor),
                Err(e) => {
                    bad.add(number, "amount", e);
                    None
                }
            },
        };
        let customers = optional_count(&mut bad, number, Column::Customers, customers.map(cell));
        let orders = optional_count(&mut bad, number, Column::Orders, orders.map(cell));
        if let (Some(day), Some(sales_minor), Ok(customers), Ok(orders)) =
            (day, sales, customers, orders)
        {
            lines.push(Line {
                number,
                day,
                sales_minor,
                customers,
                orders,
            });
        }
    }
    if lines.is_empty() && bad.lines.is_empty() {
        return Err(file_error("has no lines after the first"));
    }
    let days = days_of(&lines, &mut bad);
    bad.into_result()?;
    Ok(TillFile {
        days,
        lines: u32::try_from(lines.len()).unwrap_or(u32::MAX),
    })
}

/// One day's running sums, and the first line behind it.
struct DaySum {
    first: u64,
    day: NaiveDate,
    sales: i64,
    customers: Option<u64>,
    orders: Option<u64>,
    lines: u32,
}

/// Adds the lines up per day; a day whose sales are below zero or whose
/// totals are out of range is named by its first line.
fn days_of(lines: &[Line], bad: &mut BadLines) -> Vec<TillDay> {
    let mut sorted: Vec<&Line> = lines.iter().collect();
    sorted.sort_by_key(|l| (l.day, l.number));
    let mut days: Vec<DaySum> = Vec::new();
    for l in sorted {
        match days.last_mut() {
            Some(sum) if sum.day == l.day => {
                sum.sales = sum.sales.saturating_add(l.sales_minor);
                add(&mut sum.customers, l.customers);
                add(&mut sum.orders, l.orders);
                sum.lines += 1;
            }
            _ => days.push(DaySum {
                first: l.number,
                day: l.day,
                sales: l.sales_minor,
                customers: l.customers.map(u64::from),
                orders: l.orders.map(u64::from),
                lines: 1,
            }),
        }
    }
    let max_count = u64::from(MAX_COUNT);
    days.into_iter()
        .filter_map(|sum| {
            let mut ok = true;
            if !(0..=MAX_SALES_MINOR).contains(&sum.sales) {
                let max = MAX_SALES_MINOR / 100;
                bad.add(
                    sum.first,
                    "amount",
                    format!("the day's sales must add up to between 0 and {max}"),
                );
                ok = false;
            }
            for (field, n) in [("customers", sum.customers), ("orders", sum.orders)] {
                if n.is_some_and(|n| n > max_count) {
                    bad.add(
                        sum.first,
                        field,
                        format!("the day's {field} must add up to at most {MAX_COUNT}"),
                    );
                    ok = false;
                }
            }
            let narrow = |n: Option<u64>| n.and_then(|n| u32::try_from(n).ok());
            ok.then_some(TillDay {
                day: sum.day,
                sales_minor: sum.sales,
                customers: narrow(sum.customers),
                orders: narrow(sum.orders),
                lines: sum.lines,
            })
        })
        .collect()
}

fn add(total: &mut Option<u64>, n: Option<u32>) {
    if let Some(n) = n {
        *total = Some(total.unwrap_or(0) + u64::from(n));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 6).unwrap()
    }

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn fields(e: &ValidationErrors) -> Vec<&str> {
        e.0.iter().map(|f| f.field.as_str()).collect()
    }

    #[test]
    fn a_transaction_list_with_semicolons_and_decimal_commas_adds_up_per_day() {
        let text = "Dato;Kvitteringer;Beløp inkl. mva\n\
                    02.11.2026 09:14;1;89,00\n\
                    02.11.2026 11:40;1;1 234,50\n\
                    \n\
                    03.11.2026;2;-10,00\n\
                    03.11.2026;1;110\n\
                    Totalt;5;1 423,50\n";
        let file = parse_till(text, today()).unwrap();
        assert_eq!(file.lines, 4);
        assert_eq!(
            file.days,
            vec![
                TillDay {
                    day: d(11, 2),
                    sales_minor: 132_350,
                    customers: Some(2),
                    orders: None,
                    lines: 2
                },
                TillDay {
                    day: d(11, 3),
                    sales_minor: 10_000,
                    customers: Some(3),
                    orders: None,
                    lines: 2
                },
            ]
        );
    }

    #[test]
    fn commas_tabs_and_quoted_amounts_are_read_too() {
        let text = "date,sales,orders\n2026-11-02,\"1,234.50\",3\n2026-11-02,10,\n";
        let file = parse_till(text, today()).unwrap();
        assert_eq!(file.days.len(), 1);
        assert_eq!(file.days[0].sales_minor, 124_450);
        assert_eq!(file.days[0].orders, Some(3));
        assert_eq!(file.days[0].customers, None);
        let tabs = "Datum\tFörsäljning\tKunder\n2026-11-05\t4 500,00\t37\n";
        let file = parse_till(tabs, today()).unwrap();
        assert_eq!(file.days[0].sales_minor, 450_000);
        assert_eq!(file.days[0].customers, Some(37));
    }

    #[test]
    fn every_bad_line_is_named_by_its_number_and_nothing_is_kept() {
        let text = "dato;beløp;kunder\n\
                    2026-11-02;100;1\n\
                    2026-13-02;100;1\n\
                    2026-11-03;abc;x\n\
                    2027-01-01;;2\n\
                    2025-01-01;5;1\n";
        let e = parse_till(text, today()).unwrap_err();
        assert_eq!(
            fields(&e),
            [
                "lines[3].date",
                "lines[4].amount",
                "lines[4].customers",
                "lines[5].date",
                "lines[5].amount",
                "lines[6].date"
            ]
        );
        let codes: Vec<&str> = e.0.iter().map(|f| f.code.as_str()).collect();
        assert_eq!(
            codes,
            [
                "till-date",
                "not-an-amount",
                "whole-number",
                "in-future",
                "required",
                "too-long-ago"
            ]
        );
    }

    #[test]
    fn a_file_without_its_columns_or_lines_says_so() {
        let e = parse_till("just one column\n2026-11-02\n", today()).unwrap_err();
        assert_eq!(fields(&e), ["file"]);
        assert_eq!(e.0[0].code, "no-header");
        let e = parse_till("when;what\n2026-11-02;3\n", today()).unwrap_err();
        assert_eq!(fields(&e), ["file", "file"]);
        assert_eq!(e.0[0].code, "no-date-column");
        assert_eq!(e.0[1].code, "no-amount-column");
        let e = parse_till("dato;sum\n\n", today()).unwrap_err();
        assert_eq!(e.0[0].code, "no-lines");
        assert!(parse_till("", today()).is_err());
    }

    #[test]
    fn a_day_below_zero_or_too_many_bad_lines_are_refused() {
        let e = parse_till("date;amount\n2026-11-02;-5\n2026-11-02;2\n", today()).unwrap_err();
        assert_eq!(fields(&e), ["lines[2].amount"]);
        assert_eq!(e.0[0].code, "day-total");
        let mut text = String::from("date;amount\n");
        for _ in 0..(MAX_REPORTED + 7) {
            text.push_str("x;1\n");
        }
        let e = parse_till(&text, today()).unwrap_err();
        assert_eq!(e.0.len(), MAX_REPORTED + 1);
        assert_eq!(e.0[MAX_REPORTED].field, "lines");
        assert_eq!(e.0[MAX_REPORTED].code, "more-bad-lines");
        assert_eq!(
            e.0[MAX_REPORTED].params.get("count").map(String::as_str),
            Some("7")
        );
    }

    #[test]
    fn the_exact_heading_wins_over_a_word() {
        let text = "Salgsdato;Sum;Dato;Antall kunder\n2026-11-01;5;2026-11-02;4\n";
        let file = parse_till(text, today()).unwrap();
        assert_eq!(file.days[0].day, d(11, 2));
        assert_eq!(file.days[0].customers, Some(4));
    }

    #[test]
    fn windows_1252_and_a_byte_order_mark_are_read() {
        assert_eq!(decode(b"\xEF\xBB\xBFdato;bel\xC3\xB8p"), "dato;beløp");
        assert_eq!(decode(b"dato;bel\xF8p;\x80"), "dato;beløp;€");
    }
}
