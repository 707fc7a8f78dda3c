//! A change to the organisation's set-up (programmes, steps, workplaces,
//! tasks, production, partners and their agreements, API clients,
//! employers), recorded in the audit log: no person's data.

use crate::auth::Staff;
use crate::error::ApiError;
use stige_domain::AuditAction;
use stige_store::DbConnection;
use stige_store::audit::{self, AuditEvent};

/// Records a change to the set-up (no person's data), with `detail`.
pub fn record(
    conn: &mut DbConnection,
    staff: &Staff,
    action: AuditAction,
    detail: String,
) -> Result<(), ApiError> {
    record_about_no_one(conn, staff, action, Some(detail))
}

/// Records what `staff` did that touches no person's data (the set-up, their
/// own sessions or password), with `detail` if any.
pub fn record_about_no_one(
    conn: &mut DbConnection,
    staff: &Staff,
    action: AuditAction,
    detail: Option<String>,
) -> Result<(), ApiError> {
    audit::record(
        conn,
        AuditEvent {
            actor: staff.actor(),
            action,
            participant: None,
            ip: staff.ip.as_deref(),
            detail,
        },
    )?;
    Ok(())
}
