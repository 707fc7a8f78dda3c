//! Partners, their cooperation agreements and the API clients of each agreement.

use crate::DbConnection;
use crate::schema::{agreements, api_clients, ladders, partners};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use stige_domain::OrganisationId;
use stige_domain::partner::{AgreementDraft, PartnerDraft, scope_to_text};

#[derive(Debug, Clone, Queryable, Selectable, PartialEq)]
#[diesel(table_name = partners)]
pub struct PartnerRow {
    pub id: i64,
    pub name: String,
    #[diesel(deserialize_as = String)]
    pub kind: stige_domain::partner::PartnerKind,
    pub organisation_number: String,
    pub created_at: NaiveDateTime,
    /// The organisation (social enterprise) the partner cooperates with.
    pub organisation_id: i64,
}

#[derive(Debug, Clone, Queryable, Selectable, PartialEq)]
#[diesel(table_name = agreements)]
pub struct AgreementRow {
    pub id: i64,
    pub partner_id: i64,
    pub ladder_id: i64,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub places: i32,
    pub sharing_scope: String,
    pub contact_name: String,
    pub contact_phone: String,
    pub contact_email: String,
    pub follow_up_name: String,
    pub follow_up_phone: String,
    pub follow_up_email: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// Raised by every change; `If-Match` names it.
    pub version: i64,
}

/// An agreement with its partner's and ladder's names and the places in use.
#[derive(Debug, Clone, PartialEq)]
pub struct AgreementListed {
    pub agreement: AgreementRow,
    pub partner_name: String,
    pub ladder_name: String,
    /// Active and paused participants under the agreement.
    pub places_used: i64,
}

#[derive(Debug, Clone, Queryable, Selectable, PartialEq)]
#[diesel(table_name = api_clients)]
pub struct ApiClientRow {
    pub id: i64,
    pub agreement_id: i64,
    pub client_id: String,
    pub secret_hash: String,
    pub created_at: NaiveDateTime,
    pub rotated_at: Option<NaiveDateTime>,
    pub revoked_at: Option<NaiveDateTime>,
}

/// A new partner of `organisation`.
pub fn insert_partner(
    conn: &mut DbConnection,
    organisation: OrganisationId,
    draft: &PartnerDraft,
) -> QueryResult<PartnerRow> {
    let id = diesel::insert_into(partners::table)
        .values((
            partners::organisation_id.eq(organisation.0),
            partners::name.eq(&draft.name),
            partners::kind.eq(draft.kind.as_str()),
            partners::organisation_number.eq(draft.organisation_number.digits()),
            partners::created_at.eq(crate::now()),
        ))
        .returning(partners::id)
        .get_result::<i64>(conn)?;
    partners::table
        .find(id)
        .select(PartnerRow::as_select())
        .first(conn)
}

pub fn update_partner(
    conn: &mut DbConnection,
    id: i64,
    draft: &PartnerDraft,
) -> QueryResult<Option<PartnerRow>> {
    diesel::update(partners::table.find(id))
        .set((
            partners::name.eq(&draft.name),
            partners::kind.eq(draft.kind.as_str()),
            partners::organisation_number.eq(draft.organisation_number.digits()),
        ))
        .execute(conn)?;
    partner(conn, id)
}

/// Another partner of `organisation` with this organisation number, if any
/// (another organisation may work with the same partner, unknown to this one).
pub fn partner_by_number(
    conn: &mut DbConnection,
    organisation: i64,
    digits: &str,
) -> QueryResult<Option<PartnerRow>> {
    partners::table
        .filter(partners::organisation_id.eq(organisation))
        .filter(partners::organisation_number.eq(digits))
        .select(PartnerRow::as_select())
        .first(conn)
        .optional()
}

/// The partners of `organisation`.
pub fn partners(
    conn: &mut DbConnection,
    organisation: OrganisationId,
) -> QueryResult<Vec<PartnerRow>> {
    partners::table
        .filter(partners::organisation_id.eq(organisation.0))
        .order((partners::name, partners::id))
        .select(PartnerRow::as_select())
        .load(conn)
}

pub fn partner(conn: &mut DbConnection, id: i64) -> QueryResult<Option<PartnerRow>> {
    partners::table
        .find(id)
        .select(PartnerRow::as_select())
        .first(conn)
        .optional()
}

/// The terms of an agreement as written on insert and update.
#[derive(Debug, Clone, Insertable, AsChangeset)]
#[diesel(table_name = agreements, treat_none_as_null = true)]
struct AgreementValues {
    valid_from: NaiveDate,
    valid_to: Option<NaiveDate>,
    places: i32,
    sharing_scope: String,
    contact_name: String,
    contact_phone: String,
    contact_email: String,
    follow_up_name: String,
    follow_up_phone: String,
    follow_up_email: String,
}

fn agreement_values(draft: &AgreementDraft) -> AgreementValues {
    AgreementValues {
        valid_from: draft.terms.valid_from,
        valid_to: draft.terms.valid_to,
        places: i32::try_from(draft.terms.places).unwrap_or(i32::MAX),
        sharing_scope: scope_to_text(&draft.sharing_scope),
        contact_name: draft.contact.name.clone(),
        contact_phone: draft.contact.phone.clone(),
        contact_email: draft.contact.email.clone(),
        follow_up_name: draft.follow_up_service.name.clone(),
        follow_up_phone: draft.follow_up_service.phone.clone(),
        follow_up_email: draft.follow_up_service.email.clone(),
    }
}

