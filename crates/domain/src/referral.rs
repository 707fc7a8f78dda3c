//! Referrals from partners, and cooperation agreements' periods and places.
//!
//! Referral status: received → in assessment → accepted / waiting list / declined,
//! or withdrawn by the partner before a decision. A waiting-list referral can still
//! be accepted, declined or withdrawn.

use crate::national_id::NationalId;
use crate::partner::ContactDraft;
use crate::person::{PersonName, required_text};
use crate::validation::ValidationErrors;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum ReferralStatus {
    Received,
    InAssessment,
    Accepted,
    WaitingList,
    Declined,
    Withdrawn,
}

impl ReferralStatus {
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(value: &str) -> Option<Self> {
        value.parse().ok()
    }

    /// Still waiting for a decision (received, in assessment, on the waiting list).
    pub fn is_open(self) -> bool {
        matches!(
            self,
            Self::Received | Self::InAssessment | Self::WaitingList
        )
    }
}

/// Why a referral was declined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum DeclineReason {
    NotInTargetGroup,
    NeedsOtherMeasure,
    NoPlaces,
    PersonDeclined,
    NoContact,
    Other,
}

impl DeclineReason {
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(value: &str) -> Option<Self> {
        value.parse().ok()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReferralCommand {
    StartAssessment,
    Accept,
    PutOnWaitingList,
    Decline(DeclineReason),
    /// By the partner.
    Withdraw,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a referral that is {from:?} cannot be {action}")]
pub struct ReferralTransitionError {
    pub from: ReferralStatus,
    pub action: &'static str,
}

pub fn referral_transition(
    current: ReferralStatus,
    command: ReferralCommand,
) -> Result<ReferralStatus, ReferralTransitionError> {
    use ReferralCommand as C;
    use ReferralStatus as S;
    let open = matches!(current, S::Received | S::InAssessment | S::WaitingList);
    let (allowed, next, action) = match command {
        C::StartAssessment => (current == S::Received, S::InAssessment, "assessed"),
        C::Accept => (open, S::Accepted, "accepted"),
        C::PutOnWaitingList => (
            matches!(current, S::Received | S::InAssessment),
            S::WaitingList,
            "put on the waiting list",
        ),
        C::Decline(_) => (open, S::Declined, "declined"),
        C::Withdraw => (open, S::Withdrawn, "withdrawn"),
    };
    if allowed {
        Ok(next)
    } else {
        Err(ReferralTransitionError {
            from: current,
            action,
        })
    }
}

/// How a referral came in: from a partner's API client or a partner user in the
/// partner view, or recorded by staff from a
/// phone call, a letter, an e-mail, a meeting, or the person's own request (a
/// self-referral, with no partner).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum ReferralChannel {
    Api,
    Phone,
    Letter,
    Email,
    Meeting,
    SelfReferral,
    /// Sent by a partner user in the web app's partner view.
    PartnerView,
}

impl ReferralChannel {
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    /// The channels staff record a referral from (all but the API).
    pub const RECORDED: [ReferralChannel; 5] = [
        Self::Phone,
        Self::Letter,
        Self::Email,
        Self::Meeting,
        Self::SelfReferral,
    ];

    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(value: &str) -> Option<Self> {
        value.parse().ok()
    }

    /// A self-referral has no partner (no agreement, no partner contact).
    pub fn has_partner(self) -> bool {
        self != Self::SelfReferral
    }
}

/// Who a referral is recorded for, as staff give it: checks that the channel is one
/// staff record, that a partner's referral names the agreement, and that a
/// self-referral names the programme instead. Errors name `channel`,
/// `agreement_id` and `ladder_id`.
pub fn check_recorded_source(
    channel: Option<ReferralChannel>,
    agreement_given: bool,
    ladder_given: bool,
    errors: &mut ValidationErrors,
) -> Option<ReferralChannel> {
    match channel {
        None => {
            errors.add("channel", "is required: how did the referral come in?");
            None
        }
        Some(ReferralChannel::Api | ReferralChannel::PartnerView) => {
            errors.add(
                "channel",
                "api is for partners' own systems and their partner view; choose phone, letter, email, meeting or self_referral",
            );
            None
        }
        Some(c) if c.has_partner() => {
            if !agreement_given {
                errors.add("agreement_id", "is required: whose referral is it?");
            }
            if ladder_given {
                errors.add("ladder_id", "is taken from the agreement; leave it out");
            }
            Some(c)
        }
        Some(c) => {
            if agreement_given {
                errors.add("agreement_id", "a self-referral has no partner agreement");
            }
            if !ladder_given {
                errors.add("ladder_id", "is required: which programme is it to?");
            }
            Some(c)
        }
    }
}

/// A referral as a partner sends it, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferralDraft {
    pub given_name: PersonName,
    pub family_name: PersonName,
    /// Given, or taken from the national identity number.
    pub birth_date: Option<NaiveDate>,
    pub national_id: Option<NationalId>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub reason: String,
    /// `None` for a self-referral.
    pub partner_contact: Option<ContactDraft>,
    pub consent_collected: bool,
}

/// The fields of a referral as sent.
#[derive(Debug, Clone, Default)]
pub struct ReferralInput<'a> {
    pub given_name: Option<&'a str>,
    pub family_name: Option<&'a str>,
    pub birth_date: Option<NaiveDate>,
    pub national_id: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub email: Option<&'a str>,
    pub reason: Option<&'a str>,
    pub partner_contact: [Option<&'a str>; 3],
    pub consent_collected: Option<bool>,
}

impl ReferralDraft {
    /// A partner's referral (the partner contact is required).
    pub fn parse(input: &ReferralInput<'_>, today: NaiveDate) -> Result<Self, ValidationErrors> {
        Self::parse_from(ReferralChannel::Api, input, today, ValidationErrors::new())
    }

