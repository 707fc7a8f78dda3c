//! The access log of a participant's record, as the person reads it: every
//! audit event about them told as what kind of access it was and which kinds of
//! their information it touched. The audit trail keeps stable dotted action
//! names (`participant.read`, `goal.score`, ...); this module is the one place
//! that says what each means for the person.

pub use crate::audit_action::AccessKind;
use crate::audit_action::AuditAction;
use serde::{Deserialize, Serialize};

/// The kinds of information Stige holds about a participant, as the access log
/// and the export name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum PersonalDataCategory {
    /// Name, birth date, language.
    Identity,
    /// The national identity number in full.
    NationalId,
    /// Ladder, step, status, moves, mentors.
    Ladder,
    Goals,
    FollowUps,
    Attendance,
    /// Consents to partners and to research.
    Consents,
    /// The pseudonymised research extract.
    Research,
    Referral,
    Placement,
    /// Situation at the start, at the exit and after it; gender.
    Outcomes,
    /// Phone, e-mail, address, emergency contacts, the safety note, and the
    /// attempts to reach the person.
    Contact,
    /// The individual plan.
    Plan,
    /// The work log (tasks done, hours and independence, day by day) and
    /// peer support.
    Work,
    /// Who has seen the record.
    AccessLog,
}

impl PersonalDataCategory {
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// What one audited action was, for the person it was about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Access {
    pub kind: AccessKind,
    pub categories: Vec<PersonalDataCategory>,
}

/// The action recorded when someone was refused the record.
pub const REFUSED_SUFFIX: &str = ".refused";

/// What `action` (an audit action about one participant) was for them.
/// Unknown actions count as changes of no named category: the log shows every
/// event rather than hide one it cannot name.
pub fn classify(action: &str) -> Access {
    use PersonalDataCategory as C;
    let kind = match AuditAction::parse(action) {
        Some(known) => known.kind(),
        None if action.ends_with(REFUSED_SUFFIX) => AccessKind::Refused,
        None => AccessKind::Change,
    };
    let categories = match action {
        "participant.national_id_reveal" => vec![C::NationalId],
        "participant.read" | "participant.list" | "participant.read.refused" => {
            vec![C::Identity, C::Ladder]
        }
        "participant.create" | "participant.update" => vec![C::Identity],
        "participant.rectifications.read" => vec![C::Identity, C::NationalId, C::FollowUps],
        "participant.access_log.read" => vec![C::AccessLog],
        "participant.export" | "participant.erasure" | "participant.anonymised" => {
            PersonalDataCategory::ALL.to_vec()
        }
        "today.read" => vec![C::Identity, C::Attendance],
        "events.read" => vec![C::Ladder],
        "research.extract" => vec![C::Research],
        _ => match action.split('.').next().unwrap_or_default() {
            "participant" => vec![C::Ladder],
            "attendance" => vec![C::Attendance],
            "goal" => vec![C::Goals],
            "follow_up" => vec![C::FollowUps],
            "consent" | "research_consent" => vec![C::Consents],
            "referral" | "agreement_link" | "proposal" => vec![C::Referral],
            "placement" => vec![C::Placement],
            "outcome" => vec![C::Outcomes],
            "contact" => vec![C::Contact],
            "plan" => vec![C::Plan],
            "activity" => vec![C::Ladder, C::Attendance],
            "work" | "peer" => vec![C::Work],
            _ => vec![],
        },
    };
    Access { kind, categories }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_changes_and_refusals_are_told_apart() {
        assert_eq!(classify("participant.read").kind, AccessKind::Read);
        assert_eq!(classify("placement.employer_view").kind, AccessKind::Read);
        assert_eq!(classify("participant.move").kind, AccessKind::Change);
        assert_eq!(classify("referral.accepted").kind, AccessKind::Change);
        assert_eq!(
            classify("participant.read.refused").kind,
            AccessKind::Refused
        );
    }

    #[test]
    fn each_action_names_what_it_touched() {
        assert_eq!(
            classify("participant.national_id_reveal").categories,
            vec![PersonalDataCategory::NationalId]
        );
        assert_eq!(
            classify("follow_up.update").categories,
            vec![PersonalDataCategory::FollowUps]
        );
        assert_eq!(
            classify("research_consent.give").categories,
            vec![PersonalDataCategory::Consents]
        );
        assert_eq!(
            classify("participant.export").categories.len(),
            PersonalDataCategory::ALL.len()
        );
        assert!(classify("something.new").categories.is_empty());
    }

    #[test]
    fn every_read_names_a_category() {
        for action in AuditAction::all().filter(|a| a.kind() == AccessKind::Read) {
            let name = action.as_str();
            assert!(!classify(name).categories.is_empty(), "{name}");
            assert_eq!(classify(name).kind, AccessKind::Read, "{name}");
        }
    }
}
