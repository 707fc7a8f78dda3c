//! The outbox: an invitation's link is given once to the staff member who sends
//! it, and kept nowhere in a usable form (the outbox and its table show it as
//! `…/employer/…`; the mailer gets it sealed with the data key). Delivery against
//! a local SMTP sink started by the test, including a server that refuses: the
//! message stays, marked failed, and is retried.

use crate::helpers::{Sent, TestApp, assert_problem, fields, spawn_app, status_of};
use crate::placements::{link_token, placement, version};
use diesel::prelude::*;
use reqwest::Method;
use serde_json::json;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use stige_api::mail::{Sender, Smtp, deliver_due};
use stige_client::{InvitationPurpose, InvitationRequest, InvitationSent};
use stige_domain::message::MessageState;
use stige_secrets::cipher::DataCipher;
use stige_store::invitations::{self, MessageRow, NewMessage};
use stige_store::schema::outbox;

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

/// Proposes a placement for Kari Nordmann and invites the employer to confirm it.
async fn invitation(app: &TestApp) -> InvitationSent {
    let person = app.active_participant("Kari", "Nordmann").await;
    let (_, id) = placement(app, person.id, 7).await;
    app.coordinator()
        .await
        .invite_employer(
            id,
            &InvitationRequest {
                purpose: Some(InvitationPurpose::Confirm),
            },
            version(app, id).await,
        )
        .await
        .expect("invite")
}

/// The stored message, every column.
fn stored(app: &TestApp, id: i64) -> MessageRow {
    invitations::messages(&mut app.conn(), 200)
        .expect("outbox")
        .into_iter()
        .find(|m| m.id == id)
        .expect("stored")
}

/// Delivers what is due with `sender` and the data key `cipher`.
async fn deliver(
    app: &TestApp,
    sender: Arc<dyn Sender + Send + Sync>,
    cipher: DataCipher,
    now: chrono::NaiveDateTime,
) -> (usize, usize) {
    let store = app.store.clone();
    actix_web::web::block(move || deliver_due(&store, &*sender, &cipher, now))
        .await
        .expect("block")
        .expect("deliver")
}

/// A mailer that keeps what it is given.
#[derive(Default)]
struct Recorder(Mutex<Vec<MessageRow>>);

impl Sender for Recorder {
    fn send(&self, message: &MessageRow) -> Result<(), String> {
        self.0
            .lock()
            .map_err(|e| e.to_string())?
            .push(message.clone());
        Ok(())
    }
}

#[actix_web::test]
async fn the_link_is_given_once_and_neither_the_outbox_nor_its_table_holds_the_token() {
    let app = spawn_app().await;
    let sent = invitation(&app).await;
    let token = link_token(&sent.link);
    assert_eq!(sent.link, format!("http://stige.test/employer/{token}"));
    assert_eq!(token.len(), 43, "256 bits, base64url");

    // What staff see in the outbox: the message, with the link's token left out.
    let c = app.coordinator().await;
    let listed = c.outbox().await.expect("outbox");
    let message = listed
        .iter()
        .find(|m| m.id == sent.message_id)
        .expect("listed");
    assert!(
        message.body.contains("http://stige.test/employer/…"),
        "{}",
        message.body
    );
    let raw = c
        .request(Method::GET, "/api/v1/outbox")
        .sent()
        .await
        .text()
        .await
        .expect("text");
    assert!(!raw.contains(&token), "the outbox shows no token: {raw}");

    // The e-mail names no participant, in its subject or its body.
    for text in [&message.subject, &message.body] {
        assert!(
            !text.contains("Kari") && !text.contains("Nordmann"),
            "{text}"
        );
    }

    // The table: no column holds the token; the link is sealed with the data key
    // and opens with that key only.
    let row = stored(&app, sent.message_id);
    assert!(!format!("{row:?}").contains(&token), "{row:?}");
    let sealed = row.sealed_link.as_deref().expect("sealed for the mailer");
    assert_eq!(app.cipher.decrypt(sealed).expect("opens"), sent.link);
    assert!(DataCipher::new(&[1u8; 32]).decrypt(sealed).is_err());
    let invitation = invitations::for_placement(&mut app.conn(), sent.placement.id)
        .expect("invitations")
        .pop()
        .expect("one");
    assert_eq!(
        invitation.token_hash,
        stige_secrets::token::token_hash(&token)
    );
    assert!(!format!("{invitation:?}").contains(&token));

    // The link works for the employer.
    let view = app
        .client
        .request(Method::GET, &format!("/api/v1/employer/{token}"))
        .sent()
        .await;
    assert_eq!(view.status(), 200);
}