pub fn insert_agreement(
    conn: &mut DbConnection,
    partner: i64,
    ladder: i64,
    draft: &AgreementDraft,
) -> QueryResult<AgreementRow> {
    let now = crate::now();
    let id = diesel::insert_into(agreements::table)
        .values((
            agreements::partner_id.eq(partner),
            agreements::ladder_id.eq(ladder),
            agreement_values(draft),
            agreements::created_at.eq(now),
            agreements::updated_at.eq(now),
        ))
        .returning(agreements::id)
        .get_result::<i64>(conn)?;
    agreements::table
        .find(id)
        .select(AgreementRow::as_select())
        .first(conn)
}

/// Changes the terms if the agreement is still at `version`, raising it;
/// whether it was (a stale version changes nothing). The partner and ladder
/// of an agreement stay.
pub fn update_agreement(
    conn: &mut DbConnection,
    id: i64,
    version: i64,
    draft: &AgreementDraft,
) -> QueryResult<bool> {
    let updated = diesel::update(
        agreements::table
            .find(id)
            .filter(agreements::version.eq(version)),
    )
    .set((
        agreement_values(draft),
        agreements::updated_at.eq(crate::now()),
        agreements::version.eq(version + 1),
    ))
    .execute(conn)?;
    Ok(updated == 1)
}

pub fn agreement(conn: &mut DbConnection, id: i64) -> QueryResult<Option<AgreementRow>> {
    agreements::table
        .find(id)
        .select(AgreementRow::as_select())
        .first(conn)
        .optional()
}

/// Agreement `id` with the organisation whose programme it is about, in one
/// query (what every partner request needs to know of its agreement).
pub fn agreement_with_organisation(
    conn: &mut DbConnection,
    id: i64,
) -> QueryResult<Option<(AgreementRow, i64)>> {
    agreements::table
        .inner_join(ladders::table)
        .filter(agreements::id.eq(id))
        .select((AgreementRow::as_select(), ladders::organisation_id))
        .first(conn)
        .optional()
}

/// Agreements about the programmes `ladders` (of one partner, or all), with
/// names and place usage: three queries.
pub fn agreements(
    conn: &mut DbConnection,
    ladders: &[i64],
    partner: Option<i64>,
) -> QueryResult<Vec<AgreementListed>> {
    let mut q = agreements::table
        .inner_join(partners::table)
        .inner_join(ladders::table)
        .select((AgreementRow::as_select(), partners::name, ladders::name))
        .order((partners::name, agreements::valid_from, agreements::id))
        .into_boxed()
        .filter(agreements::ladder_id.eq_any(ladders.to_vec()));
    if let Some(p) = partner {
        q = q.filter(agreements::partner_id.eq(p));
    }
    let rows: Vec<(AgreementRow, String, String)> = q.load(conn)?;
    let ids: Vec<i64> = rows.iter().map(|(a, _, _)| a.id).collect();
    let used = places_used(conn, &ids)?;
    Ok(rows
        .into_iter()
        .map(|(agreement, partner_name, ladder_name)| {
            let places_used = used
                .iter()
                .find(|(id, _)| *id == agreement.id)
                .map_or(0, |(_, n)| *n);
            AgreementListed {
                agreement,
                partner_name,
                ladder_name,
                places_used,
            }
        })
        .collect())
}

/// Active and paused participants per agreement whose place it pays today.
pub fn places_used(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<(i64, i64)>> {
    crate::agreement_links::places_used(conn, ids, crate::now().date())
}

pub fn insert_client(
    conn: &mut DbConnection,
    agreement: i64,
    client_id: &str,
    secret_hash: &str,
) -> QueryResult<ApiClientRow> {
    let id = diesel::insert_into(api_clients::table)
        .values((
            api_clients::agreement_id.eq(agreement),
            api_clients::client_id.eq(client_id),
            api_clients::secret_hash.eq(secret_hash),
            api_clients::created_at.eq(crate::now()),
        ))
        .returning(api_clients::id)
        .get_result::<i64>(conn)?;
    api_clients::table
        .find(id)
        .select(ApiClientRow::as_select())
        .first(conn)
}

pub fn clients(conn: &mut DbConnection, agreement: i64) -> QueryResult<Vec<ApiClientRow>> {
    api_clients::table
        .filter(api_clients::agreement_id.eq(agreement))
        .order(api_clients::id)
        .select(ApiClientRow::as_select())
        .load(conn)
}

/// Every API client that is not revoked, of every organisation (for checks
/// of the installation at start, never for a request).
pub fn live_clients(conn: &mut DbConnection) -> QueryResult<Vec<ApiClientRow>> {
    api_clients::table
        .filter(api_clients::revoked_at.is_null())
        .order(api_clients::id)
        .select(ApiClientRow::as_select())
        .load(conn)
}

pub fn client(conn: &mut DbConnection, id: i64) -> QueryResult<Option<ApiClientRow>> {
    api_clients::table
        .find(id)
        .select(ApiClientRow::as_select())
        .first(conn)
        .optional()
}

pub fn client_by_client_id(
    conn: &mut DbConnection,
    client_id: &str,
) -> QueryResult<Option<ApiClientRow>> {
    api_clients::table
        .filter(api_clients::client_id.eq(client_id))
        .select(ApiClientRow::as_select())
        .first(conn)
        .optional()
}

pub fn rotate_client(conn: &mut DbConnection, id: i64, secret_hash: &str) -> QueryResult<()> {
    diesel::update(api_clients::table.find(id))
        .set((
            api_clients::secret_hash.eq(secret_hash),
            api_clients::rotated_at.eq(Some(crate::now())),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn revoke_client(conn: &mut DbConnection, id: i64) -> QueryResult<()> {
    diesel::update(api_clients::table.find(id))
        .filter(api_clients::revoked_at.is_null())
        .set(api_clients::revoked_at.eq(Some(crate::now())))
        .execute(conn)?;
    Ok(())
}
