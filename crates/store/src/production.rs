//! Production per workplace and day (units, orders, customers, sales), as
//! entered by staff or imported from the till, and the hours worked at each
//! workplace, for the production report.

use crate::DbConnection;
use crate::schema::{
    ladders, participants, production_days, work_day_tasks, work_days, work_tasks, workplaces,
};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use std::collections::BTreeMap;
use stige_domain::UserId;
use stige_domain::production::report::{ProducedDay, WorkedDay};
use stige_domain::production::till::TillDay;
use stige_domain::production::{DayFigures, ProductionSource};

/// A workplace's day as stored.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = production_days)]
pub struct ProductionDayRow {
    pub id: i64,
    pub workplace_id: i64,
    pub day: NaiveDate,
    pub units: Option<i32>,
    pub orders: Option<i32>,
    pub customers: Option<i32>,
    pub sales_minor: Option<i64>,
    #[diesel(deserialize_as = String)]
    pub source: stige_domain::production::ProductionSource,
    pub recorded_by: i64,
    pub recorded_at: NaiveDateTime,
}

fn count(n: Option<i32>) -> Option<u32> {
    n.and_then(|n| u32::try_from(n).ok())
}

fn column(n: Option<u32>) -> Option<i32> {
    n.and_then(|n| i32::try_from(n).ok())
}

impl ProductionDayRow {
    pub fn units(&self) -> Option<u32> {
        count(self.units)
    }

    pub fn orders(&self) -> Option<u32> {
        count(self.orders)
    }

    pub fn customers(&self) -> Option<u32> {
        count(self.customers)
    }

    /// The day as the report reads it.
    pub fn produced(&self) -> ProducedDay {
        ProducedDay {
            workplace: self.workplace_id,
            day: self.day,
            units: self.units(),
            orders: self.orders(),
            customers: self.customers(),
            sales_minor: self.sales_minor,
        }
    }
}

/// The workplace's day, if recorded.
pub fn day(
    conn: &mut DbConnection,
    workplace: i64,
    day: NaiveDate,
) -> QueryResult<Option<ProductionDayRow>> {
    production_days::table
        .filter(production_days::workplace_id.eq(workplace))
        .filter(production_days::day.eq(day))
        .select(ProductionDayRow::as_select())
        .first(conn)
        .optional()
}

/// Records a workplace's day as entered, replacing every figure recorded for
/// it before; returns whether something was replaced.
pub fn record_day(
    conn: &mut DbConnection,
    workplace: i64,
    on: NaiveDate,
    figures: &DayFigures,
    by: UserId,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let values = (
        production_days::units.eq(column(figures.units)),
        production_days::orders.eq(column(figures.orders)),
        production_days::customers.eq(column(figures.customers)),
        production_days::sales_minor.eq(figures.sales_minor),
        production_days::source.eq(ProductionSource::Entered.as_str()),
        production_days::recorded_by.eq(by.0),
        production_days::recorded_at.eq(now),
    );
    match day(conn, workplace, on)? {
        Some(earlier) => {
            diesel::update(production_days::table.find(earlier.id))
                .set(values)
                .execute(conn)?;
            Ok(true)
        }
        None => {
            diesel::insert_into(production_days::table)
                .values((
                    production_days::workplace_id.eq(workplace),
                    production_days::day.eq(on),
                    values,
                ))
                .execute(conn)?;
            Ok(false)
        }
    }
}

/// Deletes a workplace's recorded day; false when none was recorded.
pub fn delete_day(conn: &mut DbConnection, workplace: i64, on: NaiveDate) -> QueryResult<bool> {
    let gone = diesel::delete(
        production_days::table
            .filter(production_days::workplace_id.eq(workplace))
            .filter(production_days::day.eq(on)),
    )
    .execute(conn)?;
    Ok(gone > 0)
}

