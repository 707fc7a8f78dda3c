//! The anonymised participant-level extract for research: a random pseudonym
//! (chosen by the caller), no names, no identity numbers, no free text, and
//! k-anonymity: ages, dates and days per step generalised until every
//! combination of them is shared by at least five records, the rest
//! suppressed.

use crate::enrolment::{EnrolmentStatus, ExitOutcome};
use crate::goal::{ScalingScore, average_change};
use crate::ids::StepId;
use crate::report::history::History;
use crate::report::period::{Month, Period};
use crate::step_move::Direction;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One participant in a research extract, generalised as the extract's
/// [`Generalisation`] says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResearchRecord {
    pub pseudonym: String,
    /// Age at the period's end in bands, e.g. `25-29` or `20-29`; absent
    /// without a birth date or when the extract leaves ages out.
    pub age_band: Option<String>,
    /// Month (`2026-03`), quarter (`2026-Q1`) or year (`2026`) of the first start.
    pub first_start: Option<String>,
    pub status_at_end: Option<EnrolmentStatus>,
    /// The last exit in the period, and its month, quarter or year.
    pub exit_outcome: Option<ExitOutcome>,
    pub exit_period: Option<String>,
    /// Active days on each step by its position on the ladder (1 = lowest),
    /// up to the period's end, in bands (`0`, `1-30`, `31-60`, …); empty
    /// when the extract leaves them out.
    pub days_per_step: Vec<String>,
    pub moves_up: u32,
    pub moves_down: u32,
    /// Present over scheduled days in the period.
    pub attendance_rate: Option<f64>,
    /// Average change in goal scaling scores in the period.
    pub goal_score_change: Option<f64>,
}

/// One participant's figures before generalisation: never leaves Stige.
#[derive(Debug, Clone, PartialEq)]
pub struct RawRecord {
    pub age: Option<i32>,
    pub first_start: Option<NaiveDate>,
    pub status_at_end: Option<EnrolmentStatus>,
    pub exit_outcome: Option<ExitOutcome>,
    pub exit_date: Option<NaiveDate>,
    pub days_per_step: Vec<u32>,
    pub moves_up: u32,
    pub moves_down: u32,
    pub attendance_rate: Option<f64>,
    pub goal_score_change: Option<f64>,
}

/// How finely dates are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DateGrain {
    Month,
    Quarter,
    Year,
}

/// How coarsely an extract shows the quasi-identifiers (age, start and exit
/// dates, days per step): the finest level at which every combination of them
/// is shared by at least `k` records after suppressing at most a tenth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Generalisation {
    /// Width of the age bands in years; absent when ages are left out.
    pub age_band_years: Option<u32>,
    pub dates: DateGrain,
    /// Width of the bands of days per step; absent when days are left out.
    pub days_band: Option<u32>,
}

/// From finest to coarsest.
pub const LEVELS: [Generalisation; 5] = [
    Generalisation {
        age_band_years: Some(5),
        dates: DateGrain::Month,
        days_band: Some(30),
    },
    Generalisation {
        age_band_years: Some(10),
        dates: DateGrain::Quarter,
        days_band: Some(90),
    },
    Generalisation {
        age_band_years: Some(20),
        dates: DateGrain::Year,
        days_band: Some(180),
    },
    Generalisation {
        age_band_years: None,
        dates: DateGrain::Year,
        days_band: Some(365),
    },
    Generalisation {
        age_band_years: None,
        dates: DateGrain::Year,
        days_band: None,
    },
];

/// Smallest group of records sharing their quasi-identifiers (k-anonymity).
pub const K: usize = 5;

impl Generalisation {
    fn age(&self, age: Option<i32>) -> Option<String> {
        let width = i32::try_from(self.age_band_years?).ok()?;
        let age = age?;
        let low = age.div_euclid(width) * width;
        Some(format!("{}-{}", low, low + width - 1))
    }

    fn date(&self, date: Option<NaiveDate>) -> Option<String> {
        let d = date?;
        Some(match self.dates {
            DateGrain::Month => Month::of(d).to_string(),
            DateGrain::Quarter => format!("{}-Q{}", d.year(), (d.month() - 1) / 3 + 1),
            DateGrain::Year => d.year().to_string(),
        })
    }

