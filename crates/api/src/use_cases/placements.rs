//! Placements as staff see them: one with its history and the employer's
//! feedback, a participant's, the placement board; proposing a placement
//! with an employer, and recording it as one of the ladder's parallel
//! activities.

use crate::auth::Staff;
use crate::error::ApiError;
use crate::use_cases::access::{read_event, record, visible};
use crate::use_cases::placement_actions::{claim, visible_placement};
use chrono::NaiveDate;
use stige_domain::activity::{EnrolmentKind, EnrolmentPeriod};
use stige_domain::placement::{PlacementDraft, PlacementStatus};
use stige_domain::{
    ActivityId, AuditAction, Capability, OrganisationId, ParticipantId, ValidationErrors,
};
use stige_store::activity_enrolments::{self, NewEnrolment};
use stige_store::placements::{self, ChangeRow, FeedbackRow, PlacementListed};
use stige_store::read_audit::ReadEvent;
use stige_store::{DbConnection, ladders, participants};
use stige_wire::{
    ActivityRef, Contact, EmployerFeedback, Placement, PlacementBoard, PlacementChange,
    PlacementInput,
};

/// The placement as the API shows it, its status as of `today`.
pub fn to_placement(
    p: PlacementListed,
    today: NaiveDate,
    feedback: Option<FeedbackRow>,
    history: Vec<ChangeRow>,
) -> Placement {
    let r = p.placement;
    let status = r.stored_status().on(r.start_date, today);
    Placement {
        id: r.id,
        participant_id: ParticipantId(r.participant_id),
        participant_name: format!("{} {}", p.given_name, p.family_name),
        employer_id: r.employer_id,
        employer_name: p.employer_name,
        contact: Contact {
            name: p.contact.name,
            phone: p.contact.phone,
            email: p.contact.email,
        },
        kind: r.kind,
        role: r.role,
        tasks: r.tasks,
        start_date: r.start_date,
        end_date: r.end_date,
        hours_per_week: i64::from(r.hours_per_week),
        status,
        supervisor: r.supervisor_name.map(|name| Contact {
            name,
            phone: r.supervisor_phone.unwrap_or_default(),
            email: r.supervisor_email.unwrap_or_default(),
        }),
        proposed_start_date: r.proposed_start_date,
        decline_reason: r.decline_reason,
        end_reason: r.end_reason,
        activity: p.activity.map(|(id, name)| ActivityRef {
            id: ActivityId(id),
            name,
        }),
        feedback: feedback.map(|f| EmployerFeedback {
            attendance: i64::from(f.attendance),
            punctuality: i64::from(f.punctuality),
            cooperation: i64::from(f.cooperation),
            quality: i64::from(f.quality),
            comment: f.comment,
            given_at: f.given_at,
        }),
        history: history
            .into_iter()
            .map(|c| PlacementChange {
                from_status: c.from_status,
                to_status: c.to_status,
                old_end_date: c.old_end_date,
                new_end_date: c.new_end_date,
                note: c.note,
                by_employer: c.by_employer,
                recorded_at: c.recorded_at,
            })
            .collect(),
        version: r.version,
    }
}

/// Placement `id` with the employer's feedback and its history, or 404.
pub fn load(conn: &mut DbConnection, id: i64, today: NaiveDate) -> Result<Placement, ApiError> {
    let p = placements::placement(conn, id)?.ok_or(ApiError::NotFound)?;
    with_history(conn, p, today)
}

/// The placement with the employer's feedback and its history.
fn with_history(
    conn: &mut DbConnection,
    p: PlacementListed,
    today: NaiveDate,
) -> Result<Placement, ApiError> {
    let id = p.placement.id;
    let feedback = placements::feedback(conn, id)?;
    let history = placements::changes(conn, id)?;
    Ok(to_placement(p, today, feedback, history))
}

/// The participant's placements, newest first, with the employer's feedback
/// and the changes.
pub fn of_participant(
    conn: &mut DbConnection,
    id: ParticipantId,
    today: NaiveDate,
) -> Result<Vec<Placement>, ApiError> {
    placements::listed(conn, None, Some(id), None)?
        .into_iter()
        .map(|p| with_history(conn, p, today))
        .collect()
}

