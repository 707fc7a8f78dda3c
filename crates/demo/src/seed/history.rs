//! One generated participant: referral, assessment, a climb with pauses and
//! moves down, an exit whose outcome depends on how far they came, attendance on
//! planned weekdays, goals with scaling scores and follow-ups.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use rand::Rng;
use rand::seq::SliceRandom;
use stige_domain::{EnrolmentStatus as S, ExitOutcome};
use stige_store::bulk::{
    SeedBatch, SeedFollowUp, SeedGoal, SeedMark, SeedMove, SeedParticipant, SeedSituation,
    SeedStatus, SeedWorkDay,
};

/// What generation needs to know about a ladder.
#[derive(Debug, Clone)]
pub struct LadderPlan {
    pub id: i64,
    /// Step ids, lowest first, with their typical durations in days.
    pub steps: Vec<(i64, Option<i64>)>,
    pub agreements: Vec<i64>,
    /// The mentors who work in the programme.
    pub mentors: Vec<i64>,
    pub names: &'static [(&'static str, &'static str)],
    /// The country of the organisation running it.
    pub country: stige_domain::organisation_number::Country,
}

pub struct Context<'a> {
    pub ladders: &'a [LadderPlan],
    pub today: NaiveDate,
    pub years: u32,
    /// The seed, for each person's own generator of outcomes.
    pub seed: u64,
}

const WORK: [ExitOutcome; 5] = [
    ExitOutcome::WorkOrdinaryFullTime,
    ExitOutcome::WorkOrdinaryPartTime,
    ExitOutcome::WorkSupportedFullTime,
    ExitOutcome::WorkSupportedPartTime,
    ExitOutcome::Education,
];
const ELSEWHERE: [ExitOutcome; 4] = [
    ExitOutcome::AnotherMeasure,
    ExitOutcome::Treatment,
    ExitOutcome::Moved,
    ExitOutcome::NoContact,
];
const GOALS: [(&str, &str); 6] = [
    ("structure", "Get up and come in on my days"),
    ("self_belief", "Believe I can manage a full day"),
    ("substance_use", "Fewer days using"),
    ("health", "Sleep better"),
    ("work", "Try an internship"),
    ("social", "Have someone to call"),
];
const WORKS: [&str; 4] = [
    "Coming in the mornings",
    "Working with the others",
    "Short breaks when it gets too much",
    "Talking to the mentor",
];
const NEXT: [&str; 4] = [
    "One more day a week",
    "Try a new task",
    "Call the supervisor",
    "Keep the routine",
];

