//! An optional value the database keeps as its code (a person's income
//! source, a status change's earlier status): read as text, then into the
//! domain type, for fields of type `Option<T>` marked
//! `#[diesel(deserialize_as = OptionalCode)]`. An unknown code fails the
//! read, naming it, as `stige_domain::stored::stored_as_code!` does for
//! required values; an empty column is `None`.

use diesel::backend::Backend;
use diesel::deserialize::{self, FromStaticSqlRow, Queryable};
use diesel::sql_types::{Nullable, Text};
use stige_domain::stored::UnknownCode;

/// A nullable text column holding a code.
#[derive(Debug)]
pub struct OptionalCode(Option<String>);

impl<DB> Queryable<Nullable<Text>, DB> for OptionalCode
where
    DB: Backend,
    Option<String>: FromStaticSqlRow<Nullable<Text>, DB>,
{
    type Row = Option<String>;

    fn build(row: Self::Row) -> deserialize::Result<Self> {
        Ok(Self(row))
    }
}

/// `TryFrom<OptionalCode>` for `Option<T>` of each type named, through the
/// type's `TryFrom<String>` (its `stored_as_code!`).
macro_rules! optional_codes {
    ($($ty:ty),* $(,)?) => {
        $(
            impl TryFrom<OptionalCode> for Option<$ty> {
                type Error = UnknownCode;

                fn try_from(code: OptionalCode) -> Result<Self, UnknownCode> {
                    code.0.map(<$ty>::try_from).transpose()
                }
            }
        )*
    };
}

optional_codes!(
    stige_domain::EnrolmentStatus,
    stige_domain::ExitOutcome,
    stige_domain::NationalIdKind,
    stige_domain::situation::IncomeSource,
    stige_domain::situation::Occupation,
    stige_domain::situation::Education,
    stige_domain::situation::Gender,
    stige_domain::attendance::AttendanceMark,
    stige_domain::consent::SharingCategory,
    stige_domain::activity::ActivityEnding,
    stige_domain::work::Independence,
    stige_domain::placement::PlacementStatus,
    stige_domain::proposal::EndReason,
);

/// A stored code read by hand (a column of a tuple, not a row's field) that
/// names no value: the read fails, naming it, as a row's field does.
pub fn unknown(e: UnknownCode) -> diesel::result::Error {
    diesel::result::Error::DeserializationError(Box::new(e))
}

/// The domain value a stored `code` names, or the failed read.
pub fn read_code<T: TryFrom<String, Error = UnknownCode>>(code: String) -> diesel::QueryResult<T> {
    T::try_from(code).map_err(unknown)
}
