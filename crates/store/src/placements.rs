//! Employers, their contact people, placements and each placement's changes.

use crate::DbConnection;
use crate::schema::{
    employer_contacts, employer_feedback, employers, participants, placement_changes, placements,
};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use stige_domain::OrganisationId;
use stige_domain::placement::{EmployerDraft, Feedback, PlacementDraft, PlacementStatus};
use stige_domain::{ParticipantId, UserId};

#[derive(Debug, Clone, Queryable, Selectable, PartialEq)]
#[diesel(table_name = employers)]
pub struct EmployerRow {
    pub id: i64,
    pub name: String,
    pub organisation_number: String,
    pub address: String,
    pub association_member: bool,
    #[diesel(deserialize_as = String)]
    pub language: stige_domain::placement::Language,
    pub created_at: NaiveDateTime,
    /// The organisation whose placements the employer offers.
    pub organisation_id: i64,
}

#[derive(Debug, Clone, Queryable, Selectable, PartialEq)]
#[diesel(table_name = employer_contacts)]
pub struct ContactRow {
    pub id: i64,
    pub employer_id: i64,
    pub name: String,
    pub phone: String,
    pub email: String,
    pub position: i32,
}

#[derive(Debug, Clone, Queryable, Selectable, PartialEq)]
#[diesel(table_name = placements)]
pub struct PlacementRow {
    pub id: i64,
    pub participant_id: i64,
    pub employer_id: i64,
    pub contact_id: i64,
    #[diesel(deserialize_as = String)]
    pub kind: stige_domain::placement::PlacementKind,
    pub role: String,
    pub tasks: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub hours_per_week: i32,
    #[diesel(deserialize_as = String)]
    pub status: PlacementStatus,
    pub supervisor_name: Option<String>,
    pub supervisor_phone: Option<String>,
    pub supervisor_email: Option<String>,
    pub proposed_start_date: Option<NaiveDate>,
    pub decline_reason: Option<String>,
    pub end_reason: Option<String>,
    pub created_by: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// Raised by every change; `If-Match` names it (see [`claim`]).
    pub version: i64,
}

impl PlacementRow {
    /// The status as stored (a confirmed placement is active from its start date:
    /// see [`PlacementStatus::on`]).
    pub fn stored_status(&self) -> PlacementStatus {
        self.status
    }
}

#[derive(Debug, Clone, Queryable, Selectable, PartialEq)]
#[diesel(table_name = placement_changes)]
pub struct ChangeRow {
    pub id: i64,
    pub placement_id: i64,
    #[diesel(deserialize_as = crate::optional_code::OptionalCode)]
    pub from_status: Option<stige_domain::placement::PlacementStatus>,
    #[diesel(deserialize_as = String)]
    pub to_status: stige_domain::placement::PlacementStatus,
    pub old_end_date: Option<NaiveDate>,
    pub new_end_date: Option<NaiveDate>,
    pub note: Option<String>,
    pub by_employer: bool,
    pub recorded_by: Option<i64>,
    pub recorded_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, PartialEq)]
#[diesel(table_name = employer_feedback)]
pub struct FeedbackRow {
    pub placement_id: i64,
    pub attendance: i32,
    pub punctuality: i32,
    pub cooperation: i32,
    pub quality: i32,
    pub comment: String,
    pub given_at: NaiveDateTime,
}

/// A placement with the names staff see in lists.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacementListed {
    pub placement: PlacementRow,
    pub employer_name: String,
    pub given_name: String,
    pub family_name: String,
    pub contact: ContactRow,
    /// The ladder's parallel activity the placement is recorded as: id and name.
    pub activity: Option<(i64, String)>,
}

