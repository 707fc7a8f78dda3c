//! PostgreSQL out of reach: a TCP proxy in front of it is stopped under load
//! from 16 clients and started again. Every answer is 2xx or 503 (with
//! Retry-After, within 3 s), every acknowledged write is there afterwards,
//! service comes back within 10 s, and a partner's Idempotency-Key replayed
//! after the outage gets the original answer. Always on PostgreSQL: SQLite
//! has no server to lose.

use crate::helpers::{TestApp, spawn_app_on};
use crate::partner_helpers::referral_body;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use stige_api::auth::jwt::TokenKeys;
use stige_api::state::{AppState, EmployerLinks};
use stige_client::Client;
use stige_domain::consent::SharingCategory;
use stige_secrets::cipher::DataCipher;
use stige_store::Store;
use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio::task::JoinHandle;

/// A TCP proxy to PostgreSQL that can be stopped (listener and every
/// connection closed) and started again on the same port.
struct Proxy {
    addr: SocketAddr,
    target: SocketAddr,
    running: Option<JoinHandle<()>>,
    connections: Arc<Mutex<Vec<JoinHandle<()>>>>,
}

impl Proxy {
    async fn start(target: SocketAddr) -> Self {
        let mut proxy = Self {
            addr: "127.0.0.1:0".parse().expect("addr"),
            target,
            running: None,
            connections: Arc::default(),
        };
        proxy.resume();
        proxy
    }

    fn listen(addr: SocketAddr) -> TcpListener {
        let socket = TcpSocket::new_v4().expect("socket");
        socket.set_reuseaddr(true).expect("reuseaddr");
        socket.bind(addr).expect("bind the proxy");
        socket.listen(64).expect("listen")
    }

    /// Accepts again (on the port it had, once it has one).
    fn resume(&mut self) {
        let listener = Self::listen(self.addr);
        self.addr = listener.local_addr().expect("proxy addr");
        let (target, connections) = (self.target, self.connections.clone());
        self.running = Some(tokio::spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                let forward = tokio::spawn(async move {
                    if let Ok(mut outbound) = TcpStream::connect(target).await {
                        let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                    }
                });
                connections.lock().expect("lock").push(forward);
            }
        }));
    }

    /// Stops listening and cuts every connection.
    fn stop(&mut self) {
        if let Some(accepting) = self.running.take() {
            accepting.abort();
        }
        for c in self.connections.lock().expect("lock").drain(..) {
            c.abort();
        }
    }
}

/// A second server on `app`'s data, reaching PostgreSQL through `proxy`.
async fn server_through(app: &TestApp, proxy: &Proxy) -> String {
    let url = app
        .database_url()
        .replacen("127.0.0.1:5432", &proxy.addr.to_string(), 1);
    assert_ne!(
        url,
        app.database_url(),
        "the test database is on 127.0.0.1:5432"
    );
    // Opening waits for a first connection, which the proxy (on this
    // thread) must forward.
    let store = tokio::task::spawn_blocking(move || Store::open_with(&url, Some(4)))
        .await
        .expect("open")
        .expect("open through the proxy");
    let state = AppState {
        store,
        tokens: TokenKeys::new(&[7u8; 32]),
        cipher: DataCipher::new(&[9u8; 32]),
        access_ttl_secs: 900,
        session_lifetime_secs: 12 * 3600,
        session_idle_secs: 30 * 60,
        links: EmployerLinks {
            public_url: "http://stige.test".into(),
            ttl_days: 14,
        },
        sign_in: Default::default(),
        password_sign_in: true,
        single_sign_on: None,
        partner_sign_on: vec![],
        delivery: Default::default(),
        json_logs: false,
    };
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = format!("http://{}", listener.local_addr().expect("addr"));
    let server = stige_api::app::serve(
        state,
        std::env::temp_dir().join("stige-no-web-app"),
        listener,
    )
    .expect("server");
    actix_web::rt::spawn(server);
    address
}

/// One request's outcome.
struct Answer {
    status: u16,
    took: Duration,
    retry_after: Option<String>,
    problem: bool,
    /// A created participant's id.
    created: Option<i64>,
}

async fn create(http: &reqwest::Client, base: &str, token: &str, ladder: i64, n: usize) -> Answer {
    let started = Instant::now();
    let sent = http
        .post(format!("{base}/api/v1/participants"))
        .bearer_auth(token)
        .json(&serde_json::json!({
            "given_name": format!("Last{n}"),
            "family_name": "Utfall",
            "ladder_id": ladder,
        }))
        .send()
        .await;
    let Ok(res) = sent else {
        // No answer at all counts as neither 2xx nor 503.
        return Answer {
            status: 0,
            took: started.elapsed(),
            retry_after: None,
            problem: false,
            created: None,
        };
    };
    let status = res.status().as_u16();
    let retry_after = (res.headers().get("retry-after"))
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let problem = (res.headers().get("content-type"))
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/problem+json"));
    let body: serde_json::Value = res.json().await.unwrap_or_default();
    Answer {
        status,
        took: started.elapsed(),
        retry_after,
        problem,
        created: body["id"].as_i64().filter(|_| status == 201),
    }
}

