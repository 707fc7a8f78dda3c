//! The access log of the real `stige serve`: an employer's link and a search by
//! name leave neither the token nor the name in it.

use crate::helpers::{PASSWORD, get_json, spawn_app};
use crate::placements::{invite, placement};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use reqwest::Method;
use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use stige_client::{Client, InvitationPurpose};

/// `stige serve` on port 0 over the test's database, with the test's keys, a
/// stand-in web app and the default log filter; returns the process, its address
/// and its log (stderr).
fn serve(database_url: &str) -> (Child, String, Arc<Mutex<String>>) {
    let web_dir = std::env::temp_dir().join(format!("stige-log-web-{}", std::process::id()));
    std::fs::create_dir_all(&web_dir).expect("web dir");
    std::fs::write(
        web_dir.join("index.html"),
        "<!doctype html><title>Stige</title>",
    )
    .expect("index.html");
    let mut child = Command::new(env!("CARGO_BIN_EXE_stige"))
        .args(["serve", "--bind", "127.0.0.1:0"])
        .env("DATABASE_URL", database_url)
        .env("STIGE_JWT_SECRET", STANDARD.encode([7u8; 32]))
        .env("STIGE_DATA_KEY", STANDARD.encode([9u8; 32]))
        .env("STIGE_WEB_DIR", &web_dir)
        .env_remove("RUST_LOG")
        .env_remove("STIGE_SMTP_URL")
        .env_remove("STIGE_BIND")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start stige serve");
    let log = Arc::new(Mutex::new(String::new()));
    let mut stderr = child.stderr.take().expect("stderr");
    let sink = log.clone();
    std::thread::spawn(move || {
        let mut chunk = [0u8; 4096];
        while let Ok(n) = stderr.read(&mut chunk) {
            if n == 0 {
                break;
            }
            if let Ok(mut log) = sink.lock() {
                log.push_str(&String::from_utf8_lossy(&chunk[..n]));
            }
        }
    });
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut line = String::new();
    let address = loop {
        line.clear();
        let read = stdout.read_line(&mut line).expect("stdout");
        if read == 0 {
            let _ = child.wait();
            panic!("stige serve ended: {}", log.lock().expect("log"));
        }
        if let Some(address) = line.trim().strip_prefix("Stige is listening on ") {
            break address.to_owned();
        }
    };
    (child, address, log)
}

#[actix_web::test]
async fn the_access_log_holds_no_employer_token_and_no_search_term() {
    let app = spawn_app().await;
    let person = app.active_participant("Kari", "Nordmann").await;
    let (_, id) = placement(&app, person.id, 7).await;
    let token = invite(&app, id, InvitationPurpose::Confirm).await;
    let (mut server, address, log) = serve(app.database_url());
    let client = Client::new(&address);

    // The employer opens the link, in the web app and over REST.
    let web = client
        .request(Method::GET, &format!("/employer/{token}"))
        .send()
        .await
        .expect("send");
    assert!(web.status().is_success(), "{}", web.status());
    let view = client
        .request(Method::GET, &format!("/api/v1/employer/{token}"))
        .send()
        .await
        .expect("send");
    assert_eq!(view.status(), 200);
    // Staff search participants by name.
    let staff = client
        .logged_in("coordinator", PASSWORD)
        .await
        .expect("login");
    let found = get_json(&staff, "/api/v1/participants?q=Nordmann&per_page=20").await;
    assert_eq!(found["total"], 1, "{found}");

    let _ = server.kill();
    let _ = server.wait();
    // The stderr reader ends with the process; give it a moment to take the rest.
    std::thread::sleep(std::time::Duration::from_millis(200));
    let log = log.lock().expect("log").clone();
    for line in [
        "\"GET /employer/… HTTP/1.1\" 200",
        "\"GET /api/v1/employer/… HTTP/1.1\" 200",
        "\"GET /api/v1/participants?q=…&per_page=20 HTTP/1.1\" 200",
    ] {
        assert!(log.contains(line), "logged: {line}\n{log}");
    }
    assert!(!log.contains(&token), "the token is in the log:\n{log}");
    assert!(!log.contains("Nordmann"), "the name is in the log:\n{log}");
}
