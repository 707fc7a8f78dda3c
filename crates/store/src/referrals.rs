//! Referrals from partners, and the duplicates staff should know about.

use crate::DbConnection;
use crate::participants::StoredNationalId;
use crate::schema::{agreements, participants, partners, referrals, users};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use stige_domain::referral::{DeclineReason, ReferralChannel, ReferralDraft, ReferralStatus};
use stige_domain::{EnrolmentStatus, ParticipantId};

#[derive(Debug, Clone, Queryable, Selectable, PartialEq)]
#[diesel(table_name = referrals)]
pub struct ReferralRow {
    pub id: i64,
    /// `None` for a self-referral.
    pub agreement_id: Option<i64>,
    #[diesel(deserialize_as = String)]
    pub status: ReferralStatus,
    pub given_name: String,
    pub family_name: String,
    pub search_name: String,
    pub birth_date: Option<NaiveDate>,
    pub national_id_cipher: Option<String>,
    pub national_id_masked: Option<String>,
    #[diesel(deserialize_as = crate::optional_code::OptionalCode)]
    pub national_id_kind: Option<stige_domain::NationalIdKind>,
    pub national_id_lookup: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub reason: String,
    pub partner_contact_name: String,
    pub partner_contact_phone: Option<String>,
    pub partner_contact_email: Option<String>,
    pub consent_collected: bool,
    pub waiting_since: Option<NaiveDateTime>,
    pub decline_reason: Option<String>,
    pub decline_text: Option<String>,
    pub participant_id: Option<i64>,
    pub received_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// The programme the referral is to (the agreement's, or the self-referral's).
    pub ladder_id: i64,
    #[diesel(deserialize_as = String)]
    pub channel: ReferralChannel,
    /// The staff member who recorded it, or the partner user who sent it. `None` for a partner's API client.
    pub recorded_by: Option<i64>,
}

impl ReferralRow {
    pub fn status(&self) -> ReferralStatus {
        self.status
    }

    pub fn channel(&self) -> ReferralChannel {
        self.channel
    }
}

/// A referral with its agreement's partner (none for a self-referral) and who
/// recorded it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReferralListed {
    pub referral: ReferralRow,
    /// `(id, name)` of the partner; `None` for a self-referral.
    pub partner: Option<(i64, String)>,
    /// The display name of the staff member who recorded it, if staff did.
    pub recorded_by_name: Option<String>,
    /// The programme the referral is to.
    pub ladder_id: i64,
}

/// Where a referral comes from: a partner's agreement (through its API client or
/// recorded by staff), or a self-referral to a programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReferralSource {
    pub agreement: Option<i64>,
    pub ladder: i64,
    pub channel: ReferralChannel,
    /// The staff member who recorded it, or the partner user who sent it.
    pub recorded_by: Option<i64>,
}

fn search_name(given: &str, family: &str) -> String {
    format!("{given} {family}").to_lowercase()
}

fn empty_to_none(value: &str) -> Option<&str> {
    Some(value).filter(|v| !v.is_empty())
}

pub fn insert(
    conn: &mut DbConnection,
    source: ReferralSource,
    draft: &ReferralDraft,
    national_id: Option<&StoredNationalId>,
) -> QueryResult<ReferralRow> {
    let now = crate::now();
    let (given, family) = (draft.given_name.as_str(), draft.family_name.as_str());
    let contact = draft.partner_contact.as_ref();
    let id = diesel::insert_into(referrals::table)
        .values((
            referrals::agreement_id.eq(source.agreement),
            referrals::ladder_id.eq(source.ladder),
            referrals::channel.eq(source.channel.as_str()),
            referrals::recorded_by.eq(source.recorded_by),
            referrals::status.eq(ReferralStatus::Received.as_str()),
            referrals::given_name.eq(given),
            referrals::family_name.eq(family),
            referrals::search_name.eq(search_name(given, family)),
            referrals::birth_date.eq(draft.birth_date),
            referrals::national_id_cipher.eq(national_id.map(|n| n.cipher.as_str())),
            referrals::national_id_masked.eq(national_id.map(|n| n.masked.as_str())),
            referrals::national_id_kind.eq(national_id.map(|n| n.kind.as_str())),
            referrals::national_id_lookup.eq(national_id.and_then(|n| n.lookup.as_deref())),
            referrals::phone.eq(draft.phone.as_deref()),
            referrals::email.eq(draft.email.as_deref()),
            referrals::reason.eq(&draft.reason),
            referrals::partner_contact_name.eq(contact.map_or("", |c| c.name.as_str())),
            referrals::partner_contact_phone.eq(contact.and_then(|c| empty_to_none(&c.phone))),
            referrals::partner_contact_email.eq(contact.and_then(|c| empty_to_none(&c.email))),
            referrals::consent_collected.eq(draft.consent_collected),
            referrals::received_at.eq(now),
            referrals::updated_at.eq(now),
        ))
        .returning(referrals::id)
        .get_result::<i64>(conn)?;
    referrals::table
        .find(id)
        .select(ReferralRow::as_select())
        .first(conn)
}

