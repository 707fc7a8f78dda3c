//! The demo's enrolments in parallel activities: Porten's ALUP for a third of
//! its active people (some running with their attendance, some completed with
//! a result, one interrupted), and Portalen's talk group for a few, so the
//! participant page, the register and the report have something to show.

use chrono::{Datelike, Duration, NaiveDate};
use diesel::prelude::*;
use stige_domain::activity::{ActivityEnding, Ended, EnrolmentKind, EnrolmentPeriod};
use stige_domain::attendance::{AttendanceMark, is_working_day};
use stige_domain::{ParticipantId, UserId};
use stige_store::DbConnection;
use stige_store::activity_enrolments::{self as store, NewEnrolment};
use stige_store::schema::participants;

/// Results in the programme's language, as a coach would write them.
const RESULTS: [[&str; 2]; 2] = [
    [
        "Retning: lager og logistikk",
        "Retning: kjøkken og servering",
    ],
    ["Riktning: lagerarbete", "Riktning: vård och omsorg"],
];

/// Enrols the active people of each `(ladder, activity, swedish, by)`.
pub fn seed(
    conn: &mut DbConnection,
    today: NaiveDate,
    programmes: &[(i64, i64, bool, UserId)],
) -> anyhow::Result<()> {
    for &(ladder, activity, swedish, by) in programmes {
        let active: Vec<i64> = participants::table
            .filter(participants::ladder_id.eq(ladder))
            .filter(participants::status.eq("active"))
            .order(participants::id)
            .select(participants::id)
            .load(conn)?;
        let now = today.and_hms_opt(9, 0, 0).unwrap_or_default();
        for (k, id) in active.iter().enumerate() {
            let text = RESULTS[usize::from(swedish)][k % 2];
            let (weeks_ago, ended) = match k % 6 {
                0 | 3 => (6, None),
                1 => (
                    20,
                    Some(Ended {
                        ending: ActivityEnding::Completed,
                        ended_on: today - Duration::weeks(4),
                        reason: None,
                        result: Some(text.into()),
                    }),
                ),
                4 if k < 6 => (
                    12,
                    Some(Ended {
                        ending: ActivityEnding::Interrupted,
                        ended_on: today - Duration::weeks(7),
                        reason: Some(if swedish { "Sjukskriven" } else { "Sykmeldt" }.into()),
                        result: None,
                    }),
                ),
                _ => continue,
            };
            // Only Porten's course is for everyone; Portalen's group for a few.
            if !swedish && k > 6 {
                continue;
            }
            let starts_on = monday_of(today - Duration::weeks(weeks_ago));
            let new = NewEnrolment {
                participant: ParticipantId(*id),
                activity,
                kind: EnrolmentKind::Course,
                placement: None,
                period: EnrolmentPeriod {
                    starts_on,
                    planned_end_on: Some(starts_on + Duration::weeks(16)),
                },
            };
            let enrolment = store::enrol(conn, &new, by, now)?;
            let last = ended
                .as_ref()
                .map_or(today - Duration::days(1), |e| e.ended_on);
            if let Some(e) = &ended {
                store::end(conn, enrolment, e, by, now)?;
            }
            let Some(row) = store::get(conn, ParticipantId(*id), enrolment)? else {
                continue;
            };
            // Two course days a week, Tuesday and Thursday.
            let mut day = starts_on;
            let mut n = 0usize;
            while day <= last {
                if is_working_day(day) && matches!(day.weekday().number_from_monday(), 2 | 4) {
                    n += 1;
                    let mark = if (n + k).is_multiple_of(7) {
                        AttendanceMark::AbsentWithNotice
                    } else {
                        AttendanceMark::Present
                    };
                    store::set_mark(conn, &row, day, mark.as_str(), by, now)?;
                }
                day += Duration::days(1);
            }
        }
    }
    Ok(())
}

fn monday_of(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}
