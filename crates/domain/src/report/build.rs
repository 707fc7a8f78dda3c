//! Puts the figures of one programme report together, under disclosure
//! control for audiences that must not be able to single anyone out.

use crate::consent::SharingCategory;
use crate::enrolment::ExitOutcome;
use crate::goal::ScalingScore;
use crate::ids::{LadderId, StepId};
use crate::report::attendance::{self, MarkCount, PeopleCount};
use crate::report::figures::*;
use crate::report::history::History;
use crate::report::period::Period;
use crate::report::steps::StepInfo;
use crate::report::{flow, goals, places, stats, steps};
use crate::small_cells::{Disclosure, MIN_PEOPLE, ShownCount, show, shown_share};
use chrono::NaiveDate;

/// Everything one report is computed from.
pub struct ReportInput {
    pub period: Period,
    pub ladder: LadderId,
    pub ladder_name: String,
    /// In ladder order.
    pub steps: Vec<StepInfo>,
    /// For exits to work or education.
    pub annual_target: Option<u32>,
    /// For planned exits.
    pub throughput_target: Option<u32>,
    pub agreement: Option<i64>,
    /// Every participant of the ladder (and agreement) whose history reaches
    /// into the period; histories wholly outside it change no figure.
    pub histories: Vec<History>,
    pub attendance_marks: Vec<MarkCount>,
    pub attendance_people: Vec<PeopleCount>,
    /// Scaling scores per goal of those participants.
    pub goal_scores: Vec<Vec<(NaiveDate, ScalingScore)>>,
    /// (agreement, partner name, places) for the agreements under the ladder.
    pub agreements: Vec<(i64, String, u32)>,
    /// The programme's country, whose income sources the report lists.
    pub country: Option<crate::organisation_number::Country>,
    /// Situations, gender and birth date of (at least) those who exited in
    /// the period.
    pub outcomes: Vec<crate::report::before_after::PersonOutcomes>,
    /// The enrolments in the ladder's parallel activities of those
    /// participants, per activity.
    pub activities: Vec<crate::activity::ActivitySpans>,
    /// The peer supports of the ladder's newcomers.
    pub peer_pairs: Vec<crate::peer::PairSpan>,
    /// The recorded work days of those participants, from
    /// [`DAYS_BEFORE_PERIOD`](crate::report::work_capacity::DAYS_BEFORE_PERIOD)
    /// days before the period to its end.
    pub work_days: std::collections::BTreeMap<crate::ParticipantId, Vec<crate::work::LoggedDay>>,
}

/// `through` people against an annual target scaled to the period; the share
/// left out for controlled audiences when fewer than [`MIN_PEOPLE`] went through.
pub fn against_target(
    through: u64,
    annual_target: Option<u32>,
    period: &Period,
    disclosure: Disclosure,
) -> Throughput {
    let shown = show(through, disclosure);
    let target = annual_target.map(|t| flow::target_for_period(t, period));
    let enough = !disclosure.is_controlled() || through >= MIN_PEOPLE;
    Throughput {
        annual_target,
        target_for_period: target,
        through: shown,
        share_of_target: target
            .filter(|t| *t > 0.0)
            .and_then(|t| shown.number().map(|n| n as f64 / t).filter(|_| enough)),
    }
}

