//! The participant list's filters: what a list asks for (within the people
//! a staff member reaches), and the key its remembered pages are kept by.

use crate::within::PeopleReached;
use stige_domain::EnrolmentStatus;

/// Filters of the participant list, within the people `reach` reaches.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ListFilter {
    pub reach: PeopleReached,
    pub status: Option<EnrolmentStatus>,
    pub ladder: Option<i64>,
    pub step: Option<i64>,
    pub mentor: Option<i64>,
    pub name: Option<String>,
    pub limit: i64,
    pub offset: i64,
}

impl ListFilter {
    /// No filter but `reach`, the first 50.
    pub fn within(reach: PeopleReached) -> Self {
        ListFilter {
            reach,
            status: None,
            ladder: None,
            step: None,
            mentor: None,
            name: None,
            limit: 50,
            offset: 0,
        }
    }
}
