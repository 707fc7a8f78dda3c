//! Demo daily work: attendance for the last eight weeks, goals with scaling scores
//! and follow-ups for the active demo participants. Today is left unmarked, so the
//! register has work to do; two people have been absent without notice lately.

use chrono::{Duration, NaiveDate};
use rand::Rng;
use rand::rngs::StdRng;
use stige_domain::attendance::{AttendanceMark, PlannedWeekdays, is_working_day};
use stige_domain::follow_up::{ActionInput, Attendee, FollowUpDraft, FollowUpInput};
use stige_domain::goal::{GoalCategory, GoalDraft, ScoreEntry};
use stige_domain::{EnrolmentStatus, ParticipantId, UserId};
use stige_store::participants::{self, ListFilter};
use stige_store::{DbConnection, attendance, follow_ups, goals};

struct Words {
    goals: [(&'static str, GoalCategory); 3],
    works: [&'static str; 3],
    next: [&'static str; 3],
    action: (&'static str, &'static str),
}

const NORWEGIAN: Words = Words {
    goals: [
        ("Komme meg opp og hit hver morgen", GoalCategory::Structure),
        (
            "Klare en hel uke uten å ruse meg",
            GoalCategory::SubstanceUse,
        ),
        ("Tro på at jeg kan lage noe bra", GoalCategory::SelfBelief),
    ],
    works: [
        "Faste oppgaver i verkstedet gir ro.",
        "Praten med mentor på morgenen hjelper.",
        "Å se at produktene blir solgt.",
    ],
    next: [
        "Møte presis tre dager denne uken.",
        "Be om hjelp før det blir tungt.",
        "Prøve en ny oppgave i kafeen.",
    ],
    action: ("Mentor", "Følge til NAV-møtet"),
};

const SWEDISH: Words = Words {
    goals: [
        (
            "Orka en hel arbetsdag utan att bli utmattad",
            GoalCategory::Health,
        ),
        ("Få en praktikplats inom handel", GoalCategory::Work),
        ("Ha rutiner för sömn och mat", GoalCategory::Structure),
    ],
    works: [
        "Korta pass i köket med tydliga uppgifter.",
        "Promenaden före lunch.",
        "Att kunna säga till när det blir för mycket.",
    ],
    next: [
        "Prova ett längre pass på fredag.",
        "Boka möte med Arbetsförmedlingen.",
        "Skriva ner tre saker som gick bra.",
    ],
    action: ("Coach", "Kontakta Försäkringskassan om planen"),
};

fn mark(rng: &mut StdRng) -> AttendanceMark {
    match rng.gen_range(0..100) {
        0..=77 => AttendanceMark::Present,
        78..=87 => AttendanceMark::AbsentWithNotice,
        88..=93 => AttendanceMark::AbsentWithoutNotice,
        94..=96 => AttendanceMark::SentHome,
        _ => AttendanceMark::NotScheduled,
    }
}

/// Adds daily work for every active participant. `swedish_from` is the first id of
/// the Swedish programme's participants.
pub fn seed(
    conn: &mut DbConnection,
    rng: &mut StdRng,
    today: NaiveDate,
    by: UserId,
    swedish_from: i64,
) -> anyhow::Result<()> {
    let filter = ListFilter {
        reach: stige_store::within::PeopleReached::Installation,
        status: Some(EnrolmentStatus::Active),
        ladder: None,
        step: None,
        mentor: None,
        name: None,
        limit: 1000,
        offset: 0,
    };
    let (active, _) = participants::list(conn, &filter)?;
    let ids: Vec<i64> = active.iter().map(|r| r.participant.id).collect();
    let mentors = participants::mentors_of(conn, &ids)?;
    // Every mentor has someone on the early warning: the first of their
    // people in the list, besides the list's first two.
    let mut warned_mentors = std::collections::HashSet::new();
    for (n, row) in active.iter().enumerate() {
        let p = row.participant.clone();
        let id = ParticipantId(p.id);
        let words = if p.id >= swedish_from {
            &SWEDISH
        } else {
            &NORWEGIAN
        };
        // Attendance on working days from the later of 8 weeks ago and the status date.
        let start = (today - Duration::weeks(8)).max(p.status_since);
        let mut day = start;
        let own: Vec<i64> = (mentors.iter())
            .filter(|(pid, _, _)| *pid == p.id)
            .map(|(_, m, _)| *m)
            .collect();
        let first_of_a_mentor = own.iter().any(|m| !warned_mentors.contains(m));
        let recent_absence = n < 2 || first_of_a_mentor;
        if recent_absence {
            warned_mentors.extend(own);
        }
        while day < today {
            if is_working_day(day) {
                let days_left = (today - day).num_days();
                let m = if recent_absence && days_left <= 4 {
                    AttendanceMark::AbsentWithoutNotice
                } else {
                    mark(rng)
                };
                attendance::set_mark(conn, id, day, m, by)?;
            }
            day += Duration::days(1);
        }
        // Half come every working day, the others on their first two to five days.
        let days = PlannedWeekdays::first_days(rng.gen_range(2..6));
        let days = if n % 2 == 0 {
            PlannedWeekdays::WORKING_WEEK
        } else {
            days
        };
        attendance::add_plan(conn, id, start, Some(days), None, by)?;
        // One goal with rising (and sometimes dipping) scores.
        let (text, category) = words.goals[n % 3];
        let goal = goals::insert(conn, id, &GoalDraft::parse(Some(text), Some(category))?, by)?;
        let mut score = rng.gen_range(1..5);
        for weeks_ago in [9i64, 6, 3, 1] {
            let date = today - Duration::weeks(weeks_ago);
            if date < p.status_since {
                continue;
            }
            score = (score + rng.gen_range(-1..3)).clamp(0, 10);
            goals::add_score(
                conn,
                goal.id,
                &ScoreEntry::parse(Some(date), Some(score), None, today)?,
                by,
            )?;
        }
        // Two follow-ups; the latest is due soon, or overdue for some.
        for (k, weeks_ago) in [4i64, 1].into_iter().enumerate() {
            let date = today - Duration::weeks(weeks_ago);
            if date < p.status_since {
                continue;
            }
            let due = date + Duration::days(if n % 4 == 0 { 5 } else { 14 });
            let by_when = date + Duration::days(3);
            let input = FollowUpInput {
                date: Some(date),
                attendees: vec![Attendee::Mentor],
                what_works: Some(words.works[(n + k) % 3]),
                scaling_score: Some((score + i64::try_from(k).unwrap_or(0) - 1).clamp(0, 10)),
                next_small_step: Some(words.next[(n + k) % 3]),
                actions: vec![ActionInput {
                    owner: Some(words.action.0),
                    what: Some(words.action.1),
                    by_when: Some(by_when),
                    done: k == 0 || n % 3 != 0,
                }],
                next_due: Some(due),
                confidential: false,
            };
            follow_ups::insert(conn, id, &FollowUpDraft::parse(&input, today)?, by)?;
        }
    }
    Ok(())
}
