//! `spawn_app()`: a running server with a fresh database and known fixtures.

use reqwest::Method;
use std::net::TcpListener;
use std::sync::OnceLock;
use stige_api::auth::jwt::TokenKeys;
use stige_api::state::AppState;
use stige_client::{
    Client, MentorAssignment, MoveRequestBody, NewParticipant, ParticipantDetail,
    StatusChangeRequest,
};
use stige_domain::enrolment::EnrolmentAction;
use stige_domain::{
    DemandLevel, LadderId, OrganisationId, ParticipantId, StepDraft, StepId, UserId,
};
use stige_secrets::cipher::DataCipher;
use stige_store::testing::TestDatabase;
use stige_store::users::NewUserRow;
use stige_store::{DbConnection, Store, ladders, migrate, organisations, users};

pub const PASSWORD: &str = "correct-horse-battery";

fn password_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| stige_secrets::password::hash(PASSWORD).expect("hash"))
}

pub struct TestApp {
    pub client: Client,
    pub store: Store,
    pub users: Users,
    /// Steps 0 (no limit), 1 (capacity 1), 2 (no limit), lowest first.
    pub ladder: LadderId,
    pub steps: Vec<StepId>,
    /// A second ladder with one step.
    pub other_ladder: LadderId,
    pub other_step: StepId,
    /// Another organisation with its own programme and staff, whom none of
    /// the first organisation's people may reach.
    pub stranger: Stranger,
    pub cipher: DataCipher,
    _db: TestDatabase,
}

#[derive(Debug, Clone, Copy)]
pub struct Users {
    pub admin: UserId,
    pub coordinator: UserId,
    pub mentor: UserId,
    pub viewer: UserId,
}

/// The second organisation of [`TestApp`]: its ladder, with a step, and its
/// staff `other-admin`, `other-coordinator` and `other-mentor` (each non-admin
/// working in that ladder in their role).
#[derive(Debug, Clone, Copy)]
pub struct Stranger {
    pub ladder: LadderId,
}

fn add_organisation(conn: &mut DbConnection, name: &str, number: &str) -> OrganisationId {
    let row = organisations::insert(
        conn,
        &organisations::NewOrganisation {
            name,
            organisation_number: number,
            country: "NO",
            default_language: "nb",
            participant_word: "deltaker",
            retention_years: 5,
            created_at: stige_store::now(),
        },
    )
    .expect("organisation");
    OrganisationId(row.id)
}

/// A user of `organisation`, working in `ladders` in `role` (an admin in all
/// of the organisation's without rows).
fn add_user_in(
    conn: &mut DbConnection,
    organisation: OrganisationId,
    username: &str,
    role: &str,
) -> UserId {
    let row = users::insert(
        conn,
        &NewUserRow {
            username,
            display_name: &format!("{username} display"),
            password_hash: password_hash(),
            role,
            active: true,
            created_at: stige_store::now(),
            organisation_id: Some(organisation.0),
            agreement_id: None,
        },
    )
    .expect("user");
    UserId(row.id)
}

/// Gives every non-admin user of `organisation` their role in each of its ladders.
fn roles_in_every_ladder(conn: &mut DbConnection, organisation: OrganisationId) {
    let ladders = organisations::ladder_ids(conn, organisation.0).expect("ladders");
    for user in users::list(conn, Some(organisation.0)).expect("users") {
        if user.role != stige_domain::Role::Admin {
            let rows: Vec<(i64, stige_domain::Role)> =
                ladders.iter().map(|l| (*l, user.role)).collect();
            users::set_programme_roles(conn, UserId(user.id), &rows).expect("roles");
        }
    }
}

fn add_step(
    conn: &mut DbConnection,
    ladder: LadderId,
    name: &str,
    capacity: Option<i64>,
) -> StepId {
    let draft = StepDraft::parse(name, "", DemandLevel::Moderate, capacity, None).expect("draft");
    StepId(ladders::add_step(conn, ladder, &draft).expect("step").id)
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with_web(std::env::temp_dir().join("stige-no-web-app")).await
}

/// A server that serves the web app from `web_dir`.
pub async fn spawn_app_with_web(web_dir: std::path::PathBuf) -> TestApp {
    let backend = std::env::var("STIGE_TEST_DATABASE").unwrap_or_else(|_| "sqlite".into());
    spawn_app_full(&backend, web_dir, Default::default()).await
}

