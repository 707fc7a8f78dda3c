//! The Today page, the staff member's home page: the day's register and who
//! is not yet marked, and what is due for the participants they follow.

use crate::auth::Staff;
use crate::error::ApiError;
use crate::use_cases::access::record_listed;
use crate::use_cases::exit_checks;
use crate::use_cases::follow_ups::sees_confidential;
use chrono::{Duration, NaiveDate, NaiveTime};
use std::collections::HashSet;
use stige_domain::attendance::{self, AttendanceMark, Expectation};
use stige_domain::placement::PlacementStatus;
use stige_domain::{AuditAction, Capability, EnrolmentStatus, ParticipantId, Role};
use stige_store::DbConnection;
use stige_store::today as q;
use stige_store::within::PeopleReached;
use stige_wire::{
    AwaitingPlacement, DueFollowUp, EarlyWarning, EmployerAnswer, FollowUpServiceTold,
    OverdueAction, PersonRef, PlanReviewDue, ReachAttempt, ReturnDue, Today,
};

fn person(p: &q::Person) -> PersonRef {
    PersonRef {
        id: ParticipantId(p.0),
        given_name: p.1.clone(),
        family_name: p.2.clone(),
    }
}

/// Everyone the page names, once each, in the order they first appear.
fn shown(page: &Today) -> Vec<ParticipantId> {
    let people = (page.not_marked.iter())
        .chain(page.follow_ups_due.iter().map(|d| &d.participant))
        .chain(page.overdue_actions.iter().map(|a| &a.participant))
        .chain(page.referrals_waiting.iter())
        .chain(
            page.placements_awaiting_employer
                .iter()
                .map(|p| &p.participant),
        )
        .chain(page.early_warnings.iter().map(|w| &w.participant))
        .chain(page.plan_reviews_due.iter().map(|r| &r.participant))
        .chain(page.returns_due.iter().map(|r| &r.participant))
        .chain(page.employer_answers.iter().map(|a| &a.participant))
        .chain(page.exit_checks_due.iter().map(|c| &c.participant));
    let mut seen = HashSet::new();
    people.map(|p| p.id).filter(|id| seen.insert(*id)).collect()
}

/// Who the page follows: the active and paused participants `staff` reaches,
/// and whether only their own (a mentor).
struct Followed {
    people: Vec<q::Person>,
    ids: Vec<i64>,
    mentor: bool,
}

impl Followed {
    fn find(&self, id: i64) -> Option<PersonRef> {
        self.people.iter().find(|p| p.0 == id).map(person)
    }

    /// Whether the page shows `id`'s placements and employers' answers.
    fn shows(&self, id: i64) -> bool {
        !self.mentor || self.ids.contains(&id)
    }
}

