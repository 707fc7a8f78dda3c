//! The participants as staff see them: the list (filtered, paged) and the
//! participant page (history, time per step, mentors, where they came from),
//! also as it stands after a change.

use crate::auth::{PartnerClient, Staff};
use crate::error::ApiError;
use crate::use_cases::access::visible;
use crate::use_cases::partner_reads;
use chrono::NaiveDate;
use std::collections::HashMap;
use stige_domain::timeline::{self, MoveEvent, StatusEvent};
use stige_domain::{Capability, LadderId, ParticipantId, StepId, UserId, ValidationErrors};
use stige_secrets::cipher::DataCipher;
use stige_store::DbConnection;
use stige_store::list_memory::ListMemory;
use stige_store::participants::{self, ListFilter, ListRow, ParticipantRow};
use stige_wire::{
    LadderRef, MentorRef, Page, ParticipantDetail, ParticipantQuery, ParticipantSummary,
    PartnerParticipant, ReferralOrigin, StatusChange, StepDays, StepMove, StepRef,
};

/// The longest name search.
const MOST_NAME: usize = 100;

/// The name searched for, if any, trimmed; too long a one is named in `errors`.
fn searched<'q>(query: &'q ParticipantQuery, errors: &mut ValidationErrors) -> Option<&'q str> {
    let name = query.q.as_deref().map(str::trim).filter(|q| !q.is_empty());
    if name.is_some_and(|q| q.chars().count() > MOST_NAME) {
        errors.add("q", "must be at most 100 characters");
    }
    name
}

/// A page of the participants `staff` works with (viewers none: 403), by
/// family name, filtered as `query` says (422 naming each bad parameter,
/// with the paging's problems found so far in `errors`). Mentors see only
/// their own.
pub fn list(
    conn: &mut DbConnection,
    staff: &Staff,
    query: &ParticipantQuery,
    (page, per_page): (i64, i64),
    mut errors: ValidationErrors,
    memory: &ListMemory,
) -> Result<Page<ParticipantSummary>, ApiError> {
    staff.require_that(Capability::WorkWithParticipants)?;
    let name = searched(query, &mut errors);
    let filter = ListFilter {
        status: query.status,
        ladder: query.ladder_id.map(|l| l.0),
        step: query.step_id.map(|s| s.0),
        mentor: query.mentor_id.map(|m| m.0),
        name: name.map(str::to_owned),
        reach: staff.people(),
        limit: per_page,
        offset: (page.max(1) - 1).saturating_mul(per_page),
    };
    errors.into_result(())?;
    let (rows, total) = participants::list_with(conn, &filter, memory)?;
    Ok(Page {
        items: rows.into_iter().map(summary).collect(),
        total,
        page,
        per_page,
    })
}

/// A page of the people under the partner's agreement (the paging's problems
/// found so far in `errors`): only the categories in scope and consented. A
/// partner may only page (422 for a filter).
pub fn partner_list(
    conn: &mut DbConnection,
    cipher: &DataCipher,
    partner: &PartnerClient,
    query: &ParticipantQuery,
    (page, per_page): (i64, i64),
    mut errors: ValidationErrors,
) -> Result<Page<PartnerParticipant>, ApiError> {
    searched(query, &mut errors);
    errors.into_result(())?;
    let only_paging = query.status.is_none()
        && query.ladder_id.is_none()
        && query.step_id.is_none()
        && query.mentor_id.is_none()
        && query.q.is_none();
    if !only_paging {
        let mut e = ValidationErrors::new();
        e.add("q", "partners may only page: page and per_page");
        return Err(e.into());
    }
    partner_reads::list(conn, cipher, partner, page, per_page)
}

/// A row of the list as the API shows it.
fn summary(r: ListRow) -> ParticipantSummary {
    let p = r.participant;
    ParticipantSummary {
        id: ParticipantId(p.id),
        status: p.status,
        ladder: LadderRef {
            id: LadderId(p.ladder_id),
            name: r.ladder_name,
        },
        current_step: p
            .current_step_id
            .zip(r.step_name)
            .map(|(id, name)| StepRef {
                id: StepId(id),
                name,
            }),
        mentors: r
            .mentors
            .into_iter()
            .map(|(id, display_name)| MentorRef {
                id: UserId(id),
                display_name,
            })
            .collect(),
        given_name: p.given_name,
        family_name: p.family_name,
    }
}

