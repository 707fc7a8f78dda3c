//! Generated situations for a seeded person: at the start (mostly on
//! benefits, without work), at the exit (following the exit's outcome) and at
//! the checks after it that are due, some not reached; and a gender for most.
//!
//! Drawn from a generator of the person's own (seeded by the seed and their
//! id), so adding them changed none of the histories a seed already made.

use chrono::NaiveDate;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use stige_domain::organisation_number::Country;
use stige_domain::situation::{Education, Gender, IncomeSource, Moment, Occupation, Situation};
use stige_domain::{EnrolmentStatus, ExitOutcome};

/// The person's own generator.
pub fn rng_of(seed: u64, id: i64) -> StdRng {
    StdRng::seed_from_u64(seed ^ (id as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15))
}

/// A gender for three in four people; the rest gave none.
pub fn gender(rng: &mut impl Rng) -> Option<&'static str> {
    let roll: f64 = rng.r#gen();
    match roll {
        r if r < 0.38 => Some(Gender::Woman.as_str()),
        r if r < 0.73 => Some(Gender::Man.as_str()),
        r if r < 0.76 => Some(Gender::Another.as_str()),
        _ => None,
    }
}

fn benefits(country: Country) -> &'static [IncomeSource] {
    match country {
        Country::Norway => &[
            IncomeSource::NoAap,
            IncomeSource::NoSosialhjelp,
            IncomeSource::NoKvalifiseringsstonad,
            IncomeSource::NoUforetrygd,
            IncomeSource::NoSykepenger,
            IncomeSource::NoTiltakspenger,
        ],
        Country::Sweden => &[
            IncomeSource::SeForsorjningsstod,
            IncomeSource::SeSjukpenning,
            IncomeSource::SeAktivitetsersattning,
            IncomeSource::SeAktivitetsstod,
            IncomeSource::SeSjukersattning,
        ],
    }
}

fn wages(country: Country) -> IncomeSource {
    match country {
        Country::Norway => IncomeSource::NoWages,
        Country::Sweden => IncomeSource::SeLon,
    }
}

/// The occupation an exit's outcome leads to.
fn after(outcome: Option<ExitOutcome>) -> Occupation {
    match outcome {
        Some(ExitOutcome::WorkOrdinaryFullTime | ExitOutcome::WorkOrdinaryPartTime) => {
            Occupation::WorkWithoutWageSubsidy
        }
        Some(ExitOutcome::WorkSupportedFullTime | ExitOutcome::WorkSupportedPartTime) => {
            Occupation::WorkWithWageSubsidy
        }
        Some(ExitOutcome::Education) => Occupation::Education,
        Some(ExitOutcome::AnotherMeasure) => Occupation::AnotherMeasure,
        Some(ExitOutcome::Treatment) => Occupation::Treatment,
        Some(ExitOutcome::Moved | ExitOutcome::NoContact | ExitOutcome::Other) | None => {
            Occupation::Unknown
        }
    }
}

fn income_for(rng: &mut impl Rng, country: Country, occupation: Occupation) -> IncomeSource {
    let working = matches!(
        occupation,
        Occupation::WorkWithoutWageSubsidy | Occupation::WorkWithWageSubsidy
    );
    if working {
        wages(country)
    } else {
        benefits(country)
            .choose(rng)
            .copied()
            .unwrap_or(IncomeSource::Other)
    }
}

fn reached(
    moment: Moment,
    date: NaiveDate,
    occupation: Occupation,
    income: IncomeSource,
    education: Option<Education>,
) -> (Situation, NaiveDate) {
    let situation = Situation {
        moment,
        reached: true,
        income_source: Some(income),
        occupation: Some(occupation),
        education,
    };
    (situation, date)
}

/// The situations of someone who started on `start` and left on `exit` (with
/// its outcome), each with the day it was recorded.
pub fn situations(
    rng: &mut impl Rng,
    country: Country,
    start: Option<NaiveDate>,
    exit: Option<(NaiveDate, Option<ExitOutcome>)>,
    today: NaiveDate,
) -> Vec<(Situation, NaiveDate)> {
    let mut out = Vec::new();
    let Some(start) = start else {
        return out;
    };
    let education = [
        Education::Isced2,
        Education::Isced2,
        Education::Isced3,
        Education::Isced3,
        Education::Isced4,
        Education::Isced6,
        Education::Unknown,
    ]
    .choose(rng)
    .copied();
    let at_start = [
        Occupation::None,
        Occupation::None,
        Occupation::Treatment,
        Occupation::AnotherMeasure,
    ]
    .choose(rng)
    .copied()
    .unwrap_or(Occupation::None);
    // Most people's start is recorded; some programmes began recording late.
    if rng.gen_bool(0.85) {
        let income = income_for(rng, country, at_start);
        out.push(reached(Moment::Start, start, at_start, income, education));
    }
    let Some((exit, outcome)) = exit else {
        return out;
    };
    let at_exit = after(outcome);
    if rng.gen_bool(0.9) {
        let income = income_for(rng, country, at_exit);
        out.push(reached(Moment::Exit, exit, at_exit, income, education));
    }
    let mut now = at_exit;
    for moment in Moment::AFTER_EXIT {
        let Some(due) = moment.due_on(exit).filter(|d| *d <= today) else {
            break;
        };
        // Some checks are not done at all; some do not reach the person.
        if !rng.gen_bool(0.8) {
            continue;
        }
        if rng.gen_bool(0.15) {
            let not_reached = Situation {
                moment,
                reached: false,
                income_source: None,
                occupation: None,
                education: None,
            };
            out.push((not_reached, due));
            continue;
        }
        // Over time some find work, some lose it.
        let roll: f64 = rng.r#gen();
        if roll < 0.15 {
            now = Occupation::WorkWithWageSubsidy;
        } else if roll < 0.25 && now.is_work_or_education() {
            now = Occupation::None;
        }
        let income = income_for(rng, country, now);
        out.push(reached(moment, due, now, income, education));
    }
    out
}

/// The first start and the last exit (with its outcome) of a stored history.
pub fn start_and_exit(
    history: &stige_store::participants::History,
) -> (Option<NaiveDate>, Option<(NaiveDate, Option<ExitOutcome>)>) {
    let changes = || history.status_changes.iter().map(|(c, _)| c);
    let start = changes()
        .find(|c| {
            c.to_status == EnrolmentStatus::Active && c.from_status != Some(EnrolmentStatus::Paused)
        })
        .map(|c| c.date);
    let exit = changes()
        .rev()
        .find(|c| c.to_status == EnrolmentStatus::Exited)
        .map(|c| (c.date, c.outcome));
    (start, exit)
}
