DROP TRIGGER audit_events_no_truncate ON audit_events;
DROP TRIGGER audit_events_no_update_or_delete ON audit_events;
DROP FUNCTION audit_events_insert_only();
DROP INDEX audit_events_unchained;
ALTER TABLE audit_events DROP CONSTRAINT audit_events_chained;
ALTER TABLE audit_events DROP COLUMN hash, DROP COLUMN participant_ids;
