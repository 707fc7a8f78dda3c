//! The organisation's privacy overview: retention per programme with what
//! the next anonymisation run would do, the erasures done, and the record of
//! processing (GDPR Art. 30) generated from the data.

use crate::auth::Staff;
use crate::error::ApiError;
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};
use stige_domain::AuditAction;
use stige_domain::Capability;
use stige_domain::access_log::PersonalDataCategory;
use stige_domain::partner::scope_from_text;
use stige_domain::{LadderId, ParticipantId};
use stige_store::anonymise::{self, Changed};
use stige_store::{
    DbConnection, access_log as names, audit, jobs, ladders, organisations, partners,
};
use stige_wire::{ErasureDone, LadderRetention, PrivacyOverview, Recipient};

/// A dry run inside the request's transaction, rolled back to its savepoint.
enum Rollback {
    DryRun(BTreeMap<i64, Changed>),
    Failed(diesel::result::Error),
}

impl From<diesel::result::Error> for Rollback {
    fn from(e: diesel::result::Error) -> Self {
        Rollback::Failed(e)
    }
}

/// What anonymising `due` now would change, per ladder; nothing is changed.
fn dry_run(
    conn: &mut DbConnection,
    due: &[(ParticipantId, i64)],
) -> Result<BTreeMap<i64, Changed>, ApiError> {
    use diesel::Connection;
    let now = stige_store::now();
    let result = conn.transaction(|conn| {
        let mut per_ladder: BTreeMap<i64, Changed> = BTreeMap::new();
        for (id, ladder) in due {
            let rows = per_ladder.entry(*ladder).or_default();
            for (table, n) in anonymise::participant(conn, *id, now)? {
                *rows.entry(table).or_default() += n;
            }
        }
        Err::<(), _>(Rollback::DryRun(per_ladder))
    });
    match result {
        Err(Rollback::DryRun(rows)) => Ok(rows),
        Err(Rollback::Failed(e)) => Err(e.into()),
        Ok(()) => Ok(BTreeMap::new()),
    }
}

/// The privacy overview of `staff`'s organisation (admins; 403 for other
/// roles) as of `today`: each programme's retention and what anonymising
/// those due now would change (nothing is changed), the next run, those
/// anonymised and erased, the categories of personal data and the partners
/// data goes to.
pub fn overview(
    conn: &mut DbConnection,
    staff: &Staff,
    today: NaiveDate,
) -> Result<PrivacyOverview, ApiError> {
    staff.require_that(Capability::Administer)?;
    let organisation = staff.organisation()?;
    let org = organisations::get(conn, organisation.0)?.ok_or(ApiError::NotFound)?;
    let only = staff.reach.ladders();
    let programmes = ladders::list(conn, &only)?;
    let due = anonymise::due_on(conn, today, &only)?;
    let rows = dry_run(conn, &due)?;
    let ladders = programmes
        .into_iter()
        .map(|(l, _)| LadderRetention {
            id: LadderId(l.id),
            due_now: i64::try_from(due.iter().filter(|(_, on)| *on == l.id).count())
                .unwrap_or(i64::MAX),
            rows: rows
                .get(&l.id)
                .map(|r| r.iter().map(|(t, n)| ((*t).to_owned(), *n)).collect())
                .unwrap_or_default(),
            name: l.name,
            description: l.description,
            retention_years: u32::try_from(l.retention_years).unwrap_or(0),
            retention_basis: l.retention_basis,
        })
        .collect();
    let next_run = jobs::lease_of(conn, "daily")?.map(|(_, until)| until);
    let recipients = partners::agreements(conn, &only, None)?
        .into_iter()
        .map(|a| Recipient {
            partner: a.partner_name,
            agreement_id: a.agreement.id,
            ladder: a.ladder_name,
            valid_from: a.agreement.valid_from,
            valid_to: a.agreement.valid_to,
            sharing_scope: scope_from_text(&a.agreement.sharing_scope)
                .into_iter()
                .collect(),
        })
        .collect();
    Ok(PrivacyOverview {
        organisation: org.name,
        organisation_number: org.organisation_number,
        ladders,
        next_run,
        anonymised: anonymise::anonymised_on(conn, &only)?,
        erasures: erasures(conn, &only)?,
        categories: PersonalDataCategory::ALL.to_vec(),
        recipients,
    })
}

/// The erasures of people on `ladders`, newest first.
fn erasures(conn: &mut DbConnection, on: &[i64]) -> Result<Vec<ErasureDone>, ApiError> {
    let events = audit::with_action(conn, AuditAction::ParticipantErasure)?;
    let people: Vec<i64> = events.iter().filter_map(|e| e.participant_id).collect();
    let ladder_of: HashMap<i64, i64> = anonymise::ladders_of(conn, &people)?.into_iter().collect();
    let events: Vec<_> = events
        .into_iter()
        .filter(|e| {
            e.participant_id
                .and_then(|p| ladder_of.get(&p))
                .is_some_and(|l| on.contains(l))
        })
        .collect();
    let mut users: Vec<i64> = events
        .iter()
        .filter(|e| e.actor_kind == "user")
        .filter_map(|e| e.actor_id)
        .collect();
    users.sort_unstable();
    users.dedup();
    let staff = names::staff(conn, &users, 0)?;
    let mut done: Vec<ErasureDone> = events
        .into_iter()
        .filter_map(|e| {
            Some(ErasureDone {
                at: e.at,
                participant_id: ParticipantId(e.participant_id?),
                by: e
                    .actor_id
                    .and_then(|u| staff.get(&u))
                    .map(|n| n.display_name.clone()),
                reason: e
                    .detail
                    .as_deref()
                    .and_then(|d| d.strip_prefix("reason: "))
                    .map(str::to_owned),
            })
        })
        .collect();
    done.reverse();
    Ok(done)
}
