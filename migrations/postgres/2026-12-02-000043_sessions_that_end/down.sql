DROP TABLE spent_refresh_tokens;
ALTER TABLE sessions DROP COLUMN last_seen_at;
ALTER TABLE sessions DROP COLUMN ends_at;