/// The participant of each placement in `ids`: (placement, participant).
pub fn participants_of(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<(i64, i64)>> {
    placements::table
        .filter(placements::id.eq_any(ids))
        .select((placements::id, placements::participant_id))
        .load(conn)
}

/// A new employer of `organisation`.
pub fn insert_employer(
    conn: &mut DbConnection,
    organisation: OrganisationId,
    draft: &EmployerDraft,
) -> QueryResult<i64> {
    let id = diesel::insert_into(employers::table)
        .values((
            employers::organisation_id.eq(organisation.0),
            employers::name.eq(&draft.name),
            employers::organisation_number.eq(draft.organisation_number.digits()),
            employers::address.eq(&draft.address),
            employers::association_member.eq(draft.association_member),
            employers::language.eq(draft.language.as_str()),
            employers::created_at.eq(crate::now()),
        ))
        .returning(employers::id)
        .get_result::<i64>(conn)?;
    replace_contacts(conn, id, draft)?;
    Ok(id)
}

/// Updates the employer; contacts are matched by position, so placements keep theirs.
pub fn update_employer(conn: &mut DbConnection, id: i64, draft: &EmployerDraft) -> QueryResult<()> {
    diesel::update(employers::table.find(id))
        .set((
            employers::name.eq(&draft.name),
            employers::organisation_number.eq(draft.organisation_number.digits()),
            employers::address.eq(&draft.address),
            employers::association_member.eq(draft.association_member),
            employers::language.eq(draft.language.as_str()),
        ))
        .execute(conn)?;
    replace_contacts(conn, id, draft)
}

fn replace_contacts(
    conn: &mut DbConnection,
    employer: i64,
    draft: &EmployerDraft,
) -> QueryResult<()> {
    let existing = contacts(conn, employer)?;
    for (i, c) in draft.contacts.iter().enumerate() {
        let position = i32::try_from(i).unwrap_or(i32::MAX);
        match existing.iter().find(|e| e.position == position) {
            Some(e) => {
                diesel::update(employer_contacts::table.find(e.id))
                    .set((
                        employer_contacts::name.eq(&c.name),
                        employer_contacts::phone.eq(&c.phone),
                        employer_contacts::email.eq(&c.email),
                    ))
                    .execute(conn)?;
            }
            None => {
                diesel::insert_into(employer_contacts::table)
                    .values((
                        employer_contacts::employer_id.eq(employer),
                        employer_contacts::name.eq(&c.name),
                        employer_contacts::phone.eq(&c.phone),
                        employer_contacts::email.eq(&c.email),
                        employer_contacts::position.eq(position),
                    ))
                    .execute(conn)?;
            }
        }
    }
    Ok(())
}

pub fn employer(conn: &mut DbConnection, id: i64) -> QueryResult<Option<EmployerRow>> {
    employers::table
        .find(id)
        .select(EmployerRow::as_select())
        .first(conn)
        .optional()
}

/// Another employer of `organisation` with this organisation number, if any
/// (another organisation may work with the same employer, unknown to this one).
pub fn employer_by_number(
    conn: &mut DbConnection,
    organisation: i64,
    digits: &str,
) -> QueryResult<Option<EmployerRow>> {
    employers::table
        .filter(employers::organisation_id.eq(organisation))
        .filter(employers::organisation_number.eq(digits))
        .select(EmployerRow::as_select())
        .first(conn)
        .optional()
}

/// The employers of `organisation`.
pub fn employers(
    conn: &mut DbConnection,
    organisation: OrganisationId,
) -> QueryResult<Vec<EmployerRow>> {
    employers::table
        .filter(employers::organisation_id.eq(organisation.0))
        .order((employers::name, employers::id))
        .select(EmployerRow::as_select())
        .load(conn)
}

pub fn contacts(conn: &mut DbConnection, employer: i64) -> QueryResult<Vec<ContactRow>> {
    employer_contacts::table
        .filter(employer_contacts::employer_id.eq(employer))
        .order(employer_contacts::position)
        .select(ContactRow::as_select())
        .load(conn)
}

pub fn all_contacts(conn: &mut DbConnection, employers: &[i64]) -> QueryResult<Vec<ContactRow>> {
    employer_contacts::table
        .filter(employer_contacts::employer_id.eq_any(employers))
        .order((employer_contacts::employer_id, employer_contacts::position))
        .select(ContactRow::as_select())
        .load(conn)
}

pub fn insert_placement(
    conn: &mut DbConnection,
    participant: ParticipantId,
    employer: i64,
    contact: i64,
    draft: &PlacementDraft,
    by: UserId,
) -> QueryResult<i64> {
    let now = crate::now();
    let id = diesel::insert_into(placements::table)
        .values((
            placements::participant_id.eq(participant.0),
            placements::employer_id.eq(employer),
            placements::contact_id.eq(contact),
            placements::kind.eq(draft.kind.as_str()),
            placements::role.eq(&draft.role),
            placements::tasks.eq(&draft.tasks),
            placements::start_date.eq(draft.start),
            placements::end_date.eq(draft.end),
            placements::hours_per_week.eq(i32::from(draft.hours_per_week)),
            placements::status.eq(PlacementStatus::Proposed.as_str()),
            placements::created_by.eq(by.0),
            placements::created_at.eq(now),
            placements::updated_at.eq(now),
        ))
        .returning(placements::id)
        .get_result::<i64>(conn)?;
    record_change(
        conn,
        id,
        None,
        PlacementStatus::Proposed,
        None,
        None,
        Some(by),
    )?;
    Ok(id)
}

/// Appends to the placement's history.
pub fn record_change(
    conn: &mut DbConnection,
    placement: i64,
    from: Option<PlacementStatus>,
    to: PlacementStatus,
    end_dates: Option<(NaiveDate, NaiveDate)>,
    note: Option<&str>,
    by: Option<UserId>,
) -> QueryResult<()> {
    diesel::insert_into(placement_changes::table)
        .values((
            placement_changes::placement_id.eq(placement),
            placement_changes::from_status.eq(from.map(PlacementStatus::as_str)),
            placement_changes::to_status.eq(to.as_str()),
            placement_changes::old_end_date.eq(end_dates.map(|(old, _)| old)),
            placement_changes::new_end_date.eq(end_dates.map(|(_, new)| new)),
            placement_changes::note.eq(note),
            placement_changes::by_employer.eq(by.is_none()),
            placement_changes::recorded_by.eq(by.map(|u| u.0)),
            placement_changes::recorded_at.eq(crate::now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Raises the placement's version if it is still `version`; whether it was.
/// The first write of every change to a placement, in the change's
/// transaction: of two changes made from the same reading only the first is
/// written, the other finds `false` and writes nothing (no lost update).
pub fn claim(conn: &mut DbConnection, id: i64, version: i64) -> QueryResult<bool> {
    let claimed = diesel::update(
        placements::table
            .find(id)
            .filter(placements::version.eq(version)),
    )
    .set((
        placements::version.eq(version + 1),
        placements::updated_at.eq(crate::now()),
    ))
    .execute(conn)?;
    Ok(claimed == 1)
}

pub fn set_status(
    conn: &mut DbConnection,
    id: i64,
    status: PlacementStatus,
    decline_reason: Option<&str>,
    end_reason: Option<&str>,
) -> QueryResult<()> {
    diesel::update(placements::table.find(id))
        .set((
            placements::status.eq(status.as_str()),
            placements::decline_reason.eq(decline_reason),
            placements::end_reason.eq(end_reason),
            placements::updated_at.eq(crate::now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// The employer's confirmation: the supervisor and any proposed start date.
pub fn set_supervisor(
    conn: &mut DbConnection,
    id: i64,
    supervisor: (&str, &str, &str),
    proposed_start: Option<NaiveDate>,
) -> QueryResult<()> {
    diesel::update(placements::table.find(id))
        .set((
            placements::supervisor_name.eq(Some(supervisor.0)),
            placements::supervisor_phone.eq(Some(supervisor.1)),
            placements::supervisor_email.eq(Some(supervisor.2)),
            placements::proposed_start_date.eq(proposed_start),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn set_end_date(conn: &mut DbConnection, id: i64, end: NaiveDate) -> QueryResult<()> {
    diesel::update(placements::table.find(id))
        .set((
            placements::end_date.eq(end),
            placements::updated_at.eq(crate::now()),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn placement(conn: &mut DbConnection, id: i64) -> QueryResult<Option<PlacementListed>> {
    Ok(listed(conn, Some(id), None, None)?.pop())
}

/// Placements (one, or of one participant, or of one employer), newest first.
pub fn listed(
    conn: &mut DbConnection,
    id: Option<i64>,
    participant: Option<ParticipantId>,
    employer: Option<i64>,
) -> QueryResult<Vec<PlacementListed>> {
    let mut q = placements::table
        .inner_join(employers::table)
        .inner_join(participants::table)
        .inner_join(employer_contacts::table)
        .into_boxed();
    if let Some(id) = id {
        q = q.filter(placements::id.eq(id));
    }
    if let Some(p) = participant {
        q = q.filter(placements::participant_id.eq(p.0));
    }
    if let Some(e) = employer {
        q = q.filter(placements::employer_id.eq(e));
    }
    let rows: Vec<(PlacementRow, String, String, String, ContactRow)> = q
        .order(placements::id.desc())
        .limit(1000)
        .select((
            PlacementRow::as_select(),
            employers::name,
            participants::given_name,
            participants::family_name,
            ContactRow::as_select(),
        ))
        .load(conn)?;
    let ids: Vec<i64> = rows.iter().map(|r| r.0.id).collect();
    let mut recorded: std::collections::HashMap<i64, (i64, String)> =
        crate::activity_enrolments::of_placements(conn, &ids)?
            .into_iter()
            .map(|(placement, activity, name)| (placement, (activity, name)))
            .collect();
    Ok(rows
        .into_iter()
        .map(
            |(placement, employer_name, given_name, family_name, contact)| PlacementListed {
                activity: recorded.remove(&placement.id),
                placement,
                employer_name,
                given_name,
                family_name,
                contact,
            },
        )
        .collect())
}

/// Placements that are not finished, for the board.
pub fn open(conn: &mut DbConnection) -> QueryResult<Vec<PlacementListed>> {
    let rows = listed(conn, None, None, None)?;
    Ok(rows
        .into_iter()
        .filter(|p| {
            !matches!(
                p.placement.stored_status(),
                PlacementStatus::Declined
                    | PlacementStatus::Completed
                    | PlacementStatus::EndedEarly
            )
        })
        .collect())
}

pub fn changes(conn: &mut DbConnection, placement: i64) -> QueryResult<Vec<ChangeRow>> {
    placement_changes::table
        .filter(placement_changes::placement_id.eq(placement))
        .order(placement_changes::id)
        .select(ChangeRow::as_select())
        .load(conn)
}

pub fn insert_feedback(conn: &mut DbConnection, placement: i64, f: &Feedback) -> QueryResult<()> {
    diesel::insert_into(employer_feedback::table)
        .values((
            employer_feedback::placement_id.eq(placement),
            employer_feedback::attendance.eq(i32::from(f.attendance)),
            employer_feedback::punctuality.eq(i32::from(f.punctuality)),
            employer_feedback::cooperation.eq(i32::from(f.cooperation)),
            employer_feedback::quality.eq(i32::from(f.quality)),
            employer_feedback::comment.eq(&f.text),
            employer_feedback::given_at.eq(crate::now()),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn feedback(conn: &mut DbConnection, placement: i64) -> QueryResult<Option<FeedbackRow>> {
    employer_feedback::table
        .find(placement)
        .select(FeedbackRow::as_select())
        .first(conn)
        .optional()
}
