-- The request that made an audit event (its X-Request-Id, log lines and
-- problem+json `instance`), linked into the hash chain when there is one
-- (see crates/store/src/audit_chain.rs). The read log's column is added by
-- crates/store/src/read_events.rs. Rows already chained cannot be updated
-- (the insert-only trigger), so old events keep no request id.
ALTER TABLE audit_events ADD COLUMN request_id TEXT;
