//! Delivery of the outbox. Without a mail server configured (`STIGE_SMTP_URL`),
//! messages are kept in the outbox for staff to read and copy.

use std::sync::OnceLock;

static SMTP_URL: OnceLock<Option<String>> = OnceLock::new();

/// Records the mail server from the configuration, once at start.
pub fn configure(smtp_url: Option<String>) {
    let _ = SMTP_URL.set(smtp_url.filter(|u| !u.trim().is_empty()));
}

/// The state a new message starts in: `pending` when a mail server will deliver
/// it, `kept` when staff deliver it by hand.
pub fn initial_state() -> &'static str {
    match SMTP_URL.get() {
        Some(Some(_)) => "pending",
        _ => "kept",
    }
}
