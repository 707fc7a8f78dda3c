//! Leases on jobs that must run on one server at a time however many Stige
//! servers share the database (the outbox round, the daily maintenance): a
//! server runs the job only if it took the lease, and a lease is taken only
//! once it has run out. The update is one statement, so of two servers
//! asking together one gets it (PostgreSQL re-checks the row after the other's
//! commit; SQLite writes one at a time).

use crate::DbConnection;
use chrono::Duration;
use diesel::prelude::*;

diesel::table! {
    job_leases (name) {
        name -> Text,
        holder -> Nullable<Text>,
        held_until -> Timestamp,
    }
}

/// Takes `job`'s lease for `holder` until `held_for` from now, if it has run
/// out; true if taken.
pub fn take_lease(
    conn: &mut DbConnection,
    job: &str,
    holder: &str,
    held_for: Duration,
) -> QueryResult<bool> {
    let now = crate::now();
    let taken = diesel::update(
        job_leases::table
            .find(job)
            .filter(job_leases::held_until.le(now)),
    )
    .set((
        job_leases::holder.eq(holder),
        job_leases::held_until.eq(now + held_for),
    ))
    .execute(conn)?;
    Ok(taken == 1)
}

/// Who holds `job`'s lease, and until when.
pub fn lease_of(
    conn: &mut DbConnection,
    job: &str,
) -> QueryResult<Option<(Option<String>, chrono::NaiveDateTime)>> {
    job_leases::table
        .find(job)
        .select((job_leases::holder, job_leases::held_until))
        .first(conn)
        .optional()
}
