//! The typed HTTP client.

use reqwest::{Method, RequestBuilder, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;
use stige_domain::{LadderId, ParticipantId, StepId, UserId};
use stige_wire::types::*;

/// What can go wrong calling the API.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// The server answered with a problem+json error.
    #[error("{} ({})", problem.title, problem.status)]
    Api { problem: Problem },
    /// The request did not get an answer, or the answer was not what the API sends.
    #[error("could not reach Stige: {0}")]
    Transport(#[from] reqwest::Error),
}

impl ClientError {
    /// The HTTP status, when the server answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Api { problem } => Some(problem.status),
            Self::Transport(e) => e.status().map(|s| s.as_u16()),
        }
    }

    pub fn problem(&self) -> Option<&Problem> {
        match self {
            Self::Api { problem } => Some(problem),
            Self::Transport(_) => None,
        }
    }
}

/// A client of one Stige server, for one principal.
#[derive(Debug, Clone)]
pub struct Client {
    base: String,
    http: reqwest::Client,
    token: Option<String>,
}

impl Client {
    /// `base` is the server's origin, e.g. `http://127.0.0.1:8080`.
    pub fn new(base: impl Into<String>) -> Self {
        Self {
            base: base.into().trim_end_matches('/').to_owned(),
            http: reqwest::Client::new(),
            token: None,
        }
    }

    /// The same client, sending `token` as its bearer token.
    pub fn with_token(&self, token: impl Into<String>) -> Self {
        Self {
            token: Some(token.into()),
            ..self.clone()
        }
    }

    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    /// A request to `path` (starting with `/api/v1`), with the bearer token if any.
    pub fn request(&self, method: Method, path: &str) -> RequestBuilder {
        let rb = self.http.request(method, format!("{}{}", self.base, path));
        match &self.token {
            Some(t) => rb.bearer_auth(t),
            None => rb,
        }
    }

    pub(crate) async fn send<T: DeserializeOwned>(rb: RequestBuilder) -> Result<T, ClientError> {
        let response = rb.send().await?;
        Self::decode(response).await
    }

    async fn decode<T: DeserializeOwned>(response: Response) -> Result<T, ClientError> {
        if response.status().is_success() {
            Ok(response.json().await?)
        } else {
            Err(Self::problem(response).await)
        }
    }

    async fn problem(response: Response) -> ClientError {
        let status = response.status();
        match response.json::<Problem>().await {
            Ok(problem) => ClientError::Api { problem },
            Err(_) => ClientError::Api {
                problem: Problem {
                    kind: "about:blank".into(),
                    title: status.canonical_reason().unwrap_or("Error").into(),
                    status: status.as_u16(),
                    detail: None,
                    code: None,
                    params: Default::default(),
                    errors: vec![],
                    instance: None,
                },
            },
        }
    }

    /// The body of a successful answer as text (CSV downloads).
    pub(crate) async fn text(&self, rb: RequestBuilder) -> Result<String, ClientError> {
        let response = rb.send().await?;
        if response.status().is_success() {
            Ok(response.text().await?)
        } else {
            Err(Self::problem(response).await)
        }
    }

    pub(crate) async fn send_empty(rb: RequestBuilder) -> Result<(), ClientError> {
        let response = rb.send().await?;
        if response.status().is_success() {
            Ok(())
        } else {
            Err(Self::problem(response).await)
        }
    }

    pub(crate) fn get(&self, path: &str) -> RequestBuilder {
        self.request(Method::GET, path)
    }

    pub(crate) fn post<B: Serialize>(&self, path: &str, body: &B) -> RequestBuilder {
        self.request(Method::POST, path).json(body)
    }

    pub(crate) fn put<B: Serialize>(&self, path: &str, body: &B) -> RequestBuilder {
        self.request(Method::PUT, path).json(body)
    }

    // --- health and auth ---

    pub async fn health(&self) -> Result<Health, ClientError> {
        Self::send(self.get("/api/v1/health")).await
    }

    pub async fn ready(&self) -> Result<Health, ClientError> {
        Self::send(self.get("/api/v1/ready")).await
    }

