//! What partners read about the people under their agreement, a page at a time,
//! with a fixed number of queries per page.

use crate::DbConnection;
use crate::participants::ParticipantRow;
use crate::schema::{
    agreement_links, attendance_marks, goals, participants, referrals, status_changes, steps,
};
use chrono::NaiveDate;
use diesel::prelude::*;
use stige_domain::EnrolmentStatus;
use stige_domain::attendance::AttendanceMark;

/// A participant with the name of the current step and the referral they came by.
#[derive(Debug, Clone, PartialEq)]
pub struct UnderAgreement {
    pub participant: ParticipantRow,
    pub step_name: Option<String>,
    pub referral_id: Option<i64>,
}

/// The agreement's participants, by name; `only` narrows to one.
pub fn participants(
    conn: &mut DbConnection,
    agreement: i64,
    only: Option<i64>,
    limit: i64,
    offset: i64,
) -> QueryResult<(Vec<UnderAgreement>, i64)> {
    let base = || {
        // Everyone the agreement is or was linked to.
        let mut q = participants::table
            .filter(
                participants::id.eq_any(
                    agreement_links::table
                        .filter(agreement_links::agreement_id.eq(agreement))
                        .select(agreement_links::participant_id),
                ),
            )
            .into_boxed();
        if let Some(id) = only {
            q = q.filter(participants::id.eq(id));
        }
        q
    };
    let total: i64 = base().count().get_result(conn)?;
    let rows: Vec<(ParticipantRow, Option<String>)> = base()
        .left_join(steps::table.on(steps::id.nullable().eq(participants::current_step_id)))
        .order((
            participants::family_name,
            participants::given_name,
            participants::id,
        ))
        .limit(limit)
        .offset(offset)
        .select((ParticipantRow::as_select(), steps::name.nullable()))
        .load(conn)?;
    let ids: Vec<i64> = rows.iter().map(|(p, _)| p.id).collect();
    let links: Vec<(i64, Option<i64>)> = referrals::table
        .filter(referrals::participant_id.eq_any(&ids))
        .select((referrals::id, referrals::participant_id))
        .load(conn)?;
    Ok((
        rows.into_iter()
            .map(|(participant, step_name)| UnderAgreement {
                referral_id: links
                    .iter()
                    .find(|(_, p)| *p == Some(participant.id))
                    .map(|(r, _)| *r),
                participant,
                step_name,
            })
            .collect(),
        total,
    ))
}

/// Attendance marks of several participants in `[from, to]`.
pub fn marks(
    conn: &mut DbConnection,
    ids: &[i64],
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<Vec<(i64, AttendanceMark)>> {
    let rows: Vec<(i64, String)> = attendance_marks::table
        .filter(attendance_marks::participant_id.eq_any(ids))
        .filter(attendance_marks::date.between(from, to))
        .select((attendance_marks::participant_id, attendance_marks::mark))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(p, m)| AttendanceMark::parse(&m).map(|m| (p, m)))
        .collect())
}

/// Goals per participant and status.
pub fn goal_counts(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<(i64, String, i64)>> {
    goals::table
        .filter(goals::participant_id.eq_any(ids))
        .group_by((goals::participant_id, goals::status))
        .select((
            goals::participant_id,
            goals::status,
            diesel::dsl::count_star(),
        ))
        .load(conn)
}

/// The outcome of each participant's latest exit.
pub fn exit_outcomes(
    conn: &mut DbConnection,
    ids: &[i64],
) -> QueryResult<Vec<(i64, Option<String>)>> {
    let rows: Vec<(i64, Option<String>)> = status_changes::table
        .filter(status_changes::participant_id.eq_any(ids))
        .filter(status_changes::to_status.eq(EnrolmentStatus::Exited.as_str()))
        .order((status_changes::participant_id, status_changes::id.desc()))
        .select((status_changes::participant_id, status_changes::outcome))
        .load(conn)?;
    let mut latest: Vec<(i64, Option<String>)> = Vec::new();
    for (p, o) in rows {
        if latest.last().is_none_or(|(q, _)| *q != p) {
            latest.push((p, o));
        }
    }
    Ok(latest)
}
