//! Which organisation's rows a request may touch on PostgreSQL (issue 27):
//! set by the principal's extractor, read by the store helpers in
//! [`crate::db`], which run the request's queries in that scope (see
//! `stige_store::row_security`). A request without a principal (sign-in,
//! health, an employer's link) runs as the installation.

use actix_web::Error;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use std::cell::Cell;
use stige_domain::OrganisationId;
use stige_store::row_security::RowScope;

tokio::task_local! {
    static SCOPE: Cell<RowScope>;
}

/// Gives each request its own scope, the installation until a principal is known.
pub async fn establish(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    SCOPE
        .scope(Cell::new(RowScope::Installation), next.call(req))
        .await
}

/// The request's principal belongs to `organisation` (none: a platform admin).
pub fn set(organisation: Option<OrganisationId>) {
    let scope = RowScope::Organisation(organisation.map(|o| o.0));
    // Outside a request (a test calling a helper directly) there is nothing to set.
    let _ = SCOPE.try_with(|s| s.set(scope));
}

/// The scope of the current request.
pub fn current() -> RowScope {
    SCOPE.try_with(Cell::get).unwrap_or(RowScope::Installation)
}