#[actix_web::test]
async fn with_postgresql_out_of_reach_every_answer_is_2xx_or_503_and_service_comes_back() {
    let app = spawn_app_on("postgres").await;
    let mut proxy = Proxy::start("127.0.0.1:5432".parse().expect("pg")).await;
    let base = server_through(&app, &proxy).await;
    let token = app.coordinator().await.token().expect("token").to_owned();
    let ladder = app.ladder.0;
    let setup = app
        .kristiansand_kommune(&[SharingCategory::EnrolmentStatus])
        .await;
    let partner = Client::new(&base).with_token(setup.api.token().expect("partner token"));
    let before = partner
        .refer(&referral_body("Kari", "Nordmann"), "before-outage")
        .await
        .expect("a referral before the outage");

    let answers = Arc::new(Mutex::new(Vec::<(Instant, Answer)>::new()));
    let stop_at = Instant::now() + Duration::from_secs(9);
    let http = reqwest::Client::new();
    let clients: Vec<_> = (0..16)
        .map(|c| {
            let (http, base, token, answers) =
                (http.clone(), base.clone(), token.clone(), answers.clone());
            tokio::spawn(async move {
                let mut n = c * 10_000;
                while Instant::now() < stop_at {
                    n += 1;
                    let sent = Instant::now();
                    let answer = create(&http, &base, &token, ladder, n).await;
                    let wait = if answer.status == 503 { 200 } else { 20 };
                    answers.lock().expect("lock").push((sent, answer));
                    tokio::time::sleep(Duration::from_millis(wait)).await;
                }
            })
        })
        .collect();

    tokio::time::sleep(Duration::from_secs(1)).await;
    proxy.stop();
    let stopped = Instant::now();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let ready = reqwest::get(format!("{base}/api/v1/ready"))
        .await
        .expect("ready");
    assert_eq!(ready.status().as_u16(), 503);
    let why: serde_json::Value = ready.json().await.expect("problem");
    assert!(
        why["detail"]
            .as_str()
            .is_some_and(|d| d.len() > "The database cannot be reached: ".len()),
        "/ready says why: {why}"
    );
    let during = partner
        .refer(&referral_body("Ola", "Nordmann"), "during-outage")
        .await
        .expect_err("no referral while the database is out of reach");
    assert_eq!(during.status(), Some(503));
    tokio::time::sleep(Duration::from_millis(1500)).await;
    proxy.resume();
    let resumed = Instant::now();
    for c in clients {
        c.await.expect("client");
    }

    let answers = std::mem::take(&mut *answers.lock().expect("lock"));
    let unexpected: Vec<u16> = (answers.iter())
        .map(|(_, a)| a.status)
        .filter(|s| !(200..300).contains(s) && *s != 503)
        .collect();
    assert!(
        unexpected.is_empty(),
        "answers other than 2xx/503: {unexpected:?}"
    );
    let unavailable: Vec<&Answer> = answers
        .iter()
        .map(|(_, a)| a)
        .filter(|a| a.status == 503)
        .collect();
    assert!(
        unavailable.len() >= 16,
        "the outage was seen: {} answers of 503",
        unavailable.len()
    );
    for a in &unavailable {
        assert_eq!(a.retry_after.as_deref(), Some("2"));
        assert!(a.problem, "503 is problem+json");
        assert!(a.took < Duration::from_secs(3), "a 503 took {:?}", a.took);
    }
    let first_after = (answers.iter())
        .filter(|(sent, a)| *sent >= resumed && a.status == 201)
        .map(|(sent, a)| *sent + a.took)
        .min()
        .expect("a write succeeded after the database came back");
    assert!(
        first_after.duration_since(resumed) < Duration::from_secs(10),
        "service came back after {:?}",
        first_after.duration_since(resumed)
    );
    assert!(
        answers
            .iter()
            .any(|(sent, a)| *sent < stopped && a.status == 201),
        "writes succeeded before the outage"
    );
    let created: Vec<i64> = answers.iter().filter_map(|(_, a)| a.created).collect();
    eprintln!(
        "outage: {} answers, {} created, {} of 503, back {:?} after the database",
        answers.len(),
        created.len(),
        unavailable.len(),
        first_after.duration_since(resumed)
    );
    let mut conn = app.conn();
    for id in &created {
        assert!(
            stige_store::participants::get(
                &mut conn,
                stige_store::within::Within::Installation,
                stige_domain::ParticipantId(*id)
            )
            .expect("read")
            .is_some(),
            "acknowledged participant {id} is stored"
        );
    }
    drop(conn);

    let replayed = partner
        .refer(&referral_body("Kari", "Nordmann"), "before-outage")
        .await
        .expect("the replay after the outage");
    assert_eq!(replayed, before, "the original answer");
    let after = partner
        .refer(&referral_body("Ola", "Nordmann"), "during-outage")
        .await
        .expect("the refused referral, sent again");
    let again = partner
        .refer(&referral_body("Ola", "Nordmann"), "during-outage")
        .await
        .expect("and replayed");
    assert_eq!(after, again);
    assert_ne!(after.id, before.id);
}