/// Generates participant `id` into `batch`; goal ids are taken from `next_goal`.
pub fn generate(
    rng: &mut impl Rng,
    ctx: &Context<'_>,
    id: i64,
    next_goal: &mut i64,
    batch: &mut SeedBatch,
) {
    let Some(ladder) = ctx.ladders.get(rng.gen_range(0..ctx.ladders.len().max(1))) else {
        return;
    };
    let today = ctx.today;
    let span = i64::from(ctx.years.max(1)) * 365;
    let referred = today - Duration::days(rng.gen_range(7..span.max(8)));
    let mut status = Timeline::new(id, referred);
    let mut moves: Vec<(NaiveDate, i64)> = Vec::new();
    let mut active_spans: Vec<(NaiveDate, NaiveDate)> = Vec::new();
    let mut step_index = 0usize;

    let assess = referred + Duration::days(rng.gen_range(3..21));
    let active_from = assess + Duration::days(rng.gen_range(7..28));
    if assess <= today {
        status.push(S::InAssessment, assess, None);
        if rng.gen_bool(0.08) {
            let exit = assess + Duration::days(rng.gen_range(7..30));
            if exit <= today {
                status.exit(
                    exit,
                    *ELSEWHERE.choose(rng).unwrap_or(&ExitOutcome::NoContact),
                );
            }
        } else if active_from <= today {
            status.push(S::Active, active_from, None);
            let mut climber = Climber {
                status: &mut status,
                moves: &mut moves,
                spans: &mut active_spans,
                step: &mut step_index,
            };
            climber.climb(rng, ladder, today, active_from);
        }
    }
    let days_per_week = rng.gen_range(2..=5);
    if !active_spans.is_empty() {
        let planned = planned_weekdays(rng, days_per_week);
        let bits = planned
            .iter()
            .map(|d| 1 << d.num_days_from_monday())
            .sum::<i32>();
        batch.plans.push((id, active_from, bits));
        attendance(rng, id, &planned, &active_spans, &moves, batch);
        goals_and_follow_ups(rng, id, &active_spans, next_goal, batch);
    }
    let (given, _) = ladder.names.choose(rng).copied().unwrap_or(("Alex", ""));
    let (_, family) = ladder.names.choose(rng).copied().unwrap_or(("", "Berg"));
    let age_days = rng.gen_range(18 * 365..62 * 365);
    batch.participants.push(SeedParticipant {
        id,
        ladder_id: ladder.id,
        given_name: given.to_owned(),
        family_name: family.to_owned(),
        birth_date: Some(referred - Duration::days(age_days)),
        status: status.current.as_str(),
        status_since: status.since,
        current_step_id: moves.last().map(|(_, s)| *s),
        agreement_id: if rng.gen_bool(0.7) {
            ladder.agreements.choose(rng).copied()
        } else {
            None
        },
        created_at: referred.and_hms_opt(9, 0, 0).unwrap_or_default(),
        mentor: ladder.mentors.choose(rng).copied(),
        research_consent: rng.gen_bool(0.6).then_some(referred),
        gender: None,
    });
    let mut own = super::outcomes::rng_of(ctx.seed, id);
    if let Some(p) = batch.participants.last_mut() {
        p.gender = super::outcomes::gender(&mut own);
    }
    let start = (status.rows.iter())
        .find(|s| s.to == S::Active.as_str())
        .map(|s| s.date);
    let exit = (status.rows.iter().rev())
        .find(|s| s.to == S::Exited.as_str())
        .map(|s| (s.date, s.outcome.and_then(ExitOutcome::parse)));
    let made = super::outcomes::situations(&mut own, ladder.country, start, exit, today);
    batch
        .situations
        .extend(made.into_iter().map(|(s, date)| SeedSituation {
            participant_id: id,
            moment: s.moment.as_str(),
            reached: s.reached,
            income_source: s.income_source.map(|i| i.as_str()),
            occupation: s.occupation.map(|o| o.as_str()),
            education: s.education.map(|e| e.as_str()),
            date,
        }));
    batch.statuses.extend(status.rows);
    let mut from = None;
    for (i, (date, step)) in moves.iter().enumerate() {
        let direction = match from {
            None => "start",
            Some(f)
                if ladder.steps.iter().position(|s| s.0 == f)
                    < ladder.steps.iter().position(|s| s.0 == *step) =>
            {
                "up"
            }
            Some(_) => "down",
        };
        batch.moves.push(SeedMove {
            participant_id: id,
            from_step: from,
            to_step: *step,
            direction,
            date: *date,
            reason: if i == 0 {
                "Started"
            } else {
                "Agreed in follow-up"
            },
        });
        from = Some(*step);
    }
}

struct Timeline {
    id: i64,
    current: S,
    since: NaiveDate,
    rows: Vec<SeedStatus>,
}

impl Timeline {
    fn new(id: i64, referred: NaiveDate) -> Self {
        Self {
            id,
            current: S::Referred,
            since: referred,
            rows: vec![SeedStatus {
                participant_id: id,
                from: None,
                to: S::Referred.as_str(),
                date: referred,
                reason: None,
                planned_return: None,
                outcome: None,
                outcome_text: None,
            }],
        }
    }

