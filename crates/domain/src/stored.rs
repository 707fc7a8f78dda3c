//! Values the database keeps as their codes (`active`, `coordinator`, ...),
//! read back into domain types as the store loads a row: a code that names
//! no value fails the read, once, here, instead of in every handler.

/// A stored code that names no value of its kind (a database written by a
/// newer Stige, or changed by hand).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} {code:?} in the database")]
pub struct UnknownCode {
    pub kind: &'static str,
    pub code: String,
}

/// `TryFrom<String>` through the type's own `parse`, for the store's
/// `#[diesel(deserialize_as = String)]` fields.
macro_rules! stored_as_code {
    ($($kind:literal => $ty:ty),* $(,)?) => {
        $(
            impl TryFrom<String> for $ty {
                type Error = UnknownCode;

                fn try_from(code: String) -> Result<Self, Self::Error> {
                    <$ty>::parse(&code).ok_or(UnknownCode { kind: $kind, code })
                }
            }
        )*
    };
}

stored_as_code! {
    "status" => crate::enrolment::EnrolmentStatus,
    "role" => crate::role::Role,
    "referral status" => crate::referral::ReferralStatus,
    "referral channel" => crate::referral::ReferralChannel,
    "placement status" => crate::placement::PlacementStatus,
    "goal status" => crate::goal::GoalStatus,
    "goal category" => crate::goal::GoalCategory,
}

#[cfg(test)]
mod tests {

    use crate::enrolment::EnrolmentStatus;
    use crate::role::Role;

    #[test]
    fn every_code_reads_back_and_an_unknown_one_is_named() {
        for status in EnrolmentStatus::ALL {
            assert_eq!(
                EnrolmentStatus::try_from(status.as_str().to_owned()),
                Ok(status)
            );
        }
        for role in Role::ALL {
            assert_eq!(Role::try_from(role.as_str().to_owned()), Ok(role));
        }
        for status in crate::referral::ReferralStatus::ALL {
            assert_eq!(status.as_str().to_owned().try_into(), Ok(status));
        }
        for channel in crate::referral::ReferralChannel::ALL {
            assert_eq!(channel.as_str().to_owned().try_into(), Ok(channel));
        }
        for status in crate::placement::PlacementStatus::ALL {
            assert_eq!(status.as_str().to_owned().try_into(), Ok(status));
        }
        for status in crate::goal::GoalStatus::ALL {
            assert_eq!(status.as_str().to_owned().try_into(), Ok(status));
        }
        for category in crate::goal::GoalCategory::ALL {
            assert_eq!(category.as_str().to_owned().try_into(), Ok(category));
        }
        let unknown = Role::try_from("captain".to_owned()).expect_err("unknown");
        assert_eq!(
            unknown.to_string(),
            "unknown role \"captain\" in the database"
        );
    }
}
