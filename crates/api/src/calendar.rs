//! The calendar the programmes work by.

/// Today in UTC; the programmes work in one time zone band, and dates are ISO dates.
pub fn today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}
