//! The demo's outcomes: a situation at the start for most people, at the exit
//! for those who left, the checks after it that are due, and a gender for
//! most, so the report's before/after section and the checks on Today show
//! something from the first start.

use crate::seed::outcomes::{gender, rng_of, situations, start_and_exit};
use chrono::NaiveDate;
use stige_domain::{ParticipantId, UserId};
use stige_store::DbConnection;
use stige_store::outcomes::{self, Preferences};
use stige_store::participants;
use stige_store::within::Within;

/// Checks due this many days ago or less are not recorded in the demo.
const LEFT_TO_DO_DAYS: i64 = 60;

/// Generates outcomes for participants `1..=count` (the demo's people), each
/// recorded by the coordinator of their programme: `recorders` pairs each
/// ladder with its coordinator.
pub fn seed(
    conn: &mut DbConnection,
    today: NaiveDate,
    recorders: &[(i64, UserId)],
    count: i64,
) -> anyhow::Result<()> {
    for id in 1..=count {
        let pid = ParticipantId(id);
        let history = participants::history(conn, pid)?;
        let Some(row) = participants::get(conn, Within::Installation, pid)? else {
            continue;
        };
        let Some(&(_, recorded_by)) = recorders.iter().find(|(l, _)| *l == row.ladder_id) else {
            continue;
        };
        let country = outcomes::country_of_ladder(conn, row.ladder_id)?;
        let mut rng = rng_of(2026, id);
        let preferences = Preferences {
            gender: gender(&mut rng).and_then(stige_domain::situation::Gender::parse),
            after_exit_checks_declined: false,
        };
        outcomes::set_preferences(conn, pid, &preferences)?;
        let (start, exit) = start_and_exit(&history);
        for (situation, date) in situations(&mut rng, country, start, exit, today) {
            // Checks fallen due in the last weeks are left to do: Today
            // shows them.
            let after_exit = situation.moment.months_after_exit().is_some();
            if after_exit && date > today - chrono::Duration::days(LEFT_TO_DO_DAYS) {
                continue;
            }
            outcomes::record(conn, pid, &situation, recorded_by)?;
        }
    }
    Ok(())
}
