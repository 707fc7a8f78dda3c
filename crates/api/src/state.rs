//! What every handler shares.

use crate::auth::jwt::TokenKeys;
use crate::crypto::DataCipher;
use stige_store::Store;

#[derive(Clone, Debug)]
pub struct AppState {
    pub store: Store,
    pub tokens: TokenKeys,
    pub cipher: DataCipher,
    pub access_ttl_secs: i64,
    pub refresh_ttl_secs: i64,
}
