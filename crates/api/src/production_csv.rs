//! The production report as CSV: one header row of stable English column
//! names, then a row per month of the trend and workplace, other work and
//! the month's total; "<5" where people are suppressed, empty where hours
//! are left out or a figure does not apply. No cell can start a spreadsheet
//! formula (workplace names come from users).

use crate::report_csv::cell;
use stige_domain::production::OutputUnit;
use stige_domain::small_cells::ShownCount;
use stige_wire::{ProductionMonth, ProductionReport, WorkFigures};

const HEADER: [&str; 14] = [
    "month",
    "line",
    "workplace_id",
    "workplace",
    "days",
    "items",
    "portions",
    "orders",
    "customers",
    "sales",
    "currency",
    "hours",
    "people",
    "disclosure",
];

fn people(c: ShownCount) -> String {
    match c {
        ShownCount::Number(n) => n.to_string(),
        ShownCount::Suppressed(_) => "<5".to_owned(),
    }
}

fn work(w: &WorkFigures) -> [String; 2] {
    [
        w.hours.map(|h| format!("{h:.2}")).unwrap_or_default(),
        people(w.people),
    ]
}

fn rows_of(report: &ProductionReport, m: &ProductionMonth) -> Vec<Vec<String>> {
    let currency = report.currency.as_str().to_owned();
    let disclosure = match report.disclosure {
        stige_domain::small_cells::Disclosure::Exact => "exact",
        stige_domain::small_cells::Disclosure::Controlled => "controlled",
    };
    let mut rows = Vec::new();
    for w in &m.workplaces {
        let units = w.output.units.to_string();
        let (items, portions) = match w.output_unit {
            OutputUnit::Items => (units, String::new()),
            OutputUnit::Portions => (String::new(), units),
        };
        let [hours, people] = work(&w.work);
        rows.push(vec![
            m.month.clone(),
            "workplace".into(),
            w.workplace_id.to_string(),
            w.name.clone(),
            w.output.days.to_string(),
            items,
            portions,
            w.output.orders.to_string(),
            w.output.customers.to_string(),
            format!("{:.2}", w.output.sales),
            currency.clone(),
            hours,
            people,
            disclosure.into(),
        ]);
    }
    let [hours, people] = work(&m.other_work);
    let mut other = vec![m.month.clone(), "other_work".into()];
    other.extend(std::iter::repeat_n(String::new(), 9));
    other.extend([hours, people, disclosure.into()]);
    rows.push(other);
    let t = &m.totals;
    let [hours, people] = work(&t.work);
    rows.push(vec![
        m.month.clone(),
        "total".into(),
        String::new(),
        String::new(),
        String::new(),
        t.items.to_string(),
        t.portions.to_string(),
        t.orders.to_string(),
        t.customers.to_string(),
        format!("{:.2}", t.sales),
        currency,
        hours,
        people,
        disclosure.into(),
    ]);
    rows
}

/// The report's trend as one table, oldest month first.
pub fn table(report: &ProductionReport) -> anyhow::Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(HEADER)?;
    for m in &report.trend {
        for row in rows_of(report, m) {
            w.write_record(row.iter().map(|c| cell(c)))?;
        }
    }
    Ok(String::from_utf8(
        w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?,
    )?)
}
