//! Single sign-on through an identity provider (OpenID Connect, see
//! `crate::oidc`): staff through the organisation's, partner users through
//! their partner's. A sign-in is begun and resumed here around the browser's
//! visit to the provider; the identity the provider vouches for is matched
//! to a staff member (created on their first sign-in, with the role mapped
//! from the provider's claim in every programme) or to an invited partner
//! user, who gets a one-time code that the web app trades for a session.
//! Talking to the provider, the browser's cookie and the redirects are the
//! handler's.

use crate::error::ApiError;
use crate::oidc::{Authorization, Identity, OidcSettings, Refusal, SignsIn};
use crate::use_cases::sign_in::{Holder, SessionTerms, open_session};
use stige_domain::{AuditAction, Role, UserId};
use stige_secrets::token::token_hash;
use stige_store::DbConnection;
use stige_store::audit::{self, Actor, AuditEvent};
use stige_store::oidc::{self as store, PendingSignIn};
use stige_store::users::{self, NewUserRow, UserRow};
use stige_wire::TokenResponse;

/// Minutes a sign-in may take at the provider.
pub const SIGN_IN_MINUTES: i64 = 10;
/// Seconds the web app has to trade its one-time code.
const HANDOFF_SECS: i64 = 60;

/// A refused sign-in: the reason the sign-in page explains, and what the
/// audit records of it.
pub type Refused = (Refusal, String);

/// Keeps a sign-in sent to the provider with `authorization`, tied to the
/// browser whose cookie hashes to `browser_hash`.
pub fn begin_sign_in(
    conn: &mut DbConnection,
    authorization: &Authorization,
    browser_hash: String,
) -> Result<(), ApiError> {
    let pending = PendingSignIn {
        state: authorization.state.clone(),
        browser_hash,
        nonce: authorization.nonce.clone(),
        pkce_verifier: authorization.pkce_verifier.clone(),
        created_at: stige_store::now(),
    };
    Ok(store::begin(conn, &pending)?)
}

/// What the provider is asked with to say who signed in: the secrets the
/// sign-in began with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resumed {
    pub pkce_verifier: String,
    pub nonce: String,
}

/// Takes the sign-in under way with `state` (each works once, for
/// [`SIGN_IN_MINUTES`]) back, if it began in the browser whose cookie hashes
/// to `browser_hash`; refused (`state`) otherwise.
pub fn resume_sign_in(
    conn: &mut DbConnection,
    state: &str,
    browser_hash: Option<&str>,
) -> Result<Result<Resumed, Refused>, ApiError> {
    let since = stige_store::now() - chrono::Duration::minutes(SIGN_IN_MINUTES);
    let Some(pending) = store::take(conn, state, since)? else {
        return Ok(Err((
            Refusal::State,
            "no sign-in under way with this state".into(),
        )));
    };
    if browser_hash != Some(pending.browser_hash.as_str()) {
        return Ok(Err((
            Refusal::State,
            "the sign-in began in another browser".into(),
        )));
    }
    Ok(Ok(Resumed {
        pkce_verifier: pending.pkce_verifier,
        nonce: pending.nonce,
    }))
}

/// Matches the `identity` the provider set up by `settings` vouches for to
/// the staff member (see [`match_user`]) or partner user (see
/// [`match_partner_user`]) it signs in, and keeps the one-time code hashing
/// to `code_hash` that hands them to the web app; refused with the reason
/// otherwise.
pub fn recognise(
    conn: &mut DbConnection,
    settings: &OidcSettings,
    identity: &Identity,
    code_hash: &str,
) -> Result<Result<(), Refused>, ApiError> {
    let user = match &settings.signs_in {
        SignsIn::Staff { organisation, .. } => {
            match_user(conn, &settings.issuer, *organisation, identity)?
        }
        SignsIn::Partner {
            organisation_number,
            ..
        } => match_partner_user(conn, &settings.issuer, organisation_number, identity)?,
    };
    match user {
        Ok(user) => {
            store::hand_off(conn, code_hash, user, stige_store::now())?;
            Ok(Ok(()))
        }
        Err(refusal) => {
            let why = match refusal {
                Refusal::NotInvited => "no partner user was invited with this username",
                Refusal::UnknownGroup => "a partner user does not sign in as staff",
                _ => "the user is deactivated in Stige",
            };
            Ok(Err((refusal, why.to_owned())))
        }
    }
}

/// Records a refused sign-in from `ip`, with its reason.
pub fn record_refusal(
    conn: &mut DbConnection,
    (refusal, why): Refused,
    ip: &str,
) -> Result<(), ApiError> {
    tracing::warn!(refusal = refusal.code(), %why, ip, "single sign-on refused");
    audit::record(
        conn,
        AuditEvent {
            actor: Actor::Anonymous,
            action: AuditAction::AuthSsoRefused,
            participant: None,
            ip: Some(ip),
            detail: Some(format!("refusal={} {why}", refusal.code())),
        },
    )?;
    Ok(())
}

