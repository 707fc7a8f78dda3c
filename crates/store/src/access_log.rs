//! Names for the actors in a participant's access log: the staff members (with
//! their role in the person's programme), partner users (with their partner),
//! the partners behind API clients, and the employers behind employer links.

use crate::DbConnection;
use crate::schema::{
    agreements, api_clients, employers, partners, placements, programme_roles, users,
};
use diesel::prelude::*;
use std::collections::HashMap;
use stige_domain::Role;

/// A staff member (or a partner user) as the access log names them.
#[derive(Debug, Clone, PartialEq)]
pub struct StaffName {
    pub display_name: String,
    /// The role held in the programme (the organisation role where none is
    /// held there).
    pub role: Role,
    /// For a partner user: the partner and agreement they act for.
    pub partner: Option<PartnerName>,
}

/// The staff members `ids`, with their role in programme `ladder`.
pub fn staff(
    conn: &mut DbConnection,
    ids: &[i64],
    ladder: i64,
) -> QueryResult<HashMap<i64, StaffName>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let people: Vec<(i64, String, String, Option<i64>)> = users::table
        .filter(users::id.eq_any(ids))
        .select((
            users::id,
            users::display_name,
            users::role,
            users::agreement_id,
        ))
        .load(conn)?;
    let followed: Vec<i64> = people.iter().filter_map(|p| p.3).collect();
    let partner_of: HashMap<i64, String> = agreements::table
        .inner_join(partners::table)
        .filter(agreements::id.eq_any(&followed))
        .select((agreements::id, partners::name))
        .load::<(i64, String)>(conn)?
        .into_iter()
        .collect();
    let in_programme: HashMap<i64, String> = programme_roles::table
        .filter(programme_roles::user_id.eq_any(ids))
        .filter(programme_roles::ladder_id.eq(ladder))
        .select((programme_roles::user_id, programme_roles::role))
        .load::<(i64, String)>(conn)?
        .into_iter()
        .collect();
    people
        .into_iter()
        .map(|(id, display_name, role, agreement)| {
            let role = in_programme.get(&id).cloned().unwrap_or(role);
            let role: Role = crate::optional_code::read_code(role)?;
            let partner = agreement.and_then(|agreement_id| {
                Some(PartnerName {
                    partner: partner_of.get(&agreement_id)?.clone(),
                    agreement_id,
                })
            });
            Ok((
                id,
                StaffName {
                    display_name,
                    role,
                    partner,
                },
            ))
        })
        .collect::<QueryResult<_>>()
}

/// A partner's API client as the access log names it.
#[derive(Debug, Clone, PartialEq)]
pub struct PartnerName {
    pub partner: String,
    pub agreement_id: i64,
}

/// The partners behind API clients `ids` (row ids).
pub fn partners(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<HashMap<i64, PartnerName>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(api_clients::table
        .inner_join(agreements::table.inner_join(partners::table))
        .filter(api_clients::id.eq_any(ids))
        .select((api_clients::id, partners::name, agreements::id))
        .load::<(i64, String, i64)>(conn)?
        .into_iter()
        .map(|(id, partner, agreement_id)| {
            (
                id,
                PartnerName {
                    partner,
                    agreement_id,
                },
            )
        })
        .collect())
}

/// The employers of placements `ids`.
pub fn employers(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<HashMap<i64, String>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(placements::table
        .inner_join(employers::table)
        .filter(placements::id.eq_any(ids))
        .select((placements::id, employers::name))
        .load::<(i64, String)>(conn)?
        .into_iter()
        .collect())
}

/// The language of the organisation that runs programme `ladder` (`nb`, `sv`, `en`).
pub fn language_of(conn: &mut DbConnection, ladder: i64) -> QueryResult<Option<String>> {
    use crate::schema::{ladders, organisations};
    ladders::table
        .inner_join(organisations::table)
        .filter(ladders::id.eq(ladder))
        .select(organisations::default_language)
        .first(conn)
        .optional()
}