/// The columns of a [`ReferralListed`], read by [`get`] and [`list`].
type ListedRow = (ReferralRow, Option<i64>, Option<String>, Option<String>);

#[allow(clippy::type_complexity)]
fn listed_columns() -> (
    diesel::dsl::AsSelect<ReferralRow, <DbConnection as Connection>::Backend>,
    diesel::dsl::Nullable<partners::id>,
    diesel::dsl::Nullable<partners::name>,
    diesel::dsl::Nullable<users::display_name>,
) {
    (
        ReferralRow::as_select(),
        partners::id.nullable(),
        partners::name.nullable(),
        users::display_name.nullable(),
    )
}

impl From<ListedRow> for ReferralListed {
    fn from((referral, partner_id, partner_name, recorded_by_name): ListedRow) -> Self {
        let ladder_id = referral.ladder_id;
        ReferralListed {
            referral,
            partner: partner_id.zip(partner_name),
            recorded_by_name,
            ladder_id,
        }
    }
}

/// Referrals with their partner and recorder, for [`listed_columns`].
macro_rules! listed_from {
    () => {
        referrals::table
            .left_join(agreements::table.left_join(partners::table))
            .left_join(users::table)
    };
}

pub fn get(conn: &mut DbConnection, id: i64) -> QueryResult<Option<ReferralListed>> {
    Ok(listed_from!()
        .filter(referrals::id.eq(id))
        .select(listed_columns())
        .first::<ListedRow>(conn)
        .optional()?
        .map(ReferralListed::from))
}

/// The referral a participant came from, if any (the latest, should there be
/// more than one), with its partner.
pub fn of_participant(
    conn: &mut DbConnection,
    participant: ParticipantId,
) -> QueryResult<Option<ReferralListed>> {
    // One statement (the participant page asks for it on every read).
    Ok(listed_from!()
        .filter(referrals::participant_id.eq(Some(participant.0)))
        .order(referrals::id.desc())
        .select(listed_columns())
        .first::<ListedRow>(conn)
        .optional()?
        .map(ReferralListed::from))
}

/// Every referral that led to `participant`, oldest first.
pub fn all_of_participant(
    conn: &mut DbConnection,
    participant: ParticipantId,
) -> QueryResult<Vec<ReferralListed>> {
    Ok(listed_from!()
        .filter(referrals::participant_id.eq(Some(participant.0)))
        .order(referrals::id.asc())
        .select(listed_columns())
        .load::<ListedRow>(conn)?
        .into_iter()
        .map(ReferralListed::from)
        .collect())
}

/// How many partners' referrals wait in the inbox for a first decision
/// (received): the one definition of the figure Today shows over the inbox,
/// which lists exactly these first.
/// Only referrals to the programmes `ladders` count.
pub fn inbox_count(conn: &mut DbConnection, ladders: &[i64]) -> QueryResult<i64> {
    referrals::table
        .filter(referrals::ladder_id.eq_any(ladders.to_vec()))
        .filter(referrals::status.eq(ReferralStatus::Received.as_str()))
        .count()
        .get_result(conn)
}

/// Filters of the referral list.
#[derive(Debug, Clone)]
pub struct ReferralFilter {
    /// Only referrals to these programmes (the caller's).
    pub ladders: Vec<i64>,
    pub agreement: Option<i64>,
    pub status: Option<ReferralStatus>,
    pub limit: i64,
    pub offset: i64,
}

impl ReferralFilter {
    /// Every referral to the programmes `ladders`, the first 50.
    pub fn to(ladders: Vec<i64>) -> Self {
        ReferralFilter {
            ladders,
            agreement: None,
            status: None,
            limit: 50,
            offset: 0,
        }
    }
}

/// A page of referrals, newest first, and how many match.
pub fn list(
    conn: &mut DbConnection,
    filter: &ReferralFilter,
) -> QueryResult<(Vec<ReferralListed>, i64)> {
    let query = || {
        let mut q = listed_from!()
            .into_boxed()
            .filter(referrals::ladder_id.eq_any(filter.ladders.clone()));
        if let Some(a) = filter.agreement {
            q = q.filter(referrals::agreement_id.eq(a));
        }
        if let Some(s) = filter.status {
            q = q.filter(referrals::status.eq(s.as_str()));
        }
        q
    };
    let total: i64 = query().count().get_result(conn)?;
    let rows: Vec<ListedRow> = query()
        .order(referrals::id.desc())
        .limit(filter.limit)
        .offset(filter.offset)
        .select(listed_columns())
        .load(conn)?;
    Ok((rows.into_iter().map(ReferralListed::from).collect(), total))
}

