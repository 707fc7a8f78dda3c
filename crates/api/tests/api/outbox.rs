//! Outbox delivery against a local SMTP sink started by the test, including a
//! server that refuses: the message stays, marked failed, and is retried.

use crate::helpers::spawn_app;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use stige_api::mail::{Smtp, deliver_due};
use stige_store::invitations::{self, NewMessage};

/// A one-thread SMTP sink on 127.0.0.1:0. With `refuse`, it answers 554 to MAIL.
/// Returns its URL and the bodies it received.
fn smtp_sink(refuse: bool) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("smtp://{}", listener.local_addr().expect("addr"));
    let received = Arc::new(Mutex::new(vec![]));
    let store = received.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut out = stream.try_clone().expect("clone");
            let mut lines = BufReader::new(stream);
            let _ = out.write_all(b"220 sink ESMTP\r\n");
            let mut data = false;
            let mut body = String::new();
            let mut line = String::new();
            while lines.read_line(&mut line).map(|n| n > 0).unwrap_or(false) {
                let upper = line.to_uppercase();
                let reply: &[u8] = if data {
                    if line == ".\r\n" {
                        data = false;
                        if let Ok(mut r) = store.lock() {
                            r.push(std::mem::take(&mut body));
                        }
                        b"250 queued\r\n"
                    } else {
                        body.push_str(&line);
                        b""
                    }
                } else if upper.starts_with("EHLO") || upper.starts_with("HELO") {
                    b"250 sink\r\n"
                } else if upper.starts_with("MAIL") && refuse {
                    b"554 no thanks\r\n"
                } else if upper.starts_with("DATA") {
                    data = true;
                    b"354 go on\r\n"
                } else if upper.starts_with("QUIT") {
                    let _ = out.write_all(b"221 bye\r\n");
                    break;
                } else {
                    b"250 ok\r\n"
                };
                if !reply.is_empty() && out.write_all(reply).is_err() {
                    break;
                }
                line.clear();
            }
        }
    });
    (url, received)
}

#[actix_web::test]
async fn a_message_is_delivered_by_smtp_and_a_refusal_is_retried_with_backoff() {
    let app = spawn_app().await;
    let id = invitations::enqueue(
        &mut app.conn(),
        &NewMessage {
            placement: None,
            recipient: "anna@verkstad.example",
            subject: "Praktikplats",
            body: "Hej Anna, bekräfta här: http://stige.test/employer/abc",
            language: "sv",
            state: "pending",
        },
    )
    .expect("enqueue");
    let now = stige_store::now();

    let (refusing, nothing) = smtp_sink(true);
    let sender = Smtp::new(&refusing, "stige@programme.example").expect("smtp");
    let store = app.store.clone();
    let (sent, failed) = actix_web::web::block(move || deliver_due(&store, &sender, now))
        .await
        .expect("block")
        .expect("deliver");
    assert_eq!((sent, failed), (0, 1));
    assert!(nothing.lock().expect("lock").is_empty());
    let row = invitations::messages(&mut app.conn(), 10)
        .expect("outbox")
        .into_iter()
        .find(|m| m.id == id)
        .expect("kept");
    assert_eq!((row.state.as_str(), row.attempts), ("failed", 1));
    assert!(
        row.last_error.as_deref().is_some_and(|e| e.contains("554")),
        "{:?}",
        row.last_error
    );
    assert!(row.next_attempt_at > now, "retried later, not at once");

    // Not due yet: nothing happens.
    let (good, received) = smtp_sink(false);
    let sender = Smtp::new(&good, "stige@programme.example").expect("smtp");
    let store = app.store.clone();
    let early = actix_web::web::block(move || deliver_due(&store, &sender, now))
        .await
        .expect("block")
        .expect("deliver");
    assert_eq!(early, (0, 0));

    // Once due, the retry delivers it.
    let later = row.next_attempt_at + chrono::Duration::seconds(1);
    let sender = Smtp::new(&good, "stige@programme.example").expect("smtp");
    let store = app.store.clone();
    let retry = actix_web::web::block(move || deliver_due(&store, &sender, later))
        .await
        .expect("block")
        .expect("deliver");
    assert_eq!(retry, (1, 0));
    let bodies = received.lock().expect("lock").clone();
    assert_eq!(bodies.len(), 1);
    assert!(bodies[0].contains("employer/abc"), "{}", bodies[0]);
    let row = invitations::messages(&mut app.conn(), 10)
        .expect("outbox")
        .into_iter()
        .find(|m| m.id == id)
        .expect("kept");
    assert_eq!((row.state.as_str(), row.attempts), ("sent", 2));
    assert!(row.sent_at.is_some() && row.last_error.is_none());
    assert!(
        !row.body.contains("employer/abc"),
        "the token leaves with the message: {}",
        row.body
    );
}

#[test]
fn a_bad_smtp_url_or_sender_is_refused_with_a_clear_message() {
    let Err(e) = Smtp::new("not a url", "stige@example.no") else {
        panic!("accepted a bad URL");
    };
    assert!(e.to_string().contains("STIGE_SMTP_URL"));
    let Err(e) = Smtp::new("smtp://127.0.0.1:2525", "nobody") else {
        panic!("accepted a bad sender");
    };
    assert!(e.to_string().contains("STIGE_MAIL_FROM"));
}
