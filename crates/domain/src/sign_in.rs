//! When an attempt with a secret must wait: the one throttle of Stige, for
//! password and client-secret sign-in and for the secret links employers
//! open, without a clock (callers count and pass ages in).
//!
//! Two limits, each keyed so that nobody can lock another person out:
//!
//! - **An account at one address** gets a few free attempts in the window;
//!   after them each attempt must wait twice as long as the one before since
//!   the last failure, up to the window. The right password from another
//!   address is never held up by failures elsewhere.
//! - **One address** (the client's real address, behind trusted proxies) may
//!   fail a fixed number of times in the window across all accounts; staff
//!   and partner clients are counted apart.

/// The rules of one door (staff sign-in, partner clients, employers' links).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Throttle {
    /// Seconds a failure counts.
    pub window_secs: i64,
    /// Failures of one account from one address before a wait applies.
    pub free_attempts: i64,
    /// The first wait, in seconds; each further failure doubles it.
    pub first_wait_secs: i64,
    /// Failures from one address, all accounts together, in the window.
    pub per_address: i64,
}

/// Staff sign-in: 5 free attempts, then 30 s, 60 s, ... up to 15 minutes;
/// 20 failures per address in 15 minutes.
pub const STAFF: Throttle = Throttle {
    window_secs: 15 * 60,
    free_attempts: 5,
    first_wait_secs: 30,
    per_address: 20,
};

/// Partner clients (machines retry): 10 free attempts, then the same waits;
/// 20 failures per address in 15 minutes, counted apart from staff.
pub const PARTNER: Throttle = Throttle {
    window_secs: 15 * 60,
    free_attempts: 10,
    first_wait_secs: 30,
    per_address: 20,
};

/// Employers' links (the token is the only secret; there is no account):
/// 20 unknown links per address in 15 minutes, then the address waits until
/// the oldest of them leaves the window.
pub const EMPLOYER_LINK: Throttle = Throttle {
    window_secs: 15 * 60,
    free_attempts: 20,
    first_wait_secs: 0,
    per_address: 20,
};

/// What was seen of earlier failures within the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Failures {
    /// Failures of this account from this address.
    pub account_at_address: i64,
    /// Seconds since the newest of them.
    pub secs_since_last: i64,
    /// Failures from this address, all accounts.
    pub at_address: i64,
    /// Age in seconds of the address's failure that must leave the window
    /// before the address is below its limit (the `per_address`-th newest).
    pub secs_since_limiting: i64,
}

impl Throttle {
    /// Seconds this attempt must wait, or `None` when it may go ahead.
    pub fn wait(&self, seen: Failures) -> Option<i64> {
        let by_address = (seen.at_address >= self.per_address)
            .then(|| self.window_secs - seen.secs_since_limiting)
            .filter(|w| *w > 0);
        let by_account = (seen.account_at_address >= self.free_attempts)
            .then(|| {
                let doublings = (seen.account_at_address - self.free_attempts).min(30);
                let wait = self
                    .first_wait_secs
                    .saturating_mul(1i64 << doublings)
                    .min(self.window_secs);
                wait - seen.secs_since_last
            })
            .filter(|w| *w > 0);
        match (by_address, by_account) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn account(failures: i64, secs_since_last: i64) -> Failures {
        Failures {
            account_at_address: failures,
            secs_since_last,
            ..Failures::default()
        }
    }

    #[test]
    fn the_free_attempts_never_wait() {
        for n in 0..STAFF.free_attempts {
            assert_eq!(STAFF.wait(account(n, 0)), None);
        }
    }

    #[test]
    fn the_wait_doubles_with_each_failure_up_to_the_window() {
        assert_eq!(STAFF.wait(account(5, 0)), Some(30));
        assert_eq!(STAFF.wait(account(6, 0)), Some(60));
        assert_eq!(STAFF.wait(account(7, 10)), Some(110));
        assert_eq!(STAFF.wait(account(9, 0)), Some(480));
        assert_eq!(STAFF.wait(account(10, 0)), Some(900));
        assert_eq!(STAFF.wait(account(500, 0)), Some(900));
    }

    #[test]
    fn an_employers_address_waits_only_for_its_limit_not_for_its_newest_failure() {
        // Every failure at a link has the same (empty) account: the address's
        // limit alone decides, by the age of its 20th newest failure.
        let seen = |n, since_limiting| Failures {
            account_at_address: n,
            secs_since_last: 0,
            at_address: n,
            secs_since_limiting: since_limiting,
        };
        assert_eq!(EMPLOYER_LINK.wait(seen(19, 0)), None);
        assert_eq!(EMPLOYER_LINK.wait(seen(20, 0)), Some(900));
        assert_eq!(EMPLOYER_LINK.wait(seen(25, 600)), Some(300));
        assert_eq!(EMPLOYER_LINK.wait(seen(25, 900)), None);
    }

    #[test]
    fn an_attempt_after_the_wait_goes_ahead() {
        assert_eq!(STAFF.wait(account(5, 30)), None);
        assert_eq!(STAFF.wait(account(6, 61)), None);
    }

    #[test]
    fn an_address_over_its_limit_waits_until_the_limiting_failure_leaves_the_window() {
        let seen = Failures {
            at_address: 20,
            secs_since_limiting: 100,
            ..Failures::default()
        };
        assert_eq!(STAFF.wait(seen), Some(800));
        let below = Failures {
            at_address: 19,
            ..seen
        };
        assert_eq!(STAFF.wait(below), None);
    }

    #[test]
    fn the_longer_wait_of_the_two_applies() {
        let seen = Failures {
            account_at_address: 6,
            secs_since_last: 0,
            at_address: 25,
            secs_since_limiting: 850,
        };
        assert_eq!(STAFF.wait(seen), Some(60));
    }

    proptest! {
        #[test]
        fn a_wait_is_never_longer_than_the_window(
            failures in 0i64..10_000,
            since in 0i64..2_000,
            at_address in 0i64..10_000,
            limiting in 0i64..2_000,
        ) {
            let seen = Failures {
                account_at_address: failures,
                secs_since_last: since,
                at_address,
                secs_since_limiting: limiting,
            };
            for door in [STAFF, PARTNER] {
                if let Some(w) = door.wait(seen) {
                    prop_assert!(w > 0 && w <= door.window_secs);
                }
            }
        }

        #[test]
        fn more_failures_never_shorten_the_wait(failures in 0i64..100, since in 0i64..1_000) {
            let fewer = STAFF.wait(account(failures, since)).unwrap_or(0);
            let more = STAFF.wait(account(failures + 1, since)).unwrap_or(0);
            prop_assert!(more >= fewer);
        }
    }
}