    fn push(&mut self, to: S, date: NaiveDate, reason: Option<&'static str>) {
        self.rows.push(SeedStatus {
            participant_id: self.id,
            from: Some(self.current.as_str()),
            to: to.as_str(),
            date,
            reason,
            planned_return: None,
            outcome: None,
            outcome_text: None,
        });
        self.current = to;
        self.since = date;
    }

    fn exit(&mut self, date: NaiveDate, outcome: ExitOutcome) {
        self.push(S::Exited, date, None);
        if let Some(last) = self.rows.last_mut() {
            last.outcome = Some(outcome.as_str());
        }
    }
}

/// One participant's running state while climbing.
struct Climber<'a> {
    status: &'a mut Timeline,
    moves: &'a mut Vec<(NaiveDate, i64)>,
    /// Active time as `[from, to)` spans.
    spans: &'a mut Vec<(NaiveDate, NaiveDate)>,
    step: &'a mut usize,
}

impl Climber<'_> {
    fn climb(
        &mut self,
        rng: &mut impl Rng,
        ladder: &LadderPlan,
        today: NaiveDate,
        start: NaiveDate,
    ) {
        let Climber {
            status,
            moves,
            spans,
            step,
        } = self;
        let Some(first) = ladder.steps.first() else {
            return;
        };
        moves.push((start, first.0));
        let top = ladder.steps.len() - 1;
        let mut cursor = start;
        let mut span_start = start;
        loop {
            let typical = ladder
                .steps
                .get(**step)
                .and_then(|s| s.1)
                .unwrap_or(120)
                .max(14);
            let stay = (typical as f64 * rng.gen_range(0.5..1.8)) as i64;
            let next = cursor + Duration::days(stay.max(7));
            if next > today {
                spans.push((span_start, today + Duration::days(1)));
                return;
            }
            let roll: f64 = rng.r#gen();
            if roll < 0.10 {
                spans.push((span_start, next));
                status.push(S::Paused, next, Some("Treatment"));
                let back = next + Duration::days(rng.gen_range(14..75));
                if back > today {
                    return;
                }
                status.push(S::Active, back, Some("Back after the pause"));
                cursor = back;
                span_start = back;
            } else if roll < 0.22 && **step > 0 {
                **step -= 1;
                moves.push((next, ladder.steps[**step].0));
                cursor = next;
            } else if **step == top || roll > 0.88 {
                spans.push((span_start, next));
                // The higher the step, the likelier work or education.
                let p_work = 0.15 + 0.7 * (**step as f64 / top.max(1) as f64);
                let outcome = if rng.gen_bool(p_work.min(0.95)) {
                    *WORK.choose(rng).unwrap_or(&ExitOutcome::Education)
                } else {
                    *ELSEWHERE.choose(rng).unwrap_or(&ExitOutcome::NoContact)
                };
                status.exit(next, outcome);
                return;
            } else {
                **step += 1;
                moves.push((next, ladder.steps[**step].0));
                cursor = next;
            }
        }
    }
}

/// `days` working days of the week, chosen at random.
fn planned_weekdays(rng: &mut impl Rng, days: usize) -> Vec<Weekday> {
    let mut weekdays = vec![
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
    ];
    weekdays.shuffle(rng);
    weekdays.truncate(days);
    weekdays
}

