//! What guards the sign-in doors (see `crate::sign_in`): whose forwarding
//! headers to trust, and how many secret checks may run at once.

use crate::client_address::TrustedProxies;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

/// What guards the sign-in doors; shared by all workers.
#[derive(Debug, Clone)]
pub struct SignInGuard {
    /// Whose forwarding headers name the client's address.
    pub trusted_proxies: TrustedProxies,
    pub(crate) checks: Arc<Semaphore>,
    pub(crate) queue: Duration,
}

impl SignInGuard {
    /// `concurrent_checks` secret checks at once; an attempt waits at most
    /// `queue` for one.
    pub fn new(trusted_proxies: TrustedProxies, concurrent_checks: usize, queue: Duration) -> Self {
        Self {
            trusted_proxies,
            checks: Arc::new(Semaphore::new(concurrent_checks.max(1))),
            queue,
        }
    }
}

impl Default for SignInGuard {
    /// No trusted proxy, 4 checks at once, a second's wait for one.
    fn default() -> Self {
        Self::new(TrustedProxies::none(), 4, Duration::from_secs(1))
    }
}
