//! Puts the figures of one programme report together, suppressing small cells
//! for audiences that must not be able to single anyone out.

use crate::enrolment::ExitOutcome;
use crate::goal::ScalingScore;
use crate::ids::{LadderId, StepId};
use crate::report::attendance::{self, MarkCount, PeopleCount};
use crate::report::figures::*;
use crate::report::history::History;
use crate::report::period::Period;
use crate::report::{flow, goals, places, stats, steps};
use crate::small_cells::{ShownCount, show};
use chrono::NaiveDate;

/// Fewer people than this and a figure derived from them is left out for
/// suppressed audiences.
pub const MIN_PEOPLE: u64 = 5;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepInfo {
    pub id: StepId,
    pub name: String,
    pub position: i32,
}

/// Everything one report is computed from.
pub struct ReportInput {
    pub period: Period,
    pub ladder: LadderId,
    pub ladder_name: String,
    /// In ladder order.
    pub steps: Vec<StepInfo>,
    pub annual_target: Option<u32>,
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
}

pub fn programme_report(input: &ReportInput, suppress: bool) -> ProgrammeReport {
    let period = &input.period;
    let h = &input.histories;
    let count = |n: u64| show(n, suppress);
    // A figure computed from `n` people, left out when `n` is a small cell.
    let enough = |n: u64| !suppress || n >= MIN_PEOPLE || n == 0;

    let exits = flow::exits_by_outcome(h, period);
    let exit_total: u64 = exits.values().sum();
    let through = flow::work_or_education(&exits);
    let target = input
        .annual_target
        .map(|t| flow::target_for_period(t, period));

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
            month: month.to_string(),
            people: count(people),
            rate: rate.filter(|_| enough(people)),
        })
        .collect();

    let (goal_count, change) = goals::score_change(&input.goal_scores, period);

    ProgrammeReport {
        period: *period,
        ladder_id: input.ladder,
        ladder_name: input.ladder_name.clone(),
        agreement_id: input.agreement,
        suppressed: suppress,
        starts: count(flow::starts(h, period)),
        exits: count(exit_total),
        exits_by_outcome: ExitOutcome::ALL
            .into_iter()
            .filter_map(|outcome| {
                let n = exits.get(&outcome).copied().unwrap_or(0);
                (n > 0).then(|| OutcomeFigure {
                    outcome,
                    count: count(n),
                })
            })
            .collect(),
        work_or_education: count(through),
        work_or_education_share: flow::share(through, exit_total).filter(|_| enough(exit_total)),
        throughput: Throughput {
            annual_target: input.annual_target,
            target_for_period: target,
            through: count(through),
            share_of_target: target
                .filter(|t| *t > 0.0)
                .map(|t| through as f64 / t)
                .filter(|_| enough(through)),
        },
        per_month: flow::per_month(h, period)
            .into_iter()
            .map(|(month, f)| MonthFigures {
                month: month.to_string(),
                starts: count(f.starts),
                exits: count(f.exits),
                work_or_education: count(f.work_or_education),
            })
            .collect(),
        steps: step_figures,
        attendance,
        goal_scores: GoalScoreFigures {
            goals: count(goal_count),
            average_change: change.filter(|_| enough(goal_count)),
        },
        place_usage: input
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
    }
}

/// Shown counts as numbers where exact, for tests and exports.
pub fn exact(count: ShownCount) -> Option<u64> {
    match count {
        ShownCount::Exact(n) => Some(n),
        ShownCount::Suppressed(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::EnrolmentStatus::*;
    use crate::report::testing::{d, history_of};
    use crate::small_cells::Suppressed;
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
            agreement: None,
            histories,
            attendance_marks: vec![],
            attendance_people: vec![],
            goal_scores: vec![],
            agreements: vec![(7, "Kalmar".into(), 10)],
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
        h.agreement = Some(7);
        h
    }

    #[test]
    fn staff_see_exact_counts_and_viewers_see_small_cells_hidden() {
        let people: Vec<History> = (1..=3).map(to_work).collect();
        let staff = programme_report(&input(people.clone()), false);
        assert_eq!(staff.starts, ShownCount::Exact(3));
        assert_eq!(staff.work_or_education_share, Some(1.0));
        assert_eq!(staff.throughput.share_of_target, Some(3.0 / 40.0));
        assert_eq!(staff.steps[0].median_days, Some(28.0));
        let viewer = programme_report(&input(people), true);
        let few = ShownCount::Suppressed(Suppressed::FewerThanFive);
        assert_eq!(viewer.starts, few);
        assert_eq!(viewer.steps[0].moves_up, few);
        assert_eq!(viewer.steps[0].median_days, None);
        assert_eq!(viewer.work_or_education_share, None);
        assert_eq!(viewer.throughput.share_of_target, None);
        // Zero is never hidden: it singles nobody out.
        assert_eq!(viewer.steps[1].moves_up, ShownCount::Exact(0));
    }

    #[test]
    fn five_people_are_shown_to_every_audience() {
        let people: Vec<History> = (1..=5).map(to_work).collect();
        let viewer = programme_report(&input(people), true);
        assert_eq!(viewer.starts, ShownCount::Exact(5));
        assert_eq!(viewer.steps[0].median_days, Some(28.0));
        assert_eq!(viewer.place_usage[0].used_at_end, ShownCount::Exact(0));
    }

    proptest! {
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
            let staff = programme_report(&input(histories.clone()), false);
            let n = |c: ShownCount| exact(c).unwrap_or(0);
            let by_outcome: u64 = staff.exits_by_outcome.iter().map(|o| n(o.count)).sum();
            prop_assert_eq!(by_outcome, n(staff.exits));
            let monthly_exits: u64 = staff.per_month.iter().map(|m| n(m.exits)).sum();
            prop_assert_eq!(monthly_exits, n(staff.exits));
            let monthly_starts: u64 = staff.per_month.iter().map(|m| n(m.starts)).sum();
            prop_assert_eq!(monthly_starts, n(staff.starts));
            for s in &staff.steps {
                prop_assert!(n(s.people_at_end) <= n(s.reached));
                if let (Some(m), Some(p)) = (s.median_days, s.p75_days) {
                    prop_assert!(m <= p);
                }
            }
            let viewer = programme_report(&input(histories), true);
            for (a, b) in staff.steps.iter().zip(&viewer.steps) {
                for (x, y) in [(a.reached, b.reached), (a.people_at_end, b.people_at_end), (a.moves_up, b.moves_up)] {
                    match y {
                        ShownCount::Exact(v) => prop_assert_eq!(Some(v), exact(x)),
                        ShownCount::Suppressed(_) => prop_assert!((1..5).contains(&n(x))),
                    }
                }
            }
        }
    }
}
