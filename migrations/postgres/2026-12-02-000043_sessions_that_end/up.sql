-- Sessions that end (issue 21): an absolute end that refreshing cannot move,
-- the last time the session was used (for the idle timeout), and the refresh
-- tokens already traded in, so that a replayed one ends its whole session.
ALTER TABLE sessions ADD COLUMN ends_at TIMESTAMP;
ALTER TABLE sessions ADD COLUMN last_seen_at TIMESTAMP;
-- Open sessions keep the end they have and count as used now.
UPDATE sessions SET ends_at = expires_at, last_seen_at = (now() AT TIME ZONE 'UTC');
ALTER TABLE sessions ALTER COLUMN ends_at SET NOT NULL;
ALTER TABLE sessions ALTER COLUMN last_seen_at SET NOT NULL;
CREATE TABLE spent_refresh_tokens (
    refresh_hash TEXT PRIMARY KEY NOT NULL,
    session_id BIGINT NOT NULL REFERENCES sessions (id),
    spent_at TIMESTAMP NOT NULL
);
CREATE INDEX spent_refresh_tokens_session ON spent_refresh_tokens (session_id);
