-- Peers (issue 26): a participant named peer support for a newcomer of the
-- same programme, from a day until an end; and peer support as recognised
-- work on a day of the work log.
CREATE TABLE peer_supports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
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
