//! Access tokens: HS256 JWTs with `exp`, `iss` and `aud` validated and 5 s leeway.
//! Staff tokens have the audience `stige-staff`; partner tokens (client credentials)
//! the audiences `stige-partner` and `stige-agreement:<id>`, and neither is accepted
//! where the other is expected.

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

pub const ISSUER: &str = "stige";
pub const STAFF_AUDIENCE: &str = "stige-staff";
pub const PARTNER_AUDIENCE: &str = "stige-partner";
/// What a partner token allows, besides its agreement.
pub const PARTNER_OPERATIONS: &str =
    "referrals:write referrals:read participants:read events:read report:read";

/// The audience naming one agreement.
pub fn agreement_audience(agreement: i64) -> String {
    format!("stige-agreement:{agreement}")
}

/// The scope of a partner token for `agreement`.
pub fn partner_scope(agreement: i64) -> String {
    format!("agreement:{agreement} {PARTNER_OPERATIONS}")
}

/// The claims of a partner's access token.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartnerClaims {
    /// The API client's `client_id`.
    pub sub: String,
    /// The API client's row id; a revoked client's tokens stop at once.
    pub cid: i64,
    /// The agreement the token is for.
    pub agr: i64,
    pub scope: String,
    pub iss: String,
    pub aud: Vec<String>,
    pub iat: i64,
    pub exp: i64,
}

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
    partner_validation: Validation,
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
        let mut partner_validation = validation.clone();
        partner_validation.set_audience(&[PARTNER_AUDIENCE]);
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
            partner_validation,
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

    /// Signs a partner's access token for an API client of `agreement`.
    pub fn issue_partner(
        &self,
        client_row: i64,
        client_id: &str,
        agreement: i64,
        ttl_secs: i64,
    ) -> anyhow::Result<String> {
        let now = chrono::Utc::now().timestamp();
        let claims = PartnerClaims {
            sub: client_id.to_owned(),
            cid: client_row,
            agr: agreement,
            scope: partner_scope(agreement),
            iss: ISSUER.to_owned(),
            aud: vec![PARTNER_AUDIENCE.to_owned(), agreement_audience(agreement)],
            iat: now,
            exp: now + ttl_secs,
        };
        Ok(jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &claims,
            &self.encoding,
        )?)
    }

    /// The claims of a valid, unexpired partner token whose audience and scope
    /// name the same agreement.
    pub fn verify_partner(&self, token: &str) -> Option<PartnerClaims> {
        let claims =
            jsonwebtoken::decode::<PartnerClaims>(token, &self.decoding, &self.partner_validation)
                .ok()?
                .claims;
        let tied = claims.aud.contains(&agreement_audience(claims.agr))
            && claims
                .scope
                .split(' ')
                .any(|s| s == format!("agreement:{}", claims.agr));
        tied.then_some(claims)
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
    fn staff_and_partner_tokens_are_not_interchangeable() {
        let keys = TokenKeys::new(&[1u8; 32]);
        let partner = keys.issue_partner(4, "demo-kalmar", 9, 60).unwrap();
        let claims = keys.verify_partner(&partner).unwrap();
        assert_eq!((claims.cid, claims.agr), (4, 9));
        assert!(keys.verify(&partner).is_none());
        let staff = keys.issue(7, 3, "admin", 60).unwrap();
        assert!(keys.verify_partner(&staff).is_none());
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
