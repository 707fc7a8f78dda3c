//! A participant's links to cooperation agreements over time (issue 22, part 2):
//! any number, each with its period; at most one paying for the place on any day,
//! and one agreement linked once at a time. A partner sees the person through its
//! own links only.

use crate::validation::ValidationErrors;
use chrono::NaiveDate;

/// A link's period and role, as the rules read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkSpan {
    pub agreement: i64,
    pub from: NaiveDate,
    /// `None`: until further notice.
    pub to: Option<NaiveDate>,
    pub pays: bool,
}

impl LinkSpan {
    fn overlaps(&self, other: &LinkSpan) -> bool {
        self.to.is_none_or(|to| to >= other.from) && other.to.is_none_or(|to| to >= self.from)
    }

    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        self.from <= date && self.to.is_none_or(|to| to >= date)
    }
}

/// Checks a new link against the person's `existing` ones; errors name
/// `valid_to`, `agreement_id` and `pays`.
pub fn check_new_link(new: &LinkSpan, existing: &[LinkSpan], errors: &mut ValidationErrors) {
    if new.to.is_some_and(|to| to < new.from) {
        errors.add("valid_to", "must be on or after valid_from");
        return;
    }
    if (existing.iter()).any(|e| e.agreement == new.agreement && e.overlaps(new)) {
        errors.add(
            "agreement_id",
            "is already linked to the person for part of this period",
        );
    }
    if new.pays && (existing.iter()).any(|e| e.pays && e.overlaps(new)) {
        errors.add(
            "pays",
            "another agreement pays for the place in this period: end its link first",
        );
    }
}

/// Why a link cannot end on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EndLinkError {
    #[error("must be on or after the link's first day")]
    BeforeStart,
    #[error("The link has already ended")]
    AlreadyEnded,
}

/// Checks ending `link` on `on` (its last day), as of `today`: a link that ended
/// before today is done.
pub fn check_end(link: &LinkSpan, on: NaiveDate, today: NaiveDate) -> Result<(), EndLinkError> {
    if link.to.is_some_and(|to| to < today) {
        return Err(EndLinkError::AlreadyEnded);
    }
    if on < link.from {
        return Err(EndLinkError::BeforeStart);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, month, day).expect("date")
    }

    fn span(agreement: i64, from: NaiveDate, to: Option<NaiveDate>, pays: bool) -> LinkSpan {
        LinkSpan {
            agreement,
            from,
            to,
            pays,
        }
    }

    fn fields(new: LinkSpan, existing: &[LinkSpan]) -> Vec<String> {
        let mut errors = ValidationErrors::new();
        check_new_link(&new, existing, &mut errors);
        errors.0.into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn several_agreements_follow_a_person_and_one_pays_at_a_time() {
        let paying = span(1, d(1, 1), None, true);
        // Another agreement follows at the same time.
        assert!(fields(span(2, d(2, 1), None, false), &[paying]).is_empty());
        // A second payer must wait for the first link to end.
        assert_eq!(fields(span(2, d(2, 1), None, true), &[paying]), ["pays"]);
        let ended = span(1, d(1, 1), Some(d(1, 31)), true);
        assert!(fields(span(2, d(2, 1), None, true), &[ended]).is_empty());
        // The same agreement twice at once is refused, after a gap allowed.
        assert_eq!(
            fields(span(1, d(1, 15), None, false), &[ended]),
            ["agreement_id"]
        );
        assert!(fields(span(1, d(3, 1), None, false), &[ended]).is_empty());
        assert_eq!(
            fields(span(3, d(3, 1), Some(d(2, 1)), false), &[]),
            ["valid_to"]
        );
    }

    #[test]
    fn a_link_ends_on_or_after_its_first_day_and_only_once() {
        let link = span(1, d(3, 1), None, true);
        assert_eq!(check_end(&link, d(3, 31), d(3, 15)), Ok(()));
        assert_eq!(
            check_end(&link, d(2, 28), d(3, 15)),
            Err(EndLinkError::BeforeStart)
        );
        let ended = span(1, d(1, 1), Some(d(1, 31)), true);
        assert_eq!(
            check_end(&ended, d(3, 31), d(3, 15)),
            Err(EndLinkError::AlreadyEnded)
        );
        assert!(ended.in_force_on(d(1, 31)) && !ended.in_force_on(d(2, 1)));
    }
}
