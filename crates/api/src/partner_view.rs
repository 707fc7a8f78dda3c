//! What the web app's partner view needs to know of the agreement a partner
//! user follows.

use crate::error::ApiError;
use stige_domain::LadderId;
use stige_domain::partner::scope_from_text;
use stige_store::{DbConnection, ladders, partners};
use stige_wire::FollowedAgreement;

/// The agreement `agreement` as the partner view names it (`None` if it is gone).
pub fn followed_agreement(
    conn: &mut DbConnection,
    agreement: i64,
) -> Result<Option<FollowedAgreement>, ApiError> {
    let Some(row) = partners::agreement(conn, agreement)? else {
        return Ok(None);
    };
    let partner = partners::partner(conn, row.partner_id)?.ok_or(ApiError::NotFound)?;
    let ladder = ladders::get(conn, LadderId(row.ladder_id))?.ok_or(ApiError::NotFound)?;
    Ok(Some(FollowedAgreement {
        agreement_id: row.id,
        partner_name: partner.name,
        ladder_id: LadderId(row.ladder_id),
        programme_name: ladder.ladder.name,
        valid_from: row.valid_from,
        valid_to: row.valid_to,
        sharing_scope: scope_from_text(&row.sharing_scope).into_iter().collect(),
    }))
}