/// Imports the till's days for a workplace, all or none: each day's sales,
/// and its customers and orders where the file has them; units entered by
/// hand (and counts the file lacks) are kept. Returns how many days were
/// recorded before.
pub fn import_till(
    conn: &mut DbConnection,
    workplace: i64,
    days: &[TillDay],
    by: UserId,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    conn.transaction(|conn| {
        let mut replaced = 0;
        for t in days {
            let source = production_days::source.eq(ProductionSource::Till.as_str());
            match day(conn, workplace, t.day)? {
                Some(earlier) => {
                    replaced += 1;
                    diesel::update(production_days::table.find(earlier.id))
                        .set((
                            production_days::sales_minor.eq(Some(t.sales_minor)),
                            production_days::customers
                                .eq(column(t.customers).or(earlier.customers)),
                            production_days::orders.eq(column(t.orders).or(earlier.orders)),
                            source,
                            production_days::recorded_by.eq(by.0),
                            production_days::recorded_at.eq(now),
                        ))
                        .execute(conn)?;
                }
                None => {
                    diesel::insert_into(production_days::table)
                        .values((
                            production_days::workplace_id.eq(workplace),
                            production_days::day.eq(t.day),
                            production_days::units.eq(None::<i32>),
                            production_days::orders.eq(column(t.orders)),
                            production_days::customers.eq(column(t.customers)),
                            production_days::sales_minor.eq(Some(t.sales_minor)),
                            source,
                            production_days::recorded_by.eq(by.0),
                            production_days::recorded_at.eq(now),
                        ))
                        .execute(conn)?;
                }
            }
        }
        Ok(replaced)
    })
}

/// The days recorded at `ladder`'s workplaces from `from` to `to`, by
/// workplace and date.
pub fn days_of_ladder(
    conn: &mut DbConnection,
    ladder: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<Vec<ProductionDayRow>> {
    production_days::table
        .inner_join(workplaces::table)
        .filter(workplaces::ladder_id.eq(ladder))
        .filter(production_days::day.ge(from))
        .filter(production_days::day.le(to))
        .order((production_days::workplace_id, production_days::day))
        .select(ProductionDayRow::as_select())
        .load(conn)
}

/// The recorded days of work of `ladder`'s participants from `from` to
/// `to`, each with the distinct workplaces of its tasks (none: work at no
/// workplace), oldest first.
pub fn worked(
    conn: &mut DbConnection,
    ladder: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<Vec<WorkedDay>> {
    let days: Vec<(i64, i64, NaiveDate, i32)> = work_days::table
        .inner_join(participants::table)
        .filter(participants::ladder_id.eq(ladder))
        .filter(work_days::day.ge(from))
        .filter(work_days::day.le(to))
        .order((work_days::day, work_days::id))
        .select((
            work_days::id,
            work_days::participant_id,
            work_days::day,
            work_days::minutes,
        ))
        .load(conn)?;
    let places: Vec<(i64, i64)> = work_day_tasks::table
        .inner_join(work_days::table.inner_join(participants::table))
        .inner_join(work_tasks::table)
        .filter(participants::ladder_id.eq(ladder))
        .filter(work_days::day.ge(from))
        .filter(work_days::day.le(to))
        .select((work_day_tasks::work_day_id, work_tasks::workplace_id))
        .load(conn)?;
    let mut of_day: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for (day, place) in places {
        let list = of_day.entry(day).or_default();
        if !list.contains(&place) {
            list.push(place);
        }
    }
    Ok(days
        .into_iter()
        .map(|(id, participant, day, minutes)| WorkedDay {
            participant,
            day,
            minutes: u32::try_from(minutes).unwrap_or(0),
            workplaces: of_day.remove(&id).unwrap_or_default(),
        })
        .collect())
}

/// The ladder's name, if it is there.
pub fn ladder_name(conn: &mut DbConnection, ladder: i64) -> QueryResult<Option<String>> {
    ladders::table
        .find(ladder)
        .select(ladders::name)
        .first(conn)
        .optional()
}
