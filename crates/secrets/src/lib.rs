//! stige-secrets: the few cryptographic things Stige does itself, each with a
//! maintained library underneath: the national id cipher and lookup hash
//! (AES-256-GCM, HMAC-SHA-256), password hashing (argon2id) and one-time
//! tokens. Used by the server and by the demo data.

pub mod cipher;
pub mod password;
pub mod token;