/// The placement board of the people `staff` reaches (those who arrange
/// placements; 403 otherwise), with the read's audit event naming them:
/// awaiting the employer, confirmed and not yet started (those starting this
/// week also on their own), running (those ending within 14 days also on
/// their own), and proposals not yet sent.
pub fn board(
    conn: &mut DbConnection,
    staff: &Staff,
    today: NaiveDate,
) -> Result<(PlacementBoard, ReadEvent), ApiError> {
    staff.require_that(Capability::ArrangePlacements)?;
    let open = placements::open(conn)?;
    let ids: Vec<i64> = open.iter().map(|p| p.placement.participant_id).collect();
    let reached = stige_store::today::reached_among(conn, &staff.people(), &ids)?;
    let open: Vec<PlacementListed> = open
        .into_iter()
        .filter(|p| reached.contains(&p.placement.participant_id))
        .collect();
    let listed: Vec<ParticipantId> = open
        .iter()
        .map(|p| ParticipantId(p.placement.participant_id))
        .collect();
    let event =
        read_event(staff, AuditAction::PlacementList, None, None).with_participants(&listed);
    let mut board = PlacementBoard {
        awaiting_employer: vec![],
        starting_this_week: vec![],
        confirmed_starting_soon: vec![],
        active: vec![],
        ending_within_14_days: vec![],
        proposed: vec![],
    };
    // "Confirmed" and "active" hold every such placement, so none falls between
    // columns; "starting this week" and "ending within 14 days" are reminders
    // drawn from them.
    for p in open {
        let p = to_placement(p, today, None, vec![]);
        match p.status {
            PlacementStatus::Proposed => board.proposed.push(p),
            PlacementStatus::AwaitingEmployer => board.awaiting_employer.push(p),
            PlacementStatus::Confirmed => {
                if (p.start_date - today).num_days() < 7 {
                    board.starting_this_week.push(p.clone());
                }
                board.confirmed_starting_soon.push(p);
            }
            PlacementStatus::Active => {
                if (p.end_date - today).num_days() <= 14 {
                    board.ending_within_14_days.push(p.clone());
                }
                board.active.push(p);
            }
            _ => {}
        }
    }
    board.confirmed_starting_soon.sort_by_key(|p| p.start_date);
    Ok((board, event))
}

/// Proposes a placement for a participant `staff` reaches with an employer
/// of their organisation and one of its contact persons (the first when none
/// is named); 422 naming each bad field. Audited; returns the placement.
pub fn propose(
    conn: &mut DbConnection,
    staff: &Staff,
    body: &PlacementInput,
    today: NaiveDate,
) -> Result<Placement, ApiError> {
    staff.require_that(Capability::ArrangePlacements)?;
    let (mut errors, draft) = match PlacementDraft::parse(
        body.kind,
        body.role.as_deref(),
        body.tasks.as_deref(),
        body.start_date,
        body.end_date,
        body.hours_per_week,
    ) {
        Ok(draft) => (ValidationErrors::new(), Some(draft)),
        Err(e) => (e, None),
    };
    let participant = match body.participant_id {
        None => {
            errors.add("participant_id", "is required");
            None
        }
        Some(p) => participants::get(conn, staff.within(), p)?.map(|_| p),
    };
    if body.participant_id.is_some() && participant.is_none() {
        errors.add("participant_id", "is not a known participant");
    }
    let contacts = match body.employer_id {
        None => {
            errors.add("employer_id", "is required");
            None
        }
        Some(e) => match placements::employer(conn, e)?
            .filter(|e| Some(OrganisationId(e.organisation_id)) == staff.reach.organisation())
        {
            None => {
                errors.add("employer_id", "is not a known employer");
                None
            }
            Some(_) => Some(placements::contacts(conn, e)?),
        },
    };
    let contact = contacts.as_ref().and_then(|cs| match body.contact_id {
        None => cs.first().map(|c| c.id),
        Some(id) => cs.iter().find(|c| c.id == id).map(|c| c.id),
    });
    if contacts.is_some() && contact.is_none() {
        errors.add("contact_id", "is not a contact person of this employer");
    }
    let (Some(p), Some(employer), Some(contact), Some(draft)) =
        (participant, body.employer_id, contact, draft)
    else {
        return Err(errors.into());
    };
    let id = placements::insert_placement(conn, p, employer, contact, &draft, staff.id)?;
    record(
        conn,
        staff,
        AuditAction::PlacementCreate,
        Some(p),
        Some(format!("placement={id}")),
    )?;
    load(conn, id, today)
}

