//! The monthly production report for the steering group: per workplace the
//! output, orders, customers and sales, and the participants' hours behind
//! them; the hours of work at no workplace ("other work"); the totals; and
//! the same for each of the twelve months ending with the month asked for,
//! so the report can draw the trend over a year.
//!
//! A person's day of work counts at the workplaces of the tasks they ticked
//! that day, its minutes split equally among them (the odd minutes to the
//! workplaces with the lowest ids, so the split adds up exactly); a day with
//! no task ticked counts as other work.
//!
//! Under disclosure control the people behind each line are shown as
//! [`show`] shows counts, and hours are left out where fewer than
//! [`MIN_PEOPLE`] people are behind them. So that the hidden hours cannot be
//! worked out as the total less the lines shown, more lines are hidden
//! (those with the fewest people first) until the hidden lines together have
//! at least [`MIN_PEOPLE`] people, or else the total's hours are left out
//! too. Shown hours are then whole hours. Output, orders, customers and sales
//! are the enterprise's own figures and are shown as they are.

use super::{Currency, OutputUnit, amount_of};
use crate::ids::LadderId;
use crate::report::Month;
use crate::small_cells::MIN_PEOPLE;
use crate::small_cells::{Disclosure, ShownCount, show};
use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// How many months the trend shows.
pub const TREND_MONTHS: u32 = 12;

/// A workplace as the report names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkplaceInfo {
    pub id: i64,
    pub name: String,
    pub output_unit: OutputUnit,
}

/// One workplace's recorded day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProducedDay {
    pub workplace: i64,
    pub day: NaiveDate,
    pub units: Option<u32>,
    pub orders: Option<u32>,
    pub customers: Option<u32>,
    pub sales_minor: Option<i64>,
}

/// One person's recorded day of work, with the workplaces of its tasks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkedDay {
    pub participant: i64,
    pub day: NaiveDate,
    pub minutes: u32,
    pub workplaces: Vec<i64>,
}

/// Everything one report is computed from; `produced` and `worked` may run
/// over more than the trend's months (the rest is passed over).
#[derive(Debug, Clone, PartialEq)]
pub struct ProductionInput {
    pub month: Month,
    pub ladder: LadderId,
    pub ladder_name: String,
    pub currency: Currency,
    pub workplaces: Vec<WorkplaceInfo>,
    pub produced: Vec<ProducedDay>,
    pub worked: Vec<WorkedDay>,
}

/// What a workplace put out in a month.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutputFigures {
    /// Days with figures recorded.
    pub days: u32,
    /// Items or portions, as the workplace counts its output.
    pub units: u64,
    pub orders: u64,
    pub customers: u64,
    /// In the programme's currency, two decimals.
    pub sales: f64,
}

/// The participants' work behind a line.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WorkFigures {
    /// Participant hours: exact to two decimals, or under disclosure control
    /// whole hours, left out where fewer than five people are behind them
    /// (or where they would give such hours away).
    pub hours: Option<f64>,
    /// The distinct participants who worked there.
    pub people: ShownCount,
}

/// One workplace's month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WorkplaceFigures {
    pub workplace_id: i64,
    pub name: String,
    pub output_unit: OutputUnit,
    pub output: OutputFigures,
    pub work: WorkFigures,
}

/// The whole programme's month.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductionTotals {
    /// Items made at the workplaces that count items.
    pub items: u64,
    /// Portions made at the workplaces that count portions.
    pub portions: u64,
    pub orders: u64,
    pub customers: u64,
    /// In the programme's currency, two decimals.
    pub sales: f64,
    /// Every participant hour of the month, at a workplace or not.
    pub work: WorkFigures,
}

/// One month of the trend.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductionMonth {
    /// `YYYY-MM`.
    #[cfg_attr(feature = "openapi", schema(example = "2026-11"))]
    pub month: String,
    pub workplaces: Vec<WorkplaceFigures>,
    /// Work recorded with no task at any workplace.
    pub other_work: WorkFigures,
    pub totals: ProductionTotals,
}

