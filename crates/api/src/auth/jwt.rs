//! Access tokens: HS256 JWTs with `exp`, `iss` and `aud` validated and 5 s leeway.

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

pub const ISSUER: &str = "stige";
pub const STAFF_AUDIENCE: &str = "stige-staff";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claims {
    /// The user's id.
    pub sub: String,
    /// The session the token belongs to; logout revokes it.
    pub sid: i64,
    pub role: String,
    pub iss: String,
    pub aud: String,
    pub iat: i64,
    pub exp: i64,
}

#[derive(Clone)]
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
}

impl std::fmt::Debug for TokenKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenKeys(..)")
    }
}

impl TokenKeys {
    pub fn new(secret: &[u8]) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[STAFF_AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.leeway = 5;
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
        }
    }

    /// Signs an access token for a staff session.
    pub fn issue(
        &self,
        user: i64,
        session: i64,
        role: &str,
        ttl_secs: i64,
    ) -> anyhow::Result<String> {
        let now = chrono::Utc::now().timestamp();
        let claims = Claims {
            sub: user.to_string(),
            sid: session,
            role: role.to_owned(),
            iss: ISSUER.to_owned(),
            aud: STAFF_AUDIENCE.to_owned(),
            iat: now,
            exp: now + ttl_secs,
        };
        Ok(jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &claims,
            &self.encoding,
        )?)
    }

    /// The claims of a valid, unexpired token of ours.
    pub fn verify(&self, token: &str) -> Option<Claims> {
        jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation)
            .ok()
            .map(|d| d.claims)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_verifies_with_its_key_only() {
        let keys = TokenKeys::new(&[1u8; 32]);
        let token = keys.issue(7, 3, "mentor", 60).unwrap();
        let claims = keys.verify(&token).unwrap();
        assert_eq!((claims.sub.as_str(), claims.sid), ("7", 3));
        assert!(TokenKeys::new(&[2u8; 32]).verify(&token).is_none());
    }

    #[test]
    fn an_expired_token_is_refused() {
        let keys = TokenKeys::new(&[1u8; 32]);
        let token = keys.issue(7, 3, "mentor", -60).unwrap();
        assert!(keys.verify(&token).is_none());
    }

    #[test]
    fn a_token_for_another_audience_is_refused() {
        let keys = TokenKeys::new(&[1u8; 32]);
        let now = chrono::Utc::now().timestamp();
        let claims = Claims {
            sub: "1".into(),
            sid: 1,
            role: "admin".into(),
            iss: ISSUER.into(),
            aud: "partner".into(),
            iat: now,
            exp: now + 60,
        };
        let token = jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &claims,
            &EncodingKey::from_secret(&[1u8; 32]),
        )
        .unwrap();
        assert!(keys.verify(&token).is_none());
    }
}
