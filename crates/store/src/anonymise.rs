//! Anonymisation that keeps the statistics (issue 20): a person's identity,
//! national identity number, contact details and free texts are removed, and
//! dates no report reads are kept at month precision. Everything the reports
//! read stays as it was: status changes with their dates and outcomes, step
//! moves with their dates and steps, attendance marks, goal categories and
//! scores with their dates, the agreement and the ladder. Consents keep their
//! dates, since they decide what a partner's report may count.
//!
//! Used by retention (`stige retention` and the daily job: everyone whose
//! period after exit has run out) and by erasure on request.

use crate::DbConnection;
use crate::schema::{
    employer_feedback, follow_up_actions, follow_up_versions, follow_ups, goal_scores, goals,
    identity_corrections, ladders, participants, partner_events, placement_changes, placements,
    referrals, status_changes, step_moves,
};
use chrono::{Datelike, Months, NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use std::collections::BTreeMap;
use stige_domain::ParticipantId;

/// How an anonymised person is named everywhere.
pub const ANONYMISED: &str = "Anonymised";

/// Rows changed per table.
pub type Changed = BTreeMap<&'static str, usize>;

/// The first day of `date`'s month.
fn month(date: NaiveDate) -> NaiveDate {
    date.with_day(1).unwrap_or(date)
}

fn month_opt(date: Option<NaiveDate>) -> Option<NaiveDate> {
    date.map(month)
}

fn add(changed: &mut Changed, table: &'static str, rows: usize) {
    if rows > 0 {
        *changed.entry(table).or_default() += rows;
    }
}

/// Anonymises `id` at `now`; returns the rows changed per table. Already
/// anonymised people are anonymised again (nothing is left to remove).
pub fn participant(
    conn: &mut DbConnection,
    id: ParticipantId,
    now: NaiveDateTime,
) -> QueryResult<Changed> {
    let mut changed = Changed::new();
    let p = id.0;
    let birth: Option<Option<NaiveDate>> = participants::table
        .find(p)
        .select(participants::birth_date)
        .first(conn)
        .optional()?;
    let Some(birth) = birth else {
        return Ok(changed);
    };
    let n = diesel::update(participants::table.find(p))
        .set((
            participants::given_name.eq(ANONYMISED),
            participants::family_name.eq(""),
            participants::search_name.eq(ANONYMISED.to_lowercase()),
            participants::birth_date.eq(month_opt(birth)),
            participants::national_id_cipher.eq(None::<String>),
            participants::national_id_masked.eq(None::<String>),
            participants::national_id_kind.eq(None::<String>),
            participants::national_id_lookup.eq(None::<String>),
            participants::anonymised_at.eq(Some(now)),
            participants::version.eq(participants::version + 1),
            participants::updated_at.eq(now),
        ))
        .execute(conn)?;
    add(&mut changed, "participants", n);
    let n = crate::contacts::remove(conn, id)?;
    add(&mut changed, "participant_contacts", n);
    let n = crate::plans::remove(conn, id)?;
    add(&mut changed, "plans", n);
    let n = crate::activity_enrolments::clear_texts(conn, id)?;
    add(&mut changed, "activity_enrolments", n);
    let n = crate::work_log::clear_notes(conn, id)?;
    add(&mut changed, "work_days", n);

    let referred: Vec<(i64, Option<NaiveDate>)> = referrals::table
        .filter(referrals::participant_id.eq(Some(p)))
        .select((referrals::id, referrals::birth_date))
        .load(conn)?;
    for (referral, birth) in referred {
        let n = diesel::update(referrals::table.find(referral))
            .set((
                referrals::given_name.eq(ANONYMISED),
                referrals::family_name.eq(""),
                referrals::search_name.eq(ANONYMISED.to_lowercase()),
                referrals::birth_date.eq(month_opt(birth)),
                referrals::national_id_cipher.eq(None::<String>),
                referrals::national_id_masked.eq(None::<String>),
                referrals::national_id_kind.eq(None::<String>),
                referrals::national_id_lookup.eq(None::<String>),
                referrals::phone.eq(None::<String>),
                referrals::email.eq(None::<String>),
                referrals::reason.eq(""),
                referrals::decline_text.eq(None::<String>),
            ))
            .execute(conn)?;
        add(&mut changed, "referrals", n);
    }

    let n = diesel::update(step_moves::table.filter(step_moves::participant_id.eq(p)))
        .set((
            step_moves::reason.eq(""),
            step_moves::override_reason.eq(None::<String>),
        ))
        .execute(conn)?;
    add(&mut changed, "step_moves", n);

    let returns: Vec<(i64, Option<NaiveDate>)> = status_changes::table
        .filter(status_changes::participant_id.eq(p))
        .select((status_changes::id, status_changes::planned_return))
        .load(conn)?;
    for (change, planned) in returns {
        let n = diesel::update(status_changes::table.find(change))
            .set((
                status_changes::reason.eq(None::<String>),
                status_changes::outcome_text.eq(None::<String>),
                status_changes::planned_return.eq(month_opt(planned)),
            ))
            .execute(conn)?;
        add(&mut changed, "status_changes", n);
    }

    let goal_ids: Vec<i64> = goals::table
        .filter(goals::participant_id.eq(p))
        .select(goals::id)
        .load(conn)?;
    let n = diesel::update(goals::table.filter(goals::participant_id.eq(p)))
        .set(goals::text.eq(""))
        .execute(conn)?;
    add(&mut changed, "goals", n);
    let n = diesel::update(goal_scores::table.filter(goal_scores::goal_id.eq_any(&goal_ids)))
        .set(goal_scores::comment.eq(None::<String>))
        .execute(conn)?;
    add(&mut changed, "goal_scores", n);

    let notes: Vec<(i64, NaiveDate, Option<NaiveDate>)> = follow_ups::table
        .filter(follow_ups::participant_id.eq(p))
        .select((follow_ups::id, follow_ups::date, follow_ups::next_due))
        .load(conn)?;
    let note_ids: Vec<i64> = notes.iter().map(|n| n.0).collect();
    for (note, date, next_due) in notes {
        let n = diesel::update(follow_ups::table.find(note))
            .set((
                follow_ups::what_works.eq(""),
                follow_ups::next_small_step.eq(""),
                follow_ups::date.eq(month(date)),
                follow_ups::next_due.eq(month_opt(next_due)),
            ))
            .execute(conn)?;
        add(&mut changed, "follow_ups", n);
    }
    let actions: Vec<(i64, Option<NaiveDate>)> = follow_up_actions::table
        .filter(follow_up_actions::follow_up_id.eq_any(&note_ids))
        .select((follow_up_actions::id, follow_up_actions::by_when))
        .load(conn)?;
    for (action, by_when) in actions {
        let n = diesel::update(follow_up_actions::table.find(action))
            .set((
                follow_up_actions::owner.eq(""),
                follow_up_actions::what.eq(""),
                follow_up_actions::by_when.eq(month_opt(by_when)),
            ))
            .execute(conn)?;
        add(&mut changed, "follow_up_actions", n);
    }
    let n = diesel::delete(
        follow_up_versions::table.filter(follow_up_versions::follow_up_id.eq_any(&note_ids)),
    )
    .execute(conn)?;
    add(&mut changed, "follow_up_versions", n);

    let held: Vec<(i64, NaiveDate, NaiveDate, Option<NaiveDate>)> = placements::table
        .filter(placements::participant_id.eq(p))
        .select((
            placements::id,
            placements::start_date,
            placements::end_date,
            placements::proposed_start_date,
        ))
        .load(conn)?;
    let placement_ids: Vec<i64> = held.iter().map(|h| h.0).collect();
    for (placement, start, end, proposed) in held {
        let n = diesel::update(placements::table.find(placement))
            .set((
                placements::start_date.eq(month(start)),
                placements::end_date.eq(month(end)),
                placements::proposed_start_date.eq(month_opt(proposed)),
                placements::decline_reason.eq(None::<String>),
                placements::end_reason.eq(None::<String>),
            ))
            .execute(conn)?;
        add(&mut changed, "placements", n);
    }
    let placement_history: Vec<(i64, Option<NaiveDate>, Option<NaiveDate>)> =
        placement_changes::table
            .filter(placement_changes::placement_id.eq_any(&placement_ids))
            .select((
                placement_changes::id,
                placement_changes::old_end_date,
                placement_changes::new_end_date,
            ))
            .load(conn)?;
    for (change, old_end, new_end) in placement_history {
        let n = diesel::update(placement_changes::table.find(change))
            .set((
                placement_changes::note.eq(None::<String>),
                placement_changes::old_end_date.eq(month_opt(old_end)),
                placement_changes::new_end_date.eq(month_opt(new_end)),
            ))
            .execute(conn)?;
        add(&mut changed, "placement_changes", n);
    }
    let n = diesel::update(
        employer_feedback::table.filter(employer_feedback::placement_id.eq_any(&placement_ids)),
    )
    .set(employer_feedback::comment.eq(""))
    .execute(conn)?;
    add(&mut changed, "employer_feedback", n);

    let n = diesel::delete(
        identity_corrections::table.filter(identity_corrections::participant_id.eq(p)),
    )
    .execute(conn)?;
    add(&mut changed, "identity_corrections", n);
    let n =
        diesel::update(partner_events::table.filter(partner_events::participant_id.eq(Some(p))))
            .set(partner_events::data.eq("{}"))
            .execute(conn)?;
    add(&mut changed, "partner_events", n);
    Ok(changed)
}

/// Everyone whose retention period after exit has run out by `today` and who
/// is not anonymised yet: exited on a ladder that keeps people `n` years, at
/// least `n` years ago.
pub fn due(conn: &mut DbConnection, today: NaiveDate) -> QueryResult<Vec<ParticipantId>> {
    let exited: Vec<(i64, NaiveDate, i32)> = participants::table
        .inner_join(ladders::table)
        .filter(participants::status.eq("exited"))
        .filter(participants::anonymised_at.is_null())
        .select((
            participants::id,
            participants::status_since,
            ladders::retention_years,
        ))
        .order(participants::id.asc())
        .load(conn)?;
    Ok(exited
        .into_iter()
        .filter(|(_, exit, years)| {
            let months = u32::try_from(*years).unwrap_or(0).saturating_mul(12);
            exit.checked_add_months(Months::new(months))
                .is_some_and(|end| end <= today)
        })
        .map(|(id, _, _)| ParticipantId(id))
        .collect())
}

/// Whether `id` is anonymised.
pub fn is_anonymised(conn: &mut DbConnection, id: ParticipantId) -> QueryResult<bool> {
    Ok(participants::table
        .find(id.0)
        .select(participants::anonymised_at)
        .first::<Option<NaiveDateTime>>(conn)
        .optional()?
        .flatten()
        .is_some())
}

/// What keeps a person from being erased now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hold {
    /// A placement that is proposed, awaits the employer, is confirmed or runs.
    OpenPlacement,
    /// A referral of theirs that is received, in assessment or waiting.
    ReferralInProgress,
}