    fn days(&self, days: &[u32]) -> Vec<String> {
        let Some(width) = self.days_band.filter(|w| *w > 0) else {
            return vec![];
        };
        days.iter()
            .map(|d| match d {
                0 => "0".to_owned(),
                d => {
                    let low = (d - 1) / width * width + 1;
                    format!("{}-{}", low, low + width - 1)
                }
            })
            .collect()
    }

    /// The record as this level shows it, with `pseudonym`.
    pub fn apply(&self, raw: &RawRecord, pseudonym: String) -> ResearchRecord {
        ResearchRecord {
            pseudonym,
            age_band: self.age(raw.age),
            first_start: self.date(raw.first_start),
            status_at_end: raw.status_at_end,
            exit_outcome: raw.exit_outcome,
            exit_period: self.date(raw.exit_date),
            days_per_step: self.days(&raw.days_per_step),
            moves_up: raw.moves_up,
            moves_down: raw.moves_down,
            attendance_rate: raw.attendance_rate,
            goal_score_change: raw.goal_score_change,
        }
    }
}

/// The quasi-identifiers of a generalised record: what someone who knows the
/// person could recognise them by.
type QuasiIdentifiers = (
    Option<String>,
    Option<String>,
    Option<&'static str>,
    Option<ExitOutcome>,
    Option<String>,
    Vec<String>,
);

fn quasi_identifiers(r: &ResearchRecord) -> QuasiIdentifiers {
    (
        r.age_band.clone(),
        r.first_start.clone(),
        r.status_at_end.map(EnrolmentStatus::as_str),
        r.exit_outcome,
        r.exit_period.clone(),
        r.days_per_step.clone(),
    )
}

/// A k-anonymous extract: the records kept and how many were suppressed.
#[derive(Debug, Clone, PartialEq)]
pub struct Anonymised {
    pub generalisation: Generalisation,
    pub records: Vec<ResearchRecord>,
    /// For each record kept, the index of its raw record (for the audit).
    pub kept: Vec<usize>,
    pub suppressed: usize,
}

/// Generalises `raw` at the finest of [`LEVELS`] where suppressing the records
/// whose quasi-identifiers fewer than [`K`] records share leaves out at most a
/// tenth of them (else at the level that suppresses fewest), and suppresses
/// those records. Every combination of quasi-identifiers left is shared by at
/// least `K` records. `pseudonym` names each record kept.
pub fn anonymise(raw: &[RawRecord], mut pseudonym: impl FnMut() -> String) -> Anonymised {
    let groups = |level: &Generalisation| {
        let mut sizes: BTreeMap<QuasiIdentifiers, usize> = BTreeMap::new();
        for r in raw {
            *sizes
                .entry(quasi_identifiers(&level.apply(r, String::new())))
                .or_insert(0) += 1;
        }
        sizes
    };
    let suppressed_at =
        |level: &Generalisation| -> usize { groups(level).values().filter(|n| **n < K).sum() };
    let counted: Vec<(Generalisation, usize)> =
        LEVELS.iter().map(|l| (*l, suppressed_at(l))).collect();
    let (generalisation, _) = counted
        .iter()
        .find(|(_, n)| n * 10 <= raw.len())
        .or_else(|| counted.iter().min_by_key(|(_, n)| *n))
        .copied()
        .unwrap_or((LEVELS[LEVELS.len() - 1], raw.len()));
    let sizes = groups(&generalisation);
    let mut records = Vec::new();
    let mut kept = Vec::new();
    let mut suppressed = 0;
    for (index, r) in raw.iter().enumerate() {
        let shown = generalisation.apply(r, String::new());
        if sizes.get(&quasi_identifiers(&shown)).copied().unwrap_or(0) >= K {
            records.push(ResearchRecord {
                pseudonym: pseudonym(),
                ..shown
            });
            kept.push(index);
        } else {
            suppressed += 1;
        }
    }
    Anonymised {
        generalisation,
        records,
        kept,
        suppressed,
    }
}

/// What the extract needs of one participant besides the history.
pub struct ResearchInput<'a> {
    pub birth_date: Option<NaiveDate>,
    pub history: &'a History,
    /// Present and scheduled days in the period.
    pub attendance: (u64, u64),
    pub goals: &'a [Vec<(NaiveDate, ScalingScore)>],
}