/// Marks on planned weekdays while active; `spans` are `[from, to)`.
fn attendance(
    rng: &mut impl Rng,
    id: i64,
    planned: &[Weekday],
    spans: &[(NaiveDate, NaiveDate)],
    moves: &[(NaiveDate, i64)],
    batch: &mut SeedBatch,
) {
    let mut move_index = 0;
    for (from, to) in spans {
        let mut d = *from;
        while d < *to {
            if planned.contains(&d.weekday()) {
                while moves
                    .get(move_index + 1)
                    .is_some_and(|(date, _)| *date <= d)
                {
                    move_index += 1;
                }
                let roll: f64 = rng.r#gen();
                let mark = match roll {
                    r if r < 0.80 => "present",
                    r if r < 0.88 => "absent_with_notice",
                    r if r < 0.95 => "absent_without_notice",
                    r if r < 0.98 => "sent_home",
                    _ => "not_scheduled",
                };
                batch.marks.push(SeedMark {
                    participant_id: id,
                    date: d,
                    mark,
                    step_id: moves.get(move_index).map(|(_, s)| *s),
                });
                if matches!(mark, "present" | "sent_home") {
                    let since = moves.get(move_index).map_or(*from, |(date, _)| *date);
                    batch
                        .work_days
                        .push(work_day(id, d, move_index, (d - since).num_days(), mark));
                }
            }
            d += Duration::days(1);
        }
    }
}

/// The work log of a day at work: hours and independence grow with the step
/// (`step`, 0 for the first) and the weeks on it, with a little day-to-day
/// variation taken from the person and the date (so the rest of the seed's
/// random sequence stays as it was); a day sent home is short.
fn work_day(id: i64, day: NaiveDate, step: usize, days_on_step: i64, mark: &str) -> SeedWorkDay {
    let mix = (id as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
        ^ u64::from(day.num_days_from_ce().unsigned_abs()).wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
    let mix = mix ^ (mix >> 29);
    let weeks = u64::try_from(days_on_step / 7).unwrap_or(0);
    let step = u64::try_from(step).unwrap_or(0);
    // Quarter hours: 2 hours on the first step, 1.5 more per step above, a
    // quarter more every four weeks on a step, up to 7.5 hours; ± half an hour.
    let quarters = (8 + 6 * step + weeks / 4).min(30) + mix % 5;
    let quarters = quarters.saturating_sub(2).max(2);
    let quarters = if mark == "sent_home" {
        quarters / 3 + 1
    } else {
        quarters
    };
    let level = (1 + step + weeks / 8 + (mix >> 8) % 2).min(4);
    SeedWorkDay {
        participant_id: id,
        day,
        minutes: i32::try_from(quarters * 15).unwrap_or(120),
        independence: match level {
            1 => "close_guidance",
            2 => "some_guidance",
            3 => "works_alone",
            _ => "guides_others",
        },
    }
}

fn goals_and_follow_ups(
    rng: &mut impl Rng,
    id: i64,
    spans: &[(NaiveDate, NaiveDate)],
    next_goal: &mut i64,
    batch: &mut SeedBatch,
) {
    let Some(start) = spans.first().map(|s| s.0) else {
        return;
    };
    let mut chosen = GOALS;
    chosen.shuffle(rng);
    for (category, text) in chosen.iter().take(rng.gen_range(1..=3)) {
        let mut score = rng.gen_range(1..=5);
        let mut scores = Vec::new();
        for (from, to) in spans {
            let mut d = *from + Duration::days(rng.gen_range(0..14));
            while d < *to {
                scores.push((d, score));
                score = (score + rng.gen_range(-1..=2)).clamp(0, 10);
                d += Duration::days(rng.gen_range(28..56));
            }
        }
        batch.goals.push(SeedGoal {
            id: *next_goal,
            participant_id: id,
            text,
            category,
            status: "active",
            created_at: start.and_hms_opt(10, 0, 0).unwrap_or_default(),
            scores,
        });
        *next_goal += 1;
    }
    for (from, to) in spans {
        let mut d = *from + Duration::days(rng.gen_range(7..21));
        while d < *to {
            let next = d + Duration::days(rng.gen_range(28..43));
            batch.follow_ups.push(SeedFollowUp {
                participant_id: id,
                date: d,
                what_works: WORKS.choose(rng).copied().unwrap_or(""),
                scaling_score: Some(rng.gen_range(2..=8)),
                next_small_step: NEXT.choose(rng).copied().unwrap_or(""),
                next_due: Some(next),
            });
            d = next;
        }
    }
}
