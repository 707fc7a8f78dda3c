//! Encryption of national identity numbers at rest (AES-256-GCM, random nonce), and
//! a keyed lookup hash (HMAC-SHA-256) to find the same number twice without decrypting.

use aes_gcm::aead::{Aead, KeyInit, OsRng};
use aes_gcm::{AeadCore, Aes256Gcm, Key, Nonce};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use sha2::Sha256;

const PREFIX: &str = "v1:";

/// Encrypts and decrypts with the data key.
#[derive(Clone)]
pub struct DataCipher(Aes256Gcm, [u8; 32]);

impl std::fmt::Debug for DataCipher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DataCipher(..)")
    }
}

impl DataCipher {
    pub fn new(key: &[u8; 32]) -> Self {
        // The lookup key is derived from the data key, so no second key to keep.
        let mut mac = hmac_with(key);
        mac.update(b"stige national id lookup v1");
        let lookup_key: [u8; 32] = mac.finalize().into_bytes().into();
        Self(Aes256Gcm::new(&Key::<Aes256Gcm>::from(*key)), lookup_key)
    }

    /// A fingerprint of the data key (16 hex digits), safe to show and to keep
    /// in a backup: it tells keys apart without revealing them.
    pub fn fingerprint(&self) -> String {
        use sha2::Digest;
        let digest = sha2::Sha256::digest(self.1);
        digest[..8].iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The lookup hash of a national identity number (its digits only), hex.
    pub fn lookup(&self, national_id: &str) -> String {
        let digits: String = national_id.chars().filter(char::is_ascii_digit).collect();
        // Swedish numbers may be written with or without the century: use the last 10.
        let key_digits = &digits[digits.len().saturating_sub(10)..];
        let mut mac = hmac_with(&self.1);
        mac.update(key_digits.as_bytes());
        mac.finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// `v1:` + base64(nonce ‖ ciphertext).
    pub fn encrypt(&self, plaintext: &str) -> anyhow::Result<String> {
        let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
        let ciphertext = self
            .0
            .encrypt(&nonce, plaintext.as_bytes())
            .map_err(|_| anyhow::anyhow!("encryption failed"))?;
        let mut out = nonce.to_vec();
        out.extend_from_slice(&ciphertext);
        Ok(format!("{PREFIX}{}", STANDARD.encode(out)))
    }

    pub fn decrypt(&self, stored: &str) -> anyhow::Result<String> {
        let encoded = stored
            .strip_prefix(PREFIX)
            .ok_or_else(|| anyhow::anyhow!("unknown cipher text version"))?;
        let bytes = STANDARD.decode(encoded)?;
        if bytes.len() < 12 {
            anyhow::bail!("cipher text too short");
        }
        let (nonce, ciphertext) = bytes.split_at(12);
        let nonce: [u8; 12] = nonce.try_into()?;
        let plain = self
            .0
            .decrypt(&Nonce::from(nonce), ciphertext)
            .map_err(|_| anyhow::anyhow!("decryption failed (wrong data key?)"))?;
        Ok(String::from_utf8(plain)?)
    }
}

/// HMAC-SHA-256 with a 32-byte key (zero-padded to the block, as HMAC specifies).
fn hmac_with(key: &[u8; 32]) -> Hmac<Sha256> {
    let mut block = [0u8; 64];
    block[..32].copy_from_slice(key);
    <Hmac<Sha256> as KeyInit>::new(&block.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lookup_is_stable_keyed_and_ignores_formatting() {
        let a = DataCipher::new(&[3u8; 32]);
        assert_eq!(a.lookup("19900517-1237"), a.lookup("9005171237"));
        assert_ne!(a.lookup("9005171237"), a.lookup("9005171238"));
        assert_ne!(
            a.lookup("9005171237"),
            DataCipher::new(&[4u8; 32]).lookup("9005171237")
        );
    }

    #[test]
    fn encrypted_numbers_round_trip_and_never_contain_the_plaintext() {
        let c = DataCipher::new(&[7u8; 32]);
        let stored = c.encrypt("19811218-9876").unwrap();
        assert!(!stored.contains("9876"));
        assert_ne!(stored, c.encrypt("19811218-9876").unwrap(), "nonces differ");
        assert_eq!(c.decrypt(&stored).unwrap(), "19811218-9876");
    }

    #[test]
    fn another_key_cannot_decrypt() {
        let stored = DataCipher::new(&[1u8; 32]).encrypt("x").unwrap();
        assert!(DataCipher::new(&[2u8; 32]).decrypt(&stored).is_err());
    }
}
