//! `stige audit verify`: walks the audit logs' hash chains (see
//! [`stige_store::audit_chain`]) and says whether they are intact.

use stige_store::Store;
use stige_store::audit_chain;

/// What `stige audit verify` found, and the text it prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub intact: bool,
    pub report: String,
}

/// Verifies every audit log of `store`'s database; changes nothing.
pub fn verify(store: &Store) -> anyhow::Result<Outcome> {
    let mut conn = store.conn()?;
    let verified = audit_chain::verify(&mut conn)?;
    Ok(match verified.broken {
        Some(broken) => Outcome {
            intact: false,
            report: format!(
                "The audit chain is broken at {broken}. {} events before it are intact.",
                verified.events
            ),
        },
        None => {
            let last: Vec<String> = (verified.last.iter())
                .map(|(log, hash)| format!("{}: {}", log.table(), shown(hash)))
                .collect();
            Outcome {
                intact: true,
                report: format!(
                    "{} events, chain intact. Last hash ({}); note it to find rows cut off the end later.",
                    verified.events,
                    last.join("; ")
                ),
            }
        }
    })
}

fn shown(hash: &str) -> &str {
    if hash.is_empty() { "none yet" } else { hash }
}
