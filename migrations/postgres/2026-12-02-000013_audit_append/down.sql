DROP FUNCTION audit_events_append(JSONB);
DROP FUNCTION audit_events_part(TEXT);