pub fn programme_report(input: &ReportInput, disclosure: Disclosure) -> ProgrammeReport {
    let period = &input.period;
    let h = &input.histories;
    let count = |n: u64| show(n, disclosure);
    // A figure computed from `n` people, left out under control when `n` is
    // a small cell.
    let enough = |n: u64| !disclosure.is_controlled() || n >= MIN_PEOPLE;

    let exits = flow::exits_by_outcome(h, period);
    let exit_total: u64 = exits.values().sum();
    let through = flow::work_or_education(&exits);
    let shown_through = count(through);

    let at_end = steps::people_at_end(h, period);
    let reached = steps::reached(h, period);
    let moves = steps::moves(h, period);
    let stays = steps::days_of_finished_stays(h, period);
    let get = |map: &std::collections::BTreeMap<StepId, u64>, s: StepId| {
        map.get(&s).copied().unwrap_or(0)
    };
    let step_figures = input
        .steps
        .iter()
        .map(|s| {
            let (up, down) = moves.get(&s.id).copied().unwrap_or_default();
            let days = stays.get(&s.id).map(Vec::as_slice).unwrap_or_default();
            let n = days.len() as u64;
            StepFigures {
                step_id: s.id,
                name: s.name.clone(),
                position: s.position,
                people_at_end: count(get(&at_end, s.id)),
                reached: count(get(&reached, s.id)),
                moves_up: count(up),
                moves_down: count(down),
                finished_stays: count(n),
                median_days: stats::median(days).filter(|_| enough(n)),
                p75_days: stats::percentile(days, 0.75).filter(|_| enough(n)),
            }
        })
        .collect();

    let attendance = attendance::rates(&input.attendance_marks, &input.attendance_people)
        .into_iter()
        .map(|((step, month), (people, rate))| AttendanceFigure {
            step_id: step,
            step_name: input
                .steps
                .iter()
                .find(|s| s.id == step)
                .map(|s| s.name.clone())
                .unwrap_or_default(),
            month: month.to_string(),
            people: count(people),
            rate: rate.filter(|_| enough(people)),
        })
        .collect();

    let (goal_count, change) = goals::score_change(&input.goal_scores, period);

    let activities = (input.activities.iter())
        .map(|a| {
            let c = crate::activity::count(&a.spans, period.from, period.to);
            let n = |v: usize| count(u64::try_from(v).unwrap_or(u64::MAX));
            ActivityFigures {
                activity_id: a.activity,
                name: a.name.clone(),
                enrolled: n(c.enrolled),
                completed: n(c.completed),
                interrupted: n(c.interrupted),
                running: n(c.running),
            }
        })
        .collect();

    let pairs = crate::peer::count(&input.peer_pairs, period.from, period.to);
    let house: u64 = at_end.values().sum();
    let as_count = |n: usize| u64::try_from(n).unwrap_or(u64::MAX);
    let peers = PeerFigures {
        pairs: count(as_count(pairs.pairs)),
        peers_at_end: count(as_count(pairs.peers_at_end)),
        share_of_house: shown_share(as_count(pairs.peers_at_end), house, disclosure),
    };

    ProgrammeReport {
        activities: Some(activities),
        peers: Some(peers),
        work_capacity: Some(crate::report::work_capacity::per_step(
            &input.steps,
            h,
            &input.work_days,
            period,
            disclosure,
        )),
        period: *period,
        ladder_id: input.ladder,
        ladder_name: input.ladder_name.clone(),
        agreement_id: input.agreement,
        disclosure,
        starts: Some(count(flow::starts(h, period))),
        exits: Some(count(exit_total)),
        // Every outcome, also those without exits: leaving out the empty ones
        // would tell which outcome a lone exit had.
        exits_by_outcome: Some(
            ExitOutcome::ALL
                .iter()
                .copied()
                .map(|outcome| OutcomeFigure {
                    outcome,
                    count: count(exits.get(&outcome).copied().unwrap_or(0)),
                })
                .collect(),
        ),
        work_or_education: Some(shown_through),
        work_or_education_share: shown_share(through, exit_total, disclosure),
        throughput: Some(against_target(
            through,
            input.annual_target,
            period,
            disclosure,
        )),
        planned_exits: Some(against_target(
            flow::planned(&exits),
            input.throughput_target,
            period,
            disclosure,
        )),
        before_after: Some(crate::report::before_after::before_after(
            h,
            &input.outcomes,
            period,
            input.country,
            disclosure,
        )),
        per_month: Some(
            flow::per_month(h, period)
                .into_iter()
                .map(|(month, f)| MonthFigures {
                    month: month.to_string(),
                    starts: Some(count(f.starts)),
                    exits: Some(count(f.exits)),
                    work_or_education: Some(count(f.work_or_education)),
                })
                .collect(),
        ),
        steps: Some(step_figures),
        attendance: Some(attendance),
        goal_scores: Some(GoalScoreFigures {
            goals: count(goal_count),
            average_change: change.filter(|_| enough(goal_count)),
        }),
        place_usage: Some(
            input
                .agreements
                .iter()
                .filter(|(id, _, _)| input.agreement.is_none_or(|a| a == *id))
                .map(|(id, partner, places)| PlaceUsage {
                    agreement_id: *id,
                    partner_name: partner.clone(),
                    places: *places,
                    used_at_end: count(places::used_on(h, *id, period.to)),
                })
                .collect(),
        ),
    }
}

