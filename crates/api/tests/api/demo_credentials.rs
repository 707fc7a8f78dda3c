//! No demo credential outside demo mode: `stige seed` adds the demo users only
//! with `--demo`, and `stige serve` without `--demo` refuses to start while an
//! account or API client still opens with a demo credential.

use crate::helpers::{PASSWORD, spawn_app};
use crate::processes::{Server, run_ok, stige};
use diesel::prelude::*;
use std::io::Write;
use std::process::Stdio;
use stige_client::Client;
use stige_demo::partners::DEMO_CLIENT_SECRET;
use stige_demo::programmes::DEMO_PASSWORD;
use stige_store::schema::{api_clients, users};
use stige_store::testing::TestDatabase;

/// Runs `stige ARGS` with `input` on stdin; (success, stdout + stderr).
fn run_with_input(url: &str, args: &[&str], input: &str) -> (bool, String) {
    let mut child = stige(url)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run stige");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[actix_web::test]
async fn serve_refuses_demo_credentials_outside_demo_mode_until_they_are_changed() {
    let app = spawn_app().await;
    let setup = app.kristiansand_kommune(&[]).await;
    let client_id = setup.secret.client.client_id.clone();
    // The mentor's password and the client's secret become the demo's.
    let demo_hash = stige_secrets::password::hash(DEMO_PASSWORD).expect("hash");
    let secret_hash = stige_secrets::password::hash(DEMO_CLIENT_SECRET).expect("hash");
    diesel::update(users::table.filter(users::username.eq("mentor")))
        .set(users::password_hash.eq(&demo_hash))
        .execute(&mut app.conn())
        .expect("demo password");
    diesel::update(api_clients::table.filter(api_clients::client_id.eq(&client_id)))
        .set(api_clients::secret_hash.eq(&secret_hash))
        .execute(&mut app.conn())
        .expect("demo secret");

    let out = stige(app.database_url())
        .args(["serve", "--bind", "127.0.0.1:0"])
        .output()
        .expect("run");
    let said = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success(), "refused to start: {said}");
    assert!(said.contains("demo password: mentor "), "{said}");
    assert!(said.contains(&client_id), "{said}");
    assert!(
        !said.contains("coordinator"),
        "only those with demo credentials: {said}"
    );

    // A new password for the mentor (too short first: refused, nothing changed).
    let (ok, said) = run_with_input(
        app.database_url(),
        &["set-password", "--username", "mentor"],
        "short\n",
    );
    assert!(!ok && said.contains("password"), "{said}");
    let (ok, said) = run_with_input(
        app.database_url(),
        &["set-password", "--username", "nobody"],
        "a long new passphrase\n",
    );
    assert!(!ok && said.contains("no user named nobody"), "{said}");
    let (ok, said) = run_with_input(
        app.database_url(),
        &["set-password", "--username", "mentor"],
        "a long new passphrase\n",
    );
    assert!(ok, "{said}");
    // Still refused: the client.
    let out = stige(app.database_url())
        .args(["serve", "--bind", "127.0.0.1:0"])
        .output()
        .expect("run");
    let said = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success() && said.contains(&client_id), "{said}");
    assert!(!said.contains("mentor"), "{said}");
    run_ok(stige(app.database_url()).args(["revoke-client", "--client-id", &client_id]));

    // Now it starts, and the mentor signs in with the new password only.
    let server = Server::start(stige(app.database_url()), &[]);
    let client = Client::new(&server.address);
    assert!(client.login("mentor", DEMO_PASSWORD).await.is_err());
    assert!(
        client
            .login("mentor", "a long new passphrase")
            .await
            .is_ok()
    );
    assert!(client.login("coordinator", PASSWORD).await.is_ok());
    assert!(
        client
            .client_credentials(&client_id, DEMO_CLIENT_SECRET)
            .await
            .is_err(),
        "the revoked client"
    );
}

#[actix_web::test]
async fn seed_adds_the_demo_users_only_when_asked() {
    let db = TestDatabase::new("sqlite").expect("database");
    let out = stige(&db.url)
        .args(["seed", "--participants", "3", "--years", "1"])
        .output()
        .expect("run");
    let said = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success(), "{said}");
    assert!(said.contains("stige seed --demo"), "{said}");
    let store = stige_store::Store::open(&db.url).expect("open");
    assert_eq!(
        stige_store::users::count(&mut store.conn().expect("conn")).expect("count"),
        0,
        "no demo user was made"
    );
    let made =
        run_ok(stige(&db.url).args(["seed", "--demo", "--participants", "3", "--years", "1"]));
    assert!(made.contains("Seeded 3 participants"), "{made}");
    assert!(stige_store::users::count(&mut store.conn().expect("conn")).expect("count") > 0);
}
