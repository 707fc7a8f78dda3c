//! Running Stige for years, with the real binary: backups that restore,
//! two servers on one PostgreSQL, metrics, JSON logs, and SIGTERM.

use crate::helpers::{PASSWORD, Sent, TestApp, spawn_app, spawn_app_on};
use crate::processes::{Server, run_ok, stige};
use std::time::{Duration, Instant};
use stige_client::{Client, ParticipantQuery, ParticipantUpdate};
use stige_store::testing::TestDatabase;
use stige_store::{Store, backup};

async fn login(base: &str, username: &str) -> Client {
    Client::new(base)
        .logged_in(username, PASSWORD)
        .await
        .expect("login")
}

/// Creates a participant over REST; the answer's status and the id if created.
async fn create(
    http: &reqwest::Client,
    base: &str,
    token: &str,
    ladder: i64,
    n: usize,
) -> (u16, Option<i64>) {
    let res = http
        .post(format!("{base}/api/v1/participants"))
        .bearer_auth(token)
        .json(&serde_json::json!({
            "given_name": format!("Burst{n}"),
            "family_name": "Drift",
            "ladder_id": ladder,
        }))
        .send()
        .await;
    let Ok(res) = res else { return (0, None) };
    let status = res.status().as_u16();
    let body: serde_json::Value = res.json().await.unwrap_or_default();
    (status, body["id"].as_i64().filter(|_| status == 201))
}

/// Every table of the database at `url`, as backed up.
fn dump(url: &str) -> Vec<(String, Vec<String>)> {
    let store = Store::open(url).expect("open");
    let mut conn = store.conn().expect("conn");
    backup::tables(&mut conn)
        .expect("tables")
        .into_iter()
        .map(|t| {
            let mut rows = backup::rows(&mut conn, &t).expect("rows");
            rows.sort();
            (t, rows)
        })
        .collect()
}

