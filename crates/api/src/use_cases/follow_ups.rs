//! Follow-up conversations: recorded, changed (an edit more than a day later
//! keeps the earlier version), their agreed actions marked done. Confidential
//! notes never reach mentors.

use crate::auth::Staff;
use crate::error::ApiError;
use crate::use_cases::access::{record, visible};
use chrono::NaiveDate;
use stige_domain::follow_up::{self, ActionInput, FollowUpDraft};
use stige_domain::{AuditAction, Capability, ParticipantId};
use stige_store::DbConnection;
use stige_store::follow_ups;
use stige_wire::{AgreedAction, FollowUp, FollowUpInput};

/// Whether `staff` may read and write confidential notes.
pub fn sees_confidential(staff: &Staff) -> bool {
    staff.role.may(Capability::SeeConfidentialNotes)
}

/// The follow-up, if its participant and (for confidential notes) its content may be
/// seen; otherwise 404.
pub fn visible_follow_up(
    conn: &mut stige_store::DbConnection,
    staff: &Staff,
    id: ParticipantId,
    follow_up: i64,
) -> Result<follow_ups::FollowUp, ApiError> {
    visible(conn, staff, id)?;
    follow_ups::get(conn, id, follow_up)?
        .filter(|f| !f.row.confidential || sees_confidential(staff))
        .ok_or(ApiError::NotFound)
}

fn parse(
    input: &FollowUpInput,
    staff: &Staff,
    today: NaiveDate,
) -> Result<FollowUpDraft, ApiError> {
    let loose = follow_up::FollowUpInput {
        date: input.date,
        attendees: input.attendees.clone(),
        what_works: input.what_works.as_deref(),
        scaling_score: input.scaling_score,
        next_small_step: input.next_small_step.as_deref(),
        actions: input
            .actions
            .iter()
            .map(|a| ActionInput {
                owner: a.owner.as_deref(),
                what: a.what.as_deref(),
                by_when: a.by_when,
                done: a.done,
            })
            .collect(),
        next_due: input.next_due,
        confidential: input.confidential,
    };
    let parsed = FollowUpDraft::parse(&loose, today);
    if input.confidential && !sees_confidential(staff) {
        let mut errors = parsed.err().unwrap_or_default();
        errors.add("confidential", "mentors cannot write confidential notes");
        return Err(errors.into());
    }
    Ok(parsed?)
}

/// Records a follow-up conversation with participant `id`; returns its id.
pub fn record_follow_up(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
    body: &FollowUpInput,
    today: NaiveDate,
) -> Result<i64, ApiError> {
    staff.require_that(Capability::WorkWithParticipants)?;
    visible(conn, staff, id)?;
    let draft = parse(body, staff, today)?;
    let fid = follow_ups::insert(conn, id, &draft, staff.id)?;
    record(
        conn,
        staff,
        AuditAction::FollowUpCreate,
        Some(id),
        Some(format!("follow_up={fid}")),
    )?;
    Ok(fid)
}

/// Changes follow-up `fid` of participant `id` (404 if it is not theirs, or
/// confidential and `staff` is a mentor).
pub fn change_follow_up(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
    fid: i64,
    body: &FollowUpInput,
    today: NaiveDate,
) -> Result<(), ApiError> {
    staff.require_that(Capability::WorkWithParticipants)?;
    let existing = visible_follow_up(conn, staff, id, fid)?;
    let draft = parse(body, staff, today)?;
    let keep = follow_up::edit_keeps_history(existing.row.written_at, stige_store::now());
    follow_ups::update(conn, &existing, &draft, staff.id, keep)?;
    record(
        conn,
        staff,
        AuditAction::FollowUpUpdate,
        Some(id),
        Some(format!("follow_up={fid}")),
    )?;
    Ok(())
}

/// Marks agreed action `action` of follow-up `fid` done or not done.
pub fn set_action_done(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
    fid: i64,
    action: i64,
    done: bool,
) -> Result<(), ApiError> {
    staff.require_that(Capability::WorkWithParticipants)?;
    let existing = visible_follow_up(conn, staff, id, fid)?;
    if !existing.actions.iter().any(|a| a.id == action) {
        return Err(ApiError::NotFound);
    }
    follow_ups::set_action_done(conn, action, done)?;
    record(
        conn,
        staff,
        AuditAction::FollowUpAction,
        Some(id),
        Some(format!("follow_up={fid} action={action}")),
    )?;
    Ok(())
}

fn to_follow_up(f: follow_ups::FollowUp) -> FollowUp {
    FollowUp {
        id: f.row.id,
        date: f.row.date,
        attendees: follow_ups::attendees(&f.row),
        what_works: f.row.what_works,
        scaling_score: f.row.scaling_score.map(i64::from),
        next_small_step: f.row.next_small_step,
        actions: f
            .actions
            .into_iter()
            .map(|a| AgreedAction {
                id: a.id,
                owner: a.owner,
                what: a.what,
                by_when: a.by_when,
                done: a.done,
            })
            .collect(),
        next_due: f.row.next_due,
        confidential: f.row.confidential,
        written_by: f.written_by_name,
        written_at: f.row.written_at,
        updated_at: f.row.updated_at,
        earlier_versions: f.versions,
    }
}

/// Participant `id`'s follow-ups as `staff` may read them, newest first
/// (mentors: without confidential notes); the read recorded in the audit.
pub fn follow_ups(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
) -> Result<Vec<FollowUp>, ApiError> {
    staff.require_that(Capability::WorkWithParticipants)?;
    visible(conn, staff, id)?;
    record(conn, staff, AuditAction::FollowUpList, Some(id), None)?;
    of_participant(conn, id, sees_confidential(staff))
}

/// The participant's follow-ups, the confidential ones too when `confidential`.
pub fn of_participant(
    conn: &mut DbConnection,
    id: ParticipantId,
    confidential: bool,
) -> Result<Vec<FollowUp>, ApiError> {
    let rows = follow_ups::list(conn, id, confidential)?;
    Ok(rows.into_iter().map(to_follow_up).collect())
}

/// Follow-up `fid` of participant `id` as the API shows it (after a change).
pub fn shown(conn: &mut DbConnection, id: ParticipantId, fid: i64) -> Result<FollowUp, ApiError> {
    let f = follow_ups::get(conn, id, fid)?.ok_or(ApiError::NotFound)?;
    Ok(to_follow_up(f))
}
