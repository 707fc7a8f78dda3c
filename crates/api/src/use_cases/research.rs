//! Research: the anonymised participant-level extract, and each participant's
//! consent to research, which decides who is in it.

use crate::auth::{Caller, Staff};
use crate::calendar::today;
use crate::error::ApiError;
use crate::use_cases::access::{record, record_listed, visible};
use crate::use_cases::reports::{period, scope};
use chrono::NaiveDate;
use rand::Rng;
use rand::distributions::Alphanumeric;
use rand::seq::SliceRandom;
use stige_domain::report::research::{self as extract, ResearchInput};
use stige_domain::{AuditAction, Capability, EnrolmentStatus, ParticipantId, ValidationErrors};
use stige_store::DbConnection;
use stige_store::reports;
use stige_store::research;
use stige_wire::{ReportQuery, ResearchConsent, ResearchConsentChange, ResearchExtract};

/// Only admins and researchers take the person-level extract, k-anonymous as
/// it is; anyone else on staff is refused.
fn may_take_extract(staff: &Staff) -> Result<(), ApiError> {
    if staff.role.may(Capability::TakeResearchExtract) {
        Ok(())
    } else {
        Err(ApiError::Forbidden)
    }
}

/// A fresh random pseudonym: nothing links it to the person or to other extracts.
fn pseudonym(rng: &mut impl Rng) -> String {
    let code: String = rng
        .sample_iter(&Alphanumeric)
        .take(10)
        .map(char::from)
        .collect();
    format!("R-{code}")
}

/// The anonymised participant-level extract for research of the ladder and
/// period of `q` (see the handler's documentation), recorded in the audit
/// with its parameters and the people whose records it holds.
pub fn extract(
    conn: &mut DbConnection,
    staff: &Staff,
    q: &ReportQuery,
    format: &str,
) -> Result<ResearchExtract, ApiError> {
    may_take_extract(staff)?;
    let period = period(q.from, q.to, staff.role.disclosure())?;
    let scope = scope(conn, &Caller::Staff(staff.clone()), q.ladder, q.agreement)?;
    let steps = reports::ladder_steps(conn, scope.ladder)?;
    let consenting = research::consenting(conn, scope.ladder, today())?;
    let ids: Vec<i64> = consenting.iter().map(|(id, _)| *id).collect();
    let histories = reports::histories(conn, reports::Whose::Ids(&ids), Some(period.to))?;
    let attendance = research::attendance_totals(conn, &ids, period.from, period.to)?;
    let goals = reports::goal_scores_of(conn, reports::Whose::Ids(&ids), period)?;
    let step_ids: Vec<_> = steps.iter().map(|s| s.id).collect();
    let mut rng = rand::thread_rng();
    let (people, raw): (Vec<ParticipantId>, Vec<_>) = histories
        .iter()
        .zip(&consenting)
        .filter(|(h, _)| {
            scope
                .agreement
                .is_none_or(|a| h.paid_by.iter().any(|s| s.agreement == a))
        })
        // In the programme at some time in the period.
        .filter(|(h, _)| {
            h.statuses.first().is_some_and(|s| s.date <= period.to)
                && !h
                    .statuses
                    .last()
                    .is_some_and(|s| s.to == EnrolmentStatus::Exited && s.date < period.from)
        })
        .map(|(h, (id, birth))| {
            let goal_scores: Vec<_> = goals
                .get(id)
                .map(|g| g.values().cloned().collect())
                .unwrap_or_default();
            let record = extract::record(
                ResearchInput {
                    birth_date: *birth,
                    history: h,
                    attendance: attendance.get(id).copied().unwrap_or_default(),
                    goals: &goal_scores,
                },
                &step_ids,
                &period,
            );
            (ParticipantId(*id), record)
        })
        .unzip();
    let anonymised = extract::anonymise(&raw, || pseudonym(&mut rng));
    let mut records = anonymised.records;
    // Id order would let anyone line records up with other lists.
    records.shuffle(&mut rng);
    let suppressed = u32::try_from(anonymised.suppressed).unwrap_or(u32::MAX);
    // Whose data the extract holds: the people of the records kept.
    let mut extracted: Vec<ParticipantId> = anonymised
        .kept
        .iter()
        .filter_map(|i| people.get(*i).copied())
        .collect();
    extracted.sort_by_key(|p| p.0);
    record_listed(
        conn,
        staff,
        AuditAction::ResearchExtract,
        None,
        &extracted,
        Some(format!(
            "format={format} ladder={} agreement={} from={} to={} records={} suppressed={suppressed}",
            scope.ladder,
            scope
                .agreement
                .map(|a| a.to_string())
                .unwrap_or_else(|| "all".into()),
            period.from,
            period.to,
            records.len(),
        )),
    )?;
    Ok(ResearchExtract {
        period,
        ladder_id: scope.ladder,
        steps: steps.into_iter().map(|s| s.name).collect(),
        k: u32::try_from(extract::K).unwrap_or(u32::MAX),
        generalisation: anonymised.generalisation,
        suppressed_records: suppressed,
        records,
    })
}

/// The consent to research as shown: in force today or not, and its dates.
pub fn shown(ledger: Option<research::ResearchConsent>) -> ResearchConsent {
    let today = today();
    ResearchConsent {
        in_force: ledger
            .is_some_and(|c| c.given_on <= today && c.revoked_on.is_none_or(|r| r > today)),
        given_on: ledger.map(|c| c.given_on),
        revoked_on: ledger.and_then(|c| c.revoked_on),
    }
}

/// Participant `id`'s consent to research, the read recorded in the audit.
pub fn consent(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
) -> Result<ResearchConsent, ApiError> {
    staff.require_that(Capability::WorkWithParticipants)?;
    visible(conn, staff, id)?;
    record(
        conn,
        staff,
        AuditAction::ResearchConsentRead,
        Some(id),
        None,
    )?;
    Ok(shown(research::consent(conn, id)?))
}

/// Records that participant `id` gave (`given: true`) or revoked
/// (`given: false`) consent to research on the body's date (today by
/// default, never in the future); 409 when there is none in force to revoke.
/// Revocation takes them out of every later extract.
pub fn set_consent(
    conn: &mut DbConnection,
    staff: &Staff,
    id: ParticipantId,
    body: &ResearchConsentChange,
    today: NaiveDate,
) -> Result<ResearchConsent, ApiError> {
    staff.require_that(Capability::WorkWithParticipants)?;
    let date = body.date.unwrap_or(today);
    let mut errors = ValidationErrors::new();
    if body.given.is_none() {
        errors.add(
            "given",
            "is required: true to give consent, false to revoke it",
        );
    }
    if date > today {
        errors.add("date", "cannot be in the future");
    }
    let given = errors.into_result(body.given)?.unwrap_or(false);
    visible(conn, staff, id)?;
    if given {
        research::give(conn, id, date, staff.id)?;
    } else if !research::revoke(conn, id, date, staff.id)? {
        return Err(ApiError::Conflict(
            "There is no consent to research in force to revoke.".into(),
        ));
    }
    let action = if given {
        AuditAction::ResearchConsentGive
    } else {
        AuditAction::ResearchConsentRevoke
    };
    record(conn, staff, action, Some(id), None)?;
    Ok(shown(research::consent(conn, id)?))
}
