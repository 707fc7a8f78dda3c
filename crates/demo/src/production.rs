//! The demo's production (issue 26, part 4): for each workplace of the demo
//! programmes, six months of working days with what was made, and for those
//! that sell, the customers and the sales, growing a little month by month
//! so the production report's trend has a shape. Portalen's workshop makes
//! items and its café serves portions (NOK); Porten's soup kitchen serves
//! portions and its second-hand shop sorts items (SEK). The kitchens' last
//! four weeks of sales come from a till import. Deterministic.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Weekday};
use stige_domain::UserId;
use stige_domain::production::till::TillDay;
use stige_domain::production::{DayFigures, OutputUnit};
use stige_store::DbConnection;
use stige_store::production as store;
use stige_store::work_log;

/// How a demo workplace works: its output unit, a day's output at the start
/// (and how much it grows a month), the share of it that are customers (in
/// percent, none for a place without customers) and the price of one, in
/// minor units.
struct Pace {
    unit: OutputUnit,
    base: u32,
    growth: u32,
    customers_percent: Option<u32>,
    price_minor: i64,
}

fn pace(name: &str) -> Pace {
    match name {
        "Kafeen" => Pace {
            unit: OutputUnit::Portions,
            base: 28,
            growth: 3,
            customers_percent: Some(85),
            price_minor: 8_900,
        },
        "Soppköket" => Pace {
            unit: OutputUnit::Portions,
            base: 35,
            growth: 4,
            customers_percent: Some(90),
            price_minor: 9_500,
        },
        "Second hand-butiken" => Pace {
            unit: OutputUnit::Items,
            base: 40,
            growth: 5,
            customers_percent: Some(40),
            price_minor: 6_500,
        },
        // The workshop: a few pieces a day, sold now and then.
        _ => Pace {
            unit: OutputUnit::Items,
            base: 3,
            growth: 1,
            customers_percent: None,
            price_minor: 45_000,
        },
    }
}

/// A number from 0 to `n - 1` that varies from day to day and place to place.
fn wobble(day: NaiveDate, place: i64, n: u32) -> u32 {
    let seed = u64::from(day.num_days_from_ce().unsigned_abs()) * 7_919
        + u64::try_from(place).unwrap_or(0) * 104_729;
    u32::try_from(seed % u64::from(n.max(1))).unwrap_or(0)
}

/// Records six months of production for each workplace of `ladder`.
pub fn seed(
    conn: &mut DbConnection,
    ladder: i64,
    today: NaiveDate,
    by: UserId,
    now: NaiveDateTime,
) -> anyhow::Result<()> {
    let start = today - Duration::days(182);
    let till_from = today - Duration::days(28);
    for (place, _) in work_log::workplaces_of(conn, &[ladder])? {
        let pace = pace(&place.name);
        work_log::update_workplace(conn, ladder, place.id, None, Some(pace.unit))?;
        let mut till: Vec<TillDay> = Vec::new();
        let mut day = start;
        while day < today {
            if matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
                day += Duration::days(1);
                continue;
            }
            let month = u32::try_from((day - start).num_days() / 30).unwrap_or(0);
            let base = pace.base + pace.growth * month;
            let units = base + wobble(day, place.id, base / 3 + 2);
            let sold = match pace.customers_percent {
                Some(p) => Some(units * p / 100),
                // The workshop sells a piece on about one day in three.
                None => (wobble(day, place.id + 1, 3) == 0).then_some(1),
            };
            let customers = sold.filter(|_| pace.customers_percent.is_some());
            let sales = sold.map(|n| i64::from(n) * pace.price_minor);
            let from_till = day >= till_from && pace.unit == OutputUnit::Portions;
            let figures = DayFigures {
                units: Some(units),
                orders: (pace.customers_percent.is_none()).then_some(wobble(day, place.id, 2)),
                customers: if from_till { None } else { customers },
                sales_minor: if from_till { None } else { sales },
            };
            store::record_day(conn, place.id, day, &figures, by, now)?;
            if let (true, Some(sales_minor)) = (from_till, sales) {
                till.push(TillDay {
                    day,
                    sales_minor,
                    customers,
                    orders: None,
                    lines: customers.unwrap_or(1),
                });
            }
            day += Duration::days(1);
        }
        store::import_till(conn, place.id, &till, by, now)?;
    }
    Ok(())
}