/// A server that believes `sign_in`'s trusted proxies and bound on checks.
pub async fn spawn_app_guarded(sign_in: stige_api::sign_in_guard::SignInGuard) -> TestApp {
    let backend = std::env::var("STIGE_TEST_DATABASE").unwrap_or_else(|_| "sqlite".into());
    let options = AppOptions {
        sign_in,
        ..AppOptions::default()
    };
    spawn_app_full(
        &backend,
        std::env::temp_dir().join("stige-no-web-app"),
        options,
    )
    .await
}

/// Makes single sign-on's settings from the server's address and organisation.
pub type MakeSettings = Box<dyn FnOnce(&str, i64) -> stige_api::oidc::OidcSettings>;

/// A partner's identity provider's settings, made from the server's address.
pub type MakePartnerSettings = Box<dyn FnOnce(&str) -> stige_api::oidc::OidcSettings>;

/// What a test server is set up with beyond the defaults.
#[derive(Default)]
pub struct AppOptions {
    pub sign_in: stige_api::sign_in_guard::SignInGuard,
    pub password_sign_in_off: bool,
    /// Single sign-on's settings, made from the server's address and the
    /// organisation whose staff sign in through it.
    pub single_sign_on: Option<MakeSettings>,
    /// A partner's identity provider, made from the server's address.
    pub partner_sign_on: Option<MakePartnerSettings>,
}

/// A server set up with `options`.
pub async fn spawn_app_with(options: AppOptions) -> TestApp {
    let backend = std::env::var("STIGE_TEST_DATABASE").unwrap_or_else(|_| "sqlite".into());
    spawn_app_full(
        &backend,
        std::env::temp_dir().join("stige-no-web-app"),
        options,
    )
    .await
}

/// A server on `backend` ("sqlite" or "postgres") whatever the test run's database.
pub async fn spawn_app_on(backend: &str) -> TestApp {
    spawn_app_full(
        backend,
        std::env::temp_dir().join("stige-no-web-app"),
        Default::default(),
    )
    .await
}

async fn spawn_app_full(
    backend: &str,
    web_dir: std::path::PathBuf,
    options: AppOptions,
) -> TestApp {
    let db = TestDatabase::new(backend).expect("a test database");
    let store = Store::open(&db.url).expect("open");
    migrate::run(&store).expect("migrate");
    let mut conn = store.conn().expect("conn");
    let org = add_organisation(&mut conn, "Test organisation", "971589493");
    let add_user = |conn: &mut DbConnection, username: &str, role: &str| {
        add_user_in(conn, org, username, role)
    };
    add_user(&mut conn, "mentor2", "mentor");
    add_user(&mut conn, "researcher", "researcher");
    let users = Users {
        admin: add_user(&mut conn, "admin", "admin"),
        coordinator: add_user(&mut conn, "coordinator", "coordinator"),
        mentor: add_user(&mut conn, "mentor", "mentor"),
        viewer: add_user(&mut conn, "viewer", "viewer"),
    };
    let ladder = LadderId(
        ladders::create(&mut conn, org, "Porten", "Test ladder", Some(40))
            .expect("ladder")
            .id,
    );
    let steps = vec![
        add_step(&mut conn, ladder, "Mylla", None),
        add_step(&mut conn, ladder, "Porten", Some(1)),
        add_step(&mut conn, ladder, "Praktik", None),
    ];
    let other_ladder = LadderId(
        ladders::create(&mut conn, org, "Portalen", "", None)
            .expect("ladder")
            .id,
    );
    let other_step = add_step(&mut conn, other_ladder, "Bli kjent", None);
    roles_in_every_ladder(&mut conn, org);
    let stranger_org = add_organisation(&mut conn, "Another organisation", "971589485");
    let stranger_ladder = LadderId(
        ladders::create(&mut conn, stranger_org, "Elsewhere", "", None)
            .expect("ladder")
            .id,
    );
    add_step(&mut conn, stranger_ladder, "Start", None);
    for (username, role) in [
        ("other-admin", "admin"),
        ("other-coordinator", "coordinator"),
        ("other-mentor", "mentor"),
    ] {
        add_user_in(&mut conn, stranger_org, username, role);
    }
    let stranger = Stranger {
        ladder: stranger_ladder,
    };
    roles_in_every_ladder(&mut conn, stranger_org);
    drop(conn);

    let cipher = DataCipher::new(&[9u8; 32]);
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = format!("http://{}", listener.local_addr().expect("addr"));
    let single_sign_on = options.single_sign_on.map(|settings| {
        std::sync::Arc::new(stige_api::oidc::Oidc::new(settings(&address, org.0)).expect("oidc"))
    });
    let state = AppState {
        store: store.clone(),
        tokens: TokenKeys::new(&[7u8; 32]),
        cipher: cipher.clone(),
        access_ttl_secs: 900,
        session_lifetime_secs: 12 * 3600,
        session_idle_secs: 30 * 60,
        links: stige_api::state::EmployerLinks {
            public_url: "http://stige.test".into(),
            ttl_days: 14,
        },
        sign_in: options.sign_in,
        password_sign_in: !options.password_sign_in_off,
        single_sign_on,
        partner_sign_on: options
            .partner_sign_on
            .map(|settings| {
                std::sync::Arc::new(stige_api::oidc::Oidc::new(settings(&address)).expect("oidc"))
            })
            .into_iter()
            .collect(),
        delivery: Default::default(),
        json_logs: false,
    };
    let server = stige_api::app::serve(state, web_dir, listener).expect("server");
    actix_web::rt::spawn(server);
    TestApp {
        client: Client::new(&address),
        store,
        users,
        ladder,
        steps,
        other_ladder,
        other_step,
        stranger,
        cipher,
        _db: db,
    }
}

