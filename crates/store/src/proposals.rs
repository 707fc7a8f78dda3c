//! Partners' change proposals and staff's decisions on them.

use crate::DbConnection;
use crate::schema::{agreements, change_proposals, participants, partners};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use stige_domain::attendance::PlannedWeekdays;
use stige_domain::proposal::{Proposal, ProposalStatus};
use stige_domain::{ParticipantId, UserId};

#[derive(Debug, Clone, Queryable, Selectable, PartialEq)]
#[diesel(table_name = change_proposals)]
pub struct ProposalRow {
    pub id: i64,
    pub agreement_id: i64,
    pub participant_id: i64,
    #[diesel(deserialize_as = String)]
    pub kind: stige_domain::proposal::ProposalKind,
    pub until: Option<NaiveDate>,
    pub from_date: Option<NaiveDate>,
    pub weekdays: Option<i32>,
    pub hours_per_week: Option<i32>,
    pub planned_return: Option<NaiveDate>,
    #[diesel(deserialize_as = crate::optional_code::OptionalCode)]
    pub end_reason: Option<stige_domain::proposal::EndReason>,
    pub text: Option<String>,
    #[diesel(deserialize_as = String)]
    pub status: stige_domain::proposal::ProposalStatus,
    pub comment: Option<String>,
    pub decided_by: Option<i64>,
    pub decided_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

impl ProposalRow {
    pub fn status(&self) -> ProposalStatus {
        self.status
    }
}

/// A proposal with the partner's name, the person's name and programme.
#[derive(Debug, Clone, PartialEq)]
pub struct ProposalListed {
    pub proposal: ProposalRow,
    pub partner_name: String,
    pub given_name: String,
    pub family_name: String,
    pub ladder_id: i64,
}

pub fn insert(
    conn: &mut DbConnection,
    agreement: i64,
    participant: ParticipantId,
    p: &Proposal,
) -> QueryResult<i64> {
    let (mut until, mut from, mut weekdays, mut hours) = (None, None, None, None);
    let (mut planned_return, mut end_reason, mut text) = (None, None, None);
    match p {
        Proposal::Extend { until: u } => until = Some(*u),
        Proposal::ChangeParticipation {
            from: f,
            weekdays: w,
            hours_per_week: h,
        } => {
            from = Some(*f);
            weekdays = w.map(PlannedWeekdays::bits);
            hours = *h;
        }
        Proposal::Pause {
            reason,
            planned_return: r,
        } => {
            text = Some(reason.clone());
            planned_return = *r;
        }
        Proposal::End { reason, text: t } => {
            end_reason = Some(reason.as_str());
            text = t.clone();
        }
    }
    diesel::insert_into(change_proposals::table)
        .values((
            change_proposals::agreement_id.eq(agreement),
            change_proposals::participant_id.eq(participant.0),
            change_proposals::kind.eq(p.kind().as_str()),
            change_proposals::until.eq(until),
            change_proposals::from_date.eq(from),
            change_proposals::weekdays.eq(weekdays),
            change_proposals::hours_per_week.eq(hours),
            change_proposals::planned_return.eq(planned_return),
            change_proposals::end_reason.eq(end_reason),
            change_proposals::text.eq(text),
            change_proposals::status.eq(ProposalStatus::Proposed.as_str()),
            change_proposals::created_at.eq(crate::now()),
        ))
        .returning(change_proposals::id)
        .get_result(conn)
}

/// Records a decision.
pub fn decide(
    conn: &mut DbConnection,
    id: i64,
    status: ProposalStatus,
    comment: Option<&str>,
    by: UserId,
) -> QueryResult<()> {
    diesel::update(change_proposals::table.find(id))
        .set((
            change_proposals::status.eq(status.as_str()),
            change_proposals::comment.eq(comment),
            change_proposals::decided_by.eq(Some(by.0)),
            change_proposals::decided_at.eq(Some(crate::now())),
        ))
        .execute(conn)?;
    Ok(())
}

type Listed = (ProposalRow, String, String, String, i64);

/// What a listed proposal reads beside its row: the partner's name, the
/// person's names and programme.
#[allow(clippy::type_complexity)]
fn listed_columns() -> (
    diesel::dsl::AsSelect<ProposalRow, <DbConnection as Connection>::Backend>,
    partners::name,
    participants::given_name,
    participants::family_name,
    participants::ladder_id,
) {
    (
        ProposalRow::as_select(),
        partners::name,
        participants::given_name,
        participants::family_name,
        participants::ladder_id,
    )
}

fn from_listed(
    (proposal, partner_name, given_name, family_name, ladder_id): Listed,
) -> ProposalListed {
    ProposalListed {
        proposal,
        partner_name,
        given_name,
        family_name,
        ladder_id,
    }
}

/// Which proposals a list holds.
#[derive(Debug, Clone)]
pub enum Whose {
    /// To these programmes (staff).
    Ladders(Vec<i64>),
    /// Of this agreement (its partner).
    Agreement(i64),
}

/// Proposals newest first, optionally of one status, at most `limit`.
pub fn list(
    conn: &mut DbConnection,
    whose: &Whose,
    status: Option<ProposalStatus>,
    limit: i64,
) -> QueryResult<Vec<ProposalListed>> {
    let mut q = change_proposals::table
        .inner_join(agreements::table.inner_join(partners::table))
        .inner_join(participants::table)
        .into_boxed();
    q = match whose {
        Whose::Ladders(ladders) => q.filter(participants::ladder_id.eq_any(ladders.clone())),
        Whose::Agreement(a) => q.filter(change_proposals::agreement_id.eq(*a)),
    };
    if let Some(s) = status {
        q = q.filter(change_proposals::status.eq(s.as_str()));
    }
    Ok(q.order(change_proposals::id.desc())
        .limit(limit)
        .select(listed_columns())
        .load::<Listed>(conn)?
        .into_iter()
        .map(from_listed)
        .collect())
}

pub fn get(conn: &mut DbConnection, id: i64) -> QueryResult<Option<ProposalListed>> {
    Ok(change_proposals::table
        .inner_join(agreements::table.inner_join(partners::table))
        .inner_join(participants::table)
        .filter(change_proposals::id.eq(id))
        .select(listed_columns())
        .first::<Listed>(conn)
        .optional()?
        .map(from_listed))
}
