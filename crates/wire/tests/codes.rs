//! The codes strum gives the wire types' enums (`as_str`, `parse`) are the
//! ones serde writes: a query parameter, a CSV column or a stored value names
//! a value exactly as the JSON does.

use stige_wire::employers::InvitationPurpose;
use stige_wire::privacy::{AccessActorKind, IdentityField};
use stige_wire::reports::ReportTable;
use strum::VariantArray;

/// Each value of `$all` serialises to its `as_str`.
macro_rules! same_as_serde {
    ($($all:expr),+ $(,)?) => {
        $(for value in $all.iter().copied() {
            let json = serde_json::to_value(value).ok();
            assert_eq!(json.as_ref().and_then(|j| j.as_str()), Some(value.as_str()), "{value:?}");
        })+
    };
}

#[test]
fn every_code_is_the_one_the_api_writes() {
    same_as_serde!(
        ReportTable::ALL,
        IdentityField::ALL,
        AccessActorKind::VARIANTS,
        InvitationPurpose::VARIANTS,
    );
    assert_eq!(
        InvitationPurpose::parse("completion"),
        Some(InvitationPurpose::Completion)
    );
    assert_eq!(IdentityField::parse("nickname"), None);
}