impl TestApp {
    pub async fn as_user(&self, username: &str) -> Client {
        self.client
            .logged_in(username, PASSWORD)
            .await
            .expect("login")
    }

    pub async fn admin(&self) -> Client {
        self.as_user("admin").await
    }

    pub async fn coordinator(&self) -> Client {
        self.as_user("coordinator").await
    }

    pub async fn mentor(&self) -> Client {
        self.as_user("mentor").await
    }

    pub async fn viewer(&self) -> Client {
        self.as_user("viewer").await
    }

    pub async fn researcher(&self) -> Client {
        self.as_user("researcher").await
    }

    /// The test database's URL, for a second server on the same data.
    pub fn database_url(&self) -> &str {
        &self._db.url
    }

    pub fn conn(&self) -> stige_store::connection::Conn {
        self.store.conn().expect("conn")
    }

    pub fn participant_count(&self) -> i64 {
        stige_store::participants::count(&mut self.conn()).expect("count")
    }

    pub fn audit_actions(&self, participant: ParticipantId) -> Vec<String> {
        stige_store::audit::for_participant(&mut self.conn(), participant)
            .expect("audit")
            .into_iter()
            .map(|e| e.action)
            .collect()
    }

    /// A referred participant on the test ladder, created by the coordinator.
    pub async fn new_participant(&self, given: &str, family: &str) -> ParticipantDetail {
        self.new_participant_on(self.ladder, given, family).await
    }

    /// A referred participant on `ladder`, recorded by the coordinator.
    pub async fn new_participant_on(
        &self,
        ladder: LadderId,
        given: &str,
        family: &str,
    ) -> ParticipantDetail {
        let body = NewParticipant {
            given_name: Some(given.into()),
            family_name: Some(family.into()),
            ladder_id: Some(ladder),
            ..Default::default()
        };
        self.coordinator()
            .await
            .create_participant(&body)
            .await
            .expect("create")
    }

    /// An active participant on the lowest step.
    pub async fn active_participant(&self, given: &str, family: &str) -> ParticipantDetail {
        let p = self.new_participant(given, family).await;
        self.start(p.id).await
    }

    /// An active participant on the other programme's step.
    pub async fn active_on_other_ladder(&self, given: &str, family: &str) -> ParticipantDetail {
        let p = self
            .new_participant_on(self.other_ladder, given, family)
            .await;
        self.start_on(p.id, self.other_step).await
    }

    /// Activates a referred participant and puts them on the lowest step.
    pub async fn start(&self, id: ParticipantId) -> ParticipantDetail {
        self.start_on(id, self.steps[0]).await
    }