/// Placement `id` with its history and the employer's feedback, if `staff`
/// may see its participant (404 otherwise); the read audited.
pub fn placement(
    conn: &mut DbConnection,
    staff: &Staff,
    id: i64,
    today: NaiveDate,
) -> Result<Placement, ApiError> {
    staff.require_that(Capability::WorkWithParticipants)?;
    let p = visible_placement(conn, staff, id)?;
    record(
        conn,
        staff,
        AuditAction::PlacementRead,
        Some(ParticipantId(p.placement.participant_id)),
        Some(format!("placement={id}")),
    )?;
    with_history(conn, p, today)
}

/// Participant `id`'s placements, newest first (404 unless `staff` sees the
/// person); the read audited.
pub fn for_participant(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
    today: NaiveDate,
) -> Result<Vec<Placement>, ApiError> {
    staff.require_that(Capability::WorkWithParticipants)?;
    visible(conn, staff, id)?;
    record(conn, staff, AuditAction::PlacementList, Some(id), None)?;
    of_participant(conn, id, today)
}

/// Records confirmed or active placement `id` (409 otherwise; 412 unless
/// `expected` is its version) as activity `activity_id` of the participant's
/// ladder (422 for another ladder's): an enrolment of the kind "placement"
/// for the placement's period, replacing an earlier choice. Audited; returns
/// the placement.
pub fn record_as_activity(
    conn: &mut DbConnection,
    staff: &Staff,
    id: i64,
    activity_id: Option<ActivityId>,
    expected: Result<i64, ApiError>,
    today: NaiveDate,
) -> Result<Placement, ApiError> {
    staff.require_that(Capability::ArrangePlacements)?;
    let Some(activity_id) = activity_id else {
        let mut errors = ValidationErrors::new();
        errors.add("activity_id", "is required");
        return Err(errors.into());
    };
    let p = visible_placement(conn, staff, id)?;
    let r = &p.placement;
    claim(conn, r, expected)?;
    let status = r.stored_status().on(r.start_date, today);
    if !matches!(status, PlacementStatus::Confirmed | PlacementStatus::Active) {
        return Err(ApiError::Conflict(format!(
            "Only a confirmed or active placement can be recorded as an activity; this one is {}.",
            status.as_str().replace('_', " ")
        )));
    }
    let person = ParticipantId(r.participant_id);
    let ladder = participants::get(conn, staff.within(), person)?
        .ok_or(ApiError::NotFound)?
        .ladder_id;
    let activity = ladders::activity(conn, activity_id.0)?.filter(|a| a.ladder_id == ladder);
    let Some(activity) = activity else {
        let mut errors = ValidationErrors::new();
        errors.add(
            "activity_id",
            "is not an activity of the participant's ladder",
        );
        return Err(errors.into());
    };
    // A placement recorded as an activity is an enrolment of the kind
    // "placement" for the placement's period.
    let enrolment = NewEnrolment {
        participant: person,
        activity: activity.id,
        kind: EnrolmentKind::Placement,
        placement: Some(id),
        period: EnrolmentPeriod {
            starts_on: r.start_date,
            planned_end_on: Some(r.end_date),
        },
    };
    activity_enrolments::record_placement(conn, &enrolment, staff.id, stige_store::now())?;
    record(
        conn,
        staff,
        AuditAction::PlacementActivity,
        Some(person),
        Some(format!("placement={id} activity={}", activity.id)),
    )?;
    load(conn, id, today)
}
