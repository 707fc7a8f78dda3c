//! A message in the outbox (an employer's invitation, a follow-up service's
//! notice) and where its delivery stands.

/// Where a message's delivery stands.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
)]
#[strum(serialize_all = "snake_case")]
pub enum MessageState {
    /// Waiting for the mail server (again, after a failure: see `Failed`).
    Pending,
    /// Handed to the mail server.
    Sent,
    /// The last attempt failed; it is tried again later.
    Failed,
    /// No mail server is set, or there is no address: kept for staff to deliver
    /// by hand.
    Kept,
}

impl MessageState {
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(value: &str) -> Option<Self> {
        value.parse().ok()
    }

    /// Whether the mailer still has to send it.
    pub fn awaits_delivery(self) -> bool {
        matches!(self, Self::Pending | Self::Failed)
    }
}

crate::stored::stored_as_code!(MessageState);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pending_and_failed_messages_await_delivery_and_the_others_do_not() {
        let waiting: Vec<_> = MessageState::ALL
            .iter()
            .filter(|s| s.awaits_delivery())
            .map(|s| s.as_str())
            .collect();
        assert_eq!(waiting, ["pending", "failed"]);
    }
}