/// The production report of one programme and month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductionReport {
    /// `YYYY-MM`.
    #[cfg_attr(feature = "openapi", schema(example = "2026-11"))]
    pub month: String,
    pub ladder_id: LadderId,
    pub ladder_name: String,
    pub currency: Currency,
    /// Exact figures, or people and hours under disclosure control.
    pub disclosure: Disclosure,
    /// The month's figures per workplace, by name.
    pub workplaces: Vec<WorkplaceFigures>,
    /// Work recorded with no task at any workplace.
    pub other_work: WorkFigures,
    pub totals: ProductionTotals,
    /// The twelve months ending with `month`, oldest first (the last is
    /// `month` itself), each under the same disclosure control.
    pub trend: Vec<ProductionMonth>,
}

/// A day's minutes split equally among its distinct workplaces, by id; the
/// odd minutes go one each to the first ones. Empty with no workplace.
pub fn split_minutes(minutes: u32, workplaces: &[i64]) -> Vec<(i64, u32)> {
    let distinct: BTreeSet<i64> = workplaces.iter().copied().collect();
    let Ok(n) = u32::try_from(distinct.len()) else {
        return Vec::new();
    };
    if n == 0 {
        return Vec::new();
    }
    let (share, odd) = (minutes / n, minutes % n);
    distinct
        .into_iter()
        .zip(0..)
        .map(|(w, i)| (w, share + u32::from(i < odd)))
        .collect()
}

/// The first and last day of `month`.
pub fn month_days(month: Month) -> (NaiveDate, NaiveDate) {
    let first = NaiveDate::from_ymd_opt(month.year, month.month, 1).unwrap_or_default();
    let last = first
        .checked_add_months(Months::new(1))
        .and_then(|d| d.pred_opt())
        .unwrap_or(first);
    (first, last)
}

/// The [`TREND_MONTHS`] months ending with `month`, oldest first.
pub fn trend_months(month: Month) -> Vec<Month> {
    let (first, _) = month_days(month);
    (0..TREND_MONTHS)
        .rev()
        .filter_map(|back| first.checked_sub_months(Months::new(back)))
        .map(Month::of)
        .collect()
}

/// The first and last day of the trend ending with `month`.
pub fn trend_days(month: Month) -> (NaiveDate, NaiveDate) {
    let months = trend_months(month);
    let first = months
        .first()
        .map_or(month_days(month).0, |m| month_days(*m).0);
    (first, month_days(month).1)
}

/// Minutes and the people behind them.
#[derive(Debug, Clone, Default)]
struct Work {
    minutes: u64,
    people: BTreeSet<i64>,
}

impl Work {
    fn add(&mut self, participant: i64, minutes: u32) {
        self.minutes += u64::from(minutes);
        self.people.insert(participant);
    }
}

/// Which lines' hours (and the total's) a controlled audience may not see.
fn hidden_hours(lines: &[&Work], total: &Work, disclosure: Disclosure) -> (Vec<bool>, bool) {
    let mut hidden = vec![false; lines.len()];
    if !disclosure.is_controlled() {
        return (hidden, false);
    }
    let few = |w: &Work| (w.people.len() as u64) < MIN_PEOPLE;
    for (i, w) in lines.iter().enumerate() {
        hidden[i] = !w.people.is_empty() && few(w);
    }
    let total_hidden = few(total);
    if total_hidden || !hidden.contains(&true) {
        return (hidden, total_hidden);
    }
    loop {
        let behind: BTreeSet<i64> = (lines.iter().zip(&hidden))
            .filter(|(_, h)| **h)
            .flat_map(|(w, _)| w.people.iter().copied())
            .collect();
        if behind.len() as u64 >= MIN_PEOPLE {
            return (hidden, false);
        }
        let next = (lines.iter().enumerate())
            .filter(|(i, w)| !hidden[*i] && !w.people.is_empty())
            .min_by_key(|(i, w)| (w.people.len(), w.minutes, *i))
            .map(|(i, _)| i);
        match next {
            Some(i) => hidden[i] = true,
            None => return (hidden, true),
        }
    }
}

fn hours(minutes: u64, hidden: bool, disclosure: Disclosure) -> Option<f64> {
    let h = minutes as f64 / 60.0;
    match disclosure {
        _ if hidden => None,
        Disclosure::Exact => Some((h * 100.0).round() / 100.0),
        Disclosure::Controlled => Some(h.round()),
    }
}

