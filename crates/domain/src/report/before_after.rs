//! Before and after: what the people who left in a period lived on and did at
//! their start, at their exit and 3, 6 and 12 months after, with breakdowns by
//! gender and age band. The cohort is everyone with an exit in the period;
//! each moment counts those of them whose situation was recorded then.

use crate::ids::ParticipantId;
use crate::organisation_number::Country;
use crate::report::history::History;
use crate::report::period::Period;
use crate::situation::{Gender, IncomeSource, Moment, Occupation, Situation};
use crate::small_cells::MIN_PEOPLE;
use crate::small_cells::{Disclosure, ShownCount, show, shown_share};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What the report knows of one person's outcomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonOutcomes {
    pub participant: ParticipantId,
    pub gender: Option<Gender>,
    pub birth_date: Option<NaiveDate>,
    pub situations: Vec<Situation>,
}

/// The before/after section of a programme report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BeforeAfter {
    /// People who exited in the period: the cohort followed.
    pub people: ShownCount,
    /// Start, exit, and the checks 3, 6 and 12 months after, in order.
    pub moments: Vec<MomentFigures>,
    /// Work or education at each moment per gender (`not_given` too).
    pub by_gender: Vec<GroupFigures>,
    /// Work or education at each moment per age band at the exit.
    pub by_age_band: Vec<GroupFigures>,
}

/// The cohort's situation at one moment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MomentFigures {
    pub moment: Moment,
    /// Of the cohort, those whose situation was recorded (and who were reached).
    pub recorded: ShownCount,
    /// Checks after the exit that did not reach the person.
    pub not_reached: ShownCount,
    /// Every occupation, also those nobody had.
    pub occupations: Vec<OccupationCount>,
    /// Every income source of the programme's country, also those nobody had.
    pub income_sources: Vec<IncomeSourceCount>,
    /// In work or education, as a share (0–1) of those recorded; left out
    /// under disclosure control for fewer than five.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub work_or_education_share: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OccupationCount {
    pub occupation: Occupation,
    pub count: ShownCount,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IncomeSourceCount {
    pub income_source: IncomeSource,
    pub count: ShownCount,
}

/// One group of a breakdown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GroupFigures {
    /// A gender code or `not_given`; an age band (`under_25`, `25_34`,
    /// `35_44`, `45_54`, `55_plus`) or `unknown`.
    pub group: String,
    pub people: ShownCount,
    pub moments: Vec<GroupMoment>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GroupMoment {
    pub moment: Moment,
    pub recorded: ShownCount,
    pub work_or_education: ShownCount,
}

/// The age bands of the breakdown, by age at the exit.
pub const AGE_BANDS: [&str; 6] = ["under_25", "25_34", "35_44", "45_54", "55_plus", "unknown"];

/// The age band of someone born on `birth` at `on`, by month: a birthday
/// counts from the first of its month, so a birth date kept at month
/// precision (anonymisation) gives the same band.
pub fn age_band(birth: Option<NaiveDate>, on: NaiveDate) -> &'static str {
    let Some(birth) = birth else {
        return "unknown";
    };
    let mut age = on.year() - birth.year();
    if on.month() < birth.month() {
        age -= 1;
    }
    match age {
        ..=24 => "under_25",
        25..=34 => "25_34",
        35..=44 => "35_44",
        45..=54 => "45_54",
        _ => "55_plus",
    }
}

/// Each person with an exit in the period, with the day of their last one.
fn cohort(histories: &[History], period: &Period) -> BTreeMap<ParticipantId, NaiveDate> {
    let mut out = BTreeMap::new();
    for h in histories {
        if let Some(exit) = (h.statuses.iter())
            .filter(|s| s.is_exit() && period.contains(s.date))
            .map(|s| s.date)
            .max()
        {
            out.insert(h.participant, exit);
        }
    }
    out
}

