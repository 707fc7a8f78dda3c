//! Encryption of national identity numbers at rest (AES-256-GCM, random nonce).

use aes_gcm::aead::{Aead, KeyInit, OsRng};
use aes_gcm::{AeadCore, Aes256Gcm, Key, Nonce};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

const PREFIX: &str = "v1:";

/// Encrypts and decrypts with the data key.
#[derive(Clone)]
pub struct DataCipher(Aes256Gcm);

impl std::fmt::Debug for DataCipher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DataCipher(..)")
    }
}

impl DataCipher {
    pub fn new(key: &[u8; 32]) -> Self {
        Self(Aes256Gcm::new(&Key::<Aes256Gcm>::from(*key)))
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

#[cfg(test)]
mod tests {
    use super::*;

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