#[actix_web::test]
async fn a_backup_of_a_demo_database_taken_while_serving_restores_every_table_elsewhere_and_only_with_its_key()
 {
    let backend = std::env::var("STIGE_TEST_DATABASE").unwrap_or_else(|_| "sqlite".into());
    let demo = TestDatabase::new(&backend).expect("db");
    let server = Server::start(stige(&demo.url), &["--demo"]);
    let c = Client::new(&server.address)
        .logged_in("coordinator", stige_demo::programmes::DEMO_PASSWORD)
        .await
        .expect("demo login");
    let ladder = c.ladders().await.expect("ladders")[0].id.0;
    let token = c.token().expect("token").to_owned();
    let (http, base) = (reqwest::Client::new(), server.address.clone());
    let before = create(&http, &base, &token, ladder, 0)
        .await
        .1
        .expect("created before");
    let load = tokio::spawn(async move {
        let mut statuses = vec![];
        for n in 1..80 {
            statuses.push(create(&http, &base, &token, ladder, n).await.0);
        }
        statuses
    });
    actix_web::rt::time::sleep(Duration::from_millis(100)).await;
    let dir = std::env::temp_dir().join(format!("stige-backup-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let file = dir.join(format!("{backend}-{before}.stige-backup"));
    let _ = std::fs::remove_file(&file);
    let (file2, url2) = (file.clone(), demo.url.clone());
    let printed =
        tokio::task::spawn_blocking(move || run_ok(stige(&url2).arg("backup").arg(&file2)))
            .await
            .expect("backup");
    assert!(printed.starts_with("Backed up "), "{printed}");
    let statuses = load.await.expect("load");
    assert!(
        statuses.iter().all(|s| *s == 201),
        "writes while backing up: {statuses:?}"
    );
    // A second backup to the same file is refused: nothing is overwritten.
    assert!(
        !stige(&demo.url)
            .arg("backup")
            .arg(&file)
            .output()
            .expect("run")
            .status
            .success()
    );

    let elsewhere = TestDatabase::new(&backend).expect("db");
    // The wrong key is refused and nothing is written.
    let wrong = stige(&elsewhere.url)
        .env(
            "STIGE_DATA_KEY",
            "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=",
        )
        .arg("restore")
        .arg(&file)
        .output()
        .expect("restore");
    assert!(!wrong.status.success());
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("data key"));
    let refused = dump(&elsewhere.url);
    let written: Vec<&String> = (refused.iter())
        .filter(|(t, rows)| !rows.is_empty() && t != "list_versions" && t != "job_leases")
        .map(|(t, _)| t)
        .collect();
    assert!(
        written.is_empty(),
        "a refused restore writes nothing: {written:?}"
    );

    run_ok(stige(&elsewhere.url).arg("restore").arg(&file));
    let (header, in_file) = backup::read(std::io::BufReader::new(
        std::fs::File::open(&file).expect("file"),
    ))
    .expect("read");
    let restored = dump(&elsewhere.url);
    assert_eq!(
        restored.iter().map(|(t, _)| t.clone()).collect::<Vec<_>>(),
        header.tables.keys().cloned().collect::<Vec<_>>(),
        "every table"
    );
    for (table, rows) in &restored {
        let mut expected = in_file[table].clone();
        expected.sort();
        assert_eq!(rows, &expected, "{table} restored as backed up");
    }
    let filled = header.tables.values().filter(|n| **n > 0).count();
    assert!(
        filled >= 15,
        "the demo fills most tables: {:?}",
        header.tables
    );
    // What was acknowledged before the backup began is in it, and the chain holds.
    let store = Store::open(&elsewhere.url).expect("open");
    let mut conn = store.conn().expect("conn");
    let person = stige_domain::ParticipantId(before);
    assert!(
        stige_store::participants::get(
            &mut conn,
            stige_store::within::Within::Installation,
            person
        )
        .expect("get")
        .is_some()
    );
    drop(conn);
    let verified = run_ok(stige(&elsewhere.url).args(["audit", "verify"]));
    assert!(verified.contains("intact"), "{verified}");
    // The restored server serves the demo users (in demo mode: outside it,
    // Stige refuses to start while demo passwords work).
    let restored_server = Server::start(stige(&elsewhere.url), &["--demo"]);
    let again = Client::new(&restored_server.address)
        .logged_in("coordinator", stige_demo::programmes::DEMO_PASSWORD)
        .await
        .expect("login on the restored database");
    again.participant(person).await.expect("the participant");
    // A second restore into a database in use is refused.
    let twice = stige(&elsewhere.url)
        .arg("restore")
        .arg(&file)
        .output()
        .expect("restore");
    assert!(!twice.status.success());
    let _ = std::fs::remove_file(&file);
}

#[actix_web::test]
async fn rotating_the_data_key_re_encrypts_national_ids_their_lookups_and_contact_details() {
    let app = spawn_app().await;
    let c = app.coordinator().await;
    let body = stige_client::NewParticipant {
        given_name: Some("Kari".into()),
        family_name: Some("Nøkkel".into()),
        ladder_id: Some(app.ladder),
        national_id: Some("15076500565".into()),
        ..Default::default()
    };
    let p = c.create_participant(&body).await.expect("create");
    c.set_contact(
        p.id,
        &stige_client::ParticipantContactInput {
            phone: Some("+47 412 34 567".into()),
            ..Default::default()
        },
    )
    .await
    .expect("contact");
    let new_key = [11u8; 32];
    use base64::Engine;
    let printed = run_ok(
        stige(app.database_url())
            .env(
                "STIGE_NEW_DATA_KEY",
                base64::engine::general_purpose::STANDARD.encode(new_key),
            )
            .arg("rotate-data-key"),
    );
    assert!(printed.starts_with("Re-encrypted 2 values"), "{printed}");
    let row = stige_store::participants::get(
        &mut app.conn(),
        stige_store::within::Within::Installation,
        p.id,
    )
    .expect("get")
    .expect("row");
    let new = stige_secrets::cipher::DataCipher::new(&new_key);
    let stored = row.national_id_cipher.expect("cipher");
    assert_eq!(new.decrypt(&stored).expect("new key"), "15076500565");
    assert!(
        app.cipher.decrypt(&stored).is_err(),
        "the old key no longer opens it"
    );
    assert_eq!(row.national_id_lookup, Some(new.lookup("15076500565")));
    // The contact details open with the new key only.
    let sealed = stige_store::contacts::sealed_of(&mut app.conn(), p.id)
        .expect("read")
        .expect("sealed");
    assert!(app.cipher.decrypt(&sealed.sealed).is_err());
    assert!(
        new.decrypt(&sealed.sealed)
            .expect("new key")
            .contains("+47 412 34 567")
    );
}

/// The participants' list on `client`, page `page` of 2.
async fn page(client: &Client, page: i64) -> (i64, Vec<i64>) {
    let list = client
        .participants(&ParticipantQuery {
            page: Some(page),
            per_page: Some(2),
            ..Default::default()
        })
        .await
        .expect("list");
    (list.total, list.items.iter().map(|p| p.id.0).collect())
}

#[actix_web::test]
async fn two_servers_on_one_postgresql_share_lists_versions_throttles_and_daily_jobs() {
    let app: TestApp = spawn_app_on("postgres").await;
    for (given, family) in [("Anne", "Berg"), ("Per", "Dahl"), ("Kari", "Foss")] {
        app.new_participant(given, family).await;
    }
    let a = Server::start(stige(app.database_url()), &[]);
    let b = Server::start(stige(app.database_url()), &[]);
    let (ca, cb) = (
        login(&a.address, "coordinator").await,
        login(&b.address, "coordinator").await,
    );

    // Lists: B remembers its totals and page starts; A's write shows at once.
    assert_eq!(page(&cb, 1).await, page(&ca, 1).await);
    let (total, _) = page(&cb, 2).await;
    assert_eq!(total, 3);
    let created = ca
        .create_participant(&stige_client::NewParticipant {
            given_name: Some("Aksel".into()),
            family_name: Some("Aas".into()),
            ladder_id: Some(app.ladder),
            ..Default::default()
        })
        .await
        .expect("create on A");
    let (total, first) = page(&cb, 1).await;
    assert_eq!(total, 4, "B's total counts A's participant");
    assert_eq!(first[0], created.id.0, "Aas sorts first, on B's first page");
    let (_, second) = page(&cb, 2).await;
    assert_eq!(
        second,
        page(&ca, 2).await.1,
        "B's second page starts where A's does"
    );

    // If-Match: A's change makes the version B's client read stale.
    let read_on_b = cb.participant(created.id).await.expect("read on B");
    let update = ParticipantUpdate {
        given_name: Some("Axel".into()),
        family_name: Some("Aas".into()),
        ..Default::default()
    };
    ca.update_participant(created.id, &update, read_on_b.version)
        .await
        .expect("update on A");
    let stale = cb
        .update_participant(created.id, &update, read_on_b.version)
        .await
        .expect_err("B's version is stale");
    assert_eq!(stale.status(), Some(412));

    // Throttles: failed logins count across both servers.
    for n in 0..5 {
        let base = if n % 2 == 0 { &a.address } else { &b.address };
        let failed = Client::new(base)
            .login("mentor", "not the password")
            .await
            .expect_err("wrong");
        assert_eq!(failed.status(), Some(401));
    }
    for base in [&a.address, &b.address] {
        let throttled = Client::new(base)
            .login("mentor", PASSWORD)
            .await
            .expect_err("throttled");
        assert_eq!(throttled.status(), Some(429));
    }

    // The daily maintenance ran on one of them.
    let ran = |s: &Server| s.log().matches("daily maintenance ran").count();
    let until = Instant::now() + Duration::from_secs(5);
    while ran(&a) + ran(&b) == 0 && Instant::now() < until {
        actix_web::rt::time::sleep(Duration::from_millis(50)).await;
    }
    actix_web::rt::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(ran(&a) + ran(&b), 1, "A: {}\nB: {}", a.log(), b.log());
}

#[actix_web::test]
async fn metrics_are_served_apart_and_json_logs_carry_the_request_id_of_the_problem() {
    let app = spawn_app().await;
    let mut command = stige(app.database_url());
    command
        .env("STIGE_METRICS_BIND", "127.0.0.1:0")
        .env("STIGE_LOG_FORMAT", "json");
    let server = Server::start(command, &[]);
    let metrics = server.metrics.clone().expect("metrics address");
    assert!(metrics.ends_with("/metrics") && !metrics.starts_with(&server.address));
    let c = login(&server.address, "coordinator").await;
    c.participants(&ParticipantQuery::default())
        .await
        .expect("list");
    let _ = Client::new(&server.address)
        .login("mentor", "wrong password")
        .await;
    let missing = c
        .request(reqwest::Method::GET, "/api/v1/participants/999999")
        .sent()
        .await;
    assert_eq!(missing.status().as_u16(), 404);
    let request_id = missing.headers()["x-request-id"]
        .to_str()
        .expect("id")
        .to_owned();
    let problem: serde_json::Value = missing.json().await.expect("problem");
    assert_eq!(
        problem["instance"],
        format!("urn:stige:request:{request_id}")
    );
    let text = reqwest::get(&metrics)
        .await
        .expect("scrape")
        .text()
        .await
        .expect("text");
    for expected in [
        "stige_http_requests_total{method=\"GET\",route=\"/api/v1/participants\",status=\"200\"}",
        "stige_http_request_duration_seconds_bucket",
        "stige_db_pool_connections{state=\"idle\"}",
        "stige_db_pool_waiting",
        "stige_audit_writer_queue",
        "stige_audit_writer_lag_seconds",
        "stige_outbox_undelivered",
        "stige_outbox_oldest_undelivered_age_seconds",
        "stige_login_failures_total 1",
    ] {
        assert!(text.contains(expected), "{expected} in\n{text}");
    }
    let api_metrics = Client::new(&server.address)
        .request(reqwest::Method::GET, "/metrics")
        .sent()
        .await;
    assert_ne!(
        api_metrics.status().as_u16(),
        200,
        "not on the API's address"
    );
    actix_web::rt::time::sleep(Duration::from_millis(200)).await;
    let log = server.log();
    let lines: Vec<serde_json::Value> = log
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|_| panic!("a JSON line: {l}")))
        .collect();
    assert!(
        lines
            .iter()
            .any(|l| l["fields"]["request_id"] == request_id.as_str()
                && l["fields"]["status"] == 404
                && l["fields"]["path"] == "/api/v1/participants/999999"),
        "a log line with the request id {request_id}:\n{log}"
    );
    assert!(!log.contains("wrong password"));
}