/// The before/after section for the people of `histories` who exited in the
/// period; `outcomes` may hold anyone (others are ignored).
pub fn before_after(
    histories: &[History],
    outcomes: &[PersonOutcomes],
    period: &Period,
    country: Option<Country>,
    disclosure: Disclosure,
) -> BeforeAfter {
    let cohort = cohort(histories, period);
    let people: Vec<(&PersonOutcomes, NaiveDate)> = outcomes
        .iter()
        .filter_map(|o| cohort.get(&o.participant).map(|exit| (o, *exit)))
        .collect();
    let count = |n: usize| show(n as u64, disclosure);
    let at = |o: &PersonOutcomes, m: Moment| o.situations.iter().find(|s| s.moment == m).copied();
    let sources = country
        .map(IncomeSource::of_country)
        .unwrap_or_else(|| IncomeSource::ALL.to_vec());
    let moments = Moment::ALL
        .iter()
        .map(|&moment| {
            let recorded: Vec<Situation> =
                (people.iter()).filter_map(|(o, _)| at(o, moment)).collect();
            let reached: Vec<&Situation> = recorded.iter().filter(|s| s.reached).collect();
            let working = (reached.iter())
                .filter(|s| s.occupation.is_some_and(Occupation::is_work_or_education))
                .count();
            MomentFigures {
                moment,
                recorded: count(reached.len()),
                not_reached: count(recorded.len() - reached.len()),
                occupations: (Occupation::ALL.iter())
                    .map(|&occupation| OccupationCount {
                        occupation,
                        count: count(
                            reached
                                .iter()
                                .filter(|s| s.occupation == Some(occupation))
                                .count(),
                        ),
                    })
                    .collect(),
                income_sources: (sources.iter())
                    .map(|&income_source| IncomeSourceCount {
                        income_source,
                        count: count(
                            reached
                                .iter()
                                .filter(|s| s.income_source == Some(income_source))
                                .count(),
                        ),
                    })
                    .collect(),
                work_or_education_share: shown_share(
                    working as u64,
                    reached.len() as u64,
                    disclosure,
                )
                .filter(|_| !disclosure.is_controlled() || reached.len() as u64 >= MIN_PEOPLE),
            }
        })
        .collect();
    let group = |name: &str, members: Vec<&PersonOutcomes>| GroupFigures {
        group: name.to_owned(),
        people: count(members.len()),
        moments: Moment::ALL
            .iter()
            .map(|&moment| {
                let reached: Vec<Situation> = (members.iter())
                    .filter_map(|o| at(o, moment))
                    .filter(|s| s.reached)
                    .collect();
                GroupMoment {
                    moment,
                    recorded: count(reached.len()),
                    work_or_education: count(
                        (reached.iter())
                            .filter(|s| s.occupation.is_some_and(Occupation::is_work_or_education))
                            .count(),
                    ),
                }
            })
            .collect(),
    };
    let genders = Gender::ALL
        .iter()
        .map(|g| (g.as_str(), Some(*g)))
        .chain([("not_given", None)]);
    let by_gender = genders
        .map(|(name, gender)| {
            group(
                name,
                people
                    .iter()
                    .filter(|(o, _)| o.gender == gender)
                    .map(|(o, _)| *o)
                    .collect(),
            )
        })
        .collect();
    let by_age_band = AGE_BANDS
        .iter()
        .map(|band| {
            group(
                band,
                (people.iter())
                    .filter(|(o, exit)| age_band(o.birth_date, *exit) == *band)
                    .map(|(o, _)| *o)
                    .collect(),
            )
        })
        .collect();
    BeforeAfter {
        people: count(cohort.len()),
        moments,
        by_gender,
        by_age_band,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::EnrolmentStatus::*;
    use crate::enrolment::ExitOutcome;
    use crate::report::testing::{d, history_of};
    use crate::small_cells::Suppressed;
    use crate::step_move::Direction;
    use proptest::prelude::*;

    fn exited(id: i64, month: u32) -> History {
        history_of(
            id,
            &[
                (d(1, 5), Active, None),
                (d(month, 1), Exited, Some(ExitOutcome::Education)),
            ],
            &[(d(1, 5), None, 10, Direction::Start)],
        )
    }

    fn situation(moment: Moment, occupation: Occupation, income: IncomeSource) -> Situation {
        Situation {
            moment,
            reached: true,
            income_source: Some(income),
            occupation: Some(occupation),
            education: None,
        }
    }

    fn person(
        id: i64,
        gender: Option<Gender>,
        born: i32,
        situations: Vec<Situation>,
    ) -> PersonOutcomes {
        PersonOutcomes {
            participant: ParticipantId(id),
            gender,
            birth_date: NaiveDate::from_ymd_opt(born, 6, 1),
            situations,
        }
    }

    fn year() -> Period {
        Period::year(2026).expect("year")
    }

    #[test]
    fn the_cohort_moves_from_benefits_at_the_start_to_work_at_the_exit() {
        let histories = vec![exited(1, 3), exited(2, 4), exited(3, 5)];
        let mut outcomes: Vec<PersonOutcomes> = (1..=2)
            .map(|id| {
                person(
                    id,
                    Some(Gender::Woman),
                    1990,
                    vec![
                        situation(Moment::Start, Occupation::None, IncomeSource::NoAap),
                        situation(
                            Moment::Exit,
                            Occupation::WorkWithWageSubsidy,
                            IncomeSource::NoWages,
                        ),
                    ],
                )
            })
            .collect();
        outcomes.push(person(
            3,
            None,
            1960,
            vec![Situation {
                moment: Moment::AfterThreeMonths,
                reached: false,
                income_source: None,
                occupation: None,
                education: None,
            }],
        ));
        // Someone who did not exit in the period is not in the cohort.
        outcomes.push(person(
            9,
            Some(Gender::Man),
            1990,
            vec![situation(
                Moment::Start,
                Occupation::None,
                IncomeSource::NoAap,
            )],
        ));
        let r = before_after(
            &histories,
            &outcomes,
            &year(),
            Some(Country::Norway),
            Disclosure::Exact,
        );
        assert_eq!(r.people, ShownCount::Number(3));
        let start = &r.moments[0];
        assert_eq!(start.moment, Moment::Start);
        assert_eq!(start.recorded, ShownCount::Number(2));
        let aap = start
            .income_sources
            .iter()
            .find(|c| c.income_source == IncomeSource::NoAap)
            .expect("aap");
        assert_eq!(aap.count, ShownCount::Number(2));
        assert_eq!(start.work_or_education_share, Some(0.0));
        assert_eq!(start.income_sources.len(), 10, "Norway's whole list");
        let exit = &r.moments[1];
        assert_eq!(exit.work_or_education_share, Some(1.0));
        assert_eq!(r.moments[2].not_reached, ShownCount::Number(1));
        assert_eq!(r.moments[2].recorded, ShownCount::Number(0));
        let women = &r.by_gender[0];
        assert_eq!(
            (women.group.as_str(), women.people),
            ("woman", ShownCount::Number(2))
        );
        assert_eq!(women.moments[1].work_or_education, ShownCount::Number(2));
        let not_given = r.by_gender.last().expect("not given");
        assert_eq!(
            (not_given.group.as_str(), not_given.people),
            ("not_given", ShownCount::Number(1))
        );
        let band = r
            .by_age_band
            .iter()
            .find(|g| g.group == "35_44")
            .expect("35-44");
        assert_eq!(band.people, ShownCount::Number(2));
        let older = r
            .by_age_band
            .iter()
            .find(|g| g.group == "55_plus")
            .expect("55+");
        assert_eq!(older.people, ShownCount::Number(1));
    }

    #[test]
    fn restricted_audiences_see_small_cells_hidden_and_no_shares_of_few() {
        let histories = vec![exited(1, 3), exited(2, 4)];
        let outcomes: Vec<PersonOutcomes> = (1..=2)
            .map(|id| {
                person(
                    id,
                    None,
                    1990,
                    vec![situation(
                        Moment::Exit,
                        Occupation::Education,
                        IncomeSource::NoWages,
                    )],
                )
            })
            .collect();
        let r = before_after(
            &histories,
            &outcomes,
            &year(),
            Some(Country::Norway),
            Disclosure::Controlled,
        );
        assert_eq!(r.people, ShownCount::Suppressed(Suppressed::FewerThanFive));
        assert_eq!(
            r.moments[1].recorded,
            ShownCount::Suppressed(Suppressed::FewerThanFive)
        );
        assert_eq!(r.moments[1].work_or_education_share, None);
        assert_eq!(r.moments[0].recorded, ShownCount::Number(0));
    }

    #[test]
    fn age_bands_count_whole_years_at_the_exit_by_month() {
        let born = NaiveDate::from_ymd_opt(2001, 6, 20);
        assert_eq!(age_band(born, d(5, 31)), "under_25");
        assert_eq!(age_band(born, d(6, 1)), "25_34");
        // The same band from the birth date kept at month precision.
        assert_eq!(
            age_band(NaiveDate::from_ymd_opt(2001, 6, 1), d(6, 1)),
            "25_34"
        );
        assert_eq!(age_band(None, d(6, 2)), "unknown");
    }

    proptest! {
        /// Each person is in exactly one gender group and one age band, and
        /// each moment's codes add up to those recorded.
        #[test]
        fn groups_and_codes_add_up(people in proptest::collection::vec((0u8..4, 1940i32..2008, 0u8..7, 0u8..3), 0..40)) {
            let histories: Vec<History> = (0..people.len() as i64).map(|i| exited(i, 6)).collect();
            let outcomes: Vec<PersonOutcomes> = people
                .iter()
                .enumerate()
                .map(|(i, (g, born, occ, inc))| {
                    person(
                        i as i64,
                        Gender::ALL.get(*g as usize).copied(),
                        *born,
                        vec![situation(
                            Moment::Exit,
                            Occupation::ALL[*occ as usize],
                            [IncomeSource::NoAap, IncomeSource::NoWages, IncomeSource::None][*inc as usize],
                        )],
                    )
                })
                .collect();
            let r = before_after(&histories, &outcomes, &year(), Some(Country::Norway), Disclosure::Exact);
            let n = |c: ShownCount| c.number().unwrap_or(u64::MAX);
            let total = people.len() as u64;
            prop_assert_eq!(r.by_gender.iter().map(|g| n(g.people)).sum::<u64>(), total);
            prop_assert_eq!(r.by_age_band.iter().map(|g| n(g.people)).sum::<u64>(), total);
            let exit = &r.moments[1];
            prop_assert_eq!(exit.occupations.iter().map(|c| n(c.count)).sum::<u64>(), n(exit.recorded));
            prop_assert_eq!(exit.income_sources.iter().map(|c| n(c.count)).sum::<u64>(), n(exit.recorded));
        }
    }
}
