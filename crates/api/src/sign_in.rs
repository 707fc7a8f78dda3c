//! Throttled secret checks at Stige's three doors: staff passwords
//! (`/auth/login`), partner client secrets (`/auth/token`) and employers'
//! links (`/employer/{token}`, see [`link_wait`] and [`link_failed`]).
//!
//! Each attempt is counted and recorded as a failure in one transaction
//! before its secret is checked (see `stige_store::sign_in_attempts`), so a
//! parallel burst cannot pass the limits; the rules are
//! `stige_domain::sign_in`'s. A right secret takes its record back. At most
//! `STIGE_PASSWORD_CHECKS` argon2 checks (19 MiB each) run at once; an
//! attempt that cannot start one within a second is answered 429 with
//! `Retry-After` and counts for nothing.

use crate::db::write;
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::web;
use stige_domain::AuditAction;
use stige_domain::sign_in::{self, Throttle};
use stige_store::DbConnection;
use stige_store::audit::{self, Actor, AuditEvent};
use stige_store::sign_in_attempts::{self, Attempt, Door};

fn throttle(door: Door) -> Throttle {
    match door {
        Door::Staff => sign_in::STAFF,
        Door::Partner => sign_in::PARTNER,
        Door::EmployerLink => sign_in::EMPLOYER_LINK,
    }
}

/// The employer's link from `ip`: seconds the address must wait after too
/// many unknown links (the rules of `sign_in::EMPLOYER_LINK`), or `None`.
pub fn link_wait(conn: &mut DbConnection, ip: &str) -> Result<Option<u64>, ApiError> {
    let rules = throttle(Door::EmployerLink);
    let now = stige_store::now();
    let since = now - chrono::Duration::seconds(rules.window_secs);
    let seen = sign_in_attempts::failures(conn, link(ip), since, now, rules.per_address)?;
    Ok(rules.wait(seen).map(i64::unsigned_abs))
}

/// Counts an unknown link against `ip`.
pub fn link_failed(conn: &mut DbConnection, ip: &str) -> Result<(), ApiError> {
    sign_in_attempts::record(conn, link(ip), stige_store::now())?;
    Ok(())
}

fn link(ip: &str) -> Attempt<'_> {
    Attempt {
        door: Door::EmployerLink,
        account: "",
        ip,
    }
}

/// An attempt let through and recorded as a failure until its secret proves right.
#[derive(Debug)]
pub struct Admitted {
    record: i64,
    door: Door,
    account: String,
    ip: String,
}

/// Counts the attempt and records it, atomically. When it must wait, the
/// answer is 429 with `Retry-After`, and the refused attempt stays recorded
/// (hammering only lengthens the wait) and is audited.
pub async fn admit(
    state: &web::Data<AppState>,
    door: Door,
    account: &str,
    ip: &str,
) -> Result<Admitted, ApiError> {
    let rules = throttle(door);
    let (acct, addr) = (account.to_owned(), ip.to_owned());
    let outcome = write(state, move |conn| {
        let attempt = Attempt {
            door,
            account: &acct,
            ip: &addr,
        };
        sign_in_attempts::lock_address(conn, attempt)?;
        let now = stige_store::now();
        let since = now - chrono::Duration::seconds(rules.window_secs);
        let seen = sign_in_attempts::failures(conn, attempt, since, now, rules.per_address)?;
        let record = sign_in_attempts::record(conn, attempt, now)?;
        match rules.wait(seen) {
            None => Ok(Ok(record)),
            Some(wait) => {
                audit_attempt(conn, door, Outcome::Throttled, &acct, &addr)?;
                Ok(Err(wait))
            }
        }
    })
    .await?;
    match outcome {
        Ok(record) => Ok(Admitted {
            record,
            door,
            account: account.to_owned(),
            ip: ip.to_owned(),
        }),
        Err(wait) => {
            tracing::warn!(door = door.as_str(), account, ip, wait, "sign-in throttled");
            Err(ApiError::TooManyRequests(wait.unsigned_abs()))
        }
    }
}

