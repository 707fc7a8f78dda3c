//! Authentication: staff passwords (argon2id), access tokens (JWT, HS256), sessions.

pub mod jwt;
pub mod partner;
pub mod principal;

pub use partner::{Caller, PartnerClient, Reader};
pub use principal::{SignedIn, Staff, StaffToken};
