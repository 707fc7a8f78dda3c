//! Staff accounts' passwords: an admin's one-time reset link, the reset it
//! leads to, and a staff member's change of their own password.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// A one-time link with which a user chooses a new password. Shown once: the
/// server keeps only a hash of its token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PasswordResetLink {
    /// The web app's page for the reset, with the token in its fragment.
    pub link: String,
    #[serde(with = "crate::utc")]
    pub expires_at: NaiveDateTime,
}

/// A new password chosen with a reset link's token.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PasswordReset {
    pub token: Option<String>,
    pub new_password: Option<String>,
}

/// A staff member's change of their own password.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PasswordChange {
    pub current_password: Option<String>,
    pub new_password: Option<String>,
}
