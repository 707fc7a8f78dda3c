-- Sessions that end (issue 21): an absolute end that refreshing cannot move,
-- the last time the session was used (for the idle timeout), and the refresh
-- tokens already traded in, so that a replayed one ends its whole session.
ALTER TABLE sessions ADD COLUMN ends_at TIMESTAMP NOT NULL DEFAULT '1970-01-01 00:00:00';
ALTER TABLE sessions ADD COLUMN last_seen_at TIMESTAMP NOT NULL DEFAULT '1970-01-01 00:00:00';
-- Open sessions keep the end they have and count as used now.
UPDATE sessions SET ends_at = expires_at, last_seen_at = strftime('%Y-%m-%d %H:%M:%f', 'now');
CREATE TABLE spent_refresh_tokens (
    refresh_hash TEXT PRIMARY KEY NOT NULL,
    session_id BIGINT NOT NULL REFERENCES sessions (id),
    spent_at TIMESTAMP NOT NULL
);
CREATE INDEX spent_refresh_tokens_session ON spent_refresh_tokens (session_id);
