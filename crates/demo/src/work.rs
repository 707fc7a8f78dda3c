//! The demo's work (issue 26): each programme's workplaces with their tasks,
//! what each step expects (hours a week and independence, rising up the
//! ladder), and a work log for the days people were marked present in the
//! last eight weeks, with hours and independence that grow as weeks go by, so
//! the work log page and the capacity chart have something to show; two
//! buddies per programme; and six months of each workplace's production
//! ([`crate::production`]).

use chrono::{Duration, NaiveDate};
use diesel::prelude::*;
use stige_domain::work::{Independence, StepDemand, WorkDay};
use stige_domain::{ParticipantId, UserId};
use stige_store::DbConnection;
use stige_store::schema::{attendance_marks, participants, steps};
use stige_store::work_log as store;

/// Workplaces and their tasks, in Norwegian (Portalen) and Swedish (Porten).
const PLACES: [&[(&str, &[&str])]; 2] = [
    &[
        ("Snekkerverkstedet", &["Pussing", "Maling", "Montering"]),
        ("Kafeen", &["Servering", "Oppvask", "Baking"]),
    ],
    &[
        ("Soppköket", &["Matlagning", "Disk", "Servering"]),
        (
            "Second hand-butiken",
            &["Sortering", "Prismärkning", "Kassa"],
        ),
    ],
];

/// Hours a week and independence expected on the step at each position.
const DEMANDS: [(u32, Independence); 5] = [
    (6, Independence::CloseGuidance),
    (10, Independence::SomeGuidance),
    (16, Independence::SomeGuidance),
    (24, Independence::WorksAlone),
    (30, Independence::WorksAlone),
];

/// Sets up each `(ladder, swedish, by)` and logs the work of its people.
pub fn seed(
    conn: &mut DbConnection,
    today: NaiveDate,
    programmes: &[(i64, bool, UserId)],
) -> anyhow::Result<()> {
    let now = today.and_hms_opt(8, 30, 0).unwrap_or_default();
    for &(ladder, swedish, by) in programmes {
        for (name, names) in PLACES[usize::from(swedish)] {
            let owned: Vec<String> = names.iter().map(|n| (*n).to_owned()).collect();
            store::add_workplace(conn, ladder, name, &owned, now)?;
        }
        let mut tasks = store::task_ids_of_ladder(conn, ladder)?;
        tasks.sort_unstable();
        let ladder_steps: Vec<(i64, i32)> = steps::table
            .filter(steps::ladder_id.eq(ladder))
            .select((steps::id, steps::position))
            .load(conn)?;
        for (step, position) in ladder_steps {
            let i = usize::try_from(position)
                .unwrap_or(0)
                .min(DEMANDS.len() - 1);
            let (hours, independence) = DEMANDS[i];
            let demand = StepDemand {
                minutes_a_week: Some(hours * 60),
                independence: Some(independence),
            };
            store::set_step_demand(conn, ladder, step, demand)?;
        }
        pair_peers(conn, ladder, today, by, now)?;
        crate::production::seed(conn, ladder, today, by, now)?;
        let since = today - Duration::weeks(8);
        let present: Vec<(i64, NaiveDate, Option<i64>)> = attendance_marks::table
            .inner_join(participants::table)
            .filter(participants::ladder_id.eq(ladder))
            .filter(attendance_marks::mark.eq("present"))
            .filter(attendance_marks::date.ge(since))
            .filter(attendance_marks::date.lt(today))
            .order((attendance_marks::participant_id, attendance_marks::date))
            .select((
                attendance_marks::participant_id,
                attendance_marks::date,
                participants::current_step_id,
            ))
            .load(conn)?;
        for (n, (id, day, _)) in present.iter().enumerate() {
            let weeks_in = u32::try_from((*day - since).num_weeks()).unwrap_or(0);
            let person = u32::try_from(id.rem_euclid(4)).unwrap_or(0);
            // From two hours up to five and a half, in quarter hours.
            let quarters = (8 + weeks_in + person * 2).min(22);
            let level = (1 + (weeks_in + person) / 3).min(4);
            let first = n % tasks.len().max(1);
            let done: Vec<i64> = tasks.iter().cycle().skip(first).take(2).copied().collect();
            let work = WorkDay {
                minutes: quarters * 15,
                independence: Independence::from_level(u8::try_from(level).unwrap_or(1))
                    .unwrap_or(Independence::CloseGuidance),
                tasks: if tasks.len() < 2 { vec![] } else { done },
                note: None,
                peer_support: false,
            };
            store::record_day(conn, ParticipantId(*id), *day, &work, by, now)?;
        }
    }
    Ok(())
}

/// Two buddies per programme: the active people highest on the ladder, each
/// for one of the newest on its lowest step, for the last three weeks.
fn pair_peers(
    conn: &mut DbConnection,
    ladder: i64,
    today: NaiveDate,
    by: UserId,
    now: chrono::NaiveDateTime,
) -> anyhow::Result<()> {
    let active: Vec<(i64, i32)> = participants::table
        .inner_join(steps::table.on(steps::id.nullable().eq(participants::current_step_id)))
        .filter(participants::ladder_id.eq(ladder))
        .filter(participants::status.eq("active"))
        .order((steps::position.desc(), participants::id))
        .select((participants::id, steps::position))
        .load(conn)?;
    let n = active.len();
    for k in 0..2.min(n / 2) {
        let (peer, top) = active[k];
        let (newcomer, low) = active[n - 1 - k];
        if top > low {
            let starts_on = today - Duration::weeks(3);
            stige_store::peers::start(
                conn,
                ParticipantId(peer),
                ParticipantId(newcomer),
                starts_on,
                by,
                now,
            )?;
        }
    }
    Ok(())
}
