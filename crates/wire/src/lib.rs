//! stige-wire: what travels over Stige's REST API, the request and response
//! bodies, the query parameters and the problem+json error, shared by the
//! server (which documents them in OpenAPI with the `openapi` feature), the
//! typed client in `stige-client` and the web app. No IO here: only types, their
//! serde shape and the checks a body makes of itself.

pub mod accounts;
pub mod activities;
pub mod contact;
pub mod daily;
pub mod employers;
mod object;
pub mod outcomes;
pub mod partners;
pub mod peers;
pub mod plan;
pub mod privacy;
pub mod production;
pub mod refs;
pub mod reports;
pub mod types;
pub mod utc;
pub mod work;

pub use accounts::*;
pub use activities::*;
pub use contact::*;
pub use daily::*;
pub use employers::*;
pub use outcomes::*;
pub use partners::*;
pub use peers::*;
pub use plan::*;
pub use privacy::*;
pub use production::*;
pub use refs::*;
pub use reports::*;
pub use types::*;
pub use work::*;
