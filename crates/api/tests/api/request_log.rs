//! The access log of the real `stige serve`: an employer's link and a search by
//! name leave neither the token nor the name in it.

use crate::helpers::{PASSWORD, Sent, get_json, spawn_app};
use crate::placements::{invite, placement};
use crate::processes::{Server, stige};
use reqwest::Method;
use stige_client::{Client, InvitationPurpose};

/// `stige serve` on port 0 over the test's database, with the test's keys, a
/// stand-in web app and the default log filter.
fn serve(database_url: &str) -> Server {
    let web_dir = std::env::temp_dir().join(format!("stige-log-web-{}", std::process::id()));
    std::fs::create_dir_all(&web_dir).expect("web dir");
    std::fs::write(
        web_dir.join("index.html"),
        "<!doctype html><title>Stige</title>",
    )
    .expect("index.html");
    let mut command = stige(database_url);
    command.env("STIGE_WEB_DIR", &web_dir);
    Server::start(command, &[])
}

#[actix_web::test]
async fn the_access_log_holds_no_employer_token_and_no_search_term() {
    let app = spawn_app().await;
    let person = app.active_participant("Kari", "Nordmann").await;
    let (_, id) = placement(&app, person.id, 7).await;
    let token = invite(&app, id, InvitationPurpose::Confirm).await;
    let mut server = serve(app.database_url());
    let client = Client::new(&server.address);

    // The employer opens the link, in the web app and over REST.
    let web = client
        .request(Method::GET, &format!("/employer/{token}"))
        .sent()
        .await;
    assert!(web.status().is_success(), "{}", web.status());
    let view = client
        .request(Method::GET, &format!("/api/v1/employer/{token}"))
        .sent()
        .await;
    assert_eq!(view.status(), 200);
    // Staff search participants by name.
    let staff = client
        .logged_in("coordinator", PASSWORD)
        .await
        .expect("login");
    let found = get_json(&staff, "/api/v1/participants?q=Nordmann&per_page=20").await;
    assert_eq!(found["total"], 1, "{found}");

    let _ = server.child.kill();
    let _ = server.child.wait();
    // The stderr reader ends with the process; give it a moment to take the rest.
    std::thread::sleep(std::time::Duration::from_millis(200));
    let log = server.log();
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
