-- Placements and agreements carry a version, as participants do: every change
-- raises it, and a change sent with a stale one (If-Match) writes nothing.
ALTER TABLE placements ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE agreements ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
