//! Signing in with a password, and the session it opens: refreshing it,
//! signing out (here or everywhere), and who is signed in.
//!
//! The throttle and the password check (`crate::sign_in`) run outside the
//! store's transactions, so the handler takes an attempt through them step by
//! step: it finds the account named ([`claimed_staff_member`]), checks the
//! password against [`Claimed::secret_hash`], and opens the session once the
//! password proved right ([`sign_in_with_password`]).

use crate::auth::Staff;
use crate::auth::jwt::TokenKeys;
use crate::error::ApiError;
use crate::sign_in::Admitted;
use crate::state::AppState;
use stige_domain::{AuditAction, Role, UserId};
use stige_secrets::password;
use stige_secrets::token::{new_token, token_hash};
use stige_store::DbConnection;
use stige_store::audit::{self, Actor, AuditEvent};
use stige_store::users::{self, SessionClock};
use stige_wire::{Me, ProgrammeRole, TokenResponse};

/// An account named at a door (a staff member's username, an API client's
/// id) and the hash its secret is checked against: its own when it may sign
/// in, else a dummy one, so that an unknown or deactivated account takes as
/// long to refuse as a wrong secret and reveals nothing.
#[derive(Debug)]
pub struct Claimed<T> {
    account: Option<T>,
    secret_hash: String,
}

impl<T> Claimed<T> {
    /// `found`, an account that may sign in with the hash of its secret, or none.
    pub fn new(found: Option<(T, String)>) -> Self {
        match found {
            Some((account, secret_hash)) => Self {
                account: Some(account),
                secret_hash,
            },
            None => Self {
                account: None,
                secret_hash: password::dummy_hash().to_owned(),
            },
        }
    }

    /// The hash to check the secret given against.
    pub fn secret_hash(&self) -> String {
        self.secret_hash.clone()
    }

    /// The account, when the secret given matched its hash.
    pub fn proven(self, matches: bool) -> Option<T> {
        self.account.filter(|_| matches)
    }
}

/// Whom a session is opened for: a staff member or a partner user, with
/// their role in the organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holder {
    pub id: i64,
    pub role: Role,
}

/// How sessions are kept: the keys that sign access tokens, how long an
/// access token lasts and how long a session lives at most.
#[derive(Debug, Clone)]
pub struct SessionTerms {
    pub keys: TokenKeys,
    pub access_ttl_secs: i64,
    pub lifetime_secs: i64,
}

impl SessionTerms {
    /// The terms the server runs with.
    pub fn of(state: &AppState) -> Self {
        Self {
            keys: state.tokens.clone(),
            access_ttl_secs: state.access_ttl_secs,
            lifetime_secs: state.session_lifetime_secs,
        }
    }

    /// The tokens that continue session `session` of `holder`: a new access
    /// token and `refresh_token`.
    fn tokens(
        &self,
        holder: Holder,
        session: i64,
        refresh_token: String,
    ) -> Result<TokenResponse, ApiError> {
        Ok(TokenResponse {
            access_token: self.keys.issue(
                holder.id,
                session,
                holder.role.as_str(),
                self.access_ttl_secs,
            )?,
            token_type: "Bearer".into(),
            expires_in: self.access_ttl_secs,
            refresh_token,
        })
    }
}

/// The staff member (or partner user) a password sign-in names by
/// `username`; only an active one may sign in.
pub fn claimed_staff_member(
    conn: &mut DbConnection,
    username: &str,
) -> Result<Claimed<Holder>, ApiError> {
    let found = users::by_username(conn, username)?.filter(|u| u.active);
    Ok(Claimed::new(found.map(|u| {
        let holder = Holder {
            id: u.id,
            role: u.role,
        };
        (holder, u.password_hash)
    })))
}

/// The password proved right: the attempt is taken back from the throttle
/// and a session opened for `holder` from `ip`, audited as a sign-in.
pub fn sign_in_with_password(
    conn: &mut DbConnection,
    terms: &SessionTerms,
    admitted: &Admitted,
    holder: Holder,
    ip: &str,
) -> Result<TokenResponse, ApiError> {
    admitted.succeeded(conn)?;
    open_session(conn, terms, holder, ip, AuditAction::AuthLogin)
}

/// Opens a session for `holder`, audited as `action` (a sign-in with a
/// password or through an identity provider) from `ip`; returns its first
/// access token and refresh token.
pub fn open_session(
    conn: &mut DbConnection,
    terms: &SessionTerms,
    holder: Holder,
    ip: &str,
    action: AuditAction,
) -> Result<TokenResponse, ApiError> {
    let (refresh_token, hash) = new_token();
    let ends = stige_store::now() + chrono::Duration::seconds(terms.lifetime_secs);
    let user = UserId(holder.id);
    let session = users::create_session(conn, user, &hash, ends)?;
    audit::record(
        conn,
        AuditEvent {
            actor: Actor::User(user),
            action,
            participant: None,
            ip: Some(ip),
            detail: None,
        },
    )?;
    terms.tokens(holder, session.id, refresh_token)
}

