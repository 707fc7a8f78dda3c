//! Partners and their cooperation agreements: who refers people, under which terms,
//! and what they may ever be told.

use crate::consent::SharingCategory;
use crate::organisation_number::OrganisationNumber;
use crate::person::required_text;
use crate::validation::ValidationErrors;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// What kind of organisation a partner is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum PartnerKind {
    Municipality,
    PublicAgency,
    EmployersAssociation,
    Other,
}

impl PartnerKind {
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(value: &str) -> Option<Self> {
        value.parse().ok()
    }
}

/// A partner, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerDraft {
    pub name: String,
    pub kind: PartnerKind,
    pub organisation_number: OrganisationNumber,
}

impl PartnerDraft {
    pub fn parse(
        name: Option<&str>,
        kind: Option<PartnerKind>,
        organisation_number: Option<&str>,
    ) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let name = errors.collect("name", required_text(name.unwrap_or(""), 200));
        if kind.is_none() {
            errors.add("kind", "is required");
        }
        let number = match organisation_number.map(str::trim).filter(|n| !n.is_empty()) {
            None => {
                errors.add("organisation_number", "is required");
                None
            }
            Some(n) => errors.collect("organisation_number", OrganisationNumber::parse(n)),
        };
        match (name, kind, number) {
            (Some(name), Some(kind), Some(organisation_number)) if errors.is_empty() => Ok(Self {
                name,
                kind,
                organisation_number,
            }),
            _ => Err(errors),
        }
    }
}

/// A person or service to reach: name, phone and e-mail.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ContactDraft {
    pub name: String,
    pub phone: String,
    pub email: String,
}

impl ContactDraft {
    /// Checks a contact; errors are named `{field}.name`, `{field}.phone`, `{field}.email`.
    pub fn parse(
        field: &str,
        name: Option<&str>,
        phone: Option<&str>,
        email: Option<&str>,
        errors: &mut ValidationErrors,
    ) -> Option<Self> {
        let name = errors.collect(
            &format!("{field}.name"),
            required_text(name.unwrap_or(""), 200),
        );
        let phone = phone.unwrap_or("").trim().to_owned();
        if !phone.is_empty() && !is_phone(&phone) {
            errors.add(
                &format!("{field}.phone"),
                "must be a phone number: digits, spaces and an optional leading +",
            );
        }
        let email = email.unwrap_or("").trim().to_owned();
        if !email.is_empty() && !is_email(&email) {
            errors.add(&format!("{field}.email"), "must be an e-mail address");
        }
        if phone.is_empty() && email.is_empty() {
            errors.add(
                &format!("{field}.phone"),
                "give a phone number or an e-mail",
            );
        }
        Some(Self {
            name: name?,
            phone,
            email,
        })
    }
}

/// Digits, spaces and dashes with an optional leading `+`; 5 to 20 digits.
pub fn is_phone(value: &str) -> bool {
    let rest = value.strip_prefix('+').unwrap_or(value);
    let digits = rest.chars().filter(char::is_ascii_digit).count();
    rest.chars()
        .all(|c| c.is_ascii_digit() || c == ' ' || c == '-')
        && (5..=20).contains(&digits)
}

/// A plausible e-mail address: one `@`, something before it, a dot after it.
pub fn is_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    value.len() <= 254
        && !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !value.chars().any(char::is_whitespace)
}

/// A cooperation agreement, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementDraft {
    pub terms: AgreementTerms,
    pub sharing_scope: BTreeSet<SharingCategory>,
    pub contact: ContactDraft,
    pub follow_up_service: ContactDraft,
}

/// The fields of an agreement as sent.
#[derive(Debug, Clone, Default)]
pub struct AgreementInput<'a> {
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    pub places: Option<i64>,
    pub sharing_scope: Option<&'a [SharingCategory]>,
    pub contact: [Option<&'a str>; 3],
    pub follow_up_service: [Option<&'a str>; 3],
}

impl AgreementDraft {
    pub fn parse(input: &AgreementInput<'_>) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        if input.valid_from.is_none() {
            errors.add("valid_from", "is required");
        }
        if let (Some(from), Some(to)) = (input.valid_from, input.valid_to)
            && to < from
        {
            errors.add("valid_to", "must be on or after valid_from");
        }
        let places = match input.places {
            None => {
                errors.add("places", "is required");
                None
            }
            Some(p) if !(0..=10_000).contains(&p) => {
                errors.add("places", "must be between 0 and 10000");
                None
            }
            Some(p) => u32::try_from(p).ok(),
        };
        if input.sharing_scope.is_none() {
            errors.add(
                "sharing_scope",
                "is required (an empty list shares nothing)",
            );
        }
        let [n, p, e] = input.contact;
        let contact = ContactDraft::parse("contact", n, p, e, &mut errors);
        let [n, p, e] = input.follow_up_service;
        let follow_up_service = ContactDraft::parse("follow_up_service", n, p, e, &mut errors);
        match (input.valid_from, places, contact, follow_up_service) {
            (Some(valid_from), Some(places), Some(contact), Some(follow_up_service))
                if errors.is_empty() =>
            {
                Ok(Self {
                    terms: AgreementTerms {
                        valid_from,
                        valid_to: input.valid_to,
                        places,
                    },
                    sharing_scope: input.sharing_scope.unwrap_or(&[]).iter().copied().collect(),
                    contact,
                    follow_up_service,
                })
            }
            _ => Err(errors),
        }
    }
}