/// The first hold on erasing `id`, if any.
pub fn hold(conn: &mut DbConnection, id: ParticipantId) -> QueryResult<Option<Hold>> {
    let open: i64 = placements::table
        .filter(placements::participant_id.eq(id.0))
        .filter(placements::status.eq_any(["proposed", "awaiting_employer", "confirmed", "active"]))
        .count()
        .get_result(conn)?;
    if open > 0 {
        return Ok(Some(Hold::OpenPlacement));
    }
    let waiting: i64 = referrals::table
        .filter(referrals::participant_id.eq(Some(id.0)))
        .filter(referrals::status.eq_any(["received", "in_assessment", "waiting_list"]))
        .count()
        .get_result(conn)?;
    Ok((waiting > 0).then_some(Hold::ReferralInProgress))
}

/// Like [`due`], with each person's ladder, on `ladders` only.
pub fn due_on(
    conn: &mut DbConnection,
    today: NaiveDate,
    ladders_of: &[i64],
) -> QueryResult<Vec<(ParticipantId, i64)>> {
    let due = due(conn, today)?;
    let ids: Vec<i64> = due.iter().map(|p| p.0).collect();
    participants::table
        .filter(participants::id.eq_any(ids))
        .filter(participants::ladder_id.eq_any(ladders_of))
        .order(participants::id.asc())
        .select((participants::id, participants::ladder_id))
        .load::<(i64, i64)>(conn)
        .map(|rows| {
            rows.into_iter()
                .map(|(id, ladder)| (ParticipantId(id), ladder))
                .collect()
        })
}

/// How many people on `ladders` are anonymised.
pub fn anonymised_on(conn: &mut DbConnection, ladders_of: &[i64]) -> QueryResult<i64> {
    participants::table
        .filter(participants::ladder_id.eq_any(ladders_of))
        .filter(participants::anonymised_at.is_not_null())
        .count()
        .get_result(conn)
}

/// The ladders of `people` (those that exist).
pub fn ladders_of(conn: &mut DbConnection, people: &[i64]) -> QueryResult<Vec<(i64, i64)>> {
    participants::table
        .filter(participants::id.eq_any(people))
        .select((participants::id, participants::ladder_id))
        .load(conn)
}