/// Trades `refresh_token` for new tokens of its session, if the session is
/// open at `clock` and its holder active; `None` otherwise (unauthorised).
/// Each refresh token works once: one traded in before ends its session
/// (someone else holds a copy), which is written even though the answer is
/// a refusal.
pub fn refresh_session(
    conn: &mut DbConnection,
    terms: &SessionTerms,
    refresh_token: &str,
    clock: SessionClock,
) -> Result<Option<TokenResponse>, ApiError> {
    let old_hash = token_hash(refresh_token);
    let (new_refresh_token, new_hash) = new_token();
    let Some(session) = users::session_by_refresh_hash(conn, &old_hash)? else {
        end_session_of_replayed(conn, &old_hash)?;
        return Ok(None);
    };
    let Some((session, user)) = users::active_session(conn, session.id, clock)? else {
        return Ok(None);
    };
    if !users::rotate_refresh(conn, session.id, &old_hash, &new_hash)? {
        return Ok(None);
    }
    let holder = Holder {
        id: user.id,
        role: user.role,
    };
    terms
        .tokens(holder, session.id, new_refresh_token)
        .map(Some)
}

/// A refresh token that was traded in before is used again: whoever holds
/// it, the session is no longer safe, so it ends (and the event is audited).
fn end_session_of_replayed(conn: &mut DbConnection, hash: &str) -> Result<(), ApiError> {
    let Some((session, user)) = users::session_of_spent_refresh(conn, hash)? else {
        return Ok(());
    };
    users::revoke_session(conn, session)?;
    tracing::warn!(
        session,
        user,
        "a spent refresh token was used again: session ended"
    );
    audit::record(
        conn,
        AuditEvent {
            actor: Actor::User(UserId(user)),
            action: AuditAction::AuthRefreshReplayed,
            participant: None,
            ip: None,
            detail: Some(format!("session={session}")),
        },
    )?;
    Ok(())
}

/// Signs `staff` out: this session's tokens stop working at once.
pub fn sign_out(conn: &mut DbConnection, staff: &Staff) -> Result<(), ApiError> {
    users::revoke_session(conn, staff.session)?;
    record_own(conn, staff, AuditAction::AuthLogout, None)
}

/// Signs `staff` out everywhere: every session of theirs ends, this one
/// included (a lost phone, a shared computer).
pub fn sign_out_everywhere(conn: &mut DbConnection, staff: &Staff) -> Result<(), ApiError> {
    let ended = users::revoke_all_sessions(conn, staff.id)?;
    record_own(
        conn,
        staff,
        AuditAction::AuthLogoutEverywhere,
        Some(format!("sessions={ended}")),
    )
}

/// Records what `staff` did to their own sessions or password.
pub(crate) fn record_own(
    conn: &mut DbConnection,
    staff: &Staff,
    action: AuditAction,
    detail: Option<String>,
) -> Result<(), ApiError> {
    crate::setup_audit::record_about_no_one(conn, staff, action, detail)
}

/// Who is signed in: the staff member with their organisation and role in
/// each programme, or the partner user with the agreement they follow, and
/// when the session ends (it also ends after `session_idle_secs` unused).
pub fn signed_in(
    conn: &mut DbConnection,
    staff: &Staff,
    session_idle_secs: i64,
) -> Result<Me, ApiError> {
    let user = users::by_id(conn, staff.id)?;
    let organisation = match staff.reach.organisation() {
        Some(o) => stige_store::organisations::get(conn, o.0)?,
        None => None,
    };
    let followed = match user.as_ref().and_then(|u| u.agreement_id) {
        Some(agreement) => crate::partner_view::followed_agreement(conn, agreement)?,
        None => None,
    };
    let session = users::session_by_id(conn, staff.session)?;
    let user = user.ok_or(ApiError::Unauthorized)?;
    Ok(Me {
        id: staff.id,
        username: user.username,
        display_name: user.display_name,
        role: staff.role,
        organisation: organisation.map(crate::organisations::to_organisation),
        programmes: (staff.reach.programmes().iter())
            .map(|(ladder_id, role)| ProgrammeRole {
                ladder_id: *ladder_id,
                role: *role,
            })
            .collect(),
        followed_agreement: followed,
        session_idle_secs,
        session_ends_at: session.map(|s| s.ends_at),
    })
}