/// A partner's report: each section taken from the report of `of(category)`,
/// the report computed from only the people who consented to share that
/// category with the partner, or `None` when the agreement's scope lacks the
/// category, which leaves the section absent. `base` gives the period, ladder
/// and agreement.
pub fn by_category(
    base: &ProgrammeReport,
    of: impl Fn(SharingCategory) -> Option<ProgrammeReport>,
) -> ProgrammeReport {
    let status = of(SharingCategory::EnrolmentStatus);
    let outcome = of(SharingCategory::Outcome);
    let per_month = match (&status, &outcome) {
        (None, None) => None,
        _ => base.per_month.as_ref().map(|months| {
            months
                .iter()
                .map(|m| {
                    let find = |r: &Option<ProgrammeReport>| {
                        r.as_ref()
                            .and_then(|r| r.per_month.as_ref())
                            .and_then(|ms| ms.iter().find(|x| x.month == m.month).cloned())
                    };
                    MonthFigures {
                        month: m.month.clone(),
                        starts: find(&status).and_then(|x| x.starts),
                        exits: find(&status).and_then(|x| x.exits),
                        work_or_education: find(&outcome).and_then(|x| x.work_or_education),
                    }
                })
                .collect()
        }),
    };
    ProgrammeReport {
        period: base.period,
        ladder_id: base.ladder_id,
        ladder_name: base.ladder_name.clone(),
        agreement_id: base.agreement_id,
        disclosure: base.disclosure,
        starts: status.as_ref().and_then(|r| r.starts),
        exits: status.as_ref().and_then(|r| r.exits),
        place_usage: status.and_then(|r| r.place_usage),
        exits_by_outcome: outcome.as_ref().and_then(|r| r.exits_by_outcome.clone()),
        work_or_education: outcome.as_ref().and_then(|r| r.work_or_education),
        work_or_education_share: outcome.as_ref().and_then(|r| r.work_or_education_share),
        throughput: outcome.as_ref().and_then(|r| r.throughput.clone()),
        planned_exits: outcome.and_then(|r| r.planned_exits),
        before_after: of(SharingCategory::OutcomesAfterExit).and_then(|r| r.before_after),
        per_month,
        steps: of(SharingCategory::CurrentStep).and_then(|r| r.steps),
        attendance: of(SharingCategory::AttendanceRate).and_then(|r| r.attendance),
        goal_scores: of(SharingCategory::GoalsSummary).and_then(|r| r.goal_scores),
        work_capacity: of(SharingCategory::WorkCapacity).and_then(|r| r.work_capacity),
        // No sharing category covers the parallel activities nor the peers.
        activities: None,
        peers: None,
    }
}

