//! Retention: `stige retention [--dry-run]` and the daily job anonymise
//! everyone whose ladder's retention period after their exit has run out
//! (see [`stige_store::anonymise`]); each anonymisation is audited as
//! `participant.anonymised` by Stige itself.

use stige_domain::AuditAction;
use stige_domain::ParticipantId;
use stige_store::anonymise::{self, Changed};
use stige_store::audit::{self, Actor, AuditEvent};
use stige_store::{DbConnection, Store, StoreError};

/// What a run did, or would do.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outcome {
    pub people: Vec<ParticipantId>,
    /// Rows changed per table.
    pub rows: Changed,
}

enum Abort {
    /// A dry run: everything done is rolled back, this is what it did.
    DryRun(Outcome),
    Failed(anyhow::Error),
}

impl From<diesel::result::Error> for Abort {
    fn from(e: diesel::result::Error) -> Self {
        Abort::Failed(e.into())
    }
}

impl From<StoreError> for Abort {
    fn from(e: StoreError) -> Self {
        Abort::Failed(e.into())
    }
}

/// Anonymises `people` in one transaction: their data first, then one audit
/// event each (`why` in its detail).
pub fn anonymise_all(
    conn: &mut DbConnection,
    people: &[ParticipantId],
    actor: Actor,
    why: &str,
) -> diesel::QueryResult<Changed> {
    let now = stige_store::now();
    let mut rows = Changed::new();
    for id in people {
        for (table, n) in anonymise::participant(conn, *id, now)? {
            *rows.entry(table).or_default() += n;
        }
    }
    for id in people {
        audit::record(
            conn,
            AuditEvent {
                actor,
                action: AuditAction::ParticipantAnonymised,
                participant: Some(*id),
                ip: None,
                detail: Some(why.to_owned()),
            },
        )?;
    }
    Ok(rows)
}

/// Anonymises everyone due on `today`; with `dry_run`, finds what would
/// change and changes nothing.
pub fn run(store: &Store, today: chrono::NaiveDate, dry_run: bool) -> anyhow::Result<Outcome> {
    let result = store.transaction(|conn| -> Result<Outcome, Abort> {
        let people = anonymise::due(conn, today)?;
        let rows = anonymise_all(conn, &people, Actor::System, "retention")?;
        let outcome = Outcome { people, rows };
        if dry_run {
            Err(Abort::DryRun(outcome))
        } else {
            Ok(outcome)
        }
    });
    match result {
        Ok(outcome) | Err(Abort::DryRun(outcome)) => Ok(outcome),
        Err(Abort::Failed(e)) => Err(e),
    }
}

/// The outcome as lines for a person reading the terminal.
pub fn describe(outcome: &Outcome, dry_run: bool) -> String {
    let verb = if dry_run {
        "Would anonymise"
    } else {
        "Anonymised"
    };
    let mut text = format!("{verb} {} people.", outcome.people.len());
    if !outcome.rows.is_empty() {
        text.push_str("\nRows per table:");
        for (table, n) in &outcome.rows {
            text.push_str(&format!("\n  {table:<22} {n}"));
        }
    }
    text
}
