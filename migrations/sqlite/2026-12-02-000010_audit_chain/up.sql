-- The participants a request returned (lists), and the hash chain over the
-- audit events (see crates/store/src/audit_chain.rs). Rows from before this
-- migration are chained by `migrate::run` right after it (the one update the
-- trigger below lets through: giving an unchained row its hash).
ALTER TABLE audit_events ADD COLUMN participant_ids TEXT;
ALTER TABLE audit_events ADD COLUMN hash TEXT;
CREATE INDEX audit_events_unchained ON audit_events(id) WHERE hash IS NULL;

-- Insert-only: no row is changed or removed.
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
WHEN OLD.hash IS NOT NULL OR NEW.hash IS NULL
    OR NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at
    OR NEW.actor_kind IS NOT OLD.actor_kind OR NEW.actor_id IS NOT OLD.actor_id
    OR NEW.action IS NOT OLD.action OR NEW.participant_id IS NOT OLD.participant_id
    OR NEW.participant_ids IS NOT OLD.participant_ids
    OR NEW.ip IS NOT OLD.ip OR NEW.detail IS NOT OLD.detail
BEGIN
    SELECT RAISE(ABORT, 'audit events are insert-only');
END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit events are insert-only');
END;
CREATE TRIGGER audit_events_chained BEFORE INSERT ON audit_events
WHEN NEW.hash IS NULL
BEGIN
    SELECT RAISE(ABORT, 'an audit event is inserted with its chain hash');
END;
