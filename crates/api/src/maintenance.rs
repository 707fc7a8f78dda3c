//! Work done at start: lookup hashes for national ids stored before they existed,
//! and forgetting idempotency keys past their keeping time.

use stige_secrets::cipher::DataCipher;
use stige_store::{Store, idempotency, participants};

/// Fills in missing lookup hashes; returns how many were added.
pub fn backfill_lookups(store: &Store, cipher: &DataCipher) -> anyhow::Result<usize> {
    store.transaction(|conn| -> anyhow::Result<usize> {
        let missing = participants::missing_lookups(conn)?;
        for (id, stored) in &missing {
            let number = cipher.decrypt(stored)?;
            participants::set_lookup(conn, *id, &cipher.lookup(&number))?;
        }
        Ok(missing.len())
    })
}

/// Forgets idempotency keys older than the keeping time.
pub fn purge_idempotency_keys(store: &Store) -> anyhow::Result<usize> {
    store.transaction(|conn| -> anyhow::Result<usize> { Ok(idempotency::purge_old(conn)?) })
}