    /// Activates a referred participant and puts them on `step`.
    pub async fn start_on(&self, id: ParticipantId, step: StepId) -> ParticipantDetail {
        let c = self.coordinator().await;
        c.change_status(id, &action(EnrolmentAction::Activate))
            .await
            .expect("activate");
        c.move_participant(id, &move_to(step, "Start"))
            .await
            .expect("start")
    }

    /// Makes the test organisation's `mentor` the participant's mentor, as `by`.
    pub async fn assign_the_mentor(&self, by: &Client, participant: ParticipantId) {
        by.assign_mentors(
            participant,
            &MentorAssignment {
                mentor_ids: vec![self.users.mentor],
            },
        )
        .await
        .expect("assign");
    }

    /// Who holds `token`, as `/auth/me` answers.
    pub async fn me_with(&self, token: String) -> stige_client::Me {
        self.client.with_token(token).me().await.expect("me")
    }

    /// The participant's export (Article 15), taken by the admin.
    pub async fn exported_by_admin(&self, id: ParticipantId) -> stige_client::ParticipantExport {
        self.admin()
            .await
            .export_participant(id)
            .await
            .expect("export")
    }

    /// Loads `batch` in one transaction, recorded as the coordinator's.
    pub fn load_as_coordinator(&self, batch: &stige_store::bulk::SeedBatch, what: &str) {
        use diesel::Connection as _;
        let by = self.users.coordinator.0;
        self.conn()
            .transaction(|conn| -> diesel::QueryResult<()> {
                let load = stige_store::bulk::Load::begin(conn)?;
                load.insert(conn, batch, by)?;
                load.complete(conn)
            })
            .expect(what);
    }

    /// A raw request with a JSON body, for bodies the typed client would not send.
    pub async fn send_json(
        &self,
        client: &Client,
        method: Method,
        path: &str,
        body: serde_json::Value,
    ) -> reqwest::Response {
        client.request(method, path).json(&body).sent().await
    }
}

pub fn action(a: EnrolmentAction) -> StatusChangeRequest {
    StatusChangeRequest {
        action: Some(a),
        ..Default::default()
    }
}

pub fn move_to(step: StepId, reason: &str) -> MoveRequestBody {
    MoveRequestBody {
        to_step_id: Some(step),
        reason: Some(reason.into()),
        ..Default::default()
    }
}

/// A GET of `path` by `client`, its body as JSON whatever the status.
pub async fn get_json(client: &Client, path: &str) -> serde_json::Value {
    client
        .request(Method::GET, path)
        .sent()
        .await
        .json()
        .await
        .expect("json")
}

/// The response's content type ("" when it has none).
pub fn content_type(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// Asserts a problem+json error with `status`, returning its body.
pub async fn assert_problem(response: reqwest::Response, status: u16) -> serde_json::Value {
    assert_eq!(response.status().as_u16(), status);
    assert_eq!(content_type(&response), "application/problem+json");
    let body: serde_json::Value = response.json().await.expect("json");
    assert_eq!(body["status"], status);
    assert!(body["type"].is_string() && body["title"].is_string());
    // Every problem, and each field error, carries a stable code the
    // domain lists (and the web app translates).
    let codes = stige_domain::message_code::all_codes();
    let code = body["code"].as_str().unwrap_or_default();
    assert!(codes.contains(&code), "the problem's code {code:?}: {body}");
    for error in body["errors"].as_array().into_iter().flatten() {
        let code = error["code"].as_str().unwrap_or_default();
        assert!(codes.contains(&code), "a field's code {code:?}: {body}");
    }
    body
}

/// The field names of a validation problem.
pub fn fields(problem: &serde_json::Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|e| e["field"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

pub fn status_of(e: &stige_client::ClientError) -> u16 {
    e.status().unwrap_or(0)
}

/// A request the test built, sent: the test fails when it cannot be sent.
pub trait Sent {
    fn sent(self) -> impl std::future::Future<Output = reqwest::Response>;
}

impl Sent for reqwest::RequestBuilder {
    async fn sent(self) -> reqwest::Response {
        self.send().await.unwrap_or_else(|e| panic!("send: {e}"))
    }
}