/// The Today page of `date` for `staff` (mentors see only their own
/// participants): the register's size and who is not yet marked, follow-ups
/// due, agreed actions overdue, referrals waiting (and partners' referrals in
/// the inbox), placements awaiting the employer, anyone absent without notice
/// two or more working days in a row, plan reviews and planned returns due,
/// employers' answers since yesterday, and checks after exits due. Audited
/// with everyone it names.
pub fn today_page(
    conn: &mut DbConnection,
    staff: &Staff,
    date: NaiveDate,
) -> Result<Today, ApiError> {
    staff.require_that(Capability::WorkWithParticipants)?;
    let reach = staff.people();
    let confidential = sees_confidential(staff);
    let active = q::with_status(conn, &[EnrolmentStatus::Active], &reach)?;
    let people = q::with_status(
        conn,
        &[EnrolmentStatus::Active, EnrolmentStatus::Paused],
        &reach,
    )?;
    let followed = Followed {
        ids: people.iter().map(|p| p.0).collect(),
        people,
        mentor: staff.role == Role::Mentor,
    };
    let active_ids: Vec<i64> = active.iter().map(|p| p.0).collect();
    let marks = q::recent_marks(conn, &active_ids, date - Duration::days(28))?;
    // The register's definition: planned weekday, not at an internship.
    let days = stige_store::attendance::day_facts(conn, &active_ids, date)?;
    let placed: Vec<i64> = (days.iter())
        .filter(|(_, day)| day.at_internship)
        .map(|(id, _)| *id)
        .collect();
    let expected: Vec<i64> = (days.into_iter())
        .filter(|(_, day)| {
            attendance::expectation(date, false, day.plan, day.at_internship)
                == Expectation::Expected
        })
        .map(|(id, _)| id)
        .collect();
    let not_marked = active
        .iter()
        .filter(|p| expected.contains(&p.0))
        .filter(|p| !marks.iter().any(|(pid, d, _)| *pid == p.0 && *d == date))
        .map(person)
        .collect();
    let follow_ups_due = q::latest_due_dates(conn, &followed.ids, confidential)?
        .into_iter()
        .filter(|(_, due)| *due <= date)
        .filter_map(|(pid, due)| {
            followed.find(pid).map(|participant| DueFollowUp {
                participant,
                next_due: due,
            })
        })
        .collect();
    let overdue_actions = q::overdue_actions(conn, &followed.ids, date, confidential)?
        .into_iter()
        .filter_map(|(pid, owner, what, by_when)| {
            followed.find(pid).map(|participant| OverdueAction {
                participant,
                owner,
                what,
                by_when,
            })
        })
        .collect();
    let referrals_waiting = q::with_status(
        conn,
        &[EnrolmentStatus::Referred, EnrolmentStatus::InAssessment],
        &reach,
    )?
    .iter()
    .map(person)
    .collect();
    let early_warnings = early_warnings(conn, &active, &placed, &marks, date)?;
    let placements_awaiting_employer = placements_awaiting_employer(conn, &reach, &followed)?;
    let open_referrals = if followed.mentor {
        0
    } else {
        stige_store::referrals::inbox_count(conn, &staff.reach.everyone_in())?
    };
    let returns_due = returns_due(conn, &reach, date)?;
    let employer_answers = employer_answers(conn, &reach, &followed, date)?;
    let plan_reviews_due = plan_reviews_due(conn, &followed, date)?;
    let exit_checks_due = exit_checks::to_do(conn, staff, None, date, Some(date))?;
    let page = Today {
        date,
        register_total: i64::try_from(expected.len()).unwrap_or(0),
        not_marked,
        follow_ups_due,
        overdue_actions,
        referrals_waiting,
        open_referrals,
        placements_awaiting_employer,
        early_warnings,
        plan_reviews_due,
        returns_due,
        employer_answers,
        exit_checks_due,
    };
    record_listed(
        conn,
        staff,
        AuditAction::TodayRead,
        None,
        &shown(&page),
        None,
    )?;
    Ok(page)
}

/// The active participants absent without notice two or more working days
/// in a row, with the latest attempt to reach them and the follow-up service
/// told in the last week. Someone at an internship today (`placed`) is where
/// they should be: no warning.
fn early_warnings(
    conn: &mut DbConnection,
    active: &[q::Person],
    placed: &[i64],
    marks: &[(i64, NaiveDate, AttendanceMark)],
    date: NaiveDate,
) -> Result<Vec<EarlyWarning>, ApiError> {
    let mut early_warnings: Vec<EarlyWarning> = active
        .iter()
        .filter(|p| !placed.contains(&p.0))
        .filter_map(|p| {
            let own: Vec<_> = marks
                .iter()
                .filter(|(pid, _, _)| *pid == p.0)
                .map(|(_, d, m)| (*d, *m))
                .collect();
            let days = attendance::consecutive_unnotified_absences(&own);
            (days >= 2).then(|| EarlyWarning {
                participant: person(p),
                days: i64::from(days),
                last_reach_attempt: None,
                follow_up_service_told: None,
            })
        })
        .collect();
    let warned: Vec<i64> = early_warnings.iter().map(|w| w.participant.id.0).collect();
    let week_ago = (date - Duration::days(7)).and_time(NaiveTime::MIN);
    let attempts = stige_store::contacts::attempts(conn, &warned, Some(week_ago), i64::MAX)?;
    let told = stige_store::early_warnings::told_since(conn, &warned, week_ago)?;
    for w in &mut early_warnings {
        // Newest first: the first one of the person is the latest.
        w.follow_up_service_told = (told.iter())
            .find(|n| n.participant_id == w.participant.id.0)
            .map(|n| FollowUpServiceTold {
                partner_name: n.partner_name.clone(),
                recipient: n.recipient.clone(),
                at: n.at,
            });
        w.last_reach_attempt = (attempts.iter())
            .find(|a| a.participant_id == w.participant.id.0)
            .map(|a| ReachAttempt {
                outcome: a.outcome,
                at: a.at,
                recorded_by: a.recorded_by.clone(),
            });
    }
    Ok(early_warnings)
}