#[actix_web::test]
async fn sigterm_during_a_burst_of_writes_keeps_every_acknowledged_write_and_its_audit_event() {
    let app = spawn_app().await;
    let mut server = Server::start(stige(app.database_url()), &[]);
    let token = app.coordinator().await.token().expect("token").to_owned();
    let http = reqwest::Client::new();
    let clients: Vec<_> = (0..8)
        .map(|c| {
            let (http, base, token, ladder) = (
                http.clone(),
                server.address.clone(),
                token.clone(),
                app.ladder.0,
            );
            tokio::spawn(async move {
                let mut answers = vec![];
                for n in 0..200 {
                    let answer = create(&http, &base, &token, ladder, c * 1000 + n).await;
                    let refused = answer.0 == 0;
                    answers.push(answer);
                    if refused {
                        break;
                    }
                }
                answers
            })
        })
        .collect();
    actix_web::rt::time::sleep(Duration::from_millis(700)).await;
    server.terminate();
    let mut created = vec![];
    for c in clients {
        for (status, id) in c.await.expect("client") {
            assert!(status == 201 || status == 0, "answered {status}");
            created.extend(id);
        }
    }
    let until = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = server.child.try_wait().expect("wait") {
            break status;
        }
        assert!(Instant::now() < until, "stige did not stop");
        actix_web::rt::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(status.success(), "exit status {status}: {}", server.log());
    assert!(
        created.len() >= 8,
        "writes were acknowledged: {}",
        created.len()
    );
    for id in created {
        let id = stige_domain::ParticipantId(id);
        assert!(
            stige_store::participants::get(
                &mut app.conn(),
                stige_store::within::Within::Installation,
                id
            )
            .expect("get")
            .is_some(),
            "participant {id:?} is stored"
        );
        assert!(
            app.audit_actions(id)
                .iter()
                .any(|a| a == "participant.create"),
            "participant {id:?}'s audit event"
        );
    }
}

