//! Client methods for staff accounts' passwords.

use crate::client::{Client, ClientError};
use stige_domain::UserId;
use stige_wire::accounts::*;

impl Client {
    /// Starts a reset of user `id`'s password (admin): the one-time link,
    /// shown once.
    pub async fn reset_password(&self, id: UserId) -> Result<PasswordResetLink, ClientError> {
        Self::send(self.post(
            &format!("/api/v1/users/{id}/password-reset"),
            &serde_json::json!({}),
        ))
        .await
    }

    /// Chooses a new password with a reset link's token (no sign-in).
    pub async fn complete_password_reset(&self, reset: &PasswordReset) -> Result<(), ClientError> {
        Self::send_empty(self.post("/api/v1/auth/password-reset", reset)).await
    }

    /// Changes the signed-in staff member's own password; their other
    /// sessions end.
    pub async fn change_password(&self, change: &PasswordChange) -> Result<(), ClientError> {
        Self::send_empty(self.post("/api/v1/auth/password", change)).await
    }
}
