//! The demo's contact details: a phone number for everyone, an e-mail and an
//! emergency contact for some, and a safety note for a few, so the contact
//! card and the early warning's "Call" have something to show. Sealed with the
//! data key like real ones, which is why this runs after the demo's
//! transaction, where the key is known. Numbers are fictional: Sweden's from
//! the range PTS keeps for fiction (070-174 06 05 to 070-174 06 99), Norway's
//! in an unused series.

use stige_domain::contact::{ContactDetails, EmergencyContact};
use stige_domain::organisation_number::Country;
use stige_domain::{ParticipantId, UserId};
use stige_secrets::cipher::DataCipher;
use stige_store::Store;
use stige_store::within::Within;
use stige_store::{contacts, outcomes, participants, users};

/// The person's fictional contact details; `n` numbers them.
fn details(n: i64, given: &str, country: Country) -> ContactDetails {
    let norwegian = country == Country::Norway;
    let phone = |k: i64| {
        if norwegian {
            format!("+47 000 {:02} {:03}", k / 1000 % 100, k % 1000)
        } else {
            format!("070-174 06 {:02}", 5 + k % 95)
        }
    };
    let (relation, safety) = if norwegian {
        (
            ["søster", "mor", "venn"],
            [
                "Ring søsteren først hvis hen ikke svarer.",
                "Ikke kontakt faren.",
            ],
        )
    } else {
        (
            ["syster", "mamma", "vän"],
            [
                "Ring systern först om hen inte svarar.",
                "Kontakta inte pappan.",
            ],
        )
    };
    let index = usize::try_from(n).unwrap_or(0);
    ContactDetails {
        phone: Some(phone(n)),
        email: (n % 2 == 0).then(|| format!("{}.{n}@example.org", given.to_lowercase())),
        address: None,
        emergency_contacts: if n % 3 == 0 {
            vec![]
        } else {
            vec![EmergencyContact {
                name: if norwegian { "Anne Demo" } else { "Anna Demo" }.into(),
                relation: relation[index % 3].into(),
                phone: phone(n + 500),
                may_contact: n % 4 != 1,
            }]
        },
        safety_note: (n % 5 == 1).then(|| safety[index % 2].to_owned()),
    }
}

/// Adds contact details to the demo's people (all of them, fresh demo only);
/// each recorded by the coordinator of their programme. Returns how many.
pub fn seed(store: &Store, cipher: &DataCipher) -> anyhow::Result<usize> {
    store.transaction(|conn| -> anyhow::Result<usize> {
        let mut recorders: Vec<(i64, UserId)> = vec![];
        for username in ["coordinator", "porten-coordinator"] {
            if let Some(user) = users::by_username(conn, username)? {
                for (ladder, _) in users::programme_roles_of(conn, UserId(user.id))? {
                    recorders.push((ladder, UserId(user.id)));
                }
            }
        }
        let mut done = 0;
        for id in 1..=participants::count(conn)? {
            let pid = ParticipantId(id);
            let Some(row) = participants::get(conn, Within::Installation, pid)? else {
                continue;
            };
            let Some(&(_, by)) = recorders.iter().find(|(l, _)| *l == row.ladder_id) else {
                continue;
            };
            let country = outcomes::country_of_ladder(conn, row.ladder_id)?;
            let plain = serde_json::to_string(&details(id, &row.given_name, country))?;
            contacts::save(conn, pid, &cipher.encrypt(&plain)?, by, stige_store::now())?;
            done += 1;
        }
        Ok(done)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use stige_domain::contact::{ContactDraft, parse_contact};

    #[test]
    fn the_demo_details_pass_the_checks_staff_input_does() {
        for n in 1..200 {
            for country in [Country::Norway, Country::Sweden] {
                let d = details(n, "Kari", country);
                let parsed = parse_contact(ContactDraft {
                    phone: d.phone.as_deref(),
                    email: d.email.as_deref(),
                    address: d.address.as_deref(),
                    emergency_contacts: &d.emergency_contacts,
                    safety_note: d.safety_note.as_deref(),
                });
                assert_eq!(parsed, Ok(d));
            }
        }
    }
}
