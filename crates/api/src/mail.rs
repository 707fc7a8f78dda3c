//! Delivery of the outbox by SMTP (lettre) when `STIGE_SMTP_URL` is set, e.g.
//! `smtp://mail.example.no:587?tls=required` or `smtps://user:pass@host`. Without
//! it, messages are kept in the outbox for staff to read and copy. A failed
//! delivery stays in the outbox, marked failed, and is retried with backoff.
//! A stored message shows its employer link without the token; the mailer opens
//! the sealed link with the data key and puts it into the body it sends.

use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::{Message, SmtpTransport, Transport};
use std::time::Duration;
use stige_domain::message::MessageState;
use stige_secrets::cipher::DataCipher;
use stige_store::Store;
use stige_store::invitations::{self, MessageRow};

/// Who delivers the outbox's messages (`AppState::delivery`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Delivery {
    /// A mail server (`STIGE_SMTP_URL`).
    Smtp,
    /// Staff, by hand: messages are kept for them to copy.
    #[default]
    ByHand,
}

impl Delivery {
    /// The state a new message starts in: `pending` when a mail server will
    /// deliver it, `kept` when staff deliver it by hand.
    pub fn initial_state(self) -> MessageState {
        match self {
            Self::Smtp => MessageState::Pending,
            Self::ByHand => MessageState::Kept,
        }
    }
}

/// Minutes to wait before the next attempt after `attempts` failures: 1, 2, 4, …
/// up to 512 (about 8.5 hours).
pub fn backoff_minutes(attempts: i32) -> i64 {
    1i64 << attempts.clamp(0, 9)
}

/// Something that delivers one message, or says why it could not.
pub trait Sender {
    fn send(&self, message: &MessageRow) -> Result<(), String>;
}

/// Delivery by SMTP.
pub struct Smtp {
    transport: SmtpTransport,
    from: Mailbox,
}

impl Smtp {
    pub fn new(url: &str, from: &str) -> anyhow::Result<Self> {
        let transport = SmtpTransport::from_url(url)
            .map_err(|e| anyhow::anyhow!("STIGE_SMTP_URL is not a usable SMTP address: {e}"))?
            .timeout(Some(Duration::from_secs(20)))
            .build();
        let from = from
            .parse()
            .map_err(|e| anyhow::anyhow!("STIGE_MAIL_FROM is not an e-mail address: {e}"))?;
        Ok(Self { transport, from })
    }
}

impl Sender for Smtp {
    fn send(&self, m: &MessageRow) -> Result<(), String> {
        let to: Mailbox = m
            .recipient
            .parse()
            .map_err(|_| format!("{} is not an e-mail address", m.recipient))?;
        let email = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(m.subject.clone())
            .header(ContentType::TEXT_PLAIN)
            .body(m.body.clone())
            .map_err(|e| e.to_string())?;
        self.transport
            .send(&email)
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}

/// The message as it is sent: with its sealed link, if any, opened and put into
/// the body.
fn ready_to_send(m: &MessageRow, cipher: &DataCipher) -> Result<MessageRow, String> {
    let Some(sealed) = &m.sealed_link else {
        return Ok(m.clone());
    };
    let link = cipher
        .decrypt(sealed)
        .map_err(|e| format!("the link could not be opened: {e}"))?;
    let body = crate::messages::with_link(&m.body, &link)
        .ok_or_else(|| "the message has no place for its link".to_owned())?;
    Ok(MessageRow { body, ..m.clone() })
}

/// Tries every message that is due; returns (sent, failed).
pub fn deliver_due(
    store: &Store,
    sender: &dyn Sender,
    cipher: &DataCipher,
    now: chrono::NaiveDateTime,
) -> anyhow::Result<(usize, usize)> {
    let due = {
        let mut conn = store.conn()?;
        invitations::due(&mut conn, now, 50)?
    };
    let (mut sent, mut failed) = (0, 0);
    for m in due {
        let result = ready_to_send(&m, cipher).and_then(|ready| sender.send(&ready));
        store.transaction(|conn| -> anyhow::Result<()> {
            match &result {
                Ok(()) => invitations::mark_sent(conn, m.id)?,
                Err(e) => {
                    let next = now + chrono::Duration::minutes(backoff_minutes(m.attempts));
                    invitations::mark_failed(conn, m.id, e, next)?;
                }
            }
            Ok(())
        })?;
        match result {
            Ok(()) => sent += 1,
            Err(e) => {
                tracing::warn!(message = m.id, attempts = m.attempts + 1, error = %e, "delivery failed; will retry");
                failed += 1;
            }
        }
    }
    Ok((sent, failed))
}

/// Held while a delivery round runs, so a stopping server lets the round
/// record the deliveries it made (see [`finish_rounds`]).
static ROUND: std::sync::Mutex<()> = std::sync::Mutex::new(());
/// Set when the server stops: no new round starts.
static STOPPING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Lets no new delivery round start, and waits up to `most` for the one in
/// progress (each message it sent is marked sent in the outbox).
pub fn finish_rounds(most: Duration) {
    STOPPING.store(true, std::sync::atomic::Ordering::SeqCst);
    let until = std::time::Instant::now() + most;
    while std::time::Instant::now() < until {
        if ROUND.try_lock().is_ok() {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    tracing::warn!("an outbox round was still running at exit; its message is sent again later");
}

/// Delivers the outbox every `every` on a thread of its own, for as long as the
/// process runs.
pub fn spawn_worker(store: Store, sender: Smtp, cipher: DataCipher, every: Duration) {
    std::thread::spawn(move || {
        // One server delivers a round: the lease runs out before the next one.
        let held_for = chrono::Duration::from_std(every.mul_f64(0.8))
            .unwrap_or_else(|_| chrono::Duration::seconds(20));
        while !STOPPING.load(std::sync::atomic::Ordering::SeqCst) {
            let held = ROUND
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if STOPPING.load(std::sync::atomic::Ordering::SeqCst) {
                break;
            }
            let round = crate::jobs::lease(&store, "outbox", held_for).and_then(|mine| {
                if mine {
                    deliver_due(&store, &sender, &cipher, stige_store::now()).map(|_| ())
                } else {
                    Ok(())
                }
            });
            drop(held);
            if let Err(e) = round {
                tracing::error!(error = %e, "outbox delivery round failed");
            }
            std::thread::sleep(every);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::backoff_minutes;

    #[test]
    fn the_backoff_doubles_and_stops_growing() {
        assert_eq!(
            (0..4).map(backoff_minutes).collect::<Vec<_>>(),
            [1, 2, 4, 8]
        );
        assert_eq!(backoff_minutes(30), backoff_minutes(9));
    }
}
