-- The participants a request returned (lists), and the hash chain over the
-- audit events (see crates/store/src/audit_chain.rs). Rows from before this
-- migration are chained by `migrate::run` right after it (the one update the
-- trigger below lets through: giving an unchained row its hash).
ALTER TABLE audit_events ADD COLUMN participant_ids TEXT, ADD COLUMN hash TEXT;
-- New rows carry their hash; the rows already there get it from `migrate::run`.
ALTER TABLE audit_events ADD CONSTRAINT audit_events_chained CHECK (hash IS NOT NULL) NOT VALID;
CREATE INDEX audit_events_unchained ON audit_events(id) WHERE hash IS NULL;

-- Insert-only: no row is changed or removed, and the table is not truncated.
CREATE FUNCTION audit_events_insert_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF OLD.hash IS NULL AND NEW.hash IS NOT NULL
            AND (to_jsonb(NEW) - 'hash') = (to_jsonb(OLD) - 'hash') THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'audit events are insert-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_events_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_insert_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_insert_only();
