-- Peers (issue 26): a participant named peer support for a newcomer of the
-- same programme, from a day until an end; and peer support as recognised
-- work on a day of the work log.
CREATE TABLE peer_supports (
    id BIGSERIAL PRIMARY KEY,
    peer_id BIGINT NOT NULL REFERENCES participants(id),
    newcomer_id BIGINT NOT NULL REFERENCES participants(id),
    starts_on DATE NOT NULL,
    ends_on DATE,
    recorded_by BIGINT NOT NULL REFERENCES users(id),
    recorded_at TIMESTAMP NOT NULL,
    updated_by BIGINT NOT NULL REFERENCES users(id),
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX peer_supports_peer ON peer_supports(peer_id);
CREATE INDEX peer_supports_newcomer ON peer_supports(newcomer_id);

ALTER TABLE work_days ADD COLUMN peer_support BOOLEAN NOT NULL DEFAULT FALSE;

ALTER TABLE peer_supports ENABLE ROW LEVEL SECURITY;
CREATE POLICY of_organisation ON peer_supports
    USING (EXISTS (SELECT 1 FROM participants p WHERE p.id = peer_id)
        AND EXISTS (SELECT 1 FROM participants p WHERE p.id = newcomer_id))
    WITH CHECK (EXISTS (SELECT 1 FROM participants p WHERE p.id = peer_id)
        AND EXISTS (SELECT 1 FROM participants p WHERE p.id = newcomer_id));
