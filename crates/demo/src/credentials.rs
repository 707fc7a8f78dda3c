//! No demo credential outside demo mode: `stige serve` without `--demo`
//! refuses to start while an active staff account still verifies against the
//! demo password, or a live partner API client against the demo secret.

use crate::partners::DEMO_CLIENT_SECRET;
use crate::programmes::DEMO_PASSWORD;
use stige_secrets::password;
use stige_store::{Store, partners, users};

/// The accounts and clients that still open with a demo credential.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct DemoCredentials {
    /// Usernames of active staff whose password is the demo password.
    pub users: Vec<String>,
    /// Client ids of live API clients whose secret is the demo secret.
    pub clients: Vec<String>,
}

impl DemoCredentials {
    pub fn is_empty(&self) -> bool {
        self.users.is_empty() && self.clients.is_empty()
    }

    /// What to tell the person starting the server.
    pub fn refusal(&self) -> String {
        let mut lines = vec![
            "Stige will not start without --demo while demo credentials still work:".to_owned(),
        ];
        if !self.users.is_empty() {
            lines.push(format!(
                "  staff with the demo password: {} (give each a new one: \
                 stige set-password --username NAME)",
                self.users.join(", ")
            ));
        }
        if !self.clients.is_empty() {
            lines.push(format!(
                "  partner API clients with the demo secret: {} (revoke each: \
                 stige revoke-client --client-id ID)",
                self.clients.join(", ")
            ));
        }
        lines.join("\n")
    }
}

/// Checks every active account and live client (argon2, on all cores: about
/// 30 ms per account in a release build).
pub fn still_in_use(store: &Store) -> anyhow::Result<DemoCredentials> {
    let mut conn = store.conn()?;
    let accounts: Vec<(String, String)> = users::all(&mut conn)?
        .into_iter()
        .filter(|u| u.active)
        .map(|u| (u.username, u.password_hash))
        .collect();
    let clients: Vec<(String, String)> = partners::live_clients(&mut conn)?
        .into_iter()
        .map(|c| (c.client_id, c.secret_hash))
        .collect();
    drop(conn);
    Ok(DemoCredentials {
        users: opening_with(&accounts, DEMO_PASSWORD)?,
        clients: opening_with(&clients, DEMO_CLIENT_SECRET)?,
    })
}

/// The names of `(name, hash)` whose hash verifies `secret`, in their order.
fn opening_with(entries: &[(String, String)], secret: &str) -> anyhow::Result<Vec<String>> {
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let chunk = entries.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = entries
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .filter(|(_, hash)| password::verify(secret, hash))
                        .map(|(name, _)| name.clone())
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let mut found = Vec::new();
        for worker in workers {
            let names = worker
                .join()
                .map_err(|_| anyhow::anyhow!("checking for demo credentials failed"))?;
            found.extend(names);
        }
        Ok(found)
    })
}
