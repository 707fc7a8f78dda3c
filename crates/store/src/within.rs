//! Need to know in the store: every query for participant data names whose
//! people it may reach, as a [`Within`] or the [`PeopleReached`] drawn from it.
//! There is no default: a query written without one does not compile.

use crate::DbConnection;
use crate::schema::{ladders, participant_mentors, participants};
use diesel::prelude::*;
use diesel::sql_types::Bool;
use stige_domain::{OrganisationId, Reach};

type Db = <DbConnection as Connection>::Backend;

/// Whose data a query may reach.
#[derive(Debug, Clone, Copy)]
pub enum Within<'a> {
    /// A staff member: the programmes they work in, and in those where they
    /// are a mentor only the people assigned to them.
    Staff(&'a Reach),
    /// An organisation as a whole: its partners' reads (narrowed further by
    /// agreement and consent) and its employers' links.
    Organisation(OrganisationId),
    /// The whole installation: migrations, the seed, maintenance jobs and the
    /// demo data, never a request.
    Installation,
}

impl Within<'_> {
    /// The people reached, as a value a query can filter by and a list can
    /// remember its totals by.
    pub fn people(&self) -> PeopleReached {
        match self {
            Within::Staff(reach) => {
                let assigned_in = reach.assigned_in();
                PeopleReached::Programmes {
                    everyone_in: reach.everyone_in(),
                    // Who is asking matters only where they reach their own
                    // people: staff who reach the same programmes share the
                    // list's remembered totals.
                    user: if assigned_in.is_empty() {
                        0
                    } else {
                        reach.user().0
                    },
                    assigned_in,
                }
            }
            Within::Organisation(o) => PeopleReached::Organisation(o.0),
            Within::Installation => PeopleReached::Installation,
        }
    }
}

/// The people a query may reach (see [`Within`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PeopleReached {
    /// Everyone in the first ladders; in the second, only those assigned to `user`.
    Programmes {
        everyone_in: Vec<i64>,
        assigned_in: Vec<i64>,
        user: i64,
    },
    Organisation(i64),
    Installation,
}

/// A filter on `participants`.
pub type ParticipantFilter = Box<dyn BoxableExpression<participants::table, Db, SqlType = Bool>>;

impl PeopleReached {
    /// The condition a participant row must meet to be reached.
    pub fn filter(&self) -> ParticipantFilter {
        match self {
            PeopleReached::Programmes {
                everyone_in,
                assigned_in,
                user,
            } => {
                let everyone = participants::ladder_id.eq_any(everyone_in.clone());
                if assigned_in.is_empty() {
                    Box::new(everyone)
                } else {
                    Box::new(
                        everyone.or(participants::ladder_id.eq_any(assigned_in.clone()).and(
                            participants::id.eq_any(
                                participant_mentors::table
                                    .filter(participant_mentors::user_id.eq(*user))
                                    .select(participant_mentors::participant_id),
                            ),
                        )),
                    )
                }
            }
            PeopleReached::Organisation(o) => Box::new(
                participants::ladder_id.eq_any(
                    ladders::table
                        .filter(ladders::organisation_id.eq(*o))
                        .select(ladders::id),
                ),
            ),
            PeopleReached::Installation => Box::new(participants::id.is_not_null()),
        }
    }

    /// Whether the participant `participant` of ladder `ladder` is reached:
    /// [`PeopleReached::filter`] for one row already read.
    pub fn admits(
        &self,
        conn: &mut DbConnection,
        participant: i64,
        ladder: i64,
    ) -> QueryResult<bool> {
        Ok(match self {
            PeopleReached::Programmes {
                everyone_in,
                assigned_in,
                user,
            } => {
                everyone_in.contains(&ladder)
                    || (assigned_in.contains(&ladder)
                        && diesel::select(diesel::dsl::exists(
                            participant_mentors::table
                                .filter(participant_mentors::participant_id.eq(participant))
                                .filter(participant_mentors::user_id.eq(*user)),
                        ))
                        .get_result(conn)?)
            }
            PeopleReached::Organisation(o) => diesel::select(diesel::dsl::exists(
                ladders::table
                    .filter(ladders::id.eq(ladder))
                    .filter(ladders::organisation_id.eq(*o)),
            ))
            .get_result(conn)?,
            PeopleReached::Installation => true,
        })
    }

    /// Whether ladder `ladder` is reached at all (for a register or report of one programme).
    pub fn includes_ladder(&self, conn: &mut DbConnection, ladder: i64) -> QueryResult<bool> {
        Ok(match self {
            PeopleReached::Programmes {
                everyone_in,
                assigned_in,
                ..
            } => everyone_in.contains(&ladder) || assigned_in.contains(&ladder),
            PeopleReached::Organisation(o) => {
                ladders::table
                    .filter(ladders::id.eq(ladder))
                    .filter(ladders::organisation_id.eq(*o))
                    .count()
                    .get_result::<i64>(conn)?
                    > 0
            }
            PeopleReached::Installation => true,
        })
    }
}