fn work_figures(w: &Work, hidden: bool, disclosure: Disclosure) -> WorkFigures {
    WorkFigures {
        hours: hours(w.minutes, hidden, disclosure),
        people: show(w.people.len() as u64, disclosure),
    }
}

/// The figures of one month.
pub fn month_figures(
    input: &ProductionInput,
    month: Month,
    disclosure: Disclosure,
) -> ProductionMonth {
    let (first, last) = month_days(month);
    let within = |d: NaiveDate| first <= d && d <= last;
    let n = input.workplaces.len();
    let mut output = vec![(OutputFigures::default(), 0i64); n];
    for p in input.produced.iter().filter(|p| within(p.day)) {
        let Some(i) = input.workplaces.iter().position(|w| w.id == p.workplace) else {
            continue;
        };
        let (o, sales) = &mut output[i];
        o.days += 1;
        o.units += u64::from(p.units.unwrap_or(0));
        o.orders += u64::from(p.orders.unwrap_or(0));
        o.customers += u64::from(p.customers.unwrap_or(0));
        *sales += p.sales_minor.unwrap_or(0);
    }
    let mut work = vec![Work::default(); n];
    let mut other = Work::default();
    let mut total = Work::default();
    for d in input.worked.iter().filter(|d| within(d.day)) {
        total.add(d.participant, d.minutes);
        let known: Vec<i64> = (d.workplaces.iter())
            .copied()
            .filter(|w| input.workplaces.iter().any(|p| p.id == *w))
            .collect();
        if known.is_empty() {
            other.add(d.participant, d.minutes);
        }
        for (w, minutes) in split_minutes(d.minutes, &known) {
            if let Some(i) = input.workplaces.iter().position(|p| p.id == w) {
                work[i].add(d.participant, minutes);
            }
        }
    }
    let mut lines: Vec<&Work> = work.iter().collect();
    lines.push(&other);
    let (hidden, total_hidden) = hidden_hours(&lines, &total, disclosure);
    let workplaces: Vec<WorkplaceFigures> = (input.workplaces.iter().enumerate())
        .map(|(i, w)| WorkplaceFigures {
            workplace_id: w.id,
            name: w.name.clone(),
            output_unit: w.output_unit,
            output: OutputFigures {
                sales: amount_of(output[i].1),
                ..output[i].0
            },
            work: work_figures(&work[i], hidden[i], disclosure),
        })
        .collect();
    let units_in = |unit: OutputUnit| -> u64 {
        (workplaces.iter())
            .filter(|w| w.output_unit == unit)
            .map(|w| w.output.units)
            .sum()
    };
    let totals = ProductionTotals {
        items: units_in(OutputUnit::Items),
        portions: units_in(OutputUnit::Portions),
        orders: workplaces.iter().map(|w| w.output.orders).sum(),
        customers: workplaces.iter().map(|w| w.output.customers).sum(),
        sales: amount_of(output.iter().map(|(_, s)| s).sum()),
        work: work_figures(&total, total_hidden, disclosure),
    };
    ProductionMonth {
        month: month.to_string(),
        other_work: work_figures(&other, hidden[n], disclosure),
        workplaces,
        totals,
    }
}

/// The report for `input.month` with its trend; workplaces by name.
pub fn production_report(input: &ProductionInput, disclosure: Disclosure) -> ProductionReport {
    let mut sorted = input.clone();
    sorted
        .workplaces
        .sort_by(|a, b| (a.name.as_str(), a.id).cmp(&(b.name.as_str(), b.id)));
    let trend: Vec<ProductionMonth> = trend_months(input.month)
        .into_iter()
        .map(|m| month_figures(&sorted, m, disclosure))
        .collect();
    let this = trend
        .last()
        .cloned()
        .unwrap_or_else(|| month_figures(&sorted, input.month, disclosure));
    ProductionReport {
        month: input.month.to_string(),
        ladder_id: input.ladder,
        ladder_name: input.ladder_name.clone(),
        currency: input.currency,
        disclosure,
        workplaces: this.workplaces,
        other_work: this.other_work,
        totals: this.totals,
        trend,
    }
}