    /// A referral that came by `channel`, adding to `errors` found before (on the
    /// source); a self-referral takes no partner contact.
    pub fn parse_from(
        channel: ReferralChannel,
        input: &ReferralInput<'_>,
        today: NaiveDate,
        mut errors: ValidationErrors,
    ) -> Result<Self, ValidationErrors> {
        let given_name = errors.collect(
            "given_name",
            PersonName::parse(input.given_name.unwrap_or("")),
        );
        let family_name = errors.collect(
            "family_name",
            PersonName::parse(input.family_name.unwrap_or("")),
        );
        let national_id = match input.national_id.map(str::trim).filter(|n| !n.is_empty()) {
            None => None,
            Some(n) => errors.collect("national_id", NationalId::parse(n, today)),
        };
        let birth_date = match (&national_id, input.birth_date) {
            (Some(id), Some(date)) if id.birth_date() != date => {
                errors.add("birth_date", "does not match the national identity number");
                None
            }
            (Some(id), _) => Some(id.birth_date()),
            (None, Some(date)) if date > today => {
                errors.add("birth_date", "cannot be in the future");
                None
            }
            (None, Some(date)) => Some(date),
            (None, None) => {
                if input.national_id.is_none_or(|n| n.trim().is_empty()) {
                    errors.add(
                        "birth_date",
                        "give a birth date or a national identity number",
                    );
                }
                None
            }
        };
        let phone = input.phone.map(str::trim).filter(|p| !p.is_empty());
        if phone.is_some_and(|p| !crate::partner::is_phone(p)) {
            errors.add(
                "phone",
                "must be a phone number: digits, spaces and an optional leading +",
            );
        }
        let email = input.email.map(str::trim).filter(|e| !e.is_empty());
        if email.is_some_and(|e| !crate::partner::is_email(e)) {
            errors.add("email", "must be an e-mail address");
        }
        let reason = errors.collect("reason", required_text(input.reason.unwrap_or(""), 4000));
        let [n, p, e] = input.partner_contact;
        let partner_contact = if channel.has_partner() {
            ContactDraft::parse("partner_contact", n, p, e, &mut errors).map(Some)
        } else {
            if [n, p, e].iter().flatten().any(|v| !v.trim().is_empty()) {
                errors.add(
                    "partner_contact",
                    "a self-referral has no partner contact; give the person's own phone or e-mail",
                );
            }
            Some(None)
        };
        if input.consent_collected.is_none() {
            errors.add(
                "consent_collected",
                "is required: say whether the person agreed to the referral",
            );
        }
        match (
            given_name,
            family_name,
            reason,
            partner_contact,
            input.consent_collected,
        ) {
            (
                Some(given_name),
                Some(family_name),
                Some(reason),
                Some(partner_contact),
                Some(consent_collected),
            ) if errors.is_empty() => Ok(Self {
                given_name,
                family_name,
                birth_date,
                national_id,
                phone: phone.map(str::to_owned),
                email: email.map(str::to_owned),
                reason,
                partner_contact,
                consent_collected,
            }),
            _ => Err(errors),
        }
    }
}

crate::stored::stored_as_code!(ReferralStatus, ReferralChannel);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::partner::AgreementTerms;
    use ReferralCommand as C;
    use ReferralStatus as S;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, day).expect("date")
    }

    fn input<'a>() -> ReferralInput<'a> {
        ReferralInput {
            given_name: Some("Kari"),
            family_name: Some("Nordmann"),
            birth_date: Some(NaiveDate::from_ymd_opt(1985, 3, 15).expect("date")),
            reason: Some("Wants structure in the day"),
            partner_contact: [Some("Per Saksbehandler"), Some("38 07 50 00"), None],
            consent_collected: Some(true),
            ..ReferralInput::default()
        }
    }

    #[test]
    fn a_referral_needs_names_a_birth_date_or_number_a_reason_and_a_contact() {
        let draft = ReferralDraft::parse(&input(), d(1)).expect("valid");
        assert_eq!(draft.given_name.as_str(), "Kari");
        let empty = ReferralDraft::parse(&ReferralInput::default(), d(1)).expect_err("invalid");
        let fields: Vec<_> = empty.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "given_name",
                "family_name",
                "birth_date",
                "reason",
                "partner_contact.name",
                "partner_contact.phone",
                "consent_collected"
            ]
        );
    }

    #[test]
    fn a_self_referral_names_the_programme_and_no_partner() {
        let mut errors = ValidationErrors::new();
        let channel = check_recorded_source(
            Some(ReferralChannel::SelfReferral),
            false,
            true,
            &mut errors,
        );
        let self_input = ReferralInput {
            partner_contact: [None, None, None],
            ..input()
        };
        let draft = ReferralDraft::parse_from(channel.expect("channel"), &self_input, d(1), errors)
            .expect("valid");
        assert_eq!(draft.partner_contact, None);
        let with_contact = ReferralDraft::parse_from(
            ReferralChannel::SelfReferral,
            &input(),
            d(1),
            ValidationErrors::new(),
        )
        .expect_err("no contact for a self-referral");
        assert_eq!(with_contact.0[0].field, "partner_contact");
        let mut errors = ValidationErrors::new();
        check_recorded_source(
            Some(ReferralChannel::SelfReferral),
            true,
            false,
            &mut errors,
        );
        let fields: Vec<_> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["agreement_id", "ladder_id"]);
    }

    #[test]
    fn staff_record_a_partners_referral_for_its_agreement_not_as_the_api() {
        let mut errors = ValidationErrors::new();
        assert_eq!(
            check_recorded_source(Some(ReferralChannel::Phone), true, false, &mut errors),
            Some(ReferralChannel::Phone)
        );
        assert!(errors.is_empty());
        for (channel, agreement, ladder, fields) in [
            (Some(ReferralChannel::Api), true, false, vec!["channel"]),
            (None, true, false, vec!["channel"]),
            (
                Some(ReferralChannel::Letter),
                false,
                true,
                vec!["agreement_id", "ladder_id"],
            ),
        ] {
            let mut errors = ValidationErrors::new();
            check_recorded_source(channel, agreement, ladder, &mut errors);
            let found: Vec<_> = errors.0.iter().map(|e| e.field.as_str()).collect();
            assert_eq!(found, fields);
        }
        for c in ReferralChannel::ALL.iter().copied() {
            assert_eq!(ReferralChannel::parse(c.as_str()), Some(c));
        }
    }

    #[test]
    fn a_birth_date_must_agree_with_the_national_id() {
        let number = crate::national_id::swedish_for(
            NaiveDate::from_ymd_opt(1990, 5, 17).expect("date"),
            123,
        );
        let with_number = ReferralInput {
            national_id: Some(&number),
            birth_date: None,
            ..input()
        };
        let draft = ReferralDraft::parse(&with_number, d(1)).expect("valid");
        assert_eq!(draft.birth_date, NaiveDate::from_ymd_opt(1990, 5, 17));
        let disagreeing = ReferralInput {
            national_id: Some(&number),
            ..input()
        };
        let err = ReferralDraft::parse(&disagreeing, d(1)).expect_err("mismatch");
        assert_eq!(err.0[0].field, "birth_date");
    }

    #[test]
    fn a_referral_runs_from_received_to_accepted_via_the_waiting_list() {
        let s = referral_transition(S::Received, C::StartAssessment).expect("assess");
        let s = referral_transition(s, C::PutOnWaitingList).expect("wait");
        assert_eq!(referral_transition(s, C::Accept), Ok(S::Accepted));
    }

    #[test]
    fn a_decided_referral_cannot_be_withdrawn_or_decided_again() {
        for done in [S::Accepted, S::Declined, S::Withdrawn] {
            assert!(referral_transition(done, C::Withdraw).is_err());
            assert!(referral_transition(done, C::Accept).is_err());
        }
        assert!(referral_transition(S::WaitingList, C::PutOnWaitingList).is_err());
        assert_eq!(
            referral_transition(S::WaitingList, C::Decline(DeclineReason::NoPlaces)),
            Ok(S::Declined)
        );
    }

    #[test]
    fn an_agreement_takes_referrals_only_within_its_period() {
        let terms = AgreementTerms {
            valid_from: d(1),
            valid_to: Some(d(20)),
            places: 8,
        };
        assert!(!terms.takes_referrals_on(d(21)));
        assert!(terms.takes_referrals_on(d(20)));
        assert!(
            AgreementTerms {
                valid_to: None,
                ..terms
            }
            .takes_referrals_on(d(30))
        );
        assert_eq!(terms.usage(6), Some(0.75));
        assert_eq!(AgreementTerms { places: 0, ..terms }.usage(1), None);
    }
}