/// The open placements of the people reached that await the employer's
/// confirmation.
fn placements_awaiting_employer(
    conn: &mut DbConnection,
    reach: &PeopleReached,
    followed: &Followed,
) -> Result<Vec<AwaitingPlacement>, ApiError> {
    let open = stige_store::placements::open(conn)?;
    let open_ids: Vec<i64> = open.iter().map(|p| p.placement.participant_id).collect();
    let reached = q::reached_among(conn, reach, &open_ids)?;
    Ok(open
        .into_iter()
        .filter(|p| reached.contains(&p.placement.participant_id))
        .filter(|p| p.placement.stored_status() == PlacementStatus::AwaitingEmployer)
        .filter(|p| followed.shows(p.placement.participant_id))
        .map(|p| AwaitingPlacement {
            placement_id: p.placement.id,
            participant: PersonRef {
                id: ParticipantId(p.placement.participant_id),
                given_name: p.given_name,
                family_name: p.family_name,
            },
            employer_name: p.employer_name,
            start_date: p.placement.start_date,
        })
        .collect())
}

/// The paused participants whose planned return is due by `date`.
fn returns_due(
    conn: &mut DbConnection,
    reach: &PeopleReached,
    date: NaiveDate,
) -> Result<Vec<ReturnDue>, ApiError> {
    let paused = q::with_status(conn, &[EnrolmentStatus::Paused], reach)?;
    let paused_ids: Vec<i64> = paused.iter().map(|p| p.0).collect();
    Ok(q::planned_returns(conn, &paused_ids)?
        .into_iter()
        .filter(|(_, planned)| *planned <= date)
        .filter_map(|(pid, planned_return)| {
            paused.iter().find(|p| p.0 == pid).map(|p| ReturnDue {
                participant: person(p),
                planned_return,
            })
        })
        .collect())
}

/// The employers' answers through their links since yesterday.
fn employer_answers(
    conn: &mut DbConnection,
    reach: &PeopleReached,
    followed: &Followed,
    date: NaiveDate,
) -> Result<Vec<EmployerAnswer>, ApiError> {
    let since = (date - Duration::days(1)).and_time(NaiveTime::MIN);
    Ok(q::employer_answers(conn, reach, since)?
        .into_iter()
        .filter(|a| followed.shows(a.1))
        .filter_map(
            |(placement_id, pid, given, family, employer_name, status, at)| {
                Some(EmployerAnswer {
                    placement_id,
                    participant: person(&(pid, given, family)),
                    employer_name,
                    status: PlacementStatus::parse(&status)?,
                    answered_at: at,
                })
            },
        )
        .collect())
}

/// The individual plans of the people followed whose review is due within a
/// week of `date`.
fn plan_reviews_due(
    conn: &mut DbConnection,
    followed: &Followed,
    date: NaiveDate,
) -> Result<Vec<PlanReviewDue>, ApiError> {
    let review_by = date + Duration::days(7);
    Ok(stige_store::plans::review_dates(conn, &followed.ids)?
        .into_iter()
        .filter_map(|(pid, made_on, last_reviewed, weeks)| {
            let due_on = stige_domain::plan::next_review(made_on, last_reviewed, i64::from(weeks));
            if due_on > review_by {
                return None;
            }
            followed.find(pid).map(|participant| PlanReviewDue {
                participant,
                due_on,
            })
        })
        .collect())
}