    pub async fn login(
        &self,
        username: &str,
        password: &str,
    ) -> Result<TokenResponse, ClientError> {
        let body = LoginRequest {
            username: username.into(),
            password: password.into(),
        };
        Self::send(self.post("/api/v1/auth/login", &body)).await
    }

    /// Logs in and returns a client carrying the new access token.
    pub async fn logged_in(&self, username: &str, password: &str) -> Result<Client, ClientError> {
        let tokens = self.login(username, password).await?;
        Ok(self.with_token(tokens.access_token))
    }

    pub async fn refresh(&self, refresh_token: &str) -> Result<TokenResponse, ClientError> {
        let body = RefreshRequest {
            refresh_token: refresh_token.into(),
        };
        Self::send(self.post("/api/v1/auth/refresh", &body)).await
    }

    /// Ends the session of the current access token; its refresh token stops working.
    pub async fn logout(&self) -> Result<(), ClientError> {
        Self::send_empty(self.request(Method::POST, "/api/v1/auth/logout")).await
    }

    /// Ends every session of the signed-in staff member, this one included.
    pub async fn logout_everywhere(&self) -> Result<(), ClientError> {
        Self::send_empty(self.request(Method::POST, "/api/v1/auth/logout-everywhere")).await
    }

    /// How staff may sign in here (no token needed).
    pub async fn sign_in_options(&self) -> Result<SignInOptions, ClientError> {
        Self::send(self.get("/api/v1/auth/sign-in-options")).await
    }

    /// Trades the one-time code of a finished single sign-on for tokens.
    pub async fn finish_single_sign_on(&self, code: &str) -> Result<TokenResponse, ClientError> {
        let body = SignInHandoff { code: code.into() };
        Self::send(self.post("/api/v1/auth/oidc/session", &body)).await
    }

    pub async fn me(&self) -> Result<Me, ClientError> {
        Self::send(self.get("/api/v1/auth/me")).await
    }

    // --- organisations ---

    /// Every organisation of the installation (platform admin).
    pub async fn organisations(&self) -> Result<Vec<Organisation>, ClientError> {
        Self::send(self.get("/api/v1/organisations")).await
    }

    /// Creates an organisation with its first admin (platform admin).
    pub async fn create_organisation(
        &self,
        organisation: &NewOrganisation,
    ) -> Result<Organisation, ClientError> {
        Self::send(self.post("/api/v1/organisations", organisation)).await
    }

    /// The caller's own organisation.
    pub async fn organisation(&self) -> Result<Organisation, ClientError> {
        Self::send(self.get("/api/v1/organisation")).await
    }

    // --- users ---

    pub async fn users(&self) -> Result<Vec<User>, ClientError> {
        Self::send(self.get("/api/v1/users")).await
    }

    pub async fn create_user(&self, user: &NewUser) -> Result<User, ClientError> {
        Self::send(self.post("/api/v1/users", user)).await
    }

    pub async fn update_user(&self, id: UserId, update: &UserUpdate) -> Result<User, ClientError> {
        Self::send(
            self.request(Method::PATCH, &format!("/api/v1/users/{id}"))
                .json(update),
        )
        .await
    }

    /// Ends every session of user `id` (admin).
    pub async fn end_user_sessions(&self, id: UserId) -> Result<(), ClientError> {
        Self::send_empty(self.request(Method::DELETE, &format!("/api/v1/users/{id}/sessions")))
            .await
    }

    // --- ladders ---

    pub async fn ladders(&self) -> Result<Vec<LadderSummary>, ClientError> {
        Self::send(self.get("/api/v1/ladders")).await
    }

    pub async fn ladder(&self, id: LadderId) -> Result<Ladder, ClientError> {
        Self::send(self.get(&format!("/api/v1/ladders/{id}"))).await
    }

    pub async fn create_ladder(&self, ladder: &NewLadder) -> Result<Ladder, ClientError> {
        Self::send(self.post("/api/v1/ladders", ladder)).await
    }

