//! The logged-in staff member, extracted from the bearer token and a live session.

use crate::db::on_store;
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};
use std::future::Future;
use std::pin::Pin;
use stige_domain::Capability;
use stige_domain::{LadderId, OrganisationId, Reach, Role, UserId};
use stige_store::DbConnection;

/// A staff member with a valid access token whose session is still open.
#[derive(Debug, Clone)]
pub struct Staff {
    pub id: UserId,
    /// The role in the organisation (admin: every programme of it); what the
    /// staff member may do with a person is the role held in that person's
    /// programme, in [`Staff::reach`].
    pub role: Role,
    /// The organisation and the programmes with the role held in each.
    pub reach: Reach,
    pub session: i64,
    pub display_name: String,
    /// The caller's address, for the audit trail.
    pub ip: Option<String>,
}

impl Staff {
    /// Refuses with 403 unless the role has the capability (the permission
    /// table: [`Capability::roles`]).
    pub fn require_that(&self, capability: Capability) -> Result<(), ApiError> {
        if self.role.may(capability) {
            Ok(())
        } else {
            Err(ApiError::Forbidden)
        }
    }

    /// What the staff member's queries may reach.
    pub fn within(&self) -> stige_store::within::Within<'_> {
        stige_store::within::Within::Staff(&self.reach)
    }

    /// The people the staff member reaches, for queries that filter by them.
    pub fn people(&self) -> stige_store::within::PeopleReached {
        self.within().people()
    }

    /// The staff member's organisation; 404 for a platform admin, who has none.
    pub fn organisation(&self) -> Result<OrganisationId, ApiError> {
        self.reach.organisation().ok_or(ApiError::NotFound)
    }

    /// 404 unless the staff member works in `ladder` (a programme of
    /// another organisation, or one they hold no role in, is not there for them).
    pub fn works_in(&self, ladder: i64) -> Result<Role, ApiError> {
        self.reach
            .role_in(LadderId(ladder))
            .ok_or(ApiError::NotFound)
    }

    pub fn actor(&self) -> stige_store::audit::Actor {
        stige_store::audit::Actor::User(self.id)
    }
}

/// Now, and since when a session must have been used to be open.
pub fn session_clock(idle_secs: i64) -> stige_store::users::SessionClock {
    let now = stige_store::now();
    stige_store::users::SessionClock {
        now,
        idle_since: now - chrono::Duration::seconds(idle_secs),
    }
}

pub fn bearer(req: &HttpRequest) -> Option<String> {
    req.headers()
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(|t| t.trim().to_owned())
}

/// The client's address: the peer's, or the one a trusted proxy passes on
/// (`STIGE_TRUSTED_PROXIES`, see [`crate::client_address`]).
pub fn peer_ip(req: &HttpRequest) -> Option<String> {
    let peer = req.peer_addr()?.ip();
    let client = match req.app_data::<web::Data<AppState>>() {
        Some(state) => state.sign_in.trusted_proxies.client(peer, req.headers()),
        None => peer,
    };
    Some(client.to_string())
}

/// A staff member's access token, its signature and expiry checked, whose
/// session is yet to be checked: by [`Staff`]'s extractor, or by a read on its
/// own connection (see `staff_reads::read_audited`), which saves a trip to the
/// store on the busiest reads.
#[derive(Debug, Clone)]
pub struct StaffToken {
    user_id: i64,
    session: i64,
    ip: Option<String>,
    /// Seconds the session may go unused (the server's setting).
    idle_secs: i64,
    /// Issued to a partner user (checked again against the database by
    /// whoever acts on it).
    partner_user: bool,
}

impl StaffToken {
    /// The token of `req`, checked; 401 if there is none or it is not valid.
    pub fn of(req: &HttpRequest, state: &AppState) -> Result<Self, ApiError> {
        let token = bearer(req).ok_or(ApiError::Unauthorized)?;
        Self::from_bearer(&token, peer_ip(req), state)
    }

    /// The bearer token `token` of a request from `ip`, checked; 401 if it is
    /// not valid. (What [`StaffToken::of`] does once it has the header; the
    /// benchmark checks its token here as every request does.)
    pub fn from_bearer(
        token: &str,
        ip: Option<String>,
        state: &AppState,
    ) -> Result<Self, ApiError> {
        let claims = state.tokens.verify(token).ok_or(ApiError::Unauthorized)?;
        Ok(StaffToken {
            user_id: claims.sub.parse().map_err(|_| ApiError::Unauthorized)?,
            session: claims.sid,
            ip,
            idle_secs: state.session_idle_secs,
            partner_user: claims.role == Role::Partner.as_str(),
        })
    }

    /// Whether the token was issued to a partner user.
    pub fn is_partner_user(&self) -> bool {
        self.partner_user
    }