/// Whether `month` has begun by `today`.
pub fn has_begun(month: Month, today: NaiveDate) -> bool {
    (month.year, month.month) <= (today.year(), today.month())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::small_cells::Suppressed;
    use proptest::prelude::*;

    const FEW: ShownCount = ShownCount::Suppressed(Suppressed::FewerThanFive);

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn nov() -> Month {
        Month {
            year: 2026,
            month: 11,
        }
    }

    fn place(id: i64, name: &str, unit: OutputUnit) -> WorkplaceInfo {
        WorkplaceInfo {
            id,
            name: name.into(),
            output_unit: unit,
        }
    }

    fn worked(participant: i64, day: NaiveDate, minutes: u32, places: &[i64]) -> WorkedDay {
        WorkedDay {
            participant,
            day,
            minutes,
            workplaces: places.to_vec(),
        }
    }

    fn produced(workplace: i64, day: NaiveDate, units: u32, sales: i64) -> ProducedDay {
        ProducedDay {
            workplace,
            day,
            units: Some(units),
            orders: None,
            customers: Some(units / 2),
            sales_minor: Some(sales),
        }
    }

    fn input(worked: Vec<WorkedDay>, produced: Vec<ProducedDay>) -> ProductionInput {
        ProductionInput {
            month: nov(),
            ladder: LadderId(1),
            ladder_name: "Portalen".into(),
            currency: Currency::Nok,
            workplaces: vec![
                place(2, "Verkstedet", OutputUnit::Items),
                place(1, "Kafeen", OutputUnit::Portions),
            ],
            produced,
            worked,
        }
    }

    #[test]
    fn a_day_at_two_workplaces_is_split_and_a_day_without_tasks_is_other_work() {
        let i = input(
            vec![
                worked(7, d(11, 3), 240, &[1, 2, 2]),
                worked(8, d(11, 4), 90, &[2]),
                worked(8, d(11, 5), 60, &[]),
                worked(9, d(10, 30), 600, &[1]),
            ],
            vec![
                produced(1, d(11, 3), 40, 123_450),
                produced(1, d(11, 4), 30, 50),
                produced(2, d(11, 3), 3, 0),
                produced(2, d(10, 1), 99, 99),
            ],
        );
        let r = production_report(&i, Disclosure::Exact);
        assert_eq!(r.month, "2026-11");
        let names: Vec<&str> = r.workplaces.iter().map(|w| w.name.as_str()).collect();
        assert_eq!(names, ["Kafeen", "Verkstedet"]);
        let cafe = &r.workplaces[0];
        assert_eq!(cafe.output.days, 2);
        assert_eq!(cafe.output.units, 70);
        assert_eq!(cafe.output.customers, 35);
        assert_eq!(cafe.output.sales, 1235.0);
        assert_eq!(cafe.work.hours, Some(2.0));
        assert_eq!(cafe.work.people, ShownCount::Number(1));
        let shop = &r.workplaces[1];
        assert_eq!(shop.work.hours, Some(3.5));
        assert_eq!(shop.work.people, ShownCount::Number(2));
        assert_eq!(r.other_work.hours, Some(1.0));
        assert_eq!(r.totals.work.hours, Some(6.5));
        assert_eq!(r.totals.work.people, ShownCount::Number(2));
        assert_eq!((r.totals.items, r.totals.portions), (3, 70));
        assert_eq!(r.totals.sales, 1235.0);
        assert_eq!(r.trend.len(), 12);
        assert_eq!(r.trend[0].month, "2025-12");
        assert_eq!(r.trend[10].month, "2026-10");
        assert_eq!(r.trend[10].workplaces[0].work.hours, Some(10.0));
        assert_eq!(r.trend[10].workplaces[1].output.units, 99);
        assert_eq!(r.trend[11].totals, r.totals);
    }

    #[test]
    fn under_control_few_people_hide_their_hours_and_the_total_cannot_give_them_away() {
        // Six people in the café, one in the workshop, none at other work.
        let mut days: Vec<WorkedDay> = (10..16).map(|p| worked(p, d(11, 2), 120, &[1])).collect();
        days.push(worked(20, d(11, 3), 300, &[2]));
        let r = production_report(&input(days.clone(), vec![]), Disclosure::Controlled);
        assert_eq!(r.disclosure, Disclosure::Controlled);
        assert_eq!(r.workplaces[1].work.people, FEW);
        assert_eq!(r.workplaces[1].work.hours, None);
        // The café is hidden too, or the total would tell the workshop's hours.
        assert_eq!(r.workplaces[0].work.people, ShownCount::Number(5));
        assert_eq!(r.workplaces[0].work.hours, None);
        assert_eq!(r.totals.work.hours, Some(17.0));
        assert_eq!(r.other_work.hours, Some(0.0));
        assert_eq!(r.other_work.people, ShownCount::Number(0));

        // Five at other work as well: the workshop and other work together
        // have six people, so the café shows.
        for p in 30..35 {
            days.push(worked(p, d(11, 4), 60, &[]));
        }
        let r = production_report(&input(days.clone(), vec![]), Disclosure::Controlled);
        assert_eq!(r.workplaces[0].work.hours, Some(12.0));
        assert_eq!(r.workplaces[1].work.hours, None);
        assert_eq!(r.other_work.hours, None);
        assert_eq!(r.totals.work.hours, Some(22.0));

        // Fewer than five in all: nothing about hours.
        let r = production_report(
            &input(vec![worked(1, d(11, 2), 60, &[1])], vec![]),
            Disclosure::Controlled,
        );
        assert_eq!(r.totals.work.hours, None);
        assert_eq!(r.totals.work.people, FEW);
        assert_eq!(r.workplaces[0].work.hours, None);
        // Exact audiences see every hour.
        let r = production_report(&input(days, vec![]), Disclosure::Exact);
        assert_eq!(r.workplaces[1].work.hours, Some(5.0));
    }

    #[test]
    fn the_trend_runs_twelve_months_across_a_new_year() {
        let months: Vec<String> = trend_months(Month {
            year: 2027,
            month: 2,
        })
        .iter()
        .map(ToString::to_string)
        .collect();
        assert_eq!(months.first().map(String::as_str), Some("2026-03"));
        assert_eq!(months.last().map(String::as_str), Some("2027-02"));
        assert_eq!(months.len(), 12);
        assert_eq!(trend_days(nov()), (d(12, 1) - Months::new(12), d(11, 30)));
        assert_eq!(
            month_days(Month {
                year: 2028,
                month: 2
            })
            .1
            .day(),
            29
        );
        assert!(has_begun(nov(), d(11, 1)));
        assert!(!has_begun(nov(), d(10, 31)));
    }

    proptest! {
        /// However a day is split, its parts add up to the minutes recorded.
        #[test]
        fn split_hours_add_up_to_the_recorded_hours(
            minutes in 0u32..=720,
            places in prop::collection::vec(1i64..6, 0..8),
        ) {
            let parts = split_minutes(minutes, &places);
            let distinct: BTreeSet<i64> = places.iter().copied().collect();
            prop_assert_eq!(parts.len(), distinct.len());
            if !distinct.is_empty() {
                prop_assert_eq!(parts.iter().map(|(_, m)| m).sum::<u32>(), minutes);
                let most = parts.iter().map(|(_, m)| *m).max().unwrap_or(0);
                let least = parts.iter().map(|(_, m)| *m).min().unwrap_or(0);
                prop_assert!(most - least <= 1);
            }
        }

        /// A month's exact hours at the workplaces and at other work add up
        /// to all hours worked.
        #[test]
        fn the_lines_add_up_to_the_total(
            days in prop::collection::vec(
                (1i64..9, 1u32..=30, 1u32..=48, prop::collection::vec(1i64..4, 0..3)),
                0..40,
            ),
        ) {
            let worked: Vec<WorkedDay> = days
                .iter()
                .map(|(p, day, q, places)| worked(*p, d(11, *day), q * 15, places))
                .collect();
            let mut i = input(worked.clone(), vec![]);
            i.workplaces.push(place(3, "Butikken", OutputUnit::Items));
            let m = month_figures(&i, nov(), Disclosure::Exact);
            let lines: f64 = m.workplaces.iter().filter_map(|w| w.work.hours).sum::<f64>()
                + m.other_work.hours.unwrap_or(0.0);
            let all: u32 = worked.iter().map(|w| w.minutes).sum();
            prop_assert!((lines - f64::from(all) / 60.0).abs() < 0.01 * (m.workplaces.len() as f64 + 1.0));
        }
    }
}