impl Admitted {
    fn attempt(&self) -> Attempt<'_> {
        Attempt {
            door: self.door,
            account: &self.account,
            ip: &self.ip,
        }
    }

    /// Whether `secret` matches `stored` (an argon2 hash), checked within the
    /// bound on concurrent checks. Over the bound: 429, and the attempt is
    /// taken back unchecked.
    pub async fn check(
        &self,
        state: &web::Data<AppState>,
        secret: String,
        stored: String,
    ) -> Result<bool, ApiError> {
        let guard = &state.sign_in;
        let Ok(Ok(permit)) =
            tokio::time::timeout(guard.queue, guard.checks.clone().acquire_owned()).await
        else {
            let record = self.record;
            write(state, move |conn| {
                Ok(sign_in_attempts::forget(conn, record)?)
            })
            .await?;
            tracing::warn!(door = self.door.as_str(), "too many secret checks at once");
            return Err(ApiError::TooManyRequests(1));
        };
        let matches = web::block(move || {
            let _permit = permit;
            stige_secrets::password::verify(&secret, &stored)
        })
        .await?;
        Ok(matches)
    }

    /// The secret was right: in the caller's transaction, takes the record
    /// back and forgets the account's failures from this address.
    pub fn succeeded(&self, conn: &mut DbConnection) -> Result<(), ApiError> {
        sign_in_attempts::forget(conn, self.record)?;
        sign_in_attempts::clear(conn, self.attempt())?;
        Ok(())
    }

    /// The secret was wrong: the record stays; the failure is audited.
    pub async fn failed(&self, state: &web::Data<AppState>) -> Result<(), ApiError> {
        let (door, account, ip) = (self.door, self.account.clone(), self.ip.clone());
        tracing::warn!(door = door.as_str(), account, ip, "failed sign-in");
        write(state, move |conn| {
            audit_attempt(conn, door, Outcome::Failed, &account, &ip)
        })
        .await
    }
}

/// Runs `work` (an argon2 hash or check) off the async threads within the
/// bound on how many run at once (`STIGE_PASSWORD_CHECKS`); 429 with
/// `Retry-After: 1` when none is free within the queue's wait.
pub async fn bounded<T, F>(state: &web::Data<AppState>, work: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    let guard = &state.sign_in;
    let Ok(Ok(permit)) =
        tokio::time::timeout(guard.queue, guard.checks.clone().acquire_owned()).await
    else {
        return Err(ApiError::TooManyRequests(1));
    };
    Ok(web::block(move || {
        let _permit = permit;
        work()
    })
    .await?)
}

/// How an attempt that did not sign in ended.
#[derive(Debug, Clone, Copy)]
enum Outcome {
    Failed,
    Throttled,
}

/// `auth.login_failed`, `auth.login_throttled`, `auth.token_failed`, `auth.token_throttled`.
fn audit_attempt(
    conn: &mut DbConnection,
    door: Door,
    outcome: Outcome,
    account: &str,
    ip: &str,
) -> Result<(), ApiError> {
    let (action, detail) = match (door, outcome) {
        // Counted, not audited: a link has no account to name.
        (Door::EmployerLink, _) => return Ok(()),
        (Door::Staff, Outcome::Failed) => {
            (AuditAction::AuthLoginFailed, format!("username={account}"))
        }
        (Door::Staff, Outcome::Throttled) => (
            AuditAction::AuthLoginThrottled,
            format!("username={account}"),
        ),
        (Door::Partner, Outcome::Failed) => {
            (AuditAction::AuthTokenFailed, format!("client_id={account}"))
        }
        (Door::Partner, Outcome::Throttled) => (
            AuditAction::AuthTokenThrottled,
            format!("client_id={account}"),
        ),
    };
    audit::record(
        conn,
        AuditEvent {
            actor: Actor::Anonymous,
            action,
            participant: None,
            ip: Some(ip),
            detail: Some(detail),
        },
    )?;
    Ok(())
}