/// Participant `id`'s page as of `today`, if `staff` may see them (404
/// otherwise).
pub fn detail(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
    today: NaiveDate,
) -> Result<ParticipantDetail, ApiError> {
    let row = visible(conn, staff, id)?;
    detail_view(conn, row, today)
}

/// The participant page after a change: the person as `staff` now sees them.
pub fn detail_after_change(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
    today: NaiveDate,
) -> Result<ParticipantDetail, ApiError> {
    let row = participants::get(conn, staff.within(), id)?.ok_or(ApiError::NotFound)?;
    detail_view(conn, row, today)
}

/// The participant page of `row` as of `today`: current step, days per step,
/// the history of moves and status changes, mentors and the referral they
/// came by.
pub fn detail_view(
    conn: &mut DbConnection,
    row: ParticipantRow,
    today: NaiveDate,
) -> Result<ParticipantDetail, ApiError> {
    let id = ParticipantId(row.id);
    // Names only: counting who stands on each step is for the ladder page.
    let (ladder, steps) = stige_store::ladders::with_steps(conn, LadderId(row.ladder_id))?
        .ok_or_else(|| ApiError::Unexpected(anyhow::anyhow!("participant without ladder")))?;
    let step_names: HashMap<i64, String> = steps.iter().map(|s| (s.id, s.name.clone())).collect();
    let step_ref = |id: i64| StepRef {
        id: StepId(id),
        name: step_names.get(&id).cloned().unwrap_or_default(),
    };
    let history = participants::history(conn, id)?;
    let status_history = history
        .status_changes
        .iter()
        .map(|(c, by)| {
            Ok(StatusChange {
                id: c.id,
                from_status: c.from_status,
                to_status: c.to_status,
                date: c.date,
                reason: c.reason.clone(),
                planned_return: c.planned_return,
                outcome: c.outcome,
                outcome_text: c.outcome_text.clone(),
                recorded_by: by.clone(),
                recorded_at: c.recorded_at,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    let moves: Vec<StepMove> = history
        .moves
        .iter()
        .map(|(m, by)| StepMove {
            id: m.id,
            from_step: m.from_step_id.map(step_ref),
            to_step: step_ref(m.to_step_id),
            direction: m.direction,
            date: m.date,
            reason: m.reason.clone(),
            override_reason: m.override_reason.clone(),
            recorded_by: by.clone(),
            recorded_at: m.recorded_at,
        })
        .collect();
    let status_events: Vec<StatusEvent> = status_history
        .iter()
        .map(|c| StatusEvent {
            date: c.date,
            status: c.to_status,
        })
        .collect();
    let move_events: Vec<MoveEvent> = moves
        .iter()
        .map(|m| MoveEvent {
            date: m.date,
            to_step: m.to_step.id,
        })
        .collect();
    let stays = timeline::stays(&status_events, &move_events, today);
    let days_in_current_step = stays
        .last()
        .filter(|s| s.until.is_none())
        .map(|s| s.active_days);
    let per_step = timeline::days_per_step(&stays);
    let days_per_step = steps
        .iter()
        .map(|s| StepDays {
            step: step_ref(s.id),
            days: per_step.get(&StepId(s.id)).copied().unwrap_or(0),
        })
        .collect();
    let mentors = participants::mentors(conn, id)?
        .into_iter()
        .map(|(uid, name)| MentorRef {
            id: UserId(uid),
            display_name: name,
        })
        .collect();
    let referral = stige_store::referrals::of_participant(conn, id)?.map(|r| ReferralOrigin {
        referral_id: r.referral.id,
        partner_id: r.partner.as_ref().map(|(id, _)| *id),
        partner_name: r.partner.map(|(_, name)| name),
        channel: r.referral.channel(),
        reason: r.referral.reason,
        received_at: r.referral.received_at,
    });
    Ok(ParticipantDetail {
        id,
        given_name: row.given_name,
        family_name: row.family_name,
        birth_date: row.birth_date,
        national_id_masked: row.national_id_masked,
        national_id_kind: row.national_id_kind,
        status: row.status,
        status_since: row.status_since,
        ladder: LadderRef {
            id: LadderId(ladder.id),
            name: ladder.name.clone(),
        },
        current_step: row.current_step_id.map(step_ref),
        days_in_current_step,
        days_per_step,
        moves,
        status_history,
        mentors,
        referral,
        version: row.version,
        created_at: row.created_at,
    })
}
