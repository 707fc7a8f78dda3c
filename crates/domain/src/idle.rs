//! When a session that goes unused ends, as the web app works it out to warn
//! a minute before: the server records a request's use at most once a minute
//! (a request within a minute of the last recorded use is not recorded), so
//! the app follows the same rule to know the use the server knows of.

/// How stale the recorded use may be before a request records it again (the
/// server's rule), in milliseconds.
pub const RECORD_EVERY_MS: f64 = 60_000.0;

/// How long before the end the warning shows, in milliseconds.
pub const WARN_BEFORE_MS: f64 = 60_000.0;

/// The use the server has recorded after a request at `now` answered, given
/// the use it had recorded before (both in milliseconds).
pub fn recorded_use(recorded: f64, now: f64) -> f64 {
    if now - recorded >= RECORD_EVERY_MS {
        now
    } else {
        recorded
    }
}

/// Where an unused session stands at `now`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum IdlePhase {
    /// In use: the warning is due in this many milliseconds.
    Active { warn_in_ms: f64 },
    /// The last minute: the session ends in this many whole seconds unless
    /// used.
    Warning { seconds_left: i64 },
    /// Unused for the whole idle timeout: the session has ended.
    Ended,
}

/// The phase at `now` of a session whose use was last recorded at `recorded`
/// (milliseconds) and which ends after `idle_secs` unused; `None` when the
/// server sets no idle timeout.
pub fn idle_phase(recorded: f64, now: f64, idle_secs: i64) -> Option<IdlePhase> {
    if idle_secs <= 0 {
        return None;
    }
    let ends = recorded + idle_secs as f64 * 1000.0;
    let left = ends - now;
    Some(if left <= 0.0 {
        IdlePhase::Ended
    } else if left <= WARN_BEFORE_MS {
        let seconds_left = (left / 1000.0).ceil() as i64;
        IdlePhase::Warning { seconds_left }
    } else {
        IdlePhase::Active {
            warn_in_ms: left - WARN_BEFORE_MS,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: f64 = 60_000.0;

    #[test]
    fn a_request_within_a_minute_of_the_recorded_use_is_not_recorded() {
        assert_eq!(recorded_use(0.0, 30_000.0), 0.0);
        assert_eq!(recorded_use(0.0, MIN), MIN);
        assert_eq!(recorded_use(0.0, 5.0 * MIN), 5.0 * MIN);
    }

    #[test]
    fn the_warning_shows_in_the_last_minute_and_the_session_ends_after_it() {
        let idle = 30 * 60;
        assert_eq!(
            idle_phase(0.0, 0.0, idle),
            Some(IdlePhase::Active {
                warn_in_ms: 29.0 * MIN
            })
        );
        assert_eq!(
            idle_phase(0.0, 29.0 * MIN - 1.0, idle),
            Some(IdlePhase::Active { warn_in_ms: 1.0 })
        );
        assert_eq!(
            idle_phase(0.0, 29.0 * MIN, idle),
            Some(IdlePhase::Warning { seconds_left: 60 })
        );
        assert_eq!(
            idle_phase(0.0, 30.0 * MIN - 1_500.0, idle),
            Some(IdlePhase::Warning { seconds_left: 2 })
        );
        assert_eq!(idle_phase(0.0, 30.0 * MIN, idle), Some(IdlePhase::Ended));
        assert_eq!(idle_phase(0.0, 0.0, 0), None);
    }

    #[test]
    fn a_use_the_server_did_not_record_does_not_put_the_warning_off() {
        // Used at 0 (recorded) and at 0:30 (within the minute: not recorded):
        // the server ends the session 30 minutes after 0, so the app warns
        // at 29 minutes, not 29:30.
        let recorded = recorded_use(recorded_use(f64::NEG_INFINITY, 0.0), 30_000.0);
        assert_eq!(
            idle_phase(recorded, 29.0 * MIN, 30 * 60),
            Some(IdlePhase::Warning { seconds_left: 60 })
        );
    }
}
