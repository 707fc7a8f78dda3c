//! `stige rotate-data-key`: every value encrypted with the data key (national
//! identity numbers of participants and referrals, the numbers a correction
//! replaced, participants' contact details and safety notes, and the employer links
//! waiting in the outbox) is decrypted with the old key and encrypted with
//! the new one, and the national ids' lookup hashes (keyed by a key derived
//! from the data key) are made again, all in one transaction. The phone
//! numbers and e-mail addresses of referrals and partners' contacts are
//! stored as they are and need nothing.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text};
use stige_secrets::cipher::DataCipher;
use stige_store::Store;

/// A column encrypted with the data key, and the lookup hash beside it.
struct Encrypted {
    table: &'static str,
    column: &'static str,
    lookup: Option<&'static str>,
}

const ENCRYPTED: [Encrypted; 5] = [
    Encrypted {
        table: "participants",
        column: "national_id_cipher",
        lookup: Some("national_id_lookup"),
    },
    Encrypted {
        table: "referrals",
        column: "national_id_cipher",
        lookup: Some("national_id_lookup"),
    },
    Encrypted {
        table: "identity_corrections",
        column: "old_cipher",
        lookup: None,
    },
    Encrypted {
        table: "participant_contacts",
        column: "sealed",
        lookup: None,
    },
    Encrypted {
        table: "outbox",
        column: "sealed_link",
        lookup: None,
    },
];

#[derive(QueryableByName)]
struct Value {
    #[diesel(sql_type = BigInt)]
    id: i64,
    #[diesel(sql_type = Text)]
    value: String,
}

/// Re-encrypts everything from `old` to `new`; returns how many values.
pub fn rotate(store: &Store, old: &DataCipher, new: &DataCipher) -> anyhow::Result<usize> {
    store.transaction(|conn| -> anyhow::Result<usize> {
        let mut done = 0;
        for e in &ENCRYPTED {
            let values: Vec<Value> = diesel::sql_query(format!(
                "SELECT id, {c} AS value FROM {t} WHERE {c} IS NOT NULL",
                c = e.column,
                t = e.table
            ))
            .load(conn)?;
            for v in values {
                let plain = old.decrypt(&v.value).map_err(|err| {
                    anyhow::anyhow!(
                        "{} {} could not be decrypted with STIGE_DATA_KEY ({err}): is it the key in use?",
                        e.table,
                        v.id
                    )
                })?;
                let sealed = new.encrypt(&plain)?;
                let lookup = e.lookup.map(|_| new.lookup(&plain));
                let set_lookup = e.lookup.map_or(String::new(), |l| format!(", {l} = ?2"));
                let sql = format!(
                    "UPDATE {t} SET {c} = ?1{set_lookup} WHERE id = ?3",
                    t = e.table,
                    c = e.column
                );
                let sql = match conn {
                    stige_store::DbConnection::Pg(_) => sql.replace('?', "$"),
                    stige_store::DbConnection::Sqlite(_) => sql,
                };
                diesel::sql_query(sql)
                    .bind::<Text, _>(&sealed)
                    .bind::<Nullable<Text>, _>(lookup)
                    .bind::<BigInt, _>(v.id)
                    .execute(conn)?;
                done += 1;
            }
        }
        Ok(done)
    })
}
