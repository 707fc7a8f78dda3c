//! The problem+json answers of the API document, declared once: a route
//! lists the ones it can give by name (`problem::NotFound`) in its
//! `#[utoipa::path(responses(...))]`, and `refine` turns each into a
//! reference to the one shared response of its status (its description, the
//! `Retry-After` or `WWW-Authenticate` header). A route that has more to say
//! about a status writes the tuple with a `description` instead.

use std::collections::BTreeMap;
use utoipa::openapi::{ContentBuilder, Ref, RefOr, Response, ResponseBuilder};

/// Problem+json answers with these statuses, no description of their own.
fn answers(statuses: &[&str]) -> BTreeMap<String, RefOr<Response>> {
    let answer = || {
        let content = ContentBuilder::new()
            .schema(Some(Ref::from_schema_name("Problem")))
            .build();
        ResponseBuilder::new()
            .description("")
            .content("application/problem+json", content)
            .build()
    };
    statuses
        .iter()
        .map(|status| ((*status).to_owned(), RefOr::T(answer())))
        .collect()
}

macro_rules! problems {
    ($($(#[$doc:meta])* $name:ident = $($status:literal),+;)*) => {
        $(
            $(#[$doc])*
            pub struct $name;

            impl utoipa::IntoResponses for $name {
                fn responses() -> BTreeMap<String, RefOr<Response>> {
                    answers(&[$($status),+])
                }
            }
        )*
    };
}

problems! {
    /// 400: a malformed body or query, or a missing required header.
    BadRequest = "400";
    /// 401: no valid token, or wrong credentials.
    Unauthorized = "401";
    /// 403: the role or token does not allow it.
    Forbidden = "403";
    /// 404: no such resource, or one the caller may not see.
    NotFound = "404";
    /// 409: the change conflicts with the resource's state.
    Conflict = "409";
    /// 410: a link that was used or has expired.
    Gone = "410";
    /// 412: `If-Match` names an old version.
    PreconditionFailed = "412";
    /// 422: a well-formed request that is not valid.
    ValidationFailed = "422";
    /// 428: `If-Match` is required.
    PreconditionRequired = "428";
    /// 429: too many attempts.
    TooManyRequests = "429";
    /// 503: the database cannot be reached.
    ServiceUnavailable = "503";
    /// A change of a placement under `If-Match`, by staff: 403, 404, 409,
    /// 412, 422 and 428.
    PlacementChange = "403", "404", "409", "412", "422", "428";
}