/// Trades the one-time `code` of a finished sign-in (it works once, for a
/// minute) for a session of the active user it signs in, opened from `ip`;
/// `None` for a code that does not (it is spent all the same).
pub fn trade_code(
    conn: &mut DbConnection,
    terms: &SessionTerms,
    code: &str,
    ip: &str,
) -> Result<Option<TokenResponse>, ApiError> {
    let since = stige_store::now() - chrono::Duration::seconds(HANDOFF_SECS);
    let Some(id) = store::redeem(conn, &token_hash(code), since)? else {
        return Ok(None);
    };
    let Some(user) = users::by_id(conn, UserId(id))?.filter(|u| u.active) else {
        return Ok(None);
    };
    let holder = Holder {
        id: user.id,
        role: user.role,
    };
    open_session(conn, terms, holder, ip, AuditAction::AuthSsoLogin).map(Some)
}

/// The user the provider's subject belongs to, created on first sign-in in
/// `organisation` with the mapped role in each of its programmes; a
/// deactivated user is refused. A changed role applies from this sign-in.
fn match_user(
    conn: &mut DbConnection,
    issuer: &str,
    organisation: i64,
    identity: &Identity,
) -> Result<Result<i64, Refusal>, ApiError> {
    let role = identity.role.as_str();
    if let Some(user) = store::user_by_subject(conn, issuer, &identity.subject)? {
        // A partner user (of a partner whose provider is the staff's too)
        // never becomes staff through it.
        if user.agreement_id.is_some() {
            return Ok(Err(Refusal::UnknownGroup));
        }
        if !user.active {
            return Ok(Err(Refusal::Deactivated));
        }
        if user.role != identity.role {
            store::set_role(conn, user.id, role)?;
            every_programme(conn, user.id, organisation, identity.role)?;
            users::revoke_all_sessions(conn, UserId(user.id))?;
        }
        return Ok(Ok(user.id));
    }
    let username = free_username(conn, &identity.username)?;
    let row = users::insert(
        conn,
        &NewUserRow {
            username: &username,
            display_name: &identity.display_name,
            // Never a valid hash: this user signs in through the provider only.
            password_hash: "!single-sign-on",
            role,
            active: true,
            created_at: stige_store::now(),
            organisation_id: Some(organisation),
            agreement_id: None,
        },
    )?;
    store::link_subject(conn, row.id, issuer, &identity.subject)?;
    every_programme(conn, row.id, organisation, identity.role)?;
    audit::record(
        conn,
        AuditEvent {
            actor: Actor::User(UserId(row.id)),
            action: AuditAction::UserCreateBySso,
            participant: None,
            ip: None,
            detail: Some(format!("user={} issuer={issuer}", row.id)),
        },
    )?;
    Ok(Ok(row.id))
}

/// The partner user the partner's provider signs in: linked by the provider's
/// subject, or on the first sign-in the invited partner user of this partner
/// (organisation number) whose username is the provider's, not yet linked to
/// another subject. A deactivated one is refused; nobody is created.
fn match_partner_user(
    conn: &mut DbConnection,
    issuer: &str,
    organisation_number: &str,
    identity: &Identity,
) -> Result<Result<i64, Refusal>, ApiError> {
    let user = match store::user_by_subject(conn, issuer, &identity.subject)? {
        Some(user) => Some(user),
        None => match users::by_username(conn, &identity.username.trim().to_lowercase())? {
            // Invited, and not yet linked to another subject.
            Some(u) if store::subject_of(conn, u.id)?.is_none() => Some(u),
            _ => None,
        },
    };
    let Some(user) = user.filter(|u| u.role == Role::Partner) else {
        return Ok(Err(Refusal::NotInvited));
    };
    if !of_partner(conn, &user, organisation_number)? {
        return Ok(Err(Refusal::NotInvited));
    }
    if !user.active {
        return Ok(Err(Refusal::Deactivated));
    }
    store::link_subject(conn, user.id, issuer, &identity.subject)?;
    Ok(Ok(user.id))
}

/// Whether partner user `user` follows an agreement of the partner with
/// `organisation_number`.
fn of_partner(
    conn: &mut DbConnection,
    user: &UserRow,
    organisation_number: &str,
) -> Result<bool, ApiError> {
    let Some(agreement) = user.agreement_id else {
        return Ok(false);
    };
    let Some(agreement) = stige_store::partners::agreement(conn, agreement)? else {
        return Ok(false);
    };
    Ok(stige_store::partners::partner(conn, agreement.partner_id)?
        .is_some_and(|p| p.organisation_number == organisation_number))
}

/// Gives `user` the role `role` in every programme of `organisation`.
fn every_programme(
    conn: &mut DbConnection,
    user: i64,
    organisation: i64,
    role: Role,
) -> Result<(), ApiError> {
    let ladders = stige_store::organisations::ladder_ids(conn, organisation)?;
    let rows: Vec<(i64, Role)> = ladders.into_iter().map(|l| (l, role)).collect();
    users::set_programme_roles(conn, UserId(user), &rows)?;
    Ok(())
}

/// `wanted`, or `wanted-2`, `wanted-3`, ... when a user already has it.
fn free_username(conn: &mut DbConnection, wanted: &str) -> Result<String, ApiError> {
    let base: String = wanted.trim().chars().take(60).collect();
    let base = if base.is_empty() {
        "user".to_owned()
    } else {
        base
    };
    let mut candidate = base.clone();
    for n in 2.. {
        if users::by_username(conn, &candidate)?.is_none() {
            break;
        }
        candidate = format!("{base}-{n}");
    }
    Ok(candidate)
}