/// A sharing scope as stored: categories separated by commas.
pub fn scope_to_text(scope: &BTreeSet<SharingCategory>) -> String {
    scope
        .iter()
        .map(|c| c.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

/// The stored scope; unknown names are ignored (they share nothing).
pub fn scope_from_text(text: &str) -> BTreeSet<SharingCategory> {
    text.split(',').filter_map(SharingCategory::parse).collect()
}

/// A cooperation agreement's period and places.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgreementTerms {
    pub valid_from: NaiveDate,
    /// `None`: until further notice.
    pub valid_to: Option<NaiveDate>,
    pub places: u32,
}

impl AgreementTerms {
    /// An agreement outside its period takes no referrals.
    pub fn takes_referrals_on(&self, date: NaiveDate) -> bool {
        date >= self.valid_from && self.valid_to.is_none_or(|to| date <= to)
    }

    /// Share of places used by `in_use` (active and paused participants), 0 to ∞.
    pub fn usage(&self, in_use: u32) -> Option<f64> {
        (self.places > 0).then(|| f64::from(in_use) / f64::from(self.places))
    }
}

/// What a change told the partners following a person or a referral: the
/// `kind` of an event in their change feed, kept as its dotted code.
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
pub enum PartnerEventKind {
    /// A referral of the partner's came in.
    #[strum(serialize = "referral.received")]
    ReferralReceived,
    /// A referral of the partner's was triaged, accepted, declined or withdrawn.
    #[strum(serialize = "referral.status_changed")]
    ReferralStatusChanged,
    /// A person the partner follows changed enrolment status.
    #[strum(serialize = "participant.status_changed")]
    ParticipantStatusChanged,
    /// A person the partner follows moved to another step.
    #[strum(serialize = "participant.moved")]
    ParticipantMoved,
    /// A person the partner follows left the programme.
    #[strum(serialize = "participant.exited")]
    ParticipantExited,
    /// A person the partner follows has been absent without notice.
    #[strum(serialize = "participant.early_warning")]
    ParticipantEarlyWarning,
    /// The programme decided on one of the partner's proposals.
    #[strum(serialize = "proposal.decided")]
    ProposalDecided,
}

impl PartnerEventKind {
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(value: &str) -> Option<Self> {
        value.parse().ok()
    }
}

crate::stored::stored_as_code!(PartnerKind, PartnerEventKind);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_partner_event_kind_reads_back_from_its_code() {
        for kind in PartnerEventKind::ALL {
            assert_eq!(PartnerEventKind::parse(kind.as_str()), Some(*kind));
        }
        assert_eq!(
            PartnerEventKind::ParticipantMoved.as_str(),
            "participant.moved"
        );
        assert_eq!(PartnerEventKind::parse("participant.jumped"), None);
    }

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, day).expect("date")
    }

    fn fields(errors: ValidationErrors) -> Vec<String> {
        errors.0.into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn a_partner_needs_a_name_a_kind_and_a_valid_organisation_number() {
        let ok = PartnerDraft::parse(
            Some(" Kristiansand kommune "),
            Some(PartnerKind::Municipality),
            Some("923 609 016"),
        )
        .expect("valid");
        assert_eq!(ok.name, "Kristiansand kommune");
        let err = PartnerDraft::parse(None, None, Some("923609017")).expect_err("invalid");
        assert_eq!(fields(err), ["name", "kind", "organisation_number"]);
    }

    #[test]
    fn an_agreement_checks_its_period_places_scope_and_contacts() {
        let scope = [SharingCategory::EnrolmentStatus, SharingCategory::Outcome];
        let good = AgreementInput {
            valid_from: Some(d(1)),
            valid_to: Some(d(31)),
            places: Some(8),
            sharing_scope: Some(&scope),
            contact: [Some("Kari"), Some("+47 38 07 50 00"), None],
            follow_up_service: [Some("NAV oppfølging"), None, Some("oppfolging@example.no")],
        };
        let draft = AgreementDraft::parse(&good).expect("valid");
        assert_eq!(
            scope_from_text(&scope_to_text(&draft.sharing_scope)),
            draft.sharing_scope
        );
        let bad = AgreementInput {
            valid_to: Some(d(1)),
            valid_from: Some(d(2)),
            places: Some(-1),
            sharing_scope: None,
            contact: [None, Some("abc"), Some("no-at-sign")],
            follow_up_service: [Some("Service"), None, None],
        };
        assert_eq!(
            fields(AgreementDraft::parse(&bad).expect_err("invalid")),
            [
                "valid_to",
                "places",
                "sharing_scope",
                "contact.name",
                "contact.phone",
                "contact.email",
                "follow_up_service.phone"
            ]
        );
    }

    #[test]
    fn phones_and_emails_are_recognised() {
        assert!(is_phone("+46 480 450 000"));
        assert!(is_phone("38075000"));
        assert!(!is_phone("12"));
        assert!(!is_phone("call me"));
        assert!(is_email("a@b.se"));
        assert!(!is_email("a@b"));
        assert!(!is_email("a b@c.se"));
        assert!(!is_email("@c.se"));
    }

    #[test]
    fn kinds_round_trip() {
        for kind in PartnerKind::ALL.iter().copied() {
            assert_eq!(PartnerKind::parse(kind.as_str()), Some(kind));
        }
    }
}