#[actix_web::test]
async fn an_invitation_without_a_purpose_or_for_someone_unseen_writes_no_message() {
    let app = spawn_app().await;
    let person = app.active_participant("Kari", "Nordmann").await;
    let (_, id) = placement(&app, person.id, 7).await;
    let c = app.coordinator().await;
    let at = format!("\"{}\"", version(&app, id).await);
    let missing = c
        .request(Method::POST, &format!("/api/v1/placements/{id}/invite"))
        .header("If-Match", &at)
        .json(&json!({}))
        .sent()
        .await;
    let problem = assert_problem(missing, 422).await;
    assert_eq!(fields(&problem), ["purpose"]);
    let unknown = c
        .request(Method::POST, "/api/v1/placements/424242/invite")
        .header("If-Match", "\"1\"")
        .json(&json!({"purpose": "confirm"}))
        .sent()
        .await;
    assert_problem(unknown, 404).await;
    let request = InvitationRequest {
        purpose: Some(InvitationPurpose::Confirm),
    };
    for outsider in [app.mentor().await, app.viewer().await] {
        let refused = outsider
            .invite_employer(id, &request, version(&app, id).await)
            .await
            .unwrap_err();
        assert_eq!(status_of(&refused), 403);
    }
    assert!(c.outbox().await.expect("outbox").is_empty());
    assert!(
        invitations::for_placement(&mut app.conn(), id)
            .expect("invitations")
            .is_empty()
    );
}

#[actix_web::test]
async fn the_mailer_sends_the_real_link_and_keeps_it_sealed_until_it_has_left() {
    let app = spawn_app().await;
    let sent = invitation(&app).await;
    // As with a mail server configured: the message waits to be sent.
    diesel::update(outbox::table.find(sent.message_id))
        .set(outbox::state.eq("pending"))
        .execute(&mut app.conn())
        .expect("pending");
    let now = stige_store::now();

    // With another data key the link cannot be opened: nothing leaves, and the
    // message waits for a retry, still sealed.
    let mailer = Arc::new(Recorder::default());
    let wrong = DataCipher::new(&[1u8; 32]);
    assert_eq!(deliver(&app, mailer.clone(), wrong, now).await, (0, 1));
    assert!(mailer.0.lock().expect("lock").is_empty());
    let row = stored(&app, sent.message_id);
    assert_eq!(row.state, MessageState::Failed);
    assert!(
        row.last_error
            .as_deref()
            .is_some_and(|e| e.contains("could not be opened")),
        "{:?}",
        row.last_error
    );
    assert!(row.sealed_link.is_some());

    // With the right key, the employer gets the working link.
    let later = row.next_attempt_at + chrono::Duration::seconds(1);
    assert_eq!(
        deliver(&app, mailer.clone(), app.cipher.clone(), later).await,
        (1, 0)
    );
    let delivered = mailer.0.lock().expect("lock").clone();
    assert_eq!(delivered.len(), 1);
    assert!(
        delivered[0].body.contains(&sent.link),
        "{}",
        delivered[0].body
    );
    let row = stored(&app, sent.message_id);
    assert_eq!(row.state, MessageState::Sent);
    assert_eq!(row.sealed_link, None, "nothing of the link stays behind");
    assert!(!row.body.contains(&link_token(&sent.link)));
}

#[actix_web::test]
async fn a_message_is_delivered_by_smtp_and_a_refusal_is_retried_with_backoff() {
    let app = spawn_app().await;
    let link = "http://stige.test/employer/abc";
    let sealed = app.cipher.encrypt(link).expect("seal");
    let id = invitations::enqueue(
        &mut app.conn(),
        &NewMessage {
            placement: None,
            recipient: "anna@verkstad.example",
            subject: "Praktikplats",
            body: "Hej Anna, bekräfta här: http://stige.test/employer/…",
            language: stige_domain::placement::Language::Sv,
            state: MessageState::Pending,
            sealed_link: Some(&sealed),
        },
    )
    .expect("enqueue");
    let now = stige_store::now();
    let smtp = |url: &str| -> Arc<dyn Sender + Send + Sync> {
        Arc::new(Smtp::new(url, "stige@programme.example").expect("smtp"))
    };

    let (refusing, nothing) = smtp_sink(true);
    assert_eq!(
        deliver(&app, smtp(&refusing), app.cipher.clone(), now).await,
        (0, 1)
    );
    assert!(nothing.lock().expect("lock").is_empty());
    let row = stored(&app, id);
    assert_eq!((row.state.as_str(), row.attempts), ("failed", 1));
    assert!(
        row.last_error.as_deref().is_some_and(|e| e.contains("554")),
        "{:?}",
        row.last_error
    );
    assert!(row.next_attempt_at > now, "retried later, not at once");

    // Not due yet: nothing happens.
    let (good, received) = smtp_sink(false);
    assert_eq!(
        deliver(&app, smtp(&good), app.cipher.clone(), now).await,
        (0, 0)
    );

    // Once due, the retry delivers it, with the link opened.
    let later = row.next_attempt_at + chrono::Duration::seconds(1);
    assert_eq!(
        deliver(&app, smtp(&good), app.cipher.clone(), later).await,
        (1, 0)
    );
    let bodies = received.lock().expect("lock").clone();
    assert_eq!(bodies.len(), 1);
    assert!(bodies[0].contains("employer/abc"), "{}", bodies[0]);
    let row = stored(&app, id);
    assert_eq!((row.state.as_str(), row.attempts), ("sent", 2));
    assert!(row.sent_at.is_some() && row.last_error.is_none());
    assert_eq!(row.sealed_link, None, "the link leaves with the message");
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