/// Records a triage decision.
pub fn set_status(
    conn: &mut DbConnection,
    id: i64,
    status: ReferralStatus,
    decline: Option<(DeclineReason, Option<&str>)>,
) -> QueryResult<()> {
    let now = crate::now();
    let waiting_since = (status == ReferralStatus::WaitingList).then_some(now);
    diesel::update(referrals::table.find(id))
        .set((
            referrals::status.eq(status.as_str()),
            referrals::waiting_since.eq(waiting_since),
            referrals::decline_reason.eq(decline.map(|(r, _)| r.as_str())),
            referrals::decline_text.eq(decline.and_then(|(_, t)| t)),
            referrals::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn link_participant(
    conn: &mut DbConnection,
    id: i64,
    participant: ParticipantId,
) -> QueryResult<()> {
    diesel::update(referrals::table.find(id))
        .set(referrals::participant_id.eq(Some(participant.0)))
        .execute(conn)?;
    Ok(())
}

/// The place in the waiting list of each waiting referral of `agreement` (of the
/// self-referrals to `ladder` when `None`), first in line first:
/// `(referral id, 1-based position)`.
pub fn waiting_positions(
    conn: &mut DbConnection,
    agreement: Option<i64>,
    ladder: i64,
) -> QueryResult<Vec<(i64, i64)>> {
    let mut q = referrals::table
        .filter(referrals::status.eq(ReferralStatus::WaitingList.as_str()))
        .into_boxed();
    q = match agreement {
        Some(a) => q.filter(referrals::agreement_id.eq(a)),
        None => q
            .filter(referrals::agreement_id.is_null())
            .filter(referrals::ladder_id.eq(ladder)),
    };
    let ids: Vec<i64> = q
        .order((referrals::waiting_since, referrals::id))
        .select(referrals::id)
        .load(conn)?;
    Ok(ids.into_iter().zip(1..).collect())
}

/// Who a referral may be the same person as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Duplicate {
    /// A participant who is not exited.
    Participant(i64),
    /// Another open referral.
    Referral(i64),
}

/// People an open referral may duplicate: the same national id (by lookup hash), or
/// the same name and birth date, among participants not exited and other open
/// referrals. Decided referrals have none.
pub fn possible_duplicates(
    conn: &mut DbConnection,
    r: &ReferralRow,
) -> QueryResult<Vec<Duplicate>> {
    let open = [
        ReferralStatus::Received.as_str(),
        ReferralStatus::InAssessment.as_str(),
        ReferralStatus::WaitingList.as_str(),
    ];
    let mut found = Vec::new();
    if !r.status().is_open() {
        return Ok(found);
    }
    let same_person_p = |conn: &mut DbConnection| -> QueryResult<Vec<i64>> {
        let mut q = participants::table
            .filter(participants::status.ne(EnrolmentStatus::Exited.as_str()))
            .into_boxed();
        q = match (&r.national_id_lookup, r.birth_date) {
            (Some(lookup), Some(born)) => q.filter(
                participants::national_id_lookup
                    .eq(lookup.clone())
                    .or(participants::search_name
                        .eq(r.search_name.clone())
                        .and(participants::birth_date.eq(born))),
            ),
            (Some(lookup), None) => q.filter(participants::national_id_lookup.eq(lookup.clone())),
            (None, Some(born)) => q.filter(
                participants::search_name
                    .eq(r.search_name.clone())
                    .and(participants::birth_date.eq(born)),
            ),
            (None, None) => return Ok(vec![]),
        };
        q.select(participants::id)
            .order(participants::id)
            .load(conn)
    };
    found.extend(same_person_p(conn)?.into_iter().map(Duplicate::Participant));
    let mut q = referrals::table
        .filter(referrals::id.ne(r.id))
        .filter(referrals::status.eq_any(open))
        .into_boxed();
    q = match (&r.national_id_lookup, r.birth_date) {
        (Some(lookup), Some(born)) => q.filter(
            referrals::national_id_lookup
                .eq(lookup.clone())
                .or(referrals::search_name
                    .eq(r.search_name.clone())
                    .and(referrals::birth_date.eq(born))),
        ),
        (Some(lookup), None) => q.filter(referrals::national_id_lookup.eq(lookup.clone())),
        (None, Some(born)) => q.filter(
            referrals::search_name
                .eq(r.search_name.clone())
                .and(referrals::birth_date.eq(born)),
        ),
        (None, None) => return Ok(found),
    };
    let others: Vec<i64> = q.select(referrals::id).order(referrals::id).load(conn)?;
    found.extend(others.into_iter().map(Duplicate::Referral));
    Ok(found)
}