    pub async fn update_ladder(
        &self,
        id: LadderId,
        ladder: &NewLadder,
    ) -> Result<Ladder, ClientError> {
        Self::send(self.put(&format!("/api/v1/ladders/{id}"), ladder)).await
    }

    pub async fn add_step(
        &self,
        ladder: LadderId,
        step: &StepInput,
    ) -> Result<Ladder, ClientError> {
        Self::send(self.post(&format!("/api/v1/ladders/{ladder}/steps"), step)).await
    }

    pub async fn update_step(
        &self,
        ladder: LadderId,
        step: StepId,
        input: &StepInput,
    ) -> Result<Ladder, ClientError> {
        Self::send(self.put(&format!("/api/v1/ladders/{ladder}/steps/{step}"), input)).await
    }

    pub async fn reorder_steps(
        &self,
        ladder: LadderId,
        order: &StepOrder,
    ) -> Result<Ladder, ClientError> {
        Self::send(self.put(&format!("/api/v1/ladders/{ladder}/step-order"), order)).await
    }

    pub async fn add_activity(
        &self,
        ladder: LadderId,
        activity: &NewActivity,
    ) -> Result<Ladder, ClientError> {
        Self::send(self.post(&format!("/api/v1/ladders/{ladder}/activities"), activity)).await
    }

    // --- participants ---

    pub async fn participants(
        &self,
        query: &ParticipantQuery,
    ) -> Result<Page<ParticipantSummary>, ClientError> {
        Self::send(self.get("/api/v1/participants").query(query)).await
    }

    pub async fn participant(&self, id: ParticipantId) -> Result<ParticipantDetail, ClientError> {
        Self::send(self.get(&format!("/api/v1/participants/{id}"))).await
    }

    /// The participant and the ladder they are on, with its steps and activities.
    pub async fn participant_and_ladder(
        &self,
        id: ParticipantId,
    ) -> Result<(ParticipantDetail, Ladder), ClientError> {
        let detail = self.participant(id).await?;
        let ladder = self.ladder(detail.ladder.id).await?;
        Ok((detail, ladder))
    }

    pub async fn create_participant(
        &self,
        participant: &NewParticipant,
    ) -> Result<ParticipantDetail, ClientError> {
        Self::send(self.post("/api/v1/participants", participant)).await
    }

    /// Updates personal details; `version` is the one last read (sent as `If-Match`).
    pub async fn update_participant(
        &self,
        id: ParticipantId,
        update: &ParticipantUpdate,
        version: i64,
    ) -> Result<ParticipantDetail, ClientError> {
        let rb = self
            .put(&format!("/api/v1/participants/{id}"), update)
            .header("If-Match", format!("\"{version}\""));
        Self::send(rb).await
    }

    pub async fn change_status(
        &self,
        id: ParticipantId,
        change: &StatusChangeRequest,
    ) -> Result<ParticipantDetail, ClientError> {
        Self::send(self.post(&format!("/api/v1/participants/{id}/status"), change)).await
    }

    pub async fn move_participant(
        &self,
        id: ParticipantId,
        request: &MoveRequestBody,
    ) -> Result<ParticipantDetail, ClientError> {
        Self::send(self.post(&format!("/api/v1/participants/{id}/moves"), request)).await
    }

    pub async fn assign_mentors(
        &self,
        id: ParticipantId,
        assignment: &MentorAssignment,
    ) -> Result<ParticipantDetail, ClientError> {
        Self::send(self.put(&format!("/api/v1/participants/{id}/mentors"), assignment)).await
    }

    /// The full national identity number (admin and coordinator; audited).
    pub async fn reveal_national_id(
        &self,
        id: ParticipantId,
    ) -> Result<RevealedNationalId, ClientError> {
        Self::send(self.request(
            Method::POST,
            &format!("/api/v1/participants/{id}/national-id/reveal"),
        ))
        .await
    }

    /// The OpenAPI document the server serves.
    pub async fn openapi(&self) -> Result<serde_json::Value, ClientError> {
        Self::send(self.get("/api/v1/openapi.json")).await
    }
}
