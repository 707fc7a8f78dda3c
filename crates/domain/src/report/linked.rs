//! A person's history as one cooperation agreement's report counts it: only
//! what happened while the agreement was linked to them (paying or following),
//! and who stands on a step only while the link holds.

use crate::agreement_link::LinkSpan;
use crate::report::history::History;
use chrono::NaiveDate;

/// The starts, exits and moves of `history` dated while one of the
/// agreement's `links` to the person held; the rest is left out.
pub fn while_linked(history: &History, links: &[LinkSpan]) -> History {
    let held = |date: NaiveDate| links.iter().any(|l| l.in_force_on(date));
    History {
        participant: history.participant,
        paid_by: history.paid_by.clone(),
        statuses: (history.statuses.iter())
            .filter(|s| held(s.date))
            .copied()
            .collect(),
        moves: (history.moves.iter())
            .filter(|m| held(m.date))
            .copied()
            .collect(),
    }
}

/// Whether one of the agreement's `links` to the person holds on `date`.
pub fn linked_on(links: &[LinkSpan], date: NaiveDate) -> bool {
    links.iter().any(|l| l.in_force_on(date))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::EnrolmentStatus::*;
    use crate::ExitOutcome;
    use crate::report::flow;
    use crate::report::period::Period;
    use crate::report::testing::{d, history_of};
    use crate::step_move::Direction::Up;

    fn link(from: NaiveDate, to: Option<NaiveDate>) -> LinkSpan {
        LinkSpan {
            agreement: 7,
            from,
            to,
            pays: false,
        }
    }

    #[test]
    fn only_what_happened_while_the_link_held_counts() {
        // Started in January, moved up in March, exited in June; the
        // agreement followed from February to April.
        let history = history_of(
            1,
            &[
                (d(1, 10), Active, None),
                (d(6, 1), Exited, Some(ExitOutcome::Education)),
            ],
            &[(d(1, 10), None, 1, Up), (d(3, 2), Some(1), 2, Up)],
        );
        let links = [link(d(2, 1), Some(d(4, 30)))];
        let seen = while_linked(&history, &links);
        let year = Period {
            from: d(1, 1),
            to: d(12, 31),
        };
        assert_eq!(flow::starts(std::slice::from_ref(&seen), &year), 0);
        assert!(flow::exits_by_outcome(std::slice::from_ref(&seen), &year).is_empty());
        assert_eq!(seen.moves.len(), 1);
        assert_eq!(seen.moves[0].date, d(3, 2));
        // A link until further notice from the start sees everything.
        let always = [link(d(1, 1), None)];
        assert_eq!(while_linked(&history, &always), history);
        assert!(linked_on(&links, d(4, 30)) && !linked_on(&links, d(5, 1)));
        assert!(!linked_on(&[], d(4, 30)));
    }
}