#[actix_web::test]
async fn an_answer_s_request_id_is_in_its_audit_events_and_the_chain_holds() {
    let app = spawn_app().await;
    let c = app.coordinator().await;
    let created = c
        .request(reqwest::Method::POST, "/api/v1/participants")
        .json(&serde_json::json!({
            "given_name": "Kari",
            "family_name": "Spor",
            "ladder_id": app.ladder.0,
        }))
        .sent()
        .await;
    assert_eq!(created.status().as_u16(), 201);
    let made_by = created.headers()["x-request-id"]
        .to_str()
        .expect("id")
        .to_owned();
    let id: serde_json::Value = created.json().await.expect("body");
    let id = stige_domain::ParticipantId(id["id"].as_i64().expect("id"));
    let read = c
        .request(
            reqwest::Method::GET,
            &format!("/api/v1/participants/{}", id.0),
        )
        .sent()
        .await;
    assert_eq!(read.status().as_u16(), 200);
    let read_by = read.headers()["x-request-id"]
        .to_str()
        .expect("id")
        .to_owned();
    assert_ne!(made_by, read_by);
    let events = stige_store::audit::for_participant(&mut app.conn(), id).expect("audit");
    let of = |action: &str| {
        events
            .iter()
            .find(|e| e.action == action)
            .and_then(|e| e.request_id.clone())
    };
    assert_eq!(of("participant.create"), Some(made_by));
    assert_eq!(of("participant.read"), Some(read_by));
    let verified = stige_store::audit_chain::verify(&mut app.conn()).expect("verify");
    assert_eq!(verified.broken, None);
    assert!(verified.events >= 2);
}