/// Age in whole years on `date`; `None` before birth.
pub fn age_on(birth: NaiveDate, date: NaiveDate) -> Option<i32> {
    let mut age = date.year() - birth.year();
    if (date.month(), date.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    (age >= 0).then_some(age)
}

pub fn record(input: ResearchInput<'_>, steps: &[StepId], period: &Period) -> RawRecord {
    let h = input.history;
    let positions: BTreeMap<StepId, usize> =
        steps.iter().enumerate().map(|(i, s)| (*s, i)).collect();
    let mut days_per_step = vec![0u32; steps.len()];
    for stay in h.stays(period.to).iter().filter(|s| s.from <= period.to) {
        if let Some(i) = positions.get(&stay.step)
            && let Some(slot) = days_per_step.get_mut(*i)
        {
            *slot = slot.saturating_add(u32::try_from(stay.active_days).unwrap_or(u32::MAX));
        }
    }
    let in_period = |d: NaiveDate| period.contains(d);
    let count_moves = |dir: Direction| {
        h.moves
            .iter()
            .filter(|m| m.direction == dir && in_period(m.date))
            .count() as u32
    };
    let exit = h
        .statuses
        .iter()
        .rfind(|s| s.is_exit() && in_period(s.date));
    let goals: Vec<Vec<(NaiveDate, ScalingScore)>> = input
        .goals
        .iter()
        .map(|g| g.iter().filter(|(d, _)| in_period(*d)).copied().collect())
        .collect();
    let (present, scheduled) = input.attendance;
    RawRecord {
        age: input.birth_date.and_then(|b| age_on(b, period.to)),
        first_start: h.statuses.iter().find(|s| s.is_start()).map(|s| s.date),
        status_at_end: h.status_on(period.to),
        exit_outcome: exit.and_then(|e| e.outcome),
        exit_date: exit.map(|e| e.date),
        days_per_step,
        moves_up: count_moves(Direction::Up),
        moves_down: count_moves(Direction::Down),
        attendance_rate: (scheduled > 0).then(|| present as f64 / scheduled as f64),
        goal_score_change: average_change(&goals),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::EnrolmentStatus::*;
    use crate::report::testing::{d, history_of};

    fn band(birth: NaiveDate, on: NaiveDate, level: usize) -> Option<String> {
        LEVELS[level].age(age_on(birth, on))
    }

    #[test]
    fn ages_fall_in_bands_counted_to_the_birthday() {
        let birth = NaiveDate::from_ymd_opt(2000, 6, 15).expect("date");
        assert_eq!(band(birth, d(6, 14), 0).as_deref(), Some("25-29"));
        assert_eq!(band(birth, d(6, 15), 0).as_deref(), Some("25-29"));
        let birth = NaiveDate::from_ymd_opt(1996, 6, 15).expect("date");
        assert_eq!(band(birth, d(6, 14), 0).as_deref(), Some("25-29"));
        assert_eq!(band(birth, d(6, 15), 0).as_deref(), Some("30-34"));
        assert_eq!(band(birth, d(6, 15), 1).as_deref(), Some("30-39"));
        assert_eq!(band(birth, d(6, 15), 2).as_deref(), Some("20-39"));
        assert_eq!(band(birth, d(6, 15), 3), None);
    }

    fn raw(age: i32, start_month: u32, days: u32, outcome: Option<ExitOutcome>) -> RawRecord {
        RawRecord {
            age: Some(age),
            first_start: Some(d(start_month, 10)),
            status_at_end: Some(if outcome.is_some() { Exited } else { Active }),
            exit_outcome: outcome,
            exit_date: outcome.map(|_| d(12, 1)),
            days_per_step: vec![days, 0],
            moves_up: 0,
            moves_down: 0,
            attendance_rate: None,
            goal_score_change: None,
        }
    }

    fn pseudonyms() -> impl FnMut() -> String {
        let mut n = 0;
        move || {
            n += 1;
            format!("R-{n}")
        }
    }

    #[test]
    fn records_alike_at_the_finest_level_keep_it() {
        let records: Vec<RawRecord> = (0..5)
            .map(|i| raw(30 + i % 3, 2, 10 + i as u32, None))
            .collect();
        let a = anonymise(&records, pseudonyms());
        assert_eq!(a.generalisation, LEVELS[0]);
        assert_eq!(a.suppressed, 0);
        assert_eq!(a.records.len(), 5);
        assert_eq!(a.records[0].age_band.as_deref(), Some("30-34"));
        assert_eq!(a.records[0].first_start.as_deref(), Some("2026-02"));
        assert_eq!(a.records[0].days_per_step, vec!["1-30", "0"]);
    }

    #[test]
    fn differing_records_are_generalised_until_groups_of_five_form() {
        // Ages 30 to 38 and starts in January to March: alike by quarter and
        // ten-year band only.
        let records: Vec<RawRecord> = (0..10)
            .map(|i| raw(30 + i, 1 + (i as u32 % 3), 40 + i as u32, None))
            .collect();
        let a = anonymise(&records, pseudonyms());
        assert_eq!(a.generalisation, LEVELS[1]);
        assert_eq!(a.suppressed, 0);
        assert!(
            a.records
                .iter()
                .all(|r| r.first_start.as_deref() == Some("2026-Q1"))
        );
        assert!(
            a.records
                .iter()
                .all(|r| r.age_band.as_deref() == Some("30-39"))
        );
    }

    #[test]
    fn a_lone_outlier_is_suppressed_and_counted() {
        let mut records: Vec<RawRecord> = (0..10).map(|_| raw(30, 2, 10, None)).collect();
        records.push(raw(61, 7, 400, Some(ExitOutcome::Treatment)));
        let a = anonymise(&records, pseudonyms());
        assert_eq!(a.generalisation, LEVELS[0]);
        assert_eq!(a.suppressed, 1);
        assert_eq!(a.records.len(), 10);
        assert_eq!(a.kept, (0..10).collect::<Vec<_>>(), "the outlier came last");
        assert!(a.records.iter().all(|r| r.exit_outcome.is_none()));
    }

    proptest::proptest! {
        /// Whatever the records, every combination of quasi-identifiers in the
        /// extract is shared by at least K records, and kept plus suppressed
        /// is everyone.
        #[test]
        fn every_combination_left_is_shared_by_at_least_k_records(
            people in proptest::collection::vec((15i32..70, 1u32..13, 0u32..800, 0usize..11), 0..60)
        ) {
            let records: Vec<RawRecord> = people
                .iter()
                .map(|(age, month, days, outcome)| raw(*age, *month, *days, ExitOutcome::ALL.get(*outcome).copied()))
                .collect();
            let a = anonymise(&records, pseudonyms());
            proptest::prop_assert_eq!(a.records.len() + a.suppressed, records.len());
            let mut sizes: BTreeMap<QuasiIdentifiers, usize> = BTreeMap::new();
            for r in &a.records {
                *sizes.entry(quasi_identifiers(r)).or_insert(0) += 1;
            }
            for n in sizes.values() {
                proptest::prop_assert!(*n >= K);
            }
        }
    }

    #[test]
    fn a_record_holds_days_per_step_position_and_the_exit() {
        let h = history_of(
            5,
            &[
                (d(1, 1), Active, None),
                (d(3, 1), Exited, Some(ExitOutcome::Education)),
            ],
            &[
                (d(1, 1), None, 20, Direction::Start),
                (d(2, 1), Some(20), 21, Direction::Up),
            ],
        );
        let year = Period::year(2026).expect("year");
        let r = record(
            ResearchInput {
                birth_date: None,
                history: &h,
                attendance: (3, 4),
                goals: &[],
            },
            &[StepId(20), StepId(21), StepId(22)],
            &year,
        );
        assert_eq!(r.days_per_step, vec![31, 28, 0]);
        assert_eq!((r.moves_up, r.moves_down), (1, 0));
        assert_eq!(r.exit_outcome, Some(ExitOutcome::Education));
        assert_eq!(r.exit_date, Some(d(3, 1)));
        assert_eq!(r.first_start, Some(d(1, 1)));
        assert_eq!(r.attendance_rate, Some(0.75));
        assert_eq!(r.status_at_end, Some(Exited));
    }
}
