//! Peers (issue 26): a participant who has come some way named peer support
//! ("fadder", "buddy") for a newcomer, from a day until an end; the report
//! counts the pairs and the peers' share of the house.

use crate::ids::ParticipantId;
use crate::validation::ValidationErrors;
use chrono::NaiveDate;
use std::collections::BTreeSet;

/// How far ahead a peer support may start, in days.
pub const START_AHEAD_DAYS: i64 = 31;

/// A peer support to start, checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewPair {
    pub peer: ParticipantId,
    pub starts_on: NaiveDate,
}

/// Checks a new peer support for `newcomer`: a peer who is someone else,
/// and a start at most [`START_AHEAD_DAYS`] ahead (today when absent).
pub fn parse_new(
    newcomer: ParticipantId,
    peer: Option<ParticipantId>,
    starts_on: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<NewPair, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    match peer {
        None => errors.add("peer_id", "is required"),
        Some(p) if p == newcomer => errors.add("peer_id", "cannot be the person themselves"),
        Some(_) => {}
    }
    let starts_on = starts_on.unwrap_or(today);
    if (starts_on - today).num_days() > START_AHEAD_DAYS {
        errors.add(
            "starts_on",
            format!("must be at most {START_AHEAD_DAYS} days ahead"),
        );
    }
    errors.into_result(NewPair {
        peer: peer.unwrap_or(newcomer),
        starts_on,
    })
}

/// Checks the end of a peer support that started on `starts_on`: a day from
/// its start to today (today when absent).
pub fn parse_end(
    ends_on: Option<NaiveDate>,
    starts_on: NaiveDate,
    today: NaiveDate,
) -> Result<NaiveDate, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let ends_on = ends_on.unwrap_or(today);
    if ends_on > today {
        errors.add("ends_on", "must not be in the future");
    } else if ends_on < starts_on {
        errors.add("ends_on", "must be on or after the start date");
    }
    errors.into_result(ends_on)
}

/// One peer support as the report counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PairSpan {
    pub peer: ParticipantId,
    pub newcomer: ParticipantId,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
}

impl PairSpan {
    /// Whether the support runs on `day`.
    pub fn runs_on(&self, day: NaiveDate) -> bool {
        crate::activity::runs_on(day, self.starts_on, self.ends_on)
    }

    fn overlaps(&self, from: NaiveDate, to: NaiveDate) -> bool {
        self.starts_on <= to && self.ends_on.is_none_or(|end| from <= end)
    }
}

/// The pairs of a period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PairCount {
    /// Pairs that ran on some day of the period.
    pub pairs: usize,
    /// People who were someone's peer on the period's last day.
    pub peers_at_end: usize,
}

/// Counts the pairs running in `from..=to` and the peers on its last day.
pub fn count(spans: &[PairSpan], from: NaiveDate, to: NaiveDate) -> PairCount {
    let peers: BTreeSet<ParticipantId> = (spans.iter())
        .filter(|s| s.runs_on(to))
        .map(|s| s.peer)
        .collect();
    PairCount {
        pairs: spans.iter().filter(|s| s.overlaps(from, to)).count(),
        peers_at_end: peers.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_peer_is_someone_else_and_starts_soon() {
        let today = d(2026, 12, 4);
        let me = ParticipantId(1);
        let e = parse_new(me, Some(me), Some(today + Duration::days(32)), today).unwrap_err();
        let fields: Vec<&str> = e.0.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["peer_id", "starts_on"]);
        assert!(parse_new(me, None, None, today).is_err());
        let ok = parse_new(me, Some(ParticipantId(2)), None, today).unwrap();
        assert_eq!(ok.starts_on, today);
    }

    #[test]
    fn an_end_is_between_the_start_and_today() {
        let today = d(2026, 12, 4);
        assert_eq!(parse_end(None, d(2026, 11, 1), today), Ok(today));
        assert!(parse_end(Some(d(2026, 10, 31)), d(2026, 11, 1), today).is_err());
        assert!(parse_end(Some(d(2026, 12, 5)), d(2026, 11, 1), today).is_err());
    }

    #[test]
    fn pairs_of_the_period_and_peers_at_its_end() {
        let span = |peer, newcomer, s, e| PairSpan {
            peer: ParticipantId(peer),
            newcomer: ParticipantId(newcomer),
            starts_on: s,
            ends_on: e,
        };
        let spans = [
            span(1, 2, d(2026, 1, 1), None),
            span(1, 3, d(2026, 2, 1), Some(d(2026, 3, 1))),
            span(4, 5, d(2025, 1, 1), Some(d(2025, 6, 1))),
            span(6, 7, d(2026, 6, 1), None),
        ];
        let c = count(&spans, d(2026, 1, 1), d(2026, 6, 30));
        assert_eq!(
            c,
            PairCount {
                pairs: 3,
                peers_at_end: 2
            }
        );
    }

    proptest! {
        #[test]
        fn the_peers_at_the_end_are_never_more_than_the_pairs(
            raw in prop::collection::vec((1i64..6, 6i64..12, 0i64..300, prop::option::of(0i64..200)), 0..30),
            from in 0i64..200, len in 0i64..200,
        ) {
            let start = d(2026, 1, 1);
            let spans: Vec<PairSpan> = raw.iter().map(|(p, n, s, e)| PairSpan {
                peer: ParticipantId(*p),
                newcomer: ParticipantId(*n),
                starts_on: start + Duration::days(*s),
                ends_on: e.map(|e| start + Duration::days(s + e)),
            }).collect();
            let (f, t) = (start + Duration::days(from), start + Duration::days(from + len));
            let c = count(&spans, f, t);
            prop_assert!(c.peers_at_end <= c.pairs);
            prop_assert!(c.pairs <= spans.len());
            let running_at_end = spans.iter().filter(|s| s.runs_on(t)).count();
            prop_assert!(c.peers_at_end <= running_at_end);
        }
    }
}
