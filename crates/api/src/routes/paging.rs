//! Paging of lists: `page` (1-based, default 1) and `per_page` (1 to 200,
//! default 50), checked the same way for every list.

use stige_domain::ValidationErrors;

pub const DEFAULT_PER_PAGE: i64 = 50;
pub const MAX_PER_PAGE: i64 = 200;

/// The page and its size from a query; each bad one is named in `errors`.
pub fn checked(
    page: Option<i64>,
    per_page: Option<i64>,
    errors: &mut ValidationErrors,
) -> (i64, i64) {
    let page = page.unwrap_or(1);
    let per_page = per_page.unwrap_or(DEFAULT_PER_PAGE);
    if page < 1 {
        errors.add("page", "must be 1 or more");
    }
    if !(1..=MAX_PER_PAGE).contains(&per_page) {
        errors.add("per_page", format!("must be between 1 and {MAX_PER_PAGE}"));
    }
    (page, per_page)
}
