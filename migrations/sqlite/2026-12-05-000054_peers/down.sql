ALTER TABLE work_days DROP COLUMN peer_support;
DROP TABLE peer_supports;
