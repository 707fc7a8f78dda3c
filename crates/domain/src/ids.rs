//! Identifiers as newtypes, so a step id can never be passed where a participant id belongs.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// A ladder: one organisation's ordered steps.
    LadderId
);
id_type!(
    /// A step on a ladder.
    StepId
);
id_type!(
    /// An activity run in parallel with a ladder.
    ActivityId
);
id_type!(
    /// A participant: the person climbing the ladder.
    ParticipantId
);
id_type!(
    /// A staff user.
    UserId
);
id_type!(
    /// An organisation: a social enterprise running one or more programmes.
    OrganisationId
);
