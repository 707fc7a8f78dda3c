DROP FUNCTION audit_events_append(JSONB);
ALTER TABLE audit_events DROP COLUMN request_id;
CREATE FUNCTION audit_events_append(entries JSONB) RETURNS VOID LANGUAGE plpgsql AS $$
DECLARE
    previous TEXT;
    e RECORD;
BEGIN
    -- The lock of audit_chain.rs (PG_APPEND_LOCK), held until the calling
    -- transaction ends; each statement below sees what the last holder committed.
    PERFORM pg_advisory_xact_lock(6013547295247791460);
    SELECT hash INTO previous FROM audit_events ORDER BY id DESC LIMIT 1;
    IF NOT FOUND THEN
        previous := '';
    ELSIF previous IS NULL THEN
        RAISE EXCEPTION 'audit events not chained yet: run stige migrate';
    END IF;
    FOR e IN SELECT * FROM jsonb_to_recordset(entries) AS x(
        at TIMESTAMP, actor_kind TEXT, actor_id BIGINT, action TEXT, participant_id BIGINT,
        participant_ids TEXT, ip TEXT, detail TEXT)
    LOOP
        previous := encode(sha256(convert_to(
            audit_events_part(previous)
            || audit_events_part(to_char(e.at, 'YYYY-MM-DD"T"HH24:MI:SS.US'))
            || audit_events_part(e.actor_kind)
            || audit_events_part(e.actor_id::text)
            || audit_events_part(e.action)
            || audit_events_part(e.participant_id::text)
            || audit_events_part(e.participant_ids)
            || audit_events_part(e.ip)
            || audit_events_part(e.detail), 'UTF8')), 'hex');
        INSERT INTO audit_events (at, actor_kind, actor_id, action, participant_id,
                                  participant_ids, ip, detail, hash)
        VALUES (e.at, e.actor_kind, e.actor_id, e.action, e.participant_id,
                e.participant_ids, e.ip, e.detail, previous);
    END LOOP;
END
$$;