    /// The staff member, if the token's session is still open and their
    /// account active; 401 otherwise, and 403 for a partner user (no staff
    /// page or endpoint is theirs). The role is read from the database, so
    /// a changed role applies at once.
    pub fn staff(self, conn: &mut DbConnection) -> Result<Staff, ApiError> {
        let staff = self.account(conn)?;
        if staff.role == Role::Partner {
            return Err(ApiError::Forbidden);
        }
        Ok(staff)
    }

    /// The signed-in user, staff or partner user (whose reach is empty), if
    /// the session is still open: for what every account does (who am I,
    /// sign out, change the password).
    pub fn account(self, conn: &mut DbConnection) -> Result<Staff, ApiError> {
        let ip = self.ip.clone();
        let holder = self.holder(conn)?;
        let role = holder.role;
        let programmes = holder
            .programmes
            .iter()
            .map(|(ladder, role)| (LadderId(*ladder), *role))
            .collect();
        let reach = Reach::new(
            holder.organisation_id.map(OrganisationId),
            UserId(holder.user_id),
            programmes,
        );
        Ok(Staff {
            id: UserId(holder.user_id),
            role,
            reach,
            session: holder.session,
            display_name: holder.display_name,
            ip,
        })
    }

    /// Whose the token's session is, if it is still open and the account
    /// active (401 otherwise); the request is recorded as a use of it.
    pub fn holder(
        self,
        conn: &mut DbConnection,
    ) -> Result<stige_store::users::SessionHolder, ApiError> {
        let clock = session_clock(self.idle_secs);
        let holder = stige_store::users::session_holder(conn, self.session, clock)?
            .ok_or(ApiError::Unauthorized)?;
        if holder.user_id != self.user_id {
            return Err(ApiError::Unauthorized);
        }
        // The request is a use of the session (written at most once a minute).
        // A read must not fail for it: should the write wait in vain (SQLite
        // while a long `stige seed` holds the database), the next request
        // records the use.
        let stale = clock.now - chrono::Duration::seconds(stige_store::users::TOUCH_SECS);
        if holder.last_seen_at < stale
            && let Err(e) = stige_store::users::touch_session(conn, holder.session, clock.now)
        {
            tracing::warn!(error = %e, "the session's use could not be recorded");
        }
        Ok(holder)
    }

    /// [`StaffToken::staff`] on a connection of its own.
    pub async fn check(self, state: &AppState) -> Result<Staff, ApiError> {
        let staff = on_store(&state.store, move |store, _turn| {
            self.staff(&mut *store.conn()?)
        })
        .await??;
        crate::row_scope::set(staff.reach.organisation());
        Ok(staff)
    }
}

/// A staff token: 403 at once for a partner user's (before the body is
/// read, so a staff route answers them 403 whatever they send).
impl FromRequest for StaffToken {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(match req.app_data::<web::Data<AppState>>() {
            Some(state) => match StaffToken::of(req, state) {
                Ok(token) if token.partner_user => Err(ApiError::Forbidden),
                other => other,
            },
            None => Err(ApiError::Unexpected(anyhow::anyhow!("no app state"))),
        })
    }
}

/// The organisation whose programme partner user `user`'s agreement is about.
fn followed_organisation(
    conn: &mut DbConnection,
    user: UserId,
) -> Result<Option<OrganisationId>, ApiError> {
    let Some(agreement) = stige_store::users::by_id(conn, user)?.and_then(|u| u.agreement_id)
    else {
        return Ok(None);
    };
    Ok(
        stige_store::partners::agreement_with_organisation(conn, agreement)?
            .map(|(_, organisation)| OrganisationId(organisation)),
    )
}

/// Anyone signed in, staff or partner user: for the account's own routes.
#[derive(Debug, Clone)]
pub struct SignedIn(pub Staff);

impl FromRequest for SignedIn {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let token = match &state {
            Some(state) => StaffToken::of(req, state),
            None => Err(ApiError::Unexpected(anyhow::anyhow!("no app state"))),
        };
        Box::pin(async move {
            let state =
                state.ok_or_else(|| ApiError::Unexpected(anyhow::anyhow!("no app state")))?;
            let token = token?;
            let (account, organisation) = on_store(&state.store, move |store, _turn| {
                let mut conn = store.conn()?;
                let account = token.account(&mut conn)?;
                // A partner user reads within the organisation their
                // agreement is with (its rows are theirs to name).
                let organisation = match account.role {
                    Role::Partner => followed_organisation(&mut conn, account.id)?,
                    _ => account.reach.organisation(),
                };
                Ok::<_, ApiError>((account, organisation))
            })
            .await??;
            crate::row_scope::set(organisation);
            Ok(SignedIn(account))
        })
    }
}

impl FromRequest for Staff {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let token = StaffToken::from_request(req, payload).into_inner();
        Box::pin(async move {
            let state =
                state.ok_or_else(|| ApiError::Unexpected(anyhow::anyhow!("no app state")))?;
            token?.check(&state).await
        })
    }
}