/// Shown counts as numbers where shown, for tests and exports.
pub fn exact(count: ShownCount) -> Option<u64> {
    count.number()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::EnrolmentStatus::*;
    use crate::report::history::PaidSpan;
    use crate::report::testing::{d, history_of};
    use crate::small_cells::{Suppressed, round_to_base};
    use crate::step_move::Direction;
    use proptest::prelude::*;

    fn input(histories: Vec<History>) -> ReportInput {
        ReportInput {
            period: Period::year(2026).expect("year"),
            ladder: LadderId(1),
            ladder_name: "Porten".into(),
            steps: vec![
                StepInfo {
                    id: StepId(10),
                    name: "Mylla".into(),
                    position: 1,
                },
                StepInfo {
                    id: StepId(11),
                    name: "Porten".into(),
                    position: 2,
                },
            ],
            annual_target: Some(40),
            throughput_target: Some(60),
            agreement: None,
            histories,
            attendance_marks: vec![],
            attendance_people: vec![],
            goal_scores: vec![],
            activities: vec![],
            peer_pairs: vec![],
            work_days: Default::default(),
            agreements: vec![(7, "Kalmar".into(), 10)],
            country: None,
            outcomes: vec![],
        }
    }

    fn to_work(id: i64) -> History {
        let mut h = history_of(
            id,
            &[
                (d(1, 5), Active, None),
                (d(4, 1), Exited, Some(ExitOutcome::WorkOrdinaryPartTime)),
            ],
            &[
                (d(1, 5), None, 10, Direction::Start),
                (d(2, 2), Some(10), 11, Direction::Up),
            ],
        );
        h.paid_by = vec![PaidSpan::always(7)];
        h
    }

    const FEW: ShownCount = ShownCount::Suppressed(Suppressed::FewerThanFive);

    fn some<T: Clone>(v: &Option<T>) -> T {
        v.clone().expect("section present")
    }

    #[test]
    fn staff_see_exact_counts_and_viewers_see_small_cells_hidden() {
        let people: Vec<History> = (1..=3).map(to_work).collect();
        let staff = programme_report(&input(people.clone()), Disclosure::Exact);
        assert_eq!(staff.starts, Some(ShownCount::Number(3)));
        assert_eq!(staff.work_or_education_share, Some(1.0));
        assert_eq!(some(&staff.throughput).share_of_target, Some(3.0 / 40.0));
        assert_eq!(some(&staff.steps)[0].median_days, Some(28.0));
        let viewer = programme_report(&input(people), Disclosure::Controlled);
        assert_eq!(viewer.starts, Some(FEW));
        assert_eq!(some(&viewer.steps)[0].moves_up, FEW);
        assert_eq!(some(&viewer.steps)[0].median_days, None);
        assert_eq!(viewer.work_or_education_share, None);
        assert_eq!(some(&viewer.throughput).share_of_target, None);
        // Zero is never hidden: it singles nobody out.
        assert_eq!(some(&viewer.steps)[1].moves_up, ShownCount::Number(0));
    }

    #[test]
    fn planned_exits_count_every_planned_way_out_against_the_throughput_target() {
        let exit = |id: i64, outcome: ExitOutcome| {
            history_of(
                id,
                &[(d(1, 5), Active, None), (d(5, 1), Exited, Some(outcome))],
                &[(d(1, 5), None, 10, Direction::Start)],
            )
        };
        let people = vec![
            to_work(1),
            exit(2, ExitOutcome::Treatment),
            exit(3, ExitOutcome::AnotherMeasure),
            exit(4, ExitOutcome::Moved),
            exit(5, ExitOutcome::NoContact),
            exit(6, ExitOutcome::Other),
        ];
        let staff = programme_report(&input(people), Disclosure::Exact);
        let planned = some(&staff.planned_exits);
        assert_eq!(planned.through, ShownCount::Number(3));
        assert_eq!(planned.annual_target, Some(60));
        assert_eq!(planned.target_for_period, Some(60.0));
        assert_eq!(planned.share_of_target, Some(3.0 / 60.0));
        assert_eq!(some(&staff.throughput).through, ShownCount::Number(1));
    }

    #[test]
    fn controlled_counts_are_rounded_to_five_and_shares_come_from_what_is_shown() {
        let people: Vec<History> = (1..=7).map(to_work).collect();
        let viewer = programme_report(&input(people.clone()), Disclosure::Controlled);
        assert_eq!(viewer.starts, Some(ShownCount::Number(5)));
        assert_eq!(some(&viewer.steps)[0].median_days, Some(28.0));
        assert_eq!(viewer.work_or_education_share, Some(1.0));
        assert_eq!(
            some(&viewer.throughput).share_of_target,
            Some(5.0 / 40.0),
            "the share of the target uses the shown 5, not the exact 7"
        );
        let staff = programme_report(&input(people), Disclosure::Exact);
        assert_eq!(staff.starts, Some(ShownCount::Number(7)));
    }

    #[test]
    fn every_outcome_is_listed_so_a_lone_exit_does_not_name_its_outcome() {
        let viewer = programme_report(&input(vec![to_work(1)]), Disclosure::Controlled);
        let outcomes = some(&viewer.exits_by_outcome);
        assert_eq!(outcomes.len(), ExitOutcome::ALL.len());
        let shown: Vec<ShownCount> = outcomes.iter().map(|o| o.count).collect();
        assert_eq!(shown.iter().filter(|c| **c == FEW).count(), 1);
        assert!(
            shown
                .iter()
                .all(|c| *c == FEW || *c == ShownCount::Number(0))
        );
    }

    #[test]
    fn a_partner_report_holds_only_the_sections_of_its_scope() {
        let people: Vec<History> = (1..=6).map(to_work).collect();
        let all = programme_report(&input(people.clone()), Disclosure::Controlled);
        let few = programme_report(&input(people[..2].to_vec()), Disclosure::Controlled);
        let report = by_category(&all, |c| match c {
            SharingCategory::EnrolmentStatus => Some(all.clone()),
            SharingCategory::Outcome => Some(few.clone()),
            _ => None,
        });
        assert_eq!(report.starts, Some(ShownCount::Number(5)));
        assert_eq!(report.work_or_education, Some(FEW));
        assert_eq!(report.steps, None);
        assert_eq!(report.attendance, None);
        assert_eq!(report.goal_scores, None);
        let months = some(&report.per_month);
        let january = &months[0];
        assert_eq!(january.starts, Some(ShownCount::Number(5)));
        assert_eq!(january.work_or_education, Some(ShownCount::Number(0)));
        let status_only = by_category(&all, |c| {
            (c == SharingCategory::EnrolmentStatus).then(|| all.clone())
        });
        assert_eq!(status_only.exits_by_outcome, None);
        assert_eq!(status_only.throughput, None);
        assert!(
            some(&status_only.per_month)
                .iter()
                .all(|m| m.work_or_education.is_none())
        );
        let nothing = by_category(&all, |_| None);
        assert_eq!(nothing.per_month, None);
        assert_eq!(nothing.starts, None);
        assert_eq!(nothing.place_usage, None);
    }

    #[test]
    fn five_people_are_shown_to_every_audience() {
        let people: Vec<History> = (1..=5).map(to_work).collect();
        let viewer = programme_report(&input(people), Disclosure::Controlled);
        assert_eq!(viewer.starts, Some(ShownCount::Number(5)));
        assert_eq!(some(&viewer.steps)[0].median_days, Some(28.0));
        assert_eq!(
            some(&viewer.place_usage)[0].used_at_end,
            ShownCount::Number(0)
        );
    }

    /// Every count a report shows.
    fn shown_counts(r: &ProgrammeReport) -> Vec<ShownCount> {
        let mut out: Vec<ShownCount> = [r.starts, r.exits, r.work_or_education]
            .into_iter()
            .flatten()
            .collect();
        out.extend(r.exits_by_outcome.iter().flatten().map(|o| o.count));
        out.extend(r.throughput.iter().map(|t| t.through));
        out.extend(r.planned_exits.iter().map(|t| t.through));
        for m in r.per_month.iter().flatten() {
            out.extend(
                [m.starts, m.exits, m.work_or_education]
                    .into_iter()
                    .flatten(),
            );
        }
        for s in r.steps.iter().flatten() {
            out.extend([
                s.people_at_end,
                s.reached,
                s.moves_up,
                s.moves_down,
                s.finished_stays,
            ]);
        }
        out.extend(r.attendance.iter().flatten().map(|a| a.people));
        out.extend(r.goal_scores.iter().map(|g| g.goals));
        out.extend(r.place_usage.iter().flatten().map(|p| p.used_at_end));
        out
    }

    /// Random histories over 2025 and 2026.
    fn random_histories(people: &[(i64, i64, i64, usize, bool, bool)]) -> Vec<History> {
        people
            .iter()
            .enumerate()
            .map(
                |(i, (start, up_after, exit_after, outcome, exits, agreed))| {
                    let start_day = d(1, 1) + chrono::Duration::days(*start - 365);
                    let up = start_day + chrono::Duration::days(*up_after);
                    let exit = up + chrono::Duration::days(*exit_after);
                    let mut statuses = vec![(start_day, Active, None)];
                    if *exits {
                        statuses.push((exit, Exited, Some(ExitOutcome::ALL[*outcome])));
                    }
                    let mut h = history_of(
                        i as i64,
                        &statuses,
                        &[
                            (start_day, None, 10, Direction::Start),
                            (up, Some(10), 11, Direction::Up),
                        ],
                    );
                    h.paid_by = agreed.then(|| PaidSpan::always(7)).into_iter().collect();
                    h
                },
            )
            .collect()
    }

    /// Every period a controlled audience may ask for within 2026: from the
    /// first day of a month to the last day of the same or a later month.
    fn whole_month_periods() -> Vec<Period> {
        let month_end = |m: u32| {
            let next = if m == 12 {
                chrono::NaiveDate::from_ymd_opt(2027, 1, 1)
            } else {
                chrono::NaiveDate::from_ymd_opt(2026, m + 1, 1)
            };
            next.and_then(|n| n.pred_opt()).expect("month end")
        };
        let mut out = vec![];
        for first in 1..=12 {
            for last in first..=12 {
                let p = Period::parse(d(first, 1), month_end(last)).expect("period");
                assert!(p.is_whole_months());
                out.push(p);
            }
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        /// For random data and every pair of periods a controlled audience may
        /// ask for, no shown count, nor the difference or the sum of any two
        /// shown counts (of one report or of the two), is a count from 1 to 4;
        /// and a share is never shown when its numerator is hidden.
        #[test]
        fn differencing_controlled_reports_reveals_no_small_count(
            people in proptest::collection::vec(
                (0i64..700, 0i64..200, 0i64..200, 0usize..10, any::<bool>(), any::<bool>()),
                0..30,
            )
        ) {
            let histories = random_histories(&people);
            let reports: Vec<Vec<u64>> = whole_month_periods()
                .into_iter()
                .map(|period| {
                    let mut i = input(histories.clone());
                    i.period = period;
                    let r = programme_report(&i, Disclosure::Controlled);
                    if r.work_or_education.is_some_and(|c| c.number().is_none()) {
                        assert_eq!(r.work_or_education_share, None);
                    }
                    shown_counts(&r).into_iter().filter_map(ShownCount::number).collect()
                })
                .collect();
            for numbers in &reports {
                for n in numbers {
                    prop_assert!(*n % 5 == 0, "{} is not a multiple of 5", n);
                }
            }
            // Every pair of periods, every pair of their figures.
            for (i, a) in reports.iter().enumerate() {
                for b in &reports[i..] {
                    for x in a {
                        for y in b {
                            prop_assert!(!(1..5).contains(&x.abs_diff(*y)));
                            prop_assert!(!(1..5).contains(&(x + y)));
                        }
                    }
                }
            }
        }

        /// Whatever the histories, the figures hold together: outcomes add up to
        /// the exits, months add up to the period, the funnel holds everyone
        /// standing on a step at the end, and suppression only hides.
        #[test]
        fn figures_agree_with_each_other(
            people in proptest::collection::vec((0i64..300, 0i64..200, 0i64..200, 0usize..10, any::<bool>()), 0..40)
        ) {
            let histories: Vec<History> = people
                .iter()
                .enumerate()
                .map(|(i, (start, up_after, exit_after, outcome, exits))| {
                    let start_day = d(1, 1) + chrono::Duration::days(*start - 60);
                    let up = start_day + chrono::Duration::days(*up_after);
                    let exit = up + chrono::Duration::days(*exit_after);
                    let mut statuses = vec![(start_day, Active, None)];
                    if *exits {
                        statuses.push((exit, Exited, Some(ExitOutcome::ALL[*outcome])));
                    }
                    history_of(
                        i as i64,
                        &statuses,
                        &[(start_day, None, 10, Direction::Start), (up, Some(10), 11, Direction::Up)],
                    )
                })
                .collect();
            let staff = programme_report(&input(histories.clone()), Disclosure::Exact);
            let n = |c: Option<ShownCount>| c.and_then(exact).unwrap_or(0);
            let by_outcome: u64 = some(&staff.exits_by_outcome).iter().map(|o| n(Some(o.count))).sum();
            prop_assert_eq!(by_outcome, n(staff.exits));
            let monthly_exits: u64 = some(&staff.per_month).iter().map(|m| n(m.exits)).sum();
            prop_assert_eq!(monthly_exits, n(staff.exits));
            let monthly_starts: u64 = some(&staff.per_month).iter().map(|m| n(m.starts)).sum();
            prop_assert_eq!(monthly_starts, n(staff.starts));
            let n = |c: ShownCount| exact(c).unwrap_or(0);
            for s in &some(&staff.steps) {
                prop_assert!(n(s.people_at_end) <= n(s.reached));
                if let (Some(m), Some(p)) = (s.median_days, s.p75_days) {
                    prop_assert!(m <= p);
                }
            }
            let viewer = programme_report(&input(histories), Disclosure::Controlled);
            for (a, b) in some(&staff.steps).iter().zip(&some(&viewer.steps)) {
                for (x, y) in [(a.reached, b.reached), (a.people_at_end, b.people_at_end), (a.moves_up, b.moves_up)] {
                    match y {
                        ShownCount::Number(v) => prop_assert_eq!(Some(v), exact(x).map(round_to_base)),
                        ShownCount::Suppressed(_) => prop_assert!((1..5).contains(&n(x))),
                    }
                }
            }
        }
    }
}
