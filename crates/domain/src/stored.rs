//! Values the database keeps as their codes (`active`, `coordinator`, ...),
//! read back into domain types as the store loads a row: a code that names
//! no value fails the read, once, where the row is read, instead of in every
//! handler (or behind a default that hides it). Each type says so where it
//! is defined, with [`stored_as_code!`]; every code list does.

/// A stored code that names no value of its kind (a database written by a
/// newer Stige, or changed by hand).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} {code:?} in the database")]
pub struct UnknownCode {
    pub kind: &'static str,
    pub code: String,
}

/// `TryFrom<String>` through the type's own `parse`, for the store's
/// `#[diesel(deserialize_as = String)]` fields.
macro_rules! stored_as_code {
    ($($ty:ident),* $(,)?) => {
        $(
            impl TryFrom<String> for $ty {
                type Error = $crate::stored::UnknownCode;

                fn try_from(code: String) -> Result<Self, Self::Error> {
                    $ty::parse(&code).ok_or($crate::stored::UnknownCode {
                        kind: stringify!($ty),
                        code,
                    })
                }
            }
        )*
    };
}
pub(crate) use stored_as_code;
