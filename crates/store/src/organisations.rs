//! Organisations: the social enterprises an installation serves. Each owns its
//! ladders (programmes), partners, employers and users.

use crate::DbConnection;
use crate::schema::{ladders, organisations};
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, PartialEq)]
#[diesel(table_name = organisations)]
pub struct OrganisationRow {
    pub id: i64,
    pub name: String,
    pub organisation_number: String,
    #[diesel(deserialize_as = String)]
    pub country: stige_domain::organisation_number::Country,
    #[diesel(deserialize_as = String)]
    pub default_language: stige_domain::placement::Language,
    /// The word the organisation uses for a participant.
    pub participant_word: String,
    /// Years after exit before a person's data is anonymised.
    pub retention_years: i32,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = organisations)]
pub struct NewOrganisation<'a> {
    pub name: &'a str,
    pub organisation_number: &'a str,
    pub country: &'a str,
    pub default_language: &'a str,
    pub participant_word: &'a str,
    pub retention_years: i32,
    pub created_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, row: &NewOrganisation<'_>) -> QueryResult<OrganisationRow> {
    let id = diesel::insert_into(organisations::table)
        .values(row)
        .returning(organisations::id)
        .get_result::<i64>(conn)?;
    organisations::table
        .find(id)
        .select(OrganisationRow::as_select())
        .first(conn)
}

pub fn get(conn: &mut DbConnection, id: i64) -> QueryResult<Option<OrganisationRow>> {
    organisations::table
        .find(id)
        .select(OrganisationRow::as_select())
        .first(conn)
        .optional()
}

pub fn list(conn: &mut DbConnection) -> QueryResult<Vec<OrganisationRow>> {
    organisations::table
        .order((organisations::name.asc(), organisations::id.asc()))
        .select(OrganisationRow::as_select())
        .load(conn)
}

/// The organisation that owns `ladder`.
pub fn of_ladder(conn: &mut DbConnection, ladder: i64) -> QueryResult<Option<OrganisationRow>> {
    organisations::table
        .inner_join(ladders::table)
        .filter(ladders::id.eq(ladder))
        .select(OrganisationRow::as_select())
        .first(conn)
        .optional()
}

/// The ids of an organisation's ladders.
pub fn ladder_ids(conn: &mut DbConnection, organisation: i64) -> QueryResult<Vec<i64>> {
    ladders::table
        .filter(ladders::organisation_id.eq(organisation))
        .order(ladders::id.asc())
        .select(ladders::id)
        .load(conn)
}
