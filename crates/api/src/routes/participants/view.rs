//! Builds the participant page's data: history, time per step, mentors.

use crate::error::ApiError;
use chrono::NaiveDate;
use std::collections::HashMap;
use stige_domain::timeline::{self, MoveEvent, StatusEvent};
use stige_domain::{LadderId, ParticipantId, StepId, UserId};
use stige_store::DbConnection;
use stige_store::participants::{self, ParticipantRow};
use stige_wire::{
    LadderRef, MentorRef, ParticipantDetail, ReferralOrigin, StatusChange, StepDays, StepMove,
    StepRef,
};

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
    let mentors = participants::mentors_of(conn, &[row.id])?
        .into_iter()
        .map(|(_, uid, name)| MentorRef {
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
